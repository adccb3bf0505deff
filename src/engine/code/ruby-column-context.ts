/**
 * What ties a column's name found in Ruby to a table other than the dropped column's (usage-reference.ts reads the
 * file with Prism and asks here). A column is this table's where the code names it in its table's context: the
 * model's attribute, a query on the model, SQL on the table. These say it is another's (panoptes' 14 uses of
 * `subject_id`, a column of many tables, beside the dropped aggregations.subject_id):
 * - a string of prose (`'The aggregation service is unavailable'`), or SQL whose column is qualified by another
 *   table or alias (`cs.subject_id`, `'set_member_subjects.subject_id'`), or a whole statement on other tables only;
 * - a query through another table's association (`resource.set_member_subjects.where(subject_id: ...)`);
 * - a record another model's call yields or returns (`GoldStandardAnnotation.create!(...) do |gsa| gsa.subject_id = ...`);
 * - a class's own macro in a class that is not the model's (`attr_reader :subject_id`, ActiveInteraction's `integer :subject_id`).
 */
import { BlockNode, BlockParametersNode, CallNode, ClassNode, ConstantPathNode, ConstantReadNode, DefNode, LocalVariableWriteNode, ModuleNode, RequiredParameterNode, SelfNode, StatementsNode, SymbolNode, type Node } from "@ruby/prism";
import { singularize } from "../adapters/rails/inflections.js";
import { rubyChildren } from "../adapters/rails/ruby-children.js";
import { escapeRegExp } from "../regexp.js";

/** SQL's own words and operators: a string with one is (a fragment of) SQL, never prose. */
const SQL_WORDS = /[=<>?]|\b(?:select|from|where|join|update|insert|delete|having|distinct|returning|between|ilike|coalesce|is\s+(?:not\s+)?null|order\s+by|group\s+by|asc|desc)\b/i;

/** Three plain words in a row, and nothing of SQL: a sentence (a message, a label), which reads no column. */
export const isProse = (text: string) => /[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/.test(text) && !SQL_WORDS.test(text);

/**
 * A string holding the column's name (not the name alone, not naming the table: the caller checked) that cannot read
 * this table's column: prose; SQL where every mention is qualified by another table or alias (`cs.subject_id`); a
 * whole statement whose FROM, JOIN, UPDATE and INTO name only other tables (`SELECT subject_id FROM classification_subjects`).
 */
export function stringReadsOtherTable(text: string, word: string, table: string): boolean {
  if (isProse(text)) return true;
  const name = escapeRegExp(word);
  const mentions = [...text.matchAll(new RegExp(`(?<![\\w$])(?:(["\`]?)(\\w+)\\1\\s*\\.\\s*)?["\`]?${name}(?![\\w$])`, "g"))];
  if (mentions.length > 0 && mentions.every((m) => m[2] !== undefined && m[2] !== table)) return true;
  if (!/^\s*(?:select|update|insert|delete|with)\b/i.test(text)) return false;
  const tables = [...text.matchAll(/\b(?:from|join|update|into)\s+["`]?(\w+)/gi)].map((m) => m[1]);
  return tables.length > 0 && !tables.includes(table);
}

/** Association readers called on the way to `node` (`resource.set_member_subjects` -> set_member_subjects): calls without arguments or block. */
function associationsBelow(node: Node | null): string[] {
  const out: string[] = [];
  for (let n = node; n instanceof CallNode; n = n.receiver) if (!n.arguments_ && !n.block && n.receiver) out.push(n.name);
  return out;
}

/**
 * The table a call chain works on by the association it goes through (`x.set_member_subjects.where(...)`, `x.aggregation.subject_id`):
 * "this" for the dropped column's table or record, "another" for another model's, undefined when no association of a
 * known model is on the way.
 */
export function associationTable(receiver: Node | null, table: string, record: string, otherRecords: ReadonlySet<string>): "this" | "another" | undefined {
  for (const name of associationsBelow(receiver)) {
    if (name === table || name === record) return "this";
    if (otherRecords.has(name) || otherRecords.has(singularize(name))) return "another";
  }
  return undefined;
}

/** The constant a call chain starts from (`GoldStandardAnnotation.create!(...)` -> GoldStandardAnnotation). */
function chainConstant(node: Node | null | undefined): string | undefined {
  let n = node;
  while (n instanceof CallNode && n.receiver) n = n.receiver;
  return n instanceof ConstantReadNode ? n.name : n instanceof ConstantPathNode ? (n.name ?? undefined) : undefined;
}

/**
 * The model class whose record a local holds, as the code around it says: a block's parameter of a call on the class
 * (`GoldStandardAnnotation.create!(...) do |gsa|`, `Subject.find_each do |subject|`), or a local the method assigns a
 * call on it (`gsa = GoldStandardAnnotation.new(...)`, one class for every assignment). Undefined when it does not say.
 */
export function localRecordClass(path: readonly Node[], local: string): string | undefined {
  for (let i = 1; i < path.length; i++) {
    const node = path[i];
    if (node instanceof BlockNode && node.parameters instanceof BlockParametersNode) {
      const names = node.parameters.parameters?.requireds.map((p) => (p instanceof RequiredParameterNode ? p.name : undefined)) ?? [];
      const owner = path[i + 1];
      if (names.includes(local)) return owner instanceof CallNode && owner.block === node ? chainConstant(owner) : undefined;
    }
    if (node instanceof DefNode || node instanceof ClassNode || node instanceof ModuleNode || i === path.length - 1) {
      const classes = new Set<string | undefined>();
      const visit = (n: Node) => {
        if (n !== node && (n instanceof DefNode || n instanceof ClassNode || n instanceof ModuleNode)) return;
        if (n instanceof LocalVariableWriteNode && n.name === local) classes.add(chainConstant(n.value));
        rubyChildren(n).forEach(visit);
      };
      visit(node);
      return classes.size === 1 ? [...classes][0] : undefined;
    }
  }
  return undefined;
}

/** The call at path[index] is a statement of a class body itself (a macro: `attr_reader :x`, `integer :x`), not of a method. */
export function isClassBodyMacro(path: readonly Node[], call: CallNode): boolean {
  const at = path.indexOf(call);
  return at !== -1 && !call.receiver && path[at + 1] instanceof StatementsNode && path[at + 2] instanceof ClassNode;
}

/** `build_outgoings`, `create_outgoings!`: the has_one / belongs_to builder of an association (outgoings), whose keys are that model's attributes. */
export function builtAssociation(call: CallNode): string | undefined {
  return /^(?:build|create)_(\w+?)!?$/.exec(call.name)?.[1];
}

/**
 * The attributes a plain class declares for itself (a form object's `attribute :amount, :pence`, ActiveModel::Attributes;
 * `attr_accessor :amount`): its bare `amount` and a record of it (`form.amount = ...`) read that attribute, no table's column.
 */
export function declaresAttribute(scope: ClassNode, word: string): boolean {
  let found = false;
  const visit = (node: Node) => {
    if (found || (node !== scope && (node instanceof ClassNode || node instanceof ModuleNode))) return;
    if (node instanceof CallNode && !node.receiver && ["attribute", "attr_accessor", "attr_reader", "attr_writer"].includes(node.name)) {
      const first = node.arguments_?.arguments_[0];
      if (first instanceof SymbolNode && first.unescaped.value === word) found = true;
    }
    rubyChildren(node).forEach(visit);
  };
  if (scope.body) visit(scope.body);
  return found;
}

/** The local holds a new instance of the class around it: `form = new` (or `self.new`) in one of its class methods. */
export function holdsOwnInstance(path: readonly Node[], local: string): boolean {
  const method = path.find((n): n is DefNode => n instanceof DefNode);
  if (!method || !(method.receiver instanceof SelfNode)) return false;
  let assigned = false;
  let other = false;
  const visit = (n: Node) => {
    if (n instanceof LocalVariableWriteNode && n.name === local) {
      const value = n.value;
      if (value instanceof CallNode && value.name === "new" && (!value.receiver || value.receiver instanceof SelfNode)) assigned = true;
      else other = true;
    }
    rubyChildren(n).forEach(visit);
  };
  if (method.body) visit(method.body);
  return assigned && !other;
}

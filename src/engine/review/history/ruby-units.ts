/**
 * A Rails migration cut into source units (see source-units.ts), read with Prism. The canonical form is the
 * syntax tree without locations: comments, layout, quote style and optional parentheses of calls are not in it.
 */
import {
  AssocNode,
  BlockNode,
  BlockParametersNode,
  CallNode,
  ClassNode,
  ConstantPathNode,
  ConstantReadNode,
  ConstantWriteNode,
  DefNode,
  HashNode,
  InterpolatedStringNode,
  KeywordHashNode,
  LocalVariableReadNode,
  ModuleNode,
  RequiredParameterNode,
  RescueNode,
  SelfNode,
  StatementsNode,
  StringNode,
  SymbolNode,
  TrueNode,
  YieldNode,
  type Node,
} from "@ruby/prism";
import { rubyChildren } from "../../adapters/rails/ruby-children.js";
import { findMigrationClass } from "../../adapters/rails/migration-class.js";
import { parseRuby } from "../../adapters/rails/prism.js";
import { RubySource } from "../../adapters/rails/ruby-source.js";
import type { Callee, Side, SourceUnit } from "./source-units.js";
import { Collector } from "./collector.js";
import { RAILS_FOREIGN_KEY_OPTIONS } from "../../adapters/rails/foreign-key-sql.js";
import { rubyStatements as bodyOf } from "../../adapters/rails/ruby-statements.js";
import { tableize } from "../../adapters/rails/inflections.js";
import { mayRecover, rescueChainStops } from "./ruby-failure-path.js";
import { isLiteralValue } from "./ruby-literal-value.js";
import { discardedNodes, fileLiteralConstants, lexicalScope, type DiscardContext } from "./ruby-discarded.js";

/** The methods Rails calls on a migration, ignoring what they return. */
const MIGRATION_METHODS = new Set(["change", "up", "down"]);

const IMPORTS = new Set(["require", "require_relative", "require_dependency", "load"]);

/** Prism's node classes share no base class: a node is what has an id, a location and children. */
const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && "nodeID" in v && "location" in v && typeof (v as Node).compactChildNodes === "function";

function value(v: unknown): string {
  if (isNode(v)) return canonical(v);
  if (Array.isArray(v)) return `[${(leftOut ? v.filter((x) => !(isNode(x) && leftOut!.has(x))) : v).map(value).join(",")}]`;
  if (v && typeof v === "object" && "value" in v) return JSON.stringify((v as { value: unknown }).value);
  return JSON.stringify(v ?? null);
}

/** A string whose whitespace `.squish` collapses (`<<-SQL.squish` and `<<~SQL.squish` give the same SQL). */
const squishedString = (node: Node): StringNode | InterpolatedStringNode | undefined =>
  node instanceof CallNode && node.name === "squish" && !node.arguments_ && (node.receiver instanceof StringNode || node.receiver instanceof InterpolatedStringNode) ? node.receiver : undefined;

/**
 * A squished string as squish leaves it: its literal text, whitespace runs collapsed to one space and the ends
 * trimmed, around the canonical form of what it interpolates. A heredoc's style and indentation are not in it.
 */
function squishedCanonical(string: StringNode | InterpolatedStringNode): string {
  const items: string[] = [];
  let literal: string | undefined;
  const flush = () => {
    if (literal !== undefined) items.push(JSON.stringify(literal));
    literal = undefined;
  };
  const walk = (node: Node) => {
    if (node instanceof StringNode) literal = (literal ?? "") + node.unescaped.value;
    else if (node instanceof InterpolatedStringNode) node.parts.forEach(walk);
    else {
      flush();
      items.push(canonical(node));
    }
  };
  walk(string);
  flush();
  const squished = items.map((item) => (item.startsWith('"') ? JSON.stringify((JSON.parse(item) as string).replace(/\s+/g, " ")) : item));
  if (squished[0]?.startsWith('"')) squished[0] = JSON.stringify((JSON.parse(squished[0]) as string).trimStart());
  const last = squished.length - 1;
  if (squished[last]?.startsWith('"')) squished[last] = JSON.stringify((JSON.parse(squished[last]) as string).trimEnd());
  return `Squished(${squished.join(",")})`;
}

const symbolKey = (node: Node): string | undefined => (node instanceof SymbolNode ? node.unescaped.value : undefined);

/** Active while `ignoredOptions` collects: the `foreign_key:` keys Rails drops, instead of leaving them out. */
const ignoredSeen = new Collector();

/** The options of `node` Rails ignores (`foreign_key.on_cascade`): an edit of those alone changes nothing the database sees. */
export function ignoredOptions(node: Node): string[] {
  return [...new Set(ignoredSeen.collect(() => canonical(node)).seen)].sort();
}

/** `foreign_key: {...}` as Rails reads it: the keys it ignores left out, an empty hash the same as `true`. */
function foreignKeyCanonical(assoc: AssocNode): string | undefined {
  if (symbolKey(assoc.key) !== "foreign_key") return undefined;
  const value = assoc.value;
  if (value instanceof TrueNode) return "ForeignKey(true)";
  if (!(value instanceof HashNode)) return undefined;
  const kept: string[] = [];
  for (const element of value.elements) {
    // a **splat may hold any key: keep it as written
    if (!(element instanceof AssocNode)) kept.push(canonical(element));
    else {
      const key = symbolKey(element.key);
      if (key === undefined || RAILS_FOREIGN_KEY_OPTIONS.has(key)) kept.push(canonical(element));
      else ignoredSeen.push(`foreign_key: { ${key}: }`);
    }
  }
  return kept.length === 0 ? "ForeignKey(true)" : `ForeignKey({${kept.join(",")}})`;
}

/** Active while `rowsForm` reads a statement: how it walks the rows, as each normalised call chain (`find_each`). */
const rowsSeen = new Collector();

/**
 * A statement with how it walks the rows left out (see source-units.ts `rows`), and the call chains left out.
 * Records are read one by one (`each`, `find_each`, `in_batches.each_record`) or changed in bulk (`update_all`,
 * `in_batches.update_all`, `in_batches { |b| b.update_all }`): each form visits the rows its relation selects.
 */
export function rowsForm(node: Node): { canonical: string; how: string[] } {
  const { value, seen } = rowsSeen.collect(() => canonical(node));
  return { canonical: value, how: seen };
}

/** Batching options that change the size of a batch or the order batches come in, never which rows (unlike `start:` / `finish:`). */
const BATCH_OPTIONS = new Set(["batch_size", "of", "order", "load", "error_on_ignore", "use_ranges", "cursor"]);
const BULK = new Set(["update_all", "delete_all", "destroy_all", "touch_all"]);
/** A relation's order: `find_each` and `in_batches` ignore it and walk by primary key, so the order rows come in changes. */
const ORDERING = new Set(["order", "reorder", "in_order_of"]);

const batchOptionsOnly = (call: CallNode): boolean =>
  (call.arguments_?.arguments_ ?? []).every((arg) => arg instanceof KeywordHashNode && arg.elements.every((e) => e instanceof AssocNode && BATCH_OPTIONS.has(symbolKey(e.key) ?? "")));

/** `relation.all` (no arguments, no block) is the relation. */
const withoutAll = (node: Node, chain: string[]): Node => {
  let at = node;
  while (at instanceof CallNode && at.name === "all" && at.receiver && !at.arguments_ && !at.block) {
    chain.unshift("all");
    at = at.receiver;
  }
  return at;
};

/** `relation.in_batches(of: n)` without a block: the relation, batched. */
const inBatches = (node: Node | null): node is CallNode => node instanceof CallNode && node.name === "in_batches" && node.receiver !== null && !node.block && batchOptionsOnly(node);

function ordered(node: Node): boolean {
  for (let at: Node | null = node; at instanceof CallNode; at = at.receiver) if (ORDERING.has(at.name)) return true;
  return false;
}

/** `in_batches(...) { |batch| batch.update_all(x) }`: the bulk call made on each batch, when that is all the block does. */
function bulkInBlock(call: CallNode): CallNode | undefined {
  const block = call.block;
  if (!(block instanceof BlockNode) || !(block.parameters instanceof BlockParametersNode)) return undefined;
  const params = block.parameters.parameters;
  const param = params?.requireds.length === 1 && params.optionals.length === 0 && !params.rest && params.posts.length === 0 && params.keywords.length === 0 ? params.requireds[0] : undefined;
  const body = bodyOf(block.body);
  const inner = body.length === 1 ? body[0] : undefined;
  return param instanceof RequiredParameterNode && inner instanceof CallNode && BULK.has(inner.name) && !inner.block && inner.receiver instanceof LocalVariableReadNode && inner.receiver.name === param.name ? inner : undefined;
}

/** The canonical form of a call that walks rows, with how it walks them left out; undefined for any other call. */
function rowsCanonical(call: CallNode): string | undefined {
  if (!call.receiver) return undefined;
  const chain: string[] = [];
  let relation: Node;
  let what: string;
  let args = "";
  let block = "";
  if ((call.name === "each" && !call.arguments_) || (call.name === "find_each" && batchOptionsOnly(call)) || (call.name === "each_record" && !call.arguments_ && inBatches(call.receiver))) {
    if (!call.block) return undefined;
    relation = call.name === "each_record" ? (call.receiver as CallNode).receiver! : call.receiver;
    chain.push(...(call.name === "each_record" ? ["in_batches", "each_record"] : [call.name]));
    what = "each";
    block = canonical(call.block);
  } else if (BULK.has(call.name) && !call.block) {
    relation = inBatches(call.receiver) ? call.receiver.receiver! : call.receiver;
    chain.push(...(inBatches(call.receiver) ? ["in_batches", call.name] : [call.name]));
    what = call.name;
    args = call.arguments_ ? canonical(call.arguments_) : "";
  } else if (call.name === "in_batches" && batchOptionsOnly(call) && bulkInBlock(call)) {
    const inner = bulkInBlock(call)!;
    relation = call.receiver;
    chain.push(`in_batches { |batch| batch.${inner.name} }`);
    what = inner.name;
    args = inner.arguments_ ? canonical(inner.arguments_) : "";
  } else return undefined;
  relation = withoutAll(relation, chain);
  if (ordered(relation)) return undefined;
  rowsSeen.push(`.${chain.join(".")}`);
  return `Rows(${what};${canonical(relation)};${args};${block})`;
}

/** Active while `messageForm` reads a statement: the calls whose exception message it left out (`raise`). */
const messagesSeen = new Collector();

/** Kernel's methods that raise: their message is text for people, never sent to the database. */
const RAISES = new Set(["raise", "fail"]);

/**
 * A message given to an exception, as its interpolations alone (`"... #{count} rows"` -> `count`): a string, a
 * heredoc, or one with a method called on it without arguments (`<<~TXT.squish`). Undefined for anything else.
 */
function messageCanonical(node: Node): string | undefined {
  if (node instanceof StringNode) return "Message()";
  if (node instanceof InterpolatedStringNode) return `Message(${node.parts.filter((p) => !(p instanceof StringNode)).map(canonical).join(",")})`;
  if (node instanceof CallNode && node.receiver && !node.arguments_ && !node.block) return messageCanonical(node.receiver);
  return undefined;
}

/**
 * `raise "..."`, `raise Error, "..."`, `fail Error.new("...")`, `raise ActiveRecord::IrreversibleMigration, <<~TXT`:
 * the call with the text of its message left out (what it raises and any code the message interpolates stay).
 */
function raiseCanonical(call: CallNode): string | undefined {
  if (call.receiver || call.block || !RAISES.has(call.name)) return undefined;
  const argument = (arg: Node): string => {
    const message = messageCanonical(arg);
    if (message !== undefined) return message;
    // `Error.new("...")`: the message is the constructor's argument
    if (arg instanceof CallNode && arg.name === "new" && (arg.receiver instanceof ConstantReadNode || arg.receiver instanceof ConstantPathNode) && !arg.block)
      return `New(${canonical(arg.receiver)};${(arg.arguments_?.arguments_ ?? []).map((a) => messageCanonical(a) ?? canonical(a)).join(",")})`;
    return canonical(arg);
  };
  messagesSeen.push(call.name);
  return `Raise(${call.name};${(call.arguments_?.arguments_ ?? []).map(argument).join(",")})`;
}

/**
 * A statement with the text of the exceptions it raises left out (see source-units.ts `message`): two versions of
 * the same form differ only in what a person reads when the migration stops.
 */
export function messageForm(node: Node): string {
  return messagesSeen.collect(() => canonical(node)).value;
}

/** Active while `failureForm` reads a statement: the rescue chains it left out (ruby-failure-path.ts). */
const failuresSeen = new Collector();

/**
 * A statement with the rescue chains that end the run all the same left out (see source-units.ts `failure`), as if
 * it had none: the error goes on up either way.
 */
export function failureForm(node: Node): string {
  return failuresSeen.collect(() => canonical(node)).value;
}

/** Set while `discardedForm` reads a statement: the nodes that run nothing it leaves out (ruby-discarded.ts). */
let leftOut: ReadonlySet<Node> | undefined;

/**
 * A statement with what runs nothing left out (see source-units.ts `discarded`): expressions whose value nobody uses,
 * empty `else` branches, and `when` branches left empty that no value reaches another way. "" when the whole
 * statement is such an expression.
 */
export function discardedForm(node: Node, used: boolean, ctx: DiscardContext): string {
  const dropped = discardedNodes(node, used, ctx);
  if (dropped.has(node)) return "";
  const outer = leftOut;
  leftOut = dropped;
  try {
    return canonical(node);
  } finally {
    leftOut = outer;
  }
}

/** The node without its source positions. */
export function canonical(node: Node): string {
  if (leftOut?.has(node)) return "null";
  // a body whose every statement was left out is no body
  if (leftOut && node instanceof StatementsNode && node.body.every((s) => leftOut!.has(s))) return "null";
  if (failuresSeen.active && node instanceof RescueNode && rescueChainStops(node)) {
    failuresSeen.push("rescue");
    return "null";
  }
  const rows = rowsSeen.active && node instanceof CallNode ? rowsCanonical(node) : undefined;
  if (rows) return rows;
  const raised = messagesSeen.active && node instanceof CallNode ? raiseCanonical(node) : undefined;
  if (raised) return raised;
  const string = squishedString(node);
  if (string) return squishedCanonical(string);
  const foreignKey = node instanceof AssocNode ? foreignKeyCanonical(node) : undefined;
  if (foreignKey) return foreignKey;
  const parts: string[] = [];
  for (const [key, v] of Object.entries(node)) {
    if (key === "nodeID" || key === "location" || key === "locals" || key.endsWith("Loc")) continue;
    parts.push(`${key}=${value(v)}`);
  }
  return `${node.constructor.name}(${parts.join(";")})`;
}

/** Canonical forms of Ruby code read so far, by text: an edit judgement asks for the same operations again and again. */
const codeForms = new Map<string, string | undefined>();

/**
 * A piece of Ruby code (an operation's call as written, with its locals inlined) in canonical form: the same
 * call re-indented, re-wrapped or moved into a block reads the same. Undefined when Prism cannot read it alone.
 */
export function rubyCodeCanonical(text: string): string | undefined {
  if (codeForms.has(text)) return codeForms.get(text);
  let form: string | undefined;
  try {
    const result = parseRuby(text);
    form = result.errors.length === 0 ? result.value.statements.body.map(canonical).join(";") : undefined;
  } catch {
    form = undefined;
  }
  if (codeForms.size >= 2000) codeForms.clear();
  codeForms.set(text, form);
  return form;
}

/**
 * The canonical form with the library functions it calls left out (a method called on a constant such as `Oj`
 * or `ActiveSupport::JSON`, unless the file defines that constant: a migration's own model class), and those
 * functions in order.
 */
function callShape(node: Node, src: RubySource, ownClasses: ReadonlySet<string>): { shape: string; callees: Callee[] } {
  const callees: Callee[] = [];
  const libraryOwner = (n: Node): string | undefined => {
    if (!(n instanceof CallNode) || !(n.receiver instanceof ConstantReadNode || n.receiver instanceof ConstantPathNode)) return undefined;
    const owner = src.textOf(n.receiver).replace(/^::/, "");
    return ownClasses.has(owner.split("::")[0]) ? undefined : owner;
  };
  const shape = (n: Node): string => {
    const owner = libraryOwner(n);
    if (owner !== undefined) callees.push({ text: `${owner}.${(n as CallNode).name}`, owner, name: (n as CallNode).name });
    const parts: string[] = [];
    for (const [key, v] of Object.entries(n)) {
      if (key === "nodeID" || key === "location" || key === "locals" || key.endsWith("Loc")) continue;
      if (owner !== undefined && (key === "name" || key === "receiver")) continue;
      parts.push(`${key}=${isNode(v) ? shape(v) : Array.isArray(v) ? `[${v.map((x) => (isNode(x) ? shape(x) : value(x))).join(",")}]` : value(v)}`);
    }
    return `${n.constructor.name}(${parts.join(";")})`;
  };
  return { shape: shape(node), callees };
}

/** The classes and modules a file defines (their first constant): `class Account < ApplicationRecord` in a migration. */
function definedConstants(node: Node, src: RubySource, out = new Set<string>()): Set<string> {
  if (node instanceof ClassNode || node instanceof ModuleNode) out.add(src.textOf(node.constantPath).replace(/^::/, "").split("::")[0]);
  for (const child of rubyChildren(node)) definedConstants(child, src, out);
  return out;
}

/** Record base classes a migration's own model class inherits: `ApplicationRecord`, `ActiveRecord::Base`. */
const isRecordBase = (text: string) => /^(?:::)?(?:ApplicationRecord|ActiveRecord::Base)$/.test(text);

/** Associations: they name other tables' rows; without `dependent:` nothing the migration does through them deletes more. */
const STUB_ASSOCIATIONS = new Set(["belongs_to", "has_one", "has_many", "has_and_belongs_to_many"]);

/** `self.x = ...` settings that say how the class maps its table, not what it writes. */
const STUB_SETTINGS = new Set(["primary_key=", "inheritance_column="]);

const keywordKeys = (call: CallNode): string[] =>
  (call.arguments_?.arguments_ ?? []).flatMap((arg) => (arg instanceof KeywordHashNode ? arg.elements.flatMap((e) => (e instanceof AssocNode && e.key instanceof SymbolNode ? [e.key.unescaped.value] : [])) : []));

/**
 * A model class a migration defines for itself (`class Note < ApplicationRecord; translates :body; end`): the
 * usual way to keep a migration running after the application's model changes, since inside the migration the
 * name resolves to it first. It pins the model only when its body says nothing but how it maps the table of its
 * own name (Globalize's `translates`, associations without `dependent:`, the primary key, no STI): no defaults,
 * callbacks, enums, scopes or serializers that would change the rows written through it. What it declares, for
 * the message; undefined for any other class.
 */
function modelStub(node: ClassNode, src: RubySource): string | undefined {
  if (!node.superclass || !isRecordBase(src.textOf(node.superclass))) return undefined;
  const name = src.textOf(node.constantPath);
  const declared: string[] = [];
  for (const statement of bodyOf(node.body)) {
    if (!(statement instanceof CallNode)) return undefined;
    const args = statement.arguments_?.arguments_ ?? [];
    if (!statement.receiver && statement.name === "translates" && !statement.block && args.length > 0) declared.push(src.textOf(statement));
    else if (!statement.receiver && STUB_ASSOCIATIONS.has(statement.name) && !statement.block && !keywordKeys(statement).includes("dependent")) declared.push(src.textOf(statement));
    // the table of its own name, written out (`self.table_name = "notes"`): another table is another model
    else if (statement.receiver instanceof SelfNode && statement.name === "table_name=" && args[0] instanceof StringNode && args[0].unescaped.value === tableize(name.split("::").pop() ?? name))
      declared.push(src.textOf(statement));
    else if (statement.receiver instanceof SelfNode && STUB_SETTINGS.has(statement.name)) declared.push(src.textOf(statement));
    else return undefined;
  }
  const body = declared.map((d) => d.replace(/\s+/g, " ")).join("; ");
  return `\`class ${name} < ${src.textOf(node.superclass)}\`${body ? `: \`${body.length > 80 ? `${body.slice(0, 77)}...` : body}\`` : ", empty"}`;
}

/**
 * strong_migrations' `safety_assured do ... end` (or `{ }`) around statements: the block runs them as written, so
 * they are the method's statements; the wrapper only tells strong_migrations' run-time checks to let them pass.
 */
const assuredBlock = (node: Node): BlockNode | undefined =>
  node instanceof CallNode && node.name === "safety_assured" && !node.receiver && !node.arguments_ && node.block instanceof BlockNode && !node.block.parameters ? node.block : undefined;

/** Constants read inside a node (`SUBSCRIPTION_SOURCE_INDEX`). */
function constantReads(node: Node, out = new Set<string>()): Set<string> {
  if (node instanceof ConstantReadNode) out.add(node.name);
  for (const child of rubyChildren(node)) constantReads(child, out);
  return out;
}

/** Methods called without a receiver (or on self) inside a node: the helpers it reaches. */
function calledNames(node: Node, out = new Set<string>()): Set<string> {
  if (node instanceof CallNode && (!node.receiver || node.receiver instanceof SelfNode)) out.add(node.name);
  for (const child of rubyChildren(node)) calledNames(child, out);
  return out;
}

const contains = (outer: Node, inner: Node) =>
  outer.location.startOffset <= inner.location.startOffset && inner.location.startOffset + inner.location.length <= outer.location.startOffset + outer.location.length;

/** The units of a Rails migration; undefined when the source does not parse or has no migration class. */
export function rubyUnits(source: string): SourceUnit[] | undefined {
  const result = parseRuby(source);
  if (result.errors.length > 0) return undefined;
  const src = new RubySource(source);
  const found = findMigrationClass(result.value, src);
  if (!found) return undefined;
  const units: SourceUnit[] = [];
  const ownClasses = definedConstants(result.value, src);
  const unit = (kind: SourceUnit["kind"], key: string, node: Node, side: Side, label = key): SourceUnit => {
    const ignored = ignoredOptions(node);
    return { kind, key, canonical: canonical(node), loc: src.loc(node), label, side, ...(ignored.length ? { ignoredOptions: ignored } : {}) };
  };

  // outside the class: requires, and whatever else the file does (modules around the class are walked into)
  const outside = (nodes: Node[]) => {
    for (const node of nodes) {
      if (contains(node, found.node)) {
        if (node instanceof ModuleNode) outside(bodyOf(node.body));
        continue;
      }
      if (node instanceof CallNode && !node.receiver && IMPORTS.has(node.name)) units.push(unit("import", "imports", node, "unknown", src.textOf(node)));
      else {
        const stub = node instanceof ClassNode ? modelStub(node, src) : undefined;
        units.push({ ...unit("code", "file", node, "unknown", src.textOf(node).split("\n")[0].slice(0, 60)), calls: callShape(node, src, ownClasses), constantReads: [...constantReads(node)], ...(stub ? { stub } : {}) });
      }
    }
  };
  outside(result.value.statements.body);

  // the side each method runs on: change/up forwards, down backwards, helpers by who calls them
  const defs = bodyOf(found.node.body).filter((n): n is DefNode => n instanceof DefNode);
  const calls = new Map(defs.map((d) => [d.name, calledNames(d)]));
  const reach = (roots: string[]) => {
    const seen = new Set<string>();
    const visit = (name: string) => {
      if (seen.has(name) || !calls.has(name)) return;
      seen.add(name);
      for (const callee of calls.get(name) ?? []) visit(callee);
    };
    roots.forEach(visit);
    return seen;
  };
  const discardContext: DiscardContext = { constants: fileLiteralConstants(result.value, src), scope: lexicalScope(result.value, found.node, src) };
  const up = reach(["change", "up"]);
  const down = reach(["down"]);
  const sideOf = (name: string): Side => (up.has(name) ? "up" : down.has(name) ? "down" : "unknown");
  // a class constant runs where the methods that read it run: one read only on the way down changes only rollbacks
  const readers = new Map(defs.map((d) => [d.name, constantReads(d)]));
  const constantSide = (name: string): Side => {
    const sides = new Set(defs.filter((d) => readers.get(d.name)!.has(name)).map((d) => sideOf(d.name)));
    return sides.size === 1 && sides.has("down") ? "down" : "unknown";
  };

  for (const node of bodyOf(found.node.body)) {
    if (node instanceof DefNode) {
      const key = `def ${node.name}`;
      const side = sideOf(node.name);
      units.push({ kind: "statement", key, canonical: `params ${node.parameters ? canonical(node.parameters) : ""}`, loc: src.loc(node), label: key, side });
      // what Rails' own methods return is dropped; a helper's last statement is what it returns
      const returnsValue = !MIGRATION_METHODS.has(node.name);
      const statements = (nodes: Node[], valueUsed: boolean) => {
        for (const [i, statement] of nodes.entries()) {
          const assured = assuredBlock(statement);
          if (assured) {
            // the wrapper is a unit of its own (keyed apart, so it never pairs with a statement): adding or removing it
            // regroups the same statements
            units.push({ kind: "statement", key: `safety_assured in ${key}`, canonical: "safety_assured", loc: src.loc(statement), label: "safety_assured", side, wrapper: true });
            statements(bodyOf(assured.body), valueUsed && i === nodes.length - 1);
          } else
            units.push({
              ...unit("statement", key, statement, side),
              calls: callShape(statement, src, ownClasses),
              rows: rowsForm(statement),
              message: messageForm(statement),
              failure: failureForm(statement),
              discarded: discardedForm(statement, valueUsed && i === nodes.length - 1, discardContext),
              constantReads: [...constantReads(statement)],
              ...(statement instanceof YieldNode ? { flow: true as const } : {}),
              ...(mayRecover(statement) ? { recovers: true as const } : {}),
            });
        }
      };
      statements(bodyOf(node.body), returnsValue);
    } else if (node instanceof ConstantWriteNode)
      units.push({
        ...unit("code", "class body", node, constantSide(node.name), src.textOf(node).split("\n")[0].slice(0, 60)),
        constantReads: [...constantReads(node.value)],
        ...(isLiteralValue(node.value) ? { literalConstant: node.name } : {}),
      });
    else if (node instanceof CallNode && !node.receiver) units.push(unit("setting", node.name, node, "unknown"));
    else if (node instanceof ClassNode || node instanceof ModuleNode) {
      const stub = node instanceof ClassNode ? modelStub(node, src) : undefined;
      units.push({ ...unit("code", `class ${src.textOf(node.constantPath)}`, node, "unknown"), constantReads: [...constantReads(node)], ...(stub ? { stub } : {}) });
    }
    else units.push({ ...unit("code", "class body", node, "unknown", src.textOf(node).split("\n")[0].slice(0, 60)), constantReads: [...constantReads(node)] });
  }
  return units;
}

/**
 * The options a Rails schema call passes (`null: false`, `default: 0`, `comment: "..."`), as written, for each call:
 * two lists of the same operations whose calls pass the same options ask the database for the same thing, however
 * the calls are grouped (a change_table block, add_column calls, a safety_assured block). `bulk:` only groups them.
 */
export function railsCallOptions(texts: readonly string[]): string[] | undefined {
  const out: string[] = [];
  for (const text of texts) {
    const result = parseRuby(text);
    if (result.errors.length) return undefined;
    const src = new RubySource(text);
    const options: string[] = [];
    // every call of the text: a create_table's block holds the t.* calls whose options matter
    const stack: Node[] = [result.value];
    for (let node = stack.pop(); node; node = stack.pop()) {
      stack.push(...rubyChildren(node));
      if (!(node instanceof CallNode)) continue;
      for (const arg of node.arguments_?.arguments_ ?? [])
        if (arg instanceof KeywordHashNode)
          for (const element of arg.elements) {
            if (!(element instanceof AssocNode)) return undefined;
            const key = src.textOf(element.key).replace(/:$/, "");
            if (key !== "bulk") options.push(`${key}=${src.textOf(element.value)}`);
          }
    }
    out.push(options.sort().join(","));
  }
  return out.sort();
}

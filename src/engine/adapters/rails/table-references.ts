/**
 * Does Ruby code name a table, or its model, the way Active Record reaches it? Read with Prism, so that a local
 * variable, a method, a keyword argument or an `attr_reader` that shares the table's name is not taken for it
 * (identity-idp's `proofing_components` hash of vendor results, long after the proofing_components table lost its
 * model). It is named by:
 * - the model's constant (`ProofingComponent`, `Idv::ProofingComponent`), in code or as a string (`class_name:`);
 * - a string whose words include the table's name (SQL, `self.table_name = "..."`), but not a word of a `%w[]` list
 *   (identity-idp's list of analytics parameter names holds `proofing_components`);
 * - a symbol of the table or its association name (`:proofing_components`, `:proofing_component`) among the
 *   arguments of a call that reaches a table by it: an association (`has_many`, `has_one :x, through: :y`) or a
 *   query (`joins`, `includes`, `where(proofing_components: {...})`, ...).
 */
import { ArrayNode, CallNode, ConstantPathNode, ConstantReadNode, StringNode, SymbolNode, type Node } from "@ruby/prism";
import { RubyVisitor } from "./ruby-visitor.js";
import { parseRuby } from "./prism.js";
import { escapeRegExp } from "../../regexp.js";
import { TABLE_CALLS } from "./table-calls.js";

class TableReferences extends RubyVisitor {
  found = false;
  private inTableCall = 0;
  private readonly word: RegExp;

  constructor(
    private readonly bytes: Buffer,
    private readonly symbols: ReadonlySet<string>,
    private readonly className: string | undefined,
    table: string,
  ) {
    super();
    this.word = new RegExp(`(?<![\\w$])(?:${[table, ...(className ? [className] : [])].map(escapeRegExp).join("|")})(?![\\w$])`);
  }

  override visitConstantReadNode(node: ConstantReadNode) {
    if (node.name === this.className) this.found = true;
    super.visitConstantReadNode(node);
  }

  override visitConstantPathNode(node: ConstantPathNode) {
    if (node.name === this.className) this.found = true;
    super.visitConstantPathNode(node);
  }

  override visitArrayNode(node: ArrayNode) {
    // %w[...] / %W[...]: a list of words (keys, names), not SQL
    const open = node.openingLoc ? this.bytes.subarray(node.openingLoc.startOffset, node.openingLoc.startOffset + 2).toString("utf8") : "";
    if (open === "%w" || open === "%W") return;
    super.visitArrayNode(node);
  }

  override visitStringNode(node: StringNode) {
    if (this.word.test(node.unescaped.value)) this.found = true;
    super.visitStringNode(node);
  }

  override visitSymbolNode(node: SymbolNode) {
    if (this.inTableCall > 0 && this.symbols.has(node.unescaped.value)) this.found = true;
    super.visitSymbolNode(node);
  }

  override visitCallNode(node: CallNode) {
    if (!TABLE_CALLS.has(node.name)) return super.visitCallNode(node);
    // the receiver is another expression: only the call's own arguments (and block) name what it reaches
    node.receiver?.accept(this);
    this.inTableCall++;
    for (const child of [node.arguments_, node.block].filter((n): n is NonNullable<typeof n> => n !== null)) (child as Node).accept(this);
    this.inTableCall--;
  }
}

/**
 * Whether `code` names `table` (or `association`, its singular) or the model class `className`; undefined when it
 * does not parse, so the caller can fall back to a word search. No `className` when the class of that name is a plain
 * Ruby object (plain-superclass.ts): its constant names no table.
 */
export function rubyNamesTable(code: string, table: string, association: string, className: string | undefined): boolean | undefined {
  const result = parseRuby(code);
  if (result.errors.length) return undefined;
  const visitor = new TableReferences(Buffer.from(code, "utf8"), new Set([table, association]), className, table);
  visitor.visit(result.value);
  return visitor.found;
}

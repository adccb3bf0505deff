/** add_index / remove_index / rename_index, with Rails' default index names and `algorithm: :concurrently`. */
import type { OperationInput } from "../../../model.js";
import { indexName } from "../rails-names.js";
import { ElseNode, IfNode, NilNode, StatementsNode, SymbolNode, type Node } from "@ruby/prism";
import { nameOf, namesOf, rubyLiteral, type Options, type RubyValue } from "../values.js";
import { irreversible, step, type CommandHandler, type OpBase } from "./context.js";

/** The add_index operation Rails runs for these options (shared with references and t.index). */
/** add_index options that shape the index and that the operation does not model: a fix that builds it again names them unknown. */
const SHAPING_OPTIONS = ["order", "opclass", "length", "include", "nulls_not_distinct", "type"];

export function addIndexOp(base: OpBase, table: string, columns: string[], opts: Options): Extract<OperationInput, { kind: "add_index" }> {
  const where = opts.get("where");
  const unread = SHAPING_OPTIONS.filter((key) => opts.has(key));
  // the ones Ruby does not compute at run time, as Ruby: a fix that builds the index again can repeat them
  const literal = unread.filter((key) => isLiteral(opts.get(key)!));
  return {
    kind: "add_index",
    ...base,
    table,
    columns,
    name: opts.name("name") ?? indexName(table, columns),
    unique: opts.flag("unique") === true,
    concurrently: opts.name("algorithm") === "concurrently",
    ...runTimeAlgorithm(opts.get("algorithm")),
    ifNotExists: opts.flag("if_not_exists") === true,
    partial: opts.has("where"),
    // where: "latest = 'true'" is the index's WHERE as SQL
    ...(where?.kind === "str" ? { predicate: where.value } : {}),
    method: opts.name("using"),
    ...(unread.length ? { unreadOptions: unread } : {}),
    ...(literal.length ? { optionsRuby: Object.fromEntries(literal.map((key) => [key, rubyLiteral(opts.get(key)!)])) } : {}),
  };
}

/** A value written as Ruby literals throughout (symbols, strings, numbers, arrays and hashes of them). */
function isLiteral(value: RubyValue): boolean {
  switch (value.kind) {
    case "code":
    case "lambda":
      return false;
    case "array":
      return value.items.every(isLiteral);
    case "hash":
      return [...value.entries.values()].every(isLiteral);
    default:
      return true;
  }
}

export function dropIndexOp(base: OpBase, table: string, columns: string[], opts: Options): Extract<OperationInput, { kind: "drop_index" }> {
  const name = opts.name("name") ?? (columns.length ? indexName(table, columns) : undefined);
  return {
    kind: "drop_index",
    ...base,
    table,
    columns,
    names: name ? [name] : [],
    concurrently: opts.name("algorithm") === "concurrently",
    ...runTimeAlgorithm(opts.get("algorithm")),
    ifExists: opts.flag("if_exists") === true,
  };
}

const addIndex: CommandHandler = (cmd, ctx) => {
  const table = nameOf(cmd.args[0]);
  const columns = namesOf(cmd.args[1]);
  if (!table || !columns) return undefined;
  const base = ctx.base(cmd.node);
  const revertOpts = cmd.opts.without("if_not_exists");
  return [step([addIndexOp(base, table, columns, cmd.opts)], [dropIndexOp(base, table, columns, revertOpts)])];
};

const removeIndex: CommandHandler = (cmd, ctx) => {
  const table = nameOf(cmd.args[0]);
  if (!table) return undefined;
  // Rails 6.1+: the column may be the second positional argument; older code passes column: or name:
  const columns = namesOf(cmd.args[1] ?? cmd.opts.get("column"));
  if (columns === undefined && !cmd.opts.name("name")) return undefined;
  const base = ctx.base(cmd.node);
  return [
    step(
      // Rails 5.0+ finds the index by its columns whatever its name (index_name_for_remove); 4.2 by the default name only
      [{ ...dropIndexOp(base, table, columns ?? [], cmd.opts), ...(ctx.railsVersion < 5 && columns && !cmd.opts.name("name") ? { defaultNameOnly: true } : {}) }],
      columns ? [addIndexOp(base, table, columns, cmd.opts.without("if_exists", "column"))] : irreversible(cmd, ctx, "remove_index is only reversible if given a :column option"),
    ),
  ];
};

const renameIndex: CommandHandler = (cmd, ctx) => {
  const [table, from, to] = cmd.args.map(nameOf);
  if (!table || !from || !to) return undefined;
  const base = ctx.base(cmd.node);
  return [step([{ kind: "rename_object", ...base, objectType: "index", name: from, newName: to, table }], [{ kind: "rename_object", ...base, objectType: "index", name: to, newName: from, table }])];
};

export const INDEX_COMMANDS: Record<string, CommandHandler> = {
  add_index: addIndex,
  remove_index: removeIndex,
  rename_index: renameIndex,
};

/** The one expression of a branch; null for a branch not written (Ruby's nil). */
const branchOf = (statements: StatementsNode | null | undefined): Node | null | undefined =>
  !statements ? null : statements.body.length === 1 ? statements.body[0] : undefined;
const isConcurrently = (n: Node | null | undefined) => n instanceof SymbolNode && n.unescaped.value === "concurrently";
const isNothing = (n: Node | null | undefined) => n === null || n instanceof NilNode;

/**
 * `algorithm: (cond ? :concurrently : nil)`: CONCURRENTLY chosen at run time, as phoenix's Alembic flag. The
 * condition as written (negated when :concurrently is the else branch); nothing for any other algorithm.
 */
function runTimeAlgorithm(value: RubyValue | undefined): { concurrentlyWhen?: string } {
  if (value?.kind !== "code" || !(value.node instanceof IfNode)) return {};
  const node = value.node;
  const then = branchOf(node.statements);
  const otherwise = node.subsequent instanceof ElseNode ? branchOf(node.subsequent.statements) : node.subsequent === null ? null : undefined;
  // the condition's text, from the ternary's own (prism's offsets count bytes)
  const bytes = Buffer.from(value.text, "utf8");
  const from = node.predicate.location.startOffset - node.location.startOffset;
  const condition = bytes.subarray(from, from + node.predicate.location.length).toString("utf8");
  if (isConcurrently(then) && isNothing(otherwise)) return { concurrentlyWhen: condition };
  if (isNothing(then) && isConcurrently(otherwise)) return { concurrentlyWhen: `!(${condition})` };
  return {};
}

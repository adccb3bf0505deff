/**
 * A Rails migration that stops unless a column holds no values: `raise "..." if Feed.where.not(template: nil).any?`,
 * `unless Feed.where.not(template: nil).none?; raise ...; end`, `raise if Feed.exists?`. The statements after it run
 * only where the column holds NULLs alone (or the table no row), so a drop there loses nothing. Read from Prism's
 * tree; the interpreter records the guard on the operations after it (model ValuesGuard).
 */
import { AndNode, CallNode, IfNode, IntegerNode, OrNode, StatementsNode, UnlessNode, type Node } from "@ruby/prism";
import type { ValuesGuard } from "../../model.js";
import { chainOf, constantName, WHOLE_TABLE_SCOPES, type ModelTables } from "./data-calls.js";
import { withoutParentheses } from "./without-parentheses.js";
import { columnsFilteredToValues } from "./null-filter.js";
import type { RubySource } from "./ruby-source.js";
import type { Env } from "./values.js";

/** Predicates true when the relation has a row, and those true when it has none. */
const ANY = new Set(["any?", "exists?", "present?"]);
const NONE = new Set(["none?", "empty?", "blank?"]);
const RAISE = new Set(["raise", "fail"]);


/** What a relation holds a row of: the table (every row), or the column's non-NULL values. */
type Rows = { table: string; column?: string };

/**
 * The rows `terminal` (`.any?`, `.count`) asks of its receiver, when the receiver is `Feed`, `Feed.all` or
 * `Feed.where.not(template: nil)`: the table's rows, or the column's non-NULL values.
 */
function rowsAsked(terminal: CallNode, models: ModelTables, src: RubySource, env: Env): Rows | undefined {
  const { root, calls } = chainOf(terminal);
  const model = constantName(root);
  if (model === undefined || model === "ActiveRecord::Base") return undefined;
  const table = models.tableOf(model);
  if (calls.slice(0, -1).every((c) => WHOLE_TABLE_SCOPES.has(c.name) && !c.arguments_ && !c.block)) return { table };
  const columns = columnsFilteredToValues(terminal, env, src);
  return columns.length === 1 ? { table, column: columns[0] } : undefined;
}

/** `Feed.where.not(c: nil).count` (or `.size`): the rows it counts. */
function countedRows(node: Node | null, models: ModelTables, src: RubySource, env: Env): Rows | undefined {
  const n = withoutParentheses(node);
  if (!(n instanceof CallNode) || n.arguments_ || n.block || !(n.name === "count" || n.name === "size")) return undefined;
  return rowsAsked(n, models, src, env);
}

const isZero = (node: Node | null) => {
  const n = withoutParentheses(node);
  return n instanceof IntegerNode && Number(n.value) === 0;
};

/**
 * The rows known to be absent where `predicate` is `truth`: `Feed.where.not(c: nil).any?` false, `.none?` true,
 * `.count == 0` true, `.count > 0` false; `!`, `&&`, `||`, `and`, `or` followed.
 */
function absentWhen(predicate: Node | null, truth: boolean, models: ModelTables, src: RubySource, env: Env): Rows[] {
  const node = withoutParentheses(predicate);
  // `a && b` true: both hold; `a || b` false: both fail
  if (node instanceof AndNode) return truth ? [...absentWhen(node.left, true, models, src, env), ...absentWhen(node.right, true, models, src, env)] : [];
  if (node instanceof OrNode) return truth ? [] : [...absentWhen(node.left, false, models, src, env), ...absentWhen(node.right, false, models, src, env)];
  if (!(node instanceof CallNode)) return [];
  if (node.name === "!" && !node.arguments_) return absentWhen(node.receiver, !truth, models, src, env);
  const operand = node.arguments_?.arguments_.length === 1 ? node.arguments_.arguments_[0] : undefined;
  let rows: Rows | undefined;
  let present: boolean | undefined; // the predicate is true when rows exist
  if (!node.arguments_ && !node.block && (ANY.has(node.name) || NONE.has(node.name))) {
    rows = rowsAsked(node, models, src, env);
    present = ANY.has(node.name);
  } else if (!node.arguments_ && (node.name === "positive?" || node.name === "zero?")) {
    rows = countedRows(node.receiver, models, src, env);
    present = node.name === "positive?";
  } else if (operand && isZero(operand) && (node.name === ">" || node.name === "!=" || node.name === "==")) {
    rows = countedRows(node.receiver, models, src, env);
    present = node.name !== "==";
  }
  return rows && present !== undefined && present !== truth ? [rows] : [];
}

/** The statement raises whenever it runs: `raise ...` / `fail ...` on no receiver, as its last statement. */
function raises(statements: StatementsNode | null): boolean {
  const last = statements?.body.at(-1);
  return last instanceof CallNode && RAISE.has(last.name) && !last.receiver;
}

/**
 * The guards a statement makes on what follows it: `if <condition> then raise end` (or `raise if <condition>`), with
 * no else, leaves the rest to where the condition is false; `unless` to where it is true. Empty for any other statement.
 */
export function railsValuesGuards(statement: Node, models: ModelTables, src: RubySource, env: Env): ValuesGuard[] {
  if (!(statement instanceof IfNode || statement instanceof UnlessNode) || !raises(statement.statements)) return [];
  if (statement instanceof IfNode ? statement.subsequent : statement.elseClause) return [];
  const rows = absentWhen(statement.predicate, statement instanceof UnlessNode, models, src, env);
  const text = src.textOf(statement.predicate).replace(/\s+/g, " ");
  const line = src.loc(statement).line;
  return rows.map((r) => ({ ...r, text, line }));
}

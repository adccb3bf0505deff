/**
 * Alembic code that weighs a lock against the table's size: `n = conn.execute(sa.text("SELECT COUNT(*) FROM t")).scalar()`
 * then `if n < THRESHOLD: op.create_index(...)`. Read from the syntax tree (tree-sitter) and the count's SQL
 * (PostgreSQL's parser): the table a value counts, and the guard a branch runs under when its condition keeps the
 * count below a bound. production/author-size.ts turns the guarded operation's lock findings into notes.
 */
import type { SizeGuard } from "../../model.js";
import { countedBelowBound } from "../count-bound.js";
import { countedTable } from "../sql/row-count-sql.js";
import { valueRowsAsked, type ValueRows } from "../sql/value-rows-sql.js";
import { lastSegment } from "./imports.js";
import { unparen } from "./nodes.js";
import type { PyNode } from "./parser.js";
import { asString, kwarg, type PyValue } from "./values.js";

/** What turns an executed query into its one value. */
const SCALAR = new Set(["scalar", "scalar_one", "scalar_one_or_none"]);
const EXECUTE = new Set(["execute", "exec_driver_sql"]);

/** The SQL of `conn.execute(sa.text("SELECT ...")).scalar()`; undefined for any other value. */
function scalarSql(value: PyValue): string | undefined {
  if (value.kind !== "call" || !SCALAR.has(lastSegment(value.callee))) return undefined;
  const execute = value.receiver;
  if (execute?.kind !== "call" || !EXECUTE.has(lastSegment(execute.callee))) return undefined;
  const statement = kwarg(execute, "statement", 0);
  const sql = statement?.kind === "call" && lastSegment(statement.callee) === "text" ? statement.args[0] : statement;
  return asString(sql);
}

/** The table whose rows `conn.execute(sa.text("SELECT COUNT(*) FROM t")).scalar()` counts; undefined for any other value. */
export function rowCountOf(value: PyValue): string | undefined {
  const text = scalarSql(value);
  return text === undefined ? undefined : countedTable(text);
}

/**
 * The rows whose existence makes `conn.execute(sa.text("SELECT 1 FROM t WHERE c IS NOT NULL")).scalar()` truthy
 * (value-rows-sql.ts): a column's values, or a table's rows; undefined for any other value.
 */
export function valueRowsOf(value: PyValue): ValueRows | undefined {
  const text = scalarSql(value);
  return text === undefined ? undefined : valueRowsAsked(text);
}

/**
 * The counted table when `condition` being `truth` keeps its row count below a bound: `n < LIMIT` (true),
 * `n >= LIMIT` (false), `not ...`, either side of an `and` that holds or an `or` that fails. `countOf` says what a
 * name or expression counts.
 */
function countedBelow(condition: PyNode, truth: boolean, countOf: (node: PyNode) => string | undefined): string | undefined {
  const n = unparen(condition);
  if (n.type === "not_operator") {
    const inner = n.childForFieldName("argument");
    return inner ? countedBelow(inner, !truth, countOf) : undefined;
  }
  if (n.type === "boolean_operator") {
    // `a and b` true: both hold; `a or b` false: both fail
    if ((n.childForFieldName("operator")?.text === "and") !== truth) return undefined;
    return [n.childForFieldName("left"), n.childForFieldName("right")].map((side) => (side ? countedBelow(side, truth, countOf) : undefined)).find((t) => t !== undefined);
  }
  if (n.type !== "comparison_operator") return undefined;
  const operands = n.namedChildren;
  const operators = n.childrenForFieldName("operators");
  if (operands.length !== 2 || operators.length !== 1) return undefined;
  return countedBelowBound(operators[0].text, countOf(operands[0]), countOf(operands[1]), truth);
}

/**
 * The size guard of an `if` / `elif` / `else` branch: the branch runs when `conditions[last]` holds (absent for an
 * `else`) and every earlier condition failed; the first of them that keeps a count below a bound is the guard.
 */
export function branchSizeGuard(earlier: readonly PyNode[], own: PyNode | null, countOf: (node: PyNode) => string | undefined): SizeGuard | undefined {
  const tests = [...earlier.map((c) => ({ c, holds: false })), ...(own ? [{ c: own, holds: true }] : [])];
  for (const { c, holds } of tests) {
    const table = countedBelow(c, holds, countOf);
    if (table !== undefined) return { table, condition: c.text.replace(/\s+/g, " "), line: c.startPosition.row + 1, holds };
  }
  return undefined;
}

/**
 * Rails code that weighs a lock against the table's size: `add_index :events, :kind if Event.count < 1_000_000`,
 * `unless Event.count > LIMIT`, `return if Event.count >= LIMIT`, or a count in SQL
 * (`select_value("SELECT COUNT(*) FROM events")`, read with PostgreSQL's parser). Read from Prism's tree: the guard
 * a branch runs under when its condition keeps a table's row count below a bound; production/author-size.ts turns
 * the guarded operation's lock findings into notes.
 */
import { AndNode, CallNode, OrNode, type Node } from "@ruby/prism";
import type { SizeGuard } from "../../model.js";
import { countedBelowBound, isBoundOperator } from "../count-bound.js";
import { countedTable } from "../sql/row-count-sql.js";
import { constantName, WHOLE_TABLE_SCOPES, type ModelTables } from "./data-calls.js";
import { withoutParentheses } from "./without-parentheses.js";
import type { RubySource } from "./ruby-source.js";
import { evaluate, type Env } from "./values.js";

const SQL_VALUE = new Set(["select_value", "select_one"]);


/** The table whose rows `Model.count` (through `all` / `unscoped`) or `connection.select_value("SELECT COUNT(*) FROM t")` counts. */
function countOf(node: Node | null, models: ModelTables, src: RubySource, env: Env): string | undefined {
  const n = withoutParentheses(node);
  if (!(n instanceof CallNode)) return undefined;
  if (SQL_VALUE.has(n.name) && n.arguments_?.arguments_.length === 1) {
    const sql = evaluate(n.arguments_.arguments_[0], env, src);
    return sql.kind === "str" ? countedTable(sql.value) : undefined;
  }
  if (n.name !== "count" || n.arguments_ || n.block) return undefined;
  let receiver = withoutParentheses(n.receiver);
  while (receiver instanceof CallNode && WHOLE_TABLE_SCOPES.has(receiver.name) && !receiver.arguments_ && !receiver.block) receiver = withoutParentheses(receiver.receiver);
  const constant = constantName(receiver);
  return constant && constant !== "ActiveRecord::Base" ? models.tableOf(constant) : undefined;
}

/** The counted table when `predicate` being `truth` keeps its row count below a bound (`&&`, `||`, `!`, `and`, `or` followed). */
function countedBelow(predicate: Node | null, truth: boolean, models: ModelTables, src: RubySource, env: Env): string | undefined {
  const node = withoutParentheses(predicate);
  if (node instanceof AndNode || node instanceof OrNode) {
    // `a && b` true: both hold; `a || b` false: both fail
    if ((node instanceof AndNode) !== truth) return undefined;
    return countedBelow(node.left, truth, models, src, env) ?? countedBelow(node.right, truth, models, src, env);
  }
  if (!(node instanceof CallNode)) return undefined;
  if (node.name === "!" && !node.arguments_) return countedBelow(node.receiver, !truth, models, src, env);
  const operand = node.arguments_?.arguments_.length === 1 ? node.arguments_.arguments_[0] : undefined;
  if (!isBoundOperator(node.name) || !operand) return undefined;
  return countedBelowBound(node.name, countOf(node.receiver, models, src, env), countOf(operand, models, src, env), truth);
}

/** The size guard of code that runs where `predicate` is `truth`; undefined when the condition says nothing of a table's size. */
export function railsSizeGuard(predicate: Node | null, truth: boolean, models: ModelTables, src: RubySource, env: Env): SizeGuard | undefined {
  const table = countedBelow(predicate, truth, models, src, env);
  if (table === undefined || !predicate) return undefined;
  return { table, condition: src.textOf(predicate).replace(/\s+/g, " "), line: src.loc(predicate).line, holds: truth };
}

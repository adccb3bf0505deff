/**
 * A Rails fix in PostgreSQL's own terms, made to run on every database the project supports: each statement that
 * only PostgreSQL runs goes under `if connection.adapter_name =~ /postg/i`, the others keeping the operation as
 * written. Read with Prism (loaded through ruby-readers.ts, so a lint without Rails migrations never loads it).
 *   - a call with `algorithm: :concurrently` or `validate: false`: `else` the same call without them (SQLite's
 *     adapter raises on the algorithm)
 *   - a CHECK added NOT VALID that the fix removes again (set-not-null's): `else` the flagged operation itself where
 *     the fix puts it in the migration's place, nothing in the migrations it adds (the others never had it)
 *   - validate_foreign_key / validate_check_constraint, that CHECK's removal, and statements sending SQL
 *     (execute, exec_update, ...: the rule's SQL is PostgreSQL's): PostgreSQL only; SQL that drops the constraint
 *     made USING an index the fix adds concurrently (a unique one's down) gets `else` that index's removal, as the
 *     others have only the index
 */
import { CallNode, ClassNode, DefNode, IfNode, UnlessNode, ProgramNode, StatementsNode, StringNode, SymbolNode, AssocNode, KeywordHashNode, FalseNode, type Node } from "@ruby/prism";
import { rubyChildren } from "../adapters/rails/ruby-children.js";
import { parseRuby } from "../adapters/rails/prism.js";
import { withoutPostgresOptions } from "../rules/support/rails-mysql-call.js";
import { sqlConstraints } from "./sql-constraints.js";
import type { Edit } from "./text-edits.js";

const GUARD = "if connection.adapter_name =~ /postg/i";
const SQL_CALLS = new Set(["execute", "exec_update", "exec_query", "exec_delete", "exec_insert", "select_value", "select_all"]);
const VALIDATIONS = new Set(["validate_foreign_key", "validate_check_constraint"]);

const end = (node: Node) => node.location.startOffset + node.location.length;
const calls = (node: Node): CallNode[] => [...(node instanceof CallNode ? [node] : []), ...rubyChildren(node).flatMap(calls)];
const options = (call: CallNode): AssocNode[] => (call.arguments_?.arguments_ ?? []).flatMap((a) => (a instanceof KeywordHashNode ? a.elements.filter((e): e is AssocNode => e instanceof AssocNode) : []));
const option = (call: CallNode, key: string) => options(call).find((p) => p.key instanceof SymbolNode && p.key.unescaped.value === key)?.value;
const postgresOption = (call: CallNode) => {
  const algorithm = option(call, "algorithm");
  return (algorithm instanceof SymbolNode && algorithm.unescaped.value === "concurrently") || option(call, "validate") instanceof FalseNode;
};
const constraintName = (call: CallNode) => {
  const name = option(call, "name");
  return name instanceof StringNode ? name.unescaped.value : name instanceof SymbolNode ? name.unescaped.value : undefined;
};

/** The statements of the fix with whether they are shown bare (the flagged migration's, not inside a class). */
function statementsOf(program: ProgramNode): Array<{ node: Node; bare: boolean }> {
  const out: Array<{ node: Node; bare: boolean }> = [];
  const walk = (statements: StatementsNode | null | undefined, bare: boolean) => {
    for (const node of statements?.body ?? []) {
      if (node instanceof ClassNode) walk(node.body instanceof StatementsNode ? node.body : undefined, false);
      else if (node instanceof DefNode) walk(node.body instanceof StatementsNode ? node.body : undefined, false);
      // a build under the migration's own existence check (`unless index_exists?(...)`, rails-index-guard.ts): the check
      // stays for every database, the statements in it are guarded one by one
      else if ((node instanceof UnlessNode && !node.elseClause) || (node instanceof IfNode && !node.subsequent)) walk(node.statements, bare);
      else out.push({ node, bare });
    }
  };
  walk(program.statements, true);
  return out;
}

/**
 * `original`: the flagged operation as written, which the other databases run in place of a CHECK only
 * PostgreSQL's way needs; undefined when the fix does not parse or needs `original` and has none.
 */
export function railsOnPostgresql(fix: string, original?: string): string | undefined {
  const result = parseRuby(fix);
  if (result.errors.length) return undefined;
  const bytes = Buffer.from(fix);
  const text = (node: Node) => bytes.subarray(node.location.startOffset, end(node)).toString();
  const statements = statementsOf(result.value);
  const removed = new Set(statements.flatMap(({ node }) => calls(node).filter((c) => c.name === "remove_check_constraint").map(constraintName)));
  const temporary = (call: CallNode) => call.name === "add_check_constraint" && option(call, "validate") instanceof FalseNode && removed.has(constraintName(call));
  const hasTemporary = statements.some(({ node }) => node instanceof CallNode && temporary(node));
  // indexes the fix builds concurrently by name: on the others, the constraint made USING one is that index alone
  const concurrentIndexes = new Set(statements.flatMap(({ node }) => calls(node).filter((c) => c.name === "add_index" && postgresOption(c)).map(constraintName)));
  const edits: Edit[] = [];
  for (const { node, bare } of statements) {
    const start = node.location.startOffset;
    const column = start === 0 ? 0 : start - (bytes.lastIndexOf(10, start - 1) + 1);
    const indent = " ".repeat(column);
    const inner = (code: string) => code.split("\n").join(`\n${indent}  `);
    const guard = (otherwise?: string) =>
      edits.push({ start: node.location.startOffset, end: end(node), text: `${GUARD}\n${indent}  ${inner(text(node))}\n${otherwise === undefined ? "" : `${indent}else\n${indent}  ${inner(otherwise)}\n`}${indent}end` });
    const call = node instanceof CallNode ? node : undefined;
    if (call && temporary(call)) {
      if (!bare) guard();
      else if (original) guard(original);
      else return undefined;
    } else if (call && postgresOption(call)) guard(withoutPostgresOptions(text(call)));
    else if (call && (VALIDATIONS.has(call.name) || (hasTemporary && call.name === "remove_check_constraint" && removed.has(constraintName(call))))) guard();
    else if (calls(node).some((c) => SQL_CALLS.has(c.name))) {
      const sql = calls(node).flatMap((c) => (SQL_CALLS.has(c.name) ? (c.arguments_?.arguments_ ?? []) : [])).find((a): a is StringNode => a instanceof StringNode)?.unescaped.value;
      const dropped = sql ? sqlConstraints(sql, "drop_constraint").find((d) => concurrentIndexes.has(d.name)) : undefined;
      guard(dropped ? `remove_index :${dropped.table}, name: "${dropped.name}"` : undefined);
    }
  }
  if (!edits.length) return fix;
  let out = bytes;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = Buffer.concat([out.subarray(0, e.start), Buffer.from(e.text), out.subarray(e.end)]);
  return out.toString();
}

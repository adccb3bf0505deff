/**
 * An Alembic fix in PostgreSQL's own terms, made to run on every database the project supports: SQL it sends
 * (`op.execute(...)`: NOT VALID, VALIDATE CONSTRAINT, USING INDEX, the rule's PostgreSQL SQL) goes under
 * `if op.get_bind().dialect.name == "postgresql":`; where that SQL alone takes the flagged operation's place, the
 * others run the operation as written (`else:`), and a constraint only that SQL added is dropped on PostgreSQL only.
 * `postgresql_concurrently=True` and the other `postgresql_*` options need nothing: other dialects ignore them.
 * Read with tree-sitter's Python grammar; the SQL's constraint names with the SQL adapter (libpg-query).
 */
import { stringText } from "../adapters/python/nodes.js";
import { withPythonTree, type PyNode } from "../adapters/python/parser.js";
import { sqlConstraints } from "./sql-constraints.js";
import { applyEdits, type Edit } from "./text-edits.js";

const GUARD = 'if op.get_bind().dialect.name == "postgresql":';

const callOf = (statement: PyNode) => (statement.type === "expression_statement" && statement.namedChildren[0]?.type === "call" ? statement.namedChildren[0] : undefined);
const calleeOf = (call: PyNode) => call.childForFieldName("function")?.text ?? "";
const firstString = (call: PyNode) => stringText(call.childForFieldName("arguments")?.namedChildren[0]);
const sendsSql = (statement: PyNode) => {
  const call = callOf(statement);
  return call !== undefined && /(?:^|\.)execute$/.test(calleeOf(call));
};

/** Statements of a block and of the `with` blocks in it. */
function statementsIn(block: PyNode): PyNode[] {
  return block.namedChildren.flatMap((s) => (s?.type === "with_statement" ? statementsIn(s.childForFieldName("body")!) : s ? [s] : []));
}

export function alembicOnPostgresql(fix: string, original?: string): string | undefined {
  return withPythonTree(fix, (root) => {
    // the statements shown for the flagged revision come before the first revision the fix adds (its imports)
    const top = root.namedChildren.filter((s): s is PyNode => s !== null && s.type !== "comment");
    const firstFile = top.findIndex((s) => s.type === "import_from_statement" || s.type === "import_statement" || s.type === "function_definition");
    const bare = (firstFile === -1 ? top : top.slice(0, firstFile)).flatMap((s) => (s.type === "with_statement" ? statementsIn(s.childForFieldName("body")!) : [s]));
    const inFunctions = root.namedChildren.filter((s) => s?.type === "function_definition").flatMap((f) => statementsIn(f!.childForFieldName("body")!));
    const guarded = [...bare, ...inFunctions].filter(sendsSql);
    const added = new Set(guarded.flatMap((s) => sqlConstraints(firstString(callOf(s)!) ?? "", "add_constraint").map((c) => c.name)));
    const drops = inFunctions.filter((s) => {
      const call = callOf(s);
      return call !== undefined && calleeOf(call) === "op.drop_constraint" && added.has(firstString(call) ?? "");
    });
    // the SQL alone stands for the flagged operation: the others run that operation
    const replaces = bare.length === 1 && guarded.includes(bare[0]) && added.size > 0;
    if (replaces && !original) return undefined;
    const edits: Edit[] = [];
    for (const statement of [...guarded, ...drops]) {
      const indent = " ".repeat(statement.startPosition.column);
      const body = statement.text.split("\n").join(`\n${indent}    `);
      const otherwise = replaces && statement === bare[0] ? `\n${indent}else:\n${indent}    ${original!.split("\n").join(`\n${indent}    `)}` : "";
      edits.push({ start: statement.startIndex, end: statement.endIndex, text: `${GUARD}\n${indent}    ${body}${otherwise}` });
    }
    return applyEdits(fix, edits);
  });
}

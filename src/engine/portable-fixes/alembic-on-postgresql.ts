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
import { decodeEscapes } from "../adapters/python/values.js";
import { sqlConstraints } from "./sql-constraints.js";
import { applyEdits, type Edit } from "./text-edits.js";

const GUARD = 'if op.get_bind().dialect.name == "postgresql":';

const callOf = (statement: PyNode) => (statement.type === "expression_statement" && statement.namedChildren[0]?.type === "call" ? statement.namedChildren[0] : undefined);
const calleeOf = (call: PyNode) => call.childForFieldName("function")?.text ?? "";
/**
 * The SQL an op.execute sends, its escapes decoded: a fix writes `"ALTER TABLE \"user\" ..."`, and the constraint
 * names below are read from the SQL itself (undecoded, Mailu's quoted "user" read as no SQL: no else for SQLite).
 */
const firstString = (call: PyNode) => {
  const literal = call.childForFieldName("arguments")?.namedChildren[0];
  const text = stringText(literal);
  return text === undefined || /^[a-zA-Z]*[rR][a-zA-Z]*["']/.test(literal!.text) ? text : decodeEscapes(text);
};
const sendsSql = (statement: PyNode) => {
  const call = callOf(statement);
  return call !== undefined && /(?:^|\.)execute$/.test(calleeOf(call));
};

/** `with op.batch_alter_table(...) as batch_op:`: the part of the block a fix kept as written, which runs everywhere. */
const isBatchBlock = (statement: PyNode) =>
  statement.type === "with_statement" &&
  (statement.namedChildren.find((c) => c?.type === "with_clause")?.descendantsOfType("call") ?? []).some((c: PyNode | null) => c !== null && /(?:^|\.)batch_alter_table$/.test(calleeOf(c)));

/** Statements of a block and of the `with` blocks in it. */
function statementsIn(block: PyNode): PyNode[] {
  return block.namedChildren.flatMap((s) => (s?.type === "with_statement" ? statementsIn(s.childForFieldName("body")!) : s ? [s] : []));
}

/**
 * `text`, taken from the fix at column `indent` (its first line without that indent, the others with it), under
 * the guard; `otherwise` (not indented) in its else.
 */
function underGuard(text: string, indent: number, otherwise?: string): string {
  const pad = " ".repeat(indent);
  const body = `${pad}    ${text.split("\n").join("\n    ")}`;
  const other = otherwise === undefined ? "" : `\n${pad}else:\n${pad}    ${otherwise.split("\n").join(`\n${pad}    `)}`;
  return `${GUARD}\n${body}${other}`;
}

/**
 * `fix` with the PostgreSQL-only SQL it sends guarded. `postgresqlOnly`: which SQL that is (by default all an
 * op.execute sends: the fix is a PostgreSQL-only rule's).
 */
export function alembicOnPostgresql(fix: string, original?: string, postgresqlOnly: (sql: string) => boolean = () => true): string | undefined {
  return withPythonTree(fix, (root) => {
    // the statements shown for the flagged revision come before the first revision the fix adds (its imports)
    const top = root.namedChildren.filter((s): s is PyNode => s !== null && s.type !== "comment");
    const firstFile = top.findIndex((s) => s.type === "import_from_statement" || s.type === "import_statement" || s.type === "function_definition");
    const shown = firstFile === -1 ? top : top.slice(0, firstFile);
    const bare = shown.flatMap((s) => (s.type === "with_statement" ? statementsIn(s.childForFieldName("body")!) : [s]));
    // the batch block the fix kept (the flagged call taken out) is no step of PostgreSQL's way
    const own = shown.filter((s) => !isBatchBlock(s)).flatMap((s) => (s.type === "with_statement" ? statementsIn(s.childForFieldName("body")!) : [s]));
    const inFunctions = root.namedChildren.filter((s) => s?.type === "function_definition").flatMap((f) => statementsIn(f!.childForFieldName("body")!));
    const guarded = [...bare, ...inFunctions].filter((s) => sendsSql(s) && postgresqlOnly(firstString(callOf(s)!) ?? ""));
    const added = new Set(guarded.flatMap((s) => sqlConstraints(firstString(callOf(s)!) ?? "", "add_constraint").map((c) => c.name)));
    const drops = inFunctions.filter((s) => {
      const call = callOf(s);
      return call !== undefined && calleeOf(call) === "op.drop_constraint" && added.has(firstString(call) ?? "");
    });
    // the SQL alone stands for the flagged operation: the others run that operation
    const replaces = own.length === 1 && guarded.includes(own[0]) && added.size > 0;
    if (replaces && !original) return undefined;
    const edits: Edit[] = [];
    for (const statement of [...guarded, ...drops]) {
      const otherwise = replaces && statement === own[0] ? original : undefined;
      edits.push({ start: statement.startIndex, end: statement.endIndex, text: underGuard(statement.text, statement.startPosition.column, otherwise) });
    }
    return applyEdits(fix, edits);
  });
}

/**
 * A fix whose every step is PostgreSQL's way of the flagged operation (column-type-change's new column kept
 * converted by a trigger, its batched backfill by ctid and its swap: plpgsql throughout), made to run everywhere:
 * the steps shown in place of the operation go under the guard with the operation as written (`original`) in
 * its else, and the body of each revision the fix adds under the guard alone (the other databases, which ran the
 * operation, have nothing left to do there). Unchanged when it sends no SQL; undefined without `original`.
 */
export function alembicWholeOnPostgresql(fix: string, original: string | undefined): string | undefined {
  return withPythonTree(fix, (root) => {
    const sends = root.descendantsOfType("call").some((c: PyNode | null) => c !== null && /(?:^|\.)execute$/.test(calleeOf(c)));
    if (!sends) return fix;
    if (!original) return undefined;
    const top = root.namedChildren.filter((s): s is PyNode => s !== null && s.type !== "comment");
    const firstFile = top.findIndex((s) => s.type === "import_from_statement" || s.type === "import_statement" || s.type === "function_definition");
    const own = (firstFile === -1 ? top : top.slice(0, firstFile)).filter((s) => !isBatchBlock(s));
    if (!own.length) return undefined;
    const [first, last] = [own[0], own[own.length - 1]];
    const edits: Edit[] = [{ start: first.startIndex, end: last.endIndex, text: underGuard(fix.slice(first.startIndex, last.endIndex), first.startPosition.column, original) }];
    for (const definition of root.namedChildren) {
      const body = definition?.type === "function_definition" ? definition.childForFieldName("body") : undefined;
      const steps = body?.namedChildren.filter((s): s is PyNode => s !== null && s.type !== "comment") ?? [];
      if (!body || steps.every((s) => s.type === "pass_statement")) continue;
      edits.push({ start: steps[0].startIndex, end: steps[steps.length - 1].endIndex, text: underGuard(fix.slice(steps[0].startIndex, steps[steps.length - 1].endIndex), steps[0].startPosition.column) });
    }
    return applyEdits(fix, edits);
  });
}

/**
 * When a split moves upgrade() statements into a new Alembic revision, the statements of the written downgrade()
 * that undo them move with them: the new revision's downgrade undoes exactly its upgrade, and the first revision's
 * no longer undoes what it does not do (packit-service f5792581522c: renames moved to revision 3, their reverse
 * left in revision 1's downgrade, so a one-step downgrade kept the renames and revision 1's then failed).
 * The new revision's downgrade runs first, before the statements of revision 1's that the author wrote ahead of
 * them: a name one of those gave back (a table renamed to its old name) is named as it still is at that point.
 */
import type { Migration, Operation, SourceRange } from "../../model.js";
import { withPythonTree, type PyNode } from "../../adapters/python/parser.js";
import { nameKey } from "./facts.js";
import { undoes } from "./undoes.js";
import { freeNames } from "./python-free-names.js";
import { pythonString } from "./embed-sql.js";

export interface MovedDowngrade {
  /** the downgrade statements, dedented, in the order written */
  statements: string[];
  /** their lines, which the first revision loses */
  lines: SourceRange[];
}

const rangeOf = (node: PyNode): SourceRange => ({ line: node.startPosition.row + 1, endLine: node.endPosition.row + 1 });
const within = (op: Operation, r: SourceRange) => op.loc.line >= r.line && op.loc.line <= r.endLine;

/** Names an assignment statement of the downgrade binds (`enum = postgresql.ENUM(...)`). */
function assigned(node: PyNode): string[] {
  const inner = node.type === "expression_statement" ? node.namedChildren[0] : undefined;
  const left = inner?.type === "assignment" ? inner.childForFieldName("left") : undefined;
  return left ? (left.type === "identifier" ? [left.text] : left.namedChildren.filter((n): n is PyNode => n?.type === "identifier").map((n) => n.text)) : [];
}

/**
 * The statements of the migration's written downgrade() that undo `moved` (upgrade operations going to another
 * revision), each one undoing only moved operations; undefined when the downgrade is not written in the file, an
 * operation's undo is not found there as a whole statement, or a statement reads a name the staying ones bind.
 */
export function movedDowngrade(migration: Migration, moved: readonly Operation[]): MovedDowngrade | undefined {
  const down = migration.down;
  if (migration.framework !== "alembic" || migration.source === undefined || down.status !== "present" || down.derived || down.path) return undefined;
  const schemaChanges = moved.filter((op) => op.kind !== "raw" && op.kind !== "dml" && op.kind !== "data_migration");
  if (!schemaChanges.length) return undefined;
  const undoing = new Set<Operation>();
  for (const up of schemaChanges) {
    const match = down.ops.find((d) => !undoing.has(d) && undoes(up, d));
    if (!match) return undefined;
    undoing.add(match);
  }
  return withPythonTree(migration.source, (root) => {
    if (root.hasError) return undefined;
    const fn = root.namedChildren.find((n): n is PyNode => n?.type === "function_definition" && n.childForFieldName("name")?.text === "downgrade");
    const body = (fn?.childForFieldName("body")?.namedChildren ?? []).filter((n): n is PyNode => n !== null && n.type !== "comment");
    const picked = body.filter((s) => [...undoing].some((op) => within(op, rangeOf(s))));
    // a statement that also undoes something of the first revision cannot be cut
    if (picked.some((s) => down.ops.some((op) => within(op, rangeOf(s)) && !undoing.has(op)))) return undefined;
    if ([...undoing].some((op) => !picked.some((s) => within(op, rangeOf(s))))) return undefined;
    // what the staying statements written ahead of the moved ones did: names given back are named as before them
    const lastPicked = body.indexOf(picked[picked.length - 1]);
    const ahead = down.ops.filter((op) => !undoing.has(op) && body.slice(0, lastPicked).some((s) => !picked.includes(s) && within(op, rangeOf(s))));
    const givenBack = namesGivenBack(ahead, [...undoing]);
    if (!givenBack) return undefined;
    const dedented = picked.map((s) => s.text.split("\n").map((l, i) => (i === 0 ? l : l.slice(Math.min(s.startPosition.column, l.length - l.trimStart().length)))).join("\n"));
    const statements: string[] = [];
    for (const text of dedented) {
      const named = namedAsBefore(text, givenBack);
      if (named === undefined) return undefined;
      statements.push(named);
    }
    const boundByStaying = new Set(body.filter((s) => !picked.includes(s)).flatMap(assigned));
    const reads = freeNames(statements.join("\n"));
    if (!reads || reads.some((n) => boundByStaying.has(n))) return undefined;
    return { statements, lines: picked.map(rangeOf) };
  });
}

/** `table.column` keys of the columns an operation names. */
function columnsNamed(op: Operation): string[] {
  const at = (table: string, columns: readonly string[]) => columns.map((c) => `${nameKey(table)}.${nameKey(c)}`);
  switch (op.kind) {
    case "rename_column":
      return at(op.table, [op.column, op.newName]);
    case "add_column":
      return at(op.table, [op.column.name]);
    case "drop_column":
      return at(op.table, [op.column]);
    case "add_constraint":
      return at(op.table, op.columns ?? []);
    default:
      return [];
  }
}

/**
 * The names the staying statements ahead gave back (new name -> the name it has before them), or undefined when one
 * of them changes something else the moved statements rely on (a column or a table they name, other than by a rename).
 */
function namesGivenBack(ahead: readonly Operation[], moved: readonly Operation[]): Map<string, string> | undefined {
  const back = new Map<string, string>();
  for (const op of ahead) {
    if (op.kind === "rename_table") back.set(op.newName, op.table);
    else if (op.kind === "rename_object") back.set(op.newName, op.name);
    else if (op.kind === "raw" && op.statement === "Call") continue; // code migguard cannot read, as the written order ran it too
    else if (op.kind === "drop_column" || op.kind === "add_column") continue; // a column no moved statement names (checked below)
    else return undefined;
  }
  const named = new Set(moved.flatMap(columnsNamed));
  if (ahead.some((op) => columnsNamed(op).some((c) => named.has(c)))) return undefined;
  return back;
}

/**
 * The statement with each string literal that is exactly a name given back replaced by the name it has before; undefined
 * when a name given back appears inside a longer string (SQL text), which is not rewritten.
 */
function namedAsBefore(text: string, back: ReadonlyMap<string, string>): string | undefined {
  if (!back.size) return text;
  return withPythonTree(text, (root) => {
    if (root.hasError) return undefined;
    const edits: Array<{ start: number; end: number; to: string }> = [];
    for (const node of root.descendantsOfType("string")) {
      if (!node) continue;
      const content = node.namedChildren.filter((n): n is PyNode => n?.type === "string_content").map((n) => n.text).join("");
      const exact = [...back].find(([now]) => nameKey(now) === nameKey(content));
      if (exact) edits.push({ start: node.startIndex, end: node.endIndex, to: pythonString(exact[1]) });
      else if ([...back.keys()].some((now) => new RegExp(`\\b${now.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`, "i").test(content))) return undefined;
    }
    return edits.sort((a, b) => b.start - a.start).reduce((out, e) => `${out.slice(0, e.start)}${e.to}${out.slice(e.end)}`, text);
  });
}

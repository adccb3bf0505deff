/**
 * A Django migration file rewritten around one of its operations, read with tree-sitter's Python grammar: the
 * `operations` list's elements as the file has them (every operation, also those the model keeps no operation
 * for, such as an AlterField that only changes choices), and the file with one element replaced, `atomic = False`
 * set and imports added. A fix built on it is the whole migration: its dependencies, its other operations in their
 * order, and the changed one; never a class without dependencies that Django would place as a second leaf.
 */
import type { Migration, SourceRange } from "../../model.js";
import { withPythonTree, type PyNode } from "../../adapters/python/parser.js";
import { sourceImports } from "./next-migration.js";

interface MigrationClass {
  /** the class body's statements */
  body: PyNode[];
  /** the elements of `operations = [...]`, comments left out */
  operations: PyNode[];
}

function migrationClass(root: PyNode): MigrationClass | undefined {
  const cls = root.namedChildren.find((n): n is PyNode => n?.type === "class_definition" && n.childForFieldName("name")?.text === "Migration");
  const block = cls?.childForFieldName("body");
  if (!block) return undefined;
  const body = block.namedChildren.filter((n): n is PyNode => n !== null && n.type !== "comment");
  for (const statement of body) {
    const assignment = statement.type === "expression_statement" ? statement.namedChildren[0] : undefined;
    if (assignment?.type !== "assignment" || assignment.childForFieldName("left")?.text !== "operations") continue;
    const list = assignment.childForFieldName("right");
    if (list?.type !== "list") return undefined;
    return { body, operations: list.namedChildren.filter((n): n is PyNode => n !== null && n.type !== "comment") };
  }
  return undefined;
}

const rangeOf = (node: PyNode): SourceRange => ({ line: node.startPosition.row + 1, endLine: node.endPosition.row + 1 }) as SourceRange;

/** The lines of each element of the migration's `operations` list, in order; undefined when the file does not say them. */
export function djangoOperationRanges(migration: Pick<Migration, "source">): SourceRange[] | undefined {
  if (migration.source === undefined) return undefined;
  return withPythonTree(migration.source, (root) => (root.hasError ? undefined : migrationClass(root)?.operations.map(rangeOf)));
}

export interface DjangoRewrite {
  /** the line of the operation (an element of `operations`) to replace */
  line: number;
  /** what takes its place: operations as written (dedented), none to remove it; undefined keeps it as it is */
  with?: readonly string[];
  /** `atomic = False` with this comment */
  nonAtomic?: string;
  /** import lines the replacement needs; those the file binds already are left out */
  imports?: readonly string[];
  /** further elements replaced in the same rewrite (the migration's other index builds: one fix for them all) */
  also?: ReadonlyArray<{ line: number; with?: readonly string[] }>;
}

/**
 * The migration's source with the change made. Undefined when the source is missing or does not parse, or the
 * element shares its lines with another statement (it cannot be cut out by lines).
 */
export function djangoMigrationRewritten(migration: Pick<Migration, "source">, change: DjangoRewrite): string | undefined {
  const source = migration.source;
  if (source === undefined) return undefined;
  const lines = source.split("\n");
  const replaced = [{ line: change.line, with: change.with }, ...(change.also ?? [])];
  const plan = withPythonTree(source, (root) => {
    const cls = root.hasError ? undefined : migrationClass(root);
    if (!cls) return undefined;
    const elements: Array<{ start: number; end: number; with?: readonly string[] }> = [];
    for (const r of replaced) {
      const element = cls.operations.find((e) => e.startPosition.row + 1 <= r.line && r.line <= e.endPosition.row + 1);
      if (!element) return undefined;
      const [start, end] = [element.startPosition.row, element.endPosition.row];
      // one element named twice (an AlterIndexTogether's sets share its line): replaced once
      if (elements.some((e) => e.start === start)) continue;
      // the element alone on its lines: its first line starts it, its last ends it (a comma after it is the list's)
      const text = element.text.split("\n");
      if (lines[start].trimStart() !== text[0] && lines[start].trimStart() !== `${text[0]},`) {
        if (text.length === 1 || !lines[start].trimStart().startsWith(text[0])) return undefined;
      }
      if (lines[end].trim().replace(/,$/, "") !== text[text.length - 1].trim()) return undefined;
      if (cls.operations.some((o) => o !== element && o.endPosition.row >= start && o.startPosition.row <= end)) return undefined;
      elements.push({ start, end, with: r.with });
    }
    const atomic = cls.body.find((s) => s.type === "expression_statement" && s.namedChildren[0]?.type === "assignment" && s.namedChildren[0]?.childForFieldName("left")?.text === "atomic");
    const lastImport = [...root.namedChildren].reverse().find((n) => n?.type === "import_statement" || n?.type === "import_from_statement");
    return { elements, atomicRow: atomic?.startPosition.row, firstBodyRow: cls.body[0].startPosition.row, importRow: lastImport?.endPosition.row };
  });
  if (!plan) return undefined;
  const pad = (row: number) => lines[row].slice(0, lines[row].length - lines[row].trimStart().length);
  const replacement = (e: { start: number; end: number; with?: readonly string[] }) =>
    e.with === undefined ? lines.slice(e.start, e.end + 1) : e.with.map((op) => `${pad(e.start)}${op.trim().replace(/,$/, "").replace(/\n/g, `\n${pad(e.start)}`)},`);
  const bound = sourceImports(migration as Migration);
  const missing = (change.imports ?? []).filter((line) => {
    const name = line.split(/\s+import\s+/).pop()?.split(/\s+as\s+/).pop()?.trim();
    return !name || !(name in bound);
  });
  const edits: Array<{ row: number; remove: number; insert: string[] }> = plan.elements.map((e) => ({ row: e.start, remove: e.end - e.start + 1, insert: replacement(e) }));
  if (change.nonAtomic !== undefined) {
    const statement = `atomic = False  # ${change.nonAtomic}`;
    if (plan.atomicRow !== undefined) edits.push({ row: plan.atomicRow, remove: 1, insert: [`${pad(plan.atomicRow)}${statement}`] });
    else edits.push({ row: plan.firstBodyRow, remove: 0, insert: [`${pad(plan.firstBodyRow)}${statement}`] });
  }
  if (missing.length) edits.push({ row: plan.importRow === undefined ? 0 : plan.importRow + 1, remove: 0, insert: missing });
  const out = [...lines];
  // from the bottom up, so the rows above each edit stay where they are
  for (const e of edits.sort((a, b) => b.row - a.row)) out.splice(e.row, e.remove, ...e.insert);
  return out.join("\n");
}

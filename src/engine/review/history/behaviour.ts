/**
 * Whether an edit changes what a migration does: the operations of base and head compared without their
 * source positions and text, so comments and formatting do not count.
 */
import type { Migration, Operation } from "../../model.js";

/** JSON with sorted keys, so two equal models print the same whatever order adapters built them in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

// ormFieldDef repeats the field as written (help_text and all): what it does to the database is in the other fields
const behaviour = (ops: readonly Operation[]) => canonical(ops.map(({ loc: _loc, text: _text, ormFieldDef: _def, ...rest }) => rest));

function downBehaviour(migration: Migration): string {
  const down = migration.down;
  if (down.status === "present") return `present:${behaviour(down.ops)}`;
  return down.status;
}

export interface EditEffect {
  upChanged: boolean;
  downChanged: boolean;
}

export function editEffect(base: Migration, head: Migration): EditEffect {
  return {
    upChanged: behaviour(base.up) !== behaviour(head.up) || base.transactional !== head.transactional,
    downChanged: downBehaviour(base) !== downBehaviour(head),
  };
}

/** First and last line of `head` that differ from `base` (1-based; a pure deletion points at the line after it). */
export function changedLines(base: string, head: string): { line: number; endLine: number } {
  const a = base.split("\n");
  const b = head.split("\n");
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length - 1;
  let endB = b.length - 1;
  while (endA >= start && endB >= start && a[endA] === b[endB]) {
    endA--;
    endB--;
  }
  const line = Math.min(start + 1, Math.max(1, b.length));
  return { line, endLine: Math.max(line, Math.min(endB + 1, b.length)) };
}

/**
 * The first line of `range` in `head` whose text appears nowhere in `base` (blank lines aside): where inside a
 * changed statement the edit is. Falls back to the range's first line.
 */
export function firstNewLineIn(base: string, head: string, range: { line: number; endLine: number }): number {
  const before = new Set(base.split("\n").map((l) => l.trim()));
  const lines = head.split("\n");
  for (let line = range.line; line <= Math.min(range.endLine, lines.length); line++) {
    const text = lines[line - 1].trim();
    if (text !== "" && !before.has(text)) return line;
  }
  return range.line;
}

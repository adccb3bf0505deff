/**
 * Alembic fixes of a call the adapter unrolled from a loop over a literal list (`for table, column in PAIRS:
 * op.alter_column(table, column, nullable=False)`): the loop's names exist only in the loop. Copied into a new
 * revision, the call is written with the item's values; in place, every item runs the loop's body, so a fix gives
 * the body's code over the loop's names, never one item's statement.
 */
import type { Operation } from "../../model.js";
import { argumentText, literalOf } from "./python-call.js";

/**
 * The call's text to copy out of its function (into a new revision): as written, or as this item of its loop runs
 * it. Undefined when a loop variable it reads holds no literal: the caller writes the call from the model.
 */
export function callOutOfLoop(op: Operation): string | undefined {
  if (!op.loopItem) return op.text.trim();
  return op.loopItem.call?.trim();
}

/** The comment a loop body's replacement starts with: the line runs for every item, not for this one. */
export function loopBodyNote(op: Operation): string | undefined {
  if (!op.loop || !op.loopItem) return undefined;
  return `# line ${op.loc.line} runs for every item of ${op.loopItem.over.replace(/\s+/g, " ")} (the loop of lines ${op.loop.line}-${op.loop.endLine}): in the loop's body, in place of line ${op.loc.line} (${op.loopItem.names.join(", ")} as the loop binds them):`;
}

/** The call's argument `n` (or `key=`) in the loop body: a loop variable it is, or the plain string it is written as. */
export function loopArgument(op: Operation, n: number, key: string): { variable: string } | { literal: string } | undefined {
  const text = argumentText(op.text, n, key)?.trim();
  if (!text || !op.loopItem) return undefined;
  if (op.loopItem.names.includes(text)) return { variable: text };
  const value = literalOf(text);
  return value?.kind === "str" && !value.unresolved ? { literal: value.value } : undefined;
}

/**
 * The operations the loop's body runs at `op`'s line, one per item (the adapter unrolled them), each keyed by its
 * item's values of the loop variables the call reads; undefined when one item's values are no literals.
 */
export function loopItems<T extends Operation>(op: T, up: readonly Operation[]): Array<{ key: string; op: T }> | undefined {
  if (!op.loop || !op.loopItem) return undefined;
  const same = up.filter((o): o is T => o.kind === op.kind && o.loop?.line === op.loop!.line && o.loc.line === op.loc.line && o.text === op.text);
  const out: Array<{ key: string; op: T }> = [];
  for (const o of same) {
    const values = o.loopItem?.values;
    if (!values || o.loopItem!.names.join() !== op.loopItem.names.join()) return undefined;
    const key = values.length === 1 ? values[0] : `(${values.join(", ")})`;
    if (!out.some((i) => i.key === key)) out.push({ key, op: o });
  }
  return out;
}

/**
 * One Python expression of the loop body that is each item's own (`{("users", "created_at"): "...", ...}[(table,
 * column)]`): keyed by the loop variables the call reads, so it is exact for every item the loop runs.
 */
export function perItemLookup(op: Operation, items: ReadonlyArray<{ key: string; value: string }>): string {
  const names = op.loopItem!.names;
  const key = names.length === 1 ? names[0] : `(${names.join(", ")})`;
  return `{\n${items.map((i) => `    ${i.key}: ${i.value},`).join("\n")}\n}[${key}]`;
}

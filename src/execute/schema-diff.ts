/**
 * What differs between two schema snapshots, named object by object ("index users_email_idx is still there").
 * A table that is left over (or missing) stands for its columns, indexes, constraints, triggers and owned
 * sequences: they are not listed again.
 */
import { sameDefinition, sameViewColumnsInAnyOrder } from "./definition-equality.js";
import type { SchemaObject, Snapshot } from "./snapshot.js";

export interface SchemaChange {
  change: "left over" | "missing" | "changed";
  object: SchemaObject;
  /** for "changed": the definition before */
  before?: string;
}

/** `public.users` -> `users`: the default schema is noise in messages. */
export const displayName = (name: string): string => name.replace(/(^|\.|\()public\./g, "$1");

/** Functions and procedures: their whole source is the definition, too long to quote in a message. */
export const quotedWhole = (object: SchemaObject): boolean => ["function", "procedure", "window function"].includes(object.kind);

const VIEWS = new Set(["view", "materialized view"]);

function same(before: SchemaObject, after: SchemaObject, clockDriftMs: number): boolean {
  if (sameDefinition(before.definition, after.definition, clockDriftMs)) return true;
  return VIEWS.has(after.kind) && sameViewColumnsInAnyOrder(before.definition, after.definition);
}

/**
 * `clockDriftMs`: time between the two snapshots, within which a timestamp frozen at creation may have moved
 * (see definition-equality.ts).
 */
export function diffSnapshots(before: Snapshot, after: Snapshot, options: { clockDriftMs?: number } = {}): SchemaChange[] {
  const changes: SchemaChange[] = [];
  for (const [key, object] of after) {
    const earlier = before.get(key);
    if (!earlier) changes.push({ change: "left over", object });
    else if (!same(earlier, object, options.clockDriftMs ?? 0)) changes.push({ change: "changed", object, before: earlier.definition });
  }
  for (const [key, object] of before) if (!after.has(key)) changes.push({ change: "missing", object });
  const wholeTables = new Set(changes.filter((c) => c.change !== "changed" && /table|view/.test(c.object.kind)).map((c) => `${c.change} ${c.object.name}`));
  return changes
    .filter((c) => !(c.object.parent && wholeTables.has(`${c.change} ${c.object.parent}`)))
    .sort((a, b) => a.object.kind.localeCompare(b.object.kind) || a.object.name.localeCompare(b.object.name));
}

/** One line per change, for findings' details. */
export function describeChange(change: SchemaChange): string {
  const what = `${change.object.kind} ${displayName(change.object.name)}`;
  switch (change.change) {
    case "left over":
      return `${what} is still there (the down does not remove it)`;
    case "missing":
      return `${what} is gone (the down drops it, but it existed before the up)`;
    case "changed":
      if (quotedWhole(change.object)) return `${what} has a different definition after the down`;
      return `${what} differs: before \`${displayName(change.before ?? "")}\`, after the down \`${displayName(change.object.definition)}\``;
  }
}

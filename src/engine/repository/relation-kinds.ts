/**
 * What kind of relation each name is, as migrations leave it: a table, a view or a materialized view (CREATE
 * MATERIALIZED VIEW, in SQL or a framework's execute, scenic's `create_view ... materialized: true`). A lock rule
 * asks it: nothing writes a materialized view but its REFRESH, so a lock that blocks writes blocks only that.
 */
import type { Operation } from "../model.js";
import { nameKey } from "../rules/support/facts.js";
import { lastBefore } from "./last-before.js";

export type RelationKind = "table" | "view" | "materialized_view";

/** The kind an op gives a name (undefined: the name is gone), or nothing when it changes none. */
export function relationKindsOf(op: Operation): Array<{ name: string; kind: RelationKind | undefined }> {
  switch (op.kind) {
    case "create_table":
      return op.temporary ? [] : [{ name: op.table, kind: "table" }];
    case "drop_table":
      return op.tables.map((name) => ({ name, kind: undefined }));
    case "create_object":
      return op.objectType === "view" || op.objectType === "materialized_view" ? [{ name: op.name, kind: op.objectType }] : [];
    case "drop_object":
      return op.objectType === "view" || op.objectType === "materialized_view" ? op.names.map((name) => ({ name, kind: undefined })) : [];
    default:
      return [];
  }
}

/** The names an op moves (a table or view renamed): the new name takes the old one's kind. */
function renameOf(op: Operation): { from: string; to: string } | undefined {
  if (op.kind === "rename_table") return { from: op.table, to: op.newName };
  if (op.kind === "rename_object" && (op.objectType === "view" || op.objectType === "materialized_view")) return { from: op.name, to: op.newName };
  return undefined;
}

/** The kinds of relation an op drops by name: DROP TABLE drops tables, DROP MATERIALIZED VIEW only materialized views. */
function droppedKindsOf(op: Operation): Array<{ name: string; kind: RelationKind }> {
  if (op.kind === "drop_table") return op.tables.map((name) => ({ name, kind: "table" }));
  if (op.kind === "drop_object" && (op.objectType === "view" || op.objectType === "materialized_view")) return op.names.map((name) => ({ name, kind: op.objectType as RelationKind }));
  return [];
}

/** Each name's kind from each position on, over the migrations of one folder in their order. */
export class RelationKinds {
  private readonly kinds = new Map<string, Array<{ position: number; kind: RelationKind | undefined }>>();
  /**
   * A name whose first event in the folder is a drop (the history starts after it was made: a squashed history, a
   * structure.sql baseline): PostgreSQL's DROP MATERIALIZED VIEW refuses a table, even with IF EXISTS, so the drop
   * says what the relation was from the folder's start until then.
   */
  private readonly droppedFirst = new Map<string, { position: number; kind: RelationKind }>();

  record(ops: readonly Operation[], position: number): void {
    for (const op of ops) {
      for (const { name, kind } of droppedKindsOf(op)) if (!this.kinds.has(nameKey(name)) && !this.droppedFirst.has(nameKey(name))) this.droppedFirst.set(nameKey(name), { position, kind });
      const rename = renameOf(op);
      if (rename) {
        const kind = this.kindBefore(rename.from, position + 1);
        this.set(rename.from, position, undefined);
        this.set(rename.to, position, kind);
      } else for (const { name, kind } of relationKindsOf(op)) this.set(name, position, kind);
    }
  }

  /** The kind of `name` when the migration at `position` starts; undefined when no earlier migration says. */
  kindBefore(name: string, position: number): RelationKind | undefined {
    return lastBefore(this.kinds.get(nameKey(name)), position, (e) => e.kind);
  }

  /**
   * The kind of `name` when the migration at `position` starts: as kindBefore, else, when no earlier migration
   * made or moved it, what a later drop of it says (a name first seen dropped existed as that kind until then).
   */
  kindAt(name: string, position: number): RelationKind | undefined {
    const before = this.kindBefore(name, position);
    if (before !== undefined || (this.kinds.get(nameKey(name))?.[0]?.position ?? Infinity) < position) return before;
    const dropped = this.droppedFirst.get(nameKey(name));
    return dropped && dropped.position >= position ? dropped.kind : undefined;
  }

  private set(name: string, position: number, kind: RelationKind | undefined): void {
    const list = this.kinds.get(nameKey(name)) ?? [];
    this.kinds.set(nameKey(name), list);
    if (list.at(-1)?.position === position) list[list.length - 1].kind = kind;
    else list.push({ position, kind });
  }
}

/**
 * What `ops` before `ops[beforeIndex]` say of `name`: its kind when one of them created, dropped or renamed it away
 * (`settled`), else the name it had when they started (a rename followed back), for the earlier migrations to answer.
 */
export function relationKindIn(ops: readonly Operation[], name: string, beforeIndex: number): { settled: true; kind: RelationKind | undefined } | { settled: false; name: string } {
  let wanted = nameKey(name);
  let named = name;
  for (let i = Math.min(beforeIndex, ops.length) - 1; i >= 0; i--) {
    const op = ops[i];
    const rename = renameOf(op);
    if (rename && nameKey(rename.to) === wanted) {
      wanted = nameKey(rename.from);
      named = rename.from;
      continue;
    }
    if (rename && nameKey(rename.from) === wanted) return { settled: true, kind: undefined };
    const set = relationKindsOf(op).findLast((k) => nameKey(k.name) === wanted);
    if (set) return { settled: true, kind: set.kind };
  }
  return { settled: false, name: named };
}

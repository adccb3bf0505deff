/**
 * Names the migrations of a folder create (tables, views, functions, types, schemas, indexes, constraints),
 * from the engine's model. A statement that fails on a missing object no migration of its folder creates is
 * meeting something made outside the folder (a platform's schema, another Flyway location): the test
 * database's lack, not the migration's fault. A near miss (`uesrs` when `users` exists) is a typo, though.
 */
import type { Migration } from "../engine/model.js";

const bare = (name: string) => (name.split(".").pop() ?? name).replace(/"/g, "").toLowerCase();

export class FolderObjects {
  private readonly names = new Set<string>();

  constructor(migrations: readonly Migration[]) {
    for (const migration of migrations) {
      for (const op of migration.up) {
        if (op.kind === "create_table") this.names.add(bare(op.table));
        else if (op.kind === "rename_table") this.names.add(bare(op.newName));
        else if (op.kind === "create_object" && op.name) this.names.add(bare(op.name));
        else if ((op.kind === "add_index" || op.kind === "add_constraint") && op.name) this.names.add(bare(op.name));
      }
    }
  }

  creates(name: string): boolean {
    return this.names.has(bare(name));
  }

  /** A created name one or two edits away: what the statement probably meant. */
  nearMiss(name: string): string | undefined {
    const wanted = bare(name);
    let best: { name: string; distance: number } | undefined;
    for (const candidate of this.names) {
      const distance = editDistance(wanted, candidate, 2);
      if (distance <= 2 && (!best || distance < best.distance)) best = { name: candidate, distance };
    }
    return best?.name;
  }
}

/** Levenshtein distance, giving up (returning limit + 1) once it exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length];
}

/** The object a "does not exist" error names (the table, for a missing column of a named table). */
export function missingObject(code: string | undefined, message: string): string | undefined {
  const patterns: Record<string, RegExp[]> = {
    "42P01": [/^relation "([^"]+)" does not exist/],
    "3F000": [/^schema "([^"]+)" does not exist/],
    "42883": [/^function ([^\s(]+)\(/],
    "42704": [/^type "([^"]+)" does not exist/, /^(?:index|sequence|view|materialized view|constraint "[^"]+" of relation) "([^"]+)" does not exist/],
    "42703": [/^column "[^"]+" of relation "([^"]+)" does not exist/],
  };
  for (const pattern of patterns[code ?? ""] ?? []) {
    const m = pattern.exec(message);
    if (m) return m[1];
  }
  return undefined;
}

/**
 * Names the migrations of a folder create (tables, views, functions, types, schemas, indexes, constraints),
 * from the engine's model. A statement that fails on a missing object no migration of its folder creates is
 * meeting something made outside the folder (a platform's schema, another Flyway location): the test
 * database's lack, not the migration's fault. A near miss (`uesrs` when `users` exists) is a typo, though.
 */
import type { Migration } from "../engine/model.js";

/** PostgreSQL's own type names (and their usual spellings): a missing type one or two letters from one is a typo. */
const BUILTIN_TYPES = [
  "smallint", "integer", "int", "int2", "int4", "int8", "bigint", "decimal", "numeric", "real", "float4", "float8",
  "smallserial", "serial", "bigserial", "money", "text", "varchar", "char", "character", "bytea", "boolean", "bool",
  "date", "time", "timetz", "timestamp", "timestamptz", "interval", "uuid", "json", "jsonb", "xml", "inet", "cidr",
  "macaddr", "point", "line", "lseg", "box", "path", "polygon", "circle", "tsvector", "tsquery", "bit", "varbit",
  "int4range", "int8range", "numrange", "tsrange", "tstzrange", "daterange", "oid", "regclass", "name",
];

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

  /** A created name (or, for a type, a built-in type) one or two edits away: what the statement probably meant. */
  nearMiss(name: string, options: { type?: boolean } = {}): string | undefined {
    const wanted = bare(name);
    const written = name.replace(/"/g, "");
    let best: { name: string; distance: number } | undefined;
    for (const candidate of options.type ? [...this.names, ...BUILTIN_TYPES] : this.names) {
      // the very name the statement wrote is no hint (`users` missing because it is made later, or was dropped);
      // the same name in another schema or case is one (`auth.users`, `"Users"`)
      if (candidate === written) continue;
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

/** PostgreSQL's "type ... does not exist" (42704 also covers indexes, roles, extensions...). */
export const isMissingType = (code: string | undefined, message: string): boolean => code === "42704" && message.startsWith("type ");

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

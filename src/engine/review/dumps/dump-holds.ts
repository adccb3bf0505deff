/**
 * Whether a schema dump holds what deleted migrations built: every table and column they create that the migrations
 * after them (deleted or kept, up to the dump's version) leave standing is in the dump (dump-items.ts). A squash deletes migrations older than the dump's version; fresh databases load the
 * dump, so they get what those migrations built only if the dump has it. Not proved, so never counted missing: what
 * an existence check guards (it ran only where the check held), primary keys (schema.rb writes them in create_table's
 * options), the columns of tables a migration renames (they move with them), and indexes (Rails renames them with
 * their table or column, and PostgreSQL drops them with a column).
 */
import type { Migration, Operation } from "../../model.js";
import { compareVersions } from "../../migration-versions.js";
import { columnKey, leftBy } from "./dump-catch-up.js";
import type { DumpItem } from "./dump-items.js";

/** The migration with only what it does unconditionally and proves in a dump. */
const provable = (m: Migration): Migration => ({
  ...m,
  up: m.up.flatMap((op): Operation[] => {
    if (op.guards?.length) return [];
    if (op.kind === "create_table") return [{ ...op, columns: op.columns.filter((c) => !c.primaryKey) }];
    return [op];
  }),
});

/**
 * What `deleted` built, and `kept` (the migrations that stay, up to the dump's version) leaves standing, that the dump
 * lacks ("users.locale", "table payments"); empty when it holds all of it.
 */
export function missingFromDump(items: readonly DumpItem[], deleted: readonly Migration[], kept: readonly Migration[]): string[] {
  const byVersion = (ms: readonly Migration[]) => ms.map(provable).sort((a, b) => compareVersions(a.version ?? "", b.version ?? ""));
  const built = leftBy(byVersion(deleted));
  const left = leftBy(byVersion([...deleted, ...kept]));
  const tables = new Set(items.filter((i) => i.kind === "table").map((i) => i.table!));
  const columns = new Set(items.filter((i) => i.kind === "column").map((i) => columnKey(i.table!, i.column!)));
  const standing = (map: typeof left.tables, key: string, table: string | undefined) =>
    map.get(key)?.exists === true && (table === undefined || (!left.renamed.has(table) && left.tables.get(table)?.exists !== false));
  const missing: string[] = [];
  for (const table of built.tables.keys()) if (standing(left.tables, table, table) && !tables.has(table)) missing.push(`table ${table}`);
  for (const key of built.columns.keys()) if (standing(left.columns, key, key.slice(0, key.lastIndexOf("."))) && !columns.has(key)) missing.push(key);
  return missing;
}

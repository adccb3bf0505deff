/**
 * The name of the table a fix copies rows into before it drops, deletes or overwrites them. One name per table
 * would collide: the same fix offered on every migration that touches the table (a version table each release bumps,
 * a model several data migrations rewrite) fails with "already exists" from the second on. So the name carries the
 * migration's version (Rails, Django, SQL layouts) or Alembic revision: `<table>_backup_<version>`, and
 * `<table>_<column>_backup_<version>` for a column. Past PostgreSQL's 63 bytes the table and column parts are cut
 * (makeObjectName's rule), never the version, which is what keeps it apart.
 */
import type { Migration } from "../../model.js";
import { makeObjectName } from "./pg-names.js";

/** A migration's tag in a name: its version or revision, else its file name, as identifier characters. */
function migrationTag(migration: Pick<Migration, "version" | "revision" | "name" | "path">): string {
  const raw = migration.version ?? migration.revision?.id ?? migration.name ?? migration.path.split("/").pop()!.replace(/\.\w+$/, "");
  const tag = raw.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "").toLowerCase();
  // a long file name (no version) would leave no room for the table: its first 24 bytes stay
  return tag.slice(0, 24);
}

/**
 * The backup of `table` (schema kept, when it has one) made by `migration`, of `column` when one column is kept
 * (`dropped_columns` for several).
 */
export function backupName(migration: Pick<Migration, "version" | "revision" | "name" | "path">, table: string, column?: string): string {
  const parts = table.split(".");
  const relation = parts.pop()!;
  const tag = migrationTag(migration);
  const name = makeObjectName(relation, column, tag ? `backup_${tag}` : "backup");
  return [...parts, name].join(".");
}

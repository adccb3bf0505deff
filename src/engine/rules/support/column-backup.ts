/**
 * The copy of one column kept before it is dropped: its table's primary key and the column, so the values can be
 * joined back, not the whole table. The key is read from the migrations that built the table; Rails and Django
 * tables without one found there have their framework's `id` (said in a note); elsewhere, with no key known,
 * the whole table is the copy (and the note says why).
 */
import { nameKey } from "./facts.js";
import type { RuleContext } from "./rule.js";
import { migrationDialect } from "./sql-dialect.js";
import { backupName } from "./backup-name.js";

export interface ColumnBackup {
  /** the CREATE TABLE ... AS statement, no semicolon */
  sql: string;
  backup: string;
  /** the key the copy keeps, when it keeps one */
  key?: readonly string[];
  /** what migguard could not read, for a comment beside the statement */
  note?: string;
}

/**
 * The primary key columns of `table` as the migrations before this one leave it, or undefined. A Django app's model
 * state follows every AlterField and AddField since the table was created (pydis-site's nomination lost its
 * OneToOne `user` key to a new AutoField `id`), so it comes first; otherwise a column added since with PRIMARY KEY,
 * else the key the creating migration declared. A key that is not the table's would join a restored value to
 * every row sharing it (a user's many nominations).
 */
export function primaryKeyOf(ctx: RuleContext, table: string): readonly string[] | undefined {
  const state = ctx.migration.djangoTableKeys?.[nameKey(table)];
  if (state?.length) return state;
  const grown = ctx.repository.grownTableDefinition(table);
  const addedKey = grown?.added.filter((a) => a.column.primaryKey).map((a) => a.column.name) ?? [];
  if (addedKey.length) return addedKey;
  const create = grown?.create ?? ctx.repository.tableDefinition(table);
  if (!create) return undefined;
  const columns = create.columns.filter((c) => c.primaryKey).map((c) => c.name);
  const constraint = create.constraints.find((c) => c.type === "primary_key")?.columns ?? [];
  const key = columns.length ? columns : constraint;
  return key.length ? key : undefined;
}

export function columnBackup(ctx: RuleContext, table: string, column: string, beforeIndex?: number): ColumnBackup {
  const sql = migrationDialect(ctx.migration);
  const backup = backupName(ctx.migration, table.split(".").pop()!, column);
  const known = primaryKeyOf(ctx, table);
  const conventional = !known && (ctx.framework === "rails" || ctx.framework === "django" || ctx.repository.columnType(table, "id", beforeIndex) !== undefined);
  const key = known ?? (conventional ? ["id"] : undefined);
  // dropping the key itself: the whole table is the copy (SELECT id, id would name one column twice)
  if (!key || key.some((k) => nameKey(k) === nameKey(column))) {
    return {
      sql: sql.copyTable(backup, table),
      backup,
      note: key ? undefined : `migguard found no primary key of ${table} in the migrations: the whole table is copied (keeping only its key and ${column} is enough)`,
    };
  }
  return {
    sql: `CREATE TABLE ${sql.ident(backup)} AS SELECT ${[...key, column].map(sql.ident).join(", ")} FROM ${sql.ident(table)}`,
    backup,
    key,
    note: known ? undefined : `${table}'s primary key is not in the migrations migguard read: ${ctx.framework === "rails" || ctx.framework === "django" ? "the framework's id" : "its id column"} is assumed`,
  };
}

/**
 * The copy of several columns of `table` a migration drops together, in one backup table: the key and every column
 * (the whole table when no key is known, or when the key is among them).
 */
export function columnsBackup(ctx: RuleContext, table: string, columns: readonly string[], beforeIndex?: number): ColumnBackup {
  if (columns.length === 1) return columnBackup(ctx, table, columns[0], beforeIndex);
  const sql = migrationDialect(ctx.migration);
  const backup = backupName(ctx.migration, table.split(".").pop()!, "dropped_columns");
  const one = columnBackup(ctx, table, columns[0], beforeIndex);
  const key = one.key;
  if (!key || key.some((k) => columns.some((c) => nameKey(k) === nameKey(c)))) return { sql: sql.copyTable(backup, table), backup, note: one.note };
  return { sql: `CREATE TABLE ${sql.ident(backup)} AS SELECT ${[...key, ...columns].map(sql.ident).join(", ")} FROM ${sql.ident(table)}`, backup, key, note: one.note };
}

/**
 * The statement that sets `column` of `table` again from its copy (`kept`), joined on the copy's key: what a rollback
 * runs once the column is back. Undefined when the copy has no key to join on (the whole table was copied).
 */
export function restoreColumnSql(ctx: RuleContext, table: string, column: string, kept: ColumnBackup): string | undefined {
  return restoreColumnsSql(ctx, table, [column], kept);
}

/** restoreColumnSql for several columns kept in one copy (columnsBackup): one UPDATE sets them all. */
export function restoreColumnsSql(ctx: RuleContext, table: string, columns: readonly string[], kept: ColumnBackup): string | undefined {
  if (!kept.key) return undefined;
  const sql = migrationDialect(ctx.migration);
  return sql.restoreFrom(table, columns, kept.backup, kept.key);
}

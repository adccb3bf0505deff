/**
 * A copy of a table kept before a data change deletes rows of it or overwrites values in it, and the SQL that puts
 * them back, joined on the table's primary key (column-backup.ts's primaryKeyOf; the framework's `id` where the
 * migrations name none): rows the change deleted are inserted again, the columns it overwrote set again from the
 * copy. Rows it did not touch stay as they are.
 */
import type { RuleContext } from "./rule.js";
import { primaryKeyOf } from "./column-backup.js";
import { migrationDialect } from "./sql-dialect.js";
import { backupName } from "./backup-name.js";

export interface RowsBackup {
  /** the statement that copies the table, no semicolon */
  copy: string;
  backup: string;
  /** the statements that put back what the change deleted or overwrote, then drop the copy; empty when the overwritten columns are not known */
  restore: string[];
  /** what migguard could not read, for a comment beside the copy */
  note?: string;
}

/**
 * `overwritten`: the columns the change sets, undefined when it overwrites values of columns migguard cannot name
 * (then the copy stays, and restoring them is said to be by hand).
 */
export function rowsBackup(ctx: RuleContext, table: string, deletes: boolean, overwritten: readonly string[] | undefined): RowsBackup {
  const sql = migrationDialect(ctx.migration);
  const backup = backupName(ctx.migration, table.split(".").pop()!);
  const found = primaryKeyOf(ctx, table);
  const key = found ?? ["id"];
  const t = sql.ident(table);
  const b = sql.ident(backup);
  const on = (left: string) => key.map((k) => `${left}.${sql.ident(k)} = b.${sql.ident(k)}`).join(" AND ");
  const updates = overwritten?.length
    ? [
        sql.restoreFrom(table, overwritten, backup, key),
      ]
    : [];
  const inserts = deletes ? [`INSERT INTO ${t} SELECT b.* FROM ${b} b WHERE NOT EXISTS (SELECT 1 FROM ${t} x WHERE ${on("x")})`] : [];
  const unknownColumns = overwritten === undefined;
  const notes = [
    found ? undefined : `${table}'s primary key is not in the migrations migguard read: ${ctx.framework === "rails" || ctx.framework === "django" ? "the framework's id" : "an id column"} is assumed`,
    unknownColumns ? `the columns it overwrites are not known from the code: set them again from ${backup} by hand, joined on ${key.join(", ")}` : undefined,
  ].filter((n): n is string => n !== undefined);
  return {
    copy: sql.copyTable(backup, table),
    backup,
    // with columns it could not name, the copy stays for the restore by hand
    restore: [...updates, ...inserts, ...(unknownColumns ? [] : [`DROP TABLE ${b}`])],
    ...(notes.length ? { note: notes.join("; ") } : {}),
  };
}

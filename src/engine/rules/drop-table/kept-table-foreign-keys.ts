/**
 * Django's state-only removal of a model (or of a many-to-many field) keeps its table, and with it the table's
 * FOREIGN KEYs. Django's on_delete runs in Python: once the model is gone from the code nothing deletes the kept
 * rows with the rows they point at, so each of those keys would make deleting a user, a document... fail. They go
 * with the state; the rows stay. The key names are read from the catalog (Django derives them with a hash).
 */
import type { Database } from "../../model.js";
import { pythonString } from "../support/embed-sql.js";
import { sqlDialect } from "../support/sql-dialect.js";

/** The database_operations entry (Python lines, unindented) that drops the foreign keys of the kept `tables`. */
export function keptTableForeignKeysDrop(tables: readonly string[], database: Database): string[] {
  const names = tables.join(", ");
  const why = [
    `# Django deletes related rows in Python (on_delete): without the model nothing deletes ${names} rows with the rows they`,
    `# point at, so ${tables.length > 1 ? "their" : "its"} foreign keys would make those deletes fail. They go now; the rows stay:`,
  ];
  if (database !== "postgresql")
    return [...why, `# (drop each FOREIGN KEY of ${names} by its name in information_schema.table_constraints: migguard writes this step for PostgreSQL only)`];
  const { ident } = sqlDialect(database);
  const regclasses = tables.map((t) => `'${ident(t).replace(/'/g, "''")}'::regclass`).join(", ");
  return [
    ...why,
    `migrations.RunSQL(`,
    `    ${pythonString("DO $$ DECLARE c record; BEGIN")}`,
    `    ${pythonString(` FOR c IN SELECT conrelid::regclass AS tbl, conname FROM pg_constraint WHERE contype = 'f' AND conrelid IN (${regclasses})`)}`,
    `    ${pythonString(" LOOP EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', c.tbl, c.conname); END LOOP; END $$")},`,
    `    # the code a rollback brings back deletes these rows through its model again`,
    `    reverse_sql=migrations.RunSQL.noop,`,
    `),`,
  ];
}

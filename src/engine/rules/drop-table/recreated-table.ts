/**
 * A dropped table whose name comes back (recreated-later.ts): a CREATE TABLE later in the migration, or a later
 * migration of the folder (linkwarden's Account, created again by 20231108232127; manage.get.gov's DnsZone, deleted
 * by 0168 to change its key and created again by 0169). The rows are lost all the same, so the error stays; what
 * changes is what it says and fixes. Today's schema and code describe the table created again, so what names it is
 * no evidence that code used this one. And a fix that keeps the table collides with the re-creation: kept under its
 * name (Django's state-only DeleteModel) it fails the CREATE TABLE, and renamed aside it still holds its index names
 * (PostgreSQL keeps an index's name, and its primary key's, `Account_pkey`, through a table rename), which the new
 * table's CREATE TABLE asks for again. On PostgreSQL the fix renames those indexes with it; elsewhere it keeps a copy,
 * which has no indexes, and drops the table as written.
 */
import type { OperationOf } from "../../model.js";
import { nameKey } from "../support/facts.js";
import type { Report, RuleContext } from "../support/rule.js";
import { recreatedBeforeCodeRuns, recreationSentence, recreationWhere, type Recreation } from "../support/recreated-later.js";
import { isDerived } from "../support/derived-down.js";
import { migrationDialect } from "../support/sql-dialect.js";
import { sqlCodeNames } from "../support/sql-code-names.js";
import { railsUpOnly } from "../support/rails-fix.js";
import { reindented } from "../support/data-code.js";
import { djangoCopy, tableRestore, typesDroppedLater, whereTableExists } from "../support/planned-removal.js";
import { sqlString } from "../support/fix.js";
import { leftoverMessage, leftoverSeverity } from "./leftover-table.js";
import { backupName } from "../support/backup-name.js";

/**
 * The table a later migration renames onto the dropped name, when it already stands beside the dropped one as the
 * drop runs (content-publisher's versioned_timeline_entries, created a month before 20190122104549 drops
 * timeline_entries and renamed to timeline_entries by 20190123140850): a replacement built first, which takes the
 * old name once the old table is gone. It is another table with rows of its own, not the dropped one coming back:
 * the drop is judged on its own, and what names the name today reads the replacement.
 */
export interface Replacement {
  /** the replacement's name when the drop runs */
  table: string;
  /** where it came from, for messages: "created by path", "created at line 3" */
  born: string;
}

export function replacementBeside(ctx: RuleContext, again: Recreation, index: number): Replacement | undefined {
  // within one migration or one change no code runs between the drop and the rename: the name is back at once
  if (again.op.kind !== "rename_table" || recreatedBeforeCodeRuns(again)) return undefined;
  const table = again.op.table;
  if (ctx.facts.isNewTable(table, index)) {
    const created = ctx.migration.up.find((o, i) => i < index && o.kind === "create_table" && nameKey(o.table) === nameKey(table));
    return { table, born: created ? `created at line ${created.loc.line} of this migration` : "created earlier in this change" };
  }
  const birth = ctx.repository.tableBirth(table);
  return birth ? { table, born: `created by ${birth.creator.path}` } : undefined;
}

/**
 * The table renamed aside with its indexes (and the constraints they back), each under a name that keeps within
 * PostgreSQL's 63 bytes. `ifExists`: the drop said IF EXISTS, so the table may be absent (every fresh install of
 * frontier's base migration): the rename says IF EXISTS too, and the indexes are looked up with to_regclass, which
 * finds nothing there instead of failing.
 */
function renamedAside(ctx: RuleContext, table: string, why: string, ifExists: boolean): string {
  const { ident } = migrationDialect(ctx.migration);
  const parts = table.split(".");
  const name = `${parts.pop()}_deprecated`;
  const renamed = [...parts, name].map((p) => ident(p)).join(".");
  return [
    `-- ${why}. Keep its rows under another name, and its indexes too`,
    `-- (the primary key's and unique constraints' among them): a renamed table keeps their names, which that step creates again:`,
    `ALTER TABLE ${ifExists ? "IF EXISTS " : ""}${ident(table)} RENAME TO ${ident(name)};`,
    `DO $$ DECLARE i record; BEGIN`,
    `  FOR i IN SELECT c.relname FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid WHERE x.indrelid = ${ifExists ? `to_regclass(${sqlString(renamed)})` : `${sqlString(renamed)}::regclass`} LOOP`,
    `    EXECUTE format('ALTER INDEX %I RENAME TO %I', i.relname, left(i.relname, 52) || '_deprecated');`,
    `  END LOOP;`,
    `END $$;`,
    `-- drop ${renamed} in a later migration, once nobody misses the rows`,
    ...(typesDroppedLater(ctx).length
      ? [`-- the renamed table still uses its types: move line${typesDroppedLater(ctx).length > 1 ? "s" : ""} ${typesDroppedLater(ctx).join(", ")} (DROP TYPE) to that later migration, after its DROP TABLE`]
      : []),
  ].join("\n");
}

/**
 * `leftover`: why no migration of the project made the table (leftover-table.ts), for a DROP TABLE IF EXISTS: then the
 * finding is a note, as the drop finds nothing on a database these migrations built.
 */
export function recreatedTableReport(ctx: RuleContext, op: OperationOf<"drop_table">, table: string, again: Recreation, replacement?: Replacement, leftover?: string): Report {
  const sql = migrationDialect(ctx.migration);
  const named = sqlCodeNames(ctx, table);
  const today = (named?.usages ?? []).map((u) => `${u.path}:${u.line}`);
  const backup = backupName(ctx.migration, table.split(".").pop()!);
  const unguarded = sql.copyTable(backup, table);
  // DROP TABLE IF EXISTS: the table may be absent, and a bare copy would fail where the drop would not
  const guarded = op.ifExists && ctx.migration.database === "postgresql";
  const copy = guarded ? whereTableExists(ctx, table, unguarded) : unguarded;
  const why = `${again.where} ${again.does}, so ${table} cannot stay under its name`;
  const keep = (prefix: string) => `${prefix} ${why}, and a copy has none of its indexes to collide with it. Keep a copy of the rows, then ${again.sameStatement ? "run the statement" : "drop it"} as written:`;
  const own = reindented(op.text.trim());
  const fix = (() => {
    switch (ctx.framework) {
      case "django":
        return [keep("#"), ...djangoCopy(ctx, op, unguarded, backup, tableRestore(ctx, table, backup, false)), own.endsWith(",") ? own : `${own},`].join("\n");
      case "rails":
        return [keep("#"), isDerived(ctx.migration.down) ? railsUpOnly(ctx.migration, `execute ${JSON.stringify(copy)}`) : `execute ${JSON.stringify(copy)}`, own].join("\n");
      case "alembic":
        return [keep("#"), `op.execute(${JSON.stringify(copy)})`, own].join("\n");
      default:
        // the statement may drop other tables too: only this one is kept aside
        return ctx.migration.database === "postgresql" && op.tables.length === 1 ? renamedAside(ctx, table, why, guarded) : [keep("--"), `${copy};`, own.replace(/;?\s*$/, ";")].join("\n");
    }
  })();
  if (leftover && !replacement)
    return {
      op,
      severity: leftoverSeverity(ctx),
      message: `${leftoverMessage(ctx, table, leftover)} ${again.sameStatement ? "The same statement" : recreationWhere(again, true)} ${again.does}.`,
      fix,
    };
  if (replacement) {
    const model = ctx.repository.model(table);
    const readers = [...(model ? [`the ${model.className} model, ${model.path}`] : []), ...today.filter((t) => !model || !t.startsWith(`${model.path}:`))];
    return {
      op,
      // the rows go for good, and whether the code of the time still read them is not in today's code: a warning, not
      // the error of a table the code uses, nor a note as for a removal that code evidence shows was planned
      severity: "warning",
      message:
        `Dropping table ${table} deletes all its rows; a rollback cannot bring them back. It looks superseded: ${replacement.table}, ${replacement.born}, stands beside it when this runs and takes its name later (${again.where} ${again.does}). ` +
        `What names ${table} in today's code${readers.length ? ` (${readers.slice(0, 3).join(", ")}${readers.length > 3 ? ` and ${readers.length - 3} more` : ""})` : ""} reads that table, not this one, so it says nothing of this one's readers: ` +
        `make sure the code deployed when this runs already uses ${replacement.table}, and keep a copy if anyone may need the rows.`,
      fix,
      ...(today.length ? { details: (named?.usages ?? []).map((u) => `${u.path}:${u.line}: ${u.text} (uses ${replacement.table}, renamed to ${table} later)`) } : {}),
    };
  }
  return {
    op,
    // no code runs between the drop and the re-creation: what is left is the data loss alone, as with a removal the code
    // already stopped using (planned-removal.ts), a warning; a later migration of its own leaves a window, the error stays
    // (not Rails' `create_table ..., force:`, whose drop is an option often copied from schema.rb without meaning to empty the table)
    ...(recreatedBeforeCodeRuns(again) && !(ctx.framework === "rails" && again.sameStatement) ? { severity: "warning" as const } : {}),
    message: `Dropping table ${table} deletes all its rows; a rollback cannot bring them back.${recreationSentence(again, today, "the rows")}`,
    fix,
    ...(today.length ? { details: (named?.usages ?? []).map((u) => `${u.path}:${u.line}: ${u.text} (uses the table created again)`) } : {}),
  };
}

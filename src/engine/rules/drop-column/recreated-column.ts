/**
 * A dropped column whose name comes back (recreated-later.ts): in the same statement (Prisma's drop and add of
 * linkwarden's Link.indexVersion, a change of type that empties the column), later in the migration, or in a later
 * migration of the folder (WebODM's 0014 adds imageupload.task again). The values are lost all the same, so the
 * error stays; what changes is what it says and fixes. What names the column today is the new column's reader, not
 * evidence that code read this one. And the usual fix, which keeps the column for the old code (a state-only
 * RemoveField, ignored_columns, a deferred DROP COLUMN), would make the re-creation fail with "already exists": the
 * drop stays where it is, after a copy of the values.
 */
import type { Operation, OperationOf } from "../../model.js";
import { nameKey } from "../support/facts.js";
import { djangoCopy, movedStepText } from "../support/planned-removal.js";
import type { RuleContext, Report } from "../support/rule.js";
import { recreatedBeforeCodeRuns, recreationSentence, type Recreation } from "../support/recreated-later.js";
import { isDerived } from "../support/derived-down.js";
import { migrationDialect } from "../support/sql-dialect.js";
import { columnBackup, restoreColumnSql } from "../support/column-backup.js";
import { sqlCodeNames } from "../support/sql-code-names.js";
import { railsUpOnly } from "../support/rails-fix.js";
import { dataCode } from "../support/data-code.js";
import { commentMarker } from "../support/fix.js";

export function recreatedColumnReport(ctx: RuleContext, op: OperationOf<"drop_column">, index: number, again: Recreation): Report {
  const sql = migrationDialect(ctx.migration);
  const [t, c] = [sql.ident(op.table), sql.ident(op.column)];
  const named = sqlCodeNames(ctx, op.table, op.column);
  const today = (named?.usages ?? []).map((u) => `${u.path}:${u.line}`);
  const retyped = again.sameMigration && again.type !== undefined;
  const kept = columnBackup(ctx, op.table, op.column, index);
  const why = again.sameMigration
    ? `${again.sameStatement ? "the same statement" : again.where} ${again.does}${retyped ? `: a change of type that starts the column empty` : ""}`
    : `${again.where} ${again.does}: a column kept here (left for the old code, dropped in a later migration) makes it fail with "already exists", so the drop stays`;
  const comment = (prefix: string) => [`${prefix} ${why}. Keep a copy of the values, then ${again.sameStatement ? "run the statement" : "drop it"} as written:`, ...(kept.note ? [`${prefix} ${kept.note}`] : [])];
  // the drop as code of the migration's language: a statement of a RunSQL / op.execute / execute string is that call again
  const own = dataCode(ctx.framework, op);
  const fix = (() => {
    switch (ctx.framework) {
      case "django":
        return [
          ...comment("#"),
          // the reverse runs after RemoveField's, which adds the column back empty: the values come back from the copy
          ...djangoCopy(ctx, op, kept.sql, kept.backup, restoreColumnSql(ctx, op.table, op.column, kept)),
          own.endsWith(",") ? own : `${own},`,
        ].join("\n");
      case "rails":
        return [...comment("#"), isDerived(ctx.migration.down) ? railsUpOnly(ctx.migration, `execute ${JSON.stringify(kept.sql)}`) : `execute ${JSON.stringify(kept.sql)}`, own].join("\n");
      case "alembic":
        return [...comment("#"), `op.execute(${JSON.stringify(kept.sql)})`, own].join("\n");
      default:
        return [...comment("--"), `${kept.sql};`, own].join("\n"); // dataCode ends SQL with its ";"
    }
  })();
  return {
    op,
    // no code runs between the drop and the re-creation: what is left is the data loss alone, as with a removal the code
    // already stopped using (planned-removal.ts), a warning; a later migration of its own leaves a window, the error stays
    ...(recreatedBeforeCodeRuns(again) ? { severity: "warning" as const } : {}),
    message: `Dropping column ${op.table}.${op.column} deletes its values; a rollback cannot restore them.${recreationSentence(again, today)}${retyped ? " In effect a change of type that starts the column empty." : ""}`,
    fix,
    ...(today.length ? { details: (named?.usages ?? []).map((u) => `${u.path}:${u.line}: ${u.text} (reads the column created again)`) } : {}),
  };
}

/** A data step that may write rows: code that is not only reads, or an INSERT / UPDATE / COPY. */
const writesData = (o: Operation) => (o.kind === "data_migration" && !o.readOnly) || (o.kind === "dml" && (o.verb === "insert" || o.verb === "update" || o.verb === "copy"));

/**
 * The drop is a swap's: a later step of this migration renames onto the dropped name a column that an earlier
 * migration added, and a data step ran in between (earlier in this migration, or the folder's previous migration):
 * normandy's 0003 adds approved_tmp_revision, 0004's RunPython copies every recipe's revision to the tmp revisions
 * and points approved_tmp_revision at them, 0005 drops approved_revision and renames approved_tmp_revision into its
 * place. The values live on in the replacement, by the name the code uses: a note, and no copy (the old values are
 * ids of rows the swap leaves behind). The data step, where found; undefined when this is no such swap.
 */
export function filledReplacement(ctx: RuleContext, op: OperationOf<"drop_column">, index: number, again: Recreation, moved?: string): { step: string; replacement: string } | undefined {
  if (!again.sameMigration || again.op.kind !== "rename_column" || nameKey(again.op.table) !== nameKey(op.table)) return undefined;
  const replacement = again.op.column;
  // added by this migration: the change's own swap (change-plan.ts) decides, from what filled it
  const addedHere = ctx.migration.up.some((o) => o.kind === "add_column" && nameKey(o.table) === nameKey(op.table) && nameKey(o.column.name) === nameKey(replacement));
  if (addedHere) return undefined;
  // the data step that read the dropped column (drop-column's movedStep), else the last that wrote anything
  if (moved) return { step: moved, replacement };
  const here = ctx.migration.up.slice(0, index).findLast(writesData);
  const previous = ctx.repository.previousInFolder;
  const before = here ? undefined : previous?.up.findLast(writesData);
  const step = here ? { migration: ctx.migration, op: here } : before && previous ? { migration: previous, op: before } : undefined;
  return step && { step: movedStepText(ctx, step), replacement };
}

export function filledReplacementReport(ctx: RuleContext, op: OperationOf<"drop_column">, again: Recreation, filled: { step: string; replacement: string }): Report {
  const own = dataCode(ctx.framework, op);
  const comment = commentMarker(ctx.framework);
  return {
    op,
    severity: "info",
    hazard: "old-code",
    message: `Dropping column ${op.table}.${op.column} is a step of a swap: ${again.where} of this migration renames ${filled.replacement}, which an earlier migration added, to ${op.column}, after ${filled.step} ran. If that step filled ${filled.replacement} from ${op.column} (what a swap is for), nothing is lost and the code finds ${op.column} when the migration ends; if it did not, ${op.column}'s values are gone.`,
    fix: [`${comment} ${filled.step} filled ${filled.replacement}, which ${again.where} renames onto ${op.column}: nothing to copy, the drop as written:`, own].join("\n"),
  };
}

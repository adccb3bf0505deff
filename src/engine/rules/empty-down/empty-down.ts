import type { Operation } from "../../model.js";
import { defineRule } from "../support/rule.js";
import { downHabit, downHabitSeverity } from "../support/conventions.js";
import { fixFor } from "../support/fix.js";
import { railsDownFor } from "../support/rails-inverse.js";
import { alembicDowngradeFor, changesOnlyData, dataTables } from "../support/alembic-inverse.js";
import { firstLine, hasMeaningfulUp } from "../support/scope.js";
import { addsOnlyEnumValues } from "../support/adds-only-enum-values.js";
import { ALL_DATABASES, isMysqlFamily } from "../support/databases.js";
import { sqlInverse } from "../support/sql-inverse.js";
import { migrationDialect } from "../support/sql-dialect.js";
import { nullabilityBefore } from "../support/prior-nullability.js";
import { validatesAfterDemandedBackfill } from "./demanded-backfill.js";
import { backfillOfAddedColumns } from "./backfill-of-added-columns.js";
import { scratchSchema } from "../support/scratch-schema.js";
import { andList } from "../../in-words.js";
import { CONFIG_PATHS } from "../../config-paths.js";
import { idempotent, settledByUp } from "../support/rerun-no-op.js";
import { dedupedTable } from "./dedupe.js";
import { restoredInUp } from "./restored-in-up.js";

/** `place_geometries.cleaned_geom`, `table tmp_ids`: what scratch schema the up builds, in words. */
function scratchNames(scratch: ReadonlySet<Operation>): string {
  const names = [...scratch].flatMap((op) => (op.kind === "add_column" ? [`${op.table}.${op.column.name}`] : op.kind === "create_table" ? [`table ${op.table}`] : []));
  return andList(names);
}

/** `alias_domain_name_fkey on alias`: what the up drops and adds back, in words. */
function restoredNames(restored: ReadonlySet<Operation>): string {
  return andList([...restored].flatMap((op) => (op.kind === "drop_constraint" ? [`${op.name} on ${op.table}`] : op.kind === "drop_index" ? [`index ${op.names[0]}`] : [])));
}

/** A data step that changes the values of every row of its table, or deletes them all (its writes reach every row). */
const rewritesEveryRow = (op: Operation): boolean => op.kind === "data_migration" && (op.overwritesEveryRow === true || op.batched?.hasWhere === false);

/** Names of schema work: a gem's class method named so (globalize's create_translation_table!) may create or drop anything. */
const SCHEMA_VERB = /^(create|drop|add|remove|rename|change|alter)_/;

/**
 * Calls of a model's class method the adapter cannot see into (`Project.elastic_index!(ids: ...)`), beside the data
 * changes of an up: application code, not a migration helper. Empty when the up does anything else, or calls one
 * whose name says it changes the schema.
 */
function applicationCalls(work: readonly Operation[]): Operation[] {
  const calls = work.filter((op) => op.kind === "raw" && op.opaque && op.statement.includes("."));
  if (calls.length === 0 || calls.length === work.length) return [];
  if (calls.some((op) => op.kind === "raw" && SCHEMA_VERB.test(op.statement.split(".").pop()!))) return [];
  return work.every((op) => calls.includes(op) || op.kind === "dml" || op.kind === "data_migration") ? calls : [];
}

/** The seed's outage: the rollback ran, and the down was blank. */
export default defineRule({
  meta: {
    id: "empty-down",
    databases: ALL_DATABASES,
    category: "irreversible",
    severity: "error",
    title: "Down migration is empty",
    why:
      "An empty down looks like a rollback plan but does nothing: `rollback` reports success while the schema " +
      "stays changed, and the next deploy of the old code meets the new schema.",
  },
  check(ctx) {
    const { down, up } = ctx.migration;
    if (down.status !== "empty" || !hasMeaningfulUp(up)) return;
    // a folder where no migration has a down that does anything, in a layout whose downs are optional (dbmate's
    // `-- migrate:down` left empty in each file): up-only by the team's choice, one note for the folder, as missing-down's
    const folder = ctx.conventions.downs;
    if (folder?.upOnly) {
      if (folder.upOnly.noteHere) {
        const { migrations, empty } = folder.upOnly;
        ctx.report({
          loc: down.loc ?? firstLine(ctx),
          severity: "info",
          message:
            `None of the ${migrations} migrations in ${folder.folder}/ has a down that does anything (${empty === migrations ? "each one's is empty" : `${empty} empty, the others none`}), and ${ctx.migration.layout} needs none: ` +
            `the project rolls forward by policy, so its empty downs are its choice, not a gap (this one note stands for the folder). Undoing a change takes a new forward migration; ` +
            `\`rules: { empty-down: error }\` in ${CONFIG_PATHS[0]} asks for a down in each.`,
          fix: fixFor(ctx.framework, { sql: `-- if this migration must be undone: a new forward migration in ${folder.folder}/ that runs\n${(migrationDialect(ctx.migration).mysql ? [] : sqlInverse(up, ctx.repository, { loud: ctx.migration.database === "postgresql" })).join("\n") || "-- statements that undo the up, in reverse order"}` }),
        });
      }
      return;
    }
    const meaningful = up.filter((op) => op.kind !== "transaction_control" && op.kind !== "set_setting");
    // a repair (`remove_index ... if_exists`, `return if index_exists?`, `return if foreign_key_exists?` before the
    // add_foreign_key): running it again is safe, and a down that dropped what it created could drop an object that
    // existed before it ran
    if (meaningful.length > 0 && meaningful.every((op) => idempotent(op) || settledByUp(op, meaningful))) return;
    // VALIDATE CONSTRAINT only checks rows a NOT VALID constraint already guards: there is nothing to undo, and
    // an empty down is the right one (strong_migrations' validate_foreign_key step)
    if (meaningful.length > 0 && meaningful.every((op) => op.kind === "validate_constraint")) return;
    // ... and when the up first fills the rows such a NOT NULL check rejects, those NULLs cannot come back while it stands
    if (validatesAfterDemandedBackfill(meaningful, ctx.repository)) return;
    // DROP NOT NULL on columns their earlier migrations define as nullable already: the up changes nothing to undo
    if (meaningful.length > 0 && meaningful.every((op) => op.kind === "drop_not_null" && nullabilityBefore(op, ctx.repository) === "nullable")) return;
    // ALTER TYPE ... ADD VALUE: PostgreSQL cannot drop a value from an enum, so an empty down is the only one there is
    if (addsOnlyEnumValues(meaningful)) return;
    // a backfill or clean-up: an explicit empty down says the data stays as the up left it, which is usually the
    // point. Statements migguard reads say what they change (dml-without-where, opt-in, shows the all-rows ones);
    // code it cannot read (an ORM loop over every row) may overwrite values nothing else reports: the note says so.
    // Alembic: with the reads and helper calls (code migguard cannot read) that compute the new values
    // columns or tables the up adds to work in and removes again before it ends leave the schema as it was: no
    // step of the down undoes them, and re-adding and removing them there would be a no-op shown as an undo
    const scratch = scratchSchema(meaningful);
    const unscratched = scratch.size > 0 && scratch.size < meaningful.length ? meaningful.filter((op) => !scratch.has(op)) : meaningful;
    // likewise constraints and indexes it drops and adds back as they were (Mailu's foreign keys around a lower-casing)
    const restored = restoredInUp(unscratched, ctx.repository.earlierInFolder);
    const work = restored.size > 0 && restored.size < unscratched.length ? unscratched.filter((op) => !restored.has(op)) : unscratched;
    const scratchNote =
      (unscratched === meaningful ? "" : ` (${scratchNames(scratch)}, which it adds to work in and removes again before it ends, leave${scratchNames(scratch).includes(" and ") ? "" : "s"} the schema as it was)`) +
      (work === unscratched ? "" : ` (${restoredNames(restored)}, which it drops and adds back as ${restored.size > 2 ? "they were" : "it was"}, leave${restored.size > 2 ? "" : "s"} the schema as it was)`);
    const dataOnly =
      ctx.framework === "alembic" ? changesOnlyData(work) : work.length > 0 && work.every((op) => op.kind === "dml" || op.kind === "data_migration");
    // a narrowed batched write (`where(uri: nil).in_batches.delete_all`) is one statement per batch, read as such
    // code that only adds rows it did not find overwrites and deletes nothing: a rollback that keeps them loses nothing
    // (a read, `conn.execute(t.select())`, writes nothing)
    const unreadData = dataOnly && work.some((op) => (op.kind === "data_migration" && !op.readOnly && !op.batched?.hasWhere && !op.insertsOnly) || (op.kind === "raw" && op.statement === "Call"));
    const onlyAdds = dataOnly && work.every((op) => op.kind === "data_migration" && op.insertsOnly);
    // Rails: unread code that stays within the rows it picks (a filter, a test on each record) or repeats their own
    // values (a strip, a re-save) is a one-way clean-up: nothing a down should restore (signon's whitespace strips,
    // its revoked tokens of suspended users, replay 46). What rewrites or deletes every row of a table keeps the warning
    const cleanup = unreadData && ctx.framework === "rails" && !work.some(rewritesEveryRow);
    const where = down.path ? ` (${down.path})` : "";
    // the author left it empty on purpose and wrote why: a decision to show, not a gap to gate on. The fix keeps
    // that down as it is (its comment and the no-op), never a generated inverse that may drop what the up replaced
    if (down.why) {
      const why = down.why.text;
      ctx.report({
        loc: down.loc ?? firstLine(ctx),
        severity: "info",
        message: `The down migration${where} is empty on purpose: its author wrote "${down.why.text}" (line ${down.why.line}${down.path ? ` of ${down.path}` : ""}). Rolling back leaves this migration's changes in place.`,
        fix: fixFor(ctx.framework, {
          sql: `-- ${why}`,
          rails: () => `def down\n  # ${why}\nend`,
          alembic: () => `def downgrade():\n    # ${why}\n    pass`,
        }),
      });
      return;
    }
    // the author marked it one-way (`# irreversible`) and the up changes only rows (besides calls into the
    // application's code, `Project.elastic_index!`): the usual down of a one-way data fix-up, kept as written
    const appCalls = dataOnly ? [] : applicationCalls(work);
    if (down.oneWay && (dataOnly || appCalls.length > 0)) {
      const mark = down.oneWay.text;
      const calls = appCalls.map((op) => `\`${op.text.split("\n")[0].trim()}\``);
      ctx.report({
        loc: down.loc ?? firstLine(ctx),
        severity: "info",
        message:
          `The down migration${where} is empty on purpose: its author marked it "${mark}" (line ${down.oneWay.line}${down.path ? ` of ${down.path}` : ""}), and the up only changes rows${scratchNote}` +
          (calls.length
            ? ` and calls ${andList(calls)}, code migguard cannot read: if that changes the schema, this down should undo it; otherwise a rollback has no schema to put back and keeps the rows as the up left them.`
            : `: a rollback has no schema to put back and keeps the rows as the up left them, the usual down of a one-way data fix-up.`),
        fix: fixFor(ctx.framework, {
          sql: `-- ${mark}`,
          rails: () => `def down\n  # ${mark}\nend`,
          alembic: () => `def downgrade():\n    # ${mark}\n    pass`,
        }),
      });
      return;
    }
    // a backfill of columns an earlier migration added empty: their rollback drops them, nothing here to restore
    const backfill = dataOnly ? backfillOfAddedColumns(ctx, work) : undefined;
    if (backfill) {
      const what = backfill.written.map((w) => `${w.columns.join(", ")} of ${w.table}`).join("; ");
      const adders = backfill.addedBy.map((m) => m.path).join(", ");
      const many = backfill.written.length > 1 || backfill.written[0].columns.length > 1;
      const them = many ? "them" : "it";
      const comment = `nothing to restore: ${what} ${many ? "were" : "was"} added empty by ${backfill.addedBy.map((m) => m.path.split("/").pop()).join(", ")}, whose rollback drops ${them}`;
      ctx.report({
        loc: down.loc ?? firstLine(ctx),
        severity: "info",
        message: backfill.assumedSameDeploy
          ? `The down migration${where} is empty, and this migration only writes ${what}, which ${adders}, the migration just before it, added with no value and nothing wrote since: rolling that migration back drops ${them}, so there is nothing for this down to restore. This assumes both run in one deploy; if code deployed in between may have written ${them}, this down should put those values back.`
          : `The down migration${where} is empty, and this migration only writes ${what}, which ${adders}, added by this change, added with no value; nothing else wrote ${them} before this backfill (no code was deployed in between). Rolling that migration back drops ${them}, so there is nothing for this down to restore.`,
        fix: fixFor(ctx.framework, {
          sql: `-- ${comment}`,
          rails: () => `def down
  # ${comment}
end`,
          alembic: () => `def downgrade():
    # ${comment}
    pass`,
        }),
      });
      return;
    }
    // an upgrade() that only calls code outside the revision (a Redis clean-up, an imported helper) and never uses
    // op or the migration's connection: migguard cannot tell that it changes the database, so it is a note, not a gate
    if (ctx.framework === "alembic" && meaningful.length > 0 && meaningful.every((op) => op.kind === "raw" && op.statement === "Call")) {
      ctx.report({
        loc: down.loc ?? firstLine(ctx),
        severity: "info",
        message: `The down migration${where} is empty and upgrade() only calls code outside this revision (\`${meaningful[0]!.text.split("\n")[0]}\`), never op or the migration's connection: if that code changes nothing in the database, no downgrade is needed.`,
        fix: `def downgrade():\n    # upgrade() calls code outside this revision: if it changes the database, undo that here\n    pass`,
      });
      return;
    }
    // a dedupe: the up picks the duplicated rows of a table and deletes them in code migguard cannot read; nothing it
    // reads overwrites a value. One-way by nature (issue #19): the empty down is the honest one, said in a note
    const deduped = dataOnly && unreadData ? dedupedTable(work) : undefined;
    if (deduped) {
      const comment = `one-way cleanup: upgrade() deletes the duplicate rows of ${deduped}; putting them back would undo it`;
      ctx.report({
        loc: down.loc ?? firstLine(ctx),
        severity: "info",
        message:
          `The down migration${where} is empty, and this migration removes duplicates: it selects the rows of ${deduped} that share their values with another row and deletes the extra copies in code migguard cannot read. ` +
          `A dedupe is one-way (restoring the removed copies would undo it, and break the uniqueness it makes room for), so a rollback that keeps the rows as they are is the honest one. If that code also overwrites values, this down should put them back.`,
        fix: fixFor(ctx.framework, {
          sql: `-- ${comment}`,
          rails: () => `def down\n  # ${comment}\nend`,
          alembic: () => `def downgrade():\n    # ${comment}\n    pass`,
        }),
      });
      return;
    }
    ctx.report({
      loc: down.loc ?? firstLine(ctx),
      // a data-only up leaves no schema for the rollback to restore, but code migguard cannot read may overwrite
      // values that nothing else reports and no rollback brings back (the labeled corpus's superset eca4694defa7 sets
      // dbs.allow_run_sync on every row): that stays a warning; statements it reads are said by dml-without-where
      severity: dataOnly ? (unreadData && !cleanup ? "warning" : "info") : downHabitSeverity(ctx),
      message: !dataOnly
        ? `The down migration${where} is empty: rolling back does nothing.${downHabit(ctx, "empty-down")}`
        : cleanup
          ? `The down migration${where} is empty, and this migration only changes data${scratchNote}, in code migguard cannot read that neither rewrites nor deletes every row of a table: it changes the rows it picks, or puts their own values back normalised or re-saved. ` +
            `A one-way clean-up like this has nothing a down should restore (the fixed values, the revoked or removed rows are its point) and no schema to put back, so the empty down is the right one.`
        : unreadData
          ? `The down migration${where} is empty and this migration changes data in code migguard cannot read, only data${scratchNote}: a rollback has no schema to restore, and values it overwrites or deletes stay that way after it, which still reports success.`
          : onlyAdds
            ? `The down migration${where} is empty: this migration only adds rows it did not find (it overwrites and deletes none), and rolling back keeps them.`
            : `The down migration${where} is empty: this migration only changes rows, not the schema${scratchNote}, so a rollback has no schema to restore and keeps the rows as the up left them, the usual down of a one-way data fix-up.`,
      fix: fixFor(ctx.framework, {
        sql: dataOnly
          ? `-- one-way data change: the up only changes rows${dataTables(work) ? ` of ${dataTables(work)}` : ""}, and there is no schema to put back (this down is empty on purpose)`
          : (ctx.migration.database === "postgresql" && sqlInverse(work.filter((op) => !idempotent(op)), ctx.repository, { loud: true }).join("\n")) ||
            `-- write the statements that undo the up, in reverse order; if it truly cannot be undone, say so:\n-- ${
              isMysqlFamily(ctx.migration.database)
                ? "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'irreversible: restore from backup';"
                : ctx.migration.database === "sqlite"
                  ? "SELECT RAISE(ABORT, 'irreversible: restore from backup');"
                  : "DO $$ BEGIN RAISE EXCEPTION 'irreversible: restore from backup'; END $$;"
            }`,
        // a down that raises is irreversible too: show the undo of each up operation instead
        // an object created only if missing may have existed before: its undo is not to drop it
        // an object created only if missing may have existed before: its undo is not to drop it
        rails: () => railsDownFor(work.filter((op) => !idempotent(op)), ctx.repository),
        django: () => `migrations.RunPython(forwards, reverse_code=backwards)`,
        // a data-only upgrade gets the explicit no-op that says it is one-way; any other its inverse, an idempotent
        // repair's objects left alone (they may have existed before it ran)
        alembic: () => alembicDowngradeFor(work.filter((op) => !idempotent(op)), ctx.repository, ctx.migration.source),
      }),
    });
  },
});

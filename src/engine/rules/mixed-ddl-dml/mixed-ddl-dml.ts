import { defineRule, type RuleContext } from "../support/rule.js";
import { nameKey } from "../support/facts.js";
import { commentMarker } from "../support/fix.js";
import { existingTable } from "../support/scope.js";
import { ALL_DATABASES, isMysqlFamily } from "../support/databases.js";
import { isPolymorphicTypeRename } from "../support/polymorphic-rename.js";
import { isDerived as isDerivedDown } from "../support/derived-down.js";
import { lockName } from "../support/lock-modes.js";
import { constantDefaultRewrites } from "../support/volatile-fill.js";
import { atomicSwapFix, backfillNeedsEveryRow, keptWholeMessage } from "./backfill-needs-every-row.js";
import { constantBackfill, constantMessage } from "./constant-backfill.js";
import { constantDefaultFix } from "./constant-default-fix.js";
import { pendingTriggerFailure, pendingTriggerFix, pendingTriggerMessage } from "./pending-trigger-events.js";
import { checkAfterBackfillFix, checkBeforeBackfill, checkBeforeBackfillMessage } from "./check-before-backfill.js";
import { schemaQuestionBefore, schemaQuestionFix, schemaQuestionMessage } from "./schema-question-guard.js";
import { moveBeforeDrop, moveFix, moveMessage } from "./move-before-drop.js";
import { convertsRetypedColumn, retypedConversionMessage } from "./converts-retyped-column.js";
import { emptiesDroppedColumn, keepTogetherFix, prepares } from "./prepares-schema-change.js";
import { splitFix } from "./split-fix.js";
import { followedBy, followedFix } from "./followed-migration.js";
import { changesSchema, framing, inert, tableOf } from "./statement-roles.js";
import { touches } from "./touched-tables.js";
import { wholeMigrationCode } from "./whole-migration.js";
import { constraintSandwich, sandwichFix, sandwichMessage } from "./constraint-sandwich.js";

export default defineRule({
  meta: {
    id: "mixed-ddl-dml",
    fixRewritesMigration: true,
    category: "mixed-ddl-dml",
    severity: "warning",
    databases: ALL_DATABASES,
    title: "Schema change and data change in one migration",
    why:
      "A migration that both changes the schema and rewrites data is hard to roll back (the down must undo both, in " +
      "order) and, inside one transaction, holds the schema change's lock for the whole data change: a backfill of a " +
      "large table becomes minutes of blocked queries. Change the schema in one migration and move data in another, in batches.",
  },
  check(ctx) {
    const up = ctx.migration.up;
    // the class name in a polymorphic <x>_type column renamed with its table's rename must change in the same
    // transaction as the rename (see polymorphic-rename.ts): not a data change to split off
    const indexed = up.map((op, index) => ({ op, index }));
    // seeding a table created by this same migration is part of creating it (also from a loop over old rows);
    // a Django RunPython reaches the database through the models it asks apps.get_model for
    const seedsNewTables = (tables: readonly string[] | undefined, index: number) =>
      tables !== undefined && tables.length > 0 && tables.every((t) => ctx.facts.isNewTable(t, index));
    const dataOps = indexed.filter(
      ({ op, index }) =>
        // a RunPython that only reads (`SELECT extversion`, `.exists()`) changes no data
        // one that runs only schema SQL of its own on PostgreSQL (a SET DEFAULT; its SQLite branch rebuilds the table) neither
        (op.kind === "data_migration" && op.readOnly !== true && !(op.schemaOnlyOnPostgres && !isMysqlFamily(ctx.migration.database)) && !seedsNewTables(op.writes ?? (ctx.framework === "django" ? op.tables : undefined), index)) ||
        (op.kind === "dml" && op.verb !== "copy" && !(op.table && ctx.facts.isNewTable(op.table, index)) && !isPolymorphicTypeRename(op, up, ctx.framework)),
    );
    const schemaOps = indexed.filter(({ op }) => changesSchema(op));
    if (schemaOps.length === 0 || dataOps.length === 0) return;
    // deferred foreign key checks the data change queues make a later schema change of its table fail: the migration
    // does not run at all, whatever the locks; the fix takes the data change out of that transaction
    const failure = pendingTriggerFailure(ctx, dataOps);
    if (failure) {
      ctx.report({
        op: failure.data,
        severity: "error",
        hazard: "none",
        message: pendingTriggerMessage(failure, ctx.framework === "django"),
        fix: pendingTriggerFix(failure, ctx.framework, ctx.framework === "rails" && isDerivedDown(ctx.migration.down)),
      });
      return;
    }
    // a CHECK added before the backfill it needs fails on the rows the backfill was to fill: the order is the fix
    const early = checkBeforeBackfill(ctx, dataOps);
    if (early) {
      ctx.report({
        op: early.data,
        severity: "error",
        hazard: "none",
        message: checkBeforeBackfillMessage(early),
        fix: checkAfterBackfillFix(ctx, early) ?? `${commentMarker(ctx.framework)} move the CHECK of line ${early.check.loc.line} after the data change of line ${early.data.loc.line}, in the same migration, so that it is added once the rows satisfy it`,
      });
      return;
    }
    // the only schema change drops tables the data change does not touch: the lock is on the dropped tables alone
    // (whether dropping them is safe is drop-table's business), so no one waits on it for the data change. MySQL
    // commits the DROP on its own, so there a failed data change still leaves a rerun failing on it: reported below
    if (!isMysqlFamily(ctx.migration.database) && schemaOps.every(({ op }) => op.kind === "drop_table" && op.tables.every((t) => !dataOps.some((d) => touches(d.op, t))))) return;
    // every schema change is on a table this migration creates (a new table filled from a few rows of others with
    // INSERT ... SELECT): its locks are on a table nothing uses yet, and the reads of the others take ACCESS SHARE
    // only. MySQL commits the CREATE on its own, so there a failed data change still leaves a rerun failing: reported below
    if (!isMysqlFamily(ctx.migration.database) && schemaOps.every(({ op, index }) => op.kind === "create_table" || ctx.facts.isNewTable(tableOf(op), index))) return;
    const first = dataOps[0];
    const last = dataOps[dataOps.length - 1];
    // the schema change is only enum values added IF NOT EXISTS outside a transaction before the data change (tildes'
    // ADD VALUE on a connection put in AUTOCOMMIT, then the UPDATE using the value): each is committed before the data
    // change starts, as a statement using a new value needs (enum-value-in-transaction), so no lock waits on the data
    // change, a rerun after it fails adds nothing again, and no down can drop an enum value anyway
    if (schemaOps.every(({ op, index }) => op.kind === "alter_enum" && op.action === "add_value" && op.ifNotExists && !op.inTransaction && index < first.index)) return;
    // a schema change after the data change (the old column dropped once copied) must wait for it
    // (any statement after it that is not framing: a schema call migguard could not read, an add_foreign_key on a
    // table named at run time, is as likely to need the data change done)
    const laterLine = indexed.find(({ op, index }) => index > last.index && op.loc.line > last.op.loc.endLine && !framing(op))?.op.loc.line;
    // the tables the data change writes: a DML statement's table, or the models a Django RunPython asks apps.get_model for
    const dataTables = first.op.kind === "dml" ? (first.op.table ? [first.op.table] : []) : first.op.kind === "data_migration" ? first.op.tables : [];
    const lockedBefore = schemaOps.find(
      ({ op, index }) =>
        index < first.index && op.inTransaction && op.kind !== "create_table" && existingTable(ctx, tableOf(op), index) && dataTables.some((t) => nameKey(tableOf(op)!) === nameKey(t)),
    );
    // the data change only updates or deletes rows of tables a NOT NULL column without a default proves empty (the
    // ALTER only succeeds on an empty table, before or after it in the same transaction), and every schema change on
    // an existing table is on those: no lock is held on rows and the data change has none to undo
    // (required-column-without-default reports the ALTER and says so: one hazard, one finding)
    const provenEmpty = (table: string | undefined, index: number) => ctx.facts.emptiedHow(table, index) === "proven-empty";
    if (
      first.op.inTransaction &&
      dataOps.every(({ op, index }) => op.kind === "dml" && (op.verb === "update" || op.verb === "delete") && op.table !== undefined && provenEmpty(op.table, index)) &&
      schemaOps.every(({ op, index }) => op.kind === "create_table" || !existingTable(ctx, tableOf(op), index) || provenEmpty(tableOf(op), index))
    )
      return;
    const dataTable = lockedBefore ? tableOf(lockedBefore.op) : dataTables[0];
    // a backfill writes only columns this migration adds: nothing to restore on rollback
    const added = new Set(up.flatMap((op) => (op.kind === "add_column" ? [`${nameKey(op.table)}.${nameKey(op.column.name)}`] : [])));
    const onlyNewColumns = dataOps.every(({ op }) => op.kind === "dml" && op.verb === "update" && op.table !== undefined && op.columns.length > 0 && op.columns.every((c) => added.has(`${nameKey(op.table!)}.${nameKey(c)}`)));
    // outside a transaction (disable_ddl_transaction!, atomic = False, a runner's no-transaction mode) each
    // statement commits on its own: no lock outlives its statement, only the rollback has two things to undo
    const sharesTransaction = first.op.inTransaction && schemaOps.some(({ op }) => op.inTransaction);
    const noTransaction = ctx.framework === "rails" ? "disable_ddl_transaction!" : ctx.framework === "django" ? "atomic = False" : "no runner transaction";
    // the statement after the last data step, when the data step prepares it: split apart, rows written between
    // them break it (a new NULL fails the NOT NULL, a value written after the copy is lost with the dropped column)
    // (a statement that changes nothing by itself, DefectDojo 0286's `SET CONSTRAINTS ALL IMMEDIATE` before its drops,
    // is passed over: the drop after it is what the copy prepares)
    // (and code migguard could not read that changes no schema, the loop over the rows read and its prints, is the data
    // change's own: security_monkey's dedupe collects, deletes, then adds the unique constraint)
    const next = indexed.find(({ op, index }) => index > last.index && !framing(op) && !inert(op) && !(op.kind === "raw" && !op.rewritesTable && !changesSchema(op)));
    // (or a DELETE of the run that emptied the column it drops of values: the drop then loses nothing, rows soft-deleted
    // between the two would lose their mark)
    // a move (the data change copies out of a table or column a later statement drops, not only the next one): the
    // drop is prepared by it all the same, so no split puts a migration between the copy and the drop
    const move = moveBeforeDrop(up, dataOps.map((d) => d.op));
    const prepared = next && (prepares(last.op, next.op) || dataOps.some(({ op }) => emptiesDroppedColumn(op, next.op))) ? next.op : move?.drop;
    // code that only builds objects (a MetaData reflected, a table looked up) takes no lock
    // (nor do the reads that feed the data change: the duplicates selected before they are deleted)
    const nothingBefore = indexed.every(({ op, index }) => index >= first.index || framing(op) || inert(op) || (op.kind === "raw" && op.statement === "SELECT" && !op.mayWrite) || (op.kind === "data_migration" && op.readOnly === true));
    // outside a transaction nothing keeps the pair atomic anyway: the no-transaction note below says what is at stake
    if (prepared && nothingBefore && sharesTransaction) {
      // the data change runs before any schema lock of this migration is taken: only the schema change's own lock is at stake
      ctx.report({
        op: first.op,
        severity: "info",
        message: `This data change prepares the schema change of line ${prepared.loc.line} (${prepared.kind.replace(/_/g, " ")} on ${tableOf(prepared)}): the two belong in one migration, in this order, as written. It runs before any lock of this migration is taken, so nothing waits on it; split apart, rows written between them would ${prepared.kind === "drop_column" ? "lose their values with the dropped column" : prepared.kind === "drop_table" ? "lose their values with the dropped table" : "make the schema change fail"}.`,
        fix: keepTogetherFix(ctx, wholeMigrationCode(ctx, up, up.slice(first.index, up.indexOf(prepared) + 1)), prepared),
      });
      return;
    }
    // the data change runs only as a question about the schema, asked before a schema change here, answered: split
    // off, the question is asked after that change and answers otherwise (schema-question-guard.ts)
    const question = schemaQuestionBefore(ctx, dataOps.map((d) => d.op), changesSchema);
    if (question) {
      ctx.report({
        op: first.op,
        // its one safe form is the one written: a note on what that costs, not a warning whose fix is to change nothing
        severity: "info",
        work: sharesTransaction && lockedBefore ? "write" : undefined,
        hazard: sharesTransaction ? "concurrency" : undefined,
        message: schemaQuestionMessage(ctx, question, sharesTransaction && lockedBefore ? tableOf(lockedBefore.op) : undefined),
        fix: schemaQuestionFix(ctx, question, wholeMigrationCode(ctx, up, up.slice(question.read ? up.indexOf(question.read) : first.index, last.index + 1))),
      });
      return;
    }
    if (isMysqlFamily(ctx.migration.database)) {
      // no transactional DDL: whatever the runner opens, each schema statement commits on its own
      ctx.report({
        op: first.op,
        severity: "warning",
        message: `This migration changes both the schema and the data, and MySQL commits each schema statement on its own (no transactional DDL): a failure in the data change leaves the schema changed, the migration unrecorded, and a rerun failing on the statement already done.`,
        // the same split: the schema change alone, then the data change (its code kept) in a migration of its own
        fix: keptIfFollowed(ctx, first.op.loc.line, splitFix(ctx, dataOps.map((d) => d.op), dataTable, onlyNewColumns, laterLine, prepared !== undefined)),
      });
      return;
    }
    // constraints dropped for the data change and added back after it (constraint-sandwich.ts): one safe form, the one
    // written; a note on the lock it costs, not a split that leaves the tables without their constraints
    const sandwich = sharesTransaction ? constraintSandwich(ctx, dataOps, schemaOps) : undefined;
    if (sandwich) {
      ctx.report({
        op: first.op,
        severity: "info",
        work: "write",
        hazard: "concurrency",
        message: sandwichMessage(sandwich),
        fix: sandwichFix(ctx, sandwich, wholeMigrationCode(ctx, up, up.slice(up.indexOf(sandwich.drops[0]), up.indexOf(sandwich.readds[sandwich.readds.length - 1]) + 1))),
      });
      return;
    }
    // the order decides which lock is held while which runs: a schema lock taken before the data change is held through
    // it; a data change that comes first holds only its row locks, until commit, while the schema change waits for its lock
    const schemaBefore = schemaOps.some(({ op, index }) => index < first.index && op.inTransaction);
    const schemaAfter = schemaOps.find(({ op, index }) => index > first.index && op.inTransaction && op.kind !== "create_table" && existingTable(ctx, tableOf(op), index));
    // a backfill a later statement needs complete (NOT NULL after a swap): split apart, rows written between break it
    const needsEveryRow = sharesTransaction && onlyNewColumns ? backfillNeedsEveryRow(up, dataOps) : undefined;
    // one constant into every row, then NOT NULL: PostgreSQL 11+ gives every row a constant default without the rewrite
    // (before 11, ADD COLUMN ... DEFAULT rewrites the table itself)
    const constant = needsEveryRow && ctx.migration.database === "postgresql" && !constantDefaultRewrites(ctx.postgresVersion) ? constantBackfill(up, dataOps) : undefined;
    const constantFix = constant && constantDefaultFix(ctx, constant);
    if (constant && constantFix) {
      ctx.report({ op: first.op, work: "write", hazard: "concurrency", message: constantMessage(ctx, constant), fix: constantFix });
      return;
    }
    // a move in one transaction: its safe form is the one written (the copy with the drop of its source), a note on
    // the lock that costs; a backfill kept for the statements that need it complete says the same in its own words
    if (move && sharesTransaction && !needsEveryRow) {
      ctx.report({
        op: move.data,
        severity: "info",
        work: lockedBefore ? "write" : undefined,
        hazard: "concurrency",
        message: moveMessage(ctx, move, lockedBefore?.op),
        fix: moveFix(ctx, move, schemaOps.filter(({ index }) => index < up.indexOf(move.data)).map(({ op }) => op), wholeMigrationCode(ctx, up, up.slice(first.index, up.indexOf(move.drop) + 1))),
      });
      return;
    }
    // the values of the column a rewriting type change just converted, converted again: a second pass under a lock held anyway
    const conversion = sharesTransaction && lockedBefore && !needsEveryRow ? convertsRetypedColumn(ctx, lockedBefore, dataOps) : undefined;
    ctx.report({
      op: first.op,
      // a backfill the statements after it need complete has one safe form, the one written: the finding says what
      // that costs (the lock held while every row is written), a note, not a warning whose fix is to change nothing
      severity: !sharesTransaction || needsEveryRow ? "info" : conversion ? "warning" : lockedBefore ? "error" : undefined,
      // held through the data change: as long as the rows take to write (a young or small table's are few)
      work: sharesTransaction && lockedBefore ? "write" : undefined,
      // in one transaction the hazard is the lock the other sessions wait on (a rollback undoes both together): with
      // no traffic during the migration (an offline deploy) it is downtime; outside one it is the half-done state
      hazard: sharesTransaction ? "concurrency" : undefined,
      message: needsEveryRow
        ? keptWholeMessage(ctx, up, needsEveryRow)
        : conversion
        ? retypedConversionMessage(conversion, lockName(conversion.alter, ctx.migration.database))
        : !sharesTransaction
        ? `This migration changes both the schema and the data outside a transaction (${noTransaction}): each statement commits on its own, so no lock outlives its statement, but a failure halfway leaves one done without the other, and a rollback must undo both.`
        : lockedBefore
          ? `This data change runs in the same transaction as the schema change of ${dataTable} on line ${lockedBefore.op.loc.line}: the table stays locked for the whole data change, and a rollback must undo both.`
          : schemaBefore
            ? `This migration changes both the schema and the data in one transaction: the data change runs while the locks of the schema change before it are held, and a rollback must undo both.`
            : schemaAfter
              ? `This data change runs before the schema change of line ${schemaAfter.op.loc.line}, in the same transaction: the rows it writes stay locked until the commit, while the schema change then waits for its ${lockName(schemaAfter.op, ctx.migration.database)} on ${tableOf(schemaAfter.op)} behind other sessions (the queries that lock conflicts with queue behind it) and holds it to the end; a rollback must undo both.`
              : `This data change runs in the same transaction as the schema change after it: the rows it writes stay locked until the commit, and a rollback must undo both.`,
      fix: needsEveryRow
        ? atomicSwapFix(ctx, wholeMigrationCode(ctx, up, up.slice(first.index, up.indexOf(needsEveryRow.needs.at(-1)!.op) + 1)), needsEveryRow)
        : keptIfFollowed(ctx, first.op.loc.line, splitFix(ctx, dataOps.map((d) => d.op), dataTable, onlyNewColumns, laterLine, prepared !== undefined)),
    });
  },
});

/** The split of a migration later ones already depend on is the form for a new migration only (followed-migration.ts). */
function keptIfFollowed(ctx: RuleContext, firstDataLine: number, split: string): string {
  const followers = followedBy(ctx);
  return followers.length ? followedFix(ctx, followers, firstDataLine, split) : split;
}

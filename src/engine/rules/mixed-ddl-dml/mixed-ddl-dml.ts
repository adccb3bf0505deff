import { compareVersions } from "../../migration-versions.js";
import type { Migration, Operation } from "../../model.js";
import { liftedDataCode } from "../support/lifted-data-code.js";
import { unboundNames } from "../support/python-free-names.js";
import { movedCode } from "../support/moved-code.js";
import { migrationWithout, newMigrations, type MigrationFile, type MigrationPlace, type MigrationStep } from "../support/next-migration.js";
import { movedDowngrade } from "../support/alembic-moved-downgrade.js";
import { railsSplitDowns, writtenRailsDown } from "../support/rails-moved-down.js";
import { isDerived as isDerivedDown } from "../support/derived-down.js";
import { nameKey } from "../support/facts.js";
import { defineRule, type RuleContext } from "../support/rule.js";
import { fixFor, modelName } from "../support/fix.js";
import { existingTable } from "../support/scope.js";
import { ALL_DATABASES, isMysqlFamily } from "../support/databases.js";
import { isPolymorphicTypeRename } from "../support/polymorphic-rename.js";
import { backfillNeedsEveryRow, type RowsNeeded } from "./backfill-needs-every-row.js";
import { constantBackfill, type ConstantBackfill } from "./constant-backfill.js";
import { constantDefaultFix } from "./constant-default-fix.js";
import { isUnreadSchemaWork } from "../../adapters/python/unread-schema-work.js";
import { MARKER_LAYOUTS } from "../../adapters/sql/layouts/markers.js";
import { tableLockMode } from "../support/lock-modes.js";
import { revisionNaming } from "../support/alembic-revision-naming.js";
import { djangoApp } from "../support/django-migration.js";
import { linesInWords } from "../../in-words.js";
import { pendingTriggerFailure, pendingTriggerFix, pendingTriggerMessage } from "./pending-trigger-events.js";
import { checkAfterBackfillFix, checkBeforeBackfill, checkBeforeBackfillMessage } from "./check-before-backfill.js";
import { constantDefaultRewrites } from "../support/volatile-fill.js";
import { schemaQuestionBefore, type SchemaQuestion } from "./schema-question-guard.js";
import { moveBeforeDrop, type Move } from "./move-before-drop.js";
import { emptiesTable, requiresEmptyTable, writesOnlyOtherColumns } from "./prepares-constraint.js";
import { convertsRetypedColumn, retypedConversionMessage } from "./converts-retyped-column.js";
import { nextInHistory, withNextInHistory } from "./next-in-history.js";

const SCHEMA_KINDS = new Set<Operation["kind"]>([
  "create_table",
  "drop_table",
  "rename_table",
  "add_column",
  "drop_column",
  "rename_column",
  "alter_column_type",
  "redefine_column",
  "set_not_null",
  "drop_not_null",
  "set_default",
  "drop_default",
  "add_index",
  "drop_index",
  "add_constraint",
  "validate_constraint",
  "drop_constraint",
  "alter_enum",
]);

/**
 * A change of the schema: an operation of those kinds, an ALTER TABLE subcommand the model keeps raw (ADD GENERATED
 * AS IDENTITY, SET (...), ENABLE TRIGGER), or a schema statement migguard could not parse (an f-string's
 * `ALTER TABLE ... START WITH {next_id}`), which takes its locks all the same.
 */
const changesSchema = (op: Operation) => SCHEMA_KINDS.has(op.kind) || (op.kind === "raw" && op.table !== undefined && op.statement.startsWith("ALTER TABLE")) || isUnreadSchemaWork(op);

const tableOf = (op: Operation): string | undefined => ("table" in op && typeof op.table === "string" ? op.table : op.kind === "drop_table" ? op.tables[0] : undefined);

/** Statements that only frame the migration (BEGIN/COMMIT, SET): they neither need the data change nor are needed by it. */
const framing = (op: Operation) => op.kind === "transaction_control" || op.kind === "set_setting";

/** Code the model could not interpret that changes nothing by itself (a value computed, an SQLAlchemy object built). */
const inert = (op: Operation) => op.kind === "raw" && !op.opaque && !op.rewritesTable && op.table === undefined;

/** What a data step is called in a migration's name: "backfill orders". */
const stepName = (dataTable: string | undefined) => `backfill ${dataTable?.split(".").pop() ?? "data"}`;

/** The comment prefix of the framework's language. */
const commentOf = (ctx: RuleContext) => (ctx.framework === "sql" ? "--" : "#");

/**
 * The split as whole migration files, each code that runs: migration 1 is this migration without what moves,
 * migration 2 the data change (its statements as written, with the loop, locals, stub models, helpers and imports
 * they read), migration 3 the statements after the last data step. Undefined when the statements cannot be cut
 * out of the source by their lines; `{ unbound }` when the moved code reads names that cannot move with it.
 */
/**
 * How the data step undoes itself, in Rails (where a `def up` alone makes the rollback of the whole split stop with
 * no word why): nothing to do when it fills only columns migration 1 adds (rolling back migration 1 drops them),
 * otherwise the values it overwrote are gone, said with IrreversibleMigration.
 */
function railsDataDown(filled: readonly string[] | undefined): string[] {
  return filled
    ? [`# nothing to undo: rolling back migration 1 drops ${filled.join(", ")}, which this fills`]
    : [`raise ActiveRecord::IrreversibleMigration, "the values this data change overwrote are not kept: restore them from a copy"`];
}

/** Alembic's downgrade of the data step says what a rollback leaves (it passes either way: the rows stay as they are). */
function alembicDataDown(filled: readonly string[] | undefined): string {
  return filled
    ? `# nothing to undo: downgrading the revision before drops ${filled.join(", ")}, which this fills`
    : `# the values this data change overwrote are not kept: restore them from a copy if they are needed`;
}

/**
 * When the moved data change may run: once migration 1 is deployed, unless running it again changes the data again
 * (`total_minutes = total_minutes * 60`, an INSERT ... SELECT with nothing skipping rows already there). Run after the
 * new code is live, such a step converts or copies again the rows that code already wrote (flexile's hours to minutes,
 * drone-tm's STARTED event per upload): it runs right after migration 1, before that code starts.
 */
function whenToRun(revision: string, repeats: string | undefined): string {
  if (!repeats) return `once ${revision} 1 is deployed`;
  return `right after ${revision} 1, in the same deploy, before the new code starts: running it again changes the data again (${repeats}), and once the new code is live it writes such rows itself, which this step would then change a second time`;
}

/** What makes the data change apply again when it runs again, from its SQL or its code (Dml / DataMigration `repeats`). */
const repeatsOf = (ops: readonly Operation[]): string | undefined => {
  for (const op of ops) if ((op.kind === "dml" || op.kind === "data_migration") && op.repeats) return op.repeats;
  return undefined;
};

function splitFiles(ctx: RuleContext, movedOps: readonly Operation[], tailOps: readonly Operation[], dataTable: string | undefined, rollback: string, tailWithData: boolean, filled?: readonly string[]): string | { unbound: string[] } | undefined {
  const migration = ctx.migration;
  // the data change prepares the statement after it (NULLs removed before NOT NULL, values copied before the drop):
  // they move together, in one transaction
  const moved = tailWithData ? [...movedOps, ...tailOps] : movedOps;
  // with the statements it prepares, the data change moves with the rest of the migration: every statement after it
  const data = movedCode(migration, moved, { throughEnd: tailWithData && tailOps.length > 0, leaveStaying: ctx.framework === "rails" });
  if (!data || "unbound" in data) return data;
  // a call the moved statement makes after its last data step (a helper's `dedent(...)` that changes nothing) moves with it
  const tail = (tailWithData ? [] : tailOps).filter((op) => !(data.ops.includes(op) && inert(op)));
  const laterFound = tail.length ? movedCode(migration, tail, { throughEnd: true }) : undefined;
  if (laterFound && "unbound" in laterFound) {
    // the statements after the data change that read what it computed (ids it collected, reindexed afterwards) are
    // data code too: they move with it, and the schema changes after them wait for both
    const schemaAt = tailOps.findIndex(changesSchema);
    const lead = tailOps.slice(0, schemaAt < 0 ? tailOps.length : schemaAt);
    if (lead.length && !tailWithData) return splitFiles(ctx, [...movedOps, ...lead], tailOps.slice(lead.length), dataTable, rollback, tailWithData, filled);
    return laterFound;
  }
  if (tail.length && !laterFound) return undefined;
  const later = laterFound;
  // a moved statement that also holds an operation of the other part (a loop that adds a column) cannot be cut; the
  // statements filling a local the data change reads (rows read into a Hash) move with it, as they only read
  const strays = data.ops.filter((op) => !moved.includes(op) && !(op.kind === "data_migration" && op.readOnly) && !inert(op));
  if (data.ops.some((op) => tail.includes(op)) || strays.some((op) => migration.up.indexOf(op) < migration.up.indexOf(moved[0]) || (ctx.framework === "rails" && changesSchema(op)))) return undefined;
  if (later && later.ops.some((op) => !tail.includes(op))) return undefined;
  // Alembic: the written downgrade's statements that undo the moved ones move with them, into the new revision's downgrade
  const laterDown = later ? movedDowngrade(migration, later.ops) : undefined;
  // nothing would stay in migration 1 (the data change comes first): it keeps the data change, the rest moves
  const dataStays = migration.up.every((op) => framing(op) || data.ops.includes(op) || later?.ops.includes(op)) && later !== undefined;
  // Rails: each new migration gets the part of the written down that undoes its up (rolled back one by one, newest first)
  const railsDowns = writtenRailsDown(migration) ? railsSplitDowns(migration, dataStays ? [later!.ops] : [data.ops, ...(later ? [later.ops] : [])], ctx.repository) : undefined;
  if (writtenRailsDown(migration) && !railsDowns) return undefined;
  const laterRailsDown = railsDowns?.downs[dataStays ? 0 : 1];
  const first = migrationWithout(migration, [...data.lines, ...(later?.lines ?? []), ...(laterDown?.lines ?? []), ...(railsDowns?.lines ?? [])]);
  if (first === undefined) return undefined;
  const laterStep = (name: string): MigrationStep => ({
    name,
    ...later!,
    change: ctx.framework === "rails" && migration.down.status === "present" && migration.down.derived,
    ...(laterDown ? { down: laterDown.statements } : laterRailsDown ? { down: laterRailsDown.length ? laterRailsDown : ["# nothing to undo: the up changes nothing a down must take back"] } : {}),
  });
  if (dataStays) {
    const kept = migrationWithout(migration, [...later.lines, ...(laterDown?.lines ?? []), ...(railsDowns?.lines ?? [])]);
    if (kept === undefined) return undefined;
    const following = nextInHistory(ctx);
    const [next] = newMigrations(migration, [laterStep(`after ${stepName(dataTable)}`)], splitPlace(ctx, following));
    const c = commentOf(ctx);
    const revision = ctx.framework === "alembic" ? "revision" : "migration";
    return [
      `${c} ${revision} 1, ${migration.path} as it becomes: the data change alone (${rollback})`,
      kept.trimEnd(),
      ...writtenSqlDown(ctx, revision),
      ``,
      `${c} ${revision} 2, new file ${next.path}: the statements after the data change, once ${revision} 1 has run (they need it done)`,
      next.text.trimEnd(),
      ...rechain(ctx, next),
      ...runBefore(ctx, following, next),
    ].join("\n");
  }
  // a batched data step commits batch by batch; so does a loop over batches whose updates a second run redoes alike
  // (one transaction would keep every row it updated locked until the end). Any other keeps its transaction (a
  // copy-then-clear pair stays atomic; a remap run twice after a failure halfway would remap rows twice)
  const batched = moved.some((op) => op.kind === "data_migration" && (op.batched !== undefined || (op.loopsInBatches === true && !op.repeats && !op.insertsOnly && !op.deletes?.length)));
  const mysql = isMysqlFamily(migration.database);
  // Rails, a written down: the data migration's undoes its schema statements, then its data (as the written down did,
  // or in words); otherwise it says what a rollback leaves
  // (a written down that leaves the values as they are rolls back past them: so does the data migration's, as the original did)
  const dataRailsDown = railsDowns ? [...railsDowns.downs[0], ...(railsDowns.undoesData[0] ? [] : filled ? railsDataDown(filled) : [`# the values this data change overwrote stay as they are: the migration's own down did not put them back either`])] : undefined;
  const steps: MigrationStep[] = [
    { name: stepName(dataTable), ...data, noTransaction: batched && !mysql, ...(dataRailsDown ? { down: dataRailsDown } : ctx.framework === "rails" && !tailWithData ? { down: railsDataDown(filled) } : ctx.framework === "alembic" && !tailWithData ? { down: [alembicDataDown(filled)] } : {}) },
    ...(later ? [laterStep(`after ${stepName(dataTable)}`)] : []),
  ];
  // a later migration of the folder needs what the data change writes (a NOT NULL on the column it fills): the
  // data change runs right after migration 1, before that one, not after the folder's newest
  // and the migration that ran next after this one: the data change runs before it, where its code was written for
  // (next-in-history.ts), not at the head, where later migrations may have renamed or dropped what it touches
  const needers = withNextInHistory(ctx, laterNeeders(ctx, data.ops));
  const [second, third] = newMigrations(migration, steps, splitPlace(ctx, needers));
  const c = commentOf(ctx);
  const revision = ctx.framework === "alembic" ? "revision" : "migration";
  return [
    `${c} ${revision} 1, ${migration.path} as it becomes: without the data change${later ? " and the statements after it" : ""}`,
    first.trimEnd(),
    ...writtenSqlDown(ctx, revision),
    ``,
    `${c} ${revision} 2, new file ${second.path}: the data change${tailWithData ? " with the statements it prepares (one transaction: rows written between them would break them)" : ""}, ${needers.length ? `${repeatsOf(moved) ? `${whenToRun(revision, repeatsOf(moved))}; ` : ""}right after ${revision} 1, before ${needers.map((n) => n.migration.path).join(", ")}, which need${needers.length > 1 ? "" : "s"} it (${needers.map((n) => n.why).join("; ")})` : whenToRun(revision, repeatsOf(moved))} (${railsDowns?.undoesData[0] ? "its down puts the values back as the migration's own down did" : rollback}; on a large table, in batches)`,
    // between the two, the columns migration 1 adds hold their defaults: code that reads them would read those
    ...(filled ? [`${c} until ${revision} 2 has run, ${filled.join(", ")} hold${filled.length > 1 ? "" : "s"} only ${filled.length > 1 ? "their defaults" : "its default"}: deploy the code that reads ${filled.length > 1 ? "them" : "it"} after ${revision} 2, not with ${revision} 1`] : []),
    second.text.trimEnd(),
    ...(third
      ? [``, `${c} ${revision} 3, new file ${third.path}: the statements after the data change, once ${revision} 2 has run (they need it done; ${laterDown ? "its downgrade undoes them, moved from the one of " + revision + " 1" : laterRailsDown ? "its down undoes them" : ctx.framework === "rails" && isDerivedDown(migration.down) ? "Rails reverses its change on rollback" : `rolling back ${revision} 1 undoes them`})`, third.text.trimEnd()]
      : []),
    ...rechain(ctx, third ?? second),
    ...runBefore(ctx, needers, third ?? second),
  ].join("\n");
}

/**
 * SQL whose down is a file of its own (diesel's down.sql, golang-migrate's .down.sql): written for the migration as
 * a whole, it undoes what now moves too, and the new migrations have none. Said, as which of its statements undo
 * which part is the author's to tell (crates.io's down.sql recreates the table the moved data change empties).
 */
function writtenSqlDown(ctx: RuleContext, revision: string): string[] {
  const down = ctx.migration.down;
  if (ctx.framework !== "sql" || down.status !== "present" || down.derived || down.path === undefined || down.path === ctx.migration.path) return [];
  return [`-- ${down.path} undoes the whole migration as written: keep in it what undoes ${revision} 1, and give each new ${revision} a down of its own with the statements that undo it (a rollback runs the newest ${revision}'s down first)`];
}

/** A later migration of the folder with a schema change that needs the data change's result. */
interface Needer {
  migration: Migration;
  /** what it does that needs it, in words */
  why: string;
}

/** A migration's SET NOT NULLs, in order, found once: every data change of the folder's earlier migrations looks for them. */
const setNotNullsOf = new WeakMap<Migration, Operation[]>();
function setNotNulls(migration: Migration): Operation[] {
  let found = setNotNullsOf.get(migration);
  if (!found) setNotNullsOf.set(migration, (found = migration.up.filter((op) => op.kind === "set_not_null")));
  return found;
}

/**
 * The later migrations of the folder that set NOT NULL on a column the data change fills (lite-api's survey 0003
 * makes case_type NOT NULL after 0002's RunPython filled it): moved after them, the data change would leave NULLs
 * where the NOT NULL fails.
 */
function laterNeeders(ctx: RuleContext, dataOps: readonly Operation[]): Needer[] {
  // only what the moved statements are known to write is said to be filled: code whose tables migguard could not
  // read (dstack 72cfa56364ad's loop over jobs) is no claim that it fills a later migration's column
  const data = dataOps.filter((op) => (op.kind === "dml" || op.kind === "data_migration") && touchedNames(op) !== "any");
  if (!data.length) return [];
  return ctx.repository.laterInFolder.flatMap((later) => {
    const needs = setNotNulls(later).find((op) => data.some((d) => prepares(d, op)));
    return needs && needs.kind === "set_not_null" ? [{ migration: later, why: `line ${needs.loc.line} sets NOT NULL on ${needs.table}.${needs.column}, which it fills` }] : [];
  });
}

/**
 * Django: a later migration that needs the data change now runs after its new file, by a dependency it must get;
 * the frameworks that order by version get the new file's version between them and need nothing more, unless no
 * version between them is free (golang-migrate's 000041, then 000042 that needs it): the new file takes none a
 * migration holds, so it then runs after the ones that need it, which must be said.
 */
function runBefore(ctx: RuleContext, needers: readonly Needer[], last: MigrationFile | undefined): string[] {
  if (!needers.length || !last) return [];
  if (ctx.framework !== "django") {
    const version = last.version;
    const after = version === undefined ? [] : needers.filter((n) => n.migration.version !== undefined && compareVersions(n.migration.version, version) < 0);
    const c = commentOf(ctx);
    return after.length
      ? [``, `${c} no version between ${ctx.migration.path} and ${after[0].migration.path} is free (each is a migration's already), so ${last.path} runs after ${after.map((n) => n.migration.path).join(", ")}, which need${after.length > 1 ? "" : "s"} the data change first: keep the data change in ${ctx.migration.path} as written, unless none of them has run anywhere yet and you renumber ${after.length > 1 ? "them" : "it"} after the new file.`]
      : [];
  }
  const name = last.path.split("/").pop()!.replace(/\.py$/, "");
  const label = djangoApp(ctx.migration).label;
  return [``, ...needers.map((n) => `# ${n.migration.path} needs the data change first: add (${JSON.stringify(label)}, ${JSON.stringify(name)}) to its dependencies, so that it runs after it`)];
}

/**
 * Where a split's new migrations go. An Alembic split's revisions run right after the revision they come out of
 * (down_revision: its id), before any revision that followed it, which is re-pointed (`rechain`); every other
 * framework's go after the folder's newest migration (numbered after it, one head).
 */
const splitPlace = (ctx: RuleContext, needers: readonly Needer[] = []): MigrationPlace => {
  if (ctx.framework === "alembic")
    return { newestInFolder: ctx.migration, numberAfter: ctx.repository.newestInFolder, folderRevisions: ctx.repository.folderRevisions, alembicHeadFile: ctx.repository.alembicHeadFile, alembicAutocommitPrecedent: ctx.repository.alembicAutocommitPrecedent, newMigrationChain: ctx.repository.newMigrationChain, rightAfter: true };
  if (!needers.length) return ctx.repository;
  // before a later migration that needs the data: Django's after this migration alone (numbered after the newest),
  // the others' versioned right after this one
  const chain = { newMigrationChain: ctx.repository.newMigrationChain, rightAfter: true, railsAcronyms: ctx.repository.railsAcronyms, folderVersions: ctx.repository.folderVersions };
  return ctx.framework === "django" ? { ...chain, newestInFolder: ctx.repository.newestInFolder, djangoLeaves: [ctx.migration] } : { ...chain, newestInFolder: ctx.migration };
};

/**
 * Alembic: the revisions whose down_revision was the split one's now follow the last new revision: each said by
 * its file, with the down_revision it must now have (a revision not read is said by what it names).
 */
function rechain(ctx: RuleContext, last: MigrationFile | undefined): string[] {
  const id = ctx.migration.revision?.id;
  if (ctx.framework !== "alembic" || id === undefined || last?.revision === undefined) return [];
  const later = ctx.repository.laterInFolder;
  const children = later.filter((m) => m.revision?.after.includes(id));
  const to = JSON.stringify(last.revision);
  // numbered revisions (0017_x, then 0018_y) run in the order of their numbers: new ones numbered after the newest
  // but run before later ones break that order (and a test that takes the last file for the head)
  const order = later.length && revisionNaming(ctx.migration, ctx.repository.newestInFolder).numbered ? [`# the project numbers its revisions in the order they run: the new ones run before ${later[0].revision?.id ?? later[0].path} but are numbered after the newest, so split this revision only while it is the newest, or renumber by hand`] : [];
  if (children.length)
    return [``, ...children.map((m) => `# ${m.path} has down_revision ${JSON.stringify(id)}: set it to ${to}, so that it runs after the new revisions`), ...order];
  // the newest revision of its folder: nothing follows it yet
  if (!later.length) return [];
  return [``, `# a revision whose down_revision is ${JSON.stringify(id)} (migguard did not find one in this folder) must now name ${to}, so that it runs after the new revisions`, ...order];
}

/**
 * The data change moved into a migration of its own, outside the schema change's transaction, its code kept.
 * The split keeps the migration's order: what comes before the first data step stays in migration 1, every
 * statement from the first data step to the last moves as written (a schema change between two data steps is
 * one the later step needs, or one that needs the earlier), and what comes after the last data step (a foreign
 * key the data step makes valid, the old column dropped once copied) waits for it in migration 3.
 */
function splitFix(ctx: RuleContext, allDataOps: readonly Operation[], dataTable: string | undefined, onlyNewColumns: boolean, laterLine?: number, tailWithData = false): string {
  // Django: ORM writes found inside a RunPython move with their RunPython, which is a data operation of its own
  const dataOps = ctx.framework === "django" ? allDataOps.filter((op) => op.kind === "data_migration" || op.embeddedSql) : allDataOps;
  const up = ctx.migration.up;
  let from = up.indexOf(dataOps[0]);
  // the reads that feed the data change (rows selected, then written in a loop over them) move with it
  for (let i = from - 1; i >= 0 && !changesSchema(up[i]); i--) {
    const op = up[i];
    if ((op.kind === "data_migration" && op.readOnly) || (op.kind === "raw" && op.statement === "SELECT" && !op.mayWrite)) from = i;
  }
  const to = up.indexOf(dataOps[dataOps.length - 1]);
  // the statements between the data steps run as written in the moved migration, in their order
  const between = from >= 0 && to >= from ? up.slice(from, to + 1).filter((op) => !framing(op)) : [...dataOps];
  // Rails: a schema change between them on a table no earlier data step touches (the second add_column, before the
  // UPDATE that fills it) stays in migration 1, whose down undoes it: moved, migration 1's down would drop a column
  // it no longer adds. Schema changes stay with the schema; the data migration holds data code alone.
  const hoisted = ctx.framework === "rails" ? between.filter((op, i) => changesSchema(op) && !after(between.slice(0, i), op)) : [];
  const tail = laterLine === undefined ? [] : up.slice(to + 1).filter((op) => !framing(op) && !between.includes(op));
  const rollback = onlyNewColumns
    ? "rolling back migration 1 drops what this fills"
    : "rollback does not bring the old values back: keep a copy first if they may be needed";
  // the columns a backfill of new columns fills, as table.column
  const filled = onlyNewColumns ? [...new Set(dataOps.flatMap((op) => (op.kind === "dml" && op.table ? op.columns.map((col) => `${op.table}.${col}`) : [])))] : undefined;
  // a hoisted schema change that shares a statement with the data change (a loop holding both) moves with it after all
  const hoistedFiles = hoisted.length ? splitFiles(ctx, between.filter((op) => !hoisted.includes(op)), tail, dataTable, rollback, tailWithData, filled) : undefined;
  const moved = hoistedFiles ? between.filter((op) => !hoisted.includes(op)) : between;
  const files = hoistedFiles ?? splitFiles(ctx, moved, tail, dataTable, rollback, tailWithData, filled);
  if (typeof files === "string") return files;
  const c = commentOf(ctx);
  if (files && "unbound" in files)
    return [
      `${c} migguard cannot move the data change of line ${dataOps[0].loc.line} into a migration of its own: it reads ${files.unbound.join(", ")},`,
      `${c} which nothing it could carry defines (a variable of the code around it, a name this file does not define), so moved alone it would fail.`,
      `${c} Keep this migration as it is (the data change and the schema changes stay in one transaction, so a copy-then-drop`,
      `${c} stays atomic), or move the whole enclosing code, with every binding it reads, into a migration of its own:`,
      liftedDataCode(ctx.migration, dataOps),
    ].join("\n");
  // the data change shares a statement (a block, a condition, a line) with statements that stay: its code, to move by hand
  const where = `${c} in a migration of its own, after this one${laterLine === undefined ? "" : `, and the statements from line ${laterLine} on in a third`}`;
  const code = liftedDataCode(ctx.migration, moved);
  // Python statements gathered from helper functions and loop bodies do not stand alone (a loop body without its
  // loop, a helper's parameter without its call): named by their lines, never printed as code that would not run
  const unbound = PYTHON.has(ctx.framework) ? unboundNames(code) : [];
  if (unbound === undefined || unbound.length > 0)
    return [
      `${c} migguard could not cut this migration into files: the data change runs inside code (a helper function, a loop) that also`,
      `${c} holds statements that stay, and its statements alone are no Python that runs${unbound?.length ? ` (they read ${unbound.slice(0, 3).join(", ")}${unbound.length > 3 ? ` and ${unbound.length - 3} more` : ""}, which they do not define)` : ""}.`,
      `${c} Move the code of lines ${spanOf(moved)} that runs the data change, with the calls that run it,`,
      `${where}.`,
    ].join("\n");
  return [
    `${c} migguard could not cut this migration into files: the data change shares a block, a condition or a line with statements that stay.`,
    `${c} Put the data change of line ${dataOps[0].loc.line}`,
    `${where}:`,
    code,
  ].join("\n");
}

const PYTHON = new Set(["django", "alembic"]);

/** The schema change must run after one of the earlier data steps: it changes a table one of them touches (or an unknown one). */
function after(earlier: readonly Operation[], schema: Operation): boolean {
  const tables = schema.kind === "drop_table" ? schema.tables : [tableOf(schema)];
  return earlier.some((d) => (d.kind === "raw" && !inert(d)) || ((d.kind === "dml" || d.kind === "data_migration") && tables.some((t) => t === undefined || touches(d, t))));
}

/** The source lines from the first operation's to the last one's: "42-410". */
function spanOf(ops: readonly Operation[]): string {
  const first = Math.min(...ops.map((op) => op.loc.line));
  const last = Math.max(...ops.map((op) => op.loc.endLine));
  return first === last ? `${first}` : `${first}-${last}`;
}

/**
 * The data step makes the schema change right after it possible on the same table: NULLs deleted or filled before
 * NOT NULL, duplicates or orphans cleaned before a constraint or unique index, values copied out before their
 * column is dropped or fixed before its type changes.
 */
function prepares(data: Operation, schema: Operation): boolean {
  // values copied out of a table, then the table dropped
  if (schema.kind === "drop_table") return schema.tables.some((t) => touches(data, t));
  const table = tableOf(schema);
  if (!table || !touches(data, table)) return false;
  const column = "column" in schema && typeof schema.column === "string" ? nameKey(schema.column) : undefined;
  const reads = data.kind === "dml" ? [...data.columns, ...data.sourceColumns].map(nameKey) : data.kind === "data_migration" ? (data.mentions ?? []).map(nameKey) : [];
  // code that was not read, or ORM code whose reads the model does not list, may use any column
  const unknown = (data.kind === "data_migration" && data.mentions === undefined) || (data.kind === "dml" && data.viaCode && data.sourceColumns.length === 0);
  // Django code names a relation by its field (case_type), the column is case_type_id
  const field = "ormField" in schema && typeof schema.ormField === "string" ? nameKey(schema.ormField) : undefined;
  const usesColumn = column !== undefined && (unknown || reads.includes(column) || (field !== undefined && reads.includes(field)) || (data.kind === "dml" && data.verb === "delete"));
  switch (schema.kind) {
    case "set_not_null":
    case "alter_column_type":
    case "drop_column":
      return usesColumn;
    case "add_constraint":
      return !writesOnlyOtherColumns(data, schema.columns);
    case "validate_constraint":
      return true;
    case "add_index":
      return schema.unique && !writesOnlyOtherColumns(data, schema.columns);
    // a NOT NULL column without a default, added once the rows are deleted (prepares-constraint.ts)
    case "add_column":
      return requiresEmptyTable(schema) && emptiesTable(data, table);
    default:
      return false;
  }
}

/** A DELETE of every row with a value in the column the schema change drops (`WHERE deleted_at IS NOT NULL`, then DROP COLUMN deleted_at). */
const emptiesDroppedColumn = (data: Operation, schema: Operation): boolean =>
  schema.kind === "drop_column" && data.kind === "dml" && data.verb === "delete" && data.table !== undefined && nameKey(data.table) === nameKey(schema.table) && (data.removesRowsWithValue ?? []).some((c) => nameKey(c) === nameKey(schema.column));

/**
 * The data change and the schema change it prepares, kept in one migration as written: the whole migration, as the
 * keep-the-backfill fix shows it (wholeMigrationCode), so that it can be pasted as it stands.
 */
function keepTogetherFix(ctx: RuleContext, code: string, prepared: Operation): string {
  const c = commentOf(ctx);
  const what = prepared.kind.replace(/_/g, " ");
  // MySQL has no transactional DDL nor NOT VALID: there the pair stays in one migration, in order, and that is all
  const head = isMysqlFamily(ctx.migration.database)
    ? [`${c} keep the data change and the ${what} it prepares in this migration, in this order, as written${wholeShown(ctx)}`, `${c} (MySQL commits each schema statement on its own):`]
    : [
        `${c} keep the data change and the ${what} it prepares in this migration, in this order and in one`,
        `${c} transaction, as written${wholeShown(ctx)}${prepared.kind === "set_not_null" ? `; on a large table${ctx.migration.alsoRunsOn?.length ? " of a PostgreSQL installation" : ""}, take the NOT NULL as set-not-null shows (a CHECK ... NOT VALID, then VALIDATE), after the data change` : ""}:`,
      ];
  return [...head, code].join("\n");
}

/**
 * The table lock a schema change takes in PostgreSQL, as its documentation gives it (support/lock-modes.ts: a foreign
 * key's SHARE ROW EXCLUSIVE, another constraint's ACCESS EXCLUSIVE); "lock" where that table does not know it.
 */
function lockName(op: Operation, database: Migration["database"]): string {
  const mode = database === "postgresql" ? tableLockMode(op) : undefined;
  return mode ? `${mode} lock` : "lock";
}

/**
 * The data change may touch the table: a table it writes or reads, or a name its code uses (the table's or its
 * model's). Code that was not read may touch anything.
 */
function touches(op: Operation, table: string): boolean {
  const names = touchedNames(op);
  if (names === "any") return true;
  if (names.length === 0) return false;
  const [bare, model] = namesOfTable(table);
  return names.some((n) => n === bare || n === model);
}

/** A table's name without its schema and its Rails model's name, in lower case: worked out once per table name. */
const tableNames = new Map<string, readonly [string, string]>();
function namesOfTable(table: string): readonly [string, string] {
  let names = tableNames.get(table);
  if (!names) {
    const bare = nameKey(table).split(".").pop()!;
    names = [bare, modelName(bare).toLowerCase()];
    if (tableNames.size > 10_000) tableNames.clear(); // bounded: the names of one analysis
    tableNames.set(table, names);
  }
  return names;
}

/**
 * The names a data change may touch a table by (its tables' and models' last parts), or "any" for code that was not
 * read: worked out once per operation, as laterNeeders asks about every SET NOT NULL of the later migrations.
 */
const touchedNamesOf = new WeakMap<Operation, readonly string[] | "any">();
function touchedNames(op: Operation): readonly string[] | "any" {
  let names = touchedNamesOf.get(op);
  if (names === undefined) {
    if (op.kind === "data_migration" && op.mentions === undefined && op.tables.length === 0) names = "any";
    else {
      const written = op.kind === "dml" ? [op.table, ...op.sourceTables] : op.kind === "data_migration" ? [...op.tables, ...(op.writes ?? []), ...(op.mentions ?? [])] : [];
      names = written.flatMap((n) => (n === undefined ? [] : [nameKey(n).split(".").pop()!.split("::").pop()!]));
    }
    touchedNamesOf.set(op, names);
  }
  return names;
}

export default defineRule({
  meta: {
    id: "mixed-ddl-dml",
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
        fix: checkAfterBackfillFix(ctx, early) ?? `${commentOf(ctx)} move the CHECK of line ${early.check.loc.line} after the data change of line ${early.data.loc.line}, in the same migration, so that it is added once the rows satisfy it`,
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
    const move = moveBeforeDrop(up, dataOps.map((d) => d.op), touches);
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
        fix: splitFix(ctx, dataOps.map((d) => d.op), dataTable, onlyNewColumns, laterLine, prepared !== undefined),
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
        : splitFix(
            ctx,
            dataOps.map((d) => d.op),
            dataTable,
            onlyNewColumns,
            laterLine,
            prepared !== undefined,
          ),
    });
  },
});

/** A data change that moves values out of what a later statement drops: why the two stay together, and the lock that costs. */
function moveMessage(ctx: RuleContext, move: Move, lockedBefore: Operation | undefined): string {
  const { drop, source } = move;
  const cost = lockedBefore
    ? `${tableOf(lockedBefore)} stays locked (the ${lockName(lockedBefore, ctx.migration.database)} of line ${lockedBefore.loc.line}) until the copy has written its rows, as long as that takes`
    : `the rows the copy writes stay locked until the commit`;
  return `This data change copies values out of ${source}, which line ${drop.loc.line} then drops: a move, whose copy and drop belong in one transaction, as written. Split apart, or the copy run in batches, rows the running code writes to ${source} in between are lost with it. Kept as written, ${cost}.`;
}

/**
 * The keep-together fix of a move: the whole migration, and, for a table too large to lock for the copy, the one
 * split that keeps it atomic (the schema changes before it first, then the copy with the drop), or batches with the
 * writes to the source covered.
 */
function moveFix(ctx: RuleContext, move: Move, schemaBefore: readonly Operation[], code: string): string {
  const c = commentOf(ctx);
  const { data, drop, source } = move;
  const before = schemaBefore.map((op) => op.loc.line);
  return [
    `${c} keep the copy of line ${data.loc.line} and the drop of line ${drop.loc.line} in this migration, in one transaction, as written${wholeShown(ctx)}:`,
    `${c} split apart, rows the running code writes to ${source} after the copy are lost with it.`,
    `${c} On a table too large to lock for the copy:${before.length ? ` move the schema change${before.length > 1 ? "s" : ""} before it (${linesInWords(before)}) into a migration of ${before.length > 1 ? "their" : "its"} own, and` : ""}`,
    `${c} keep the copy and the drop together${before.length ? " in the next" : ""}, one transaction, not in batches; or copy in batches only with a trigger on`,
    `${c} ${source.split(".")[0]} that copies every write the same way, created before the first batch and dropped with ${source}.`,
    code,
  ].join("\n");
}

/** A data change decided by a question about the schema asked before a schema change: why it stays with it, and what that costs. */
function schemaQuestionMessage(ctx: RuleContext, question: SchemaQuestion, locked: string | undefined): string {
  const { catalog, schema } = question;
  const cost = locked
    ? `Kept as written, ${locked} stays locked (the ${lockName(schema, ctx.migration.database)} of line ${schema.loc.line}) until the data change has written its rows, as long as that takes.`
    : `Kept as written, the rows it writes stay locked until the commit.`;
  return `This data change runs only as the schema question of line ${question.line} (it reads ${catalog}) decides, asked before the schema change of line ${schema.loc.line}: it tells whether this migration makes that change. It belongs with that change, as written: split into a migration of its own, the question would be asked after the change has run and answer otherwise. ${cost}`;
}

/** The keep-together fix of a data change a schema question decides: the whole migration, and what a split would need instead. */
function schemaQuestionFix(ctx: RuleContext, question: SchemaQuestion, code: string): string {
  const c = commentOf(ctx);
  const { line, schema } = question;
  return [
    `${c} keep the data change with the schema change of line ${schema.loc.line}, in this migration, as written${wholeShown(ctx)}: it runs as the`,
    `${c} question of line ${line}, asked before line ${schema.loc.line}, decides, that is as this migration finds the schema. Moved into a migration`,
    `${c} of its own, the question would run after line ${schema.loc.line} and find the schema already changed, so the data change would not run as meant.`,
    `${c} On a table too large to lock for the data change, split only with the answer kept: have this migration write what the`,
    `${c} question found (a row in a table of your own), and the next one read that instead of asking the schema again.`,
    code,
  ].join("\n");
}

/**
 * The code a keep-together fix shows (a backfill kept with what needs it, a data change with the schema change it
 * prepares): the whole migration as written, so that it can be pasted as it stands, every statement once (the data
 * change needs the columns and tables the statements before it make, and Python statements the model reads as
 * values, `status_type = sa.Enum(...)`, bind names the later ones use). SQL: its statements without the framing
 * (BEGIN/COMMIT). Ruby and Python: the file's text; where the model holds no text, the statements kept (`kept`).
 */
function wholeMigrationCode(ctx: RuleContext, up: readonly Operation[], kept: readonly Operation[]): string {
  // a file under the runner's markers (goose's -- +goose Up, dbmate's -- migrate:up, Liquibase's --changeset) is the
  // migration only with them: its statements alone would be a file the runner refuses
  if (ctx.framework === "sql" && MARKER_LAYOUTS.has(ctx.migration.layout) && ctx.migration.source !== undefined) return ctx.migration.source.trimEnd();
  if (ctx.framework === "sql") return liftedDataCode(ctx.migration, up.filter((op) => !framing(op)));
  if (ctx.migration.source !== undefined) return ctx.migration.source.trimEnd();
  return liftedDataCode(ctx.migration, kept.filter((op) => !framing(op)));
}

/** " (the whole migration)" where wholeMigrationCode shows it, so the reader knows the code is the file, not a part. */
const wholeShown = (ctx: RuleContext) => (ctx.framework === "sql" || ctx.migration.source !== undefined ? " (the whole migration)" : "");

/** "line 22, which makes weekm NOT NULL, and line 24, which drops ...": the statements a backfill must cover every row for */
const neededBy = (needed: RowsNeeded) => {
  const each = needed.needs.map((n) => `line ${n.op.loc.line}, which ${n.why}`);
  return each.length > 1 ? `${each.slice(0, -1).join("; ")}; and ${each.at(-1)}` : each[0];
};

/**
 * A backfill of one constant into every row of columns just added, then made NOT NULL: the rewrite it costs under the
 * ADD COLUMN's lock, and the constant default that does the same work without it.
 */
function constantMessage(ctx: RuleContext, plan: ConstantBackfill): string {
  const each = plan.fills.map((f) => `${f.add.table}.${f.add.column.name} (added on line ${f.add.loc.line}) to ${f.value}`);
  const [first] = plan.fills;
  const notNull = plan.fills.flatMap((f) => f.notNull.map((n) => n.loc.line));
  return `This backfill sets ${each.join(" and ")}, one constant on every row, then line${notNull.length > 1 ? "s" : ""} ${notNull.join(", ")} make${notNull.length > 1 ? "" : "s"} ${plan.fills.length > 1 ? "them" : "it"} NOT NULL: the UPDATE rewrites every row of ${tableOf(first.add)} under the ${lockName(first.add, ctx.migration.database)} of line ${first.add.loc.line}, and the NOT NULL then scans them all, while every query on the table waits. A constant default does the same work without a rewrite: ADD COLUMN ... NOT NULL DEFAULT ${first.value} (PostgreSQL 11+) gives every row the value at once and needs no scan.`;
}

/**
 * The note on a backfill kept with the statements that need it complete: why it stays as written, and the lock that
 * costs (the lock of the ADD COLUMN that made the column, held until the backfill has written every row).
 */
function keptWholeMessage(ctx: RuleContext, up: readonly Operation[], needed: RowsNeeded): string {
  const { table, column } = needed;
  const added = up.find((op) => op.kind === "add_column" && nameKey(op.table) === table && nameKey(op.column.name) === column);
  const held = added ? `${tableOf(added)} stays locked (the ${lockName(added, ctx.migration.database)} of line ${added.loc.line}) until the backfill has written every row` : `the rows the backfill writes stay locked until the commit`;
  const many = needed.needs.length > 1;
  return `This backfill of ${needed.filled} runs in one transaction with what needs it to cover every row (${neededBy(needed)}), as it must: split apart, rows the running code writes in between get no ${column}, and ${many ? "those statements" : "that statement"} then ${many ? "fail" : "fails"} on them or ${many ? "lose" : "loses"} their values. Kept as written, ${held}, as long as that takes; on a table too large to lock that long, the fix says how to split with every write covered.`;
}

/**
 * The backfill and the statement needing every row filled stay in one transaction, as written: a split would let
 * the running code write rows the backfill never saw (see backfill-needs-every-row.ts). What a split would need
 * instead is said, not written: the new column's value for each write is the backfill's expression on that row.
 */
function atomicSwapFix(ctx: RuleContext, code: string, needed: RowsNeeded): string {
  const c = commentOf(ctx);
  const { table, column } = needed;
  const lines = needed.needs.map((n) => n.op.loc.line);
  const which = linesInWords(lines);
  return [
    `${c} keep the backfill of ${needed.filled} and the statements after it in this migration, in one transaction, as written${wholeShown(ctx)}:`,
    ...needed.needs.map((n) => `${c} line ${n.op.loc.line} ${n.why}: it needs every row filled.`),
    `${c} Split into migrations, rows the running code writes after the backfill get no ${column} (that code does not know`,
    `${c} the column), and ${which} then ${lines.length > 1 ? "fail" : "fails"} on them or ${lines.length > 1 ? "lose" : "loses"} their values.`,
    `${c} On a table too large to lock for the backfill, split only with every write covered until the swap: a trigger on ${table}`,
    `${c} that sets ${column} on INSERT and UPDATE as the backfill does, created before the backfill and dropped with the swap.`,
    code,
  ].join("\n");
}

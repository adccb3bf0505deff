/**
 * The split fix of mixed-ddl-dml: the data change moved into a migration of its own, outside the schema change's
 * transaction, its code kept, written out as whole migration files (or, where the code cannot be cut, said).
 */
import type { Operation } from "../../model.js";
import { isDerived as isDerivedDown } from "../support/derived-down.js";
import { movedDowngrade } from "../support/alembic-moved-downgrade.js";
import { isMysqlFamily } from "../support/databases.js";
import { commentMarker } from "../support/fix.js";
import { liftedDataCode } from "../support/lifted-data-code.js";
import { movedCode } from "../support/moved-code.js";
import { migrationWithout, newMigrations, type MigrationStep } from "../support/next-migration.js";
import { unboundNames } from "../support/python-free-names.js";
import { railsSplitDowns, writtenRailsDown } from "../support/rails-moved-down.js";
import type { RuleContext } from "../support/rule.js";
import { nextInHistory, withNextInHistory } from "./next-in-history.js";
import { laterNeeders, rechain, runBefore, splitPlace } from "./split-place.js";
import { changesSchema, framing, inert, tableOf } from "./statement-roles.js";
import { touches } from "./touched-tables.js";

/** What a data step is called in a migration's name: "backfill orders". */
const stepName = (dataTable: string | undefined) => `backfill ${dataTable?.split(".").pop() ?? "data"}`;

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

/**
 * The split as whole migration files, each code that runs: migration 1 is this migration without what moves,
 * migration 2 the data change (its statements as written, with the loop, locals, stub models, helpers and imports
 * they read), migration 3 the statements after the last data step. Undefined when the statements cannot be cut
 * out of the source by their lines; `{ unbound }` when the moved code reads names that cannot move with it.
 */
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
    const c = commentMarker(ctx.framework);
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
  const c = commentMarker(ctx.framework);
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

/**
 * The data change moved into a migration of its own, outside the schema change's transaction, its code kept.
 * The split keeps the migration's order: what comes before the first data step stays in migration 1, every
 * statement from the first data step to the last moves as written (a schema change between two data steps is
 * one the later step needs, or one that needs the earlier), and what comes after the last data step (a foreign
 * key the data step makes valid, the old column dropped once copied) waits for it in migration 3.
 */
export function splitFix(ctx: RuleContext, allDataOps: readonly Operation[], dataTable: string | undefined, onlyNewColumns: boolean, laterLine?: number, tailWithData = false): string {
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
  const c = commentMarker(ctx.framework);
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

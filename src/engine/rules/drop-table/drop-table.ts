import { defineRule } from "../support/rule.js";
import { guardWords, tableGuard } from "../support/values-guard.js";
import { railsDropTableFix, railsDropWith, railsModel, railsTableDefinition, railsUpOnly } from "../support/rails-fix.js";
import { dataCode, reindented } from "../support/data-code.js";
import { commentMarker, fixFor, sqlString, sym } from "../support/fix.js";
import { alembicTable, pythonString } from "../support/embed-sql.js";
import { nameKey } from "../support/facts.js";
import { migrationLabel } from "../../paths.js";
import type { Operation, OperationOf } from "../../model.js";
import type { RuleContext } from "../support/rule.js";
import { backupFix, copyThenDrop, movedValues, plannedRemoval, plannedSeverity, typesDroppedLater, whereTableExists } from "../support/planned-removal.js";
import { sqlCodeNames, stillNamed } from "../support/sql-code-names.js";
import { firstAfter, positionsBy } from "../support/positions.js";
import { existingTable, upOps } from "../support/scope.js";
import { ALL_DATABASES } from "../support/databases.js";
import { migrationDialect } from "../support/sql-dialect.js";
import { keptTableForeignKeysDrop } from "./kept-table-foreign-keys.js";
import { rubyReaders, rubyReadersLoaded } from "../../adapters/rails/ruby-readers.js";
import { recreatedBeforeCodeRuns, recreationWhere, tableRecreated } from "../support/recreated-later.js";
import { recreatedTableReport, replacementBeside } from "./recreated-table.js";
import { backupName } from "../support/backup-name.js";
import { leftoverMessage, leftoverSeverity, leftoverTable } from "./leftover-table.js";

/**
 * The table is created again later in this up and filled from other tables (CREATE TABLE t AS SELECT ... FROM
 * others, or CREATE TABLE t followed by INSERT INTO t SELECT ... FROM others): a cache or aggregate rebuilt from
 * its sources, whose rows are recomputed rather than lost. A table recreated empty is still data loss.
 */
function rebuiltFromOthers(ctx: RuleContext, table: string, index: number): boolean {
  const key = nameKey(table);
  const up = ctx.migration.up;
  const created = firstAfter(positionsBy(up, createdTable).get(key), index);
  if (created === undefined) return false;
  const create = up[created];
  if (create.kind === "create_table" && create.asSelect && create.copiedFrom && nameKey(create.copiedFrom) !== key) return true;
  return firstAfter(positionsBy(up, refilledTable).get(key), created) !== undefined;
}

/**
 * Rails: keep a copy, then drop the table so rollback can recreate it: the down already does when it creates the
 * table; in `change`, drop_table takes the block of the create_table that defined it (an earlier migration's,
 * as written), or says that migguard did not find it.
 */
function railsDropWithDefinition(ctx: RuleContext, op: OperationOf<"drop_table">, table: string, copy: string, planned?: string): string {
  const { down } = ctx.migration;
  // the table, not a model class: app/models is read at today's commit, whose class for this table name may be a
  // later one (a table dropped and created again), not the one the migration's code used
  const steps = [planned ? `# 1. Done already: ${planned}.` : `# 1. Remove every use of the ${table} table (its model, queries and associations) and deploy.`];
  const recreatedByDown = down.status === "present" && !down.derived && down.ops.some((o) => o.kind === "create_table" && nameKey(o.table) === nameKey(table));
  if (recreatedByDown)
    return [...steps, `# 2. Keep a copy of the rows before dropping (the down recreates the table, not its rows):`, `execute ${JSON.stringify(copy)}`, `drop_table ${sym(table)}`].join("\n");
  // a drop_table that already has its block keeps it
  const own = op.text.trim();
  if (own.startsWith("drop_table") && own.split("\n")[0].trimEnd().endsWith("|")) return [...steps, `# 2. Keep a copy before dropping:`, keepCopy(ctx, copy), reindented(own)].join("\n");
  const written = railsTableDefinition(ctx.repository, table);
  // explicit up/down: a drop_table block in up does nothing on rollback, the down has to create the table
  if (!inChange(ctx)) return explicitDownFix(ctx, op, table, copy, steps, written);
  const drop = written
    ? railsDropWith(written, op.text)
    : `drop_table ${sym(table)} do |t|\n  # migguard found no create_table of ${table} in the earlier migrations${ctx.repository.grownTableDefinition(table) || ctx.repository.tableDefinition(table) ? " that it could write again with the later changes of its columns" : ""}: copy its columns from db/schema.rb so rollback can recreate it\nend`;
  const keep = keepCopy(ctx, copy);
  return [
    ...rollbackOrder(ctx, op, table),
    ...steps,
    `# 2. Keep a copy, then drop the table with its definition${written ? (written.split("\n").length > 1 && ctx.repository.tableDefinition(table) === undefined ? " (as the migration that created it wrote it, with the columns added since)" : " (as the migration that created it wrote it)") : ""} so the migration can be reversed:`,
    keep,
    drop,
    ...(written ? [`# (rollback recreates the columns; add its indexes to the block as t.index if they matter)`] : []),
  ].join("\n");
}

/**
 * Django's state-only first step: a RemoveField of a many-to-many field drops its join table, not its model's, so the
 * state loses that field (never the owning model, which stays: rapidpro's flows 0406 removes Flow.optin_dependencies).
 * The kept tables lose their foreign keys with it (kept-table-foreign-keys.ts).
 */
function djangoStateOnlyRemoval(ctx: RuleContext, op: OperationOf<"drop_table">, table: string): string {
  const removeField = /\bRemoveField\s*\(/.test(op.text) ? /\bmodel_name\s*=\s*(["'][^"']+["'])[\s\S]*?\bname\s*=\s*(["'][^"']+["'])|\bname\s*=\s*(["'][^"']+["'])[\s\S]*?\bmodel_name\s*=\s*(["'][^"']+["'])/.exec(op.text) : null;
  const [model, field] = removeField ? (removeField[1] ? [removeField[1], removeField[2]] : [removeField[4], removeField[3]]) : [];
  const state = removeField ? `migrations.RemoveField(model_name=${model}, name=${field})` : `migrations.DeleteModel(name="${op.ormModel}")`;
  return [
    removeField
      ? `# 1. Remove the many-to-many field from the model and from Django's state only (its join table ${table} stays), and deploy:`
      : `# 1. Delete the model from the code and from Django's state only (the table stays), and deploy:`,
    ...stateOnly(ctx, state, op.tables),
  ].join("\n              ");
}

/**
 * Django, a table no model of the migrations maps (a removed third-party app's, dropped with RunSQL: linkedevents'
 * allauth remnants): there is no state to change, and a model name made up from the table would name nothing. Keep a
 * copy where the table exists (the drop may say IF EXISTS), then the drop as written.
 */
function unmappedTableRemoval(ctx: RuleContext, op: OperationOf<"drop_table">, table: string): string {
  const sql = migrationDialect(ctx.migration);
  const backup = sql.ident(backupName(ctx.migration, table.split(".").pop()!));
  const copy = ctx.migration.database === "postgresql" ? guardedCopy(ctx, table) : backupCopy(ctx, table);
  const others = op.tables.length > 1;
  const drop = others ? `DROP TABLE ${op.ifExists ? "IF EXISTS " : ""}${sql.ident(table)}` : op.text.trim().replace(/;\s*$/, "");
  return [
    `# 1. No model of the migrations migguard read maps ${table}, so Django's state has nothing to delete: remove every use of the table from the code and deploy.`,
    `# 2. Keep a copy${ctx.migration.database === "postgresql" ? " where the table exists" : ""}, then drop it${others ? ` on its own (line ${op.loc.line} drops ${op.tables.length} tables in one statement: give each its copy before its drop)` : " as written"}:`,
    // the drop's reverse does not create the table again: the copy is all a rollback has, so its reverse keeps it
    `# on rollback the copy stays (nothing creates ${table} again to put the rows back into): restore from ${backup} by hand, then drop it before migrating forward again`,
    `migrations.RunSQL(`,
    `    ${JSON.stringify(copy)},`,
    `    reverse_sql=migrations.RunSQL.noop,`,
    `),`,
    `migrations.RunSQL(${pythonString(drop)}, reverse_sql=migrations.RunSQL.noop),`,
  ].join("\n");
}

/** The statement that copies `table` into its backup (backup-name.ts) before it is dropped. */
const backupCopy = (ctx: RuleContext, table: string): string => migrationDialect(ctx.migration).copyTable(backupName(ctx.migration, table.split(".").pop()!), table);

/** PostgreSQL: the copy of `table` only where it exists, for a drop that says IF EXISTS (a table it may not find). */
const guardedCopy = (ctx: RuleContext, table: string): string => whereTableExists(ctx, table, backupCopy(ctx, table));

/** `ALTER TABLE` for a rename out of the way: IF EXISTS when the drop it replaces says so (PostgreSQL), so it finds no table where the drop found none. */
const renameOutOfTheWay = (ctx: RuleContext, op: OperationOf<"drop_table">): string => `ALTER TABLE ${op.ifExists && ctx.migration.database === "postgresql" ? "IF EXISTS " : ""}`;

/** SeparateDatabaseAndState: `state` in Django's state, and in the database only the kept tables' foreign keys dropped. */
const stateOnly = (ctx: RuleContext, state: string, tables: readonly string[]): string[] => [
  `migrations.SeparateDatabaseAndState(`,
  ...(state.includes("\n") ? [`    state_operations=[`, ...`${state},`.split("\n").map((l) => `        ${l}`), `    ],`] : [`    state_operations=[${state}],`]),
  `    database_operations=[`,
  ...keptTableForeignKeysDrop(tables, ctx.migration.database).map((l) => `        ${l}`),
  `    ],`,
  `),`,
];

/**
 * Django, a DeleteModel (or the RemoveField of a many-to-many, which drops its join table) after a data step that
 * moved (or checked) its rows: a copy adds nothing, what breaks is the old code still running during a rolling
 * upgrade, whose model (and every relation to it) still queries the table (pulpcore's 0104_delete_label, pretalx's
 * mail 0019). The model or field leaves Django's state now; the table goes in the next release, unless a later
 * migration creates a table of that name again (IntelOwl's visualizers 0036_4 adds the many-to-many back): kept, it
 * would make that migration fail, so the drop stays and that migration is named.
 */
function deferredDrop(ctx: RuleContext, op: OperationOf<"drop_table">, index: number, table: string, moved: string): string | undefined {
  if (ctx.framework !== "django") return undefined;
  const deleteModel = /\bDeleteModel\s*\(/.test(op.text) && op.ormModel;
  // a CREATE TABLE or a rename onto the name, later in this up or in a later migration of the folder
  const again = tableRecreated(ctx, table, index);
  // a table no model of this app maps (another app's, dropped with RunSQL: scancode.io's authtoken_token): no state to
  // change, the drop itself waits for the next release; a copy would keep what the step moved out (plaintext keys)
  if (op.embeddedSql && !again)
    return [
      `# ${moved} already took care of the rows: a copy adds nothing, and would keep what that step moved out of the way.`,
      `# What breaks is servers still running the old code during the upgrade, which use ${table}. Keep the data step here`,
      `# and move this drop, as written, to a migration of the next release, once no running code uses ${table}:`,
      `migrations.RunSQL(${pythonString(op.text.trim().replace(/;\s*$/, ""))}, reverse_sql=migrations.RunSQL.noop),`,
    ].join("\n");
  if (!deleteModel && !/\bRemoveField\s*\(/.test(op.text)) return undefined;
  const what = deleteModel ? `${op.ormModel} model` : "many-to-many field";
  if (again)
    return [
      `# ${moved} already took care of the rows: a copy adds nothing. Servers still running the old code during the`,
      `# upgrade query ${table} through the ${what} and fail until they restart, but the table cannot stay for them:`,
      `# ${recreationWhere(again)} ${again.does}, which fails with "relation already exists" while it`,
      `# is kept. Keep the drop (deploy it with the code that stops using the ${what}), or give ${again.sameMigration ? "that step's" : "that migration's"} table another name:`,
      reindented(op.text.trim()),
    ].join("\n");
  const t = migrationDialect(ctx.migration).ident(table);
  return [
    `# ${moved} already took care of the rows: a copy adds nothing. What breaks is servers still running the`,
    `# old code during the upgrade, whose ${what} still queries ${table}. ${deleteModel ? "Delete the model" : "Remove the field"} from Django's state only:`,
    ...stateOnly(ctx, reindented(op.text.trim()).replace(/,\s*$/, ""), op.tables),
    `# and drop the table in a migration of the next release, once no running code has the ${deleteModel ? "model" : "field"}:`,
    `migrations.RunSQL(${JSON.stringify(`DROP TABLE ${t}`)}, reverse_sql=migrations.RunSQL.noop),`,
  ].join("\n");
}

/** The tables `table`'s definition (its create_table and the columns added since) has a foreign key to. */
function referencedTables(ctx: RuleContext, table: string): string[] {
  const grown = ctx.repository.grownTableDefinition(table);
  const create = ctx.repository.tableDefinition(table) ?? grown?.create;
  const columns = [...(create?.columns ?? []), ...(create === grown?.create ? (grown?.added ?? []).map((op) => op.column) : [])];
  return columns.flatMap((c) => (c.references ? [c.references.table] : []));
}

/**
 * Rollback of `change` recreates the dropped tables in the reverse order of the drops: a table with a foreign key
 * to another table this migration drops must be dropped before it, or rollback creates it while the table it
 * references does not exist yet (hcb's drop_mfa: mfa_requests references mfa_codes, dropped first). The order
 * to write, for whichever of the two tables the finding is about.
 */
function rollbackOrder(ctx: RuleContext, op: OperationOf<"drop_table">, table: string): string[] {
  const drops = ctx.migration.up.flatMap((o) => (o.kind === "drop_table" ? o.tables.map((t) => ({ op: o, table: t })) : []));
  const at = drops.findIndex((d) => d.op === op && nameKey(d.table) === nameKey(table));
  const wrong = (before: number, after: number) =>
    before < after && referencedTables(ctx, drops[after].table).some((r) => nameKey(r) === nameKey(drops[before].table));
  const notes: string[] = [];
  drops.forEach((other, i) => {
    if (wrong(i, at))
      notes.push(`# ${table} references ${other.table}: write this drop_table before drop_table ${sym(other.table)} (line ${other.op.loc.line}), since rollback recreates the tables in reverse order and ${other.table} must exist again first`);
    if (wrong(at, i))
      notes.push(`# ${other.table} references ${table}: write this drop_table after drop_table ${sym(other.table)} (line ${other.op.loc.line}), since rollback recreates the tables in reverse order and ${table} must exist again first`);
  });
  return notes;
}

/**
 * `def up` / `def down` written by hand: up keeps a copy and drops the table, down creates it again (the rows stay
 * in the copy). An empty down becomes that create_table; a down with work of its own gets it after that work.
 */
function explicitDownFix(ctx: RuleContext, op: OperationOf<"drop_table">, table: string, copy: string, steps: string[], written: string | undefined): string {
  const { down } = ctx.migration;
  const create = written ?? `create_table ${sym(table)} do |t|\n  # migguard found no create_table of ${table} in the earlier migrations: copy its columns from db/schema.rb\nend`;
  const indent = (text: string) => text.replace(/^(?=.)/gm, "  ");
  const ownDown = down.status === "present" && !down.derived && down.ops.length > 0;
  const drop = op.text.trim().startsWith("drop_table") ? reindented(op.text.trim()) : `drop_table ${sym(table)}${op.ifExists ? ", if_exists: true" : ""}`;
  return [
    ...steps,
    `# 2. Keep a copy, then drop the table; the down creates it again${written ? " (as the migration that created it wrote it)" : ""}, so a rollback restores the table (its rows stay in the copy):`,
    `def up`,
    `  execute ${JSON.stringify(copy)}`,
    indent(drop),
    `end`,
    ``,
    `def down`,
    ...(ownDown ? [`  # what the down already does, then:`] : []),
    indent(create),
    ...(written ? [`  # (add the table's indexes to the block as t.index if they matter)`] : []),
    `end`,
  ].join("\n");
}

/** The SQL that keeps a copy, run on the way up only: in `change`, a bare execute has no inverse and rollback would raise IrreversibleMigration on it. */
/** Rails `change`: its down is derived, or it cannot be because of one of its own calls. */
function inChange(ctx: RuleContext): boolean {
  const { down, up } = ctx.migration;
  return (down.status === "present" && down.derived) || (down.status === "irreversible" && up.some((op) => op.loc.line === down.loc?.line));
}

function keepCopy(ctx: RuleContext, copy: string): string {
  if (!inChange(ctx)) return `execute ${JSON.stringify(copy)}`;
  return railsUpOnly(ctx.migration, `execute ${JSON.stringify(copy)}`);
}

/**
 * Rails' `create_table ..., force:` (the drop the adapter puts just before the create, on its line) of a table no earlier
 * migration of the folder names, with earlier migrations there to go by (huginn's create_delayed_jobs of 2012): the
 * drop has nothing to drop on a database the migrations built. A lone first migration stays an error: a
 * squashed schema under a new version would drop production's tables.
 */
function forceDropOfUnseenTable(ctx: RuleContext, op: OperationOf<"drop_table">, index: number, table: string): boolean {
  return isForceDrop(ctx, op, index, table) && ctx.repository.tableUnseen(table);
}

function isForceDrop(ctx: RuleContext, op: OperationOf<"drop_table">, index: number, table: string): boolean {
  const next = ctx.migration.up[index + 1];
  return ctx.framework === "rails" && op.ifExists && op.tables.length === 1 && next?.kind === "create_table" && nameKey(next.table) === nameKey(table) && next.loc.line === op.loc.line;
}

/**
 * `force:` in the first migration of a folder that later migrations build on (peoplefinder's initial_schema): it runs
 * only on a database that never had the table, so there is nothing to drop, and a backup would fail there.
 */
function forceDropInBase(ctx: RuleContext, op: OperationOf<"drop_table">, index: number, table: string): boolean {
  return isForceDrop(ctx, op, index, table) && ctx.repository.baseOfFolder;
}

/** The create_table call after `index` without its `force:` option, read with Prism; the call as written when it cannot be. */
function forceless(ctx: RuleContext, index: number): string {
  const create = ctx.migration.up[index + 1]!;
  const call = reindented(create.text.trim());
  return rubyReadersLoaded() ? rubyReaders().withoutOption(call, "force") : call;
}

/**
 * The DELETE without WHERE or TRUNCATE earlier in this up that left `table` with no rows at `index`, nothing having
 * written to it since (facts.emptiedHow): alf.io's V22_1.14.3 deletes from extension_event, then drops and recreates it.
 */
function emptiedEarlier(ctx: RuleContext, table: string, index: number): Operation | undefined {
  const at = ctx.facts.emptiedBy(table, index);
  return at === undefined ? undefined : ctx.migration.up[at];
}

const createdTable = (op: Operation) => (op.kind === "create_table" ? nameKey(op.table) : undefined);

/** INSERT ... SELECT or SELECT INTO a table from other tables. */
function refilledTable(op: Operation): string | undefined {
  if (op.kind !== "dml" || (op.verb !== "insert" && op.verb !== "select_into") || op.table === undefined) return undefined;
  const key = nameKey(op.table);
  return op.sourceTables.length > 0 && op.sourceTables.every((t) => nameKey(t) !== key) ? key : undefined;
}

export default defineRule({
  meta: {
    id: "drop-table",
    databases: ALL_DATABASES,
    category: "data-loss",
    severity: "error",
    title: "Dropping a table destroys its data",
    why:
      "DROP TABLE deletes every row at once. A down migration can recreate the table but not its rows, and any " +
      "code or report still reading the table fails the moment the migration runs.",
  },
  check(ctx) {
    for (const { op, index } of upOps(ctx, "drop_table")) {
      for (const table of op.tables) {
        if (!existingTable(ctx, table, index) || ctx.facts.backedUpBefore(table, undefined, index) || rebuiltFromOthers(ctx, table, index)) continue;
        // an earlier NOT NULL column without a default proves it empty: no rows to lose (required-column-without-default names this line)
        if (ctx.facts.emptyProofAt(table, index) !== undefined) continue;
        if (forceDropInBase(ctx, op, index, table)) continue;
        // created earlier in this change, and since then only app helpers migguard does not read may have added rows:
        // no deployed code wrote to it, so nothing shows it holds any (caseflow's add_safe_index on a table its feature created)
        const helpersOnly = ctx.facts.change.onlyHelpersWroteEarlier(ctx.migration, table, index);
        if (helpersOnly) {
          const helpers = helpersOnly.helpers.map((h) => `${h.op.kind === "raw" ? h.op.statement : h.op.kind} (${migrationLabel(h.migration.path)}:${h.op.loc.line})`);
          ctx.report({
            op,
            severity: "info",
            message:
              `Dropping table ${table}, which ${migrationLabel(helpersOnly.creator.path)} creates earlier in this change: no deployed code wrote to it, and the only steps since that may have added rows are app helpers migguard does not read, ${helpers.slice(0, 3).join(", ")}${helpers.length > 3 ? ` and ${helpers.length - 3} more` : ""}. ` +
              `Unless one of them inserts rows, it is empty and the drop loses nothing.`,
            fix: backupFix(ctx, op, table, table),
          });
          continue;
        }
        if (forceDropOfUnseenTable(ctx, op, index, table)) {
          ctx.report({
            op,
            severity: "info",
            message: `\`force:\` drops ${table} before creating it, but no earlier migration of this folder creates, renames or alters ${table}: on a database these migrations built there is none, so it drops nothing. Only a ${table} made outside them (a squashed history, a hand-made table) would be lost.`,
            fix: `# no earlier migration creates ${table}: \`force:\` is there for schema loads; without it a stray ${table} makes the migration fail instead of vanishing\n${forceless(ctx, index)}`,
          });
          continue;
        }
        const moved = movedValues(ctx, index);
        // the name comes back: today's code uses the new table, and keeping this one would make that step fail (a removal
        // the migrations themselves record as planned, or rows a data step moved first, keep their own finding)
        const again = op.leftOrmIn || op.afterDeploy || moved ? undefined : tableRecreated(ctx, table, index);
        // emptied earlier in this migration and created again before any code runs: no row and no reader is lost
        if (again && recreatedBeforeCodeRuns(again) && emptiedEarlier(ctx, table, index)) continue;
        // a table that stood beside it takes the name later (a rename): another table, not this one coming back; the
        // drop is judged on its own, and only when nothing shows the code had stopped using it is it the finding below
        const replacement = again && replacementBeside(ctx, again, index);
        if (again && !(replacement && plannedRemoval(ctx, op, undefined, table))) {
          // a table no migration of the project made, dropped IF EXISTS before its creation (frontier's base migration): a note
          ctx.report(recreatedTableReport(ctx, op, table, again, replacement || undefined, ctx.framework === "sql" ? leftoverTable(ctx, op, table, true) : undefined));
          continue;
        }
        const planned = plannedRemoval(ctx, op, undefined, table);
        // the migration's own check stops it when the table has a row (`raise if Feed.exists?`), or an earlier DELETE
        // or TRUNCATE of it removed every row: no row is dropped; what is left is code still using the table
        const guard = moved ? undefined : tableGuard(op, table);
        const emptied = moved || guard ? undefined : emptiedEarlier(ctx, table, index);
        if (guard || emptied) {
          const comment = commentMarker(ctx.framework);
          const noRows = guard
            ? `Dropping table ${table} loses no data: ${guardWords(guard, `${table} has a row`)}, so only an empty table is dropped.`
            : `Dropping table ${table} loses no data: line ${emptied!.loc.line} of this migration removes every row of it first (${emptied!.kind === "truncate" ? "TRUNCATE" : "a DELETE without WHERE"}), and nothing writes to it since, so only an empty table is dropped.`;
          const nothingToCopy = guard
            ? `${comment} nothing to copy: the check on line ${guard.line} lets the drop run only on an empty ${table}`
            : `${comment} nothing to copy: line ${emptied!.loc.line} empties ${table} first (keep a copy before that line if the rows matter)`;
          ctx.report({
            op,
            severity: planned?.strong ? "info" : "warning",
            hazard: "old-code",
            message: planned?.strong
              ? `${noRows} ${planned.reason[0].toUpperCase()}${planned.reason.slice(1)}, so no running code uses it.`
              : `${noRows} Servers still running the old code use ${table} and fail until they restart.`,
            fix: [
              ...(planned?.strong ? [] : [`${comment} 1. Remove every use of ${table} from the application and deploy; 2. then drop it in a later migration:`]),
              nothingToCopy,
              dataCode(ctx.framework, op),
            ].join("\n"),
          });
          continue;
        }
        // rows copied by a data step, and the code no longer uses the table: the planned step after a move, a note
        // (drop-column's wording); when this change made the move, the code deployed until now still uses the table
        // whatever the code at head says (scancode.io's 0079 reads authtoken_token into APIToken, then drops it), unless
        // the migrations themselves record that it stopped (a strong planned removal)
        const movedInChange = ctx.facts.change.movedBefore(ctx.migration, index) !== undefined;
        if (moved && planned && (planned.strong || !movedInChange)) {
          ctx.report({
            op,
            severity: "info",
            message: `Dropping table ${table} after ${moved} copied its rows, and ${planned.reason}: the data lives on where that step put it. Keep the step's reverse (or a copy) so a rollback can put the rows back.`,
            fix: backupFix(ctx, op, table, table),
          });
          continue;
        }
        if (moved) {
          ctx.report({
            op,
            severity: "warning",
            // the rows moved: what is left is the old code using the table, which an offline deploy never runs
            hazard: "old-code",
            message: `Dropping table ${table} after ${moved} read its rows: if that step moved them, no data is lost, but servers still running the old code use ${table} and fail until they restart.`,
            fix: deferredDrop(ctx, op, index, table, moved) ?? backupFix(ctx, op, table, table),
          });
          continue;
        }
        // a leftover of an app the project no longer has (IF EXISTS, never created by its migrations, no model): a note
        const leftover = leftoverTable(ctx, op, table);
        if (planned) {
          ctx.report({
            op,
            severity: leftover ? leftoverSeverity(ctx) : plannedSeverity(planned),
            message: leftover ? leftoverMessage(ctx, table, leftover) : `Dropping table ${table} deletes all its rows for good. It is the planned last step of a two-step removal (${planned.reason}), so running code no longer uses it: keep a copy if anyone may need the rows.`,
            // Rails' change: the copy runs up only and drop_table gets the definition rollback recreates (hcb's drop_partner_tables)
            fix:
              ctx.framework === "rails" && inChange(ctx)
                ? railsDropWithDefinition(ctx, op, table, backupCopy(ctx, table), planned.reason)
                : backupFix(ctx, op, table, table),
          });
          continue;
        }
        const sql = migrationDialect(ctx.migration);
        const ident = sql.ident;
        const t = ident(table);
        // DROP TABLE IF EXISTS: the table may be absent, and a bare copy would fail where the drop would not
        const copy = op.ifExists && ctx.migration.database === "postgresql" ? guardedCopy(ctx, table) : backupCopy(ctx, table);
        // plain SQL: where the application's code still names it (nothing when no code was read)
        const named = stillNamed(sqlCodeNames(ctx, table));
        // code of the application that still names it: not a leftover of another app
        const unused = named ? undefined : leftover;
        ctx.report({
          op,
          ...(unused
            ? { severity: leftoverSeverity(ctx), message: leftoverMessage(ctx, table, unused) }
            : { message: `Dropping table ${table} deletes all its rows; a rollback cannot bring them back, and code still using ${table} breaks.${named?.sentence ?? ""}` }),
          // code of the change's head that still names it fails whatever the deploy: only then is the claim kept
          // with no old code running, the staged removal buys nothing: a copy, then the drop as written
          ...((named && !named.oldCodeOnly) || unused ? {} : { withoutOldCode: `Dropping table ${table} deletes all its rows; a rollback cannot bring them back.`, fixWithoutOldCode: copyThenDrop(ctx, op, table, table) }),
          ...(named ? { details: named.details } : {}),
          fix: fixFor(ctx.framework, {
            sql: `
              -- 1. Remove every use of ${t} from the application and deploy.
              -- 2. Keep the data until you are sure nothing needs it:
              ${renameOutOfTheWay(ctx, op)}${t} RENAME TO ${ident(`${table.split(".").pop()}_deprecated`)};
              -- 3. Drop the renamed table in a later migration.${
                typesDroppedLater(ctx).length
                  ? `\n              -- the renamed table still uses its types: move line${typesDroppedLater(ctx).length > 1 ? "s" : ""} ${typesDroppedLater(ctx).join(", ")} (DROP TYPE) to that later migration, after its DROP TABLE`
                  : ""
              }`,
            rails: () => railsDropTableFix(op, table, copy) ?? railsDropWithDefinition(ctx, op, table, copy),
            // RunSQL of a table no model maps (a removed app's): no state to change, and no model name to make up
            django: () => (!op.ormModel && !/\bRemoveField\s*\(/.test(op.text) ? unmappedTableRemoval(ctx, op, table) : `
              ${djangoStateOnlyRemoval(ctx, op, table)}
              # 2. In a later migration, once nothing reads it, move it out of the way (drop it once nobody misses the rows):
              migrations.RunSQL(
                  ${JSON.stringify(`${renameOutOfTheWay(ctx, op)}${t} RENAME TO ${ident(`${table.split(".").pop()}_deprecated`)}`)},
                  reverse_sql=${JSON.stringify(`${renameOutOfTheWay(ctx, op)}${ident(`${table.split(".").pop()}_deprecated`)} RENAME TO ${t}`)},
              ),`),
            alembic: () => `
              # 1. Stop using the table and deploy. 2. Keep a copy, then drop it in a later revision:
              op.execute(${JSON.stringify(copy)})
              ${op.ifExists && op.embeddedSql ? `op.execute(${JSON.stringify(`DROP TABLE IF EXISTS ${t}`)})` : `op.drop_table(${alembicTable(table).name}${alembicTable(table).schema})`}`,
          }),
        });
      }
    }
  },
});

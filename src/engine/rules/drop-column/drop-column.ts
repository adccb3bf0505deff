import { defineRule } from "../support/rule.js";
import { commentMarker, fixFor, sym } from "../support/fix.js";
import { railsRemovalFix, removedColumn, removedColumns } from "./rails-removal.js";
import { removedColumnType } from "../support/rails-fix.js";
import { backupFix, copyThenDrop, fieldGoneFromModels, movedCopy, movedStep, movedStepText, plannedRemoval, plannedSeverity } from "../support/planned-removal.js";
import { nameKey } from "../support/facts.js";
import { droppedColumnMatters, restoredByDown, upOps } from "../support/scope.js";
import { ALL_DATABASES, isMysqlFamily } from "../support/databases.js";
import { alterSubcommandsOf, alterWithoutSubcommands } from "../support/sql-text.js";
import type { PgNode } from "../../adapters/sql/pg-parser.js";
import { migrationDialect } from "../support/sql-dialect.js";
import { columnBackup, restoreColumnSql } from "../support/column-backup.js";
import type { OperationOf } from "../../model.js";
import type { Report, RuleContext } from "../support/rule.js";
import { alembicTable, pythonString } from "../support/embed-sql.js";
import { calleeOf, keywordText, keywordTruthy, withKeyword } from "../support/python-call.js";
import { sqlCodeNames, stillNamed } from "../support/sql-code-names.js";
import { columnRecreated } from "../support/recreated-later.js";
import { filledReplacement, filledReplacementReport, recreatedColumnReport } from "./recreated-column.js";
import { copiedColumnReport } from "./copied-column.js";
import { earlierMoveReport } from "./earlier-move.js";
import { addsGenerated, droppedGeneratedColumn, sourcesKept, type GeneratedColumn } from "./generated-column.js";
import { dataCode } from "../support/data-code.js";
import { backupName } from "../support/backup-name.js";
import { columnGuard, guardWords } from "../support/values-guard.js";
import { importsHeader } from "../support/fix-imports.js";

/**
 * Django's first step of a removal: the field leaves the model and Django's state, the column stays. A column
 * that is NOT NULL without a database default (Django's `default=` lives in Python only, `db_default=` in the
 * table) would then refuse every INSERT of the new code, which no longer names it: the database operation
 * makes it accept NULL first.
 */
function djangoStateOnlyRemoval(ctx: RuleContext, op: OperationOf<"drop_column">): string {
  const sql = migrationDialect(ctx.migration);
  const def = op.ormFieldDef;
  // NULL-able as the history defines the column (a NullBooleanField is, whatever its null=), else as its definition
  // says: null= as Python tests it (`if self.null`), null='True' as well
  const notNull = ctx.repository.columnNotNull(op.table, op.column);
  const nullable = notNull === false || (notNull === undefined && def !== undefined && (nullByClass(def) || keywordTruthy(def, "null") === true));
  const removal = `migrations.RemoveField(model_name=${pythonString(op.ormModel ?? op.table)}, name=${pythonString(op.ormField ?? op.column)})`;
  if (nullable || (def !== undefined && keywordText(def, "db_default") !== undefined))
    return [
      `# 1. Remove the field from the model and from Django's state only (the column stays), and deploy:`,
      `migrations.SeparateDatabaseAndState(`,
      `    state_operations=[${removal}],`,
      `    database_operations=[],`,
      `),`,
    ].join("\n");
  const why = def
    ? `# ${op.table}.${op.column} is NOT NULL without a database default (Django applies default= in Python only): the new code's INSERTs leave it out, so it accepts NULL first`
    : `# migguard found no earlier definition of ${op.ormField ?? op.column}: unless it is null=True (then this changes nothing), the new code's INSERTs leave it out, so it accepts NULL first`;
  // MySQL has no DROP NOT NULL (MODIFY needs the full type): Django's own AlterField says it on every database
  const nullableField = def && withKeyword(def, "null", "True");
  const relax = !sql.mysql
    ? `migrations.RunSQL(${pythonString(`ALTER TABLE ${sql.ident(op.table)} ALTER COLUMN ${sql.ident(op.column)} DROP NOT NULL`)}, reverse_sql=migrations.RunSQL.noop)`
    : nullableField
      ? `migrations.AlterField(model_name=${pythonString(op.ormModel ?? op.table)}, name=${pythonString(op.ormField ?? op.column)}, field=${nullableField.replace(/\s*\n\s*/g, " ")})`
      : undefined;
  return [
    // the field as the migration that defined it wrote it may read names this one does not import
    ...(relax && nullableField ? importsHeader(ctx, relax) : []),
    `# 1. Remove the field from the model and from Django's state only (the column stays), and deploy.`,
    why,
    `migrations.SeparateDatabaseAndState(`,
    `    state_operations=[${removal}],`,
    relax
      ? `    database_operations=[${relax}],  # kept NULL-able on rollback: rows the new code wrote have none`
      : `    database_operations=[],  # first make ${op.column} NULL-able (ALTER TABLE ${sql.ident(op.table)} MODIFY ${sql.ident(op.column)}, its type, NULL): migguard does not know its type`,
    `),`,
  ].join("\n");
}

/** Django's field classes that are NULL-able by themselves (`models.NullBooleanField(default=None)`). */
const nullByClass = (def: string) => calleeOf(def)?.split(".").pop() === "NullBooleanField";

/** The seed's outage: remove_column while a legacy report still read the column. */
/**
 * SQL, an ALTER TABLE that drops several columns or does more than drop this one (openmeter's charges refactor:
 * 19 DROP COLUMNs and ADD COLUMNs in one statement): one fix for the statement, the same on each of its findings.
 * What is not a DROP COLUMN stays in place; the dropped columns are copied together, then dropped in a later
 * migration. Undefined for a statement that only drops this column (the column's own fix says it).
 */
function sqlStatementFix(ctx: RuleContext, op: OperationOf<"drop_column">, index: number): string | undefined {
  // MySQL's ALTER is not read with PostgreSQL's grammar
  if (op.embeddedSql || isMysqlFamily(ctx.migration.database)) return undefined;
  const cmds = alterSubcommandsOf(op.text);
  if (cmds.length < 2) return undefined;
  const drops = ctx.migration.up.filter((o): o is OperationOf<"drop_column"> => o.kind === "drop_column" && o.loc.line === op.loc.line && o.text === op.text);
  const sql = migrationDialect(ctx.migration);
  const t = sql.ident(op.table);
  const names = new Set(drops.map((d) => nameKey(d.column)));
  const dropped = (cmd: PgNode) => cmd?.subtype === "AT_DropColumn" && names.has(nameKey(cmd.name ?? ""));
  // the other parts stay only when they do not depend on the drops: new columns and constraints other than a
  // PRIMARY KEY (lemmy's ADD PRIMARY KEY (uuid) needs the old key gone with DROP COLUMN id)
  // (nor a column of a dropped one's name added again: lemmy's 000215 redefines four columns that way)
  const independent = (cmd: PgNode) =>
    (cmd?.subtype === "AT_AddColumn" && !names.has(nameKey(cmd.def?.ColumnDef?.colname ?? ""))) || (cmd?.subtype === "AT_AddConstraint" && cmd.def?.Constraint?.contype !== "CONSTR_PRIMARY");
  if (!cmds.every((c) => dropped(c) || independent(c))) return undefined;
  const rest = alterWithoutSubcommands(op.text, dropped);
  const kept = columnBackup(ctx, op.table, op.column, index);
  const backup = backupName(ctx.migration, op.table.split(".").pop()!, "dropped_columns");
  const keyed = kept.key && !kept.key.some((k) => names.has(nameKey(k)));
  const copy = keyed ? `CREATE TABLE ${sql.ident(backup)} AS SELECT ${[...kept.key!, ...drops.map((d) => d.column)].map(sql.ident).join(", ")} FROM ${t}` : sql.copyTable(backup, op.table);
  return [
    ...(rest ? [`-- the statement's other parts stay here, as written:`, rest] : []),
    `-- 1. Stop reading and writing ${drops.map((d) => d.column).join(", ")} of ${op.table} in the application and deploy.`,
    `-- 2. Keep a copy of the data${keyed ? "" : ` (migguard found no primary key of ${op.table}: the whole table)`}:`,
    `${copy};`,
    `-- 3. Then, in a later migration:`,
    `ALTER TABLE ${t} ${drops.map((d) => `DROP COLUMN ${d.ifExists ? "IF EXISTS " : ""}${sql.ident(d.column)}`).join(", ")};`,
  ].join("\n");
}

/**
 * Prisma, after a data step moved the values: a copy adds nothing (inbox-zero's remove_old_fields, after
 * shared_premium copied them to Premium). What breaks is the deployment still serving while `prisma migrate deploy`
 * runs: its generated client selects every scalar column of the model, this one included. The schema without the
 * field ships first (the column stays, accepting NULL when the new client's inserts leave it out); the drop, as
 * written, goes in the next release's migration.
 */
function prismaOldClientFix(ctx: RuleContext, op: OperationOf<"drop_column">, moved: string): string | undefined {
  if (ctx.migration.layout !== "prisma") return undefined;
  const sql = migrationDialect(ctx.migration);
  const t = sql.ident(op.table);
  const c = sql.ident(op.column);
  const definition = ctx.repository.columnDefinition(op.table, op.column);
  const relax = definition === undefined
    ? [`-- (migguard found no definition of ${op.column}: if it is NOT NULL without a default, that release's migration also runs`, `--  ALTER TABLE ${t} ALTER COLUMN ${c} DROP NOT NULL; since the new client's inserts leave it out)`]
    : definition.notNull && definition.default === undefined
      ? [`-- ${op.column} is NOT NULL without a default and the new client's inserts leave it out, so that release's migration runs:`, `ALTER TABLE ${t} ALTER COLUMN ${c} DROP NOT NULL;`]
      : [];
  return [
    `-- ${moved} already took care of the values: a copy adds nothing. What breaks is the deployment still serving while`,
    `-- \`prisma migrate deploy\` runs: its generated client selects every scalar column of ${op.table}, ${op.column} included.`,
    `-- 1. Release the Prisma schema without the field first (and without this migration): the new client stops selecting it.`,
    ...relax,
    `-- 2. Then, in a migration of the next release, drop it as written here:`,
    op.text.trim().replace(/;?\s*$/, ";"),
  ].join("\n");
}

/**
 * What left the column without values before the drop, when nothing wrote the table since: an earlier DELETE of this
 * migration that removed every row where it was set (`WHERE deleted_at IS NOT NULL`: only NULLs are left), or every
 * row (open-event-server's a02007782ba2 runs `delete from notifications` first: no rows are left).
 */
function valuesGone(ctx: RuleContext, op: OperationOf<"drop_column">, index: number): { message: string; fix: string; guard?: true } | undefined {
  const at = ctx.facts.valuesDeletedBefore(op.table, op.column, index) ?? (op.ormField ? ctx.facts.valuesDeletedBefore(op.table, op.ormField, index) : undefined);
  if (at === undefined) return undefined;
  const by = ctx.migration.up[at];
  const statement = `the ${by.kind === "truncate" ? "TRUNCATE" : "DELETE"} on line ${by.loc.line}`;
  if (by.kind === "truncate" || (by.kind === "dml" && !by.hasWhere))
    return { message: `${statement} removed every row of ${op.table}, so no value is dropped`, fix: `${statement} left no rows in ${op.table}` };
  return { message: `${statement} removed every row where it was set, so only NULLs are dropped`, fix: `${statement} left only NULLs in ${op.column}` };
}

/**
 * The migration's own check before the drop, that stops it when the column holds a value (feeder's
 * `raise ... if Feed.where.not(enclosure_template: nil).any?`) or the table a row: only NULLs are dropped.
 */
function valuesGuarded(op: OperationOf<"drop_column">): { message: string; fix: string; guard: true } | undefined {
  const guard = columnGuard(op, op.table, [op.column, ...(op.ormField ? [op.ormField] : [])]);
  if (!guard) return undefined;
  const what = guard.column === undefined ? `${op.table} has a row` : `${op.column} holds a value`;
  return { message: `${guardWords(guard, what)}, so only NULLs are dropped`, fix: `the check on line ${guard.line} left only NULLs in ${op.column}`, guard: true };
}

/** Take the column out of the old code's way first; then drop it, with no copy (`why`: it holds only NULLs, its values were copied). */
function nothingToKeepFix(ctx: RuleContext, op: OperationOf<"drop_column">, index: number, why: string): string {
  const sql = migrationDialect(ctx.migration);
  const t = sql.ident(op.table);
  const c = sql.ident(op.column);
  const type = removedColumnType(ctx.repository, ctx.migration, op, index);
  return fixFor(ctx.framework, {
    sql: `
      -- 1. Stop reading and writing ${op.table}.${op.column} in the application and deploy.
      -- 2. Then, in a later migration (${why}: nothing to keep):
      ALTER TABLE ${t} DROP COLUMN ${op.ifExists ? "IF EXISTS " : ""}${c};`,
    rails: () => railsRemovalFix(ctx, op.table, [removedColumn(ctx, op, index)], index, why),
    django: () => `
      ${djangoStateOnlyRemoval(ctx, op).replace(/\n/g, "\n      ")}
      # 2. In a later migration, once no running code reads it, drop the column (${why}: nothing to keep):
      migrations.RunSQL(
          ${JSON.stringify(`ALTER TABLE ${t} DROP COLUMN ${c}`)},
          reverse_sql=${type ? JSON.stringify(`ALTER TABLE ${t} ADD COLUMN ${c} ${type.text} NULL`) : "migrations.RunSQL.noop,  # migguard does not know the column's type to re-add it"},
      ),`,
    alembic: () => `
      # 1. Stop using the column and deploy. 2. Then drop it in a later revision (${why}: nothing to copy):
      op.drop_column(${alembicTable(op.table).name}, ${pythonString(op.column)}${alembicTable(op.table).schema})`,
  });
}

/**
 * Django's GeneratedField: reversing the RemoveField adds the field back from the migration state, expression and
 * all, and PostgreSQL computes every value again. The note says so with the expression as written (ORM, not SQL).
 */
function djangoGeneratedFieldNote(ctx: RuleContext, op: OperationOf<"drop_column">, column: GeneratedColumn): Report {
  return {
    op,
    severity: "info",
    hazard: "old-code",
    message:
      `Dropping column ${op.table}.${op.column} loses no data: it is a GeneratedField (${column.generated === "stored" ? "db_persist=True, STORED" : "VIRTUAL"}) computed by expression=${column.expr} from ${column.sources!.length ? column.sources!.join(", ") : "constants"} of the same row, ` +
      `which stay, so a rollback (the RemoveField reversed, which adds the field back from the migration state) recomputes every value. Servers still running the old code that select ${op.column} fail until they restart.`,
    fix: [`# nothing to copy: migrating back adds the GeneratedField again and PostgreSQL computes its values from ${column.sources!.join(", ") || "its expression"}`, dataCode(ctx.framework, op)].join("\n"),
  };
}

/** The note for a dropped generated column whose inputs stay: nothing to copy, the rollback adds it back with its expression. */
function generatedColumnNote(ctx: RuleContext, op: OperationOf<"drop_column">, column: GeneratedColumn): Report {
  if (column.orm) return djangoGeneratedFieldNote(ctx, op, column);
  const sql = migrationDialect(ctx.migration);
  const definition = `${column.type ?? "<its type>"} GENERATED ALWAYS AS (${column.expr}) ${column.generated.toUpperCase()}`;
  const add = `ALTER TABLE ${sql.ident(op.table)} ADD COLUMN ${sql.ident(op.column)} ${definition}`;
  const comment = commentMarker(ctx.framework);
  return {
    op,
    severity: "info",
    hazard: "old-code",
    message:
      `Dropping column ${op.table}.${op.column} loses no data: it is GENERATED ALWAYS AS (${column.expr.replace(/\s*\n\s*/g, " ")}) ${column.generated.toUpperCase()}, computed from ${column.sources!.length ? column.sources!.join(", ") : "constants"} of the same row, ` +
      `which stay, so adding it back with its expression recomputes every value. Servers still running the old code that select ${op.column} fail until they restart.`,
    fix: [
      `${comment} nothing to copy: a rollback adds the column back as it was, and PostgreSQL computes its values again${column.type ? "" : " (migguard does not know its type: write it in)"}:`,
      ...`${add};`.split("\n").map((line) => `${comment}   ${line.trimEnd()}`),
      dataCode(ctx.framework, op),
    ].join("\n"),
  };
}

export default defineRule({
  meta: {
    id: "drop-column",
    fixReplacesOperation: true,
    databases: ALL_DATABASES,
    category: "data-loss",
    severity: "error",
    title: "Dropping a column destroys its data",
    why:
      "DROP COLUMN deletes the column's values in every row. Application servers still running the old code keep " +
      "selecting it (ORMs cache the column list) and fail until they restart, and a rollback can re-add the column " +
      "but not its data.",
  },
  check(ctx) {
    // a data step of this change read the column before the drop (pretalx's 0044 moving locale_array into locales):
    // the code deployed before the change still selects the column, whatever became of its values
    const movedInChange = (index: number) => ctx.facts.change.movedBefore(ctx.migration, index) !== undefined;
    // a removal this rule is about: the column matters, its values are not kept elsewhere (a down that puts them back
    // answers the data loss, not the old code reading the column, when this change moved them)
    const counts = (op: OperationOf<"drop_column">, index: number) =>
      droppedColumnMatters(ctx, op, index) &&
      !ctx.facts.backedUpBefore(op.table, op.column, index) &&
      (!restoredByDown(ctx, op.table, op.column) || movedInChange(index)) &&
      // a step of a swap: the replacement the change filled takes the column's name, the values live on there
      !ctx.facts.change.isReplacedDrop(ctx.migration, index);
    for (const { op, index } of upOps(ctx, "drop_column")) {
      if (!counts(op, index)) continue;
      // the migration runs only on an empty table (its NOT NULL column without a default): no values to lose, and
      // required-column-without-default's finding names this line
      if (ctx.facts.emptyProofAt(op.table, index) !== undefined) continue;
      // a generated column's values are computed from its row: added back generated in the same migration (or change)
      // nothing is lost; left dropped, with the columns it reads kept, the note says how to compute them again
      const generated = droppedGeneratedColumn(ctx, op, index);
      if (generated) {
        const back = columnRecreated(ctx, op.table, op.column, index);
        if (back && (back.sameMigration || back.sameChange) && addsGenerated(back.op)) continue;
        if (!back && sourcesKept(ctx, op, generated)) {
          ctx.report(generatedColumnNote(ctx, op, generated));
          continue;
        }
      }
      const emptied = valuesGone(ctx, op, index) ?? valuesGuarded(op);
      if (emptied) {
        // nothing to lose: what is left is the old code still selecting the column, unless it already stopped
        const planned = plannedRemoval(ctx, op, op.column);
        if (planned?.strong && !emptied.guard) continue;
        // the author's own check (the line the note names): nothing reads the column either
        if (planned?.strong) {
          const comment = commentMarker(ctx.framework);
          ctx.report({
            op,
            severity: "info",
            hazard: "old-code",
            message: `Dropping column ${op.table}.${op.column} loses no data: ${emptied.message}. ${planned.reason[0].toUpperCase()}${planned.reason.slice(1)}, so no running code reads it.`,
            fix: [`${comment} nothing to copy: ${emptied.fix}`, dataCode(ctx.framework, op)].join("\n"),
          });
          continue;
        }
        ctx.report({
          op,
          severity: "warning",
          hazard: "old-code",
          message: `Dropping column ${op.table}.${op.column} loses no data: ${emptied.message}. Servers still running the old code select ${op.column} and fail until they restart.`,
          fix: nothingToKeepFix(ctx, op, index, emptied.fix),
        });
        continue;
      }
      // the name comes back: today's code reads the new column, and keeping this one would make that step fail
      // (a removal the migrations themselves record as planned, or values a data step moved first, keep their own finding)
      const step = movedStep(ctx, index);
      const moved = step && movedStepText(ctx, step);
      const again = op.leftOrmIn || op.afterDeploy ? undefined : columnRecreated(ctx, op.table, op.column, index);
      // an earlier migration copied the values into another table: this drop is the contract step of that move
      const copiedBy = moved ? undefined : ctx.repository.columnCopy(op.table, op.column, index);
      // a data step's code moved them (a RunPython, a Rails loop): a note once no code uses the column, else the error below
      const movedByCode = copiedBy?.byCode && !again && !op.writtenByTriggers ? earlierMoveReport(ctx, op, index, copiedBy) : undefined;
      if (movedByCode) {
        ctx.report(movedByCode);
        continue;
      }
      if (copiedBy && !copiedBy.byCode) {
        const report = copiedColumnReport(ctx, op, copiedBy, plannedRemoval(ctx, op, op.column), (why) => nothingToKeepFix(ctx, op, index, why));
        ctx.report(again ? { ...report, fix: recreatedColumnReport(ctx, op, index, again).fix } : report);
        continue;
      }
      // a swap's drop: the replacement a data step filled takes the name back in this migration
      const filled = again && filledReplacement(ctx, op, index, again, moved);
      if (again && filled) {
        ctx.report(filledReplacementReport(ctx, op, again, filled));
        continue;
      }
      if (again && !moved) {
        ctx.report(recreatedColumnReport(ctx, op, index, again));
        continue;
      }
      // a django-pghistory event table: triggers on the tracked model write its rows, and this migration recreates them
      // without the column: no running code writes it, only the history's values are lost (DefectDojo 0252's event columns)
      const triggers = moved ? undefined : op.writtenByTriggers;
      if (triggers) {
        ctx.report({
          op,
          severity: "warning",
          message: `Dropping column ${op.table}.${op.column} deletes the history it holds for good. ${op.table} is ${triggers.package}'s event table of ${triggers.tracked}: database triggers on ${triggers.tracked} write its rows, not the application, and this migration recreates them (line ${triggers.line}) without ${op.column} in its transaction, so no write fails: keep a copy of the values if anyone may need them.`,
          fix: backupFix(ctx, op, op.table, `${op.table}.${op.column}`, { name: op.column, beforeIndex: index }),
        });
        continue;
      }
      const planned = moved ? undefined : plannedRemoval(ctx, op, op.column);
      if (planned) {
        ctx.report({
          op,
          severity: plannedSeverity(planned),
          message: `Dropping column ${op.table}.${op.column} deletes its data for good. It is the planned last step of a two-step removal (${planned.reason}), so running code no longer reads it: keep a copy of the values if anyone may need them.`,
          fix: backupFix(ctx, op, op.table, `${op.table}.${op.column}`, { name: op.column, beforeIndex: index }),
        });
        continue;
      }
      const sql = migrationDialect(ctx.migration);
      const t = sql.ident(op.table);
      const c = sql.ident(op.column);
      const type = op.type ?? ctx.repository.columnType(op.table, op.column, index);
      // the key and the column, so the values can be joined back (the whole table when no key is known)
      const kept = columnBackup(ctx, op.table, op.column, index);
      const copy = kept.sql;
      // the rollback adds the column back, sets its values from the copy and drops the copy (so migrating forward again
      // can make it again); with no key to join on (the key itself dropped) the copy stays for a restore by hand
      const restore = restoreColumnSql(ctx, op.table, op.column, kept);
      const readd = `ALTER TABLE ${t} ADD COLUMN ${c} ${type?.text} NULL`;
      const reverse = restore ? `${readd}; ${restore}; DROP TABLE ${sql.ident(kept.backup)}` : readd;
      const note = (prefix: string) => (kept.note ? `${prefix} ${kept.note}\n            ` : "");
      const fix = fixFor(ctx.framework, {
          sql: sqlStatementFix(ctx, op, index) ?? `
            -- 1. Stop reading and writing ${op.table}.${op.column} in the application and deploy.
            -- 2. Keep a copy of the data:
            ${note("--")}${copy};
            -- 3. Then, in a later migration:
            ALTER TABLE ${t} DROP COLUMN ${op.ifExists ? "IF EXISTS " : ""}${c};`,
          // every column this migration removes from the table, in one fix (the same on each of their findings)
          rails: () => railsRemovalFix(ctx, op.table, removedColumns(ctx, op.table, (o, i) => counts(o, i) || o === op), index),
          django: () => `
            ${djangoStateOnlyRemoval(ctx, op).replace(/\n/g, "\n            ")}
            # 2. In a later migration, once no running code reads it, keep a copy and drop the column:
            ${note("#")}migrations.RunSQL(
                ${JSON.stringify(`${copy}; ALTER TABLE ${t} DROP COLUMN ${c}`)},
                reverse_sql=${type ? `${JSON.stringify(reverse)},${restore ? "" : `  # no key to join the values back on: restore them from ${kept.backup} by hand`}` : "migrations.RunSQL.noop,  # migguard does not know the column's type to re-add it"}
            ),`,
          alembic: () => `
            # 1. Stop using the column and deploy. 2. Keep a copy, then drop it in a later revision:
            ${note("#")}op.execute(${JSON.stringify(copy)})
            op.drop_column(${alembicTable(op.table).name}, ${pythonString(op.column)}${alembicTable(op.table).schema})`,
      });
      if (step && moved) {
        // the values were copied and the model no longer declares the field: the planned step after a move, a note;
        // unless this change made the move, so the code deployed until now still declares the field and selects it
        // (or an earlier step of the change gave the column its name, so the deployed code never selects it: segments'
        // name renamed to old_name, moved to the translations table, then dropped)
        const gone = ctx.facts.change.nameGivenEarlier(ctx.migration, op.table, op.column, index)
          ? `no code deployed before this change names ${op.column} (an earlier step of the change gave the column that name)`
          : movedInChange(index)
            ? undefined
            : fieldGoneFromModels(ctx, op);
        // the step copied every row's value into another table (django-parler's recipe): where they went is known
        const copied = movedCopy(step, op.table, op.column);
        const into = copied ? ` into ${copied.into}${copied.restored ? " (its reverse copies them back)" : ""}` : "";
        const rollback = copied?.restored ? "A rollback of this migration, then of that step, puts the values back." : "Keep the step's reverse (or a copy) so a rollback can put the values back.";
        if (gone) {
          ctx.report({
            op,
            severity: "info",
            message: `Dropping column ${op.table}.${op.column} after ${moved} copied its values${into}, and ${gone}: the data lives on ${copied ? `in ${copied.into}` : "where that step put it"}. ${rollback}`,
            fix: backupFix(ctx, op, op.table, `${op.table}.${op.column}`, { name: op.column, beforeIndex: index }),
          });
          continue;
        }
        // Django can still take the field out of the old code's way first (state only); elsewhere a copy is what is left to advise
        ctx.report({
          op,
          severity: "warning",
          // the values moved: what is left is the old code reading the column, which an offline deploy never runs
          hazard: "old-code",
          message: copied
            ? `Dropping column ${op.table}.${op.column} after ${moved} copied ${copied.someRows ? "the values of the rows it picks" : "every row's value"}${into}: the data lives on there${copied.restored ? ", and a rollback of this migration, then of that step, puts it back" : ""}, but servers still running the old code read ${op.column} and fail until they restart.`
            : `Dropping column ${op.table}.${op.column} after ${moved} read its values: if that step moved them, no data is lost, but servers still running the old code read ${op.column} and fail until they restart.`,
          // a fix that keeps the column (Django's state-only step, Prisma's next-release drop) collides with the step that creates the name again
          fix: again ? recreatedColumnReport(ctx, op, index, again).fix : ctx.framework === "django" ? fix : (prismaOldClientFix(ctx, op, moved) ?? backupFix(ctx, op, op.table, `${op.table}.${op.column}`, { name: op.column, beforeIndex: index })),
        });
        continue;
      }
      // plain SQL: where the application's code still names it (nothing when no code was read)
      const named = stillNamed(sqlCodeNames(ctx, op.table, op.column));
      ctx.report({
        op,
        message: `Dropping column ${op.table}.${op.column} deletes its data; code that still reads it breaks, and a rollback cannot restore the values.${named?.sentence ?? ""}`,
        // code of the change's head that still names it fails whatever the deploy: only then is the claim kept
        // with no old code running, the state-first split buys nothing: a copy, then the drop as written
        // (a template's weak hit proves nothing: the claim is not kept on it alone; nor is code only the base branch has)
        ...(named && !named.weak && !named.oldCodeOnly
          ? {}
          : {
              withoutOldCode: `Dropping column ${op.table}.${op.column} deletes its data, and a rollback cannot restore the values.`,
              fixWithoutOldCode: copyThenDrop(ctx, op, op.table, `${op.table}.${op.column}`, { name: op.column, beforeIndex: index }),
            }),
        fix,
        ...(named ? { details: named.details } : {}),
      });
    }
  },
});

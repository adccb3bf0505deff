import type { Framework, Operation, OperationOf } from "../../model.js";
import { codeFirstRenameHeader, codeFirstRenameMessage } from "../support/code-first-rename.js";
import { convertedInto } from "../../repository/column-copies.js";
import { addColumnLike, backfillCode, sqlalchemy2 } from "../support/column-code.js";
import { pythonString } from "../support/embed-sql.js";
import { commentMarker, dedent, ident, modelName, sym } from "../support/fix.js";
import { withKeyword } from "../support/python-call.js";
import { railsType, unknownRailsTypeNote } from "../support/rails-fix.js";
import { mayRunUnderOwnRunner, stepsUnderRunnerTransaction } from "../support/own-runner.js";
import { defineRule, type RuleContext } from "../support/rule.js";
import { nameKey } from "../support/facts.js";
import { keptTable, upOps } from "../support/scope.js";
import { carriedRenamesNote, renamedToFinalName, renamesCarryingNewName, renamesNameGivenEarlier } from "../support/renamed-within-migration.js";
import { ALL_DATABASES } from "../support/databases.js";
import { migrationDialect } from "../support/sql-dialect.js";
import { isMysqlFamily } from "../support/databases.js";
import { renderFix } from "../support/fix-steps.js";
import { expandSteps } from "./expand-steps.js";
import { renamesChain, renamesChainNote } from "./renames-chain.js";
import { conversionWords, convertedRenameNote, renameConversion } from "./converted-rename.js";
import { columnRecreated, recreationWhere } from "../support/recreated-later.js";
import { ignoringColumns } from "../support/rails-version.js";
import { importsHeader } from "../support/fix-imports.js";
import { columnAtHead } from "../support/column-at-head.js";
import { withoutGoneFollowUp } from "../support/history-to-head.js";
import { dropBeforeNote, oldNameTakenLater, renameAsWritten, renderBefore } from "./old-name-taken-later.js";
import { replacedColumn, replacedColumnFix, replacedColumnMessage } from "./replaced-column.js";

/**
 * A later step that gives the table a column of the kept name (IntelOwl's 0058_4 adds the foreign key config, column
 * config_id, that 0058_2's AlterField had moved away from; a rename onto it, or an AddField later in this migration):
 * keeping the name collides.
 */
function keptNameTakenLater(ctx: RuleContext, op: OperationOf<"rename_column">, index: number): string | undefined {
  const taken = columnRecreated(ctx, op.table, op.column, index);
  if (!taken) return undefined;
  const that = taken.sameMigration ? "That step" : "That migration";
  return `# ${recreationWhere(taken)} ${taken.does}: with the column kept under that name it fails ("column already exists"). ${that} must first move this field's column away (an AlterField with another db_column), or keep this rename as written and deploy it with the code that stops using ${op.column}`;
}

/**
 * Django: give the field db_column=<its column> first, so RenameField changes only the Python name. An AlterField
 * whose new field has another column (a ForeignKey made a CharField: config_id becomes config; an integer field
 * made a ForeignKey: ralph's trademark `type` becomes `type_id`) keeps its name, so the AlterField with db_column
 * is the whole fix: renaming the field to the column's name would give a ForeignKey the attribute `type_id_id`.
 */
function djangoFix(ctx: RuleContext, op: OperationOf<"rename_column">, index: number): string {
  const model = op.ormModel ?? op.table;
  const oldField = op.ormField ?? op.column;
  const newField = op.fieldKept ? oldField : oldField === op.column ? op.newName : op.newName.replace(/_id$/, "");
  const kept = op.ormFieldDef && withKeyword(op.ormFieldDef, "db_column", pythonString(op.column));
  if (!kept)
    return dedent(`
      # keep the column ${op.column}: the field's definition (in an earlier migration migguard was not given) needs
      # db_column=${pythonString(op.column)}, in an AlterField before this RenameField and in the model, so the rename changes only Django's name
      migrations.RenameField(model_name=${pythonString(model)}, old_name=${pythonString(oldField)}, new_name=${pythonString(newField)}),`);
  // the next migration takes the column's name: db_column would keep it there, and no release runs between to free it
  const next = oldNameTakenLater(ctx, op, index);
  if (next?.nothingBetween) return renameAsWritten(ctx, op, next);
  const sameName = nameKey(oldField) === nameKey(newField);
  const taken = keptNameTakenLater(ctx, op, index);
  // the field as its earlier migration wrote it may read names this migration does not import (Decimal)
  return [
    ...importsHeader(ctx, kept),
    sameName
      ? `# keep the column ${op.column}: with db_column set, the AlterField changes the field without renaming its column`
      : `# keep the column ${op.column}: with db_column set first, RenameField changes only Django's name for it`,
    ...(taken ? [taken] : []),
    `migrations.AlterField(model_name=${pythonString(model)}, name=${pythonString(oldField)}, field=${kept}),`,
    ...(sameName ? [] : [`migrations.RenameField(model_name=${pythonString(model)}, old_name=${pythonString(oldField)}, new_name=${pythonString(newField)}),`]),
    `# and in the model: ${newField} = ${kept.replace(/\s*\n\s*/g, " ")}`,
  ].join("\n");
}

/** Expand and contract: the new column beside the old one, filled in batches; the old one goes later. */
function expandFix(ctx: RuleContext, op: OperationOf<"rename_column">, index: number): string {
  const framework: Exclude<Framework, "django"> = ctx.framework === "django" ? "sql" : ctx.framework;
  const type = ctx.repository.columnType(op.table, op.column, index);
  const sql = migrationDialect(ctx.migration);
  const [newName, oldName] = [sql.ident(op.newName), sql.ident(op.column)];
  const add = addColumnLike(framework, { table: op.table, column: op.newName, like: op.column, type, sqlalchemy2: framework === "alembic" ? sqlalchemy2(ctx.repository) : undefined }, sql);
  const backfill = backfillCode(framework, { table: op.table, assignments: `${newName} = ${oldName}`, pending: sql.differs(newName, oldName, type) }, sql);
  switch (framework) {
    case "sql":
      return [
        `-- expand: add ${op.newName} beside ${op.column} and have the application (or a trigger) write both`,
        add,
        backfill,
        `-- then switch reads to ${op.newName}, and drop ${op.column} in a later migration`,
      ].join("\n");
    case "rails": {
      const model = ctx.repository.model(op.table)?.className ?? modelName(op.table);
      return [
        `# expand: add ${op.newName} beside ${op.column}, and have ${model} write both`,
        add,
        backfill,
        `# then read ${op.newName}, add ${ignoringColumns(ctx.migration, [op.column])} to ${model}, and in a later migration:`,
        ...(type ? [] : [unknownRailsTypeNote(op.table, op.column)]),
        `# remove_column ${sym(op.table)}, ${sym(op.column)}, ${railsType(type)}`,
      ].join("\n");
    }
    case "alembic":
      return [`# expand: add "${op.newName}" beside "${op.column}" and have the application write both`, add, backfill, `# then switch reads to "${op.newName}", and drop "${op.column}" in a later revision`].join("\n");
  }
}

/**
 * A rename that moves a column aside for a new one of the same name, added later in this migration (zipline's
 * OAuth.userId to userId_old, then ADD COLUMN "userId" UUID): an expand that keeps the old name in place would make
 * that ADD COLUMN fail ("column already exists"), so the fix says how to replace the column instead.
 */
function swapNote(ctx: RuleContext, op: OperationOf<"rename_column">, index: number, added: Operation): string {
  const c = commentMarker(ctx.framework);
  const dropped = ctx.migration.up.slice(index + 1).find((o) => o.kind === "drop_column" && nameKey(o.table) === nameKey(op.table) && nameKey(o.column) === nameKey(op.newName));
  const converted = conversionInto(ctx, op, index);
  return [
    `${c} ${op.column} is added anew on line ${added.loc.line} of this migration: this rename moves the old column aside for a new one of the same name,`,
    `${c} so keeping ${op.column} in place beside ${op.newName} (the usual expand) would make that ADD COLUMN fail with "column already exists".`,
    `${c} To replace ${op.table}.${op.column} while old code runs: add the new column under a name of its own, fill it and keep it in step`,
    `${c} (a trigger) while the old code writes ${op.column}, deploy the code that reads the new column, then drop ${op.column} in a later migration.`,
    ...(dropped
      ? [
          converted
            ? `${c} (the UPDATE on line ${converted.loc.line} carries the old values from ${op.newName} into the new ${op.column} before ${op.newName} is dropped on line ${dropped.loc.line}.)`
            : `${c} (${op.newName} is dropped on line ${dropped.loc.line} of this migration anyway: the old values are not kept.)`,
        ]
      : []),
  ].join("\n");
}

/**
 * An UPDATE later in this migration that sets the column added back from the one renamed aside (osparc's
 * `UPDATE comp_tasks SET state='PENDING' WHERE deprecated_state = '1'`, one per old value): the values move into the
 * new column, so what is left is the old code reading and writing a column that is no longer the one it knew.
 */
function conversionInto(ctx: RuleContext, op: OperationOf<"rename_column">, index: number): Operation | undefined {
  return ctx.migration.up
    .slice(index + 1)
    .find((o) => (convertedInto(o, ctx.migration, nameKey(op.table), nameKey(op.newName)) ?? []).some((col) => nameKey(col) === nameKey(op.column)));
}

const columnKey = (table: string, column: string) => `${nameKey(table)}\u0000${nameKey(column)}`;

/**
 * Per up, where it adds each column (table and column), ascending, read once: each rename looked for an add of its
 * old name over the whole up (quadratic in a file of hundreds of renames, issue #18).
 */
const columnAddsOfUp = new WeakMap<readonly Operation[], ReadonlyMap<string, readonly number[]>>();
function columnAddsOf(up: readonly Operation[]): ReadonlyMap<string, readonly number[]> {
  let adds = columnAddsOfUp.get(up);
  if (!adds) {
    const found = new Map<string, number[]>();
    up.forEach((o, at) => {
      if (o.kind !== "add_column") return;
      const key = columnKey(o.table, o.column.name);
      const list = found.get(key);
      if (list) list.push(at);
      else found.set(key, [at]);
    });
    columnAddsOfUp.set(up, (adds = found));
  }
  return adds;
}

export default defineRule({
  meta: {
    id: "rename-column",
    databases: ALL_DATABASES,
    category: "breaking-change",
    hazard: "old-code",
    // the new code names what the rename creates: served before the migration, it fails too
    newCodeFailsToo: true,
    severity: "error",
    title: "Renaming a column breaks the running code",
    why:
      "During a deploy the old code keeps running against the new schema: every query that names the old column " +
      "fails until all servers run the new code. A rollback of the code alone does not help either.",
  },
  check(ctx) {
    for (const { op, index } of upOps(ctx, "rename_column")) {
      if (!keptTable(ctx, op.table, index)) continue;
      // a django-pghistory event table: triggers on the tracked model write its rows, and this migration recreates them
      // with the new name in its transaction (DefectDojo 0286): no write fails, only the old code's reads of its history
      if (op.writtenByTriggers) {
        const t = op.writtenByTriggers;
        ctx.report({
          op,
          severity: "info",
          message: `Renaming ${op.table}.${op.column} to ${op.newName}: ${op.table} is ${t.package}'s event table of ${t.tracked}, whose rows database triggers on ${t.tracked} write, not the application, and this migration recreates those triggers (line ${t.line}) with the new name in its transaction, so no write fails. Only the old code's reads of ${t.tracked}'s history name ${op.column}: they fail until it restarts.`,
          fix: `# keep the rename as written: the triggers recreated on line ${t.line} write ${op.newName}; deploy the code that reads ${op.newName} in the same release`,
        });
        continue;
      }
      // where this migration's up adds a column of the table under the old name, ascending
      const adds = columnAddsOf(ctx.migration.up).get(columnKey(op.table, op.column)) ?? [];
      // a column this migration (or an earlier one of the change) added (a new id_text swapped in for id), or a name an
      // earlier rename of this migration gave it: no running code knows its name
      const addedHere = (adds.length > 0 && adds[0] < index) || renamesNameGivenEarlier(ctx.migration, op, index);
      if (addedHere || ctx.facts.change.renamesAddedColumn(ctx.migration, index)) continue;
      // into the name of a column this migration dropped before it (a primary key swapped for a uuid one): a swap,
      // which no expand keeps working for the old code (replaced-column.ts)
      const swap = replacedColumn(ctx, op, index);
      if (swap) {
        ctx.report({ op, message: replacedColumnMessage(op, swap), fix: replacedColumnFix(ctx, op, swap) });
        continue;
      }
      // moved aside for a new column of the same name, added later in this migration (awx's 0185: `setting` to
      // `setting_old`, then AddField `setting`): the running code finds the name, but on the new column's values
      const addedAt = adds.find((at) => at > index);
      const addedBack = addedAt === undefined ? undefined : ctx.migration.up[addedAt];
      // renamed again later in this migration (a to b, then b to c): the expand is for c, the name it ends with
      // (Django keeps the column with db_column, so its later RenameFields change Django's name only)
      const chain = ctx.framework === "django" ? [] : renamesCarryingNewName(ctx.migration, op, index);
      const final = renamedToFinalName(op, chain);
      // renames passing names along (1 to 0, 2 to 1): one after another, each its own release (Django keeps the columns)
      const passed = ctx.framework === "django" ? undefined : renamesChain(ctx.migration, op, index);
      const railsModel = ctx.framework === "rails" ? (ctx.repository.model(op.table)?.className ?? modelName(op.table)) : undefined;
      const note = [...carriedRenamesNote(op, chain, commentMarker(ctx.framework)), ...(passed ? renamesChainNote(passed, commentMarker(ctx.framework), railsModel) : [])];
      // a swap: any expand adds a column the other rename keeps, so the note is the whole fix
      // the values change with the name (a type change, an UPDATE of the column): a copying expand would corrupt them
      const conversion = addedBack ? undefined : renameConversion(ctx, op, final);
      const expanded = passed?.cycle || conversion || isMysqlFamily(ctx.migration.database) ? undefined : expandSteps(ctx, final, index);
      // the fill and the contract go at the head of the history: none when a later step drops the column or its table
      // (harbor's 0004 renames replication_job, whose table 0050 drops), only the expand in this migration
      const steps = expanded && withoutGoneFollowUp(expanded, columnAtHead(ctx, final.table, final.newName, index), ctx.framework, `fills ${final.newName} or drops ${final.column}`);
      // a later migration gives the old name to another column (e-petitions: action to background, then title to
      // action): the contract goes before it, or with nothing between the two the rename stays as written
      const taken = ctx.framework === "django" || addedBack || passed ? undefined : oldNameTakenLater(ctx, final, index);
      const expand = passed?.cycle
        ? undefined
        : taken?.nothingBetween
          ? renameAsWritten(ctx, op, taken)
          : taken && steps?.steps.length
            ? renderBefore(ctx, final, taken, steps)
            : taken
              ? [steps ? renderFix(ctx, steps) : expandFix(ctx, final, index), dropBeforeNote(ctx, final, taken)].join("\n")
              : steps
                ? renderFix(ctx, steps)
                : expandFix(ctx, final, index);
      // the project's own migrator may run the files in a transaction (own-runner.ts): then the fill by hand
      const underRunner = steps && !addedBack && !taken && mayRunUnderOwnRunner(ctx, op) ? (runner: string) => stepsUnderRunnerTransaction(steps, runner) : undefined;
      const renaming = `Renaming ${op.table}.${op.column} to ${final.newName}${chain.length ? ` (through ${op.newName})` : ""}`;
      const django = ctx.framework === "django" ? djangoFix(ctx, op, index) : undefined;
      // nothing between the rename and the migration that takes the old name: the rename as written (a conversion stays in it);
      // values converted by this migration: no expand that copies them unconverted (convertedRenameNote)
      const noteAndExpand = taken?.nothingBetween
        ? [expand!]
        : [...note, ...(conversion ? [convertedRenameNote(op, final, conversion, commentMarker(ctx.framework))] : expand ? [expand] : [])];
      ctx.report({
        op,
        ...(underRunner && !conversion
          ? {
              fixUnderRunnerTransaction: (runner: string) => {
                const fix = underRunner(runner);
                return fix && [...note, renderFix(ctx, fix)].join("\n");
              },
            }
          : {}),
        message: addedBack
          ? conversionInto(ctx, op, index)
            ? `Renaming ${op.table}.${op.column} to ${op.newName} swaps a new column in under the running code: ${op.column} is added anew later in this migration and the UPDATE on line ${conversionInto(ctx, op, index)!.loc.line} converts the old values into it, so until the deploy rolls out the old code reads and writes the new column as if it were the old one, whose type or values it may not accept.`
            : `Renaming ${op.table}.${op.column} to ${op.newName} moves its values away from the running code: ${op.column} is added anew later in this migration, so until the deploy rolls out the old code reads and writes the new column, not the values it had.`
          : `${renaming} breaks code that still uses ${op.column} while the deploy rolls out.${conversion ? ` The migration also converts the values (${conversionWords(conversion)}): code that keeps both names in step must convert them too.` : ""}`,
        fix: django ?? (addedBack ? swapNote(ctx, op, index, addedBack) : noteAndExpand.join("\n")),
        // code-first: the new code names the new column before the rename; Django's db_column keeps the column in any order
        ...(addedBack
          ? {}
          : {
              underCodeFirst: {
                message: codeFirstRenameMessage(renaming, `${op.table}.${op.column}`, `${op.table}.${final.newName}`),
                // with nothing between it and the migration that takes the old name, no release can run the rename alone
                fix:
                  django ??
                  (taken?.nothingBetween
                    ? [`${commentMarker(ctx.framework)} the new code is live before this migration runs (the deploy line names the step) and names ${final.newName}: run the migrations before that step, in one release`, ...noteAndExpand].join("\n")
                    : [...codeFirstRenameHeader(ctx.framework, op.column, final.newName, `the expand below keeps ${op.column} written and read beside ${final.newName}`), ...noteAndExpand].join("\n")),
              },
            }),
      });
    }
  },
});

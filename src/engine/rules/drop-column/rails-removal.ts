/**
 * The Rails fix for the columns one migration removes from a table (a bulk change_table of five t.remove, or
 * several remove_column): every one of them, not only the finding's. Step 1 ignores them all in the model; step 2
 * copies them in one backup table and removes each with its type, in the migration's own form: `change` (typed
 * remove_column is reversible, the copy runs up only) or `up` and `down` (the down adds them back and restores
 * their values from the copy).
 */
import type { OperationOf, TypeRef } from "../../model.js";
import { sym } from "../support/fix.js";
import { nameKey } from "../support/facts.js";
import { addColumnBack, assured, ignoredColumnsFix, primaryKeyFix, railsUpOnly, removeColumnTail, removedColumnOptions, removedColumnType } from "../support/rails-fix.js";
import { columnsBackup, restoreColumnsSql } from "../support/column-backup.js";
import { migrationDialect } from "../support/sql-dialect.js";
import type { RuleContext } from "../support/rule.js";

export interface RemovedColumn {
  column: string;
  /** from the call or the history; undefined when neither says it */
  type?: TypeRef;
  /** `, null: false, default: "x"`: what its definition says a re-added column needs (removedColumnOptions) */
  options?: string;
}

/**
 * The columns of `table` the migration's up removes, in order, each once, with the type and options the call, the
 * history or the migration's own down give them (removedColumnType: `t.column :start_date, :date` in the down too).
 */
export function removedColumns(ctx: RuleContext, table: string, counts: (op: OperationOf<"drop_column">, index: number) => boolean): RemovedColumn[] {
  const seen = new Set<string>();
  const out: RemovedColumn[] = [];
  ctx.migration.up.forEach((o, i) => {
    if (o.kind !== "drop_column" || nameKey(o.table) !== nameKey(table) || seen.has(nameKey(o.column)) || !counts(o, i)) return;
    seen.add(nameKey(o.column));
    out.push(removedColumn(ctx, o, i));
  });
  return out;
}

/** The column `op` (at `index` of the up) removes, with its type and the options a re-added column needs. */
export const removedColumn = (ctx: RuleContext, op: OperationOf<"drop_column">, index: number): RemovedColumn => ({
  column: op.column,
  type: removedColumnType(ctx.repository, ctx.migration, op, index),
  options: removedColumnOptions(ctx.repository.columnDefinition(op.table, op.column)),
});

/**
 * `onlyNulls`: why the columns hold no value any more (an earlier DELETE removed every row with one): no copy is
 * kept, and a rollback that adds them back NULL-able restores them as they were.
 */
export function railsRemovalFix(ctx: RuleContext, table: string, columns: readonly RemovedColumn[], index: number, onlyNulls?: string): string {
  const sql = migrationDialect(ctx.migration);
  const names = columns.map((c) => c.column);
  const many = names.length > 1;
  const key = names.find((c) => nameKey(c) === "id");
  const others = names.filter((c) => c !== key);
  const remove = (c: RemovedColumn) => {
    const { args, note } = removeColumnTail(table, c.column, c.type, c.options);
    return `${assured(ctx.repository, `remove_column ${sym(table)}, ${sym(c.column)}${args}`)}${note}`;
  };
  const addBack = (c: RemovedColumn) => addColumnBack(table, c.column, c.type, c.options);
  const step1 = [
    ...(key ? [`# 1. Stop using ${key} as the model's primary key (Active Record cannot ignore its primary key), and deploy:`, primaryKeyFix(ctx.repository, table, key)] : []),
    ...(others.length ? [`# ${key ? "and" : "1."} Tell Active Record to ignore the column${others.length > 1 ? "s" : ""}, and deploy:`, ignoredColumnsFix(ctx.repository, table, others, ctx.migration)] : []),
  ];
  if (onlyNulls)
    return [
      ...step1,
      `# 2. Then, in a later migration, remove ${many ? "the columns with their types" : "the column with its type"} (${onlyNulls}: nothing to copy, and a rollback adds ${many ? "them" : "it"} back as ${many ? "they were" : "it was"}):`,
      ...(ctx.migration.railsForm !== "up_down"
        ? [`def change`, ...columns.map((c) => `  ${remove(c)}`), `end`]
        : [`def up`, ...columns.map((c) => `  ${remove(c)}`), `end`, ``, `def down`, ...columns.map((c) => `  ${addBack(c)}`), `end`]),
    ].join("\n");
  // the copy only when the columns still hold values: the onlyNulls fix above keeps none
  const kept = columnsBackup(ctx, table, names, index);
  const note = kept.note ? [`  # ${kept.note}`] : [];
  // the down adds the columns back (NULL-able: rows written after the up have no value) and joins the values back by
  // the key (undefined without one: the whole table was copied)
  const update = restoreColumnsSql(ctx, table, names, kept);
  const b = sql.ident(kept.backup);
  if (ctx.migration.railsForm !== "up_down")
    return [
      ...step1,
      `# 2. Then, in a later migration, keep a copy and remove ${many ? "the columns with their types" : "the column with its type"} so it can be rolled back:`,
      `def change`,
      ...note,
      // a rollback inverts change last first: remove_column's inverse adds the column back, then this block's down sets
      // the values again from the copy and drops it (without a key to join on, the copy stays for a restore by hand)
      ...(update
        ? [
            `  reversible do |dir|`,
            `    dir.up { execute ${JSON.stringify(kept.sql)} }`,
            `    # on rollback this runs after the ${many ? "remove_column calls below are" : "remove_column below is"} undone (${many ? "the columns are" : "the column is"} back): the values come back from the copy`,
            `    dir.down { execute ${JSON.stringify(update)}; execute ${JSON.stringify(`DROP TABLE ${b}`)} }`,
            `  end`,
          ]
        : [`  ${railsUpOnly(ctx.migration, `execute ${JSON.stringify(kept.sql)}`)}`, `  # the copy is the whole of ${table} (no key to join it back by): on rollback restore the values from ${kept.backup} by hand`]),
      ...columns.map((c) => `  ${remove(c)}`),
      `end`,
    ].join("\n");
  const restore = update
    ? `execute ${JSON.stringify(update)}`
    : `# the copy is the whole of ${table} (no key to join it back by): restore the values from ${kept.backup} by hand`;
  return [
    ...step1,
    `# 2. Then, in a later migration, keep a copy and remove ${many ? "the columns" : "the column"}; the down puts ${many ? "them" : "it"} back with ${many ? "their" : "its"} values:`,
    `def up`,
    ...note,
    `  execute ${JSON.stringify(kept.sql)}`,
    ...columns.map((c) => `  ${remove(c)}`),
    `end`,
    ``,
    `def down`,
    ...columns.map((c) => `  ${addBack(c)}`),
    `  ${restore}`,
    `end`,
  ].join("\n");
}

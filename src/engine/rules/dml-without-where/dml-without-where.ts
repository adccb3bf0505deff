import { defineRule, type RuleContext } from "../support/rule.js";
import { fixFor, ident, modelName } from "../support/fix.js";
import type { Operation } from "../../model.js";
import { nameKey } from "../support/facts.js";
import { anyBetween, positionsBy } from "../support/positions.js";
import { existingTable, upOps } from "../support/scope.js";
import { ALL_DATABASES } from "../support/databases.js";

const addedColumn = (op: Operation) => (op.kind === "add_column" ? `${nameKey(op.table)}.${nameKey(op.column.name)}` : undefined);

/** The column was added earlier in this migration: a full-table UPDATE of it is a backfill, not an overwrite. */
function addedBefore(ctx: RuleContext, table: string, column: string, before: number): boolean {
  return anyBetween(positionsBy(ctx.migration.up, addedColumn).get(`${nameKey(table)}.${nameKey(column)}`), 0, before);
}

/** Some column was added to the table earlier in this migration. */
const columnsAddedBefore = (ctx: RuleContext, table: string, before: number): boolean =>
  ctx.migration.up.slice(0, before).some((o) => o.kind === "add_column" && nameKey(o.table) === nameKey(table));

export default defineRule({
  meta: {
    id: "dml-without-where",
    databases: ALL_DATABASES,
    category: "data-loss",
    severity: "error",
    title: "DELETE or UPDATE without WHERE touches every row",
    why:
      "A DELETE without WHERE empties the table; an UPDATE without WHERE overwrites a column in every row. Neither " +
      "can be undone by a down migration, and both lock every row they touch for the whole migration.",
  },
  check(ctx) {
    for (const { op, index } of upOps(ctx, "dml")) {
      if (op.hasWhere || !op.table || !existingTable(ctx, op.table, index)) continue;
      if (op.verb === "delete") {
        // the rows were copied elsewhere first (moved to a new table): they are kept, not lost
        if (ctx.facts.backedUpBefore(op.table, undefined, index)) continue;
        ctx.report({
          op,
          message: `DELETE without WHERE removes every row of ${op.table}; a rollback cannot restore them.`,
          fix: fixFor(ctx.framework, {
            sql: `DELETE FROM ${ident(op.table)} WHERE <condition>;  -- and keep a copy first if the rows may be needed`,
            rails: `${modelName(op.table)}.where(<condition>).in_batches(of: 1_000).delete_all`,
            django: `${op.ormModel ?? "Model"}.objects.filter(<condition>).delete()  # inside RunPython with a reverse_code`,
            alembic: op.ormModel
              ? `session.query(${op.ormModel}).filter(<condition>).delete(synchronize_session=False)  # keep a copy first if the rows may be needed`
              : `op.execute(sa.text("DELETE FROM ${op.table} WHERE <condition>"))  # keep a copy first if the rows may be needed`,
          }),
        });
      } else if (op.verb === "update") {
        const overwritten = op.columns.filter((c) => !addedBefore(ctx, op.table!, c, index) && !ctx.facts.backedUpBefore(op.table!, c, index));
        if (op.columns.length > 0 && overwritten.length === 0) continue; // backfill of new columns
        // code that computes which columns it sets (update(**{field: ...})) right after columns were added to the
        // table: a backfill of them is the likely reading, and nothing says an old value is overwritten
        if (op.columns.length === 0 && columnsAddedBefore(ctx, op.table, index)) continue;
        ctx.report({
          op,
          severity: "warning",
          message: `UPDATE without WHERE overwrites ${overwritten.length ? overwritten.join(", ") : "columns"} in every row of ${op.table}; the old values are gone after this migration.`,
          fix: fixFor(ctx.framework, {
            sql: `
              -- Keep the old values, then update in batches with a WHERE clause:
              CREATE TABLE ${ident(`${op.table.split(".").pop()}_backup`)} AS SELECT id, ${overwritten.map(ident).join(", ") || "*"} FROM ${ident(op.table)};
              UPDATE ${ident(op.table)} SET ... WHERE id BETWEEN :start AND :end;`,
            rails: `${modelName(op.table)}.where(<condition>).in_batches(of: 1_000) { |batch| batch.update_all(...) }`,
            django: `${op.ormModel ?? "Model"}.objects.filter(<condition>).update(...)  # in batches, inside RunPython with reverse_code`,
            alembic: op.ormModel
              ? `
              # keep the old values of ${overwritten.join(", ") || "the columns"} first, then update in batches, outside the schema revision:
              session.query(${op.ormModel}).filter(${op.ormModel}.id.between(start, end)).update({...}, synchronize_session=False)`
              : `
              op.execute("CREATE TABLE ${op.table}_backup AS SELECT id, ${overwritten.join(", ") || "*"} FROM ${op.table}")
              # then update in batches with a WHERE clause, outside the schema revision`,
          }),
        });
      }
    }
  },
});

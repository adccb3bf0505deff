import { formatRows } from "../../production/estimates.js";
import type { ProductionColumn, ProductionTable } from "../../production/production.js";
import { defineRule, type RuleContext } from "../support/rule.js";
import { fixFor, ident } from "../support/fix.js";
import { commentLines, mayBeWrittenBefore, statisticsSource } from "../support/production-facts.js";
import { existingTable, upOps } from "../support/scope.js";
import type { Operation } from "../../model.js";

/** ANALYZE that saw no repeated value stores exactly -(1 - null_frac); anything clearly below means it saw duplicates. */
const UNIQUE_RATIO = 0.9999;
const PLAIN_COLUMN = /^"?[A-Za-z_][A-Za-z0-9_$]*"?$/;

interface Estimate {
  /** at most this many distinct values (or combinations) */
  distinct: number;
  /** at least this many rows take part (NULLs never conflict) */
  rows: number;
}

/** Distinct values of one column from n_distinct (a count, or minus a share of the rows). */
const distinctOf = (column: ProductionColumn, rows: number) => {
  const n = column.statistics!.nDistinct;
  return n >= 0 ? n : -n * rows;
};

function estimate(table: ProductionTable, columns: ProductionColumn[]): Estimate | undefined {
  const rows = table.statistics?.rows;
  if (!rows || columns.some((c) => !c.statistics)) return undefined;
  const nulls = columns.reduce((sum, c) => sum + c.statistics!.nullFrac, 0);
  const distinct = columns.reduce((product, c) => product * distinctOf(c, rows), 1);
  return { distinct, rows: rows * Math.max(0, 1 - nulls) };
}

interface UniqueTarget {
  op: Operation;
  index: number;
  table: string;
  columns: string[];
  what: string;
  name?: string;
}

function targets(ctx: RuleContext): UniqueTarget[] {
  const out: UniqueTarget[] = [];
  for (const { op, index } of upOps(ctx, "add_index"))
    if (op.unique && !op.partial && !op.ifNotExists) out.push({ op, index, table: op.table, columns: op.columns, name: op.name, what: `UNIQUE index ${op.name ?? `on ${op.table}`}` });
  for (const { op, index } of upOps(ctx, "add_constraint"))
    if ((op.constraint === "unique" || op.constraint === "primary_key") && !op.usingIndex)
      out.push({ op, index, table: op.table, columns: op.columns, name: op.name, what: `${op.constraint === "unique" ? "UNIQUE" : "PRIMARY KEY"} constraint ${op.name ?? `on ${op.table}`}` });
  return out;
}

export default defineRule({
  meta: {
    id: "duplicates-in-production",
    category: "breaking-change",
    severity: "error",
    title: "UNIQUE index or constraint on values that repeat in production",
    why:
      "Building a unique index fails with \"could not create unique index\" as soon as two rows share a value, after " +
      "reading the whole table (and with CONCURRENTLY it leaves an invalid index behind). CI databases are empty, so it " +
      "passes there. With a production snapshot, migguard compares the column's distinct values (pg_stats n_distinct) with " +
      "its rows: fewer distinct values than rows means duplicates. Statistics come from a sample, so this says \"likely\".",
  },
  check(ctx) {
    if (!ctx.production) return;
    const { production } = ctx.production;
    for (const target of targets(ctx)) {
      if (target.columns.length === 0 || !target.columns.every((c) => PLAIN_COLUMN.test(c)) || !existingTable(ctx, target.table, target.index)) continue;
      // already there: the migration has run in production
      if (target.name && (production.index(target.name) || production.has("constraint", `${target.table}.${target.name}`))) continue;
      const table = production.table(target.table);
      const columns = target.columns.map((c) => production.column(target.table, c));
      if (!table || columns.some((c) => !c)) continue;
      const found = estimate(table, columns as ProductionColumn[]);
      if (!found || found.distinct >= found.rows * UNIQUE_RATIO || found.rows - found.distinct < 1) continue;
      if (target.columns.some((c) => mayBeWrittenBefore(ctx, target.table, c, target.index))) continue;
      const list = target.columns.join(", ");
      const several = target.columns.length > 1;
      const values = several
        ? `at most ${formatRows(found.distinct).replace(/rows?$/, "combinations")} of (${list}) (${columns.map((c) => `${c!.name}: ${Math.round(distinctOf(c!, table.statistics!.rows!)).toLocaleString("en-US")}`).join(", ")})`
        : `about ${formatRows(found.distinct).replace(/rows?$/, "distinct values")} of ${list}`;
      const query = `SELECT ${target.columns.map(ident).join(", ")}, count(*) FROM ${ident(target.table)} WHERE ${target.columns.map((c) => `${ident(c)} IS NOT NULL`).join(" AND ")} GROUP BY ${target.columns.map(ident).join(", ")} HAVING count(*) > 1 ORDER BY count(*) DESC LIMIT 100;`;
      const advice = commentLines(ctx, ["the duplicates, to resolve before this migration runs (merge or remove the extra rows in a data migration):"]);
      const quoted = JSON.stringify(query.replace(/;$/, ""));
      ctx.report({
        op: target.op,
        message: `${target.what} on ${target.table} (${list}) likely fails: production statistics estimate ${values} among ${several ? "" : "about "}${formatRows(found.rows)} ${several ? "with no NULL" : "that are not NULL"}.`,
        details: [statisticsSource(ctx, table)],
        fix: fixFor(ctx.framework, {
          sql: `${advice}\n${query}`,
          rails: () => `${advice}\npp ActiveRecord::Base.connection.select_rows(${quoted})`,
          django: () => `${advice}\nfrom django.db import connection\n\nwith connection.cursor() as cursor:\n    cursor.execute(${quoted})\n    print(cursor.fetchall())`,
          alembic: () => `${advice}\nprint(op.get_bind().exec_driver_sql(${quoted}).fetchall())`,
        }),
      });
    }
  },
});

import { formatRows } from "../../production/estimates.js";
import { defineRule } from "../support/rule.js";
import { derivedName, fixFor, ident } from "../support/fix.js";
import { mayBeWrittenBefore, statisticsSource } from "../support/production-facts.js";
import { existingTable, upOps } from "../support/scope.js";

export default defineRule({
  meta: {
    id: "nulls-in-production",
    fixReplacesOperation: true,
    category: "breaking-change",
    severity: "error",
    title: "SET NOT NULL on a column that holds NULLs in production",
    why:
      "SET NOT NULL checks every row and fails with \"column contains null values\" if one is NULL. The migration passes on " +
      "an empty CI database and fails on production, in the middle of the deploy. With a production snapshot, migguard " +
      "reads the column's share of NULLs from pg_stats (never the rows themselves) and says so before the merge.",
  },
  check(ctx) {
    if (!ctx.production) return;
    const { production } = ctx.production;
    for (const { op, index } of upOps(ctx, "set_not_null")) {
      if (op.fillsNulls || !existingTable(ctx, op.table, index)) continue;
      const table = production.table(op.table);
      const column = production.column(op.table, op.column);
      const share = column?.statistics?.nullFrac ?? 0;
      // already NOT NULL there (the migration has run), or no NULL in the sample ANALYZE read
      if (!table || !column || column.notNull || share <= 0) continue;
      if (mayBeWrittenBefore(ctx, op.table, op.column, index)) continue;
      const rows = table.statistics?.rows;
      const percent = `${Math.round(share * 1000) / 10}%`;
      const amount = rows ? `about ${formatRows(Math.max(1, share * rows))} of ${table.display} (${percent})` : `about ${percent} of the rows of ${table.display}`;
      const t = ident(op.table);
      const c = ident(op.column);
      const check = derivedName(op.table, [op.column], "not_null");
      const fill = column.default !== undefined ? `${c} = DEFAULT` : `${c} = ${c} /* the value NULL rows should get: migguard cannot know it */`;
      const update = `UPDATE ${t} SET ${fill} WHERE ${c} IS NULL`;
      ctx.report({
        op,
        message: `SET NOT NULL on ${op.table}.${op.column} will fail: ${amount} are NULL in production (pg_stats null_frac ${Number(share.toPrecision(3))}).`,
        details: [statisticsSource(ctx, table)],
        fix: fixFor(ctx.framework, {
          sql: `
            -- 1. in an earlier migration, give the NULL rows a value (in batches on a large table):
            ${update};
            -- 2. then make the column NOT NULL without a long lock:
            ALTER TABLE ${t} ADD CONSTRAINT ${ident(check)} CHECK (${c} IS NOT NULL) NOT VALID;
            ALTER TABLE ${t} VALIDATE CONSTRAINT ${ident(check)};
            ALTER TABLE ${t} ALTER COLUMN ${c} SET NOT NULL;
            ALTER TABLE ${t} DROP CONSTRAINT ${ident(check)};`,
          rails: () => `
            # an earlier migration gives the NULL rows a value (in batches on a large table):
            def up
              execute ${JSON.stringify(update)}
            end

            def down
              # the values stay: nothing to undo
            end`,
          django: () => `
            # an earlier migration gives the NULL rows a value (in batches on a large table):
            migrations.RunSQL(${JSON.stringify(update)}, reverse_sql=migrations.RunSQL.noop),`,
          alembic: () => `
            # an earlier revision gives the NULL rows a value (in batches on a large table):
            op.execute(${JSON.stringify(update)})`,
        }),
      });
    }
  },
});

import { beforeOperation } from "../support/data-code.js";
import { defineRule } from "../support/rule.js";
import { existingTable, upOps } from "../support/scope.js";
import { ALL_DATABASES } from "../support/databases.js";
import { migrationDialect } from "../support/sql-dialect.js";
import { backupName } from "../support/backup-name.js";

export default defineRule({
  meta: {
    id: "truncate-table",
    databases: ALL_DATABASES,
    category: "data-loss",
    severity: "error",
    title: "TRUNCATE deletes every row",
    why:
      "TRUNCATE removes all rows under an ACCESS EXCLUSIVE lock and cannot be undone by a down migration; with " +
      "CASCADE it also empties every table that references it.",
  },
  check(ctx) {
    for (const { op, index } of upOps(ctx, "truncate")) {
      const tables = op.tables.filter((t) => existingTable(ctx, t, index));
      if (tables.length === 0) continue;
      const sql = migrationDialect(ctx.migration);
      const backup = (t: string) => backupName(ctx.migration, t.split(".").pop()!);
      const copies = tables.map((t) => `${sql.copyTable(backup(t), t)};`);
      const restore = tables.map((t) => `INSERT INTO ${sql.ident(t)} SELECT * FROM ${sql.ident(backup(t))};`).join(" ");
      ctx.report({
        op,
        message: `TRUNCATE ${tables.join(", ")} deletes every row${op.cascade ? ", and CASCADE empties every table that references it" : ""}; no rollback can restore them.`,
        fix: beforeOperation(
          ctx.framework,
          [
            `-- keep a copy first, so the down can bring the rows back (${restore})${op.cascade ? ", and of every table that references it: CASCADE empties those too" : ""}:`,
            ...copies,
          ].join("\n"),
          op,
          "to delete only some rows, use DELETE ... WHERE instead",
        ),
      });
    }
  },
});

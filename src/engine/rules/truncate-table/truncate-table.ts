import { defineRule } from "../support/rule.js";
import { fixFor, ident } from "../support/fix.js";
import { existingTable, upOps } from "../support/scope.js";
import { ALL_DATABASES } from "../support/databases.js";

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
      ctx.report({
        op,
        message: `TRUNCATE ${tables.join(", ")} deletes every row${op.cascade ? ", and CASCADE empties every table that references it" : ""}; no rollback can restore them.`,
        fix: fixFor(ctx.framework, {
          sql: `
            -- Keep a copy first, and delete only what must go, in batches:
            CREATE TABLE ${ident(`${tables[0].split(".").pop()}_backup`)} AS TABLE ${ident(tables[0])};
            DELETE FROM ${ident(tables[0])} WHERE <condition> /* in batches of a few thousand rows */;`,
          rails: `# back up, then delete in batches outside the schema migration:\n${tables[0]}_scope.in_batches(of: 1_000).delete_all`,
          django: `migrations.RunPython(delete_in_batches, reverse_code=restore_from_backup)`,
          alembic: `op.execute("CREATE TABLE ${tables[0]}_backup AS TABLE ${tables[0]}")\n# then delete only what must go, in batches, outside the schema revision`,
        }),
      });
    }
  },
});

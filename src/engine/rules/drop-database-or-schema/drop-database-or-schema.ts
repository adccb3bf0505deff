import { defineRule } from "../support/rule.js";
import { fixFor } from "../support/fix.js";
import { upOps } from "../support/scope.js";
import { ALL_DATABASES } from "../support/databases.js";

export default defineRule({
  meta: {
    id: "drop-database-or-schema",
    databases: ALL_DATABASES,
    category: "data-loss",
    severity: "error",
    title: "Dropping a database or a schema with CASCADE",
    why: "DROP DATABASE and DROP SCHEMA ... CASCADE delete every table in them at once; no down migration brings the data back.",
  },
  check(ctx) {
    const created = new Set(upOps(ctx, "create_object").map(({ op }) => `${op.objectType}:${op.name.toLowerCase()}`));
    for (const { op } of upOps(ctx, "drop_object")) {
      const isDatabase = op.objectType === "database";
      const isSchema = op.objectType === "schema" && op.cascade;
      if (!isDatabase && !isSchema) continue;
      const names = op.names.filter((n) => !created.has(`${op.objectType}:${n.toLowerCase()}`));
      if (names.length === 0) continue;
      ctx.report({
        op,
        message: `DROP ${isDatabase ? "DATABASE" : "SCHEMA ... CASCADE"} ${names.join(", ")} deletes every table in it; no rollback can restore the data.`,
        fix: fixFor(ctx.framework, { sql: `-- rename it instead and drop it later, after a backup:\nALTER ${isDatabase ? "DATABASE" : "SCHEMA"} ${names[0]} RENAME TO ${names[0]}_deprecated;` }),
      });
    }
  },
});

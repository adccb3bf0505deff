import { defineRule } from "../support/rule.js";
import { fixFor } from "../support/fix.js";
import { upOps } from "../support/scope.js";

export default defineRule({
  meta: {
    id: "prefer-robust-statements",
    category: "transaction",
    severity: "info",
    recommended: false,
    title: "Statements outside a transaction should be re-runnable",
    why: "Without a transaction a failure halfway leaves some statements applied; IF NOT EXISTS / IF EXISTS lets the migration be re-run after the fix.",
    frameworks: ["sql"],
  },
  check(ctx) {
    for (const { op } of upOps(ctx, "add_index", "create_table", "drop_index", "drop_table", "add_column", "drop_column")) {
      if (op.inTransaction) continue;
      const robust = "ifNotExists" in op ? op.ifNotExists : "ifExists" in op ? op.ifExists : true;
      if (robust) continue;
      ctx.report({
        op,
        message: "This statement runs outside a transaction and fails if re-run after a partial failure.",
        fix: fixFor(ctx.framework, { sql: "-- add IF NOT EXISTS / IF EXISTS" }),
      });
    }
  },
});

import { defineRule } from "../support/rule.js";
import { fixFor } from "../support/fix.js";
import { upOps } from "../support/scope.js";

export default defineRule({
  meta: {
    id: "transaction-nesting",
    category: "transaction",
    severity: "warning",
    title: "BEGIN/COMMIT that fight the runner's transaction",
    why:
      "When the migration runner already wraps the migration in a transaction, a BEGIN inside it is ignored with a " +
      "warning and a COMMIT ends the runner's transaction early: the statements after it run unprotected and a failure " +
      "leaves the migration half applied. A BEGIN that is never committed leaves the work uncommitted.",
  },
  check(ctx) {
    const controls = upOps(ctx, "transaction_control");
    let open = 0;
    let lastBegin: (typeof controls)[number]["op"] | undefined;
    for (const { op } of controls) {
      if (op.action === "begin") {
        if (op.inTransaction) {
          ctx.report({
            op,
            message: "BEGIN inside the transaction the migration runner already opened: it is ignored, and the matching COMMIT ends the runner's transaction early.",
            fix: fixFor(ctx.framework, { sql: "-- remove BEGIN/COMMIT: the runner already runs this migration in a transaction" }),
          });
        }
        open++;
        lastBegin = op;
      } else if (op.action === "commit" || op.action === "rollback") {
        if (open === 0 && op.inTransaction) {
          ctx.report({
            op,
            message: `${op.action.toUpperCase()} ends the migration runner's transaction early; what follows runs outside it and a failure leaves the migration half applied.`,
            fix: fixFor(ctx.framework, {
              sql: "-- split the migration instead: one that runs in a transaction, and one that runs without (NO TRANSACTION / transaction:false)",
              alembic: () => "with op.get_context().autocommit_block():\n    op.create_index(..., postgresql_concurrently=True)",
              django: () => "class Migration(migrations.Migration):\n    atomic = False",
              rails: () => "disable_ddl_transaction!",
            }),
          });
        }
        open = Math.max(0, open - 1);
      }
    }
    if (open > 0 && lastBegin && ctx.migration.framework === "sql") {
      ctx.report({
        op: lastBegin,
        message: "This BEGIN is never committed: the statements after it are left in an open transaction.",
        fix: fixFor(ctx.framework, { sql: "COMMIT;  -- at the end of the migration" }),
      });
    }
  },
});

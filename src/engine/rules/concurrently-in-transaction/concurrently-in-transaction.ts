import { defineRule } from "../support/rule.js";
import { fixFor } from "../support/fix.js";
import { upOps } from "../support/scope.js";
import { railsConcurrentlyFix } from "../support/rails-fix.js";
import { howToLeaveTheTransaction } from "../support/leave-transaction.js";


export default defineRule({
  meta: {
    id: "concurrently-in-transaction",
    category: "transaction",
    severity: "error",
    title: "CONCURRENTLY cannot run inside a transaction",
    why:
      "PostgreSQL refuses CREATE/DROP INDEX CONCURRENTLY and REINDEX CONCURRENTLY inside a transaction block: the " +
      "migration fails at deploy time (\"cannot run inside a transaction block\"), half-applied if the runner does not roll back.",
  },
  check(ctx) {
    const ops = upOps(ctx, "add_index", "drop_index", "maintenance").filter(({ op }) => op.concurrently && op.inTransaction);
    for (const { op } of ops) {
      if (op.kind === "maintenance" && op.command !== "reindex") continue;
      ctx.report({
        op,
        message: `${op.kind === "add_index" ? "CREATE INDEX" : op.kind === "drop_index" ? "DROP INDEX" : "REINDEX"} CONCURRENTLY runs inside a transaction here, which PostgreSQL refuses: the migration will fail.`,
        fix: fixFor(ctx.framework, {
          sql: howToLeaveTheTransaction(ctx.migration) ?? "-- run it outside a transaction",
          rails: () => railsConcurrentlyFix(op, ctx.migration),
          django: () => `class Migration(migrations.Migration):\n    atomic = False\n    operations = [AddIndexConcurrently(...)]`,
          alembic: () => `with op.get_context().autocommit_block():\n    op.create_index(..., postgresql_concurrently=True)`,
        }),
      });
    }
    // the COMMIT hack (Rails `execute "COMMIT"`): CONCURRENTLY runs only because a COMMIT ended the runner's
    // transaction behind its back (SQL files are left to transaction-nesting, which reports the COMMIT itself)
    if (!ctx.migration.transactional || ctx.framework === "sql") return;
    const commits = upOps(ctx, "transaction_control").filter(({ op }) => op.action === "commit");
    for (const { op, index } of upOps(ctx, "add_index", "drop_index", "maintenance")) {
      if (!op.concurrently || op.inTransaction) continue;
      const commit = commits.find((c) => c.index < index);
      if (!commit) continue;
      ctx.report({
        op,
        severity: "warning",
        message: `${op.kind === "add_index" ? "CREATE INDEX" : op.kind === "drop_index" ? "DROP INDEX" : "REINDEX"} CONCURRENTLY runs only because the COMMIT on line ${commit.op.loc.line} ended the migration's transaction behind the runner's back: what ran before it is committed even if this fails, and the runner's own bookkeeping runs outside a transaction.`,
        fix: fixFor(ctx.framework, {
          sql: "-- run it in a migration of its own, outside a transaction",
          rails: () => railsConcurrentlyFix(op, ctx.migration),
          django: () => `class Migration(migrations.Migration):\n    atomic = False\n    operations = [AddIndexConcurrently(...)]`,
          alembic: () => `with op.get_context().autocommit_block():\n    op.create_index(..., postgresql_concurrently=True)`,
        }),
      });
    }
  },
});

import { nameKey } from "../support/facts.js";
import { defineRule } from "../support/rule.js";
import { concurrentIndexFix, rerunnableSql } from "../support/sql-text.js";
import { upOps } from "../support/scope.js";

export default defineRule({
  meta: {
    id: "prefer-robust-statements",
    category: "transaction",
    severity: "info",
    recommended: false,
    title: "Statements outside a transaction should be re-runnable",
    why:
      "Without a transaction a failure halfway leaves some statements applied; IF NOT EXISTS / IF EXISTS lets the migration be re-run after the fix. " +
      "Not for CREATE INDEX CONCURRENTLY: a failed concurrent build leaves an INVALID index that IF NOT EXISTS silently keeps, so drop it first (DROP INDEX CONCURRENTLY IF EXISTS).",
    frameworks: ["sql"],
  },
  check(ctx) {
    const dropped = new Set<string>();
    for (const { op } of upOps(ctx, "add_index", "create_table", "drop_index", "drop_table", "add_column", "drop_column")) {
      if (op.kind === "drop_index" && op.ifExists) for (const name of op.names) dropped.add(nameKey(name));
      if (op.inTransaction) continue;
      if (op.kind === "add_index" && op.concurrently) {
        // re-runnable only when an INVALID index from a failed run is dropped first
        if (op.name && dropped.has(nameKey(op.name))) continue;
        ctx.report({
          op,
          message: op.ifNotExists
            ? "IF NOT EXISTS keeps the INVALID index a failed concurrent build leaves behind: the re-run succeeds and the index is never usable."
            : "This statement runs outside a transaction and fails if re-run after a partial failure.",
          fix: `-- drop what a failed build left, then build again:\n${concurrentIndexFix(op.text) ?? op.text}`,
        });
        continue;
      }
      const robust = "ifNotExists" in op ? op.ifNotExists : "ifExists" in op ? op.ifExists : true;
      if (robust) continue;
      const rewritten = rerunnableSql(op.text);
      ctx.report({
        op,
        message: "This statement runs outside a transaction and fails if re-run after a partial failure.",
        fix: rewritten ? `${rewritten};` : "-- add IF NOT EXISTS / IF EXISTS to this statement",
      });
    }
  },
});

import { defineRule } from "../support/rule.js";
import { fixFor } from "../support/fix.js";
import { keptTable, upOps } from "../support/scope.js";

export default defineRule({
  meta: {
    id: "drop-not-null",
    category: "breaking-change",
    severity: "info",
    recommended: false,
    title: "Dropping NOT NULL",
    why: "Code and reports that assume the column is always set start seeing NULLs; making it NOT NULL again later needs a full scan.",
  },
  check(ctx) {
    for (const { op, index } of upOps(ctx, "drop_not_null")) {
      if (!keptTable(ctx, op.table, index)) continue;
      ctx.report({
        op,
        message: `${op.table}.${op.column} may now be NULL; check that readers handle it.`,
        fix: fixFor(ctx.framework, { sql: "-- make sure every reader of the column handles NULL before deploying" }),
      });
    }
  },
});

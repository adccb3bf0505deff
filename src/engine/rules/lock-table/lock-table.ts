import { defineRule } from "../support/rule.js";
import { fixFor } from "../support/fix.js";
import { existingTable, upOps } from "../support/scope.js";
import { lockTimeoutInForce } from "./lock-timeout-guard.js";
import { WRITE_BLOCKING_MODES } from "../support/lock-modes.js";

export default defineRule({
  meta: {
    id: "lock-table",
    category: "blocking-lock",
    hazard: "concurrency",
    severity: "warning",
    title: "Explicit LOCK TABLE",
    why: "LOCK TABLE holds its lock until the transaction ends; in ACCESS EXCLUSIVE or EXCLUSIVE mode every read or write of the table waits for the rest of the migration.",
  },
  check(ctx) {
    for (const { op, index } of upOps(ctx, "lock_table")) {
      if (!op.tables.some((t) => existingTable(ctx, t, index))) continue;
      if (!WRITE_BLOCKING_MODES.has(op.mode)) continue;
      // the hazard is the lock alone: when an earlier statement of the same transaction already holds ACCESS EXCLUSIVE
      // on every existing table named, LOCK TABLE waits for nothing and blocks no one who was not blocked already
      if (op.tables.filter((t) => existingTable(ctx, t, index)).every((t) => ctx.facts.holdsAccessExclusiveBefore(t, index))) continue;
      // a lock_timeout in force (skyvern's `SET LOCAL lock_timeout` right before the LOCK, in a retry loop): the LOCK
      // gives up instead of queueing every session behind it, which is what this rule asks for
      if (lockTimeoutInForce(ctx.migration.up, index)) continue;
      ctx.report({
        op,
        message: `LOCK TABLE ${op.tables.join(", ")} IN ${op.mode} MODE blocks other sessions until the migration commits.`,
        fix: fixFor(ctx.framework, { sql: "SET lock_timeout = '5s';\n-- keep the locked part of the migration as short as possible, or drop the explicit lock" }),
      });
    }
  },
});

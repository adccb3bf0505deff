import type { Operation } from "../../model.js";
import { MYSQL_FAMILY } from "../support/databases.js";
import { fixFor } from "../support/fix.js";
import { defineRule } from "../support/rule.js";
import { existingTable } from "../support/scope.js";

/** Statements that need the table's metadata lock exclusively (every ALTER, RENAME, DROP, TRUNCATE, index change). */
function alteredTable(op: Operation): string | undefined {
  switch (op.kind) {
    case "add_column":
    case "drop_column":
    case "rename_column":
    case "alter_column_type":
    case "redefine_column":
    case "set_not_null":
    case "drop_not_null":
    case "set_default":
    case "drop_default":
    case "add_constraint":
    case "drop_constraint":
    case "rename_table":
    case "add_index":
      return op.table;
    case "drop_index":
      return op.table;
    case "drop_table":
    case "truncate":
      return op.tables[0];
    case "raw":
      return op.statement.startsWith("ALTER TABLE") ? op.table : undefined;
    default:
      return undefined;
  }
}

const isLockWaitTimeout = (op: Operation) => op.kind === "set_setting" && op.name.replace(/^@@(session\.)?/, "") === "lock_wait_timeout";

export default defineRule({
  meta: {
    id: "mysql-lock-wait-timeout",
    category: "blocking-lock",
    hazard: "concurrency",
    severity: "warning",
    databases: MYSQL_FAMILY,
    title: "No lock_wait_timeout before an ALTER on MySQL",
    why:
      "Every ALTER TABLE, even an INSTANT one, needs the table's metadata lock for a moment, and waits for it behind " +
      "any open transaction that touched the table. While it waits, every later query on the table queues behind it: " +
      "one long-running transaction turns a millisecond change into an outage. MySQL's default lock_wait_timeout is a " +
      "year; `SET SESSION lock_wait_timeout = 5` makes the migration give up (and be retried) instead.",
  },
  check(ctx) {
    if (ctx.framework !== "sql") return; // Rails/Django set it for the connection (database.yml `variables:`, OPTIONS init_command)
    const index = ctx.migration.up.findIndex((op, i) => {
      const table = alteredTable(op);
      return table !== undefined && existingTable(ctx, table, i);
    });
    if (index === -1 || ctx.migration.up.slice(0, index).some(isLockWaitTimeout)) return;
    const op = ctx.migration.up[index];
    ctx.report({
      op,
      message: `No lock_wait_timeout is set before this statement takes ${alteredTable(op)}'s metadata lock: if it waits behind an open transaction, every query on the table queues behind it.`,
      fix: fixFor(ctx.framework, { sql: `SET SESSION lock_wait_timeout = 5;  -- seconds; first statement of the migration` }),
    });
  },
});

import { defineRule } from "../support/rule.js";
import { fixFor, ident, sym } from "../support/fix.js";
import { existingTable, upOps } from "../support/scope.js";

/** strong_migrations' add_column_json check. */
export default defineRule({
  meta: {
    id: "json-column",
    fixReplacesOperation: true,
    category: "breaking-change",
    severity: "warning",
    title: "json column added to a table that is already queried",
    why:
      "PostgreSQL's json type has no equality operator. Once a table has a json column, existing queries that compare " +
      "whole rows (SELECT DISTINCT over the table's columns, UNION, GROUP BY *) fail with \"could not identify an " +
      "equality operator for type json\". jsonb has one, and is faster to query.",
  },
  check(ctx) {
    for (const { op, index } of upOps(ctx, "add_column")) {
      if (op.column.type?.name !== "json" || !existingTable(ctx, op.table, index)) continue;
      ctx.report({
        op,
        message: `Adding json column ${op.table}.${op.column.name} breaks existing SELECT DISTINCT / UNION queries over ${op.table}: json has no equality operator. Use jsonb.`,
        fix: fixFor(ctx.framework, {
          sql: `ALTER TABLE ${ident(op.table)} ADD COLUMN ${ident(op.column.name)} jsonb${op.column.type?.array ? "[]" : ""};`,
          rails: `add_column ${sym(op.table)}, ${sym(op.column.name)}, :jsonb`,
          django: `models.JSONField(...)  # Django stores it as jsonb`,
          alembic: `op.add_column("${op.table}", sa.Column("${op.column.name}", postgresql.JSONB()))`,
        }),
      });
    }
  },
});

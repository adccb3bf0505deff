import { defineRule } from "../support/rule.js";
import { fixFor, ident } from "../support/fix.js";
import { newColumns } from "../support/new-columns.js";

export default defineRule({
  meta: {
    id: "prefer-timestamptz",
    category: "breaking-change",
    severity: "info",
    recommended: false,
    title: "timestamp without time zone",
    why: "timestamp without time zone stores wall-clock time with no zone: values shift silently when a server or session time zone differs, and converting later rewrites the table.",
  },
  check(ctx) {
    for (const { op, table, column } of newColumns(ctx)) {
      if (column.type?.name !== "timestamp") continue;
      ctx.report({
        op,
        message: `${table}.${column.name} is timestamp without time zone.`,
        fix: fixFor(ctx.framework, { sql: `${ident(column.name)} timestamptz`, rails: "config.active_record.default_timezone / t.timestamptz", django: "USE_TZ = True (DateTimeField maps to timestamptz)" }),
      });
    }
  },
});

import { defineRule } from "../support/rule.js";
import { columnDefinitionFix } from "../support/column-definition-fix.js";
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
        fix: columnDefinitionFix({
          framework: ctx.framework,
          op,
          table,
          column,
          sql: `timestamptz${column.type?.mods[0] !== undefined ? `(${column.type.mods[0]})` : ""}`,
          rails: ":timestamptz",
          python: ctx.framework === "django" ? `# settings.py: with time zone support, DateTimeField columns are timestamptz\nUSE_TZ = True` : undefined,
        }),
      });
    }
  },
});

import { defineRule } from "../support/rule.js";
import { columnDefinitionFix } from "../support/column-definition-fix.js";
import { ident } from "../support/fix.js";
import { newColumns } from "../support/new-columns.js";
import { addCheck } from "../support/rails-constraint-code.js";

export default defineRule({
  meta: {
    id: "prefer-text-over-varchar",
    category: "blocking-lock",
    severity: "info",
    recommended: false,
    title: "varchar(n) and char(n) limits",
    why: "A length limit in the type is hard to change safely later (lowering it rewrites the table, and char(n) pads values). text with a CHECK (length(...) <= n) constraint can be changed with NOT VALID.",
  },
  check(ctx) {
    for (const { op, table, column } of newColumns(ctx)) {
      const type = column.type;
      if (!type || !((type.name === "varchar" && type.mods.length > 0) || type.name === "char")) continue;
      ctx.report({
        op,
        message: `${table}.${column.name} is ${type.text}; prefer text with a CHECK constraint.`,
        fix: columnDefinitionFix({
          framework: ctx.framework,
          op,
          table,
          column,
          sql: type.mods[0] !== undefined ? `text CHECK (length(${ident(column.name)}) <= ${type.mods[0]})` : "text",
          ruby: [
            op.kind === "create_table" ? `t.text :${column.name}  # in the create_table block` : `add_column :${table}, :${column.name}, :text`,
            ...(type.mods[0] !== undefined ? [addCheck(ctx.migration, table, `length(${column.name}) <= ${type.mods[0]}`, `${table.split(".").pop()}_${column.name}_length`, false)] : []),
          ].join("\n"),
        }),
      });
    }
  },
});

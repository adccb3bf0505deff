import { defineRule } from "../support/rule.js";
import { fixFor, ident } from "../support/fix.js";
import { newColumns } from "../support/new-columns.js";

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
        fix: fixFor(ctx.framework, { sql: `${ident(column.name)} text CHECK (length(${ident(column.name)}) <= ${type.mods[0] ?? "n"})` }),
      });
    }
  },
});

import { defineRule } from "../support/rule.js";
import { fixFor, ident } from "../support/fix.js";
import { tableWithRows, upOps } from "../support/scope.js";
import { isNarrowing } from "../../types.js";
import { ALL_DATABASES } from "../support/databases.js";

export default defineRule({
  meta: {
    id: "narrowing-type-change",
    databases: ALL_DATABASES,
    category: "data-loss",
    severity: "warning",
    title: "Column type change can lose values",
    why:
      "Changing a column to a smaller type (bigint -> integer, varchar(200) -> varchar(100), timestamp -> date) " +
      "fails on rows that do not fit or silently drops precision; the down cannot bring the lost part back.",
  },
  check(ctx) {
    for (const { op, index } of upOps(ctx, "alter_column_type")) {
      if (!tableWithRows(ctx, op.table, index) || !isNarrowing(op.fromType, op.type)) continue;
      ctx.report({
        op,
        message: `Changing ${op.table}.${op.column} from ${op.fromType!.text} to ${op.type.text} narrows the type: values that do not fit fail the migration or lose precision.`,
        fix: fixFor(ctx.framework, {
          sql: `
            -- Check first that every value fits, and keep the old values:
            SELECT count(*) FROM ${ident(op.table)} WHERE <value does not fit ${op.type.text}>;
            -- prefer adding a new column of the new type, backfilling it, and switching the code over.`,
          rails: `
            # check first that every value of ${op.column} fits ${op.type.text}, and keep a copy of the old values:
            execute "CREATE TABLE ${op.table.split(".").pop()}_${op.column}_backup AS SELECT id, ${op.column} FROM ${op.table}"
            # safer: add a column of the new type, backfill it in batches, switch the code, then drop ${op.column}`,
          django: `
            # check first that every value fits ${op.type.text}; safer: add a new field of the new type,
            # backfill it in batches (RunPython with reverse_code), switch the code, then remove the old field`,
          alembic: `
            # check first: SELECT count(*) FROM ${op.table} WHERE <${op.column} does not fit ${op.type.text}>
            op.add_column("${op.table}", sa.Column("${op.column}_new", <new type>, nullable=True))
            # backfill in batches, switch the code, then drop "${op.column}" in a later revision`,
        }),
      });
    }
  },
});

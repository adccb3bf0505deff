import { isNarrowing } from "../../types.js";
import { beforeOperation } from "../support/data-code.js";
import { ident } from "../support/fix.js";
import { defineRule } from "../support/rule.js";
import { tableWithRows, upOps } from "../support/scope.js";
import { ALL_DATABASES } from "../support/databases.js";
import { doesNotFit } from "../support/sql-text.js";

export default defineRule({
  meta: {
    id: "narrowing-type-change",
    category: "data-loss",
    severity: "warning",
    databases: ALL_DATABASES,
    title: "Column type change can lose values",
    why:
      "Changing a column to a smaller type (bigint -> integer, varchar(200) -> varchar(100), timestamp -> date) " +
      "fails on rows that do not fit or silently drops precision; the down cannot bring the lost part back.",
  },
  check(ctx) {
    for (const { op, index } of upOps(ctx, "alter_column_type")) {
      const from = op.fromType ?? ctx.repository.columnType(op.table, op.column, index);
      if (!tableWithRows(ctx, op.table, index) || !isNarrowing(from, op.type)) continue;
      const where = `${op.table}.${op.column}`;
      const misfit = doesNotFit(op.column, from, op.type, ctx.postgresVersion);
      const check = misfit
        ? `DO $$ BEGIN IF EXISTS (SELECT FROM ${ident(op.table)} WHERE ${misfit}) THEN RAISE EXCEPTION 'some values of ${where} do not fit ${op.type.text.replace(/'/g, "''")}'; END IF; END $$;`
        : `-- check that every value of ${where} fits ${op.type.text} before this runs`;
      const keyed = ctx.framework === "rails" || ctx.framework === "django" || ctx.repository.columnType(op.table, "id", index) !== undefined;
      const backup = ident(`${op.table.split(".").pop()}_${op.column}_backup`);
      ctx.report({
        op,
        message: `Changing ${where} from ${from!.text} to ${op.type.text} narrows the type: values that do not fit fail the migration or lose precision.`,
        fix: beforeOperation(
          ctx.framework,
          [
            `-- stop if a value does not fit ${op.type.text}, and keep a copy of the old values (a column of the new type beside the old one is safer still):`,
            check,
            keyed ? `CREATE TABLE ${backup} AS SELECT id, ${ident(op.column)} FROM ${ident(op.table)};` : `CREATE TABLE ${backup} AS TABLE ${ident(op.table)};`,
          ].join("\n"),
          op,
        ),
      });
    }
  },
});

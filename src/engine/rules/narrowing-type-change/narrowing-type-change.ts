import { isNarrowing } from "../../types.js";
import { beforeOperation } from "../support/data-code.js";
import type { OperationOf, TypeRef } from "../../model.js";
import { defineRule, type RuleContext } from "../support/rule.js";
import { tableWithRows, upOps } from "../support/scope.js";
import { ALL_DATABASES, isMysqlFamily } from "../support/databases.js";
import { sqlDialect } from "../support/sql-dialect.js";
import { doesNotFit } from "../support/sql-text.js";
import { columnBackup } from "../support/column-backup.js";

/**
 * The type changes of the up: ALTER COLUMN ... TYPE, and on MySQL / MariaDB a MODIFY or CHANGE, which restates the
 * whole column (its earlier type then comes from the repository: earlier migrations, the schema dump).
 */
interface TypeChange {
  op: OperationOf<"alter_column_type"> | OperationOf<"redefine_column">;
  index: number;
  column: string;
  type: TypeRef;
  from?: TypeRef;
}

function columnTypeChanges(ctx: RuleContext): TypeChange[] {
  const mysql = isMysqlFamily(ctx.migration.database);
  const changes: TypeChange[] = [];
  for (const { op, index } of upOps(ctx, "alter_column_type", "redefine_column")) {
    if (op.kind === "alter_column_type") changes.push({ op, index, column: op.column, type: op.type, from: op.fromType });
    else if (mysql && op.column.type) changes.push({ op, index, column: op.column.name, type: op.column.type });
  }
  return changes;
}

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
    for (const change of columnTypeChanges(ctx)) {
      const { op, index } = change;
      const from = change.from ?? ctx.repository.columnType(op.table, change.column, index);
      if (!tableWithRows(ctx, op.table, index) || ctx.facts.isDroppedAfter(op.table, index) || !isNarrowing(from, change.type)) continue;
      const where = `${op.table}.${change.column}`;
      const sql = sqlDialect(ctx.migration.database);
      const ident = sql.ident;
      const misfit = sql.mysql ? undefined : doesNotFit(change.column, from, change.type, ctx.postgresVersion);
      // MySQL has no anonymous block to raise from; in strict mode the ALTER itself fails on a value that does not fit
      const check = sql.mysql
        ? `-- in strict mode MySQL refuses a value that does not fit instead of cutting it, and the ALTER changes nothing:\nSET SESSION sql_mode = CONCAT_WS(',', @@SESSION.sql_mode, 'STRICT_ALL_TABLES');`
        : misfit
        ? `DO $$ BEGIN IF EXISTS (SELECT FROM ${ident(op.table)} WHERE ${misfit}) THEN RAISE EXCEPTION 'some values of ${where} do not fit ${change.type.text.replace(/'/g, "''")}'; END IF; END $$;`
        : `-- check that every value of ${where} fits ${change.type.text} before this runs`;
      // the key and the column, the whole table when the column is the key (never `SELECT id, id`: PostgreSQL 15
      // refuses a column named twice in CREATE TABLE AS)
      const kept = columnBackup(ctx, op.table, change.column, index);
      ctx.report({
        op,
        message: `Changing ${where} from ${from!.text} to ${change.type.text} narrows the type: values that do not fit fail the migration or lose precision.`,
        fix: beforeOperation(
          ctx.framework,
          [
            `-- stop if a value does not fit ${change.type.text}, and keep a copy of the old values (a column of the new type beside the old one is safer still):`,
            check,
            ...(kept.note ? [`-- ${kept.note}`] : []),
            `${kept.sql};`,
          ].join("\n"),
          op,
          "",
          ctx.migration.database,
        ),
      });
    }
  },
});

import { isNarrowing } from "../../types.js";
import { beforeOperation, dataCode } from "../support/data-code.js";
import type { Operation, OperationOf, TypeRef } from "../../model.js";
import { pythonString } from "../support/embed-sql.js";
import { youngTable } from "../../production/young-tables.js";
import { defineRule, type RuleContext } from "../support/rule.js";
import { tableWithRows, upOps } from "../support/scope.js";
import { ALL_DATABASES, isMysqlFamily } from "../support/databases.js";
import { migrationDialect } from "../support/sql-dialect.js";
import { doesNotFit } from "../support/sql-text.js";
import { columnBackup, restoreColumnSql } from "../support/column-backup.js";
import { djangoFieldType } from "../support/django-field-type.js";
import { castsTextToArray, djangoArrayCastFix } from "../support/text-to-array.js";
import { copyRestoredOnRollback } from "../support/planned-removal.js";
import { sameTable } from "../support/facts.js";

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

/**
 * PostgreSQL's ALTER COLUMN TYPE casts by assignment: a string longer than varchar(n) / char(n) and an integer out
 * of the smaller type's range raise an error (the whole ALTER rolls back), they are never cut. Rounding a numeric
 * or a float, or a timestamp to a date, loses the part silently.
 */
function refusesMisfits(from: TypeRef, to: TypeRef): boolean {
  const integers = new Set(["smallint", "integer", "bigint"]);
  return to.name === "varchar" || to.name === "char" || (integers.has(from.name) && integers.has(to.name));
}

/**
 * Django: each SQL step a RunSQL with its reverse, then the operation as written. Nothing to undo for a check. The
 * copy's reverse runs after the operation's (Django undoes them last first): the column has its old type back, so it
 * sets the old values again from the copy (`restore`, joined on the key) before dropping it; without a key to join
 * on, or when the change is SQL whose reverse migguard does not know, the copy stays (copyRestoredOnRollback).
 */
function djangoSteps(steps: readonly string[], op: Operation, backup: string | undefined, restore: string | undefined): string {
  const out: string[] = [];
  // each line is a comment or one whole statement (the DO block is written on one line)
  for (const step of steps.flatMap((s) => s.split("\n"))) {
    if (step.startsWith("--")) out.push(step.replace(/^--\s?/, "# "));
    else {
      const statement = step.replace(/;\s*$/, "");
      const copy = backup !== undefined && /^CREATE TABLE /i.test(statement);
      const reverse = copy && copyRestoredOnRollback(op, restore) ? pythonString(`${restore}; DROP TABLE ${backup}`) : "migrations.RunSQL.noop";
      if (copy && reverse === "migrations.RunSQL.noop") out.push(`# on rollback the copy stays (${restore ? "the change is SQL, so what its reverse brings back is not known" : "no key joins its values back to the rows"}): set the old values again from ${backup} by hand, then drop it`);
      out.push(`migrations.RunSQL(${pythonString(statement)}, reverse_sql=${reverse}),`);
    }
  }
  const original = dataCode("django", op);
  return [...out, original.trimEnd().endsWith(",") ? original : `${original},`].join("\n");
}

/**
 * The write of this migration, before the type change, that gave every row of the column a new value: an UPDATE
 * without WHERE setting it (`SET length = length / 100`, a queryset's update() on all rows), or one run for each row of
 * a loop over the whole table (`everyRowInLoop`: Alembic's `for row in conn.execute(t.select())`). The author converted
 * the values to fit the new type on purpose (berth-reservations' cm -> m before numeric(10,2) -> numeric(5,2), Mailu's
 * int() before numeric -> integer). A write with a WHERE, or of other columns, converts only some rows, or none of
 * these values.
 */
function convertedBefore(ctx: RuleContext, table: string, column: string, index: number): Operation | undefined {
  return ctx.migration.up
    .slice(0, index)
    .reverse()
    .find((op) => op.kind === "dml" && op.verb === "update" && op.table !== undefined && sameTable(op.table, table) && op.columns.includes(column) && (!op.hasWhere || op.everyRowInLoop === true));
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
      "fails on rows that do not fit or silently drops precision; the down cannot bring the lost part back. A text column " +
      "made an array of text by Django (CharField -> ArrayField) is an error: Django casts with `USING col::type[]`, which " +
      "reads each value as an array literal, so the first non-NULL value not written `{...}` stops the migration.",
  },
  check(ctx) {
    for (const change of columnTypeChanges(ctx)) {
      const { op, index } = change;
      if (ctx.framework === "django" && op.ormFieldDef) {
        const type = djangoFieldType(ctx, op.ormFieldDef, change.type);
        if (!type) continue; // a field class migguard cannot resolve: its column type is unknown, not narrower
        change.type = type;
      }
      const from = change.from ?? ctx.repository.columnType(op.table, change.column, index);
      if (!tableWithRows(ctx, op.table, index) || ctx.facts.isDroppedAfter(op.table, index)) continue;
      const where = `${op.table}.${change.column}`;
      const sql = migrationDialect(ctx.migration);
      // Django casts with `c::t[]`: a failure on the rows' values, whatever the table's age (an importer may have filled it)
      if (ctx.framework === "django" && op.kind === "alter_column_type" && !sql.mysql && castsTextToArray(from, change.type)) {
        ctx.report({
          op,
          severity: "error",
          message:
            `Changing ${where} from ${from.text} to ${change.type.text} casts each value with \`${change.column}::${change.type.text}\` (Django's USING): PostgreSQL reads a text value as an array literal, ` +
            `so the first non-NULL value not written as \`{...}\` (an address, "a, b") stops the migration with "malformed array literal". Only NULLs pass.`,
          fix: djangoArrayCastFix(op.table, change.column, change.type, from, dataCode("django", op), sql.ident),
        });
        continue;
      }
      if (!isNarrowing(from, change.type)) continue;
      const ident = sql.ident;
      const misfit = sql.mysql ? undefined : doesNotFit(change.column, from, change.type, ctx.postgresVersion);
      const refuses = !sql.mysql && refusesMisfits(from!, change.type);
      // MySQL has no anonymous block to raise from; in strict mode the ALTER itself fails on a value that does not fit
      const check = sql.mysql
        ? `-- in strict mode MySQL refuses a value that does not fit instead of cutting it, and the ALTER changes nothing:\nSET SESSION sql_mode = CONCAT_WS(',', @@SESSION.sql_mode, 'STRICT_ALL_TABLES');`
        : misfit
        ? `DO $$ BEGIN IF EXISTS (SELECT FROM ${ident(op.table)} WHERE ${misfit}) THEN RAISE EXCEPTION 'some values of ${where} do not fit ${change.type.text.replace(/'/g, "''")}'; END IF; END $$;`
        : `-- check that every value of ${where} fits ${change.type.text} before this runs`;
      // PostgreSQL refusing every misfit and the check proving there is none: nothing can be lost, no copy to keep.
      // Otherwise the key and the column, the whole table when the column is the key (never `SELECT id, id`:
      // PostgreSQL 15 refuses a column named twice in CREATE TABLE AS)
      const kept = refuses && misfit ? undefined : columnBackup(ctx, op.table, change.column, index);
      const steps = [
        kept
          ? `-- stop if a value does not fit ${change.type.text}, and keep a copy of the old values (a column of the new type beside the old one is safer still):`
          : `-- stop before the rewrite if a value does not fit ${change.type.text} (PostgreSQL would abort the ALTER at that row, after rewriting the rows before it):`,
        check,
        ...(kept?.note ? [`-- ${kept.note}`] : []),
        ...(kept ? [`${kept.sql};`] : []),
      ];
      // nothing lost and, on a table created days before (young-tables.ts), a brief rewrite: a note
      const young = refuses ? youngTable(op, ctx.migration, ctx.repository, ctx.config, ctx.production?.production) : undefined;
      // the migration rewrote every value of the column just before: the narrowing is what the author prepared for
      const converted = convertedBefore(ctx, op.table, change.column, index);
      ctx.report({
        op,
        severity: young || converted ? "info" : undefined,
        message: converted
          ? `Changing ${where} from ${from!.text} to ${change.type.text} narrows the type, but this migration converted every value of ${change.column} first (line ${converted.loc.line}), so they are meant to fit ${change.type.text}. The ALTER still ${refuses ? "fails" : "fails or loses precision"} if one does not: keep the check of the fix before it.`
          : refuses
          ? `Changing ${where} from ${from!.text} to ${change.type.text} narrows the type: PostgreSQL rewrites ${op.table} under an ACCESS EXCLUSIVE lock and aborts the ALTER at the first value that does not fit (it never truncates), so one such row fails the deploy after the rewrite work.${
              young ? ` ${young.created}: a young table is usually small, so the rewrite is brief, and no value can be lost.` : ""
            }`
          : `Changing ${where} from ${from!.text} to ${change.type.text} narrows the type: values that do not fit fail the migration or lose precision.`,
        fix: ctx.framework === "django" ? djangoSteps(steps, op, kept ? ident(kept.backup) : undefined, kept ? restoreColumnSql(ctx, op.table, change.column, kept) : undefined) : beforeOperation(ctx.framework, steps.join("\n"), op, "", ctx.migration.database),
      });
    }
  },
});

import { pythonString, sqlCall } from "../support/embed-sql.js";
import { defineRule, type RuleContext } from "../support/rule.js";
import type { OperationOf } from "../../model.js";
import { withColumnDefinition } from "../support/sql-text.js";
import { fixFor, ident, sym } from "../support/fix.js";
import { existingTable, upOps } from "../support/scope.js";
import { namedBy, withPositional } from "../support/python-call.js";
import { prismaColumnDeclaration, unquoted } from "../support/prisma-migration-schema.js";
import { rowComparisons } from "./row-comparisons.js";

/** `JSON`, `sa.JSON`, `postgresql.JSON(astext_type=...)`: a column type argument that names JSON, read with the Python grammar. */
const namesJson = (arg: string) => namedBy(arg)?.name.split(".").pop() === "JSON";

/** The JSONB spelling of a JSON type argument: its own arguments kept (JSONB takes astext_type like JSON). */
function asJsonb(arg: string): string {
  const named = namedBy(arg)!;
  return named.call ? `JSONB${arg.trim().slice(named.name.length)}` : "JSONB()";
}

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
      // the statement as written with its json columns made jsonb: one ALTER may add several columns, all kept
      const whole = sqlFramework(ctx.framework) || op.embeddedSql ? statementAsJsonb(ctx, op) : undefined;
      const jsonbSql = whole ? whole.sql : oneColumnSql(op);
      // only queries that compare whole rows of the table fail: a json column nothing compares is a choice (it keeps key order and duplicate keys)
      const comparisons = rowComparisons(ctx, op.table, op.ormModel, op.column.name);
      const where = comparisons.usages.slice(0, 5).map((u) => `${u.path}:${u.line}`);
      ctx.report({
        op,
        ...(comparisons.usages.length ? {} : { severity: "info" as const }),
        message:
          `Adding json column ${op.table}.${op.column.name}: json has no equality operator, so a query that compares its values fails ` +
          `("could not identify an equality operator for type json"): SELECT DISTINCT or UNION (without ALL) over rows that include it, GROUP BY it, = on it. ` +
          `UNION ALL and plain reads work. ` +
          (comparisons.usages.length
            ? `The application's code runs such a query over ${op.table}: ${where.join(", ")}${comparisons.usages.length > where.length ? ` and ${comparisons.usages.length - where.length} more` : ""}. jsonb has the operator: use jsonb.`
            : comparisons.read
              ? `migguard searched the application's code and found no SELECT DISTINCT or UNION over whole rows of ${op.table} (the queries written before this column name theirs otherwise, for GROUP BY and = too), so no query it read fails; json may be the project's choice (it keeps key order and duplicate keys). jsonb has the operator, if rows are ever compared.`
              : `migguard did not read the application's code, so it cannot say a query compares ${op.table}'s rows; json may be the project's choice (it keeps key order and duplicate keys). jsonb has the operator, if rows are ever compared.`),
        fix: fixFor(ctx.framework, {
          sql: `${prismaFields(ctx, whole?.columns ?? [op])}${jsonbSql}`,
          rails: () => (op.embeddedSql ? embeddedFix(ctx, op, "rails", jsonbSql) : `add_column ${sym(op.table)}, ${sym(op.column.name)}, :jsonb`),
          // Django's own JSONField is jsonb already: a json column comes from RunSQL or a field class of the project
          django: () =>
            op.embeddedSql
              ? `${sqlCall("django", jsonbSql)},`
              : `models.JSONField()  # Django stores it as jsonb; in place of ${op.ormFieldDef ?? `the field that makes ${op.table}.${op.column.name} json`}, its other arguments kept`,
          // built for an Alembic revision only: it reads the call with the Python grammar, which a SQL file never loads
          alembic: () => (op.embeddedSql ? embeddedFix(ctx, op, "alembic", jsonbSql) : alembicFix(op.text, op.table, op.column.name)),
        }),
      });
    }
  },
});

const sqlFramework = (framework: string) => framework === "sql";

/**
 * SQL a Ruby or Python migration runs (execute, op.execute): the call again with the statement made jsonb, when the
 * statement is written in that call. SQL built at run time (skyvern's f-string passed through a retried helper, in
 * a loop over four tables) cannot be rewritten in place: the fix says so and shows the statement to change where it
 * is built, and never puts one call in the place of the loop.
 */
function embeddedFix(ctx: RuleContext, op: OperationOf<"add_column">, framework: "rails" | "alembic", jsonbSql: string): string {
  const lines = (ctx.migration.source ?? "").split("\n").slice(op.loc.line - 1, op.loc.endLine);
  const statement = op.text.trim().replace(/;\s*$/, "");
  if (lines.join("\n").includes(statement)) return sqlCall(framework, jsonbSql.replace(/;\s*$/, ""));
  return [
    `# line ${op.loc.line} runs SQL the migration builds at run time (a loop, a helper's argument), so it cannot be rewritten in place:`,
    `# where that SQL is written, make json jsonb; for ${op.table} it runs:`,
    `#   ${jsonbSql.replace(/\n/g, "\n#   ")}`,
  ].join("\n");
}

const oneColumnSql = (op: OperationOf<"add_column">) => `ALTER TABLE ${ident(op.table)} ADD COLUMN ${ident(op.column.name)} jsonb${op.column.type?.array ? "[]" : ""};`;

/** The migration's statement with every json column it adds defined as jsonb (an array stays an array), and those columns. */
function statementAsJsonb(ctx: RuleContext, op: OperationOf<"add_column">): { sql: string; columns: OperationOf<"add_column">[] } | undefined {
  const columns = ctx.migration.up.filter((o): o is OperationOf<"add_column"> => o.kind === "add_column" && o.text === op.text && o.loc.line === op.loc.line && o.column.type?.name === "json");
  let sql: string | undefined = op.text;
  for (const column of columns) sql = sql === undefined ? undefined : withColumnDefinition(sql, column.column.name, `jsonb${column.column.type?.array ? "[]" : ""}`);
  return sql === undefined ? undefined : { sql: `${sql.replace(/;\s*$/, "")};`, columns };
}

/**
 * A Prisma migration is written from schema.prisma: a column made jsonb here while its field still says `@db.Json`
 * is changed back to json by the next `prisma migrate dev`. The comment lines that name each field to change, as the
 * schema declares it; where the schema was not read, or declares no field for the column, it says so.
 */
function prismaFields(ctx: RuleContext, columns: readonly OperationOf<"add_column">[]): string {
  const lines = columns.flatMap((op) => {
    const declared = prismaColumnDeclaration(ctx, op.table, op.column.name);
    if (!declared) return [];
    const { schema, model, field } = declared;
    const column = `${unquoted(op.table)}.${op.column.name}`;
    if (!schema) return [`-- ${column}: its field in schema.prisma (not read here) must say @db.JsonB instead of @db.Json`];
    if (!model || !field) return [`-- ${column}: no field of the Prisma schema (${schema.paths}) maps it: the one that does must say @db.JsonB instead of @db.Json`];
    const where = `${model.path}:${field.line}: ${field.text}`;
    return [field.nativeType === "Json" ? `-- ${where} -> @db.JsonB` : `-- ${where} (already jsonb in the schema)`];
  });
  if (!lines.length) return "";
  return `-- with schema.prisma, or Prisma's next migrate dev changes the column back to json:\n${lines.join("\n")}\n`;
}

/**
 * The revision's own add_column with its type made JSONB: every other argument and keyword (server_default,
 * nullable) kept, the type's own arguments too (JSONB takes astext_type like JSON), and the import of the name
 * it uses, since the revision may not import the postgresql dialect (importing it again is harmless).
 */
function alembicFix(text: string, table: string, column: string): string {
  const isColumn = (callee: string) => callee.split(".").pop() === "Column";
  const kept = withPositional(text, namesJson, asJsonb, isColumn);
  // a schema-qualified table is op.add_column's table and schema=: one string would be quoted as one name
  const dot = table.lastIndexOf(".");
  const where = dot > 0 ? `${pythonString(table.slice(dot + 1))}, ` : `${pythonString(table)}, `;
  const schema = dot > 0 ? `, schema=${pythonString(table.slice(0, dot))}` : "";
  const written = `import sqlalchemy as sa\n\nop.add_column(${where}sa.Column(${pythonString(column)}, JSONB())${schema})  # keep the column's other arguments (nullable, server_default)`;
  return `from sqlalchemy.dialects.postgresql import JSONB\n${kept ? `\n${kept}` : written}`;
}

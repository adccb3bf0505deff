import type { Operation, OperationOf } from "../../model.js";
import { djangoUniqueFieldFix } from "../support/django-unique-field.js";
import { nameKey } from "../support/facts.js";
import { firstAfter, positionsBy } from "../support/positions.js";
import { defineRule, type RuleContext } from "../support/rule.js";
import { fixFor, ident, sym } from "../support/fix.js";
import { tableWithRows, upOps } from "../support/scope.js";
import { backfillCode, saType, sqlalchemy2 } from "../support/column-code.js";
import { alembicTable, pythonString } from "../support/embed-sql.js";
import { railsType } from "../support/rails-fix.js";
import { soundPerRowValue } from "../support/per-row-value.js";

/**
 * The unique constraint or index the new column gets: inline (UNIQUE, Django's unique=True) or a separate
 * single-column unique index / constraint later in the same migration (Alembic's unique=True, Rails' add_index).
 */
function uniqueOn(ctx: RuleContext, op: OperationOf<"add_column">, index: number): Operation | undefined {
  if (op.column.unique) return op;
  const at = firstAfter(positionsBy(ctx.migration.up, uniqueColumn).get(`${nameKey(op.table)}.${nameKey(op.column.name)}`), index);
  return at === undefined ? undefined : ctx.migration.up[at];
}

/** A single-column unique index or constraint, keyed by its table and column. */
function uniqueColumn(op: Operation): string | undefined {
  const unique = (op.kind === "add_index" && op.unique && !op.partial) || (op.kind === "add_constraint" && (op.constraint === "unique" || op.constraint === "primary_key"));
  return unique && op.columns.length === 1 ? `${nameKey(op.table)}.${nameKey(op.columns[0])}` : undefined;
}

/** Code or an UPDATE that may write the new column between its ADD and the unique index. */
function refilledBetween(ctx: RuleContext, op: OperationOf<"add_column">, from: number, to: number): boolean {
  return ctx.migration.up
    .slice(from + 1, to)
    .some(
      (between) =>
        between.kind === "data_migration" ||
        (between.kind === "dml" &&
          between.verb === "update" &&
          between.table !== undefined &&
          nameKey(between.table) === nameKey(op.table) &&
          (between.columns.length === 0 || between.columns.some((c) => nameKey(c) === nameKey(op.column.name)))),
    );
}

export default defineRule({
  meta: {
    id: "unique-column-shared-default",
    fixReplacesOperation: true,
    category: "breaking-change",
    severity: "error",
    title: "New unique column whose default gives every existing row the same value",
    why:
      "Adding a column fills the existing rows with its default, and a default that is not volatile is computed once: " +
      "a constant, now() (the transaction's time) or, in Django, a callable such as uuid.uuid4 or timezone.now, which " +
      "Django calls once and writes into every row. Every existing row then holds the same value, so the unique " +
      "constraint fails as soon as the table has two rows and the migration aborts.",
  },
  check(ctx) {
    for (const { op, index } of upOps(ctx, "add_column")) {
      const c = op.column;
      if (!c.default || c.default.volatile || /^null$/i.test(c.default.expr) || c.generated || c.serial) continue;
      if (!tableWithRows(ctx, op.table, index)) continue;
      const unique = uniqueOn(ctx, op, index);
      if (!unique) continue;
      // Django's own recipe (AddField null=True, RunPython gen_uuid, AlterField unique=True): a data change between
      // the column and its unique index may give each row its own value first
      if (unique !== op && refilledBetween(ctx, op, index, ctx.migration.up.indexOf(unique))) continue;
      const value = c.default.expr.startsWith("<value of ") ? `the single value of ${c.default.expr.slice("<value of ".length, -1)}` : c.default.expr;
      const type = c.type?.text ?? "text";
      // a value of the column's own kind for each row (a uuid), never a random string standing for an email or a slug
      const perRow = soundPerRowValue(c.type, ctx.postgresVersion);
      const fill = { table: op.table, assignments: `${ident(c.name)} = ${perRow ?? "NULL"}`, pending: `${ident(c.name)} IS NULL` };
      const indexName = `${op.table.split(".").pop()}_${c.name}_key`;
      // NULLs never collide: a nullable column needs no value, a NOT NULL one needs each row's own before its NOT NULL
      const notNull = (comment: "--" | "#", setNotNull: string) =>
        !c.notNull
          ? []
          : perRow
            ? [`${comment} ${c.name} is NOT NULL as written: once the rows above have their values, ${setNotNull}`]
            : [
                `${comment} ${c.name} is NOT NULL as written: each existing row needs its own ${c.name} first, and migguard knows no value that fits it (one value for all collides at the second row):`,
                `${comment} fill them from what the application knows of each row, then ${setNotNull}`,
              ];
      ctx.report({
        op,
        message:
          `Adding unique column ${op.table}.${c.name} writes ${value} into every existing row` +
          (unique === op ? "" : ` before the unique index on line ${unique.loc.line}`) +
          `: the rows collide and the unique constraint fails as soon as ${op.table} has two rows.`,
        fix: fixFor(ctx.framework, {
          sql: [
            `ALTER TABLE ${ident(op.table)} ADD COLUMN ${ident(c.name)} ${type};  -- no default: existing rows stay NULL, which a unique index allows`,
            ...(perRow ? [`-- give each existing row its own value:`, backfillCode("sql", fill)] : []),
            `-- then, outside a transaction:`,
            `CREATE UNIQUE INDEX CONCURRENTLY ${ident(indexName)} ON ${ident(op.table)} (${ident(c.name)});`,
            ...notNull("--", `ALTER TABLE ${ident(op.table)} ALTER COLUMN ${ident(c.name)} SET NOT NULL (see set-not-null for a large table)`),
          ].join("\n"),
          rails: () => [
            `add_column ${sym(op.table)}, ${sym(c.name)}, ${railsType(c.type)}  # no default: existing rows stay NULL, which a unique index allows`,
            `# then, in a migration with disable_ddl_transaction!, ${perRow ? "give each row its own value and " : ""}build the index without blocking writes:`,
            ...(perRow ? [backfillCode("rails", fill)] : []),
            `add_index ${sym(op.table)}, ${sym(c.name)}, unique: true, algorithm: :concurrently`,
            ...notNull("#", `change_column_null ${sym(op.table)}, ${sym(c.name)}, false (see set-not-null for a large table)`),
          ].join("\n"),
          // djangoFix reads the field with the Python grammar: only for a Django migration, which loads it
          ...(ctx.framework === "django" && djangoUniqueFieldFix(op, ctx.migration) ? { django: () => djangoUniqueFieldFix(op, ctx.migration)! } : {}),
          ...(c.type && saType(c.type, sqlalchemy2(ctx.repository))
            ? {
                alembic: () => [
                  `op.add_column(${alembicTable(op.table).name}, sa.Column(${pythonString(c.name)}, ${saType(c.type!, sqlalchemy2(ctx.repository))}, nullable=True)${alembicTable(op.table).schema})  # no server_default, not unique yet`,
                  ...(perRow ? [backfillCode("alembic", fill)] : []),
                  `with op.get_context().autocommit_block():`,
                  `    op.create_index(${pythonString(indexName)}, ${alembicTable(op.table).name}, [${pythonString(c.name)}]${alembicTable(op.table).schema}, unique=True, postgresql_concurrently=True)`,
                  ...notNull("#", `op.alter_column(${alembicTable(op.table).name}, ${pythonString(c.name)}, nullable=False${alembicTable(op.table).schema}) (see set-not-null for a large table)`),
                ].join("\n"),
              }
            : {}),
        }),
      });
    }
  },
});

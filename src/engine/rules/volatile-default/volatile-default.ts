import type { OperationOf } from "../../model.js";
import { backfillCode, saType, sqlalchemy2 } from "../support/column-code.js";
import { alembicTable, embedSql, pythonString } from "../support/embed-sql.js";
import { derivedName, ident, sym } from "../support/fix.js";
import { renderFix, type FixSteps } from "../support/fix-steps.js";
import { alembicBatchedFill } from "../support/batched-fill.js";
import { reindented } from "../support/data-code.js";
import { argumentText, calleeOf, keywordText, withKeyword, withoutKeyword } from "../support/python-call.js";
import { railsType } from "../support/rails-fix.js";
import { defineRule, type RuleContext } from "../support/rule.js";
import { tableWithRows, upOps } from "../support/scope.js";
import { foldingStepsUnderRewrite } from "../support/table-rewrite.js";
import { volatileFill, type FillSource } from "../support/volatile-fill.js";
import { columnAtHead } from "../support/column-at-head.js";
import { withoutGoneFollowUp } from "../support/history-to-head.js";
import { nameKey } from "../support/facts.js";
import { hasSyntax } from "../../database/postgres-syntax.js";
import { GENERATED_INTRO, generatedColumnFix, generatedColumnSql } from "./generated-column-steps.js";
import { djangoGeneratedSql } from "./django-generated-sql.js";

/**
 * The column added empty (instant), what fills new rows set up, and the existing rows filled in batches. A
 * generated column's expression can read other columns, which a DEFAULT cannot: it is computed by the backfill,
 * and from PostgreSQL 18 a VIRTUAL generated column avoids the rewrite altogether.
 */
function sqlFix(ctx: RuleContext, op: OperationOf<"add_column">, source: FillSource): string {
  const column = op.column;
  const t = ident(op.table);
  const c = ident(column.name);
  const type = column.type?.text ?? "bigint";
  if (source === "generated") {
    const expr = column.generatedExpr;
    if (hasSyntax(ctx.postgresVersion, "virtualGeneratedColumns") && expr) return `-- PostgreSQL 18+: a VIRTUAL generated column is computed when read, so adding it rewrites nothing\nALTER TABLE ${t} ADD COLUMN ${c} ${type} GENERATED ALWAYS AS (${expr}) VIRTUAL;`;
    if (expr) {
      // embedded in a framework whose own calls are not written (Django's RunSQL): the trigger, and one batch to repeat
      const sql = generatedColumnSql(ctx, op, expr);
      return [`-- ${GENERATED_INTRO}`, sql.add, sql.trigger, backfillCode("sql", sql.fill)].join("\n");
    }
    // the expression is not known as SQL (a Django ORM expression not translated): say so, and fill nothing
    const orm = column.generatedOrm?.expression;
    return [
      `-- a plain column (instant); the generation expression as SQL is not known here${orm ? ` (Django's ${orm.replace(/\s+/g, " ")})` : ""}: write it`,
      `-- into a BEFORE INSERT OR UPDATE trigger that sets ${column.name} on every write (a DEFAULT cannot read other columns),`,
      `-- then fill the existing rows with it in batches (UPDATE ... WHERE ${column.name} IS NULL, committed per batch)`,
      `ALTER TABLE ${t} ADD COLUMN ${c} ${type};`,
    ].join("\n");
  }
  const sequence = ident(`${op.table.split(".").pop()}_${column.name}_seq`);
  const value = source === "sequence" ? `nextval('${sequence.replace(/'/g, "''")}')` : column.default!.expr;
  return [
    ...(source === "sequence" ? [`CREATE SEQUENCE ${sequence};`] : []),
    `ALTER TABLE ${t} ADD COLUMN ${c} ${type};  -- instant: no default yet`,
    `ALTER TABLE ${t} ALTER COLUMN ${c} SET DEFAULT ${value};  -- new rows only`,
    ...(source === "sequence" ? [`ALTER SEQUENCE ${sequence} OWNED BY ${t}.${c};`] : []),
    backfillCode("sql", { table: op.table, assignments: `${c} = ${value}`, pending: `${c} IS NULL` }),
    ...(column.notNull || column.primaryKey ? [`-- then NOT NULL through a validated CHECK constraint (see set-not-null), once every row is filled`] : []),
    // the key the column was added for: its index built without the lock, then taken as the primary key
    ...(column.primaryKey
      ? [
          `-- then the primary key, its index built CONCURRENTLY (outside a transaction) and taken over without a second build:`,
          `--   CREATE UNIQUE INDEX CONCURRENTLY ${ident(`${op.table.split(".").pop()}_pkey`)} ON ${t} (${c});`,
          `--   ALTER TABLE ${t} ADD CONSTRAINT ${ident(`${op.table.split(".").pop()}_pkey`)} PRIMARY KEY USING INDEX ${ident(`${op.table.split(".").pop()}_pkey`)};`,
        ]
      : []),
  ].join("\n");
}

/** A volatile default in Rails (a generated column is generated-column-steps.ts's; a sequence, the SQL fix through execute). */
function railsFix(op: OperationOf<"add_column">, source: FillSource): string | undefined {
  const column = op.column;
  const expr = source === "default" ? column.default?.expr : undefined;
  if (!expr || !column.type) return undefined;
  return [
    `add_column ${sym(op.table)}, ${sym(column.name)}, ${railsType(column.type)}  # instant: no default yet`,
    `change_column_default ${sym(op.table)}, ${sym(column.name)}, from: nil, to: -> { ${JSON.stringify(expr)} }  # new rows only`,
    `# existing rows, in a migration of their own with disable_ddl_transaction!:`,
    backfillCode("rails", { table: op.table, assignments: `${ident(column.name)} = ${expr}`, pending: `${ident(column.name)} IS NULL` }),
  ].join("\n");
}

function djangoFix(op: OperationOf<"add_column">): string | undefined {
  const def = op.ormFieldDef;
  const expr = op.column.default?.expr;
  if (!def || !expr) return undefined;
  const model = pythonString(op.ormModel ?? op.table);
  const name = pythonString(op.ormField ?? op.column.name);
  const empty = withKeyword(withoutKeyword(def, "db_default") ?? def, "null", "True");
  const fill = backfillCode("django", { table: op.table, assignments: `${ident(op.column.name)} = ${expr}`, pending: `${ident(op.column.name)} IS NULL` });
  const fn = /^def (\w+)/.exec(fill)?.[1] ?? "backfill";
  return [
    `# add the field empty (instant), give new rows the database default, then fill existing rows in batches (atomic = False):`,
    fill,
    ``,
    ``,
    `migrations.AddField(model_name=${model}, name=${name}, field=${empty}),`,
    `migrations.AlterField(model_name=${model}, name=${name}, field=${withKeyword(def, "null", "True")}),`,
    `migrations.RunPython(${fn}, reverse_code=migrations.RunPython.noop),`,
  ].join("\n");
}

function alembicFix(ctx: RuleContext, op: OperationOf<"add_column">, source: FillSource): string | undefined {
  const column = op.column;
  const type = column.type && saType(column.type, sqlalchemy2(ctx.repository));
  if (source !== "default" || !type || !column.default) return undefined;
  // the revision's own add_column, every other argument kept (a ForeignKey, comment=, the type as written), with
  // no server_default and nullable=True; its server_default as written goes to the alter_column
  const isColumn = (callee: string) => /(?:^|\.)Column$/.test(callee);
  const own = /(?:^|\.)add_column$/.test(calleeOf(op.text) ?? "") ? reindented(op.text.trim()) : undefined;
  const withoutDefault = own && withoutKeyword(own, "server_default", isColumn);
  const empty = withoutDefault && withKeyword(withoutDefault, "nullable", "True", isColumn);
  const written = own && keywordText(own, "server_default", isColumn);
  const table = (own && argumentText(own, 0, "table_name")) ?? alembicTable(op.table).name;
  const name = (own && argumentText(own, 0, "name", isColumn)) ?? pythonString(column.name);
  // the fill and NOT NULL revisions go after the newest of the folder: they name the table and column as the later
  // revisions leave them (the CHECK keeps its name through a rename), and there are none when one drops them
  const head = columnAtHead(ctx, op.table, column.name, ctx.migration.up.indexOf(op));
  const renamed = !("gone" in head) && (nameKey(head.table) !== nameKey(op.table) || nameKey(head.column) !== nameKey(column.name));
  const [headTable, headName] = renamed ? [alembicTable(head.table).name, pythonString(head.column)] : [table, name];
  const headSchema = renamed ? alembicTable(head.table).schema : "";
  const [t, c] = [ident(op.table), ident(column.name)];
  const [ht, hc] = renamed ? [ident(head.table), ident(head.column)] : [t, c];
  // NOT NULL, the end state the revision asks for, through a CHECK added NOT VALID here (a moment's lock, with the
  // add_column's) and validated after the fill: SET NOT NULL then reads the CHECK instead of scanning (PostgreSQL 12+)
  const notNull = column.notNull || column.primaryKey;
  const check = ident(derivedName(op.table, [column.name], "not_null"));
  const fix: FixSteps = {
    inPlace: [
      `${empty ?? `op.add_column(${alembicTable(op.table).name}, sa.Column(${pythonString(column.name)}, ${type}, nullable=True)${alembicTable(op.table).schema})`}  # instant: no default yet`,
      `op.alter_column(${table}, ${name}, server_default=${written ?? `sa.text(${pythonString(column.default.expr)})`})  # new rows only`,
      ...(notNull ? [`op.execute(${pythonString(`ALTER TABLE ${t} ADD CONSTRAINT ${check} CHECK (${c} IS NOT NULL) NOT VALID`)})  # checks new rows only`] : []),
      `# the existing rows are filled by the next revision, outside any transaction: filled here, in this revision's transaction,`,
      `# the add_column's ACCESS EXCLUSIVE lock would be held until the last batch commits`,
    ].join("\n"),
    steps: [
      { name: `fill ${op.table.split(".").pop()} ${column.name}`, noTransaction: true, statements: [alembicBatchedFill({ table: renamed ? head.table : op.table, assignments: `${hc} = ${column.default.expr}`, pending: `${hc} IS NULL` })] },
      ...(notNull
        ? [
            {
              name: `${op.table.split(".").pop()} ${column.name} not null`,
              statements: [
                `op.execute(${pythonString(`ALTER TABLE ${ht} VALIDATE CONSTRAINT ${check}`)})  # reads the rows without blocking writes`,
                `op.alter_column(${headTable}, ${headName}, nullable=False${headSchema})  # ${ctx.postgresVersion >= 12 ? "no scan: the validated CHECK proves it" : "PostgreSQL 12+ reads the validated CHECK instead of scanning; before 12 this scans under ACCESS EXCLUSIVE"}`,
                `op.execute(${pythonString(`ALTER TABLE ${ht} DROP CONSTRAINT ${check}`)})`,
                ...(column.primaryKey ? [`# then the primary key: its unique index built CONCURRENTLY (autocommit_block), taken over with ADD CONSTRAINT ... PRIMARY KEY USING INDEX`] : []),
              ],
            },
          ]
        : []),
    ],
  };
  return renderFix(ctx, withoutGoneFollowUp(fix, head, ctx.framework, "fills it or sets it NOT NULL"));
}

export default defineRule({
  meta: {
    id: "volatile-default",
    fixReplacesOperation: true,
    category: "blocking-lock",
    hazard: "concurrency",
    severity: "error",
    title: "New column whose value is computed per row rewrites the table",
    why:
      "Since PostgreSQL 11, ADD COLUMN with a constant default is instant. A volatile default (random(), " +
      "gen_random_uuid(), clock_timestamp(), nextval()/serial, an unknown function), a GENERATED ... STORED expression " +
      "or an identity column must be computed for every existing row: the whole table is rewritten under an ACCESS EXCLUSIVE lock.",
    postgres: "before PostgreSQL 11 every non-NULL default rewrites the table",
  },
  check(given) {
    // the index builds, scans and checks the same transaction then runs on the table under this rewrite's lock: named in its finding
    const ctx = foldingStepsUnderRewrite(given);
    for (const { op, index } of upOps(ctx, "add_column")) {
      if (!tableWithRows(ctx, op.table, index)) continue;
      const column = op.column;
      const fill = volatileFill(op, ctx.postgresVersion);
      if (!fill) continue;
      const { reason, source } = fill;
      // a stored generated column whose expression is known: a plain column, a trigger computing it, a batched fill
      const generatedSql = source === "generated" ? (column.generatedExpr ?? djangoGeneratedSql(ctx, op)) : undefined;
      const generated = generatedSql && !hasSyntax(ctx.postgresVersion, "virtualGeneratedColumns") ? generatedColumnFix(ctx, op, generatedSql) : undefined;
      const own = generated ?? (ctx.framework === "sql" ? undefined : ctx.framework === "rails" ? railsFix(op, source) : ctx.framework === "django" ? djangoFix(op) : ctx.framework === "alembic" ? alembicFix(ctx, op, source) : undefined);
      ctx.report({
        op,
        message: `Adding ${op.table}.${column.name} rewrites the whole table under an ACCESS EXCLUSIVE lock: ${reason}.`,
        fix: own ?? embedSql(ctx.framework, sqlFix(ctx, op, source)),
      });
    }
  },
});

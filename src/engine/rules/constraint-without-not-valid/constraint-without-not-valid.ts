import type { Operation } from "../../model.js";
import { defineRule } from "../support/rule.js";
import { railsConstraintFix } from "../support/rails-fix.js";
import { derivedName, fixFor, ident, sym } from "../support/fix.js";
import { tableWithRows, upOps } from "../support/scope.js";
import { pythonString } from "../support/embed-sql.js";
import { saType } from "../support/column-code.js";
import { withKeyword } from "../support/python-call.js";
import { checkExpression, notValidSql } from "../support/sql-text.js";

/** `column` of `table` was added earlier in this up without a default: every existing row holds NULL there. */
function addedEmptyBefore(up: readonly Operation[], table: string, column: string, before: number): boolean {
  return up.slice(0, before).some((op) => op.kind === "add_column" && op.table === table && op.column.name === column && !op.column.default && !op.column.generated);
}

/** The migration's own op.create_foreign_key / create_check_constraint call with postgresql_not_valid=True (SQLAlchemy 2). */
function alembicNotValid(text: string, fallback: string): string {
  const call = text.trim();
  if (!/^(op|batch_op)\.create_(foreign_key|check_constraint)\(/.test(call) || !call.endsWith(")")) return fallback;
  return `${call.slice(0, -1).replace(/[\s,]+$/, "")}, postgresql_not_valid=True)`;
}

/** Django adds a foreign key with its field: keep the field without it, add it NOT VALID, validate it later. */
function djangoForeignKeyFix(op: Extract<Operation, { kind: "add_constraint" }>, name: string): string {
  const column = op.columns[0] ?? `${op.ormField ?? "field"}_id`;
  const field = op.ormFieldDef && withKeyword(op.ormFieldDef, "db_constraint", "False");
  return [
    ...(field && op.ormModel
      ? [
          "# the field without its database constraint, then the constraint NOT VALID, validated in a later migration:",
          `migrations.AlterField(model_name=${pythonString(op.ormModel)}, name=${pythonString(op.ormField ?? column.replace(/_id$/, ""))}, field=${field}),`,
        ]
      : ["# the constraint NOT VALID (instant), validated in a later migration:"]),
    "migrations.RunSQL(",
    `    "ALTER TABLE ${op.table} ADD CONSTRAINT ${name} FOREIGN KEY (${column}) REFERENCES ${op.referencesTable ?? "..."} DEFERRABLE INITIALLY DEFERRED NOT VALID",`,
    `    reverse_sql="ALTER TABLE ${op.table} DROP CONSTRAINT ${name}",`,
    "),",
    "# next migration, then AlterField(db_constraint=True) in state only (SeparateDatabaseAndState):",
    `migrations.RunSQL("ALTER TABLE ${op.table} VALIDATE CONSTRAINT ${name}", reverse_sql=migrations.RunSQL.noop),`,
  ].join("\n");
}

/** The migration's own AddConstraint(...) as AddConstraintNotValid(...), re-indented to stand on its own. */
function djangoNotValid(text: string): string | undefined {
  const call = text.trim();
  const head = /^(migrations\.)?AddConstraint\(/.exec(call);
  if (!head || !call.endsWith(")")) return undefined;
  const lines = `AddConstraintNotValid(${call.slice(head[0].length)}`.split("\n");
  const closing = lines.length > 1 ? (/^ */.exec(lines[lines.length - 1])?.[0].length ?? 0) : 0;
  return lines.map((line, i) => (i === 0 ? line : line.slice(Math.min(closing, /^ */.exec(line)?.[0].length ?? 0)))).join("\n");
}

export default defineRule({
  meta: {
    id: "constraint-without-not-valid",
    fixReplacesOperation: true,
    category: "blocking-lock",
    severity: "error",
    title: "Foreign key or CHECK constraint validated while holding a lock",
    why:
      "ADD CONSTRAINT ... FOREIGN KEY / CHECK checks every existing row while it holds its lock: SHARE ROW EXCLUSIVE " +
      "on both tables of a foreign key (writes blocked), ACCESS EXCLUSIVE for a CHECK (everything blocked). " +
      "Adding it NOT VALID is instant; VALIDATE CONSTRAINT later checks the rows under a lock that allows reads and writes.",
  },
  check(ctx) {
    for (const { op, index } of upOps(ctx, "add_constraint")) {
      if (op.notValid || op.usingIndex || !tableWithRows(ctx, op.table, index)) continue;
      if (op.constraint !== "foreign_key" && op.constraint !== "check" && op.constraint !== "not_null") continue;
      const t = ident(op.table);
      const name = op.name ?? derivedName(op.table, op.columns, op.constraint === "foreign_key" ? "fkey" : "check");
      // the statement as written, NOT VALID (its CHECK expression, its REFERENCES columns), when it is one statement
      const written = op.embeddedSql || ctx.framework === "sql" ? notValidSql(op.text, op.name ? undefined : name) : undefined;
      const check = op.embeddedSql || ctx.framework === "sql" ? checkExpression(op.text) : undefined;
      const body =
        op.constraint === "foreign_key"
          ? `FOREIGN KEY (${op.columns.map(ident).join(", ")}) REFERENCES ${ident(op.referencesTable ?? "the_referenced_table")}`
          : op.constraint === "check"
            ? `CHECK (${check ?? "true /* the CHECK expression */"})`
            : `NOT NULL ${op.columns.map(ident).join(", ")}`;
      const what = op.constraint === "foreign_key" ? `foreign key${op.referencesTable ? ` to ${op.referencesTable}` : ""}` : op.constraint === "check" ? "CHECK constraint" : "NOT NULL constraint";
      // a CHECK on columns this migration just added, empty: no row can fail, but PostgreSQL still scans them all
      const onEmptyColumns = op.constraint === "check" && op.columns.length > 0 && op.columns.every((c) => addedEmptyBefore(ctx.migration.up, op.table, c, index));
      ctx.report({
        op,
        severity: onEmptyColumns ? "warning" : undefined,
        message: onEmptyColumns
          ? `Adding a CHECK constraint on ${op.table} without NOT VALID scans every row under an ACCESS EXCLUSIVE lock, although none can fail: ${op.columns.join(", ")} ${op.columns.length === 1 ? "was" : "were"} added empty just before. Quick on a small table; on a large one the table is blocked for the whole scan.`
          : `Adding a ${what} on ${op.table} without NOT VALID checks every row while ${op.constraint === "foreign_key" ? "writes to both tables are blocked" : "the table is locked"}.`,
        fix: fixFor(ctx.framework, {
          sql: `
            ${written ? `${written};` : `ALTER TABLE ${t} ADD CONSTRAINT ${ident(name)} ${body} NOT VALID;`}
            -- in a separate migration (its own transaction):
            ALTER TABLE ${t} VALIDATE CONSTRAINT ${ident(name)};`,
          rails: () => railsConstraintFix(op),
          // RunSQL with one ADD CONSTRAINT: the same statement, NOT VALID (a statement doing more keeps the generic fix)
          django: () => op.embeddedSql && !op.text.includes("\n") && /^ALTER TABLE\s+\S+\s+ADD CONSTRAINT\s+\S+\s+(CHECK|FOREIGN KEY)\b/i.test(op.text.trim()) && !/,\s*(ADD|DROP|ALTER|VALIDATE)\s/i.test(op.text)
            ? [
                `migrations.RunSQL(${JSON.stringify(`${op.text.trim().replace(/;\s*$/, "")} NOT VALID`)}, reverse_sql="ALTER TABLE ${op.table} DROP CONSTRAINT ${name}"),`,
                "# next migration:",
                `migrations.RunSQL("ALTER TABLE ${op.table} VALIDATE CONSTRAINT ${name}", reverse_sql=migrations.RunSQL.noop),`,
              ].join("\n")
            : op.constraint === "foreign_key" ? djangoForeignKeyFix(op, name) : [
            "from django.contrib.postgres.operations import AddConstraintNotValid, ValidateConstraint",
            "# migration 1",
            `${djangoNotValid(op.text) ?? `AddConstraintNotValid(model_name="${op.ormModel ?? "..."}", constraint=...(name="${name}"))`},`,
            "# migration 2",
            `ValidateConstraint(model_name="${op.ormModel ?? "..."}", name="${name}"),`,
          ].join("\n"),
          alembic: () => `
            ${alembicNotValid(op.text, `op.execute(${pythonString(written ?? `ALTER TABLE ${t} ADD CONSTRAINT ${ident(name)} ${body} NOT VALID`)})`)}
            # next revision:
            op.execute("ALTER TABLE ${op.table} VALIDATE CONSTRAINT ${name}")`,
        }),
      });
    }
    // a new column with an inline REFERENCES (Django's AddField of a ForeignKey, ADD COLUMN ... REFERENCES):
    // without a default every row holds NULL, so PostgreSQL checks nothing (3M rows: about 1 ms, no scan); the
    // referenced table's SHARE ROW EXCLUSIVE lock lasts as briefly as the column's own ACCESS EXCLUSIVE one
    for (const { op, index } of upOps(ctx, "add_column")) {
      const ref = op.column.references;
      if (!ref || ref.notValid || !tableWithRows(ctx, op.table, index)) continue;
      if (!op.column.default) continue;
      const fk = ident(derivedName(op.table, [op.column.name], "fkey"));
      const type = op.column.type?.text ?? "bigint";
      const withDefault = op.column.default ? ` DEFAULT ${op.column.default.expr}` : "";
      ctx.report({
        op,
        message: `Adding ${op.table}.${op.column.name} with a default and a foreign key to ${ref.table} checks every row while writes to both tables are blocked.`,
        fix: fixFor(ctx.framework, {
          sql: `
            ALTER TABLE ${ident(op.table)} ADD COLUMN ${ident(op.column.name)} ${type}${withDefault};${op.column.type ? "" : "  -- the type of the referenced key"}
            ALTER TABLE ${ident(op.table)} ADD CONSTRAINT ${fk} FOREIGN KEY (${ident(op.column.name)}) REFERENCES ${ident(ref.table)}${ref.column ? ` (${ident(ref.column)})` : ""} NOT VALID;
            -- in a separate migration:
            ALTER TABLE ${ident(op.table)} VALIDATE CONSTRAINT ${fk};`,
          ...(op.column.default
            ? {}
            : {
                rails: () => `
              add_reference ${sym(op.table)}, ${sym(op.column.name.replace(/_id$/, ""))}, index: false
              add_foreign_key ${sym(op.table)}, ${sym(ref.table)}, validate: false
              # in a separate migration:
              validate_foreign_key ${sym(op.table)}, ${sym(ref.table)}`,
              }),
          django: () => `
            # add the field without the constraint, then add it NOT VALID and validate it in a later migration:
            migrations.AddField(model_name=${pythonString(op.ormModel ?? op.table)}, name=${pythonString(op.ormField ?? op.column.name.replace(/_id$/, ""))}, field=${(op.ormFieldDef && withKeyword(op.ormFieldDef, "db_constraint", "False")) ?? "models.ForeignKey(..., db_constraint=False, null=True)"}),
            migrations.RunSQL(
                "ALTER TABLE ${op.table} ADD CONSTRAINT ${fk} FOREIGN KEY (${op.column.name}) REFERENCES ${ref.table} NOT VALID",
                reverse_sql="ALTER TABLE ${op.table} DROP CONSTRAINT ${fk}",
            ),
            # next migration: VALIDATE CONSTRAINT, then AlterField(db_constraint=True) in state only (SeparateDatabaseAndState)`,
          ...(op.column.type && saType(op.column.type) && !op.column.default
            ? {
                alembic: () => `
            op.add_column(${pythonString(op.table)}, sa.Column(${pythonString(op.column.name)}, ${saType(op.column.type!)}, nullable=True))
            op.execute("ALTER TABLE ${op.table} ADD CONSTRAINT ${fk} FOREIGN KEY (${op.column.name}) REFERENCES ${ref.table} NOT VALID")
            # next revision:
            op.execute("ALTER TABLE ${op.table} VALIDATE CONSTRAINT ${fk}")`,
              }
            : {}),
        }),
      });
    }
  },
});

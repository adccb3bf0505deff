import type { Operation } from "../../model.js";
import { defineRule } from "../support/rule.js";
import { railsConstraintFix } from "../support/rails-fix.js";
import { derivedName, fixFor, ident, sym } from "../support/fix.js";
import { tableWithRows, upOps } from "../support/scope.js";

/** The migration's own op.create_foreign_key / create_check_constraint call with postgresql_not_valid=True (SQLAlchemy 2). */
function alembicNotValid(text: string, fallback: string): string {
  const call = text.trim();
  if (!/^(op|batch_op)\.create_(foreign_key|check_constraint)\(/.test(call) || !call.endsWith(")")) return fallback;
  return `${call.slice(0, -1).replace(/[\s,]+$/, "")}, postgresql_not_valid=True)`;
}

/** Django adds a foreign key with its field: keep the field without it, add it NOT VALID, validate it later. */
function djangoForeignKeyFix(op: Extract<Operation, { kind: "add_constraint" }>, name: string): string {
  const column = op.columns[0] ?? "<column>";
  return [
    "# the field without its database constraint, then the constraint NOT VALID, validated in a later migration:",
    `migrations.AlterField(model_name="${op.ormModel ?? "..."}", name="${op.ormField ?? column.replace(/_id$/, "")}", field=models.ForeignKey(..., db_constraint=False)),`,
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
      const what = op.constraint === "foreign_key" ? `foreign key${op.referencesTable ? ` to ${op.referencesTable}` : ""}` : op.constraint === "check" ? "CHECK constraint" : "NOT NULL constraint";
      ctx.report({
        op,
        message: `Adding a ${what} on ${op.table} without NOT VALID checks every row while ${op.constraint === "foreign_key" ? "writes to both tables are blocked" : "the table is locked"}.`,
        fix: fixFor(ctx.framework, {
          sql: `
            ALTER TABLE ${t} ADD CONSTRAINT ${ident(name)} ${op.constraint === "foreign_key" ? `FOREIGN KEY (${op.columns.map(ident).join(", ")}) REFERENCES ${ident(op.referencesTable ?? "...")}` : op.constraint === "check" ? "CHECK (...)" : `NOT NULL ${op.columns.map(ident).join(", ")}`} NOT VALID;
            -- in a separate migration (its own transaction):
            ALTER TABLE ${t} VALIDATE CONSTRAINT ${ident(name)};`,
          rails: railsConstraintFix(op),
          // RunSQL with one ADD CONSTRAINT: the same statement, NOT VALID (a statement doing more keeps the generic fix)
          django: op.embeddedSql && !op.text.includes("\n") && /^ALTER TABLE\s+\S+\s+ADD CONSTRAINT\s+\S+\s+(CHECK|FOREIGN KEY)\b/i.test(op.text.trim()) && !/,\s*(ADD|DROP|ALTER|VALIDATE)\s/i.test(op.text)
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
          alembic: `
            ${alembicNotValid(op.text, `op.execute("ALTER TABLE ${op.table} ADD CONSTRAINT ${name} ${op.constraint === "foreign_key" ? `FOREIGN KEY (${op.columns.join(", ")}) REFERENCES ${op.referencesTable ?? "..."}` : "CHECK (...)"} NOT VALID")`)}
            # next revision:
            op.execute("ALTER TABLE ${op.table} VALIDATE CONSTRAINT ${name}")`,
        }),
      });
    }
    // a new column with REFERENCES: no rows to check, but the referenced table is locked against writes
    for (const { op, index } of upOps(ctx, "add_column")) {
      const ref = op.column.references;
      if (!ref || ref.notValid || !tableWithRows(ctx, op.table, index)) continue;
      if (!op.column.default) {
        ctx.report({
          op,
          severity: "warning",
          message: `Adding ${op.table}.${op.column.name} with a foreign key to ${ref.table} takes a SHARE ROW EXCLUSIVE lock on ${ref.table}, blocking its writes while the lock is held.`,
          fix: fixFor(ctx.framework, {
            sql: `
              ALTER TABLE ${ident(op.table)} ADD COLUMN ${ident(op.column.name)} ${op.column.type?.text ?? "bigint"};
              ALTER TABLE ${ident(op.table)} ADD CONSTRAINT ${ident(derivedName(op.table, [op.column.name], "fkey"))} FOREIGN KEY (${ident(op.column.name)}) REFERENCES ${ident(ref.table)} NOT VALID;
              -- in a separate migration:
              ALTER TABLE ${ident(op.table)} VALIDATE CONSTRAINT ${ident(derivedName(op.table, [op.column.name], "fkey"))};`,
            rails: `
              add_reference ${sym(op.table)}, ${sym(op.column.name.replace(/_id$/, ""))}, index: false
              add_foreign_key ${sym(op.table)}, ${sym(ref.table)}, validate: false
              # in a separate migration:
              validate_foreign_key ${sym(op.table)}, ${sym(ref.table)}`,
            django: `
              # add the field without the constraint, then add it NOT VALID and validate it in a later migration:
              migrations.AddField(model_name="${op.ormModel ?? "..."}", name="${op.ormField ?? op.column.name.replace(/_id$/, "")}", field=models.ForeignKey(..., db_constraint=False, null=True)),
              migrations.RunSQL(
                  "ALTER TABLE ${op.table} ADD CONSTRAINT ${derivedName(op.table, [op.column.name], "fkey")} FOREIGN KEY (${op.column.name}) REFERENCES ${ref.table} NOT VALID",
                  reverse_sql="ALTER TABLE ${op.table} DROP CONSTRAINT ${derivedName(op.table, [op.column.name], "fkey")}",
              ),
              # next migration: VALIDATE CONSTRAINT, then AlterField(db_constraint=True) in state only (SeparateDatabaseAndState)`,
            alembic: `
              op.add_column("${op.table}", sa.Column("${op.column.name}", <type>, nullable=True))
              op.execute("ALTER TABLE ${op.table} ADD CONSTRAINT ${derivedName(op.table, [op.column.name], "fkey")} FOREIGN KEY (${op.column.name}) REFERENCES ${ref.table} NOT VALID")
              # next revision:
              op.execute("ALTER TABLE ${op.table} VALIDATE CONSTRAINT ${derivedName(op.table, [op.column.name], "fkey")}")`,
          }),
        });
      } else {
        ctx.report({
          op,
          message: `Adding ${op.table}.${op.column.name} with a default and a foreign key to ${ref.table} checks every row while writes to both tables are blocked.`,
          fix: fixFor(ctx.framework, {
            sql: `-- add the column without the constraint, then ADD CONSTRAINT ... NOT VALID and VALIDATE CONSTRAINT in a separate migration`,
          }),
        });
      }
    }
  },
});

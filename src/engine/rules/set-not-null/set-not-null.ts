import { defineRule, type RuleContext } from "../support/rule.js";
import { derivedName, fixFor, ident, modelName, sym } from "../support/fix.js";
import { nameKey } from "../support/facts.js";
import { tableWithRows, upOps } from "../support/scope.js";

/**
 * The column is NOT NULL already when the statement runs: an earlier migration defined it so (and none changed it
 * since) and nothing before it in this migration relaxed it. SET NOT NULL then checks nothing and scans nothing.
 */
function alreadyNotNull(ctx: RuleContext, table: string, column: string, index: number): boolean {
  if (!ctx.repository.columnDefinition(table, column)?.notNull) return false;
  const same = (t: string, c: string) => nameKey(t) === nameKey(table) && nameKey(c) === nameKey(column);
  return !ctx.migration.up.slice(0, index).some((o) => {
    if (o.kind === "drop_not_null" || o.kind === "drop_column" || o.kind === "rename_column" || o.kind === "alter_column_type") return same(o.table, o.column);
    if (o.kind === "add_column") return same(o.table, o.column.name);
    if (o.kind === "drop_table") return o.tables.some((t) => nameKey(t) === nameKey(table));
    return o.kind === "rename_table" && nameKey(o.table) === nameKey(table);
  });
}

export default defineRule({
  meta: {
    id: "set-not-null",
    fixReplacesOperation: true,
    category: "blocking-lock",
    severity: "error",
    title: "SET NOT NULL scans the table under an exclusive lock",
    why:
      "ALTER COLUMN ... SET NOT NULL reads every row to check for NULLs while holding an ACCESS EXCLUSIVE lock. " +
      "On PostgreSQL 12+ the scan is skipped when a valid CHECK (column IS NOT NULL) constraint already exists, " +
      "so add that constraint NOT VALID, validate it, then set NOT NULL.",
    postgres: "the CHECK-constraint shortcut needs PostgreSQL 12+",
  },
  check(ctx) {
    // tables that got a CHECK validated earlier in this migration (the PostgreSQL 12+ shortcut)
    const validated = new Map<string, number>();
    ctx.migration.up.forEach((op, i) => {
      if (op.kind === "validate_constraint" || (op.kind === "add_constraint" && (op.constraint === "check" || op.constraint === "not_null") && !op.notValid))
        if (!validated.has(nameKey(op.table))) validated.set(nameKey(op.table), i);
    });
    for (const { op, index } of upOps(ctx, "set_not_null")) {
      if (!tableWithRows(ctx, op.table, index) || alreadyNotNull(ctx, op.table, op.column, index)) continue;
      const at = validated.get(nameKey(op.table));
      if (ctx.postgresVersion >= 12 && at !== undefined && at < index) continue;
      const t = ident(op.table);
      const c = ident(op.column);
      const name = derivedName(op.table, [op.column], "not_null");
      if (ctx.postgresVersion < 12) {
        // no shortcut before PostgreSQL 12: a validated CHECK enforces the same without the scan, NOT NULL waits for 12+
        const earlier = at !== undefined && at < index ? ctx.migration.up[at] : undefined;
        ctx.report({
          op,
          message: `SET NOT NULL on ${op.table}.${op.column} scans the whole table under an ACCESS EXCLUSIVE lock (before PostgreSQL 12, even with a validated CHECK constraint).`,
          fix: fixFor(ctx.framework, {
            sql: earlier
              ? `-- the CHECK validated on line ${earlier.loc.line} already keeps NULLs out without this scan: leave SET NOT NULL out\n-- until the database runs PostgreSQL 12+, where it reads that CHECK instead of the table`
              : [
                  `-- before PostgreSQL 12, a validated CHECK keeps NULLs out without SET NOT NULL's scan under the lock:`,
                  `ALTER TABLE ${t} ADD CONSTRAINT ${ident(name)} CHECK (${c} IS NOT NULL) NOT VALID;`,
                  `-- in a separate migration (validation allows reads and writes):`,
                  `ALTER TABLE ${t} VALIDATE CONSTRAINT ${ident(name)};`,
                  `-- SET NOT NULL once the database runs PostgreSQL 12+ (it then reads the CHECK instead of the table)`,
                ].join("\n"),
          }),
        });
        continue;
      }
      // CheckConstraint's keyword is condition= from Django 5.1 (check= before, removed in 6.0): the project's version decides
      const atLeast51 = ctx.framework === "django" ? ctx.repository.djangoAtLeast("5.1") : undefined;
      const checkKeyword = atLeast51 === false ? "check" : "condition";
      const checkNote = atLeast51 === undefined ? "  # condition= is Django 5.1+: before 5.1 it is check=" : "";
      // NULLs the migration fills itself (a later RunPython, the AlterField's default) must be filled before VALIDATE
      const dataStep = ctx.migration.up.slice(index + 1).find((o) => o.kind === "data_migration");
      const fillFirst = dataStep
        ? `: fill the NULLs first (this migration's data step at line ${dataStep.loc.line} runs after the AlterField), then`
        : op.fillsNulls
          ? `: fill the NULLs first (with the AlterField's default, in batches: UPDATE ${op.table} SET ${op.column} = <default> WHERE ${op.column} IS NULL), then`
          : "";
      ctx.report({
        op,
        message: `SET NOT NULL on ${op.table}.${op.column} scans the whole table under an ACCESS EXCLUSIVE lock.`,
        fix: fixFor(ctx.framework, {
          sql: `
            ALTER TABLE ${t} ADD CONSTRAINT ${ident(name)} CHECK (${c} IS NOT NULL) NOT VALID;
            -- in a separate migration (no long lock: validation allows reads and writes):
            ALTER TABLE ${t} VALIDATE CONSTRAINT ${ident(name)};
            ALTER TABLE ${t} ALTER COLUMN ${c} SET NOT NULL;  -- PostgreSQL 12+ skips the scan
            ALTER TABLE ${t} DROP CONSTRAINT ${ident(name)};`,
          rails: () => `
            # migration 1
            def change
              add_check_constraint ${sym(op.table)}, "${op.column} IS NOT NULL", name: "${name}", validate: false
            end

            # migration 2
            def up
              validate_check_constraint ${sym(op.table)}, name: "${name}"
              change_column_null ${sym(op.table)}, ${sym(op.column)}, false
              remove_check_constraint ${sym(op.table)}, name: "${name}"
            end

            def down
              add_check_constraint ${sym(op.table)}, "${op.column} IS NOT NULL", name: "${name}", validate: false
              change_column_null ${sym(op.table)}, ${sym(op.column)}, true
            end`,
          django: () => op.embeddedSql
            ? `
            # the SET NOT NULL came from RunSQL: the same steps in SQL, one migration each
            migrations.RunSQL("ALTER TABLE ${op.table} ADD CONSTRAINT ${name} CHECK (${op.column} IS NOT NULL) NOT VALID", reverse_sql="ALTER TABLE ${op.table} DROP CONSTRAINT ${name}"),
            migrations.RunSQL("ALTER TABLE ${op.table} VALIDATE CONSTRAINT ${name}", reverse_sql=migrations.RunSQL.noop),
            migrations.RunSQL(
                "ALTER TABLE ${op.table} ALTER COLUMN ${op.column} SET NOT NULL; ALTER TABLE ${op.table} DROP CONSTRAINT ${name}",
                reverse_sql="ALTER TABLE ${op.table} ALTER COLUMN ${op.column} DROP NOT NULL",
            ),`
            : `
            from django.contrib.postgres.operations import AddConstraintNotValid, ValidateConstraint
            # migration 1
            AddConstraintNotValid(model_name="${op.ormModel ?? modelName(op.table).toLowerCase()}", constraint=models.CheckConstraint(${checkKeyword}=models.Q(${op.ormField ?? op.column}__isnull=False), name="${name}")),${checkNote}
            # migration 2${fillFirst}
            ValidateConstraint(model_name="${op.ormModel ?? modelName(op.table).toLowerCase()}", name="${name}"),
            # migration 3: AlterField(..., null=False) (PostgreSQL 12+ skips the scan), then RemoveConstraint`,
          alembic: () => `
            op.execute("ALTER TABLE ${op.table} ADD CONSTRAINT ${name} CHECK (${op.column} IS NOT NULL) NOT VALID")
            # next revision:
            op.execute("ALTER TABLE ${op.table} VALIDATE CONSTRAINT ${name}")
            op.alter_column("${op.table}", "${op.column}", nullable=False)
            op.drop_constraint("${name}", "${op.table}")`,
        }),
      });
    }
  },
});

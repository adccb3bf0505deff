import { defineRule } from "../support/rule.js";
import { derivedName, fixFor, ident, sym } from "../support/fix.js";
import { tableWithRows, upOps } from "../support/scope.js";

export default defineRule({
  meta: {
    id: "unique-constraint-without-index",
    category: "blocking-lock",
    severity: "error",
    title: "UNIQUE / PRIMARY KEY builds its index under an exclusive lock",
    why:
      "ADD CONSTRAINT ... UNIQUE or PRIMARY KEY (and ADD COLUMN ... UNIQUE) builds a unique index while holding an " +
      "ACCESS EXCLUSIVE lock: no reads or writes for the whole build. Build the index CONCURRENTLY first, then attach it " +
      "with ADD CONSTRAINT ... USING INDEX, which is instant.",
  },
  check(ctx) {
    for (const { op, index } of upOps(ctx, "add_constraint")) {
      if (op.usingIndex || !tableWithRows(ctx, op.table, index)) continue;
      if (op.constraint !== "unique" && op.constraint !== "primary_key" && op.constraint !== "exclusion") continue;
      const kind = op.constraint === "unique" ? "UNIQUE" : op.constraint === "primary_key" ? "PRIMARY KEY" : "EXCLUDE";
      const idx = derivedName(op.table, op.columns, op.constraint === "primary_key" ? "pkey" : "key");
      ctx.report({
        op,
        message: `Adding ${kind}${op.columns.length ? ` (${op.columns.join(", ")})` : ""} to ${op.table} builds an index while the table is locked against reads and writes.`,
        fix:
          op.constraint === "exclusion"
            ? fixFor(ctx.framework, {
                sql: "-- an exclusion constraint has no USING INDEX form: add it in a maintenance window or to a new table",
                rails: "# an exclusion constraint has no USING INDEX form: add it in a maintenance window or to a new table",
                django: "# an exclusion constraint has no USING INDEX form: add it in a maintenance window or to a new table",
                alembic: "# an exclusion constraint has no USING INDEX form: add it in a maintenance window or to a new table",
              })
            : fixFor(ctx.framework, {
                sql: `
                  CREATE UNIQUE INDEX CONCURRENTLY ${ident(idx)} ON ${ident(op.table)} (${op.columns.map(ident).join(", ")});
                  -- then (instant):
                  ALTER TABLE ${ident(op.table)} ADD CONSTRAINT ${ident(op.name ?? idx)} ${kind} USING INDEX ${ident(idx)};`,
                rails: `
                  disable_ddl_transaction!

                  def up
                    add_index ${sym(op.table)}, [${op.columns.map(sym).join(", ")}], unique: true, algorithm: :concurrently, name: "${idx}"
                    execute "ALTER TABLE ${op.table} ADD CONSTRAINT ${op.name ?? idx} ${kind} USING INDEX ${idx}"
                  end

                  def down
                    execute "ALTER TABLE ${op.table} DROP CONSTRAINT ${op.name ?? idx}"  # drops the index with it
                  end`,
                django: `
                  # atomic = False
                  migrations.SeparateDatabaseAndState(
                      database_operations=[
                          migrations.RunSQL(
                              "CREATE UNIQUE INDEX CONCURRENTLY ${idx} ON ${op.table} (${op.columns.join(", ")})",
                              reverse_sql="DROP INDEX CONCURRENTLY IF EXISTS ${idx}",
                          ),
                          migrations.RunSQL(
                              "ALTER TABLE ${op.table} ADD CONSTRAINT ${op.name ?? idx} ${kind} USING INDEX ${idx}",
                              reverse_sql="ALTER TABLE ${op.table} DROP CONSTRAINT ${op.name ?? idx}",
                          ),
                      ],
                      state_operations=[<the AddConstraint / AlterField / AlterUniqueTogether this replaces>],
                  ),`,
                alembic: `
                  with op.get_context().autocommit_block():
                      op.create_index("${idx}", "${op.table}", [${op.columns.map((c) => `"${c}"`).join(", ")}], unique=True, postgresql_concurrently=True)
                  op.execute("ALTER TABLE ${op.table} ADD CONSTRAINT ${op.name ?? idx} ${kind} USING INDEX ${idx}")`,
              }),
      });
    }
    for (const { op, index } of upOps(ctx, "add_column")) {
      if (!(op.column.unique || op.column.primaryKey) || !tableWithRows(ctx, op.table, index)) continue;
      const idx = derivedName(op.table, [op.column.name], "key");
      ctx.report({
        op,
        message: `Adding column ${op.table}.${op.column.name} with ${op.column.primaryKey ? "PRIMARY KEY" : "UNIQUE"} builds a unique index while the table is locked against reads and writes.`,
        fix: fixFor(ctx.framework, {
          sql: `
            ALTER TABLE ${ident(op.table)} ADD COLUMN ${ident(op.column.name)} ${op.column.type?.text ?? "<type>"};
            CREATE UNIQUE INDEX CONCURRENTLY ${ident(idx)} ON ${ident(op.table)} (${ident(op.column.name)});
            ALTER TABLE ${ident(op.table)} ADD CONSTRAINT ${ident(idx)} UNIQUE USING INDEX ${ident(idx)};`,
          rails: `add_column ${sym(op.table)}, ${sym(op.column.name)}, ...\n# then, with disable_ddl_transaction!:\nadd_index ${sym(op.table)}, ${sym(op.column.name)}, unique: true, algorithm: :concurrently`,
          django: `
            # atomic = False
            # 1. AddField(model_name="${op.ormModel ?? "..."}", name="${op.ormField ?? op.column.name}", ...) without unique=True
            # 2. build the unique index without blocking, attach it, and mark the field unique in Django's state only:
            migrations.SeparateDatabaseAndState(
                database_operations=[
                    migrations.RunSQL("CREATE UNIQUE INDEX CONCURRENTLY ${idx} ON ${op.table} (${op.column.name})", reverse_sql="DROP INDEX CONCURRENTLY IF EXISTS ${idx}"),
                    migrations.RunSQL("ALTER TABLE ${op.table} ADD CONSTRAINT ${idx} UNIQUE USING INDEX ${idx}", reverse_sql="ALTER TABLE ${op.table} DROP CONSTRAINT ${idx}"),
                ],
                state_operations=[migrations.AlterField(model_name="${op.ormModel ?? "..."}", name="${op.ormField ?? op.column.name}", field=models.<Field>(unique=True))],
            ),`,
          alembic: `
            op.add_column("${op.table}", sa.Column("${op.column.name}", <type>))
            with op.get_context().autocommit_block():
                op.create_index("${idx}", "${op.table}", ["${op.column.name}"], unique=True, postgresql_concurrently=True)
            op.execute("ALTER TABLE ${op.table} ADD CONSTRAINT ${idx} UNIQUE USING INDEX ${idx}")`,
        }),
      });
    }
  },
});

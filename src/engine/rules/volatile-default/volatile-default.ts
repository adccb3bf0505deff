import { defineRule } from "../support/rule.js";
import { railsType } from "../support/rails-fix.js";
import { fixFor, ident, modelName, sym } from "../support/fix.js";
import { tableWithRows, upOps } from "../support/scope.js";

export default defineRule({
  meta: {
    id: "volatile-default",
    category: "blocking-lock",
    severity: "error",
    title: "New column whose value is computed per row rewrites the table",
    why:
      "Since PostgreSQL 11, ADD COLUMN with a constant default is instant. A volatile default (random(), " +
      "gen_random_uuid(), clock_timestamp(), nextval()/serial, an unknown function), a GENERATED ... STORED expression " +
      "or an identity column must be computed for every existing row: the whole table is rewritten under an ACCESS EXCLUSIVE lock.",
    postgres: "before PostgreSQL 11 every non-NULL default rewrites the table",
  },
  check(ctx) {
    for (const { op, index } of upOps(ctx, "add_column")) {
      if (!tableWithRows(ctx, op.table, index)) continue;
      const column = op.column;
      let reason: string | undefined;
      if (column.generated === "stored") reason = "a GENERATED ... STORED column is computed for every existing row";
      else if (column.generated === "identity") reason = "an identity column is numbered for every existing row";
      else if (column.serial) reason = `${column.type?.name === "bigint" ? "bigserial" : "serial"} fills every existing row from a sequence`;
      else if (column.default?.volatile) reason = `the default ${column.default.expr || "expression"} is volatile, so it is evaluated for every existing row`;
      else if (column.default && ctx.postgresVersion < 11 && !/^null$/i.test(column.default.expr))
        reason = `before PostgreSQL 11 any default is written into every existing row`;
      if (!reason) continue;
      const t = ident(op.table);
      const c = ident(column.name);
      ctx.report({
        op,
        message: `Adding ${op.table}.${column.name} rewrites the whole table under an ACCESS EXCLUSIVE lock: ${reason}.`,
        fix: fixFor(ctx.framework, {
          sql: `
            ALTER TABLE ${t} ADD COLUMN ${c} ${column.type?.text ?? "<type>"};            -- instant, no default
            ALTER TABLE ${t} ALTER COLUMN ${c} SET DEFAULT ${column.default?.expr || "<expression>"};  -- new rows only
            -- backfill existing rows in batches, outside this migration:
            UPDATE ${t} SET ${c} = ${column.default?.expr || "<expression>"} WHERE id BETWEEN :start AND :end AND ${c} IS NULL;`,
          rails: `
            add_column ${sym(op.table)}, ${sym(column.name)}, ${railsType(column.type)}
            change_column_default ${sym(op.table)}, ${sym(column.name)}, from: nil, to: -> { "${column.default?.expr ?? "expression"}" }
            # backfill in a separate migration, in batches:
            # ${modelName(op.table)}.unscoped.in_batches(of: 1_000) { |b| b.where(${column.name}: nil).update_all("${column.name} = ${column.default?.expr ?? "expression"}") }`,
          django: `
            # 1. AddField with null=True and no default
            # 2. RunPython to backfill in batches (with reverse_code)
            # 3. set the default / NOT NULL in a later migration`,
          alembic: `
            op.add_column("${op.table}", sa.Column("${column.name}", <type>, nullable=True))
            op.alter_column("${op.table}", "${column.name}", server_default=sa.text("${column.default?.expr ?? "expression"}"))
            # backfill existing rows in batches in a separate step`,
        }),
      });
    }
  },
});

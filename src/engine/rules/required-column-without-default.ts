import { defineRule } from "./rule.js";
import { fixFor, ident, sym } from "./fix.js";
import { existingTable, upOps } from "./scope.js";

export default defineRule({
  meta: {
    id: "required-column-without-default",
    category: "breaking-change",
    severity: "error",
    title: "NOT NULL column added without a default",
    why:
      "Adding a NOT NULL column without a default fails on any table that has rows (\"column contains null values\"), " +
      "and even on an empty table it breaks every INSERT from the running code, which does not know the column yet.",
  },
  check(ctx) {
    for (const { op, index } of upOps(ctx, "add_column")) {
      const c = op.column;
      if (!c.notNull || c.default || c.generated || c.serial || c.primaryKey || !existingTable(ctx, op.table, index)) continue;
      ctx.report({
        op,
        message: `Adding NOT NULL column ${op.table}.${c.name} without a default fails if ${op.table} has rows, and breaks inserts from code that does not set it.`,
        fix: fixFor(ctx.framework, {
          sql: `
            -- a constant default makes it instant (PostgreSQL 11+) and keeps old inserts working:
            ALTER TABLE ${ident(op.table)} ADD COLUMN ${ident(c.name)} ${c.type?.text ?? "<type>"} NOT NULL DEFAULT <constant>;
            -- or add it nullable, backfill, then SET NOT NULL through a validated CHECK constraint.`,
          rails: `add_column ${sym(op.table)}, ${sym(c.name)}, :${c.type?.name ?? "type"}, null: false, default: <constant>`,
          django: `migrations.AddField(model_name="...", name="${c.name}", field=models.<Field>(default=<constant>))  # or null=True, backfill, then null=False`,
          alembic: `op.add_column("${op.table}", sa.Column("${c.name}", <type>, nullable=False, server_default=<constant>))`,
        }),
      });
    }
  },
});

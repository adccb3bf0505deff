import type { Operation } from "../../model.js";
import { railsType } from "../support/rails-fix.js";
import { nameKey } from "../support/facts.js";
import { positionsBy } from "../support/positions.js";
import { defineRule, type RuleContext } from "../support/rule.js";
import { fixFor, ident, sym } from "../support/fix.js";
import { existingTable, upOps } from "../support/scope.js";
import { ALL_DATABASES } from "../support/databases.js";

export default defineRule({
  meta: {
    id: "required-column-without-default",
    databases: ALL_DATABASES,
    category: "breaking-change",
    severity: "error",
    title: "NOT NULL column added without a default",
    why:
      "Adding a NOT NULL column without a default fails on any table that has rows (\"column contains null values\"), " +
      "and even on an empty table it breaks every INSERT from the running code, which does not know the column yet. " +
      "A default used only to fill existing rows and dropped right after (Django's AddField without db_default) leaves the same broken inserts.",
  },
  check(ctx) {
    for (const { op, index } of upOps(ctx, "add_column")) {
      const c = op.column;
      if (!c.notNull || c.generated || c.serial || c.primaryKey || !existingTable(ctx, op.table, index)) continue;
      // a default that only fills the existing rows and is dropped right after (Django's AddField) leaves old inserts failing
      const dropped = c.default ? defaultDroppedLater(ctx, op.table, c.name, index) : undefined;
      if (c.default && !dropped) continue;
      const model = op.ormModel ?? "...";
      ctx.report({
        op,
        message: dropped
          ? `NOT NULL column ${op.table}.${c.name} gets the default ${c.default!.expr} only to fill the existing rows: the database default is dropped again ${dropped.loc.line === op.loc.line ? "right after (Django keeps `default=` in Python only)" : `on line ${dropped.loc.line}`}, so inserts from the running code, which does not set ${c.name}, fail.`
          : ctx.facts.isEmptiedBefore(op.table, index)
            ? `Adding NOT NULL column ${op.table}.${c.name} without a default breaks inserts from code that does not set it (${op.table} is emptied earlier in this migration, so the ALTER itself succeeds).`
            : `Adding NOT NULL column ${op.table}.${c.name} without a default fails if ${op.table} has rows, and breaks inserts from code that does not set it.`,
        fix: fixFor(ctx.framework, {
          sql: `
            -- a constant default makes it instant (PostgreSQL 11+) and keeps old inserts working:
            ALTER TABLE ${ident(op.table)} ADD COLUMN ${ident(c.name)} ${c.type?.text ?? "<type>"} NOT NULL DEFAULT ${c.default?.expr ?? "<constant>"};
            -- keep the default until every running version of the code sets the column,
            -- or add it nullable, backfill, then SET NOT NULL through a validated CHECK constraint.`,
          rails: `add_column ${sym(op.table)}, ${sym(c.name)}, ${railsType(c.type)}, null: false, default: <constant>`,
          django: `
            # Django 5+: a database default stays in the table, so old code's inserts keep working
            migrations.AddField(model_name="${model}", name="${op.ormField ?? c.name}", field=models.<Field>(db_default=${c.default?.expr ?? "<constant>"})),
            # before Django 5: add the field with null=True, backfill it, and make it NOT NULL
            # (AlterField(null=False)) once every running version of the code writes it`,
          alembic: `op.add_column("${op.table}", sa.Column("${c.name}", <type>, nullable=False, server_default=${c.default ? `sa.text(${JSON.stringify(c.default.expr)})` : "<constant>"}))`,
        }),
      });
    }
  },
});

/** The DROP DEFAULT of this column later in the same up, if any, unless a SET DEFAULT after it puts one back. */
function defaultDroppedLater(ctx: RuleContext, table: string, column: string, after: number): Operation | undefined {
  const up = ctx.migration.up;
  const changes = (positionsBy(up, defaultChanged).get(`${nameKey(table)}.${nameKey(column)}`) ?? []).filter((i) => i > after).map((i) => up[i]);
  const last = changes[changes.length - 1];
  return last?.kind === "drop_default" ? changes.find((op) => op.kind === "drop_default") : undefined;
}

const defaultChanged = (op: Operation) => (op.kind === "drop_default" || op.kind === "set_default" ? `${nameKey(op.table)}.${nameKey(op.column)}` : undefined);

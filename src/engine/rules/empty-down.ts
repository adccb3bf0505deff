import { defineRule } from "./rule.js";
import { fixFor } from "./fix.js";
import { firstLine, hasMeaningfulUp } from "./scope.js";

/** The seed's outage: the rollback ran, and the down was blank. */
export default defineRule({
  meta: {
    id: "empty-down",
    category: "irreversible",
    severity: "error",
    title: "Down migration is empty",
    why:
      "An empty down looks like a rollback plan but does nothing: `rollback` reports success while the schema " +
      "stays changed, and the next deploy of the old code meets the new schema.",
  },
  check(ctx) {
    const { down, up } = ctx.migration;
    if (down.status !== "empty" || !hasMeaningfulUp(up)) return;
    ctx.report({
      loc: down.loc ?? firstLine(ctx),
      message: `The down migration${down.path ? ` (${down.path})` : ""} is empty: rolling back does nothing.`,
      fix: fixFor(ctx.framework, {
        sql: `-- write the statements that undo the up, in reverse order; if it truly cannot be undone, say so:\n-- DO $$ BEGIN RAISE EXCEPTION 'irreversible: restore from backup'; END $$;`,
        rails: `def down\n  # undo what up does, or say it cannot be done:\n  raise ActiveRecord::IrreversibleMigration, "say how to restore the data instead"\nend`,
        django: `migrations.RunPython(forwards, reverse_code=backwards)`,
        alembic: `def downgrade():\n    # undo what upgrade() does, in reverse order\n    ...`,
      }),
    });
  },
});

import { defineRule } from "../support/rule.js";
import { fixFor } from "../support/fix.js";
import { railsUndo } from "../support/rails-fix.js";
import { firstLine, hasMeaningfulUp } from "../support/scope.js";
import { ALL_DATABASES } from "../support/databases.js";

/** The seed's outage: the rollback ran, and the down was blank. */
export default defineRule({
  meta: {
    id: "empty-down",
    databases: ALL_DATABASES,
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
        // a down that raises is irreversible too: show the undo of each up operation instead
        rails: `def down\n  ${up.map(railsUndo).filter(Boolean).reverse().join("\n").replace(/\n/g, "\n  ") || "# put back what up changed: the previous values, the objects it dropped"}\nend`,
        django: `migrations.RunPython(forwards, reverse_code=backwards)`,
        alembic: `def downgrade():\n    # undo what upgrade() does, in reverse order\n    ...`,
      }),
    });
  },
});

import { defineRule } from "../support/rule.js";
import { fixFor } from "../support/fix.js";
import { downSubject, isRename, undo } from "../down-does-not-undo-up/down-does-not-undo-up.js";
import { isDerived } from "../support/derived-down.js";
import { railsDownFix } from "../support/rails-fix.js";
import { byUpOperation, outermost, downResidue } from "../support/schema-delta.js";
import { ALL_DATABASES } from "../support/databases.js";
import { constraintsRestoredUnderOtherNames } from "../support/restored-constraints.js";

/** The up removes or renames something and the down never brings it back: rolling back cannot restore it. */
export default defineRule({
  meta: {
    id: "down-does-not-restore",
    databases: ALL_DATABASES,
    category: "irreversible",
    severity: "warning",
    title: "Down migration does not restore what the up removed",
    why:
      "The up drops or renames an object (a table, a column, an index, a constraint, a view) and the down never " +
      "recreates it: after a rollback the old code meets a schema without it, so the rollback does not get you back " +
      "to where you were.",
  },
  check(ctx) {
    const missing = downResidue(ctx.migration).filter((e) => e.net < 0);
    // a constraint the down adds back under another name, the same definition: restored (support/restored-constraints.ts)
    const renamed = missing.some((e) => e.key.startsWith("constraint:")) ? constraintsRestoredUnderOtherNames(ctx) : undefined;
    if (renamed?.size) missing.splice(0, missing.length, ...missing.filter((e) => !renamed.has(e.key.slice("constraint:".length))));
    const { down } = ctx.migration;
    for (const [op, entries] of byUpOperation(outermost(missing))) {
      ctx.report({
        op,
        message: `${downSubject(down)} does not restore ${entries.map((e) => e.label).join(", ")}, ${isRename(op) ? "renamed" : "removed"} here: a rollback leaves ${entries.length > 1 ? "them" : "it"} missing.`,
        fix: fixFor(ctx.framework, {
          sql: `-- add to the down migration:\n${entries.map(undo).join("\n")}`,
          rails: () => railsDownFix(entries, { inChange: isDerived(down) }),
          alembic: () => `# add to downgrade(): recreate ${entries.map((e) => e.label).join(", ")}`,
        }),
      });
    }
  },
});

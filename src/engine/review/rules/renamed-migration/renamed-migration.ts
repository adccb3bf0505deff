import { dedent } from "../../../rules/support/fix.js";
import { runnerHistory } from "../../history/runners.js";
import { defineReviewRule } from "../../review-rule.js";

export default defineReviewRule({
  meta: {
    id: "renamed-migration",
    category: "history",
    severity: "error",
    title: "A migration that is already on the base branch was renamed",
    why:
      "Runners identify an applied migration by its version or name (and Liquibase by its file path). Under a " +
      "new name it is a new migration: it runs again where it already ran, and Flyway fails validation on the " +
      "applied version it can no longer find.",
  },
  check(ctx) {
    for (const m of ctx.migrations) {
      if (m.change.status !== "renamed" || !m.previousFile) continue;
      if (m.file.role === "repeatable" || m.file.role === "verify" || m.previousFile.role === "verify") continue;
      const history = runnerHistory(m.previousFile.layout);
      const sameIdentity =
        m.previousFile.framework === m.file.framework &&
        m.previousFile.version === m.file.version &&
        (m.file.layout === "rails" || m.previousFile.name === m.file.name) &&
        m.file.layout !== "liquibase" &&
        m.file.layout !== "django";
      if (sameIdentity) {
        ctx.report({
          path: m.change.path,
          line: 1,
          severity: "info",
          message: `Migration ${m.change.previousPath} moved to ${m.change.path} with the same ${m.file.version ? `version ${m.file.version}` : "name"}: ${history.tool} still recognises it, as long as it looks in the new folder.`,
          fix: "Make sure the runner's configured migration paths include the new folder.",
        });
        continue;
      }
      ctx.report({
        path: m.change.path,
        line: 1,
        message: `Migration ${m.change.previousPath} exists on the base branch and was renamed to ${m.change.path}. ${history.renamed}`,
        fix: dedent(`
          Keep the applied migration's file name:
            git mv ${m.change.path} ${m.change.previousPath}
          and put any new change in a new migration.`),
      });
    }
  },
});

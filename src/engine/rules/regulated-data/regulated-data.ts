import { regulatedOperations } from "../../regulated/operations.js";
import { REGULATED_DATA_RULE } from "../../regulated/waivers.js";
import { fixFor, ident } from "../support/fix.js";
import { defineRule } from "../support/rule.js";
import { ALL_DATABASES } from "../support/databases.js";

/** The seed: "Do not delete regulated data without legal sign-off." */
export default defineRule({
  meta: {
    id: REGULATED_DATA_RULE,
    databases: ALL_DATABASES,
    category: "data-loss",
    severity: "error",
    title: "Regulated data is dropped, deleted or overwritten",
    why:
      "Columns listed under `sensitive:` in .github/migguard.yml hold data under regulation (retention, audit, " +
      "privacy law). Dropping, truncating, deleting or overwriting it needs a recorded decision: only a waiver " +
      "with a reason clears the finding (safety_assured does not), and in the GitHub App the pull request must " +
      "then be approved by a user with maintain or admin permission on the repository.",
  },
  check(ctx) {
    for (const hit of regulatedOperations(ctx.migration, ctx.config)) {
      const first = hit.objects[0].split(" ")[0];
      const table = first.includes(".") ? first.slice(0, first.lastIndexOf(".")) : first;
      ctx.report({
        // a copy without `assured`: safety_assured must not downgrade regulated data
        op: { ...hit.op, assured: false },
        message:
          `This migration ${hit.verb} regulated data: ${hit.objects.join(", ")} (sensitive: ${hit.patterns.join(", ")}). ` +
          "Only a waiver with a reason clears it, and in the GitHub App the pull request must then be approved by a user with maintain or admin permission.",
        fix: fixFor(ctx.framework, {
          sql: `
            -- Keep what retention rules require before destroying it (an archive the auditors know about):
            CREATE TABLE ${ident(`${table}_archive`)} AS SELECT * FROM ${ident(table)};
            -- then record the decision next to the statement and have a maintainer approve the pull request:
            -- migguard:ignore ${REGULATED_DATA_RULE} <ticket / legal sign-off reference>`,
          rails: () => `
            # record the decision next to the statement (safety_assured is not enough for regulated data):
            # migguard:ignore ${REGULATED_DATA_RULE} <ticket / legal sign-off reference>
            # and have a maintainer or admin approve the pull request`,
          django: () => `
            # record the decision next to the operation:
            # migguard:ignore ${REGULATED_DATA_RULE} <ticket / legal sign-off reference>
            # and have a maintainer or admin approve the pull request`,
        }),
      });
    }
  },
});

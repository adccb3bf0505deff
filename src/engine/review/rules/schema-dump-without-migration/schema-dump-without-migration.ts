import { dumpVersions, schemaRbShape } from "../../dumps/dump-versions.js";
import { coveredChanges } from "../../dumps/dump-coverage.js";
import { defineReviewRule } from "../../review-rule.js";

export default defineReviewRule({
  meta: {
    id: "schema-dump-without-migration",
    category: "drift",
    severity: "warning",
    title: "The schema dump changed without a migration",
    why:
      "A schema dump is generated from migrations. Changed on its own, it was edited by hand or dumped from a " +
      "database with changes no migration makes (a manual hotfix, another branch's migration): test databases " +
      "load a schema production will never get.",
  },
  check(ctx) {
    for (const state of ctx.dumps) {
      if (state.change?.status !== "modified" && state.change?.status !== "renamed") continue;
      if (coveredChanges(ctx, state).length > 0) continue;
      const line = state.headContent !== undefined ? (dumpVersions(state.dump.format, state.headContent).line ?? 1) : 1;
      // dumped again by a newer Rails (8.1 sorts columns and writes Schema[8.1]): the same tables, columns and indexes
      if (state.dump.format === "schema.rb" && state.baseContent !== undefined && state.headContent !== undefined) {
        const before = schemaRbShape(state.baseContent);
        if (before !== undefined && before === schemaRbShape(state.headContent)) {
          ctx.report({
            path: state.dump.path,
            line,
            severity: "info",
            statement: "dump re-dumped",
            message: `${state.dump.path} was dumped again without a migration, but it describes the same schema: the same tables, columns, indexes and version, in another order or under another Rails version's header.`,
            fix: "Nothing to do.",
          });
          continue;
        }
      }
      ctx.report({
        path: state.dump.path,
        line,
        statement: "dump without migration",
        message: `${state.dump.path} changed, but no migration it describes did: the dump no longer matches what the migrations build.`,
        fix: `Make the schema change in a migration and dump the schema from it, or revert the hand edit: git checkout <base> -- ${state.dump.path}`,
      });
    }
  },
});

import { dedent } from "../../../rules/support/fix.js";
import { isPrimaryFile } from "../../classify.js";
import { dumpAtHead } from "../../dumps/dump-coverage.js";
import { defineReviewRule, type ChangedMigration } from "../../review-rule.js";
import type { Migration } from "../../../model.js";
import { dumpVersions, schemaRbItems } from "../../dumps/dump-versions.js";
import { dumpShows } from "../../dumps/dump-shows.js";
import { compareVersions, versionKey } from "../../../migration-versions.js";

export default defineReviewRule({
  meta: {
    id: "schema-dump-not-updated",
    category: "drift",
    severity: "warning",
    title: "New migrations without an updated schema dump",
    why:
      "The repository keeps a schema dump (db/schema.rb, db/structure.sql, or a configured file) that new " +
      "environments and test databases load instead of running every migration. A change that adds migrations " +
      "without dumping the schema again leaves them out: CI and new environments run a schema production will " +
      "not have.",
  },
  check(ctx) {
    for (const state of ctx.dumps) {
      if (!dumpAtHead(state) || state.change) continue;
      // a version the base branch's structure.sql already records needs no new dump (dumped from a database that ran it)
      const recorded = state.baseContent === undefined ? undefined : dumpVersions(state.dump.format, state.baseContent);
      const alreadyDumped = (version: string | undefined) =>
        version !== undefined && (recorded?.versions ?? []).some((v) => versionKey(v) === versionKey(version));
      // schema.rb records the schema and the newest version alone: a migration that runs nothing, older than that
      // version, leaves db:migrate's dump byte for byte the same (structure.sql would gain its schema_migrations row)
      const loaded = state.headContent ?? state.baseContent;
      const dumpVersion = state.dump.format === "schema.rb" && loaded !== undefined ? dumpVersions(state.dump.format, loaded).newest : undefined;
      // a schema.rb at or past a migration's version that already shows what it does was dumped from a database that
      // ran it (an earlier change committed that dump early): db:migrate would write it again unchanged (issue #19)
      const items = dumpVersion !== undefined ? schemaRbItems(loaded!) : undefined;
      const shownInDump = (m: ChangedMigration) =>
        items !== undefined && m.head !== undefined && m.head.up.length > 0 && m.file.version !== undefined && compareVersions(m.file.version, dumpVersion!) <= 0 && dumpShows(items, m.head);
      // a restored migration (a revert of its deletion) at or below the version schema.rb records: the dump was
      // written from databases that ran it before the deletion
      const restoredBeforeDump = (m: ChangedMigration) => m.restored !== undefined && dumpVersion !== undefined && m.file.version !== undefined && compareVersions(m.file.version, dumpVersion) <= 0;
      const added = ctx.migrations.filter((m) => m.change.status === "added" && isPrimaryFile(m.file) && state.dump.covers(m.file) && !alreadyDumped(m.file.version) && !shownInDump(m) && !restoredBeforeDump(m));
      if (added.length === 0) continue;
      const changesNothing = (m: ChangedMigration) => dumpVersion !== undefined && m.file.version !== undefined && compareVersions(m.file.version, dumpVersion) < 0 && runsNothing(m.head);
      if (added.every(changesNothing)) {
        ctx.report({
          path: added[0].change.path,
          line: 1,
          severity: "info",
          statement: `dump ${state.dump.path}`,
          message: `This change adds ${added.length === 1 ? "a migration" : `${added.length} migrations`} (${added.map((m) => m.change.path).join(", ")}) that ${added.length === 1 ? "runs" : "run"} nothing, older than the version ${state.dump.path} records (${dumpVersion}): db:migrate dumps the same ${state.dump.path}, so there is nothing to update.`,
          fix: "Nothing to do.",
        });
        continue;
      }
      const newest = added.reduce((a, b) => (compareVersions(b.file.version ?? "", a.file.version ?? "") > 0 ? b : a));
      const rails = state.dump.path.endsWith(".rb") || newest.file.framework === "rails";
      ctx.report({
        path: newest.change.path,
        line: 1,
        statement: `dump ${state.dump.path}`,
        message: `This change adds ${added.length === 1 ? "a migration" : `${added.length} migrations`} (${added.map((m) => m.change.path).join(", ")}) but does not update ${state.dump.path}, the schema dump new environments and tests load.`,
        fix: rails
          ? dedent(`
              Run the migrations and commit the dump they produce:
                bin/rails db:migrate
                git add ${state.dump.path}`)
          : `Run the migrations against a scratch database, dump the schema again (dbmate dump, pg_dump --schema-only) and commit ${state.dump.path}.`,
      });
    }
  },
});

/** A migration read whole whose up runs no statement (`def change; end`, a comment alone): db:migrate changes no table. */
function runsNothing(model: Migration | undefined): boolean {
  return model !== undefined && !model.up.length && !model.syntaxErrors.length && !model.tooComplex.length && !model.hidden.length && !model.notes.length;
}

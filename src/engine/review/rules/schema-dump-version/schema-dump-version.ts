import { newestCovered, dumpAtHead } from "../../dumps/dump-coverage.js";
import { dumpVersions } from "../../dumps/dump-versions.js";
import { isPrimaryFile } from "../../classify.js";
import type { DetectedFile } from "../../../detect.js";
import { defineReviewRule } from "../../review-rule.js";
import { compareVersions, versionKey } from "../../../migration-versions.js";

/** How the project writes this dump: Rails' migrate task dumps as it runs, dbmate has its own command. */
function dumpCommand(newest: DetectedFile): string {
  if (newest.layout === "rails") return "bin/rails db:migrate, which dumps the schema after it runs, or bin/rails db:schema:dump";
  if (newest.layout === "dbmate") return "dbmate migrate, which writes db/schema.sql, or dbmate dump";
  return `the command that runs ${newest.framework} migrations and writes the dump`;
}

export default defineReviewRule({
  meta: {
    id: "schema-dump-version",
    category: "drift",
    severity: "warning",
    title: "The schema dump's version is not the newest migration's",
    why:
      "A dump records the version of the last migration it includes (schema.rb's `define(version:)`, the " +
      "schema_migrations rows of structure.sql). Older than the newest migration, it misses changes; newer than " +
      "any migration in the repository, it was dumped from a database that ran a migration this change does not have.",
  },
  check(ctx) {
    for (const state of ctx.dumps) {
      if (!state.change || !dumpAtHead(state) || state.headContent === undefined) continue;
      const newest = newestCovered(ctx, state);
      if (!newest?.version) continue;
      const read = dumpVersions(state.dump.format, state.headContent);
      if (!read.newest) {
        ctx.report({
          path: state.dump.path,
          line: 1,
          severity: "info",
          message: `migguard could not read the version of ${state.dump.path}: ${read.problem ?? "no version found"}.`,
          fix: "Dump the schema with the framework's own task so it records the migration versions.",
        });
        continue;
      }
      const order = compareVersions(read.newest, newest.version);
      const recorded = new Set(read.versions.map(versionKey));
      const missing =
        state.dump.format === "structure.sql"
          ? ctx.migrations.filter((m) => m.change.status === "added" && isPrimaryFile(m.file) && state.dump.covers(m.file) && m.file.version && !recorded.has(versionKey(m.file.version)))
          : [];
      if (order === 0 && missing.length === 0) continue;
      const message =
        order < 0
          ? `${state.dump.path} records version ${read.newest}, but ${newest.path} (${newest.version}) is newer: the dump was made before that migration ran.`
          : order > 0
            ? `${state.dump.path} records version ${read.newest}, newer than every migration it describes (the newest is ${newest.version}, ${newest.path}): it was dumped from a database that ran a migration this change does not contain.`
            : `${state.dump.path} does not record ${missing.map((m) => m.file.version).join(", ")}, added by this change: the dump was made before they ran.`;
      ctx.report({
        path: state.dump.path,
        line: read.line ?? 1,
        statement: `dump version ${read.newest}`,
        message,
        details: missing.map((m) => `not in the dump: ${m.change.path}`),
        fix:
          order > 0
            ? "Dump the schema again from a database that ran exactly this branch's migrations (reset it first, e.g. bin/rails db:reset db:migrate), or add the missing migration."
            : `Run the new migrations and dump the schema again (${dumpCommand(newest)}), then commit the dump.`,
      });
    }
  },
});

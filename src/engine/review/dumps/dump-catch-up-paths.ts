/**
 * The base migrations a review reads for a dump the change modifies: the newest DUMP_CATCH_UP_READS of them, whose
 * operations say whether the dump only catches up with them, or only loses what none of them builds (which needs
 * every one: dump-catch-up.ts), and, when the change's migrations change the dump too, whether what they do not
 * explain is a catch-up or a repair rather than drift (dump-drift.ts). A catch-up with an older migration is not
 * recognised: its error stays.
 */
import type { Config } from "../../config.js";
import type { ChangedFile } from "../changes.js";
import { detectMigrationPath, isPrimaryFile } from "../classify.js";
import { schemaDumpOf } from "../../repository/schema-dump-paths.js";
import type { RailsDatabases } from "../../repository/rails-databases.js";
import { compareVersions } from "../../migration-versions.js";

/**
 * how many of a changed dump's newest migrations are read: a dump fixed by hand catches up with recent ones, and a
 * column no migration builds is proved only with all of them (a project's whole history is usually fewer)
 */
export const DUMP_CATCH_UP_READS = 400;

/**
 * how many when the change's own migrations change the dump too (the usual pull request): the newest ones, which a
 * branch behind its base catches up with. The App fetches each from the contents API, so not a whole history per
 * pull request; a repair back to an older migration's definition goes unrecognised beyond them, as beyond 400 above.
 */
export const DUMP_DRIFT_READS = 25;

/** `databases`: the review's Rails databases, of the base tree and the change's paths. */
export function dumpCatchUpPaths(changes: readonly ChangedFile[], basePaths: readonly string[], config: Config, databases: RailsDatabases): string[] {
  const dumps = changes.flatMap((c) => (c.status === "modified" ? (schemaDumpOf(c.path, config, databases) ?? []) : []));
  // the base tree is walked for a modified dump only
  if (!dumps.length) return [];
  const changedMigrations = changes.flatMap((c) => [c.path, ...(c.previousPath ? [c.previousPath] : [])].flatMap((p) => detectMigrationPath(p, config) ?? []));
  const files = basePaths.flatMap((p) => detectMigrationPath(p, config) ?? []).filter((f) => f.version !== undefined && isPrimaryFile(f));
  const out = new Set<string>();
  for (const dump of dumps) {
    const reads = changedMigrations.some((f) => dump.covers(f)) ? DUMP_DRIFT_READS : DUMP_CATCH_UP_READS;
    const described = files.filter((f) => dump.covers(f)).sort((a, b) => compareVersions(b.version!, a.version!));
    for (const f of described.slice(0, reads)) out.add(f.path);
  }
  return [...out];
}

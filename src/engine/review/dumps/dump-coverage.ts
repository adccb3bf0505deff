/** Which migrations a schema dump describes, at head: the base branch's, minus removed, plus added. */
import type { DetectedFile } from "../../detect.js";
import { isPrimaryFile } from "../classify.js";
import type { ChangedMigration, ReviewFacts, SchemaDumpState } from "../review-rule.js";
import { compareVersions } from "../../migration-versions.js";

/** The dump exists once the change is merged. */
export const dumpAtHead = (state: SchemaDumpState): boolean => (state.onBase || state.change?.status === "added") && state.change?.status !== "removed";

/** Migration changes of any kind that the dump describes. */
export const coveredChanges = (facts: ReviewFacts, state: SchemaDumpState): ChangedMigration[] =>
  facts.migrations.filter((m) => state.dump.covers(m.file) || (m.previousFile !== undefined && state.dump.covers(m.previousFile)));

/** The newest migration the dump should record, with its file. */
export function newestCovered(facts: ReviewFacts, state: SchemaDumpState): DetectedFile | undefined {
  const gone = new Set(facts.changes.flatMap((c) => (c.status === "removed" ? [c.path] : c.status === "renamed" && c.previousPath ? [c.previousPath] : [])));
  const candidates = [
    ...(facts.baseMigrations ?? []).filter((f) => !gone.has(f.path)),
    ...facts.migrations.filter((m) => m.change.status === "added" || m.change.status === "renamed").map((m) => m.file),
  ].filter((f) => isPrimaryFile(f) && f.version !== undefined && state.dump.covers(f));
  let newest: DetectedFile | undefined;
  for (const f of candidates) if (!newest || compareVersions(f.version!, newest.version!) > 0) newest = f;
  return newest;
}

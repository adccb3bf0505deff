/**
 * The versions the change is judged against: per migration set (a folder of one framework), the versions
 * on the base branch minus what the change removes, and the migrations the change adds.
 */
import type { DetectedFile } from "../../detect.js";
import { isPrimaryFile, migrationSetKey } from "../classify.js";
import type { ChangedMigration, ReviewFacts } from "../review-rule.js";

export interface VersionSet {
  key: string;
  /** primary files on the base branch that the change keeps */
  base: DetectedFile[];
  /** primary files the change adds */
  added: ChangedMigration[];
  /** primary files the change renames, at their new path (their old path is no longer in `base`) */
  renamed: ChangedMigration[];
}

export function versionSets(facts: ReviewFacts): VersionSet[] {
  if (!facts.baseMigrations) return [];
  const gone = new Set(facts.changes.flatMap((c) => (c.status === "removed" ? [c.path] : c.status === "renamed" && c.previousPath ? [c.previousPath] : [])));
  const sets = new Map<string, VersionSet>();
  const setOf = (file: DetectedFile) => {
    const key = migrationSetKey(file, facts.railsDatabases);
    let set = sets.get(key);
    if (!set) sets.set(key, (set = { key, base: [], added: [], renamed: [] }));
    return set;
  };
  for (const file of facts.baseMigrations) if (isPrimaryFile(file) && !gone.has(file.path)) setOf(file).base.push(file);
  for (const m of facts.migrations) if (m.change.status === "added" && isPrimaryFile(m.file)) setOf(m.file).added.push(m);
  for (const m of facts.migrations) if (m.change.status === "renamed" && isPrimaryFile(m.file)) sets.get(migrationSetKey(m.file, facts.railsDatabases))?.renamed.push(m);
  return [...sets.values()].filter((s) => s.added.length > 0);
}

/**
 * A Drizzle migration as its folder's meta/_journal.json describes it: drizzle-orm's migrator reads the journal's
 * entries (not the folder's files) and applies them in the journal's order, each dated by `when` (epoch ms, what the
 * migrator compares with the newest applied migration), on the journal's dialect. The journal comes among the
 * repository's files (fact-paths.ts); without it the tag's number stands for the order (drizzle-kit's default prefix
 * is the idx) and the folder's database is decided as for any SQL folder.
 */
import type { MigrationUnit } from "../../group.js";
import type { SourceFile } from "../../model.js";
import { dirOf } from "../../paths.js";
import { DRIZZLE_JOURNAL, readDrizzleJournal } from "./layouts/drizzle.js";

/** The tag a migration file has in the journal: its name without `.sql`. */
const tagOf = (path: string): string => path.slice(dirOf(path).length).replace(/^\//, "").replace(/\.sql$/, "");

/** Sets the unit's order (the entry's idx), date (`when`) and database (the journal's dialect) from its folder's journal. */
export function withDrizzleJournal(unit: MigrationUnit, repositoryFiles: readonly SourceFile[]): void {
  const folder = dirOf(unit.file.path);
  const journalPath = folder ? `${folder}/${DRIZZLE_JOURNAL}` : DRIZZLE_JOURNAL;
  const file = repositoryFiles.find((f) => f.path === journalPath);
  const journal = file && readDrizzleJournal(file.content);
  if (!journal) return;
  if (journal.database) {
    unit.database = journal.database;
    unit.databaseNamedBy = `${journalPath} says "dialect": "${journal.dialect}"`;
  }
  const entry = journal.entries.find((e) => e.tag === tagOf(unit.file.path));
  if (!entry) return;
  // drizzle-kit's own tags start with the idx, four digits wide
  unit.file = { ...unit.file, version: String(entry.idx).padStart(4, "0") };
  const date = new Date(entry.when);
  if (!Number.isNaN(date.getTime())) unit.generatedOn = date.toISOString();
}

/**
 * SQL migration folders that a file of their runner marks, since their migrations' names and content alone do not
 * say whose they are: tern.conf beside tern's `<n>_<name>.sql` files (tern reads its config and the migrations from
 * one folder by default; a file without the `---- create above / drop below ----` line has no other mark), and
 * atlas.sum beside Atlas's versioned migrations (the directory's integrity file, which `atlas migrate apply` checks),
 * and drizzle-kit's meta/_journal.json below Drizzle's `<tag>.sql` files (the list its migrator applies), or drizzle-kit
 * 1.0's snapshot.json in each `<timestamp>_<name>/` folder beside its migration.sql.
 * Read from paths alone, so the review decides with the base tree's listing (and the change's own files: a new Atlas
 * migration changes atlas.sum too) and the CLI with its walk or the named file's folder.
 */
import type { Config } from "../config.js";
import { baseOf, dirOf, literalGlob } from "../paths.js";
import { drizzleFolderOfJournal, isDrizzleJournalPath } from "../adapters/sql/layouts/drizzle.js";

/** drizzle-kit 1.0's folder per migration: `<folder>/<14-digit timestamp>_<name>/snapshot.json` beside its migration.sql */
const DRIZZLE_V1_SNAPSHOT = /^(?:(.*)\/)?\d{14}_[^/]+\/snapshot\.json$/;

/** The SQL files of a marked folder: its own .sql files, or (drizzle-kit 1.0) each subfolder's migration.sql. */
const OWN_SQL = (folder: string) => (folder ? `${literalGlob(folder)}/*.sql` : "*.sql");
const SUBFOLDER_MIGRATION = (folder: string) => (folder ? `${literalGlob(folder)}/*/migration.sql` : "*/migration.sql");

/** The file that marks a folder as a runner's (and the folder it marks), the `paths` key naming such folders, and the glob of its files. */
const MARKS = [
  { marks: (path: string) => (baseOf(path) === "tern.conf" ? dirOf(path) : undefined), key: "tern", files: OWN_SQL },
  { marks: (path: string) => (baseOf(path) === "atlas.sum" ? dirOf(path) : undefined), key: "atlas", files: OWN_SQL },
  { marks: (path: string) => (isDrizzleJournalPath(path) ? drizzleFolderOfJournal(path) : undefined), key: "drizzle", files: OWN_SQL },
  // drizzle-kit 1.0 writes no journal: a snapshot.json in each migration's folder, which Prisma's folders never hold
  // (latitude-llm's packages/platform/db-postgres/drizzle, read as Prisma's before)
  { marks: (path: string) => DRIZZLE_V1_SNAPSHOT.exec(path)?.[1] ?? (DRIZZLE_V1_SNAPSHOT.test(path) ? "" : undefined), key: "drizzle", files: SUBFOLDER_MIGRATION },
] as const;

/** `config` whose `paths.tern` / `paths.atlas` / `paths.drizzle` also name the .sql files of every folder among `paths` that its runner's file marks. */
export function withMarkedSqlFolders(config: Config, paths: Iterable<string>): Config {
  let out = config;
  const all = [...paths];
  for (const { marks, key, files } of MARKS) {
    const globs = all
      .flatMap((path) => marks(path) ?? [])
      .map(files)
      .filter((glob) => !(out.paths[key] ?? []).includes(glob));
    if (globs.length) out = { ...out, paths: { ...out.paths, [key]: [...(out.paths[key] ?? []), ...new Set(globs)] } };
  }
  return out;
}

/**
 * SQL migration folders that a file of their runner marks, since their migrations' names and content alone do not
 * say whose they are: tern.conf beside tern's `<n>_<name>.sql` files (tern reads its config and the migrations from
 * one folder by default; a file without the `---- create above / drop below ----` line has no other mark), and
 * atlas.sum beside Atlas's versioned migrations (the directory's integrity file, which `atlas migrate apply` checks),
 * and drizzle-kit's meta/_journal.json below Drizzle's `<tag>.sql` files (the list its migrator applies).
 * Read from paths alone, so the review decides with the base tree's listing (and the change's own files: a new Atlas
 * migration changes atlas.sum too) and the CLI with its walk or the named file's folder.
 */
import type { Config } from "../config.js";
import { baseOf, dirOf, literalGlob } from "../paths.js";
import { drizzleFolderOfJournal, isDrizzleJournalPath } from "../adapters/sql/layouts/drizzle.js";

/** The file that marks a folder as a runner's (and the folder it marks), and the `paths` key naming such folders. */
const MARKS = [
  { marks: (path: string) => (baseOf(path) === "tern.conf" ? dirOf(path) : undefined), key: "tern" },
  { marks: (path: string) => (baseOf(path) === "atlas.sum" ? dirOf(path) : undefined), key: "atlas" },
  { marks: (path: string) => (isDrizzleJournalPath(path) ? drizzleFolderOfJournal(path) : undefined), key: "drizzle" },
] as const;

/** `config` whose `paths.tern` / `paths.atlas` / `paths.drizzle` also name the .sql files of every folder among `paths` that its runner's file marks. */
export function withMarkedSqlFolders(config: Config, paths: Iterable<string>): Config {
  let out = config;
  const all = [...paths];
  for (const { marks, key } of MARKS) {
    const globs = all
      .flatMap((path) => marks(path) ?? [])
      .map((folder) => (folder ? `${literalGlob(folder)}/*.sql` : "*.sql"))
      .filter((glob) => !(out.paths[key] ?? []).includes(glob));
    if (globs.length) out = { ...out, paths: { ...out.paths, [key]: [...(out.paths[key] ?? []), ...new Set(globs)] } };
  }
  return out;
}

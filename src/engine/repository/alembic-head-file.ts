/**
 * A file some Alembic projects keep beside their revisions naming the head revision (notifications-api's
 * migrations/.current-alembic-head, which its tests compare with the newest revision file): a fix that adds a
 * revision after the head must say to update it. Found by its name next to the script folder's versions/.
 */
import type { SourceFile } from "../model.js";
import { baseOf, dirOf } from "../paths.js";

/** `.current-alembic-head`, `alembic_head`, `.alembic-head.txt`, `HEAD` ...: not Python, named after the head. */
export const isAlembicHeadPath = (path: string): boolean => /^\.?(?:current[-_.])?(?:alembic[-_.])?heads?(?:\.txt)?$/i.test(baseOf(path));

/** The folders a head file of the revisions in `migrationPath`'s folder sits in: the script folder above versions/, or versions/ itself. */
export function headFileFolders(migrationPath: string): string[] {
  const versions = dirOf(migrationPath);
  return baseOf(versions) === "versions" ? [dirOf(versions), versions] : [versions];
}

/** The head file of `migrationPath`'s revisions among `files`, when its text is one revision id. */
export function alembicHeadFileOf(files: readonly SourceFile[], migrationPath: string): SourceFile | undefined {
  const folders = headFileFolders(migrationPath);
  return files.find((f) => isAlembicHeadPath(f.path) && folders.includes(dirOf(f.path)) && /^\s*[\w-]+\s*$/.test(f.content));
}

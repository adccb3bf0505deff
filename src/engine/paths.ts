/** Repository paths as the engine sees them: `/`-separated, relative, no trailing slash. */

/** The folder of a path (`db/migrate/1_x.rb` -> `db/migrate`), "" for a file at the root. */
export const dirOf = (path: string): string => (path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "");

/** A path as a glob that matches only itself: picomatch's special characters escaped (a folder named `app(1)`). */
export const literalGlob = (path: string): string => path.replace(/[\\*?[\]{}()!+@|]/g, "\\$&");

/** The file name of a path (`db/migrate/1_x.rb` -> `1_x.rb`). */
export const baseOf = (path: string): string => path.slice(path.lastIndexOf("/") + 1);

/** File names that say nothing of their migration: the migration's folder carries its version and name. */
const FOLDER_MIGRATION_FILES = new Set(["migration.sql", "up.sql", "down.sql"]);

/**
 * How a message names a migration: its file name, or its folder and file name in one-folder-per-migration layouts
 * (Prisma's `20240101000000_add_survey/migration.sql`, diesel's `<version>_<name>/up.sql`), where every file is
 * called the same.
 */
export function migrationLabel(path: string): string {
  const base = baseOf(path);
  const folder = baseOf(dirOf(path));
  return FOLDER_MIGRATION_FILES.has(base) && folder ? `${folder}/${base}` : base;
}

/** The folder of a path with its slash (`db/migrate/1_x.rb` -> `db/migrate/`), "" at the root: a sibling's name goes after it. */
export const folderPrefix = (path: string): string => (path.includes("/") ? path.slice(0, path.lastIndexOf("/") + 1) : "");

/** Django's app label for a migration file: the folder above `migrations/`. */
export function djangoAppOf(path: string): string {
  const parts = path.split("/");
  return parts[parts.length - 3] ?? "";
}

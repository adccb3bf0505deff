/** Repository paths as the engine sees them: `/`-separated, relative, no trailing slash. */

/** The folder of a path (`db/migrate/1_x.rb` -> `db/migrate`), "" for a file at the root. */
export const dirOf = (path: string): string => (path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "");

/** The file name of a path (`db/migrate/1_x.rb` -> `1_x.rb`). */
export const baseOf = (path: string): string => path.slice(path.lastIndexOf("/") + 1);

/** The folder of a path with its slash (`db/migrate/1_x.rb` -> `db/migrate/`), "" at the root: a sibling's name goes after it. */
export const folderPrefix = (path: string): string => (path.includes("/") ? path.slice(0, path.lastIndexOf("/") + 1) : "");

/** Django's app label for a migration file: the folder above `migrations/`. */
export function djangoAppOf(path: string): string {
  const parts = path.split("/");
  return parts[parts.length - 3] ?? "";
}

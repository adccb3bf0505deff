/**
 * SQL migration files by their extension. Every runner reads `.sql`; golang-migrate reads any extension after
 * `.up.` / `.down.` (its source parser: `^([0-9]+)_(.*)\.(down|up)\.(.*)$`), and projects on PostgreSQL name theirs
 * for it: transitland-lib's `20211206202419_init.up.pgsql`. Those names are PostgreSQL's SQL, read as `.sql` is.
 * The other layouts' runners read `.sql` alone (goose, dbmate, sql-migrate, tern, Flyway's default suffix), so
 * only golang-migrate's names take them (detect.ts).
 */

/** The extensions that name PostgreSQL's SQL (`.pgsql`, `.psql`, `.postgresql`), without their dot. */
export const POSTGRES_SQL_EXTENSIONS = ["pgsql", "psql", "postgresql"] as const;

const POSTGRES_SQL_FILE = /\.(?:pgsql|psql|postgresql)$/;

/** A file whose extension names PostgreSQL's SQL (`x.up.pgsql`). */
export const isPostgresSqlPath = (path: string): boolean => POSTGRES_SQL_FILE.test(path);

/** A file of SQL by its extension: `.sql`, or one that names PostgreSQL's SQL. */
export const isSqlPath = (path: string): boolean => path.endsWith(".sql") || isPostgresSqlPath(path);

/** The extension of a SQL file with its dot (`.sql`, `.pgsql`), "" for any other file. */
export const sqlExtensionOf = (path: string): string => (isSqlPath(path) ? path.slice(path.lastIndexOf(".")) : "");

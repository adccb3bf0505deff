/**
 * gobuffalo/pop and ory/popx keep one SQL file per database beside each other: `x.mysql.up.sql`,
 * `x.postgres.up.sql`, `x.cockroach.up.sql`, `x.sqlite3.up.sql`. The suffix names the database the file runs on;
 * a file without it (`x.down.sql`) is the one for every database that has no file of its own. popx adds an
 * `.autocommit` part (`x.postgres.autocommit.up.sql`, `x.autocommit.up.sql`): that file runs outside a transaction,
 * every other one inside a transaction popx opens.
 */
import type { Database } from "../model.js";
import { baseOf, dirOf } from "../paths.js";
import { isPostgresSqlPath } from "../sql-file-names.js";

const POP_SUFFIX = /(?:\.(mysql|mariadb|postgres|postgresql|cockroach|sqlite3?))?(\.autocommit)?\.(up|down)\.sql$/;

/** The parts of a pop file name after `<version>_<name>`; undefined when the name has neither a dialect nor `.autocommit`. */
export interface PopSuffix {
  /** the dialect as written (`postgres`, `cockroach`), undefined for a file that applies to every database */
  dialect?: string;
  autocommit: boolean;
  direction: "up" | "down";
  /** the path without the dialect and `.autocommit` parts, up to `.up.sql`/`.down.sql` excluded */
  stem: string;
}

export function popSuffix(path: string): PopSuffix | undefined {
  const m = POP_SUFFIX.exec(path);
  if (!m || (!m[1] && !m[2])) return undefined;
  return { dialect: m[1], autocommit: Boolean(m[2]), direction: m[3] as "up" | "down", stem: path.slice(0, m.index) };
}

/**
 * The database a SQL migration's name says: pop's dialect suffix, or an extension that names PostgreSQL's SQL
 * (golang-migrate's `x.up.pgsql`); undefined for a file whose name says none.
 */
export function fileDatabase(path: string): Database | undefined {
  if (isPostgresSqlPath(path)) return "postgresql";
  const dialect = popSuffix(path)?.dialect;
  if (!dialect) return undefined;
  if (dialect === "mysql" || dialect === "mariadb") return dialect;
  // CockroachDB speaks PostgreSQL's wire protocol (its files are not reviewed: unreviewedDatabase)
  return dialect.startsWith("sqlite") ? "sqlite" : "postgresql";
}

/** A folder named after one database: postgresql, postgres, pg, mysql, mariadb, sqlite, sqlite3. */
function databaseOfFolderName(name: string): Database | undefined {
  const lower = name.toLowerCase();
  if (lower === "postgresql" || lower === "postgres" || lower === "pg") return "postgresql";
  if (lower === "mysql" || lower === "mariadb") return lower;
  if (lower === "sqlite" || lower === "sqlite3") return "sqlite";
  return undefined;
}

/**
 * The database a folder's path names, the nearest folder first: projects that run on several databases keep one
 * folder of migrations per database (diesel's and sqlx's migrations/mysql, migrations/postgresql, migrations/sqlite
 * in vaultwarden; Alembic's versions/sqlite in Prefect; internal/store/postgres/migrations).
 */
export function folderPathDatabase(folder: string): { database: Database; folder: string } | undefined {
  for (let dir = folder; dir; dir = dirOf(dir)) {
    const database = databaseOfFolderName(baseOf(dir));
    if (database) return { database, folder: dir };
  }
  return undefined;
}

/**
 * The database a migration's path names: its file name (pop's suffix, `.pgsql`) or a folder of its path. The one
 * answer both for loading MySQL's grammar (analyze.ts mayNeedMysql) and for the folder's decision (decide.ts), so a
 * file read as MySQL never meets an unloaded grammar.
 */
export function pathDatabase(path: string): Database | undefined {
  return fileDatabase(path) ?? folderPathDatabase(dirOf(path))?.database;
}

/**
 * The database a pop file names that migguard does not review (`x.cockroach.up.sql`: CockroachDB's own grammar,
 * online schema changes), as people call it; undefined for every other file.
 */
export function unreviewedDatabase(path: string): string | undefined {
  return popSuffix(path)?.dialect === "cockroach" ? "CockroachDB" : undefined;
}

/** pop's dialect names, one per database (`postgresql` is `postgres`, `sqlite3` is `sqlite`, MariaDB is MySQL's file). */
const DIALECT: Record<string, string> = { mysql: "mysql", mariadb: "mysql", postgres: "postgres", postgresql: "postgres", cockroach: "cockroach", sqlite: "sqlite", sqlite3: "sqlite" };

/** pop's name of the database a file names (`postgresql` is `postgres`, `sqlite3` is `sqlite`), undefined for a file for every database */
export const popDialectOf = (path: string): string | undefined => {
  const dialect = popSuffix(path)?.dialect;
  return dialect === undefined ? undefined : DIALECT[dialect];
};

/** the databases pop runs migrations on, by their file dialect */
const POP_DIALECTS = ["postgres", "cockroach", "mysql", "sqlite"];

/**
 * The dialects a pop file without one (`x.up.sql`, popx's `x.autocommit.up.sql`) runs on: those its folder's
 * dialect files name that have no file of their own for its version and direction. undefined when the file names a
 * dialect, or its folder has no dialect file (it runs on every database; the folder's decision holds). When every
 * dialect the folder names has its own file, the ones pop knows beside them.
 * ory/hydra's 20241609000001000000_device_flow.autocommit.up.sql sits beside .mysql, .postgres and .sqlite ups:
 * only CockroachDB runs it, and its CockroachDB syntax (INDEX inside CREATE TABLE) is no PostgreSQL error.
 */
export function popGenericTargets(path: string, folderPaths: readonly string[]): Set<string> | undefined {
  return popGenericTargetsIn(folderPaths)(path);
}

/**
 * popGenericTargets for every file of `folderPaths`, with each path's suffix read once: a lint of a thousand
 * files asked each of them about every other (the bench corpus spent a tenth of its time there).
 */
export function popGenericTargetsIn(folderPaths: readonly string[]): (path: string) => Set<string> | undefined {
  // per folder, in the paths' order: the dialects its files name, and per stem and direction the ones they cover
  const folders = new Map<string, { named: Set<string>; covered: Map<string, Set<string>> }>();
  for (const other of folderPaths) {
    const suffix = popSuffix(other);
    if (!suffix?.dialect) continue;
    const dir = dirOf(other);
    let folder = folders.get(dir);
    if (!folder) folders.set(dir, (folder = { named: new Set(), covered: new Map() }));
    const dialect = DIALECT[suffix.dialect];
    folder.named.add(dialect);
    const key = `${suffix.direction}\0${suffix.stem}`;
    let covered = folder.covered.get(key);
    if (!covered) folder.covered.set(key, (covered = new Set()));
    covered.add(dialect);
  }
  return (path) => {
    const own = popSuffix(path);
    if (own?.dialect) return undefined;
    const plain = /\.(up|down)\.sql$/.exec(path);
    if (!plain) return undefined;
    const direction = own?.direction ?? plain[1];
    const stem = own?.stem ?? path.slice(0, plain.index);
    const folder = folders.get(dirOf(path));
    if (!folder) return undefined;
    const covered = folder.covered.get(`${direction}\0${stem}`) ?? new Set<string>();
    const left = [...folder.named].filter((d) => !covered.has(d));
    // every dialect the folder names has its own file: the databases pop knows that have none run it
    return new Set(left.length ? left : POP_DIALECTS.filter((d) => !covered.has(d)));
  };
}

/**
 * What a pop file without a dialect is read as, from popGenericTargets: unreviewed when only CockroachDB runs it,
 * MySQL's or SQLite's grammar when PostgreSQL has its own file and that database does not; undefined (the folder's
 * database) when PostgreSQL runs it or every database has its own file.
 */
export function popGenericReading(targets: ReadonlySet<string> | undefined): { unreviewed: string } | { database: Database } | undefined {
  if (!targets?.size || targets.has("postgres")) return undefined;
  if (targets.has("mysql")) return { database: "mysql" };
  if (targets.has("sqlite")) return { database: "sqlite" };
  return targets.has("cockroach") ? { unreviewed: "CockroachDB" } : undefined;
}

/**
 * pop files only SQLite runs (`x.sqlite3.up.sql`, or a dialect-less file every other database of the folder has its
 * own file for), in a folder that also names a server database: SQLite is then the development and test database
 * (ory/kratos runs PostgreSQL, MySQL or CockroachDB in production), and its files' locks, rebuilds and edits reach
 * no production database. A folder of SQLite files alone is left to the folder's decision.
 */
export function sqliteOnlyPopFilesIn(folderPaths: readonly string[]): (path: string) => boolean {
  const servers = new Set<string>();
  for (const path of folderPaths) {
    const dialect = popDialectOf(path);
    if (dialect && dialect !== "sqlite") servers.add(dirOf(path));
  }
  const targetsOf = popGenericTargetsIn(folderPaths);
  return (path) => {
    if (!servers.has(dirOf(path))) return false;
    const dialect = popDialectOf(path);
    if (dialect) return dialect === "sqlite";
    const targets = targetsOf(path);
    return targets !== undefined && targets.size > 0 && [...targets].every((d) => d === "sqlite");
  };
}

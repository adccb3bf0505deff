/**
 * gobuffalo/pop and ory/popx keep one SQL file per database beside each other: `x.mysql.up.sql`,
 * `x.postgres.up.sql`, `x.cockroach.up.sql`, `x.sqlite3.up.sql`. The suffix names the database the file runs on;
 * a file without it (`x.down.sql`) is the one for every database that has no file of its own. popx adds an
 * `.autocommit` part (`x.postgres.autocommit.up.sql`, `x.autocommit.up.sql`): that file runs outside a transaction,
 * every other one inside a transaction popx opens.
 */
import type { Database } from "../model.js";

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

/** The database a dialect-suffixed SQL migration names, or undefined for a file without the suffix. */
export function fileDatabase(path: string): Database | undefined {
  const dialect = popSuffix(path)?.dialect;
  if (!dialect) return undefined;
  if (dialect === "mysql" || dialect === "mariadb") return dialect;
  // CockroachDB speaks PostgreSQL's wire protocol (its files are not reviewed: unreviewedDatabase)
  return dialect.startsWith("sqlite") ? "sqlite" : "postgresql";
}

/**
 * The database a pop file names that migguard does not review (`x.cockroach.up.sql`: CockroachDB's own grammar,
 * online schema changes), as people call it; undefined for every other file.
 */
export function unreviewedDatabase(path: string): string | undefined {
  return popSuffix(path)?.dialect === "cockroach" ? "CockroachDB" : undefined;
}

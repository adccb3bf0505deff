/**
 * gobuffalo/pop and ory/popx keep one SQL file per database beside each other: `x.mysql.up.sql`,
 * `x.postgres.up.sql`, `x.cockroach.up.sql`, `x.sqlite3.up.sql`. The suffix names the database the file runs on.
 */
import type { Database } from "../model.js";

const DIALECT_SUFFIX = /\.(mysql|mariadb|postgres|postgresql|cockroach|sqlite3?)\.(?:up|down)\.sql$/;

/** The database a dialect-suffixed SQL migration names, or undefined for a file without the suffix. */
export function fileDatabase(path: string): Database | undefined {
  const m = DIALECT_SUFFIX.exec(path);
  if (!m) return undefined;
  if (m[1] === "mysql" || m[1] === "mariadb") return m[1];
  return m[1].startsWith("sqlite") ? "sqlite" : "postgresql";
}

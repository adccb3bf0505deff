/**
 * The executors a process uses unless told otherwise. PostgreSQL migrations: the PostgreSQL server of
 * MIGGUARD_DATABASE_URL (or DATABASE_URL) when it names one, else one shared PGlite (one per process, so its
 * start-up, seconds, is paid once). MySQL / MariaDB migrations: the server of a mysql:// or mariadb:// URL
 * there; without one they are not run (said in a note).
 */
import type { Executor } from "./executor.js";
import { isMysqlUrl, MysqlExecutor } from "./mysql/mysql-executor.js";
import { PgliteExecutor } from "./pglite/pglite-executor.js";
import { PostgresExecutor } from "./postgres/postgres-executor.js";

let shared: Executor | undefined;
let sharedMysql: MysqlExecutor | undefined;

export function databaseUrlFrom(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.MIGGUARD_DATABASE_URL || env.DATABASE_URL || undefined;
}

export function defaultExecutor(env: NodeJS.ProcessEnv = process.env): Executor {
  if (!shared) {
    const url = databaseUrlFrom(env);
    shared = url && !isMysqlUrl(url) ? new PostgresExecutor(url) : new PgliteExecutor();
  }
  return shared;
}

/** The MySQL / MariaDB server of MIGGUARD_DATABASE_URL (or DATABASE_URL), when it names one. */
export function defaultMysqlExecutor(env: NodeJS.ProcessEnv = process.env): MysqlExecutor | undefined {
  const url = databaseUrlFrom(env);
  if (!url || !isMysqlUrl(url)) return undefined;
  sharedMysql ??= new MysqlExecutor(url);
  return sharedMysql;
}

/** Start the database ahead of the first review (the App calls this at boot). */
export async function warmUp(): Promise<string> {
  return defaultExecutor().describe();
}

/** Stop the shared executors (end of a CLI run, end of a test file). */
export async function closeDefaultExecutor(): Promise<void> {
  const executors = [shared, sharedMysql];
  shared = undefined;
  sharedMysql = undefined;
  await Promise.all(executors.map((e) => e?.close()));
}

/** Close the MySQL server's connections (they keep a CLI process alive; PGlite's worker does not). */
export async function closeDefaultMysqlExecutor(): Promise<void> {
  const executor = sharedMysql;
  sharedMysql = undefined;
  await executor?.close();
}

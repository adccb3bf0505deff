/**
 * The executor a process uses unless told otherwise: a real server when MIGGUARD_DATABASE_URL (or
 * DATABASE_URL) is set, else one shared PGlite. One per process, so PGlite's start-up (seconds) is paid once.
 */
import type { Executor } from "./executor.js";
import { PgliteExecutor } from "./pglite/pglite-executor.js";
import { PostgresExecutor } from "./postgres/postgres-executor.js";

let shared: Executor | undefined;

export function databaseUrlFrom(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.MIGGUARD_DATABASE_URL || env.DATABASE_URL || undefined;
}

export function defaultExecutor(env: NodeJS.ProcessEnv = process.env): Executor {
  if (!shared) {
    const url = databaseUrlFrom(env);
    shared = url ? new PostgresExecutor(url) : new PgliteExecutor();
  }
  return shared;
}

/** Start the database ahead of the first review (the App calls this at boot). */
export async function warmUp(): Promise<string> {
  return defaultExecutor().describe();
}

/** Stop the shared executor (end of a CLI run, end of a test file). */
export async function closeDefaultExecutor(): Promise<void> {
  const executor = shared;
  shared = undefined;
  await executor?.close();
}

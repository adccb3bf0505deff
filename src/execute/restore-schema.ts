/**
 * Recreate a production snapshot's schema in a test database, so a migration runs against production's
 * schema without replaying the whole history. Statements go in dependency order; what fails for a dependency
 * the order missed (a view over a view, a function taking a table's row type) is retried until nothing more
 * succeeds. Function bodies are not checked on creation (as pg_dump restores them). No row is copied: the
 * tables are empty.
 */
import { QueryError, type Session } from "./executor.js";
import { schemaScript } from "./schema-ddl.js";
import type { SchemaObject } from "./snapshot.js";

export interface RestoreProblem {
  object: SchemaObject;
  sql?: string;
  message: string;
}

export interface RestoreResult {
  /** objects that could not be recreated, and why; empty when the schema is complete */
  problems: RestoreProblem[];
}

export async function restoreSchema(session: Session, objects: readonly SchemaObject[], options: { timeoutMs: number; deadline: number }): Promise<RestoreResult> {
  const script = schemaScript(objects);
  const send = (sql: string) => session.query(sql, { timeoutMs: Math.max(1, Math.min(options.timeoutMs, options.deadline - performance.now())) });
  await send("SET check_function_bodies = off");
  let pending = script.statements;
  const failures = new Map<string, string>();
  for (let round = 0; pending.length > 0 && round < 20; round++) {
    const next: typeof pending = [];
    for (const statement of pending) {
      if (performance.now() >= options.deadline) return { problems: [{ object: statement.object, sql: statement.sql, message: "the time budget ran out" }] };
      try {
        await send(statement.sql);
        failures.delete(statement.sql);
      } catch (error) {
        if (!(error instanceof QueryError)) throw error;
        failures.set(statement.sql, error.failure.message);
        next.push(statement);
      }
    }
    if (next.length === pending.length) break; // nothing more succeeds
    pending = next;
  }
  await send("RESET check_function_bodies");
  const problems: RestoreProblem[] = [
    ...pending.map((s) => ({ object: s.object, sql: s.sql, message: failures.get(s.sql) ?? "not created" })),
    ...script.skipped.map((object) => ({ object, message: "the snapshot's description is not enough to recreate it" })),
  ];
  return { problems };
}

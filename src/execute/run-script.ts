/**
 * Run a script on a session the way its migration runner would: one statement per query, the runner's
 * transaction opened before the first statement that needs it and committed at the end of the segment, the
 * migration's own BEGIN/COMMIT sent as written. With `trace`, each statement's new locks on relations that
 * existed before (pg_locks, read inside its transaction) and storage changes (relfilenode) are recorded; a
 * statement the runner sends on its own (autocommit) is wrapped in BEGIN/COMMIT to be measured, which is the
 * same thing for PostgreSQL, except for statements that refuse a transaction block.
 */
import { rangeVarName } from "../engine/adapters/sql/pg-operations.js";
import { LimitError, QueryError, type PgFailure, type Session } from "./executor.js";
import type { MeasuredLock, StatementTrace } from "./lock-trace.js";
import type { Script, ScriptStatement } from "./script.js";
import type { ExistingRelation } from "./snapshot.js";

export interface RunOptions {
  session: Session;
  /** performance.now() after which nothing more runs (the total time budget) */
  deadline: number;
  statementTimeoutMs: number;
  /** relations that existed before the migration: record what each statement does to them */
  trace?: Map<string, ExistingRelation>;
}

export interface StatementFailure {
  statement: ScriptStatement;
  /** the line PostgreSQL's error points at (its cursor position), else the statement's first line */
  line: number;
  kind: "error" | "limit" | "budget";
  message: string;
  failure?: PgFailure;
}

export interface RunOutcome {
  failure?: StatementFailure;
  traces: StatementTrace[];
}

/** SQLSTATEs of "cannot run inside a transaction block" (25001) and "invalid transaction termination" (2D000). */
const REFUSES_TRANSACTION = new Set(["25001", "2D000"]);

/** File line of PostgreSQL's error cursor (a 1-based character position in the statement). */
export function errorLine(statement: ScriptStatement, failure: PgFailure | undefined): number {
  if (!failure?.position) return statement.line;
  let newlines = 0;
  let seen = 0;
  for (const ch of statement.sql) {
    if (++seen >= failure.position) break;
    if (ch === "\n") newlines++;
  }
  return Math.min(statement.line + newlines, statement.endLine);
}

export function describeFailure(failure: PgFailure): string {
  const parts = [`${failure.message}${failure.code ? ` (SQLSTATE ${failure.code})` : ""}`];
  // PostgreSQL ends detail and hint with a period; callers add their own, so drop it here
  const bare = (text: string) => text.replace(/\.$/, "");
  if (failure.detail) parts.push(`detail: ${bare(failure.detail)}`);
  if (failure.hint) parts.push(`hint: ${bare(failure.hint)}`);
  return parts.join("; ");
}

/** Locks PostgreSQL documents for statements that cannot run inside a transaction, so cannot be read from pg_locks. */
function documentedLock(statement: ScriptStatement): { mode: string; relation?: string } | undefined {
  const node = statement.node ?? {};
  if (node.IndexStmt?.concurrent) return { mode: "ShareUpdateExclusiveLock", relation: rangeVarName(node.IndexStmt.relation) };
  if (node.ReindexStmt) return { mode: "ShareUpdateExclusiveLock", relation: node.ReindexStmt.relation ? rangeVarName(node.ReindexStmt.relation) : undefined };
  if (node.DropStmt?.concurrent) return { mode: "ShareUpdateExclusiveLock" };
  if (node.VacuumStmt) return { mode: "ShareUpdateExclusiveLock" };
  return undefined;
}

const qualified = (name: string) => (name.includes(".") ? name : `public.${name}`);

export async function runScript(script: Script, options: RunOptions): Promise<RunOutcome> {
  const { session } = options;
  const traces: StatementTrace[] = [];
  const relations = options.trace;
  const traced = relations !== undefined && relations.size > 0;
  const oids = traced ? `'{${[...relations.keys()].join(",")}}'::oid[]` : "";
  const files = new Map([...(relations?.values() ?? [])].map((r) => [r.oid, r.file]));
  /** `${oid} ${mode}` held by the open transaction */
  let held = new Set<string>();
  /** traces of the open transaction: their locks last until it ends */
  let inOpenTransaction: StatementTrace[] = [];
  const transactionEnded = (until: string) => {
    for (const trace of inOpenTransaction) trace.heldUntil = until;
    inOpenTransaction = [];
    held = new Set();
  };

  const timeout = () => Math.max(1, Math.min(options.statementTimeoutMs, options.deadline - performance.now()));
  const send = (sql: string) => session.query(sql, { timeoutMs: timeout() });

  const fail = (statement: ScriptStatement, error: unknown): RunOutcome => {
    if (error instanceof QueryError) {
      return { traces, failure: { statement, line: errorLine(statement, error.failure), kind: "error", message: describeFailure(error.failure), failure: error.failure } };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { traces, failure: { statement, line: statement.line, kind: error instanceof LimitError ? "limit" : "error", message } };
  };

  /**
   * What the statement did to existing relations. Inside a transaction its locks are still held, and a rewrite
   * needs ACCESS EXCLUSIVE, so the locked relations' storage files tell every rewrite; outside one (autocommit
   * statements that refuse a transaction) only the storage files of all existing relations can be compared.
   */
  const probe = async (statement: ScriptStatement, inTransaction: boolean): Promise<void> => {
    const rows = inTransaction
      ? await send(
          `SELECT 'lock' AS what, l.relation::text AS oid, l.mode AS value, c.relfilenode::text AS file
             FROM pg_locks l LEFT JOIN pg_class c ON c.oid = l.relation
            WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted
           UNION ALL SELECT 'setting', 'lock_timeout', current_setting('lock_timeout'), NULL`,
        )
      : await send(
          `SELECT 'file' AS what, oid::text AS oid, NULL AS value, relfilenode::text AS file FROM pg_class WHERE oid = ANY (${oids})
           UNION ALL SELECT 'setting', 'lock_timeout', current_setting('lock_timeout'), NULL`,
        );
    const locks: MeasuredLock[] = [];
    const holding: MeasuredLock[] = [];
    const rewritten: string[] = [];
    let lockTimeout: string | undefined;
    for (const row of rows) {
      const oid = String(row.oid);
      if (row.what === "setting") {
        lockTimeout = String(row.value);
        continue;
      }
      const relation = relations!.get(oid);
      if (!relation) continue; // created by this migration, or a catalog
      if (row.what === "lock") {
        const lock = { relation: relation.name, relationKind: relation.kind, mode: String(row.value) };
        holding.push(lock);
        if (!held.has(`${oid} ${row.value}`)) {
          held.add(`${oid} ${row.value}`);
          locks.push(lock);
        }
      }
      const file = row.file === null || row.file === undefined ? undefined : String(row.file);
      const before = files.get(oid);
      // a table's data copied to a new file; sequences (ALTER SEQUENCE) and indexes (rebuilt with their table) do not count
      const holdsRows = relation.kind === "table" || relation.kind === "materialized view";
      if (holdsRows && file !== undefined && before !== undefined && before !== "0" && before !== file && !rewritten.includes(relation.name)) rewritten.push(relation.name);
      if (file !== undefined) files.set(oid, file);
    }
    // pg_locks has no order: by name, so the same migration always reads the same (an App comment whose
    // "measured:" line changed order would be edited on every push)
    const byName = (a: MeasuredLock, b: MeasuredLock) => a.relation.localeCompare(b.relation) || a.mode.localeCompare(b.mode);
    locks.sort(byName);
    holding.sort(byName);
    rewritten.sort();
    let source: StatementTrace["source"] = "measured";
    if (!inTransaction) {
      const documented = documentedLock(statement);
      source = documented ? "documented" : "not measured";
      const relation = documented?.relation ? [...relations!.values()].find((r) => r.name === qualified(documented.relation!) || r.name === documented.relation) : undefined;
      if (documented && relation) {
        locks.push({ relation: relation.name, relationKind: relation.kind, mode: documented.mode });
        holding.push(locks[locks.length - 1]);
      }
    }
    const trace: StatementTrace = { line: statement.line, endLine: statement.endLine, sql: statement.sql, type: statement.type, source, locks, held: holding, heldUntil: "end of statement", rewritten, lockTimeout };
    traces.push(trace);
    if (inTransaction) inOpenTransaction.push(trace);
  };

  for (const segment of script.segments) {
    let open = false;
    let last: ScriptStatement | undefined;
    for (const statement of segment.statements) {
      last = statement;
      if (performance.now() >= options.deadline) return { traces, failure: { statement, line: statement.line, kind: "budget", message: "the time budget ran out before this statement" } };
      try {
        if (statement.control) {
          await send(statement.sql);
          if (statement.control === "begin") open = true;
          else if (statement.control !== "other") {
            open = false;
            transactionEnded(`line ${statement.line} (${statement.control.toUpperCase()})`);
          }
          continue;
        }
        if (statement.inTransaction && !open) {
          await send("BEGIN");
          open = true;
        }
        const wrap = traced && !open && !statement.outsideTransactionOnly;
        if (wrap) await send("BEGIN");
        try {
          await send(statement.sql);
        } catch (error) {
          if (!(wrap && error instanceof QueryError && REFUSES_TRANSACTION.has(error.failure.code ?? ""))) throw error;
          // it refuses a transaction block that only the measurement added: run it as the runner would
          await send("ROLLBACK");
          await send(statement.sql);
          if (traced) await probe({ ...statement, outsideTransactionOnly: true }, false);
          continue;
        }
        if (traced) await probe(statement, open || wrap);
        if (wrap) {
          await send("COMMIT");
          transactionEnded("end of statement");
        }
      } catch (error) {
        // a stopped session cannot take more statements; otherwise leave no aborted transaction behind
        if (!(error instanceof LimitError)) await send("ROLLBACK").catch(() => undefined);
        return fail(statement, error);
      }
    }
    if (open && last) {
      try {
        await send("COMMIT");
        transactionEnded(`end of migration (line ${last.endLine})`);
      } catch (error) {
        // deferred constraints and triggers fire at COMMIT: the last statement is the closest line
        await send("ROLLBACK").catch(() => undefined);
        return fail(last, error);
      }
    }
  }
  return { traces };
}

/**
 * Run a script on a MySQL / MariaDB session the way its runner would: one statement per query in autocommit
 * (DDL commits implicitly on MySQL, so a runner's transaction changes nothing for schema changes), the
 * migration's own BEGIN/COMMIT sent as written. With `measure`, every ALTER TABLE / CREATE INDEX / DROP INDEX
 * of a table that existed before the migration is sent first with `ALGORITHM=INSTANT`, then
 * `ALGORITHM=INPLACE, LOCK=NONE`, then `ALGORITHM=INPLACE`, and last as written: the first the server accepts
 * runs it (the same change either way), and which one that was is the measurement (online-ddl-trace.ts).
 */
import { LimitError, QueryError, type PgFailure } from "../executor.js";
import type { RunOptions, RunOutcome, StatementFailure } from "../run-script.js";
import type { ScriptStatement, Script } from "../script.js";
import { withAlgorithm } from "./mysql-script.js";
import type { AlgorithmAttempt, AlgorithmMeasurement, MeasuredAlgorithm } from "./online-ddl-trace.js";

export interface MysqlRunOptions extends Omit<RunOptions, "trace"> {
  /** base tables that existed before the migration: measure the algorithm of ALTERs on them */
  measure?: ReadonlySet<string>;
}

export interface MysqlRunOutcome extends RunOutcome {
  algorithms: AlgorithmMeasurement[];
}

/** ER_ALTER_OPERATION_NOT_SUPPORTED(_REASON), and MySQL 8.0.29+'s "no more columns can be added or dropped instantly". */
const REFUSED_ALGORITHM = new Set([1845, 1846, 4092, 4080]);

const refusesAlgorithm = (failure: PgFailure): boolean =>
  (failure.errno !== undefined && REFUSED_ALGORITHM.has(failure.errno)) || (failure.code === "0A000" && /\b(ALGORITHM|LOCK)=|instantly/i.test(failure.message));

/** The attempts, in order, and what each acceptance means. */
const ATTEMPTS: ReadonlyArray<{ clauses: string[]; algorithm: MeasuredAlgorithm }> = [
  { clauses: ["ALGORITHM=INSTANT"], algorithm: "instant" },
  { clauses: ["ALGORITHM=INPLACE", "LOCK=NONE"], algorithm: "inplace" },
  { clauses: ["ALGORITHM=INPLACE"], algorithm: "inplace-locked" },
];

/** File line of a MySQL error: a syntax error says `at line N` of the statement; otherwise the statement's first line. */
export function mysqlErrorLine(statement: ScriptStatement, failure: PgFailure | undefined): number {
  const at = /at line (\d+)\s*$/.exec(failure?.message ?? "")?.[1];
  return at ? Math.min(statement.line + Number(at) - 1, statement.endLine) : statement.line;
}

export function describeMysqlFailure(failure: PgFailure): string {
  const codes = [failure.errno !== undefined ? `error ${failure.errno}` : "", failure.code ? `SQLSTATE ${failure.code}` : ""].filter(Boolean).join(", ");
  return `${failure.message}${codes ? ` (${codes})` : ""}`;
}

const sameTable = (tables: ReadonlySet<string>, name: string) => {
  const bare = name.split(".").pop() ?? name;
  return tables.has(bare) || [...tables].some((t) => t.toLowerCase() === bare.toLowerCase());
};

export async function runMysqlScript(script: Script, options: MysqlRunOptions): Promise<MysqlRunOutcome> {
  const { session } = options;
  const algorithms: AlgorithmMeasurement[] = [];
  const timeout = () => Math.max(1, Math.min(options.statementTimeoutMs, options.deadline - performance.now()));
  const send = (sql: string) => session.query(sql, { timeoutMs: timeout() });

  const fail = (statement: ScriptStatement, error: unknown): MysqlRunOutcome => {
    if (error instanceof QueryError)
      return { traces: [], algorithms, failure: { statement, line: mysqlErrorLine(statement, error.failure), kind: "error", message: describeMysqlFailure(error.failure), failure: error.failure } };
    const message = error instanceof Error ? error.message : String(error);
    const failure: StatementFailure = { statement, line: statement.line, kind: error instanceof LimitError ? "limit" : "error", message };
    return { traces: [], algorithms, failure };
  };

  /** Send the statement with each algorithm in turn; the first accepted one ran it. */
  const measured = async (statement: ScriptStatement): Promise<void> => {
    const target = statement.mysql!.online!;
    const measurement: AlgorithmMeasurement = { line: statement.line, endLine: statement.endLine, sql: statement.sql, table: target.table, attempts: [] };
    if (target.named) {
      await send(statement.sql);
      algorithms.push({ ...measurement, named: target.named });
      return;
    }
    for (const attempt of ATTEMPTS) {
      const clause = attempt.clauses.join(", ");
      try {
        await send(withAlgorithm(statement.sql, target, attempt.clauses));
      } catch (error) {
        if (error instanceof QueryError && refusesAlgorithm(error.failure)) {
          measurement.attempts.push({ clause, accepted: false, reason: error.failure.message } satisfies AlgorithmAttempt);
          continue;
        }
        // another error (a missing column, a duplicate key): the statement as written says it best
        if (error instanceof QueryError) break;
        throw error;
      }
      measurement.attempts.push({ clause, accepted: true });
      algorithms.push({ ...measurement, algorithm: attempt.algorithm });
      return;
    }
    await send(statement.sql);
    // refused every in-place algorithm and ran as written: the server copied the table (after another error, nothing was measured)
    if (measurement.attempts.length === ATTEMPTS.length) algorithms.push({ ...measurement, algorithm: "copy" });
  };

  for (const segment of script.segments) {
    for (const statement of segment.statements) {
      if (performance.now() >= options.deadline) return { traces: [], algorithms, failure: { statement, line: statement.line, kind: "budget", message: "the time budget ran out before this statement" } };
      try {
        const online = statement.mysql?.online;
        if (options.measure && online && sameTable(options.measure, online.table)) await measured(statement);
        else await send(statement.sql);
      } catch (error) {
        if (!(error instanceof LimitError) && statement.inTransaction) await send("ROLLBACK").catch(() => undefined);
        return fail(statement, error);
      }
    }
  }
  return { traces: [], algorithms };
}

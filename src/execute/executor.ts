/**
 * One interface over the databases migrations run in: PGlite (PostgreSQL compiled to WebAssembly, in a worker
 * thread of this process) by default, or a real server from DATABASE_URL where every verification gets a
 * throwaway database. A session is one empty database for one verification; statements run one at a time.
 */

/** Limits every run of a pull request's SQL obeys. */
export interface ExecutionLimits {
  /** longest a single statement may run */
  statementTimeoutMs: number;
  /** total wall-clock time for one verifyMigrations call */
  budgetMs: number;
  /** how much the database may grow in memory (PGlite: process RSS over its idle level; server: work_mem and friends) */
  memoryMb: number;
}

export const DEFAULT_LIMITS: ExecutionLimits = { statementTimeoutMs: 5_000, budgetMs: 60_000, memoryMb: 1_024 };

/** What the database said when a statement failed (PostgreSQL: the fields of its ErrorResponse that locate and explain it). */
export interface PgFailure {
  message: string;
  /** SQLSTATE, e.g. 42P01 */
  code?: string;
  /** MySQL / MariaDB error number, e.g. 1146 */
  errno?: number;
  /** 1-based character position in the statement text */
  position?: number;
  detail?: string;
  hint?: string;
  where?: string;
}

/** The database rejected the statement. */
export class QueryError extends Error {
  constructor(readonly failure: PgFailure) {
    super(failure.message);
    this.name = "QueryError";
  }
}

/** A safety limit stopped the statement (the session is no longer usable). */
export class LimitError extends Error {
  constructor(
    readonly limit: "statement-timeout" | "memory" | "crash",
    message: string,
  ) {
    super(message);
    this.name = "LimitError";
  }
}

export type Row = Record<string, unknown>;

export interface Session {
  /** Run one statement. Rejects with QueryError (PostgreSQL's error) or LimitError. */
  query(sql: string, options?: { timeoutMs?: number }): Promise<Row[]>;
  /** Give the database back: PGlite resets it for the next verification, a server drops the throwaway database. */
  release(): Promise<void>;
  /** Start a fresh session on the same database (MySQL: COM_RESET_CONNECTION); PostgreSQL sessions use RESET ALL. */
  resetSession?(): Promise<void>;
}

/** Which databases' migrations an executor runs: PostgreSQL (PGlite or a server) or MySQL/MariaDB (a server). */
export type ExecutorFamily = "postgresql" | "mysql";

export interface Executor {
  /** PostgreSQL when absent */
  readonly family?: ExecutorFamily;
  /** for reports: "PGlite 0.5.16 (PostgreSQL 18.6)", "PostgreSQL 15.18 at DATABASE_URL" */
  describe(): Promise<string>;
  /** An empty database, exclusively for the caller until `release()`. */
  open(limits: ExecutionLimits): Promise<Session>;
  close(): Promise<void>;
  /** server-side file and program access is possible (a real server): such statements are refused before running */
  readonly hostAccess: boolean;
}

/** Turn whatever a driver threw into PgFailure fields (pg and PGlite both use pg-protocol's DatabaseError). */
export function pgFailureOf(error: unknown): PgFailure {
  if (error && typeof error === "object") {
    const e = error as Record<string, unknown>;
    const text = (key: string) => (typeof e[key] === "string" && e[key] !== "" ? (e[key] as string) : undefined);
    const position = Number(e.position);
    return {
      message: text("message") ?? String(error),
      code: text("code"),
      position: Number.isFinite(position) && position > 0 ? position : undefined,
      detail: text("detail"),
      hint: text("hint"),
      where: text("where"),
    };
  }
  return { message: String(error) };
}

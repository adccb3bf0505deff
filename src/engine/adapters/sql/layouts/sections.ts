/**
 * What a layout module returns: the up (and the down, when the layout has one) as SQL text that keeps
 * the file's line numbers, plus how the layout's runner executes it. Layout modules only split files;
 * parsing and interpretation are shared.
 */
import type { ParseProblem } from "../../../model.js";

/** How the migration runner executes a piece of SQL. */
export type TransactionMode =
  /** the runner wraps it in BEGIN/COMMIT (goose, sql-migrate, dbmate, Liquibase, Flyway) */
  | "wrapped"
  /** sent as one multi-statement query: PostgreSQL runs it as one implicit transaction when it has 2+ statements (golang-migrate, Prisma) */
  | "implicit"
  /** Flyway: outside a transaction only when every statement must be (CREATE INDEX CONCURRENTLY, VACUUM, ...) */
  | "flyway"
  /** statement by statement in autocommit (psql-style runners, sqitch) */
  | "none";

export interface SqlSegment {
  /** SQL with everything outside the segment blanked, so offsets map to the file's lines */
  text: string;
  transaction: TransactionMode;
  /** the UTF-8 byte range of the file this segment keeps (lets the adapter parse the file once) */
  range?: readonly [number, number];
}

export type DownSource =
  | { kind: "sql"; segments: SqlSegment[]; path: string; /** the file/section exists but holds no statement */ }
  | { kind: "missing"; reason: string; line?: number }
  | { kind: "unsupported"; reason: string };

export interface SqlSections {
  /** the file text the segments' ranges refer to, when the layout masked templating in it */
  source?: string;
  up: SqlSegment[];
  down: DownSource;
  notes: ParseProblem[];
}

export interface SqlLayoutInput {
  path: string;
  content: string;
  /** the paired file holding the down (golang-migrate .down.sql, Flyway U, sqitch revert) */
  downFile?: { path: string; content: string };
  /** pop/popx runs it though its name has no dialect (`x.up.sql` beside `y.postgres.up.sql`) */
  pop?: boolean;
  /** diesel: the folder's metadata.toml says `run_in_transaction = false` */
  noRunnerTransaction?: boolean;
  /** plain SQL run by the postgres-migrations npm package (the project's package.json depends on it) */
  postgresMigrations?: boolean;
  /** sqlx's migrator runs it (MigrationUnit.sqlx): a transaction per file unless its first line is `-- no-transaction` */
  sqlx?: boolean;
}

/** Keep bytes inside `ranges` ([start, end) in UTF-8 bytes); blank the rest but keep every newline. */
export function keepRanges(content: string, ranges: ReadonlyArray<readonly [number, number]>): string {
  const source = Buffer.from(content, "utf8");
  const out = Buffer.alloc(source.length, 0x20);
  for (let i = 0; i < source.length; i++) if (source[i] === 0x0a) out[i] = 0x0a;
  for (const [start, end] of ranges) source.copy(out, start, start, end);
  return out.toString("utf8");
}

/** Blank the given byte ranges (marker comments), keep the rest. */
export function blankRanges(content: string, ranges: ReadonlyArray<readonly [number, number]>): string {
  const out = Buffer.from(content, "utf8");
  for (const [start, end] of ranges) for (let i = start; i < end; i++) if (out[i] !== 0x0a) out[i] = 0x20;
  return out.toString("utf8");
}

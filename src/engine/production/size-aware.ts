/**
 * Lock findings in the light of the production snapshot: a finding on a table production has gets the table's
 * size and row estimate, and for rewrites, scans and index builds an estimated time under the lock; a table
 * below the small-table threshold makes the finding an `info` ("settings has 1 row (16 kB) in production: the
 * lock is brief"). Findings about waiting for a lock (no lock_timeout) are left alone: a queue forms behind a
 * lock on a small hot table as well. Without a snapshot this never runs.
 */
import type { Config } from "../config.js";
import type { Operation, ReportedFinding } from "../model.js";
import { describeSize, estimateLock, formatDuration, isSmallTable, type LockWork } from "./estimates.js";
import type { Production, ProductionTable } from "./production.js";
import type { TableStatistics } from "./snapshot-file.js";

/** What each lock rule's statement does while it holds the lock; "hold" when only the lock itself matters. */
export type Work = LockWork | "hold";

const WORK_BY_RULE: Readonly<Record<string, Work | ((op: Operation) => Work | undefined)>> = {
  "index-without-concurrently": "index",
  "unique-constraint-without-index": "index",
  "column-type-change": "rewrite",
  "volatile-default": "rewrite",
  "unverified-column-change": "rewrite",
  "measured-table-rewrite": "rewrite",
  "set-not-null": "scan",
  "constraint-without-not-valid": "scan",
  "validate-in-same-transaction": "scan",
  "lock-table": "hold",
  "drop-index-without-concurrently": "hold",
  "table-rewrite-maintenance": (op) => (op.kind === "maintenance" && op.command === "reindex" ? "index" : "rewrite"),
};

const WORK_NAMES: Record<LockWork, keyof Config["throughput"]> = { index: "index_mb_per_s", scan: "scan_mb_per_s", rewrite: "rewrite_mb_per_s", write: "rewrite_mb_per_s" };

/** Tables an operation locks, in the order it names them. */
export function tablesOf(op: Operation | undefined): string[] {
  if (!op) return [];
  if ("tables" in op && Array.isArray(op.tables)) return op.tables;
  if ("table" in op && typeof op.table === "string") return [op.table];
  return [];
}

/**
 * The snapshot measured one of the op's tables: its size is a measurement, so withTableSize and the rules' production
 * checks judge it, and the guesses from the repository (a young or same-deploy table, the author's word) stand back.
 */
export const measuredInSnapshot = (op: Operation | undefined, production: Production | undefined): boolean =>
  production !== undefined && tablesOf(op).some((t) => production.table(t)?.statistics !== undefined);

function analyzedOn(statistics: TableStatistics): string {
  const last = [statistics.lastAnalyze, statistics.lastAutoanalyze].filter((t): t is string => t !== null).sort().at(-1);
  return last ? `analyzed ${last.slice(0, 10)}` : "never analyzed";
}

/**
 * What the lock rule's statement does under its lock ("hold": nothing that grows with the table); undefined for
 * other rules. `reported`: the report's own (`Report.work`), for a rule only some of whose findings are about it.
 */
export function workOf(rule: string, op: Operation | undefined, reported?: LockWork): Work | undefined {
  if (reported) return reported;
  const work = WORK_BY_RULE[rule];
  if (typeof work === "function") return op ? work(op) : undefined;
  return work;
}

/** The finding with production's size, estimate and (for a small table) severity; unchanged when production lacks the table. */
export function withTableSize(finding: ReportedFinding, op: Operation | undefined, production: Production, config: Config, tableHint?: string, reported?: LockWork): ReportedFinding {
  const work = workOf(finding.rule, op, reported);
  if (!work) return finding;
  const found = [...tablesOf(op), ...(tableHint ? [tableHint] : [])]
    .map((name) => production.table(name))
    .find((t): t is ProductionTable & { statistics: TableStatistics } => t?.statistics !== undefined);
  if (!found) return finding;
  const { statistics, display } = found;
  const size = describeSize(display, statistics);
  const source = `production snapshot of ${production.takenOn} (PostgreSQL ${production.snapshot.server.version.split(" ")[0]}): ${size}, ${analyzedOn(statistics)}`;
  if (isSmallTable(statistics, config)) {
    return {
      ...finding,
      severity: "info",
      message: `${finding.message} In production ${size}: the lock is brief.`,
      details: [...finding.details, source, `small table: under ${config.small_table.rows.toLocaleString("en-US")} rows and ${config.small_table.mb} MB (config small_table)`],
    };
  }
  if (work === "hold") return { ...finding, message: `${finding.message} In production ${size}.`, details: [...finding.details, source] };
  const estimate = estimateLock(work, statistics, config);
  return {
    ...finding,
    message: `${finding.message} In production ${size}: ${estimate.what}, so the lock is held ${formatDuration(estimate.seconds)} (at an assumed ${estimate.mbPerSecond} MB/s).`,
    details: [...finding.details, source, `the estimate assumes ${estimate.mbPerSecond} MB/s (config throughput.${WORK_NAMES[work]}); measure yours on a copy of the table`],
  };
}

/** A NOT NULL column without a default fails exactly when the table has rows: production says whether it does. */
export function withRowCount(finding: ReportedFinding, op: Operation | undefined, production: Production): ReportedFinding {
  const table = tablesOf(op)
    .map((name) => production.table(name))
    .find((t) => t?.statistics !== undefined);
  if (!table?.statistics || table.statistics.rows === null) return finding;
  const { rows } = table.statistics;
  const size = describeSize(table.display, table.statistics);
  const note = rows > 0 ? `In production ${size}: the statement will fail there.` : `${table.display} is empty in production: the statement itself succeeds there, the inserts of running code still fail.`;
  return { ...finding, message: `${finding.message} ${note}`, details: [...finding.details, `production snapshot of ${production.takenOn}: ${size}, ${analyzedOn(table.statistics)}`] };
}

/** Every finding of one migration's rules, seen against production. */
export function againstProduction<R extends { finding: ReportedFinding; op?: Operation; work?: LockWork }>(raw: readonly R[], production: Production, config: Config): R[] {
  return raw.map((r) => {
    if (r.finding.rule === "required-column-without-default") return { ...r, finding: withRowCount(r.finding, r.op, production) };
    return { ...r, finding: withTableSize(r.finding, r.op, production, config, undefined, r.work) };
  });
}

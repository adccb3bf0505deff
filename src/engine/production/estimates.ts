/**
 * How long a statement holds its lock on a table of a given size, as a rough estimate: the bytes it must
 * read or write divided by a throughput the config sets (`throughput`). The figures are assumptions, stated
 * in every message that uses them; a table's real speed depends on its disks, cache, indexes and load.
 */
import type { Config } from "../config.js";
import type { TableStatistics } from "./snapshot-file.js";

/** What the statement does to the table while it holds the lock. */
/** what a statement does while it holds its lock: rewrite the table, scan it, build an index, or write rows (a data change under a schema change's lock) */
export type LockWork = "rewrite" | "scan" | "index" | "write";

/** PostgreSQL's pg_size_pretty units (powers of 1024). */
export function formatBytes(bytes: number): string {
  const units = ["bytes", "kB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = unit === 0 || value >= 10 ? Math.round(value).toString() : value.toFixed(1).replace(/\.0$/, "");
  return `${shown} ${units[unit]}`;
}

/** `50,000 rows`, `1 row`; estimates above a thousand keep two significant digits (reltuples is an estimate). */
export function formatRows(rows: number): string {
  const rounded = rows >= 1000 ? Number(rows.toPrecision(2)) : Math.round(rows);
  return `${rounded.toLocaleString("en-US")} row${rounded === 1 ? "" : "s"}`;
}

export function formatDuration(seconds: number): string {
  if (seconds < 1) return "for under a second";
  if (seconds < 90) return `for about ${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `for about ${Math.round(seconds / 60)} min`;
  const hours = seconds / 3600;
  return `for about ${hours < 10 ? hours.toFixed(1).replace(/\.0$/, "") : Math.round(hours)} h`;
}

const MB = 1024 * 1024;

export interface LockEstimate {
  /** bytes the work reads or writes */
  bytes: number;
  seconds: number;
  mbPerSecond: number;
  /** "building the index reads 13 MB of table" */
  what: string;
}

export function estimateLock(work: LockWork, table: TableStatistics, config: Pick<Config, "throughput">): LockEstimate {
  const { scan_mb_per_s: scan, rewrite_mb_per_s: rewrite, index_mb_per_s: index } = config.throughput;
  switch (work) {
    case "index":
      return { bytes: table.heapBytes, mbPerSecond: index, seconds: table.heapBytes / MB / index, what: `building the index reads ${formatBytes(table.heapBytes)} of table` };
    case "scan":
      return { bytes: table.heapBytes, mbPerSecond: scan, seconds: table.heapBytes / MB / scan, what: `the check reads all ${formatBytes(table.heapBytes)} of the table` };
    case "rewrite":
      return {
        bytes: table.totalBytes,
        mbPerSecond: rewrite,
        seconds: table.totalBytes / MB / rewrite,
        what: `the rewrite copies ${formatBytes(table.totalBytes)} (table, TOAST and indexes rebuilt)`,
      };
    case "write":
      // an UPDATE of every row writes a new version of each, and its index entries: about a rewrite's work
      return { bytes: table.heapBytes, mbPerSecond: rewrite, seconds: table.heapBytes / MB / rewrite, what: `the data change may write every row, up to ${formatBytes(table.heapBytes)} of table` };
  }
}

/** "orders has about 200,000 rows and 25 MB (13 MB heap)" */
export function describeSize(display: string, table: TableStatistics): string {
  const rows = table.rows === null ? "an unknown number of rows (never analyzed)" : table.rows >= 1000 ? `about ${formatRows(table.rows)}` : formatRows(table.rows);
  return `${display} has ${rows} and ${formatBytes(table.totalBytes)} (${formatBytes(table.heapBytes)} heap)`;
}

/** Below both thresholds (rows known): a lock on it is brief whatever the statement does. */
export function isSmallTable(table: TableStatistics, config: Pick<Config, "small_table">): boolean {
  return table.rows !== null && table.rows < config.small_table.rows && table.totalBytes < config.small_table.mb * MB;
}

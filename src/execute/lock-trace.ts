/**
 * The locks each statement of an up takes on relations that existed before the migration, as measured from
 * pg_locks inside its transaction, and whether it rewrote them (relfilenode changed). What a lock blocks
 * follows PostgreSQL's conflict table: plain SELECT takes ACCESS SHARE, INSERT/UPDATE/DELETE take ROW EXCLUSIVE.
 * Locks are held until the transaction ends, so the table says until when.
 */
import { displayName } from "./schema-diff.js";

interface ModeInfo {
  /** as the docs and LOCK TABLE spell it */
  label: string;
  strength: number;
  blocksReads: boolean;
  blocksWrites: boolean;
}

export const LOCK_MODES: Record<string, ModeInfo> = {
  AccessShareLock: { label: "ACCESS SHARE", strength: 1, blocksReads: false, blocksWrites: false },
  RowShareLock: { label: "ROW SHARE", strength: 2, blocksReads: false, blocksWrites: false },
  RowExclusiveLock: { label: "ROW EXCLUSIVE", strength: 3, blocksReads: false, blocksWrites: false },
  ShareUpdateExclusiveLock: { label: "SHARE UPDATE EXCLUSIVE", strength: 4, blocksReads: false, blocksWrites: false },
  ShareLock: { label: "SHARE", strength: 5, blocksReads: false, blocksWrites: true },
  ShareRowExclusiveLock: { label: "SHARE ROW EXCLUSIVE", strength: 6, blocksReads: false, blocksWrites: true },
  ExclusiveLock: { label: "EXCLUSIVE", strength: 7, blocksReads: false, blocksWrites: true },
  AccessExclusiveLock: { label: "ACCESS EXCLUSIVE", strength: 8, blocksReads: true, blocksWrites: true },
};

const UNKNOWN_MODE: ModeInfo = { label: "unknown", strength: 0, blocksReads: false, blocksWrites: false };
export const modeInfo = (mode: string): ModeInfo => LOCK_MODES[mode] ?? { ...UNKNOWN_MODE, label: mode };

export interface MeasuredLock {
  /** schema-qualified relation name */
  relation: string;
  relationKind: string;
  /** pg_locks mode, e.g. AccessExclusiveLock */
  mode: string;
}

export interface StatementTrace {
  line: number;
  endLine: number;
  sql: string;
  /** parse-tree node type, e.g. IndexStmt */
  type: string;
  /** measured in the transaction; documented (it cannot run in one, e.g. CREATE INDEX CONCURRENTLY); not measured */
  source: "measured" | "documented" | "not measured";
  /** locks the statement newly took on relations that existed before the migration */
  locks: MeasuredLock[];
  /**
   * every lock on those relations its transaction held while it ran (taken by it or by an earlier statement of
   * the same transaction): what traffic waited for during this statement
   */
  held: MeasuredLock[];
  /** until when the locks are held: "end of statement", or the line of the COMMIT / "end of migration" */
  heldUntil: string;
  /** tables (and materialized views) that existed before and whose rows the statement copied to a new file */
  rewritten: string[];
  /** lock_timeout in force when it ran ("0" = wait forever) */
  lockTimeout?: string;
}

export interface LockTrace {
  path: string;
  /** the migration's framework (lock_timeout advice is for SQL migrations; Rails/Django runners set it globally) */
  framework: string;
  statements: StatementTrace[];
}

const anyBlocks = (locks: readonly MeasuredLock[], what: "blocksReads" | "blocksWrites") => locks.some((l) => modeInfo(l.mode)[what]);
/** the statement itself took a lock that blocks writes (or reads) */
export const takesWriteBlockingLock = (trace: StatementTrace): boolean => anyBlocks(trace.locks, "blocksWrites");
/** while the statement ran, its transaction held a lock that blocks writes (or reads) of an existing relation */
export const blockedTraffic = (trace: StatementTrace): boolean => anyBlocks(trace.held, "blocksWrites") || anyBlocks(trace.held, "blocksReads");

export interface LockRow {
  path: string;
  line: number;
  statement: string;
  lock: string;
  objects: string;
  /** the locked tables' sizes in production (with a snapshot) */
  sizes: string;
  blocksReads: boolean;
  blocksWrites: boolean;
  rewrite: string;
  heldUntil: string;
  source: StatementTrace["source"];
}

/** `CREATE INDEX idx ON users (email)` from a multi-line statement, cut to a readable length. */
export function shortStatement(sql: string, max = 60): string {
  const flat = sql.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** One row per statement and lock mode (strongest first), for statements that lock or rewrite an existing relation. */
export function lockRows(traces: readonly LockTrace[], sizeOf?: (relation: string) => string | undefined): LockRow[] {
  const rows: LockRow[] = [];
  for (const trace of traces) {
    for (const statement of trace.statements) {
      if (statement.locks.length === 0 && statement.rewritten.length === 0) continue;
      const modes = [...new Set(statement.locks.map((l) => l.mode))].sort((a, b) => modeInfo(b).strength - modeInfo(a).strength);
      const rewrite = statement.rewritten.length ? `yes (${statement.rewritten.map(displayName).join(", ")})` : "no";
      const base = { path: trace.path, line: statement.line, statement: shortStatement(statement.sql), rewrite, heldUntil: statement.heldUntil, source: statement.source };
      if (modes.length === 0) rows.push({ ...base, lock: "-", objects: "-", sizes: sizesOf(statement.rewritten, sizeOf), blocksReads: false, blocksWrites: false });
      for (const mode of modes) {
        const info = modeInfo(mode);
        const objects = statement.locks.filter((l) => l.mode === mode).map((l) => `${displayName(l.relation)}${l.relationKind === "table" ? "" : ` (${l.relationKind})`}`);
        const relations = statement.locks.filter((l) => l.mode === mode && l.relationKind !== "index").map((l) => l.relation);
        rows.push({
          ...base,
          lock: statement.source === "documented" ? `${info.label} (documented)` : info.label,
          objects: objects.join(", "),
          sizes: sizesOf(relations, sizeOf),
          blocksReads: info.blocksReads,
          blocksWrites: info.blocksWrites,
        });
      }
    }
  }
  return rows;
}

/** "orders: about 200,000 rows, 19 MB" per relation production has; "" without a snapshot. */
function sizesOf(relations: readonly string[], sizeOf: ((relation: string) => string | undefined) | undefined): string {
  if (!sizeOf) return "";
  const known = [...new Set(relations)].flatMap((r) => {
    const size = sizeOf(r);
    return size ? [relations.length > 1 ? `${displayName(r)}: ${size}` : size] : [];
  });
  return known.join("; ") || "not in production";
}

const yesNo = (value: boolean) => (value ? "yes" : "no");
const HEADERS = ["Line", "Statement", "Lock", "Objects", "Blocks reads", "Blocks writes", "Rewrite", "Held until"];
const SIZED_HEADERS = ["Line", "Statement", "Lock", "Objects", "Size in production", "Blocks reads", "Blocks writes", "Rewrite", "Held until"];
const cells = (row: LockRow) => [String(row.line), row.statement, row.lock, row.objects, yesNo(row.blocksReads), yesNo(row.blocksWrites), row.rewrite, row.heldUntil];
const sizedCells = (row: LockRow) => [String(row.line), row.statement, row.lock, row.objects, row.sizes, yesNo(row.blocksReads), yesNo(row.blocksWrites), row.rewrite, row.heldUntil];

const byFile = (rows: readonly LockRow[]) => {
  const files = new Map<string, LockRow[]>();
  for (const row of rows) files.set(row.path, [...(files.get(row.path) ?? []), row]);
  return files;
};

/** For the check-run summary; with `sizeOf` (a production snapshot), a column of the locked tables' sizes. */
export function lockTableMarkdown(traces: readonly LockTrace[], sizeOf?: (relation: string) => string | undefined): string {
  const rows = lockRows(traces, sizeOf);
  const headers = sizeOf ? SIZED_HEADERS : HEADERS;
  const cellsOf = sizeOf ? sizedCells : cells;
  if (rows.length === 0) return traces.length ? "No statement locked or rewrote a table that existed before the migration.\n" : "";
  const escape = (text: string) => text.replace(/\|/g, "\\|").replace(/`/g, "'");
  const out: string[] = [];
  for (const [path, fileRows] of byFile(rows)) {
    out.push(`**${escape(path)}**`, "", `| ${headers.join(" | ")} |`, `| ${headers.map(() => "---").join(" | ")} |`);
    for (const row of fileRows) {
      const [line, statement, ...rest] = cellsOf(row);
      out.push(`| ${line} | \`${escape(statement)}\` | ${rest.map(escape).join(" | ")} |`);
    }
    out.push("");
  }
  return `${out.join("\n")}\n`;
}

/** For the CLI's text output: aligned columns under each file. */
export function lockTableText(traces: readonly LockTrace[], sizeOf?: (relation: string) => string | undefined): string {
  const rows = lockRows(traces, sizeOf);
  const headers = sizeOf ? SIZED_HEADERS : HEADERS;
  const cellsOf = sizeOf ? sizedCells : cells;
  if (rows.length === 0) return traces.length ? "locks: no statement locked or rewrote a table that existed before the migration\n" : "";
  const out: string[] = [];
  for (const [path, fileRows] of byFile(rows)) {
    const table = [headers, ...fileRows.map(cellsOf)];
    const widths = headers.map((_, i) => table.reduce((widest, row) => Math.max(widest, row[i].length), 0));
    out.push(`locks taken by ${path}:`);
    for (const r of table) out.push(`  ${r.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd()}`);
  }
  return `${out.join("\n")}\n`;
}

/**
 * Measurement beats guessing: static blocking-lock findings meet the locks the statement really took.
 * - A finding whose hazard is a blocking lock is dropped when, while the measured statement ran, its
 *   transaction held no lock blocking reads or writes of any relation that existed before, and it rewrote nothing.
 * - A finding whose hazard is a table rewrite is dropped when the measured statement rewrote nothing.
 * - A measured rewrite of an existing table that no static finding covers becomes `measured-table-rewrite`.
 * - A SQL migration without lock_timeout whose statements take a write-blocking lock no static rule saw
 *   (a DO block, a function call, a foreign key to an existing table) gets one `measured-blocking-lock`,
 *   unless `require-lock-timeout` already said it for the file (or is turned off).
 * Statements that were not measured (outside a transaction, or never reached) leave findings as they are.
 * Pure: findings and traces in, findings out.
 */
import { ruleMeta } from "../engine/catalogue.js";
import type { Config } from "../engine/config.js";
import { effectiveSeverity } from "../engine/severity.js";
import { MEASURED_BLOCKING_LOCK, MEASURED_TABLE_REWRITE } from "../engine/execution-rules.js";
import type { ReportedFinding } from "../engine/model.js";
import { RULES } from "../engine/rules/index.js";
import { setAndResetOutsideTransaction } from "../engine/rules/require-lock-timeout/require-lock-timeout.js";
import type { RuleMeta } from "../engine/rules/support/rule.js";
import { blockedTraffic, modeInfo, shortStatement, takesWriteBlockingLock, type LockTrace, type MeasuredLock, type StatementTrace } from "./lock-trace.js";
import { displayName } from "./schema-diff.js";

const LOCK_TIMEOUT_RULE = "require-lock-timeout";

/** Static rules whose hazard is a lock that blocks traffic on an existing table. */
const LOCK_CLAIMS = new Set([
  "index-without-concurrently",
  "drop-index-without-concurrently",
  "set-not-null",
  "constraint-without-not-valid",
  "unique-constraint-without-index",
  "validate-in-same-transaction",
  "lock-table",
  "require-lock-timeout",
  "unverified-column-change",
]);
/** Static rules whose hazard is a rewrite of the whole table. */
const REWRITE_CLAIMS = new Set(["column-type-change", "volatile-default", "table-rewrite-maintenance"]);

/** Opt-in style rules (prefer bigint, ...) are filed under blocking-lock for a future rewrite, not for this statement's lock. */
const STYLE_RULES = new Set(RULES.filter((r) => r.meta.recommended === false).map((r) => r.meta.id));

export interface MergeResult {
  findings: ReportedFinding[];
  /** static findings the measurement contradicted */
  overruled: ReportedFinding[];
}

interface Located {
  path: string;
  statement: StatementTrace;
}

const describeLocks = (locks: readonly MeasuredLock[]) => {
  const modes = [...new Set(locks.map((l) => l.mode))].sort((a, b) => modeInfo(b).strength - modeInfo(a).strength);
  return modes.map((mode) => `${modeInfo(mode).label} on ${locks.filter((l) => l.mode === mode).map((l) => displayName(l.relation)).join(", ")}`).join("; ");
};

/** What the measurement says, in one line for a finding's details. */
export function measuredSummary(statement: StatementTrace): string {
  const taken = statement.locks.length ? describeLocks(statement.locks) : "no new lock on an existing relation";
  // blocking locks on relations the statement itself did not lock anew (it needed nothing more than they give)
  const earlier = statement.held.filter((h) => (modeInfo(h.mode).blocksWrites || modeInfo(h.mode).blocksReads) && !statement.locks.some((l) => l.relation === h.relation));
  const already = earlier.length ? `; already held by its transaction: ${describeLocks(earlier)}` : "";
  const rewrite = statement.rewritten.length ? `; rewrote ${statement.rewritten.map(displayName).join(", ")}` : "";
  return `measured: ${taken}${already}${rewrite}`;
}

function covering(finding: ReportedFinding, traces: readonly Located[]): Located | undefined {
  return traces.find((t) => t.path === finding.path && t.statement.line <= finding.line && finding.line <= t.statement.endLine);
}

function contradicted(finding: ReportedFinding, statement: StatementTrace): boolean {
  if (statement.source !== "measured") return false;
  if (REWRITE_CLAIMS.has(finding.rule)) return statement.rewritten.length === 0;
  if (LOCK_CLAIMS.has(finding.rule)) return !blockedTraffic(statement) && statement.rewritten.length === 0;
  return false;
}

function added(meta: RuleMeta, config: Config, path: string, statement: StatementTrace, message: string, fix: string): ReportedFinding | undefined {
  const severity = effectiveSeverity(config, meta);
  if (severity === undefined) return undefined;
  return {
    path,
    line: statement.line,
    endLine: statement.endLine,
    rule: meta.id,
    category: meta.category,
    severity,
    message,
    fix,
    statement: statement.sql.replace(/\s+/g, " ").trim(),
    details: [measuredSummary(statement)],
  };
}

export function mergeMeasuredLocks(findings: readonly ReportedFinding[], traces: readonly LockTrace[], config: Config): MergeResult {
  const located: Located[] = traces.flatMap((trace) => trace.statements.map((statement) => ({ path: trace.path, statement })));
  const kept: ReportedFinding[] = [];
  const overruled: ReportedFinding[] = [];
  for (const finding of findings) {
    const at = finding.category === "blocking-lock" ? covering(finding, located) : undefined;
    if (!at || at.statement.source !== "measured") kept.push(finding);
    else if (contradicted(finding, at.statement)) overruled.push(finding);
    else kept.push({ ...finding, details: [...finding.details, measuredSummary(at.statement)] });
  }

  const covered = (path: string, statement: StatementTrace) =>
    kept.some((f) => f.path === path && f.category === "blocking-lock" && !STYLE_RULES.has(f.rule) && statement.line <= f.line && f.line <= statement.endLine);
  const extra: ReportedFinding[] = [];
  for (const { path, statement } of located) {
    if (statement.rewritten.length === 0 || statement.type === "TruncateStmt" || covered(path, statement)) continue;
    const tables = statement.rewritten.map(displayName).join(", ");
    const finding = added(
      MEASURED_TABLE_REWRITE,
      config,
      path,
      statement,
      `Running \`${shortStatement(statement.sql)}\` rewrote ${tables} (its storage file changed): every row is copied under an ACCESS EXCLUSIVE lock, so reads and writes wait on a large table.`,
      [
        "-- avoid the rewrite:",
        "-- * a new column with a volatile default: add it without the default, set the default, backfill in batches",
        "-- * a type change: add a new column of the new type, backfill in batches, switch reads and writes, drop the old one",
        "SET lock_timeout = '5s';",
      ].join("\n"),
    );
    if (finding) extra.push(finding);
  }

  // lock_timeout is one piece of advice per migration file, as require-lock-timeout gives it (and scoped as it scopes it)
  const lockTimeoutRule = ruleMeta(LOCK_TIMEOUT_RULE);
  const lockTimeoutOff = lockTimeoutRule !== undefined && effectiveSeverity(config, lockTimeoutRule) === undefined;
  for (const trace of traces) {
    if (lockTimeoutOff || trace.framework !== "sql" || kept.some((f) => f.path === trace.path && f.rule === LOCK_TIMEOUT_RULE)) continue;
    const unseen = trace.statements.filter(
      (s) => s.source === "measured" && takesWriteBlockingLock(s) && (s.lockTimeout ?? "0") === "0" && s.rewritten.length === 0 && !covered(trace.path, s),
    );
    if (unseen.length === 0) continue;
    const statement = unseen[0];
    const strongest = [...statement.locks].sort((a, b) => modeInfo(b.mode).strength - modeInfo(a.mode).strength)[0];
    const blocks = modeInfo(strongest.mode).blocksReads ? "reads and writes" : "writes";
    const more = unseen.length > 1 ? ` (and ${unseen.length - 1} more statement(s) of this migration)` : "";
    const finding = added(
      MEASURED_BLOCKING_LOCK,
      config,
      trace.path,
      statement,
      `Running \`${shortStatement(statement.sql)}\` took ${modeInfo(strongest.mode).label} on ${displayName(strongest.relation)}, which blocks ${blocks}${more}, with no lock_timeout: behind a long query the migration waits and every query on the table queues behind it.`,
      lockTimeoutAdvice(statement),
    );
    if (finding) extra.push(finding);
  }
  return { findings: [...kept, ...extra], overruled };
}

/**
 * The SET for the file the statement ran in, scoped as require-lock-timeout scopes it: in the transaction it ran in,
 * SET LOCAL, which ends with it (a plain SET would stay on a connection the runner hands back to the application);
 * run alone, outside one, where SET LOCAL does nothing, a plain SET first and RESET last.
 */
function lockTimeoutAdvice(statement: StatementTrace): string {
  if (statement.heldUntil !== "end of statement")
    return `SET LOCAL lock_timeout = '5s';  -- first statement of the migration's transaction: fail fast and retry instead of queueing traffic; SET LOCAL ends with the transaction, so the setting does not stay on the connection`;
  return setAndResetOutsideTransaction(": fail fast and retry instead of queueing traffic");
}

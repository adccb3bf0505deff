/**
 * Do the PostgreSQL fixes of a folder of real migrations run, on the schema their migration finds? For
 * `npm run audit-fixes`. Each SQL migration set is applied in its runner's order in one PGlite database; before
 * each migration is applied, every fix of a finding on it runs inside a transaction that is rolled back, each part
 * where the fix says it goes (placeFix): the code in the statement's place after the statements before it, a
 * `then a new migration` after the rest of the up, an `add to the down migration` after the up and the down (a fix
 * for the down: after the whole up). The new migrations run right after this migration, not at the history's head.
 *
 * What a transaction cannot hold: CONCURRENTLY (index build, drop, reindex) is taken out of the parse tree for the
 * check (it changes how the statement locks, not which tables, columns and types it needs); the other statements
 * PostgreSQL refuses in a transaction block (VACUUM, CREATE DATABASE, ...) are not run, and a fix holding one is
 * counted apart. Once a migration of a set fails to apply in PGlite (an extension or role it lacks), the set goes
 * on without it and its later fixes are marked `afterFailure`: the schema they run on may not be the one the
 * migration finds, so they are counted apart from the fixes checked on the whole history.
 */
import { parseStatements, type PgNode } from "../src/engine/adapters/sql/pg-parser.js";
import { mustRunOutsideTransaction } from "../src/engine/adapters/sql/index.js";
import type { Config } from "../src/engine/config.js";
import { groupMigrations, type MigrationUnit } from "../src/engine/group.js";
import type { SourceFile } from "../src/engine/model.js";
import { deparse } from "../src/engine/rules/support/sql-text.js";
import { ordered } from "../src/execute/build-schema.js";
import { DEFAULT_LIMITS, pgFailureOf, type Session } from "../src/execute/executor.js";
import { PgliteExecutor } from "../src/execute/pglite/pglite-executor.js";
import { runScript } from "../src/execute/run-script.js";
import { runnerTables } from "../src/execute/runner-tables.js";
import { fixParts, keepsItsStatement } from "../src/execute/fix-parts.js";
import { migrationScripts, statementsOf, type Script } from "../src/execute/script.js";

export interface FixToRun {
  path: string;
  line: number;
  rule: string;
  fix: string;
}

export type RunVerdict =
  | { kind: "ran" }
  | { kind: "failed"; error: string }
  /** holds a statement PostgreSQL refuses in a transaction block, other than a CONCURRENTLY one */
  | { kind: "outside-transaction" }
  /** the set's history did not apply in PGlite before this migration */
  | { kind: "not-checked"; reason: string };

export interface FixRun extends FixToRun {
  verdict: RunVerdict;
  /** the first migration of the set that failed to apply before this fix was checked */
  afterFailure?: string;
}

const TIMEOUT = { timeoutMs: DEFAULT_LIMITS.statementTimeoutMs };
const TRANSACTION_CONTROL = new Set(["TransactionStmt"]);
const typeOf = (node: PgNode) => Object.keys(node)[0];

/** The statement as it runs inside the check's transaction: CONCURRENTLY dropped; undefined when it cannot run there. */
function inTransaction(node: PgNode, text: string): string | undefined | null {
  if (TRANSACTION_CONTROL.has(typeOf(node))) return null; // the check's own transaction stands in for it
  if (!mustRunOutsideTransaction(node)) return text;
  const copy = structuredClone(node);
  const [type] = Object.keys(copy);
  const s = copy[type];
  if (type === "IndexStmt" || type === "DropStmt") s.concurrent = false;
  else if (type === "ReindexStmt") s.params = (s.params ?? []).filter((p: PgNode) => String(p?.DefElem?.defname).toLowerCase() !== "concurrently");
  else return undefined;
  return mustRunOutsideTransaction(copy) ? undefined : deparse(copy);
}

/** A part of a fix and the statements that run before it in the check's transaction (the earlier parts run too). */
export interface PlacedPart {
  before: string[];
  sql: string;
  /** what the check calls this part in an error */
  label: string;
}

/** Run the statements of one part; a failure names the part. */
async function runPart(session: Session, part: PlacedPart): Promise<RunVerdict | undefined> {
  try {
    for (const sql of part.before) await session.query(sql, TIMEOUT);
  } catch (error) {
    const message = pgFailureOf(error).message;
    // before the first part: the history as written fails (not the fix's doing); before a later part: the statements
    // the earlier parts run before (the rest of the up, the down) fail once the fix is in place, so the fix breaks them
    if (part.label === "the fix") return { kind: "not-checked", reason: `the statements before it fail: ${message}` };
    return { kind: "failed", error: `the migration's own statements before ${part.label} fail with the fix in place: ${message}` };
  }
  const parsed = parseStatements(part.sql);
  if (parsed.errors.length) return { kind: "failed", error: `${part.label} does not parse: ${parsed.errors[0].message}` };
  for (const statement of parsed.statements) {
    const sql = inTransaction(statement.stmt, statement.text);
    if (sql === null) continue;
    if (sql === undefined) return { kind: "outside-transaction" };
    try {
      await session.query(sql, TIMEOUT);
    } catch (error) {
      const message = pgFailureOf(error).message;
      // a down stops on purpose where migguard cannot know the inverse (sql-inverse's pgRaise): that is the fix working
      if (statement.text.startsWith("DO $$ BEGIN RAISE EXCEPTION 'irreversible: ") && message.startsWith("irreversible: ")) return { kind: "ran" };
      return { kind: "failed", error: `${part.label === "the fix" ? "" : `${part.label}, `}line ${statement.line}: ${message}` };
    }
  }
  return undefined;
}

/** Run a fix's parts in order, each after the statements placed before it, in one transaction rolled back. */
export async function checkParts(session: Session, parts: readonly PlacedPart[]): Promise<RunVerdict> {
  const whole = parts.map((p) => p.sql).join("\n");
  const parsed = parseStatements(whole);
  if (parsed.errors.length) return { kind: "failed", error: `does not parse: ${parsed.errors[0].message}` };
  await session.query("BEGIN", TIMEOUT);
  try {
    for (const part of parts) {
      const verdict = await runPart(session, part);
      if (verdict) return verdict;
    }
    return { kind: "ran" };
  } finally {
    await session.query("ROLLBACK", TIMEOUT);
  }
}

/** rules whose fix on an up migration is the down's (their case tables say `fixRunsAfter: "up"`) */
const FIXES_OF_THE_DOWN = new Set(["missing-down", "empty-down", "down-does-not-undo-up"]);

/**
 * rules whose fix is the whole migration rewritten (their case tables say `fixRunsAfter: "schema"`): mixed-ddl-dml's
 * split is migration 1 (this one without what moves), then the new migrations, so none of the up runs before it
 */
const FIXES_OF_THE_WHOLE_MIGRATION = new Set(["mixed-ddl-dml"]);


/** The statements of a script as they run in the check's transaction, each with its line (undefined: one cannot). */
function runnable(script: Script): { line: number; sql: string }[] | undefined {
  const out: { line: number; sql: string }[] = [];
  for (const statement of statementsOf(script)) {
    if (!statement.node) return undefined;
    const sql = inTransaction(statement.node, statement.sql);
    if (sql === null) continue;
    if (sql === undefined) return undefined;
    out.push({ line: statement.line, sql });
  }
  return out;
}

/**
 * The up's statements around the fix's place: those before the statement at `line` (the last one starting at or
 * before it, which the fix's in-place part replaces) and those after it (the statement too when `kept`: the fix has no
 * code for its place), without the statements at `alsoReplaced` (fix-parts.ts); "all" puts the whole up before (a fix of the down).
 */
function upAround(unit: MigrationUnit, line: number | "all", kept = false, alsoReplaced: readonly number[] = []): { before: string[]; after: string[]; afterLines: number[] } | undefined {
  const scripts = migrationScripts(unit, undefined);
  if (!scripts.up.ok) return undefined;
  // the statements whose place the fix takes too (an index swap's DROP INDEX) run neither before nor after it
  const statements = runnable(scripts.up.script)?.filter((s) => !alsoReplaced.includes(s.line));
  if (!statements) return undefined;
  if (line === "all") return { before: statements.map((s) => s.sql), after: [], afterLines: [] };
  const replaced = statements.findLastIndex((s) => s.line <= line);
  const after = statements.slice(kept ? Math.max(replaced, 0) : replaced + 1);
  return { before: statements.slice(0, Math.max(replaced, 0)).map((s) => s.sql), after: after.map((s) => s.sql), afterLines: after.map((s) => s.line) };
}

/** The down's statements as they run in the check's transaction (undefined: no down, or one cannot run there). */
function downStatements(unit: MigrationUnit): string[] | undefined {
  const down = migrationScripts(unit, undefined).down;
  return down?.ok ? runnable(down.script)?.map((s) => s.sql) : undefined;
}

/**
 * Each part of a fix where the fix says it goes: the in-place part at the statement (after the whole up for a fix
 * of the down), each `then a new migration` after the rest of the up, an `add to the down migration` part after the
 * up and the down. A string: why the fix cannot be placed.
 */
export function placeFix(fix: string, around: { before: string[]; after: string[]; afterLines?: number[] }, down: () => string[] | undefined): PlacedPart[] | string {
  const parts = fixParts(fix);
  const placed: PlacedPart[] = [{ before: around.before, sql: parts.inPlace, label: "the fix" }];
  let rest = around.after;
  if (parts.afterLine) {
    // the part later in the same migration (`after line N`): the up's statements up to that line run before it
    const lines = around.afterLines;
    if (!lines) return "the fix has a part after a line of its migration, and the statements' lines are unknown";
    const upTo = lines.filter((l) => l <= parts.afterLine!.line).length;
    placed.push({ before: rest.slice(0, upTo), sql: parts.afterLine.sql, label: "its part later in the migration" });
    rest = rest.slice(upTo);
  }
  for (const sql of parts.newMigrations) {
    placed.push({ before: rest, sql, label: "its new migration" });
    rest = [];
  }
  if (parts.addToDown.length) {
    const statements = down();
    if (!statements) return "its migration's down cannot run in a transaction, and the fix adds to it";
    placed.push({ before: [...rest, ...statements], sql: parts.addToDown.join("\n"), label: "its part of the down" });
  }
  return placed;
}

/** Run every fix of `fixes` that is on a plain SQL migration of `files`, set by set. */
export async function runSqlFixes(files: readonly SourceFile[], config: Config, fixes: readonly FixToRun[]): Promise<FixRun[]> {
  const { units } = groupMigrations(files, config);
  const sql = units.filter((u) => u.file.framework === "sql");
  const onPath = new Map<string, FixToRun[]>();
  for (const f of fixes) onPath.set(f.path, [...(onPath.get(f.path) ?? []), f]);
  const out: FixRun[] = [];
  const executor = new PgliteExecutor();
  try {
    for (const set of ordered(sql, files)) {
      const session = await executor.open({ ...DEFAULT_LIMITS, budgetMs: 600_000 });
      let broken: string | undefined;
      try {
        for (const statement of runnerTables(set[0].file)) await session.query(statement, TIMEOUT);
        for (const unit of set) {
          const own = (onPath.get(unit.file.path) ?? []).map((f) => ({ f, down: false }));
          const down = unit.downFile ? (onPath.get(unit.downFile.path) ?? []).map((f) => ({ f, down: true })) : [];
          for (const { f, down: forDown } of [...own, ...down]) {
            // missing-down's fix is the down itself, down-does-not-undo-up's goes into it: they run after the whole up
            const around = !forDown && FIXES_OF_THE_WHOLE_MIGRATION.has(f.rule) ? { before: [], after: [], afterLines: [] } : upAround(unit, forDown || FIXES_OF_THE_DOWN.has(f.rule) ? "all" : f.line, keepsItsStatement(fixParts(f.fix)), fixParts(f.fix).alsoReplaces);
            const placed = around ? placeFix(f.fix, around, () => downStatements(unit)) : `${unit.file.path}: its statements cannot run in a transaction`;
            out.push({
              ...f,
              verdict: typeof placed === "string" ? { kind: "not-checked", reason: placed } : await checkParts(session, placed),
              ...(broken ? { afterFailure: broken } : {}),
            });
          }
          const scripts = migrationScripts(unit, undefined);
          if (!scripts.up.ok) {
            broken ??= `${unit.file.path} cannot be run: ${scripts.up.reason}`;
            continue;
          }
          const outcome = await runScript(scripts.up.script, { session, deadline: performance.now() + 600_000, statementTimeoutMs: DEFAULT_LIMITS.statementTimeoutMs });
          if (outcome.failure) {
            broken ??= `${unit.file.path}:${outcome.failure.line} failed in PGlite: ${outcome.failure.message}`;
            // a transaction the failed migration left open would swallow the next ones (a warning when none is)
            await session.query("ROLLBACK", TIMEOUT).catch(() => undefined);
          }
        }
      } finally {
        await session.release().catch(() => undefined);
      }
    }
  } finally {
    await executor.close();
  }
  return out;
}

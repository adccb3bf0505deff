/**
 * Do the PostgreSQL fixes of a folder of real migrations run, on the schema their migration finds? For
 * `npm run audit-fixes`. Each SQL migration set is applied in its runner's order in one PGlite database; before
 * each migration is applied, every fix of a finding on it runs inside a transaction that is rolled back, after
 * the migration's statements that come before the finding (a fix for the down: after the whole up).
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
import { migrationScripts, statementsOf } from "../src/execute/script.js";

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

async function check(session: Session, before: string[], fix: string): Promise<RunVerdict> {
  const parsed = parseStatements(fix);
  if (parsed.errors.length) return { kind: "failed", error: `does not parse: ${parsed.errors[0].message}` };
  await session.query("BEGIN", TIMEOUT);
  try {
    for (const sql of before) await session.query(sql, TIMEOUT);
  } catch (error) {
    await session.query("ROLLBACK", TIMEOUT);
    return { kind: "not-checked", reason: `the statements before it fail: ${pgFailureOf(error).message}` };
  }
  try {
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
        return { kind: "failed", error: `line ${statement.line}: ${message}` };
      }
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


/**
 * The up's statements that run before the fix, as they run in the check's transaction (undefined: one cannot):
 * those before `line`; "all" for a fix of the down.
 */
function statementsBefore(unit: MigrationUnit, line: number | "all"): string[] | undefined {
  const scripts = migrationScripts(unit, undefined);
  if (!scripts.up.ok) return undefined;
  const out: string[] = [];
  const statements = statementsOf(scripts.up.script);
  for (const statement of statements) {
    if (typeof line === "number" && statement.line >= line) break;
    if (!statement.node) return undefined;
    const sql = inTransaction(statement.node, statement.sql);
    if (sql === null) continue;
    if (sql === undefined) return undefined;
    out.push(sql);
  }
  return out;
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
            const before = !forDown && FIXES_OF_THE_WHOLE_MIGRATION.has(f.rule) ? [] : statementsBefore(unit, forDown || FIXES_OF_THE_DOWN.has(f.rule) ? "all" : f.line);
            out.push({
              ...f,
              verdict: before ? await check(session, before, f.fix) : { kind: "not-checked", reason: `${unit.file.path}: its statements cannot run in a transaction` },
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

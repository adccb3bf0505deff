/**
 * The schema a repository's migrations produce, built for real: every migration of each SQL migration set
 * (and Rails/Django migrations written entirely in SQL) applied in the runner's order, Flyway's repeatable
 * migrations after the versioned ones, in one throwaway database, with each runner's bookkeeping table; or a
 * SQL schema dump (Rails' db/structure.sql, dbmate's schema.sql) loaded statement by statement. Then the
 * catalogs are read into the model `drift` compares with production. The same safety checks and limits as
 * `--execute` apply: this SQL comes from the repository.
 */
import { adapterFor, loadAdapters } from "../engine/adapters/index.js";
import { parseStatements } from "../engine/adapters/sql/pg-parser.js";
import { withoutPsqlMetaCommands } from "../engine/adapters/sql/psql-meta.js";
import type { Config } from "../engine/config.js";
import { groupMigrations, type MigrationUnit } from "../engine/group.js";
import { compareMigrations, migrationSet, sqitchPlanOrder } from "../engine/migration-order.js";
import type { Migration, SourceFile } from "../engine/model.js";
import { defaultExecutor } from "./default-executor.js";
import { DEFAULT_LIMITS, type ExecutionLimits, type Executor, type Session } from "./executor.js";
import { runScript } from "./run-script.js";
import { runnerTables } from "./runner-tables.js";
import { nodeRefusal } from "./safety.js";
import { executable, migrationScripts, statementsOf, type Script, type ScriptStatement } from "./script.js";
import { takeSnapshot, type SchemaObject } from "./snapshot.js";

export interface BuiltSchema {
  schema: SchemaObject[];
  /** what was applied, in order: migration paths, or the dump's path */
  applied: string[];
  /** which database built it */
  database: string;
}

/** The schema could not be built faithfully: comparing it with production would report differences that are not there. */
export class BuildError extends Error {}

/** Longer than one verification: a whole history runs here. */
const BUILD_LIMITS: ExecutionLimits = { ...DEFAULT_LIMITS, budgetMs: 300_000 };

function parseMigration(unit: MigrationUnit): Migration | undefined {
  const adapter = adapterFor(unit.file.framework);
  if (!adapter) return undefined;
  try {
    return adapter.parse(unit);
  } catch {
    return undefined;
  }
}

function refusal(script: Script, hostAccess: boolean): string | undefined {
  for (const statement of statementsOf(script)) {
    const reason = statement.node ? nodeRefusal(statement.node, hostAccess) : undefined;
    if (reason) return `${script.path}:${statement.line}: ${reason}`;
  }
  return undefined;
}

/** Units of every set in the order their runners apply them; sets in path order. */
export function ordered(units: readonly MigrationUnit[], files: readonly SourceFile[]): MigrationUnit[][] {
  const sets = new Map<string, MigrationUnit[]>();
  for (const unit of units) {
    if (unit.file.role !== "up" && unit.file.role !== "combined" && unit.file.role !== "repeatable") continue;
    const set = migrationSet(unit.file);
    sets.set(set, [...(sets.get(set) ?? []), unit]);
  }
  const plans = new Map(files.filter((f) => f.path.endsWith("sqitch.plan")).map((f) => [f.path.slice(0, f.path.length - "sqitch.plan".length), f.content]));
  const out: MigrationUnit[][] = [];
  for (const set of [...sets.keys()].sort()) {
    const members = sets.get(set)!;
    const versioned = members.filter((u) => u.file.role !== "repeatable");
    const repeatable = members.filter((u) => u.file.role === "repeatable").sort((a, b) => compareMigrations(a.file, b.file));
    let sorted = [...versioned].sort((a, b) => compareMigrations(a.file, b.file));
    const layout = sorted[0]?.file.layout;
    if (layout === "alembic" && sorted.length > 1) throw new BuildError(`${set}: Alembic orders revisions by their down_revision graph, which migguard does not follow`);
    if (layout === "sqitch") {
      const first = sorted[0].file;
      const plan = plans.get(first.key.slice(0, first.key.length - (first.name?.length ?? 0)));
      if (plan === undefined) throw new BuildError(`${set}: sqitch deploys in the order of sqitch.plan, which was not given`);
      const order = sqitchPlanOrder(plan);
      const missing = sorted.find((u) => !order.includes(u.file.name ?? ""));
      if (missing) throw new BuildError(`sqitch.plan does not list ${missing.file.name}`);
      sorted = sorted.sort((a, b) => order.indexOf(a.file.name ?? "") - order.indexOf(b.file.name ?? ""));
    }
    out.push([...sorted, ...repeatable]);
  }
  return out;
}

async function runOrThrow(session: Session, script: Script, what: string, limits: ExecutionLimits, deadline: number, hostAccess: boolean): Promise<void> {
  const refused = refusal(script, hostAccess);
  if (refused) throw new BuildError(`${what} was not run: ${refused}`);
  const outcome = await runScript(script, { session, deadline, statementTimeoutMs: limits.statementTimeoutMs });
  if (outcome.failure) throw new BuildError(`${what} failed at ${script.path}:${outcome.failure.line}: ${outcome.failure.message}`);
}

/** Apply every migration of the given files, set by set, and read the schema they produce. */
export async function buildFromMigrations(files: readonly SourceFile[], config: Config, options: { executor?: Executor; limits?: Partial<ExecutionLimits> } = {}): Promise<BuiltSchema> {
  await loadAdapters();
  const executor = options.executor ?? defaultExecutor();
  const limits = { ...BUILD_LIMITS, ...options.limits };
  const { units } = groupMigrations(files, config);
  const runnable = units.filter((u) => u.file.framework === "sql" || (() => {
    const migration = parseMigration(u);
    return migration !== undefined && executable(migration);
  })());
  const sets = ordered(runnable, files);
  if (sets.length === 0) throw new BuildError("no SQL migration to build the schema from");
  const database = await executor.describe();
  const session = await executor.open(limits);
  const deadline = performance.now() + limits.budgetMs;
  const applied: string[] = [];
  try {
    for (const set of sets) {
      for (const sql of runnerTables(set[0].file)) await session.query(sql, { timeoutMs: limits.statementTimeoutMs });
      for (const unit of set) {
        const scripts = migrationScripts(unit, unit.file.framework === "sql" ? undefined : parseMigration(unit));
        if (!scripts.up.ok) throw new BuildError(`${unit.file.path} cannot be run: ${scripts.up.reason}`);
        await runOrThrow(session, scripts.up.script, unit.file.path, limits, deadline, executor.hostAccess);
        applied.push(unit.file.path);
      }
    }
    await session.query("RESET ALL", { timeoutMs: limits.statementTimeoutMs });
    return { schema: [...(await takeSnapshot(session, limits.statementTimeoutMs)).values()], applied, database };
  } finally {
    await session.release().catch(() => undefined);
  }
}

/** What pg_dump writes that a test database cannot take and the schema does not need: owners and grants of roles it lacks. */
const ROLE_MISSING = "42704";
const OWNERSHIP = new Set(["AlterOwnerStmt", "GrantStmt", "GrantRoleStmt", "AlterDefaultPrivilegesStmt"]);
const isOwnership = (statement: ScriptStatement) =>
  OWNERSHIP.has(statement.type) || (statement.type === "AlterTableStmt" && JSON.stringify(statement.node).includes("AT_ChangeOwner"));

/** Load a SQL schema dump (db/structure.sql) and read the schema it describes. */
export async function buildFromDump(dump: SourceFile, options: { executor?: Executor; limits?: Partial<ExecutionLimits> } = {}): Promise<BuiltSchema> {
  await loadAdapters();
  const executor = options.executor ?? defaultExecutor();
  const limits = { ...BUILD_LIMITS, ...options.limits };
  const parsed = parseStatements(withoutPsqlMetaCommands(dump.content));
  // a statement that does not parse would be missing from the schema, and show up as drift that is not there
  if (parsed.errors.length > 0) throw new BuildError(`${dump.path}:${parsed.errors[0].line} does not parse: ${parsed.errors[0].message}`);
  const statements: ScriptStatement[] = parsed.statements
    .map((s) => ({ sql: s.text, line: s.line, endLine: s.endLine, inTransaction: false, node: s.stmt, type: Object.keys(s.stmt)[0] ?? "", outsideTransactionOnly: false }))
    // schema_migrations rows and other data are not schema
    .filter((s) => s.type !== "InsertStmt" && s.type !== "CopyStmt");
  const database = await executor.describe();
  const session = await executor.open(limits);
  const deadline = performance.now() + limits.budgetMs;
  try {
    for (const statement of statements) {
      const script: Script = { path: dump.path, segments: [{ statements: [statement] }] };
      const refused = refusal(script, executor.hostAccess);
      if (refused) throw new BuildError(`${dump.path} was not loaded: ${refused}`);
      const outcome = await runScript(script, { session, deadline, statementTimeoutMs: limits.statementTimeoutMs });
      if (!outcome.failure) continue;
      if (isOwnership(statement) && outcome.failure.failure?.code === ROLE_MISSING) continue;
      throw new BuildError(`${dump.path}:${outcome.failure.line} does not load: ${outcome.failure.message}`);
    }
    await session.query("RESET ALL", { timeoutMs: limits.statementTimeoutMs });
    return { schema: [...(await takeSnapshot(session, limits.statementTimeoutMs)).values()], applied: [dump.path], database };
  } finally {
    await session.release().catch(() => undefined);
  }
}

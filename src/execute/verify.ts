/**
 * `verifyMigrations`: run migrations for real and report what only running shows.
 * For each target: apply the earlier migrations of its folder in the runner's order (the schema it expects),
 * snapshot the schema, run the up statement by statement with a lock trace, run the down, compare the schema
 * with the first snapshot, run the up again. Targets of one folder are verified in order on one database, so
 * a pull request with several migrations pays for the history once.
 * Failures of the test database (a missing extension or role, a limit) are info notes, never findings.
 */
import { adapterFor, loadAdapters } from "../engine/adapters/index.js";
import { withSqlDialect } from "../engine/adapters/sql/index.js";
import { migrationFolder, type DatabaseDecision } from "../engine/database/decide.js";
import { fileDatabase } from "../engine/database/dialect-file.js";
import { DATABASE_LABEL } from "../engine/database/names.js";
import { defaultConfig, type Config } from "../engine/config.js";
import { effectiveSeverity } from "../engine/severity.js";
import type { DetectedFile } from "../engine/detect.js";
import {
  DOWN_DOES_NOT_RESTORE_SCHEMA,
  EXECUTE_DOWN_FAILS,
  EXECUTE_SKIPPED,
  EXECUTE_UP_FAILS,
  MEASURED_BLOCKING_LOCK,
  MEASURED_TABLE_REWRITE,
  UP_NOT_RERUNNABLE,
} from "../engine/execution-rules.js";
import { groupMigrations, type MigrationUnit } from "../engine/group.js";
import { compareMigrations, earlierMigrations, migrationSet } from "../engine/migration-order.js";
import type { Database, Migration, ReportedFinding, SourceFile } from "../engine/model.js";
import type { RuleMeta } from "../engine/rules/support/rule.js";
import { defaultExecutor, defaultMysqlExecutor } from "./default-executor.js";
import { mysqlDialect, POSTGRES_DIALECT, type RunDialect } from "./dialects.js";
import { DEFAULT_LIMITS, type ExecutionLimits, type Executor, type ExecutorFamily, type Session } from "./executor.js";
import { FolderObjects } from "./folder-objects.js";
import { lockTableMarkdown, lockTableText, type LockTrace } from "./lock-trace.js";
import { mergeMeasuredLocks } from "./merge-measured-locks.js";
import { mergeMeasuredAlgorithms } from "./mysql/merge-measured-algorithms.js";
import { MysqlExecutor, serverLabel, type MysqlServer } from "./mysql/mysql-executor.js";
import { algorithmTableMarkdown, algorithmTableText, type AlgorithmTrace } from "./mysql/online-ddl-trace.js";
import type { StatementFailure } from "./run-script.js";
import { settleDownGuesses, type ComparedMigration } from "./settle-down-guesses.js";
import { describeChange, diffSnapshots, displayName } from "./schema-diff.js";
import { executable, statementsOf, type MigrationScripts, type Script } from "./script.js";
import { byLocation } from "../engine/finding-order.js";
import { Production } from "../engine/production/production.js";
import { withTableSize } from "../engine/production/size-aware.js";
import type { ProductionSnapshot } from "../engine/production/snapshot-file.js";
import { restoreSchema } from "./restore-schema.js";
import { productionSizes, type SizeOf } from "./production-sizes.js";
import { baseOf, folderPrefix } from "../engine/paths.js";

export interface VerifyInput {
  /**
   * The files at hand: the migrations to run with their downs, and the earlier migrations of their folders
   * (`pathsToRead` in engine/migration-order.ts lists which), plus sqitch.plan for sqitch.
   */
  files: readonly SourceFile[];
  /** paths of the migrations to run (an up, a combined file, or a down, which stands for its migration) */
  targets: readonly string[];
  config?: Config;
  /** static findings (from analyze): measured locks confirm or overrule their lock guesses, a run down settles down-does-not-undo-up */
  findings?: readonly ReportedFinding[];
  /**
   * default: for PostgreSQL migrations the process's shared PGlite, or the PostgreSQL server of
   * MIGGUARD_DATABASE_URL / DATABASE_URL; for MySQL / MariaDB migrations the server of a mysql:// or mariadb://
   * URL there. A given executor runs the migrations of its family; the others are skipped with a note.
   */
  executor?: Executor;
  /**
   * The database of each migrations folder (AnalysisResult.databases): MySQL / MariaDB folders are read with
   * MySQL's grammar and run on a MySQL server. Without it every folder is PostgreSQL's.
   */
  databases?: readonly DatabaseDecision[];
  limits?: Partial<ExecutionLimits>;
  /**
   * A production snapshot (`migguard snapshot`): the database starts from production's schema instead of
   * replaying the folder's earlier migrations, and measured rewrites and the lock table get production's sizes.
   */
  snapshot?: ProductionSnapshot;
}

export interface MigrationRun {
  path: string;
  outcome: "verified" | "failed" | "skipped";
  /** for skipped: why */
  reason?: string;
  /** the whole verification, wall clock */
  ms: number;
  /** the part spent building the schema it expects (applying earlier migrations); 0 when the database already had it */
  historyMs: number;
  /** where that schema came from: the folder's earlier migrations, or the production snapshot */
  schemaFrom?: "history" | "snapshot";
}

export interface VerifyResult {
  /** the static findings (minus those the measurement overruled) plus the execution findings, sorted */
  findings: ReportedFinding[];
  /** only what running found (and the info notes) */
  executionFindings: ReportedFinding[];
  /** static findings the measured locks contradicted */
  overruled: ReportedFinding[];
  traces: LockTrace[];
  /** MySQL / MariaDB: the algorithm the server accepted for each ALTER of an existing table */
  algorithms: AlgorithmTrace[];
  runs: MigrationRun[];
  /** which database ran them */
  database: string;
  /** for the check-run summary: what ran, and the lock table */
  markdown: string;
  /** for the CLI's text output */
  text: string;
}

interface Target {
  unit: MigrationUnit;
  migration?: Migration;
  /** the database its folder runs on */
  database: Database;
  databaseVersion?: string;
}

const MEASURED_RULE_IDS: ReadonlySet<string> = new Set([MEASURED_TABLE_REWRITE.id, MEASURED_BLOCKING_LOCK.id]);
/** the session holds production's schema (the snapshot), not one migration set's history */
const PRODUCTION_SCHEMA = "(production snapshot)";
const normalise = (text: string) => text.replace(/\s+/g, " ").trim();

/** The folder's database, unless the file's own name says another (`x.mysql.up.sql`), as analyze decides it. */
function databaseOf(unit: MigrationUnit, decisions: ReadonlyMap<string, DatabaseDecision>): { database: Database; version?: string } {
  const folder = decisions.get(migrationFolder(unit.file));
  const named = fileDatabase(unit.file.path) ?? unit.database;
  const database = named && !folder?.reason.startsWith("`database:") ? named : (folder?.database ?? "postgresql");
  return { database, version: folder?.version };
}

function parseMigration(unit: MigrationUnit, on: { database: Database; version?: string }): Migration | undefined {
  const adapter = adapterFor(unit.file.framework);
  if (!adapter) return undefined;
  try {
    const migration = withSqlDialect(on.database, on.version, () => adapter.parse({ ...unit, database: on.database, databaseVersion: on.version }));
    migration.database = on.database;
    if (on.version) migration.databaseVersion = on.version;
    return migration;
  } catch {
    return undefined;
  }
}

const familyOf = (database: Database): ExecutorFamily | undefined => (database === "postgresql" ? "postgresql" : database === "mysql" || database === "mariadb" ? "mysql" : undefined);

/** Inline waivers (`-- migguard:ignore RULE reason`): the statement after the comment, its own line, or the file. */
function waived(finding: ReportedFinding, migration: Migration | undefined): boolean {
  if (!migration || migration.path !== finding.path) return false;
  // statements of this file only: a golang-migrate down's lines belong to the .down.sql
  const sameFileDown = migration.down.status === "present" && (migration.down.path ?? migration.path) === migration.path ? migration.down.ops : [];
  const starts = [...migration.up, ...sameFileDown].map((op) => op.loc.line).sort((a, b) => a - b);
  return migration.waivers.some((w) => {
    if (!w.reason || !(w.rules.length === 0 || w.rules.includes(finding.rule) || w.rules.includes("*"))) return false;
    if (w.wholeFile || w.line === finding.line) return true;
    return (starts.find((start) => start >= w.line) ?? w.line + 1) === finding.line;
  });
}

/** The refusal of the first statement of the script that may not run here. */
function refusalIn(script: Script, hostAccess: boolean, dialect: RunDialect): string | undefined {
  for (const statement of statementsOf(script)) {
    const reason = dialect.refusal(statement, hostAccess);
    if (reason) return `${script.path}:${statement.line}: ${reason}`;
  }
  return undefined;
}

class Verifier {
  readonly findings: ReportedFinding[] = [];
  readonly traces: LockTrace[] = [];
  readonly algorithms: AlgorithmTrace[] = [];
  readonly runs: MigrationRun[] = [];
  /** migrations whose down ran and whose schema was compared */
  readonly compared: ComparedMigration[] = [];
  private session?: Session;
  /** the set and the migrations applied, in order, on the open session */
  private applied: { set: string; paths: string[] } = { set: "", paths: [] };
  /** earlier migrations that could not be applied, and why */
  private readonly broken = new Map<string, string>();
  /** per migration set: what its migrations create (read only when a statement fails on a missing object) */
  private readonly folders = new Map<string, FolderObjects>();
  private readonly deadline: number;
  /** why production's schema could not be recreated (then the history is replayed instead) */
  snapshotProblem?: string;

  constructor(
    private readonly executor: Executor,
    private readonly config: Config,
    private readonly limits: ExecutionLimits,
    private readonly units: ReadonlyMap<string, MigrationUnit>,
    private readonly sqitchPlans: ReadonlyMap<string, string>,
    private readonly on: {
      /** how migrations run on this executor's database family, per migration database */
      dialect: (database: Database) => RunDialect;
      /** the database of each unit */
      databaseOf: (unit: MigrationUnit) => { database: Database; version?: string };
      /** "PostgreSQL", "MariaDB 10.11.18": where the messages say the statement failed */
      label: string;
      /** a MySQL / MariaDB server: which */
      server?: MysqlServer;
      /** the time budget is shared by every executor of the run */
      deadline: number;
    },
    private readonly snapshot?: ProductionSnapshot,
  ) {
    this.deadline = on.deadline;
  }

  private dialectOf(unit: MigrationUnit): RunDialect {
    return this.on.dialect(this.on.databaseOf(unit).database);
  }

  private parse(unit: MigrationUnit): Migration | undefined {
    return parseMigration(unit, this.on.databaseOf(unit));
  }

  private report(meta: RuleMeta, target: Target, at: { path: string; line: number; endLine?: number }, message: string, fix: string, statement = "", details: string[] = []): void {
    const severity = effectiveSeverity(this.config, meta);
    if (severity === undefined) return;
    const finding: ReportedFinding = {
      path: at.path,
      line: at.line,
      endLine: Math.max(at.line, at.endLine ?? at.line),
      rule: meta.id,
      category: meta.category,
      severity,
      message,
      fix,
      statement: normalise(statement),
      details,
    };
    if (!waived(finding, target.migration)) this.findings.push(finding);
  }

  /** Say why a migration is not run at all (no database of its family). */
  skipWith(target: Target, reason: string): void {
    this.skip(target, reason, performance.now());
  }

  private skip(target: Target, reason: string, began: number): void {
    this.report(
      EXECUTE_SKIPPED,
      target,
      { path: target.unit.file.path, line: 1 },
      `Not run in the test database: ${reason}.`,
      "Nothing to change in the migration: this is what migguard could not check by running it. Review the down and the locks by hand.",
    );
    this.runs.push({ path: target.unit.file.path, outcome: "skipped", reason, ms: performance.now() - began, historyMs: 0 });
  }

  private async release(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    this.applied = { set: "", paths: [] };
    await session?.release().catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.release();
  }

  private options() {
    return { session: this.session!, deadline: this.deadline, statementTimeoutMs: this.limits.statementTimeoutMs };
  }

  /** Bring the session to "every earlier migration applied"; a reason when that is impossible. */
  private async reach(set: string, target: DetectedFile, earlier: readonly DetectedFile[], dialect: RunDialect): Promise<string | undefined> {
    const paths = earlier.map((f) => f.path);
    for (const path of paths) if (this.broken.has(path)) return this.broken.get(path);
    const reusable = this.session && this.applied.set === set && this.applied.paths.every((p, i) => paths[i] === p);
    if (!reusable) {
      await this.release();
      this.session = await this.executor.open(this.limits);
      this.applied = { set, paths: [] };
      for (const sql of dialect.runnerTables(target)) await this.session.query(sql, { timeoutMs: this.limits.statementTimeoutMs });
    }
    for (const file of earlier.slice(this.applied.paths.length)) {
      const unit = this.units.get(file.path);
      const on = unit ? this.on.databaseOf(unit) : undefined;
      const scripts = unit ? dialect.scripts(unit, unit.file.framework === "sql" ? undefined : this.parse(unit), on?.version) : undefined;
      let reason: string | undefined;
      if (!scripts) reason = `earlier migration ${file.path} could not be read`;
      else if (!scripts.up.ok) reason = `earlier migration ${scripts.up.reason}`;
      else {
        const refused = refusalIn(scripts.up.script, this.executor.hostAccess, dialect);
        if (refused) reason = `earlier migration ${refused}`;
        else {
          const outcome = await dialect.run(scripts.up.script, this.options());
          if (outcome.failure) reason = `earlier migration ${scripts.up.script.path}:${outcome.failure.line} failed: ${outcome.failure.message}`;
        }
      }
      if (reason) {
        this.broken.set(file.path, reason);
        await this.release();
        return reason;
      }
      this.applied.paths.push(file.path);
    }
    return undefined;
  }

  /**
   * Bring the session to production's schema (once; migrations verified since stay applied). False when the
   * snapshot cannot be recreated here: the caller replays the history instead.
   */
  private async reachProduction(target: DetectedFile): Promise<boolean> {
    if (!this.snapshot || this.snapshotProblem) return false;
    if (this.session && this.applied.set === PRODUCTION_SCHEMA) return true;
    await this.release();
    this.session = await this.executor.open(this.limits);
    this.applied = { set: PRODUCTION_SCHEMA, paths: [] };
    const { problems } = await restoreSchema(this.session, this.snapshot.schema, { timeoutMs: this.limits.statementTimeoutMs, deadline: this.deadline });
    if (problems.length > 0) {
      const [first] = problems;
      this.snapshotProblem = `${first.object.kind} ${displayName(first.object.name)} could not be recreated (${first.message})${problems.length > 1 ? ` nor ${problems.length - 1} other object(s)` : ""}`;
      await this.release();
      return false;
    }
    for (const sql of POSTGRES_DIALECT.runnerTables(target)) await this.session.query(sql, { timeoutMs: this.limits.statementTimeoutMs });
    return true;
  }

  private folderOf(file: DetectedFile): FolderObjects {
    const set = migrationSet(file);
    let folder = this.folders.get(set);
    if (!folder) {
      const migrations = [...this.units.values()].filter((u) => migrationSet(u.file) === set).flatMap((u) => this.parse(u) ?? []);
      this.folders.set(set, (folder = new FolderObjects(migrations)));
    }
    return folder;
  }

  /** Not the migration's fault: the reason, for an info note. */
  private environment(failure: StatementFailure, file: DetectedFile, dialect: RunDialect): string | undefined {
    return dialect.environment(failure, file.framework, this.folderOf(file));
  }

  /** `(did you mean users?)` when the database misses an object one or two letters away from one the folder creates. */
  private didYouMean(failure: StatementFailure, file: DetectedFile, dialect: RunDialect): string {
    const { object, type } = dialect.missing(failure);
    const near = object ? this.folderOf(file).nearMiss(object, { type }) : undefined;
    return near ? ` (did you mean ${near}?)` : "";
  }

  private failureFinding(meta: RuleMeta, target: Target, failure: StatementFailure, path: string, message: string, fix: string): void {
    this.report(meta, target, { path, line: failure.line, endLine: failure.line }, message, fix, failure.statement.sql, [`statement: ${failure.statement.sql.replace(/\s+/g, " ").trim().slice(0, 200)}`]);
  }

  /** `fromHistory`: replay the earlier migrations even when a production snapshot was given. */
  async verify(target: Target, fromHistory = false): Promise<void> {
    const began = performance.now();
    const { file } = target.unit;
    if (performance.now() >= this.deadline) return this.skip(target, `the time budget of ${this.limits.budgetMs} ms ran out`, began);
    const dialect = this.dialectOf(target.unit);
    const scripts: MigrationScripts = dialect.scripts(target.unit, target.migration, target.databaseVersion);
    if (!scripts.up.ok) return this.skip(target, scripts.up.reason, began);
    const refused = refusalIn(scripts.up.script, this.executor.hostAccess, dialect) ?? (scripts.down?.ok ? refusalIn(scripts.down.script, this.executor.hostAccess, dialect) : undefined);
    if (refused) return this.skip(target, refused, began);

    const candidates = [...this.units.values()].map((u) => u.file);
    const planDir = file.layout === "sqitch" ? file.key.slice(0, file.key.length - (file.name?.length ?? 0)) : "";
    const plan = earlierMigrations(file, candidates, { sqitchPlan: this.sqitchPlans.get(planDir) });
    if (plan.status === "unordered") return this.skip(target, plan.reason, began);
    let unreachable: string | undefined;
    let schemaFrom: MigrationRun["schemaFrom"] = "history";
    const reaching = performance.now();
    try {
      if (!fromHistory && (await this.reachProduction(file))) schemaFrom = "snapshot";
      else unreachable = await this.reach(migrationSet(file), file, plan.earlier, dialect);
    } catch (error) {
      await this.release();
      unreachable = `the test database could not be prepared: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (unreachable) return this.skip(target, `the schema it expects could not be built (${unreachable})`, began);
    const historyMs = performance.now() - reaching;

    const reported = { findings: this.findings.length, traces: this.traces.length, algorithms: this.algorithms.length, compared: this.compared.length };
    let result: { outcome: MigrationRun["outcome"]; reason?: string; missing?: string };
    try {
      result = await this.run(target, scripts, this.session!, dialect);
    } catch (error) {
      // the database itself failed (a limit stopped it, a snapshot query broke): say so, never guess
      await this.release();
      return this.skip(target, `the test database stopped: ${error instanceof Error ? error.message : String(error)}`, began);
    }
    if (schemaFrom === "snapshot" && result.missing && plan.earlier.length > 0 && this.folderOf(file).creates(result.missing)) {
      // an earlier migration of the folder makes what production lacks: it has not been deployed yet, so run the history
      this.findings.length = reported.findings;
      this.traces.length = reported.traces;
      this.algorithms.length = reported.algorithms;
      this.compared.length = reported.compared;
      await this.release();
      return this.verify(target, true);
    }
    this.runs.push({ path: file.path, outcome: result.outcome, reason: result.reason, ms: performance.now() - began, historyMs, schemaFrom });
    if (result.outcome === "verified") this.applied.paths.push(file.path);
    else await this.release();
  }

  /** up (traced) -> down -> compare -> up; "verified" leaves the up applied. */
  private async run(target: Target, scripts: MigrationScripts, session: Session, dialect: RunDialect): Promise<{ outcome: MigrationRun["outcome"]; reason?: string; missing?: string }> {
    const { file } = target.unit;
    const framework = file.framework;
    const up = (scripts.up as { ok: true; script: Script }).script;
    // a deploy applies the new migration in a fresh session: settings earlier migrations SET do not carry over
    await dialect.reset(session, this.limits.statementTimeoutMs);
    const before = await dialect.snapshot(session, this.limits.statementTimeoutMs);
    const beforeAt = performance.now();

    const measured = await dialect.runUp(up, this.options());
    const first = measured.outcome;
    if (measured.locks) this.traces.push({ path: up.path, framework, statements: measured.locks });
    if (measured.algorithms && this.on.server) this.algorithms.push({ path: up.path, framework, server: this.on.label, serverDatabase: this.on.server.database, statements: measured.algorithms });
    if (first.failure) {
      const environment = this.environment(first.failure, file, dialect);
      if (environment) {
        this.report(EXECUTE_SKIPPED, target, { path: up.path, line: first.failure.line }, `Not run to the end in the test database: ${environment}.`, "Nothing to change in the migration: migguard could not check the rest of it by running it.");
        return { outcome: "skipped", reason: environment };
      }
      this.failureFinding(
        EXECUTE_UP_FAILS,
        target,
        first.failure,
        up.path,
        `The up fails in ${this.on.label} after the folder's earlier migrations: ${first.failure.message}${this.didYouMean(first.failure, file, dialect)}.`,
        "Make the statement run against the schema the earlier migrations build (names, types, order of statements), and run it locally with `migguard lint --execute`.",
      );
      return { outcome: "failed", missing: dialect.missing(first.failure).object };
    }

    const down = scripts.down;
    if (!down || target.migration?.down.status !== "present") return { outcome: "verified" };
    if (!down.ok) {
      this.report(EXECUTE_SKIPPED, target, { path: file.path, line: 1 }, `The down was not run: ${down.reason}.`, "Nothing to change in the migration: review the down by hand.");
      return { outcome: "verified" };
    }
    const back = await dialect.run(down.script, this.options());
    if (back.failure) {
      const environment = this.environment(back.failure, file, dialect);
      if (environment) {
        this.report(EXECUTE_SKIPPED, target, { path: down.script.path, line: back.failure.line }, `The down did not run to the end in the test database: ${environment}.`, "Nothing to change in the migration: review the down by hand.");
        return { outcome: "skipped", reason: environment };
      }
      this.failureFinding(
        EXECUTE_DOWN_FAILS,
        target,
        back.failure,
        down.script.path,
        `The down fails in ${this.on.label} right after the up: ${back.failure.message}.`,
        "Make the down undo the up in reverse order (drop what the up created, restore what it changed), so that a rollback completes.",
      );
      return { outcome: "failed" };
    }

    const after = await dialect.snapshot(session, this.limits.statementTimeoutMs);
    const changes = diffSnapshots(before, after, { clockDriftMs: performance.now() - beforeAt + 1_000 });
    this.compared.push({ upPath: up.path, downPath: down.script.path });
    if (changes.length > 0) {
      const named = changes.slice(0, 5).map((c) => `${c.object.kind} ${displayName(c.object.name)} ${c.change === "left over" ? "is still there" : c.change === "missing" ? "is gone" : "differs"}`);
      const more = changes.length > named.length ? `, and ${changes.length - named.length} more` : "";
      const firstDown = statementsOf(down.script)[0];
      this.report(
        DOWN_DOES_NOT_RESTORE_SCHEMA,
        target,
        { path: down.script.path, line: firstDown?.line ?? 1, endLine: firstDown?.endLine },
        `After the up and the down, the schema is not what it was before the up: ${named.join("; ")}${more}.`,
        dialect.undo(changes),
        firstDown?.sql ?? "",
        changes.map(describeChange),
      );
    }

    const again = await dialect.run(up, this.options());
    if (again.failure) {
      const environment = this.environment(again.failure, file, dialect);
      if (environment) return { outcome: "skipped", reason: environment };
      this.failureFinding(
        UP_NOT_RERUNNABLE,
        target,
        again.failure,
        up.path,
        `After the down, running the up again fails: ${again.failure.message}.`,
        "Make the down remove everything the up creates (the schema must be exactly as before), so that rollback-then-redeploy works.",
      );
      return { outcome: "failed" };
    }
    return { outcome: changes.length > 0 ? "failed" : "verified" };
  }
}

/** The table a measured rewrite finding's statement rewrote. */
function rewrittenAt(traces: readonly LockTrace[], finding: ReportedFinding): string | undefined {
  const trace = traces.find((t) => t.path === finding.path);
  return trace?.statements.find((s) => s.line === finding.line && s.rewritten.length > 0)?.rewritten[0];
}

/** Which units the targets name, in the order their runners apply them (folder by folder). */
function resolveTargets(targets: readonly string[], units: readonly MigrationUnit[]): MigrationUnit[] {
  const wanted = new Set(targets);
  const chosen = units.filter((u) => (u.file.role === "up" || u.file.role === "combined") && (wanted.has(u.file.path) || (u.downFile !== undefined && wanted.has(u.downFile.path))));
  return chosen.sort((a, b) => migrationSet(a.file).localeCompare(migrationSet(b.file)) || compareMigrations(a.file, b.file));
}

/** Where the schema the migrations ran against came from, for the summaries. */
function schemaSource(runs: readonly MigrationRun[], snapshot: ProductionSnapshot | undefined, problem: string | undefined): string {
  if (!snapshot) return "";
  const fromSnapshot = runs.filter((r) => r.schemaFrom === "snapshot").length;
  const replayed = runs.filter((r) => r.schemaFrom === "history").length;
  const parts: string[] = [];
  if (fromSnapshot) parts.push(`${fromSnapshot} on production's schema (snapshot of ${snapshot.takenAt.slice(0, 10)})`);
  if (replayed) parts.push(`${replayed} after replaying the earlier migrations${problem ? ` (the snapshot's schema could not be recreated: ${problem})` : " (an earlier migration is not in production yet)"}`);
  return parts.length ? `Ran ${parts.join("; ")}.` : "";
}

function summaryMarkdown(database: string, runs: readonly MigrationRun[], tables: { locks?: readonly LockTrace[]; algorithms?: readonly AlgorithmTrace[] }, sizes: SizeOf | undefined, source: string): string {
  if (runs.length === 0) return "";
  const count = (o: MigrationRun["outcome"]) => runs.filter((r) => r.outcome === o).length;
  const lines = [
    `### Migrations run in ${database}`,
    "",
    `up → down → up: ${count("verified")} verified, ${count("failed")} with problems, ${count("skipped")} not run.${source ? ` ${source}` : ""}`,
    "",
  ];
  for (const run of runs.filter((r) => r.outcome === "skipped")) lines.push(`- \`${run.path}\` not run: ${run.reason ?? "see the notes"}`);
  if (runs.some((r) => r.outcome === "skipped")) lines.push("");
  const locks = tables.locks ? lockTableMarkdown(tables.locks, sizes) : "";
  if (locks) lines.push("#### Locks taken on existing tables (measured)", "", locks);
  const algorithms = tables.algorithms ? algorithmTableMarkdown(tables.algorithms) : "";
  if (algorithms) lines.push("#### Online DDL: what the server accepted for each ALTER of an existing table (measured on an empty copy)", "", algorithms);
  return `${lines.join("\n").trimEnd()}\n`;
}

/** The executor that runs a family's migrations, or why there is none. */
function executorFor(family: ExecutorFamily, given: Executor | undefined): Executor | string {
  if (given) {
    if ((given.family ?? "postgresql") === family) return given;
    return family === "mysql" ? "the test database is PostgreSQL, and this migration runs on MySQL / MariaDB" : "the test database is a MySQL / MariaDB server, and this migration runs on PostgreSQL";
  }
  if (family === "postgresql") return defaultExecutor();
  return defaultMysqlExecutor() ?? "MySQL / MariaDB migrations run only on a server: set MIGGUARD_DATABASE_URL=mysql://user:password@host:3306/ (an account that may create and drop migguard_verify_% databases)";
}

/** The executor of the verifier that only says why migrations were not run. */
const NO_DATABASE: Executor = {
  hostAccess: false,
  describe: async () => "no database",
  open: async () => {
    throw new Error("no database to run migrations in");
  },
  close: async () => undefined,
};

/** One family's verifications: its executor, its verifier, what the summaries say. */
interface FamilyRun {
  family: ExecutorFamily;
  database: string;
  verifier: Verifier;
}

/**
 * Run the target migrations up -> down -> up and measure their locks (PostgreSQL) or the algorithm the server
 * accepts for each ALTER (MySQL / MariaDB). Returns the static findings merged with the measurements plus the
 * execution findings, the traces, and ready-made markdown (check summary) and text (CLI). Callers decide whether
 * to run at all (config `execute`, the CLI's --execute).
 */
export async function verifyMigrations(input: VerifyInput): Promise<VerifyResult> {
  await loadAdapters();
  const config = input.config ?? defaultConfig();
  const limits: ExecutionLimits = { ...DEFAULT_LIMITS, ...input.limits };
  const { units } = groupMigrations(input.files, config);
  const byPath = new Map(units.map((u) => [u.file.path, u]));
  const sqitchPlans = new Map(input.files.filter((f) => baseOf(f.path) === "sqitch.plan").map((f) => [folderPrefix(f.path), f.content]));
  const decisions = new Map((input.databases ?? []).map((d) => [d.folder, d]));
  const on = (unit: MigrationUnit) => databaseOf(unit, decisions);

  // Ruby and Python never run: only migrations that are SQL through and through
  const runnable: Target[] = resolveTargets(input.targets, units)
    .map((unit) => {
      const { database, version } = on(unit);
      return { unit, migration: parseMigration(unit, { database, version }), database, databaseVersion: version };
    })
    .filter(({ unit, migration }) => unit.file.framework === "sql" || (migration !== undefined && executable(migration)));

  const runs: FamilyRun[] = [];
  const unrunnable: Array<{ target: Target; reason: string }> = [];
  let deadline = 0;
  for (const family of ["postgresql", "mysql"] as const) {
    const targets = runnable.filter((t) => familyOf(t.database) === family);
    if (targets.length === 0) continue;
    const executor = executorFor(family, input.executor);
    if (typeof executor === "string") {
      for (const target of targets) unrunnable.push({ target, reason: executor });
      continue;
    }
    // starts the database: PGlite's first start (seconds, once per process) is not part of the time budget
    let database: string;
    let server: MysqlServer | undefined;
    try {
      database = await executor.describe();
      if (executor instanceof MysqlExecutor) server = await executor.server();
    } catch (error) {
      database = `no database (${error instanceof Error ? error.message : String(error)})`;
    }
    deadline ||= performance.now() + limits.budgetMs;
    const label = server ? serverLabel(server) : "PostgreSQL";
    const dialect = (migrationDatabase: Database): RunDialect =>
      family === "postgresql" ? POSTGRES_DIALECT : mysqlDialect(server && server.database !== migrationDatabase ? `${label} (this migration runs on ${DATABASE_LABEL[migrationDatabase]})` : undefined);
    const verifier = new Verifier(executor, config, limits, byPath, sqitchPlans, { dialect, databaseOf: on, label, server, deadline }, family === "postgresql" ? input.snapshot : undefined);
    runs.push({ family, database, verifier });
    try {
      for (const target of targets) await verifier.verify(target);
    } finally {
      await verifier.close();
    }
  }
  // SQLite migrations, and a family without a database: said, never guessed
  const notes = new Verifier(NO_DATABASE, config, limits, byPath, sqitchPlans, { dialect: () => POSTGRES_DIALECT, databaseOf: on, label: "", deadline: 0 });
  for (const target of runnable.filter((t) => familyOf(t.database) === undefined)) notes.skipWith(target, `${DATABASE_LABEL[target.database]} migrations are not run (migguard runs PostgreSQL, MySQL and MariaDB migrations)`);
  for (const { target, reason } of unrunnable) notes.skipWith(target, reason);

  const verifiers = [...runs.map((r) => r.verifier), notes];
  const executionFindings = verifiers.flatMap((v) => v.findings);
  const traces = verifiers.flatMap((v) => v.traces);
  const algorithms = verifiers.flatMap((v) => v.algorithms);
  const compared = verifiers.flatMap((v) => v.compared);
  const allRuns = verifiers.flatMap((v) => v.runs);

  const settled = settleDownGuesses(input.findings ?? [], compared);
  const merged = mergeMeasuredLocks(settled.findings, traces, config);
  const measuredAlgorithms = mergeMeasuredAlgorithms(merged.findings, algorithms, config, new Map(runnable.map((t) => [t.unit.file.path, t.database])));
  // the merges add measured-table-rewrite / measured-blocking-lock findings: inline waivers apply to them too
  const migrationAt = new Map(runnable.map((t) => [t.unit.file.path, t.migration]));
  const production = input.snapshot ? new Production(input.snapshot) : undefined;
  const unwaived = measuredAlgorithms.findings
    .filter((f) => !(MEASURED_RULE_IDS.has(f.rule) && waived(f, migrationAt.get(f.path))))
    .map((f) => (production && f.rule === MEASURED_TABLE_REWRITE.id ? withTableSize(f, undefined, production, config, rewrittenAt(traces, f)) : f));
  const sizes = production ? productionSizes(production) : undefined;
  const markdown: string[] = [];
  const text: string[] = [];
  for (const run of runs) {
    const { verifier } = run;
    const runsHere = verifier.runs;
    const lockTraces = verifier.traces.filter((t) => t.statements.length > 0);
    const source = run.family === "postgresql" ? schemaSource(runsHere, input.snapshot, verifier.snapshotProblem) : "";
    markdown.push(summaryMarkdown(run.database, runsHere, run.family === "postgresql" ? { locks: lockTraces } : { algorithms: verifier.algorithms }, sizes, source));
    if (runsHere.length === 0) continue;
    const ran = runsHere.filter((r) => r.outcome !== "skipped").length;
    const table = run.family === "postgresql" ? lockTableText(lockTraces, sizes) : algorithmTableText(verifier.algorithms);
    text.push(`${table}execute: ran ${ran} of ${runsHere.length} migration(s) up -> down -> up in ${run.database}${source ? `. ${source}` : ""}\n`);
  }
  if (notes.runs.length) {
    markdown.push(`### Migrations not run\n\n${notes.runs.map((r) => `- \`${r.path}\` not run: ${r.reason ?? "see the notes"}`).join("\n")}\n`);
    text.push(`execute: ${notes.runs.length} migration(s) not run: ${[...new Set(notes.runs.map((r) => r.reason))].join("; ")}\n`);
  }
  return {
    findings: [...unwaived, ...executionFindings].sort(byLocation),
    executionFindings: [...executionFindings].sort(byLocation),
    overruled: [...settled.overruled, ...merged.overruled, ...measuredAlgorithms.overruled],
    traces: traces.filter((t) => t.statements.length > 0),
    algorithms: algorithms.filter((t) => t.statements.length > 0),
    runs: allRuns,
    database: runs.map((r) => r.database).join(" and ") || "the test database",
    markdown: markdown.filter(Boolean).join("\n"),
    text: text.join(""),
  };
}

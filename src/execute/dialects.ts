/**
 * What running a migration needs to know about the database family it runs on: how its statements are split
 * and checked before they run, which runner tables exist, how a session is made fresh, how the schema is
 * read, how the up is measured (PostgreSQL: locks from pg_locks and rewrites from relfilenode; MySQL: the
 * algorithm the server accepts), which failures are the test database's lack, and the SQL a down is missing.
 * verify.ts is the same up -> down -> up for both.
 */
import type { DetectedFile } from "../engine/detect.js";
import type { MigrationUnit } from "../engine/group.js";
import type { Framework, Migration } from "../engine/model.js";
import type { ExecutorFamily, Session } from "./executor.js";
import { environmentReason } from "./failure-kind.js";
import { isMissingType, missingObject, type FolderObjects } from "./folder-objects.js";
import type { StatementTrace } from "./lock-trace.js";
import { mysqlEnvironmentReason, mysqlMissingObject } from "./mysql/mysql-failures.js";
import { mysqlMigrationScripts } from "./mysql/mysql-script.js";
import { existingMysqlTables, takeMysqlSnapshot } from "./mysql/mysql-snapshot.js";
import { mysqlUndoSql } from "./mysql/mysql-undo.js";
import type { AlgorithmMeasurement } from "./mysql/online-ddl-trace.js";
import { runMysqlScript } from "./mysql/run-mysql-script.js";
import { runScript, type RunOptions, type RunOutcome, type StatementFailure } from "./run-script.js";
import { mysqlRunnerTables, runnerTables } from "./runner-tables.js";
import { nodeRefusal } from "./safety.js";
import type { SchemaChange } from "./schema-diff.js";
import { migrationScripts, type MigrationScripts, type ScriptStatement } from "./script.js";
import { existingRelations, takeSnapshot, type Snapshot } from "./snapshot.js";
import { undoSql } from "./undo-sql.js";

export type BaseRunOptions = Omit<RunOptions, "trace">;

export interface MeasuredUp {
  outcome: RunOutcome;
  /** PostgreSQL: each statement's locks and rewrites */
  locks?: StatementTrace[];
  /** MySQL: the algorithm the server accepted for each ALTER of an existing table */
  algorithms?: AlgorithmMeasurement[];
}

export interface RunDialect {
  family: ExecutorFamily;
  scripts(unit: MigrationUnit, migration: Migration | undefined, version?: string): MigrationScripts;
  refusal(statement: ScriptStatement, hostAccess: boolean): string | undefined;
  runnerTables(file: Pick<DetectedFile, "layout" | "path">): readonly string[];
  /** a fresh session, as a deploy starts the next migration with */
  reset(session: Session, timeoutMs: number): Promise<void>;
  snapshot(session: Session, timeoutMs: number): Promise<Snapshot>;
  runUp(script: Parameters<typeof runScript>[0], options: BaseRunOptions): Promise<MeasuredUp>;
  run(script: Parameters<typeof runScript>[0], options: BaseRunOptions): Promise<RunOutcome>;
  /** not the migration's fault: the reason, for an info note */
  environment(failure: StatementFailure, framework: Framework, folder: FolderObjects): string | undefined;
  /** the object a "does not exist" failure names, and whether it is a type (for `did you mean`) */
  missing(failure: StatementFailure): { object?: string; type: boolean };
  undo(changes: readonly SchemaChange[]): string;
}

export const POSTGRES_DIALECT: RunDialect = {
  family: "postgresql",
  scripts: (unit, migration) => migrationScripts(unit, migration),
  refusal: (statement, hostAccess) => (statement.node ? nodeRefusal(statement.node, hostAccess) : undefined),
  runnerTables,
  reset: async (session, timeoutMs) => {
    await session.query("RESET ALL", { timeoutMs });
  },
  snapshot: (session, timeoutMs) => takeSnapshot(session, timeoutMs),
  runUp: async (script, options) => {
    const relations = await existingRelations(options.session, options.statementTimeoutMs);
    const outcome = await runScript(script, { ...options, trace: relations });
    return { outcome, locks: outcome.traces };
  },
  run: (script, options) => runScript(script, options),
  environment: (failure, framework, folder) => environmentReason(failure, framework, folder),
  missing: (failure) => {
    const { code, message = "" } = failure.failure ?? {};
    return { object: missingObject(code, message), type: isMissingType(code, message) };
  },
  undo: undoSql,
};

/** `otherFlavour`: the server is MariaDB and the migration MySQL's (or the reverse), named for the messages. */
export function mysqlDialect(otherFlavour?: string): RunDialect {
  return {
    family: "mysql",
    scripts: (unit, migration, version) => mysqlMigrationScripts(unit, migration, version),
    refusal: (statement) => statement.mysql?.refusal,
    runnerTables: mysqlRunnerTables,
    reset: async (session) => {
      await session.resetSession?.();
    },
    snapshot: (session, timeoutMs) => takeMysqlSnapshot(session, timeoutMs),
    runUp: async (script, options) => {
      const measure = await existingMysqlTables(options.session, options.statementTimeoutMs);
      const outcome = await runMysqlScript(script, { ...options, measure });
      return { outcome, algorithms: outcome.algorithms };
    },
    run: (script, options) => runMysqlScript(script, options),
    environment: (failure, framework, folder) => mysqlEnvironmentReason(failure, framework, { folder, otherFlavour }),
    missing: (failure) => ({ object: mysqlMissingObject(failure.failure), type: false }),
    undo: mysqlUndoSql,
  };
}

/**
 * Running migrations for real, for the CLI and the App: `verifyMigrations` (up -> down -> up with measured
 * locks), the process's shared database (`warmUp` at boot, `closeDefaultExecutor` at shutdown), and the
 * back ends for callers that bring their own.
 */
export { verifyMigrations, type MigrationRun, type VerifyInput, type VerifyResult } from "./verify.js";
export { closeDefaultExecutor, databaseUrlFrom, defaultExecutor, defaultMysqlExecutor, warmUp } from "./default-executor.js";
export { DEFAULT_LIMITS, type ExecutionLimits, type Executor } from "./executor.js";
export { PgliteExecutor } from "./pglite/pglite-executor.js";
export { PostgresExecutor } from "./postgres/postgres-executor.js";
export { MysqlExecutor } from "./mysql/mysql-executor.js";
export { algorithmTableMarkdown, algorithmTableText, type AlgorithmTrace } from "./mysql/online-ddl-trace.js";
export { lockTableMarkdown, lockTableText, type LockTrace, type StatementTrace } from "./lock-trace.js";
export { pathsToRead } from "../engine/migration-order.js";

import type { Migration, Operation } from "../../model.js";
import { mayRunUnderOwnRunner } from "../support/own-runner.js";
import { defineRule, type RuleContext } from "../support/rule.js";
import { popSuffix } from "../../database/dialect-file.js";
import { fixFor } from "../support/fix.js";
import { ONE_QUERY_PER_FILE, sendsOneQuery } from "../support/leave-transaction.js";
import { existingTable, scratchTable } from "../support/scope.js";
import { strongestLock, tableLockMode, WRITE_BLOCKING_MODES } from "../support/lock-modes.js";
import { quietness } from "./quiet-table.js";

/** The table `op` locks: the first of a statement's tables (DROP TABLE, TRUNCATE, LOCK TABLE name several). */
const tableOf = (op: Operation): string | undefined =>
  op.kind === "drop_table" || op.kind === "truncate" || op.kind === "lock_table" ? op.tables[0] : "table" in op && typeof op.table === "string" ? op.table : undefined;

/**
 * The table whose lock an operation must wait for, when it is a lock a queue can form behind: the lock PostgreSQL
 * takes for it (lock-modes.ts), but not the SHARE UPDATE EXCLUSIVE of the forms made to let the table's work go on
 * (CREATE and DROP INDEX CONCURRENTLY, VALIDATE CONSTRAINT). A statement that names its lock (LOCK TABLE) or that the
 * adapter leaves raw (an ALTER TABLE subcommand) counts whatever its mode, unknown included: SET (autovacuum_enabled =
 * false) waits for SHARE UPDATE EXCLUSIVE too, and the schema changes on the table queue behind it.
 */
function lockedTable(op: Operation): string | undefined {
  if (op.kind === "raw" || op.kind === "lock_table") return tableOf(op);
  const mode = tableLockMode(op);
  return mode === undefined || mode === "SHARE UPDATE EXCLUSIVE" ? undefined : tableOf(op);
}

/**
 * Who queues behind the statement while it waits for its lock: what its lock mode conflicts with. A statement of
 * several subcommands (ALTER TABLE t ADD COLUMN ..., SET (...)) takes the strongest lock any of them needs.
 */
function queued(statementOps: readonly Operation[]): string {
  const mode = strongestLock(statementOps.map(tableLockMode));
  if (mode === undefined) return "the queries its lock conflicts with queue behind it (migguard does not know which lock this statement takes)";
  if (mode === "ACCESS EXCLUSIVE") return "every query on the table queues behind it";
  if (WRITE_BLOCKING_MODES.has(mode)) return `every write to the table queues behind it (its ${mode} lock lets reads through)`;
  return `the schema changes on the table queue behind it (its ${mode} lock lets reads and writes through)`;
}

/**
 * The runner sends the file as one query (golang-migrate, Prisma), which PostgreSQL runs as one transaction, and the
 * file holds a CONCURRENTLY statement: that statement must stay alone in its file, so a SET beside it would break it.
 */
function concurrentInOneQuery(migration: Migration): boolean {
  return sendsOneQuery(migration) && migration.up.some((op) => "concurrently" in op && op.concurrently === true);
}

/** lock_timeout for the migration's connection, where a file holding a CONCURRENTLY statement cannot take a SET. */
function connectionSetting(layout: string): string {
  const where =
    layout === "golang-migrate"
      ? [
          `-- set it for the migration's connection instead: golang-migrate's postgres and pgx drivers pass a run-time`,
          `-- parameter of the database URL to the server, e.g. postgres://user@host/db?lock_timeout=5000 (milliseconds)`,
        ]
      : [`-- set it for the migration's connection instead, e.g. for the role it runs as (run this as that role):`, `-- ALTER ROLE CURRENT_USER SET lock_timeout = '5s';`];
  return [`-- this file holds a CONCURRENTLY statement, which ${layout} can run only alone in its file (the file is one query,`, `-- one transaction): a SET lock_timeout beside it would make it fail.`, ...where].join("\n");
}

/**
 * The SET for a migration whose runner hands its connection back to others when it is done (concourse's migrator
 * returns the pooled connection to the application, golang-migrate's WithInstance and Flyway or Liquibase under
 * Spring share the application's pool): a plain SET would stay on that connection and time out the application's
 * own lock waits. Inside a transaction (the runner's, the file's own BEGIN, or PostgreSQL's implicit one for a file
 * sent as one query of several statements) SET LOCAL ends with it. Outside one SET LOCAL does nothing, so a plain
 * SET first and RESET last; goose or sql-migrate without a transaction sends each statement on its pool, where a SET may not even
 * reach the next statement's connection: the connection's own setting instead.
 */
function lockTimeoutFix(ctx: RuleContext, index: number): string {
  const { migration } = ctx;
  if (concurrentInOneQuery(migration)) return connectionSetting(migration.sqlx ? "sqlx" : migration.layout);
  const op = migration.up[index];
  const committing = migration.up.find((o) => o.kind === "raw" && o.commits);
  if (committing) return insideCommittingBlock(committing, op);
  const begin = migration.up.slice(0, index).findLast((o) => o.kind === "transaction_control");
  const opened = begin?.kind === "transaction_control" && begin.action === "begin" ? begin : undefined;
  if (op.inTransaction && opened) return `SET LOCAL lock_timeout = '5s';  -- right after BEGIN (line ${opened.loc.line}): SET LOCAL ends with the transaction, so the setting does not stay on the connection`;
  if (op.inTransaction) return `SET LOCAL lock_timeout = '5s';  -- first statement of the migration: ${migration.pop || popSuffix(migration.path) ? "popx runs the file in a transaction it opens" : migration.noRunnerTransaction ? "diesel sends up.sql as one query (run_in_transaction = false), one transaction" : migration.postgresMigrations ? "postgres-migrations runs the file in a transaction" : migration.sqlx ? "sqlx runs the migration in a transaction" : (LAYOUT_TRANSACTION[migration.layout] ?? "the runner runs it in a transaction")}, and SET LOCAL ends with it, so the setting does not stay on the connection`;
  if ((ONE_QUERY_PER_FILE.has(migration.layout) && !popSuffix(migration.path)?.autocommit) || sendsOneQuery(migration))
    return `SET LOCAL lock_timeout = '5s';  -- first statement of the migration: ${migration.sqlx ? "sqlx" : migration.layout} sends the file as one query, which PostgreSQL runs as one transaction once it holds two statements, and SET LOCAL ends with it`;
  const pooled = POOLED_WITHOUT_TRANSACTION[migration.layout];
  if (pooled)
    return [
      `-- ${pooled.mode}: ${migration.layout} sends each statement on its own from its connection pool, so a SET may not reach the next statement's connection, and stays on the one it reached.`,
      `-- set it for the migration's connection instead, e.g. a run-time parameter of the database URL ${migration.layout} is given (postgres://user@host/db?options=-c%20lock_timeout%3D5s),`,
      `-- or for the role it runs as (run this as that role): ALTER ROLE CURRENT_USER SET lock_timeout = '5s';`,
    ].join("\n");
  return setAndResetOutsideTransaction();
}

/**
 * A DO block of the migration commits inside itself (a batched fill): SET LOCAL would end at its first COMMIT, and a
 * statement before the block would make a file sent as one query a transaction, where that COMMIT fails ("invalid
 * transaction termination"). A plain SET inside the block, reset before it ends, stays within the file.
 */
function insideCommittingBlock(block: Operation, op: Operation): string {
  const inside = op.loc.line >= block.loc.line && op.loc.line <= block.loc.endLine && op !== block;
  const why = [
    `-- the DO block on line ${block.loc.line} commits inside itself: SET LOCAL would end at its first COMMIT, and a statement before the block would`,
    `-- make the file one transaction, where that COMMIT fails ("invalid transaction termination").`,
  ];
  if (!inside) return [...why, ...setAndResetOutsideTransaction().split("\n").slice(1)].join("\n");
  return [
    ...why,
    `-- set it inside the block instead, before line ${op.loc.line}, and reset it before the block ends (a plain SET stays on the connection):`,
    `SET lock_timeout = '5s';`,
    `-- ... the block's statements ...`,
    `RESET lock_timeout;`,
  ].join("\n");
}

/**
 * The lock_timeout for a file run outside a transaction, where SET LOCAL does nothing: a plain SET first and RESET
 * last (also measured-blocking-lock's advice). `why`: said after the SET, e.g. ": fail fast and retry ...".
 */
export function setAndResetOutsideTransaction(why = ""): string {
  return [
    `-- this migration runs outside a transaction, where SET LOCAL does nothing: set it first, and reset it last, so the connection does not keep it`,
    `SET lock_timeout = '5s';  -- first statement of the migration${why}`,
    `-- ... the migration's statements ...`,
    `RESET lock_timeout;  -- last statement of the migration`,
  ].join("\n");
}

/** Runners that send a migration without a transaction statement by statement through a pool (database/sql's), and how the file says so. */
const POOLED_WITHOUT_TRANSACTION: Record<string, { mode: string }> = {
  goose: { mode: "a NO TRANSACTION migration" },
  "sql-migrate": { mode: "a `notransaction` up" },
};

/** How the layout's runner wraps a file it runs in a transaction, for the fix's comment. */
const LAYOUT_TRANSACTION: Record<string, string> = {
  "golang-migrate": "the file runs as one query, one transaction",
  diesel: "diesel runs the migration in a transaction",
  rivermigrate: "rivermigrate runs each version in a transaction",
  dbmate: "dbmate runs the migration in a transaction",
  goose: "goose runs the migration in a transaction",
  "sql-migrate": "sql-migrate runs the migration's up in a transaction",
  tern: "tern runs the migration in a transaction",
  atlas: "Atlas runs each migration file in a transaction",
  drizzle: "drizzle-orm's migrator runs all pending migrations in one transaction",
  flyway: "Flyway runs the migration in a transaction",
  liquibase: "Liquibase runs the changeset in a transaction",
  prisma: "the file runs as one query, one transaction",
};

/**
 * The statement the finding points at: the first that locks a table with traffic, else the first on a young or
 * emptied table, else the first of all (quiet-table.ts). One finding a file, so it names the lock a queue forms behind.
 */
function loudestLock(ctx: RuleContext, locks: (op: Operation, i: number) => boolean, tableAt: (op: Operation, i: number) => string | undefined): number | undefined {
  const candidates = ctx.migration.up.flatMap((op, i) => (locks(op, i) ? [i] : []));
  if (candidates.length < 2) return candidates[0];
  const ranked = candidates.map((i) => ({ i, quiet: quietness(ctx, ctx.migration.up[i], tableAt(ctx.migration.up[i], i)!, i) }));
  return ranked.reduce((best, c) => (c.quiet < best.quiet ? c : best)).i;
}

export default defineRule({
  meta: {
    id: "require-lock-timeout",
    category: "blocking-lock",
    hazard: "concurrency",
    severity: "warning",
    title: "No lock_timeout before taking a table lock",
    why:
      "ALTER TABLE needs a lock that conflicts with every running query. While it waits behind one slow SELECT, every " +
      "new query on the table queues behind it: a few seconds of waiting becomes an outage. SET lock_timeout makes the " +
      "migration give up (and retry) instead.",
  },
  check(ctx) {
    if (ctx.framework !== "sql") return; // Rails/Django/Alembic runners set it globally (StrongMigrations.lock_timeout, database options)
    // DROP INDEX name: its table from where the index was created (this migration or an earlier one)
    const tableAt = (op: Operation, i: number) =>
      lockedTable(op) ?? (op.kind === "drop_index" && !op.concurrently && op.names.length === 1 ? ctx.repository.indexTable(op.names[0], i) : undefined);
    // a materialized view takes no writes: an index build's SHARE lock lets its reads through, so only its REFRESH can queue
    const onlyRefreshQueues = (op: Operation, table: string, i: number) => op.kind === "add_index" && ctx.repository.relationKind(table, i) === "materialized_view";
    const locks = (op: Operation, i: number) => {
      const table = tableAt(op, i);
      return table !== undefined && existingTable(ctx, table, i) && !scratchTable(ctx, table, i) && !onlyRefreshQueues(op, table, i);
    };
    // a file of DROP INDEX alone is drop-index-without-concurrently's (the same lock queue: one hazard, one finding);
    // with another lock after it, the reminder belongs on the first statement that takes one
    if (!ctx.migration.up.some((op, i) => op.kind !== "drop_index" && locks(op, i))) return;
    const index = loudestLock(ctx, locks, tableAt);
    if (index === undefined || ctx.facts.lockTimeoutBefore(index)) return;
    const op = ctx.migration.up[index];
    // the project's own migrator may run a file the layout runs outside a transaction in one (own-runner.ts): SET LOCAL there
    const underRunner = mayRunUnderOwnRunner(ctx, op) && !op.inTransaction && !concurrentInOneQuery(ctx.migration);
    ctx.report({
      op,
      ...(underRunner
        ? { fixUnderRunnerTransaction: (runner: string) => `SET LOCAL lock_timeout = '5s';  -- first statement of the migration: ${runner} runs this file in its transaction, and SET LOCAL ends with it, so the setting does not stay on the connection` }
        : {}),
      message: `No lock_timeout is set before this statement locks ${tableAt(op, index)}: if it waits behind a long query, ${queued(ctx.migration.up.filter((o) => o.loc.line === op.loc.line && o.text === op.text))}.`,
      fix: fixFor(ctx.framework, {
        sql: lockTimeoutFix(ctx, index),
      }),
    });
  },
});

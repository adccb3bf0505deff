/**
 * How each SQL layout runs a statement outside a transaction, as the lines a fix puts before it: CONCURRENTLY
 * (and a few other statements) cannot run in one, and each runner has its own way out.
 */
import type { Layout, Migration, Operation } from "../../model.js";
import { popSuffix } from "../../database/dialect-file.js";
import { baseOf, folderPrefix } from "../../paths.js";
import { dieselFolderAfter, nextVersion, takenVersions, type MigrationPlace } from "./next-migration.js";
import { TERN_DISABLE_TX, TERN_SEPARATOR } from "../../adapters/sql/layouts/tern.js";
import { ATLAS_NO_TRANSACTION } from "../../adapters/sql/layouts/atlas.js";
import { DRIZZLE_RUNNER } from "../../adapters/sql/layouts/drizzle.js";
import { POSTGRES_MIGRATIONS_DISABLE_TRANSACTION } from "../../adapters/sql/layouts/postgres-migrations.js";
import { SQLX_NO_TRANSACTION } from "../../adapters/sql/layouts/sqlx.js";

/**
 * golang-migrate's PostgreSQL driver sends a whole file as one query (it adds no BEGIN of its own), and PostgreSQL
 * runs a query of two or more statements as one implicit transaction. With `x-multi-statement=true` in the
 * database URL it splits the file on `;` and sends each statement as a query of its own.
 */
const GOLANG_MIGRATE_SHARED_FILE =
  "-- golang-migrate sends the whole file as one query, which PostgreSQL runs as one implicit transaction:\n" +
  "-- put the CONCURRENTLY statement alone in a migration file of its own (outside any BEGIN ... COMMIT), or\n" +
  "-- set x-multi-statement=true in the database URL, so golang-migrate sends each statement on its own.";

/**
 * Runners that run every version in a transaction of their own with no switch to leave it: a CONCURRENTLY
 * statement cannot be in their migrations at all, only in a separate step run by hand before them. drizzle-orm's
 * PostgreSQL migrator runs all pending migrations in one transaction (pg-core dialect's migrate).
 */
export const NO_WAY_OUT_OF_TRANSACTION: Partial<Record<Layout, string>> = { rivermigrate: "rivermigrate", drizzle: DRIZZLE_RUNNER };

export const HOW_TO_LEAVE_THE_TRANSACTION: Partial<Record<Layout, string>> = {
  "golang-migrate": GOLANG_MIGRATE_SHARED_FILE,
  // a migration whose metadata.toml already says run_in_transaction = false (dieselLeaveTransaction otherwise)
  diesel:
    "-- diesel sends up.sql as one query (run_in_transaction = false), which PostgreSQL runs as one implicit transaction:\n" +
    "-- put the CONCURRENTLY statement alone in the up.sql of a migration of its own, beside a metadata.toml that says run_in_transaction = false.",
  rivermigrate:
    "-- rivermigrate runs every version in a transaction and has no way to leave it: CONCURRENTLY cannot be in a River\n" +
    "-- migration. Run the statement by hand in a separate step outside any transaction (psql in autocommit) before\n" +
    "-- migrating, and keep it here with IF NOT EXISTS (IF EXISTS for a drop) without CONCURRENTLY, so it finds the work done.",
  drizzle:
    `-- ${DRIZZLE_RUNNER} runs all pending migrations in one transaction and has no way to leave it: CONCURRENTLY\n` +
    "-- cannot be in a Drizzle migration. Run the statement by hand in a separate step outside any transaction (psql in\n" +
    "-- autocommit) before migrating, and keep it here with IF NOT EXISTS (IF EXISTS for a drop) without CONCURRENTLY, so it finds the work done.",
  prisma: "-- Prisma sends migration.sql as one script: put the CONCURRENTLY statement alone in its own migration.",
  goose: "-- +goose NO TRANSACTION\n-- (first line of the file; keep only non-transactional statements in it)",
  "sql-migrate": "-- +migrate Up notransaction\n-- (in place of the file's `-- +migrate Up`; keep only non-transactional statements in its up)",
  tern: `${TERN_DISABLE_TX}\n-- (a line of its own in the up, above the file's \`${TERN_SEPARATOR}\`; keep only non-transactional statements in the up)`,
  atlas: `${ATLAS_NO_TRANSACTION}\n-- (first line of the file, an empty line after it; keep only non-transactional statements in the file, then run \`atlas migrate hash\`: atlas.sum holds the file's hash)`,
  dbmate: "-- migrate:up transaction:false",
  flyway:
    "-- Flyway runs a migration outside a transaction only when every statement needs it:\n-- move the CONCURRENTLY statement to its own V file.",
  liquibase: "--changeset author:id runInTransaction:false",
  sqitch: "-- remove the BEGIN/COMMIT around the CONCURRENTLY statement (sqitch does not add one)",
  "plain-sql": "-- run the CONCURRENTLY statement outside BEGIN ... COMMIT",
};

/** Layouts whose runner sends a whole file as one query (by default), so two statements share one transaction. */
export const ONE_QUERY_PER_FILE: ReadonlySet<Layout> = new Set(["golang-migrate", "prisma"]);

/**
 * Where a new migration that takes a statement out of this one goes: after the folder's newest migration (the
 * repository's, RepositoryView), never at this migration's version + 1, which a later migration may hold (lemmy's
 * 2025-08-01-000042_x beside the 000041 it would follow: diesel takes the new one for applied, or refuses it). After
 * the newest, not at the smallest free version after this one, as newMigrations and the Rails builder do:
 * golang-migrate, goose and Flyway never run a version below the newest they applied, which the later migrations
 * already are once deployed. The folder's versions are still skipped, so no version is ever repeated.
 */
export type FolderPlace = Pick<MigrationPlace, "newestInFolder" | "folderVersions">;

/** The migration a new one follows: the folder's newest of the same layout, else this one. */
const anchorOf = (migration: Pick<Migration, "layout" | "path" | "version">, place: FolderPlace): Pick<Migration, "layout" | "path" | "version"> =>
  place.newestInFolder && place.newestInFolder.layout === migration.layout ? place.newestInFolder : migration;

/**
 * pop/popx (`x.postgres.up.sql`, or `x.up.sql` in a pop folder): popx runs each file in a transaction it opens, and a
 * file named `.autocommit` outside any. One file per version and dialect, so the statement moves to a new version's
 * `.autocommit` file; from a dialect-less file, which every database without its own file runs (SQLite among them),
 * to PostgreSQL's own (`.postgres.autocommit`): CONCURRENTLY is PostgreSQL's.
 */
export function popLeaveTransaction(migration: Pick<Migration, "layout" | "path" | "pop" | "version">, place: FolderPlace = {}): string | undefined {
  const path = migration.path;
  const pop = popSuffix(path) ?? (migration.pop && /\.up\.sql$/.test(path) ? { dialect: undefined, autocommit: false, stem: path.replace(/\.up\.sql$/, "") } : undefined);
  // an .autocommit file already runs outside a transaction
  if (!pop || pop.autocommit) return undefined;
  const stem = baseOf(pop.stem);
  const own = /^\d+(?=_)/.exec(stem)?.[0];
  const name = stem.replace(/^\d+_/, "");
  const newest = anchorOf(migration, place).version;
  const version = own && newest && /^\d+$/.test(newest) ? newest : own;
  // the version after the folder's newest (the same width) that no file of the folder holds, in this file's folder
  const file = `${folderPrefix(path)}${version ? nextVersion(version, 1, takenVersions(place.folderVersions ?? [])) : "next"}_${name}.${pop.dialect ?? "postgres"}.autocommit.up.sql`;
  return (
    "-- popx runs this file in a transaction, which CONCURRENTLY refuses: move the statement to a new version's file\n" +
    `-- ${file}, which popx runs outside a transaction.`
  );
}

/**
 * diesel runs a migration in a transaction unless its folder's metadata.toml says `run_in_transaction = false`, and
 * then sends up.sql as one query: a statement that refuses a transaction goes, alone, to the up.sql of a new
 * migration folder (`<version>_<name>/`, after this one, in the same format) beside such a metadata.toml. A new
 * file inside this migration's folder is never run.
 */
export function dieselLeaveTransaction(migration: Pick<Migration, "layout" | "path" | "version" | "noRunnerTransaction">, place: FolderPlace = {}): string | undefined {
  if (migration.layout !== "diesel" || migration.noRunnerTransaction) return undefined;
  const own = baseOf(folderPrefix(migration.path).replace(/\/$/, ""));
  const folder = dieselFolderAfter(anchorOf(migration, place).path, 1, `${own.slice(own.indexOf("_") + 1)}_concurrently`, takenVersions(place.folderVersions ?? []));
  return (
    "-- diesel runs this migration in a transaction, which CONCURRENTLY refuses: move the statement, alone, to the up.sql of a new\n" +
    `-- migration, ${folder}/up.sql, with ${folder}/metadata.toml holding: run_in_transaction = false`
  );
}

/**
 * The postgres-migrations npm package runs each file in a transaction unless the file holds the comment
 * `-- postgres-migrations disable-transaction`: the statement goes to a file of its own that says so.
 */
export function postgresMigrationsLeaveTransaction(migration: Pick<Migration, "postgresMigrations" | "transactional">): string | undefined {
  // a file that already disables the transaction needs no move
  if (!migration.postgresMigrations || !migration.transactional) return undefined;
  return (
    "-- postgres-migrations runs this file in a transaction, which CONCURRENTLY refuses: move the statement to a new migration file\n" +
    `-- (the next NNNN- number) whose first line is ${POSTGRES_MIGRATIONS_DISABLE_TRANSACTION}, holding only non-transactional statements`
  );
}

/**
 * sqlx's migrator runs each file in a transaction unless its first line is `-- no-transaction`, and then sends the file
 * as one query: the statement goes, alone, to a new migration that starts with that line (after the folder's newest).
 */
export function sqlxLeaveTransaction(migration: Pick<Migration, "layout" | "path" | "version" | "sqlx" | "transactional">, place: FolderPlace = {}): string | undefined {
  // a file that already starts with `-- no-transaction` needs no move
  if (!migration.sqlx || !migration.transactional) return undefined;
  // the folder's naming: reversible files (`.up.sql`), or simple ones (`<VERSION>_<DESCRIPTION>.sql`)
  const reversible = /\.up\.sql$/.test(migration.path);
  const name = baseOf(migration.path).replace(/^\d+_/, "").replace(/(?:\.up)?\.sql$/, "");
  const version = nextVersion(anchorOf(migration, place).version, 1, takenVersions(place.folderVersions ?? []));
  const file = `${folderPrefix(migration.path)}${version}_${name}_concurrently${reversible ? ".up" : ""}.sql`;
  return (
    "-- sqlx runs this migration in a transaction, which CONCURRENTLY refuses: move the statement, alone, to a new migration\n" +
    `-- ${file} whose first line is ${SQLX_NO_TRANSACTION} (sqlx then sends the file as one query: nothing else may be in it)`
  );
}

/** The runner's own way out of its transaction, where it has one that needs more than the layout's marker (pop, diesel, postgres-migrations, sqlx). */
type RunnerMigration = Pick<Migration, "layout" | "path" | "version" | "pop" | "noRunnerTransaction" | "postgresMigrations" | "sqlx" | "transactional">;
const runnerLeaveTransaction = (migration: RunnerMigration, place: FolderPlace): string | undefined =>
  popLeaveTransaction(migration, place) ?? dieselLeaveTransaction(migration, place) ?? postgresMigrationsLeaveTransaction(migration) ?? sqlxLeaveTransaction(migration, place);

/** Where a statement that refuses a transaction goes in a SQL migration: a pop file's new `.autocommit` version, a new diesel folder, else outside the transaction. */
export const outsideTransactionPlacement = (migration: RunnerMigration, place: FolderPlace = {}): string =>
  runnerLeaveTransaction(migration, place) ?? "-- outside a transaction (its own migration file / NO TRANSACTION mode):";

/** The lines that say how this migration's runner leaves its transaction (pop files by their name or folder, others by layout). */
export const howToLeaveTheTransaction = (migration: RunnerMigration, place: FolderPlace = {}): string | undefined =>
  runnerLeaveTransaction(migration, place) ?? HOW_TO_LEAVE_THE_TRANSACTION[migration.layout];

/**
 * Whether the runner sends this file as one query (golang-migrate's names, not pop's: no dialect, no `.autocommit`,
 * no pop folder; diesel's up.sql where metadata.toml turns its transaction off).
 */
export const sendsOneQuery = (migration: Pick<Migration, "layout" | "path" | "pop" | "noRunnerTransaction" | "sqlx" | "transactional">): boolean =>
  // sqlx sends a file as one query when its first line is `-- no-transaction`, whatever the file's name
  (migration.sqlx === true && !migration.transactional) ||
  (ONE_QUERY_PER_FILE.has(migration.layout) && !popSuffix(migration.path) && !migration.pop && !(migration.sqlx && migration.transactional)) ||
  (migration.layout === "diesel" && migration.noRunnerTransaction === true);

/**
 * The comment lines a fix puts before a CONCURRENTLY statement that takes `op`'s place in a SQL migration. In a
 * one-query layout, alone in its file (no BEGIN either) it already runs outside a transaction and stays where it is;
 * beside other statements it must move (or, for golang-migrate, the driver must split the file).
 */
export function concurrentlyPlacement(migration: Migration, op: Operation, place: FolderPlace = {}): string {
  const pop = runnerLeaveTransaction(migration, place);
  if (pop && !op.embeddedSql && migration.up.some((other) => other.inTransaction)) return pop;
  if (!sendsOneQuery(migration) || op.embeddedSql) return "-- outside a transaction:";
  const alone = migration.up.every((other) => other === op);
  const runner = migration.sqlx ? "sqlx" : migration.layout;
  if (alone) return `-- the only statement of its file: ${runner} sends it as a query of its own, outside a transaction`;
  // a sqlx file that starts with `-- no-transaction` beside other statements: one query, one implicit transaction
  if (migration.sqlx) return `-- sqlx sends this file (${SQLX_NO_TRANSACTION}) as one query, which PostgreSQL runs as one transaction: put the CONCURRENTLY statement alone in a new migration that starts with ${SQLX_NO_TRANSACTION}`;
  return HOW_TO_LEAVE_THE_TRANSACTION[migration.layout]!;
}

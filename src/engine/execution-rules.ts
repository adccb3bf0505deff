/**
 * Findings raised by running a migration for real (src/execute): up -> down -> up in an embedded or throwaway
 * PostgreSQL, with the locks each statement takes, or in a throwaway database of a MySQL / MariaDB server, with
 * the algorithm the server accepts for each ALTER. They are not checks over the model, so they are not in
 * rules/index.ts; like the engine's own findings they have ids, categories and docs so config
 * (`rules: { down-does-not-restore-schema: off }`), waivers and `migguard explain` know them.
 */
import type { Database, Framework } from "./model.js";
import type { RuleMeta } from "./rules/support/rule.js";

/** Only SQL runs: SQL migrations, and Rails / Django migrations written entirely in SQL (`execute`, `RunSQL`). */
const RUN_FRAMEWORKS: readonly Framework[] = ["sql", "rails", "django"];
/** PostgreSQL in PGlite or a server; MySQL and MariaDB on the server of a mysql:// MIGGUARD_DATABASE_URL. */
const RUN_DATABASES: readonly Database[] = ["postgresql", "mysql", "mariadb"];

export const EXECUTE_UP_FAILS: RuleMeta = {
  id: "execute-up-fails",
  frameworks: RUN_FRAMEWORKS,
  databases: RUN_DATABASES,
  category: "syntax",
  severity: "error",
  title: "The up migration fails when it runs",
  why:
    "migguard ran the folder's earlier migrations, then this one, in PostgreSQL (or the MySQL / MariaDB server it was given): it failed with the error shown. " +
    "It parses, but the deploy would stop here (a missing object, a type mismatch, CREATE INDEX CONCURRENTLY inside the runner's transaction...).",
};

export const EXECUTE_DOWN_FAILS: RuleMeta = {
  id: "execute-down-fails",
  frameworks: RUN_FRAMEWORKS,
  databases: RUN_DATABASES,
  category: "irreversible",
  severity: "error",
  title: "The down migration fails when it runs",
  why:
    "migguard applied the up, then ran the down, and the down failed: a rollback in production would stop " +
    "half-way, exactly when it is needed. The seed's policy: down migrations exist and are tested.",
};

export const DOWN_DOES_NOT_RESTORE_SCHEMA: RuleMeta = {
  id: "down-does-not-restore-schema",
  frameworks: RUN_FRAMEWORKS,
  databases: RUN_DATABASES,
  category: "irreversible",
  severity: "error",
  title: "After up and down the schema differs from before",
  why:
    "migguard compared the schema from the catalogs (tables, columns, indexes, constraints, sequences, types, views, " +
    "functions, triggers; on MySQL information_schema, with each table's engine and character set) before the up and after the down: they differ. The rollback leaves objects behind or loses " +
    "some, so the next up fails on \"already exists\" or environments drift apart.",
};

export const UP_NOT_RERUNNABLE: RuleMeta = {
  id: "up-not-rerunnable",
  frameworks: RUN_FRAMEWORKS,
  databases: RUN_DATABASES,
  category: "irreversible",
  severity: "error",
  title: "The up fails when it runs again after the down",
  why:
    "After up and down, migguard ran the up a second time and it failed: a rollback followed by a redeploy (the usual " +
    "way out of a bad release) would break. Usually the down leaves something behind that the up creates.",
};

export const MEASURED_TABLE_REWRITE: RuleMeta = {
  id: "measured-table-rewrite",
  frameworks: RUN_FRAMEWORKS,
  databases: RUN_DATABASES,
  category: "blocking-lock",
  severity: "error",
  title: "The statement rewrote an existing table (measured)",
  why:
    "Running the migration showed the table's storage file change (pg_class.relfilenode): PostgreSQL copied every row " +
    "while holding an ACCESS EXCLUSIVE lock, so reads and writes wait for the whole copy on a large table. On MySQL and " +
    "MariaDB: the server refused both ALGORITHM=INSTANT and ALGORITHM=INPLACE, LOCK=NONE for the statement, so it copies " +
    "the table (ALGORITHM=COPY) and writes wait until the copy ends.",
};

export const MEASURED_BLOCKING_LOCK: RuleMeta = {
  id: "measured-blocking-lock",
  // like require-lock-timeout: Rails and Django projects set lock_timeout for the whole run (StrongMigrations.lock_timeout, database options)
  frameworks: ["sql"],
  category: "blocking-lock",
  severity: "warning",
  title: "The statement takes a lock that blocks writes on an existing table (measured)",
  why:
    "Running the migration showed this statement taking a lock (from pg_locks) that blocks writes, or reads too, on a table " +
    "that existed before, with no lock_timeout: if a long query holds the table, the migration waits and every query " +
    "behind it queues. Set lock_timeout, or use the non-blocking form of the statement.",
};

export const EXECUTE_SKIPPED: RuleMeta = {
  id: "execute-skipped",
  // also an Alembic migration written in SQL: migguard does not follow its revision graph, and says so
  frameworks: ["sql", "rails", "django", "alembic"],
  databases: RUN_DATABASES,
  category: "syntax",
  severity: "info",
  title: "The migration was not run",
  why:
    "migguard could not run this migration faithfully (an earlier migration needs something the test database lacks, " +
    "an extension or role, runner placeholders, server file access, or a time limit), so it says so instead of guessing.",
};

export const EXECUTION_RULES: readonly RuleMeta[] = [
  EXECUTE_UP_FAILS,
  EXECUTE_DOWN_FAILS,
  DOWN_DOES_NOT_RESTORE_SCHEMA,
  UP_NOT_RERUNNABLE,
  MEASURED_TABLE_REWRITE,
  MEASURED_BLOCKING_LOCK,
  EXECUTE_SKIPPED,
];

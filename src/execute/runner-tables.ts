/**
 * The bookkeeping table each runner creates before the first migration. It is part of the database a
 * migration meets in production, and some migrations use it (harbor's `ALTER TABLE schema_migrations ADD
 * COLUMN data_version`), so the test database has it too. Definitions follow each tool's PostgreSQL driver.
 */
import type { DetectedFile } from "../engine/detect.js";
import type { Layout } from "../engine/model.js";

const TABLES: Partial<Record<Layout, string[]>> = {
  "golang-migrate": ["CREATE TABLE IF NOT EXISTS schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)"],
  dbmate: ["CREATE TABLE IF NOT EXISTS schema_migrations (version varchar(128) PRIMARY KEY)"],
  goose: ["CREATE TABLE IF NOT EXISTS goose_db_version (id serial PRIMARY KEY, version_id bigint NOT NULL, is_applied boolean NOT NULL, tstamp timestamp NULL DEFAULT now())"],
  // gorp's table for sql-migrate's Migration records (the file name is the id)
  "sql-migrate": ["CREATE TABLE IF NOT EXISTS gorp_migrations (id text PRIMARY KEY, applied_at timestamp with time zone)"],
  // tern's default version table (tern.conf's version_table): one row, the number of migrations applied
  tern: ["CREATE TABLE IF NOT EXISTS schema_version (version int4 NOT NULL)", "INSERT INTO schema_version (version) SELECT 0 WHERE NOT EXISTS (SELECT FROM schema_version)"],
  flyway: [
    "CREATE TABLE IF NOT EXISTS flyway_schema_history (installed_rank integer NOT NULL PRIMARY KEY, version varchar(50), description varchar(200) NOT NULL, type varchar(20) NOT NULL, script varchar(1000) NOT NULL, checksum integer, installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT now(), execution_time integer NOT NULL, success boolean NOT NULL)",
  ],
  prisma: [
    "CREATE TABLE IF NOT EXISTS _prisma_migrations (id varchar(36) PRIMARY KEY, checksum varchar(64) NOT NULL, finished_at timestamptz, migration_name varchar(255) NOT NULL, logs text, rolled_back_at timestamptz, started_at timestamptz NOT NULL DEFAULT now(), applied_steps_count integer NOT NULL DEFAULT 0)",
  ],
  liquibase: [
    "CREATE TABLE IF NOT EXISTS databasechangeloglock (id integer PRIMARY KEY, locked boolean NOT NULL, lockgranted timestamp, lockedby varchar(255))",
    "CREATE TABLE IF NOT EXISTS databasechangelog (id varchar(255) NOT NULL, author varchar(255) NOT NULL, filename varchar(255) NOT NULL, dateexecuted timestamp NOT NULL, orderexecuted integer NOT NULL, exectype varchar(10) NOT NULL, md5sum varchar(35), description varchar(255), comments varchar(255), tag varchar(255), liquibase varchar(20), contexts varchar(255), labels varchar(255), deployment_id varchar(10))",
  ],
  rails: [
    "CREATE TABLE IF NOT EXISTS schema_migrations (version character varying PRIMARY KEY)",
    "CREATE TABLE IF NOT EXISTS ar_internal_metadata (key character varying PRIMARY KEY, value character varying, created_at timestamp(6) NOT NULL, updated_at timestamp(6) NOT NULL)",
  ],
  django: ["CREATE TABLE IF NOT EXISTS django_migrations (id bigserial PRIMARY KEY, app varchar(255) NOT NULL, name varchar(255) NOT NULL, applied timestamptz NOT NULL)"],
  alembic: ["CREATE TABLE IF NOT EXISTS alembic_version (version_num varchar(32) NOT NULL PRIMARY KEY)"],
};

/** diesel (and its folder-per-migration shape read as golang-migrate's) keeps its own history table. */
const DIESEL = ["CREATE TABLE IF NOT EXISTS __diesel_schema_migrations (version varchar(50) PRIMARY KEY NOT NULL, run_on timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP)"];

export const runnerTables = (file: Pick<DetectedFile, "layout" | "path">): readonly string[] =>
  file.layout === "diesel" || (file.layout === "golang-migrate" && /(?:^|\/)up\.sql$/.test(file.path)) ? DIESEL : (TABLES[file.layout] ?? []);

/** The same tables as each tool's MySQL driver creates them, where PostgreSQL's types do not exist on MySQL. */
const MYSQL_TABLES: Partial<Record<Layout, string[]>> = {
  goose: ["CREATE TABLE IF NOT EXISTS goose_db_version (id serial, version_id bigint NOT NULL, is_applied boolean NOT NULL, tstamp timestamp NULL DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (id))"],
  prisma: [
    "CREATE TABLE IF NOT EXISTS _prisma_migrations (id varchar(36) PRIMARY KEY, checksum varchar(64) NOT NULL, finished_at datetime(3), migration_name varchar(255) NOT NULL, logs text, rolled_back_at datetime(3), started_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), applied_steps_count integer unsigned NOT NULL DEFAULT 0)",
  ],
  rails: [
    "CREATE TABLE IF NOT EXISTS schema_migrations (version varchar(255) NOT NULL PRIMARY KEY)",
    "CREATE TABLE IF NOT EXISTS ar_internal_metadata (`key` varchar(255) NOT NULL PRIMARY KEY, value varchar(255), created_at datetime(6) NOT NULL, updated_at datetime(6) NOT NULL)",
  ],
  django: ["CREATE TABLE IF NOT EXISTS django_migrations (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY, app varchar(255) NOT NULL, name varchar(255) NOT NULL, applied datetime(6) NOT NULL)"],
};

export const mysqlRunnerTables = (file: Pick<DetectedFile, "layout" | "path">): readonly string[] => MYSQL_TABLES[file.layout] ?? runnerTables(file);

/** Every runner's history table, by name: a migration that refers to one it lacks here met another runner. */
export const RUNNER_TABLE_NAMES: ReadonlySet<string> = new Set([
  "schema_migrations",
  "ar_internal_metadata",
  "goose_db_version",
  "gorp_migrations",
  "flyway_schema_history",
  "_prisma_migrations",
  "databasechangelog",
  "databasechangeloglock",
  "django_migrations",
  "alembic_version",
  "__diesel_schema_migrations",
]);

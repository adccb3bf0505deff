import { defineCases } from "../support/rule.js";
import { GO_TRANSACTION_RUNNER, GO_TRANSACTION_RUNNER_WHO } from "../../testing/deploy-fixtures.js";

/** an earlier golang-migrate migration: the index DROP INDEX names, and its table */
const INIT = "CREATE TABLE replication_job (id serial PRIMARY KEY, policy_id int, tags text);\nCREATE TABLE replication_policy (id serial PRIMARY KEY);\nCREATE INDEX poid_uptime ON replication_job (policy_id);\n";

/** a materialized view with an index of its own */
const SPANS = "CREATE TABLE bookings (id bigint PRIMARY KEY, starts_at timestamptz);\nCREATE MATERIALIZED VIEW spans AS SELECT id, starts_at FROM bookings;\nCREATE INDEX idx_spans_start ON spans (starts_at);\n";

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "rivermigrate: every version runs in a transaction with no way out, so the concurrent drop is a step by hand before migrating; the migration keeps IF EXISTS and the /* TEMPLATE: schema */ marker",
      path: "riverdriver/riverpgxv5/migration/main/006_drop_kind_idx.up.sql",
      schema: "CREATE TABLE river_job (id bigint PRIMARY KEY, kind text);\nCREATE INDEX river_job_kind ON river_job (kind);",
      files: { "riverdriver/riverpgxv5/migration/main/002_initial_schema.up.sql": "CREATE TABLE /* TEMPLATE: schema */river_job (id bigint PRIMARY KEY, kind text);\nCREATE INDEX river_job_kind ON /* TEMPLATE: schema */river_job (kind);\n" },
      code: "DROP INDEX /* TEMPLATE: schema */river_job_kind;\n",
      lines: [1],
      fixes: [
        [
          "-- rivermigrate runs every version in a transaction and has no way to leave it, so CONCURRENTLY cannot run in",
          "-- this migration. Before migrating, drop the index by hand in a separate step outside any transaction (psql in autocommit):",
          "--   DROP INDEX CONCURRENTLY IF EXISTS /* TEMPLATE: schema */river_job_kind;",
          "-- The migration keeps the drop with IF EXISTS: it finds the index gone and takes no lock.",
          "DROP INDEX IF EXISTS /* TEMPLATE: schema */river_job_kind;",
        ].join("\n"),
      ],
    },
    {
      framework: "sql",
      name: "a project's own Go migrator Execs each file in a transaction it began (fider's dbx.Migrate): DROP INDEX CONCURRENTLY fails there, so the concurrent drop is a step by hand before the deploy and the migration keeps an idempotent DROP INDEX IF EXISTS",
      path: "migrations/202301010000_drop_tags_idx.up.sql",
      schema: "CREATE TABLE posts (id bigint PRIMARY KEY, tags text);\nCREATE INDEX posts_tags_idx ON posts (tags);",
      files: { ...GO_TRANSACTION_RUNNER, "migrations/202201010000_posts.up.sql": "CREATE TABLE posts (id bigint PRIMARY KEY, tags text);\nCREATE INDEX posts_tags_idx ON posts (tags);\n" },
      code: "DROP INDEX posts_tags_idx;\n",
      lines: [1],
      fixes: [
        [
          `-- ${GO_TRANSACTION_RUNNER_WHO} runs every version in a transaction and has no way to leave it, so CONCURRENTLY cannot run in`,
          "-- this migration. Before migrating, drop the index by hand in a separate step outside any transaction (psql in autocommit):",
          "--   DROP INDEX CONCURRENTLY IF EXISTS posts_tags_idx;",
          "-- The migration keeps the drop with IF EXISTS: it finds the index gone and takes no lock.",
          "DROP INDEX IF EXISTS posts_tags_idx;",
        ].join("\n"),
      ],
    },
    {
      framework: "sql",
      name: "diesel (lemmy): the next version, 2025-08-01-000042, is a migration of the folder already, so the concurrent drop's new migration goes after the newest, never at a version another migration holds (diesel would take it for applied)",
      path: "migrations/2025-08-01-000041_remove-aggregate-tables/up.sql",
      schema: "CREATE TABLE community (id int PRIMARY KEY, hidden boolean);\nCREATE INDEX idx_community_hidden ON community (hidden);",
      files: {
        "migrations/2025-07-01-000000_community/up.sql": "CREATE TABLE community (id int PRIMARY KEY, hidden boolean);\nCREATE INDEX idx_community_hidden ON community (hidden);\n",
        "migrations/2025-08-01-000042_community-hidden-visibility/up.sql": "ALTER TABLE community ADD COLUMN visibility text;\n",
      },
      code: "DROP INDEX idx_community_hidden;\n",
      lines: [1],
      fixes: [
        "-- diesel runs this migration in a transaction, which CONCURRENTLY refuses: move the statement, alone, to the up.sql of a new\n" +
          "-- migration, migrations/2025-08-01-000043_remove-aggregate-tables_concurrently/up.sql, with migrations/2025-08-01-000043_remove-aggregate-tables_concurrently/metadata.toml holding: run_in_transaction = false\n" +
          "DROP INDEX CONCURRENTLY IF EXISTS idx_community_hidden;",
      ],
    },
    {
      framework: "sql",
      name: "one DROP INDEX of two indexes: CONCURRENTLY drops one at a time, so the fix is a statement per index",
      schema: "CREATE TABLE reverse_lookup (user_id bigint, org_id bigint);\nCREATE INDEX idx_reverse_lookup_user ON reverse_lookup (user_id);\nCREATE INDEX idx_reverse_lookup_org ON reverse_lookup (org_id);",
      code: "DROP INDEX IF EXISTS idx_reverse_lookup_user, idx_reverse_lookup_org;",
      lines: [1],
      fixes: ["-- outside a transaction:\nDROP INDEX CONCURRENTLY IF EXISTS idx_reverse_lookup_user;\nDROP INDEX CONCURRENTLY IF EXISTS idx_reverse_lookup_org;"],
    },
    {
      framework: "sql",
      name: "plain DROP INDEX",
      schema: "CREATE TABLE reverse_lookup (user_id bigint);\nCREATE INDEX idx_reverse_lookup_user ON reverse_lookup (user_id);",
      code: "DROP INDEX IF EXISTS idx_reverse_lookup_user;",
      lines: [1],
      fixes: ["-- outside a transaction:\nDROP INDEX CONCURRENTLY IF EXISTS idx_reverse_lookup_user;"],
    },
    {
      framework: "sql",
      name: "golang-migrate: an ACCESS EXCLUSIVE on another table does not cover this one",
      path: "migrations/000004_jobs.up.sql",
      schema: INIT,
      files: { "migrations/000001_init.up.sql": INIT },
      code: "ALTER TABLE replication_policy ADD COLUMN name text;\nDROP INDEX poid_uptime;",
      lines: [2],
      fixes: [
        "-- golang-migrate sends the whole file as one query, which PostgreSQL runs as one implicit transaction:\n" +
          "-- put the CONCURRENTLY statement alone in a migration file of its own (outside any BEGIN ... COMMIT), or\n" +
          "-- set x-multi-statement=true in the database URL, so golang-migrate sends each statement on its own.\n" +
          "DROP INDEX CONCURRENTLY IF EXISTS poid_uptime;",
      ],
    },
    {
      framework: "sql",
      name: "golang-migrate: alone in its file the statement is a query of its own, outside a transaction, so CONCURRENTLY stays in place",
      path: "migrations/000004_jobs.up.sql",
      schema: INIT,
      files: { "migrations/000001_init.up.sql": INIT },
      code: "DROP INDEX poid_uptime;",
      lines: [1],
      fixes: ["-- the only statement of its file: golang-migrate sends it as a query of its own, outside a transaction\nDROP INDEX CONCURRENTLY IF EXISTS poid_uptime;"],
    },
    {
      framework: "sql",
      name: "Prisma: migration.sql of several statements is one script, the CONCURRENTLY statement moves to a migration of its own",
      path: "prisma/migrations/20240101000000_jobs/migration.sql",
      schema: INIT,
      code: "ALTER TABLE replication_policy ADD COLUMN name text;\nDROP INDEX poid_uptime;",
      lines: [2],
      fixes: ["-- Prisma sends migration.sql as one script: put the CONCURRENTLY statement alone in its own migration.\nDROP INDEX CONCURRENTLY IF EXISTS poid_uptime;"],
    },
    {
      framework: "sql",
      name: "golang-migrate: a COMMIT between the ALTER TABLE and the DROP INDEX releases the lock, the drop waits again",
      path: "migrations/000004_jobs.up.sql",
      schema: INIT,
      files: { "migrations/000001_init.up.sql": INIT },
      code: "BEGIN;\nALTER TABLE replication_job DROP COLUMN tags;\nCOMMIT;\nDROP INDEX poid_uptime;",
      lines: [4],
    },
  ],
  valid: [
    {
      framework: "sql",
      name: "an index the migration builds again after the drop (same name): one hazard, reported on the build (index-without-concurrently), whose fix is the swap",
      path: "db/migrations/002_orders_number_unique.sql",
      files: { "db/migrations/001_orders.sql": "CREATE TABLE orders (id bigint PRIMARY KEY, number text);\nCREATE INDEX orders_number_idx ON orders (number);\n" },
      code: "DROP INDEX orders_number_idx;\nCREATE UNIQUE INDEX orders_number_idx ON orders (number);\n",
    },
    {
      framework: "sql",
      name: "an index the migration replaces by one of another name on the same table and columns: reported on the build",
      path: "db/migrations/002_orders_number_unique.sql",
      files: { "db/migrations/001_orders.sql": "CREATE TABLE orders (id bigint PRIMARY KEY, number text);\nCREATE INDEX orders_number_idx ON orders (number);\n" },
      code: "DROP INDEX orders_number_idx;\nCREATE UNIQUE INDEX orders_number_key ON orders (number);\n",
    },
    {
      framework: "sql",
      name: "golang-migrate: the file's one implicit transaction already holds ACCESS EXCLUSIVE on the index's table (DROP COLUMN before it): the drop adds no lock wait",
      path: "migrations/000004_jobs.up.sql",
      schema: INIT,
      files: { "migrations/000001_init.up.sql": INIT },
      code: "ALTER TABLE replication_job DROP COLUMN tags;\nDROP INDEX poid_uptime;",
    },
    {
      framework: "sql",
      name: "the index's table (known from the migration that created it) is dropped afterwards",
      path: "migrations/000004_jobs.up.sql",
      schema: INIT,
      files: { "migrations/000001_init.up.sql": INIT },
      code: "DROP INDEX poid_uptime;\nDROP TABLE replication_job;",
    },
    {
      framework: "sql",
      name: "the index's materialized view (known from the migration that created it) is dropped afterwards",
      path: "migrations/000002_spans.up.sql",
      files: { "migrations/000001_spans.up.sql": SPANS },
      code: "DROP INDEX IF EXISTS idx_spans_start;\nDROP MATERIALIZED VIEW IF EXISTS spans;",
    },
    { framework: "sql", name: "DROP INDEX CONCURRENTLY", code: "DROP INDEX CONCURRENTLY IF EXISTS idx_reverse_lookup_user;" },
    { framework: "sql", name: "an index created in the same migration", code: "CREATE INDEX CONCURRENTLY tmp_idx ON t (a);\nDROP INDEX tmp_idx;" },
  ],
});

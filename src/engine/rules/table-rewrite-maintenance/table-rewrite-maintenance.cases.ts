import { defineCases } from "../support/rule.js";
import { GO_TRANSACTION_RUNNER, GO_TRANSACTION_RUNNER_WHO } from "../../testing/deploy-fixtures.js";

export default defineCases({
  invalid: [
    { framework: "sql", name: "VACUUM FULL", schema: "CREATE TABLE events (id bigint PRIMARY KEY);", code: "VACUUM FULL events;", lines: [1] },
    { framework: "sql", name: "CLUSTER", schema: "CREATE TABLE events (id bigint PRIMARY KEY);", code: "CLUSTER events USING events_pkey;", lines: [1] },
    {
      framework: "sql",
      name: "a project's own Go migrator Execs each file in a transaction it began (fider's dbx.Migrate): REINDEX CONCURRENTLY cannot run there, so it runs by hand before the deploy and leaves the migration",
      path: "migrations/202301010000_reindex_events.up.sql",
      files: { ...GO_TRANSACTION_RUNNER, "migrations/202201010000_events.up.sql": "CREATE TABLE events (id bigint PRIMARY KEY, created_at timestamptz);\nCREATE INDEX events_created_at_idx ON events (created_at);\n" },
      schema: "CREATE TABLE events (id bigint PRIMARY KEY, created_at timestamptz);\nCREATE INDEX events_created_at_idx ON events (created_at);",
      code: "REINDEX INDEX events_created_at_idx;\n",
      lines: [1],
      fixes: [
        [
          `-- ${GO_TRANSACTION_RUNNER_WHO} runs this file in its transaction, where REINDEX CONCURRENTLY cannot run ("cannot run inside a transaction block").`,
          "-- Take the statement out of the migration and, before the deploy, run it by hand outside any transaction (psql in autocommit):",
          "--   REINDEX (CONCURRENTLY) INDEX events_created_at_idx;",
        ].join("\n"),
      ],
    },
    {
      framework: "sql",
      name: "VACUUM FULL under a project's own Go migrator's transaction: plain VACUUM cannot run there either, so it is a step by hand",
      path: "migrations/202301010000_vacuum_events.up.sql",
      files: { ...GO_TRANSACTION_RUNNER, "migrations/202201010000_events.up.sql": "CREATE TABLE events (id bigint PRIMARY KEY);\n" },
      schema: "CREATE TABLE events (id bigint PRIMARY KEY);",
      code: "VACUUM FULL events;\n",
      lines: [1],
      fixes: [
        [
          `-- ${GO_TRANSACTION_RUNNER_WHO} runs this file in its transaction, where VACUUM cannot run ("cannot run inside a transaction block").`,
          "-- Take the statement out of the migration and, before the deploy, use pg_repack (online), or run plain VACUUM by hand outside any transaction (psql in autocommit):",
          "--   VACUUM events;",
        ].join("\n"),
      ],
    },
    { framework: "sql", name: "REINDEX without CONCURRENTLY", schema: "CREATE TABLE events (id bigint PRIMARY KEY, created_at timestamptz);\nCREATE INDEX events_created_at_idx ON events (created_at);", code: "REINDEX TABLE events;", lines: [1] },
    { framework: "sql", name: "REINDEX INDEX: the fix names the index as an index (REINDEX INDEX CONCURRENTLY with a table name cannot run)", schema: "CREATE TABLE events (id bigint PRIMARY KEY, created_at timestamptz);\nCREATE INDEX events_created_at_idx ON events (created_at);", code: "REINDEX INDEX events_created_at_idx;", lines: [1] },
    {
      framework: "sql",
      name: "REINDEX of a materialized view an earlier migration created: it blocks the view's REFRESH (not writes: nothing else writes it) and nearly every read",
      path: "db/migrations/002_reindex_totals.sql",
      files: { "db/migrations/001_totals.sql": "CREATE MATERIALIZED VIEW totals AS SELECT id FROM events;\nCREATE UNIQUE INDEX totals_id_idx ON totals (id);\n" },
      schema: "CREATE TABLE events (id bigint PRIMARY KEY);\nCREATE MATERIALIZED VIEW totals AS SELECT id FROM events;\nCREATE UNIQUE INDEX totals_id_idx ON totals (id);",
      code: "REINDEX TABLE totals;\nREINDEX INDEX totals_id_idx;\n",
      lines: [1, 2],
      messages: ["blocks the materialized view's REFRESH (nothing else writes it)", "blocks the materialized view's REFRESH (nothing else writes it)"],
    },
    {
      framework: "sql",
      name: "VACUUM FULL of a table the migration created beside one an earlier migration did: the finding names only the older, live table",
      path: "db/migrations/002_compact.sql",
      files: { "db/migrations/001_events.sql": "CREATE TABLE events (id bigint PRIMARY KEY);\n" },
      schema: "CREATE TABLE events (id bigint PRIMARY KEY);",
      code: "CREATE TABLE audits (id bigint PRIMARY KEY);\nVACUUM FULL audits, events;\n",
      lines: [2],
      messages: ["VACUUM FULL events rewrites"],
    },
    { framework: "sql", name: "SET TABLESPACE", schema: "CREATE TABLE events (id bigint PRIMARY KEY);", code: "ALTER TABLE events SET TABLESPACE fast_ssd;", lines: [1] },
  ],
  valid: [
    { framework: "sql", name: "plain VACUUM and ANALYZE", code: "VACUUM events;\nANALYZE events;" },
    { framework: "sql", name: "REINDEX CONCURRENTLY", code: "REINDEX TABLE CONCURRENTLY events;" },
    { framework: "sql", name: "REINDEX on PostgreSQL 11: REINDEX ... CONCURRENTLY is 12+, so there is no fix to offer", code: "REINDEX TABLE events;", config: { postgres_version: 11 } },
    {
      framework: "sql",
      name: "REINDEX right after the CREATE INDEX on a table the same file created (midaz's segment): the table is empty and unseen, nothing waits on the lock",
      code: "CREATE TABLE IF NOT EXISTS segment (id uuid PRIMARY KEY, created_at timestamptz NOT NULL);\nCREATE INDEX idx_segment_created_at ON segment (created_at);\nREINDEX INDEX idx_segment_created_at;\nREINDEX TABLE segment;\n",
    },
    {
      framework: "sql",
      name: "VACUUM FULL and CLUSTER of a table the same migration created",
      code: "CREATE TABLE events (id bigint PRIMARY KEY);\nCLUSTER events USING events_pkey;\nVACUUM FULL events;\n",
    },
  ],
});

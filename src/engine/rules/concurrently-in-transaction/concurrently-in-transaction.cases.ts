import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "rivermigrate runs each version in a transaction: a CONCURRENTLY statement alone in its file still fails there (it would not under golang-migrate)",
      path: "riverdriver/riverpgxv5/migration/main/007_job_kind_idx.up.sql",
      schema: "CREATE TABLE river_job (id bigint PRIMARY KEY, kind text);",
      code: "CREATE INDEX CONCURRENTLY river_job_kind_idx ON /* TEMPLATE: schema */river_job (kind);\n",
      lines: [1],
    },
    {
      framework: "sql",
      name: "pop/popx wraps x.postgres.up.sql in a transaction: CONCURRENTLY alone in it still fails; the fix names the .autocommit file",
      schema: "CREATE TABLE hydra_client (id uuid PRIMARY KEY, nid uuid);",
      path: "persistence/sql/migrations/20240101000001000000_client_nid_idx.postgres.up.sql",
      code: "CREATE INDEX CONCURRENTLY hydra_client_nid_idx ON hydra_client (nid);\n",
      files: { "persistence/sql/migrations/20240101000001000000_client_nid_idx.down.sql": "DROP INDEX hydra_client_nid_idx;\n" },
      lines: [1],
      fixes: [
        "-- popx runs this file in a transaction, which CONCURRENTLY refuses: move the statement to a new version's file\n" +
          "-- persistence/sql/migrations/20240101000001000001_client_nid_idx.postgres.autocommit.up.sql, which popx runs outside a transaction.",
      ],
    },
    {
      framework: "sql",
      name: "golang-migrate file with CIC and another statement (one implicit transaction)",
      schema: "CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint);",
      path: "migrations/000060_idx.up.sql",
      code: "SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY posts_author_idx ON posts (author_id);",
      files: { "migrations/000060_idx.down.sql": "DROP INDEX CONCURRENTLY posts_author_idx;" },
      lines: [2],
    },
    {
      framework: "sql",
      name: "goose without NO TRANSACTION",
      schema: "CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint);",
      path: "db/migrations/00061_idx.sql",
      code: "-- +goose Up\nCREATE INDEX CONCURRENTLY posts_author_idx ON posts (author_id);\n-- +goose Down\nDROP INDEX CONCURRENTLY posts_author_idx;\n",
      lines: [2],
    },
    {
      framework: "sql",
      name: "dbmate transactional section",
      schema: "CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint);",
      path: "db/migrations/20240101_idx.sql",
      code: "-- migrate:up\nCREATE INDEX CONCURRENTLY posts_author_idx ON posts (author_id);\n-- migrate:down\nDROP INDEX CONCURRENTLY posts_author_idx;\n",
      lines: [2],
    },
    {
      framework: "sql",
      name: "Flyway migration mixing CIC with a transactional statement",
      schema: "CREATE TABLE posts (id bigint PRIMARY KEY);",
      path: "db/migration/V7__idx.sql",
      code: "ALTER TABLE posts ADD COLUMN author_id bigint;\nCREATE INDEX CONCURRENTLY posts_author_idx ON posts (author_id);",
      lines: [2],
    },
    { framework: "sql", name: "explicit BEGIN around CIC", schema: "CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint);", code: "BEGIN;\nCREATE INDEX CONCURRENTLY posts_author_idx ON posts (author_id);\nCOMMIT;", lines: [2] },
  ],
  valid: [
    {
      framework: "sql",
      name: "pop/popx runs x.postgres.autocommit.up.sql outside a transaction (ory/hydra's CONCURRENTLY indexes)",
      schema: "CREATE TABLE hydra_client (id uuid PRIMARY KEY, nid uuid);",
      path: "persistence/sql/migrations/20240101000001000000_client_nid_idx.postgres.autocommit.up.sql",
      code: "CREATE INDEX CONCURRENTLY IF NOT EXISTS hydra_client_nid_idx ON hydra_client (nid);\nCREATE INDEX CONCURRENTLY IF NOT EXISTS hydra_client_id_nid_idx ON hydra_client (id, nid);\n",
      files: { "persistence/sql/migrations/20240101000001000000_client_nid_idx.postgres.autocommit.down.sql": "DROP INDEX CONCURRENTLY IF EXISTS hydra_client_nid_idx;\nDROP INDEX CONCURRENTLY IF EXISTS hydra_client_id_nid_idx;\n" },
    },
    { framework: "sql", name: "CIC alone in a golang-migrate file", path: "migrations/000060_idx.up.sql", code: "CREATE INDEX CONCURRENTLY IF NOT EXISTS posts_author_idx ON posts (author_id);", files: { "migrations/000060_idx.down.sql": "DROP INDEX CONCURRENTLY posts_author_idx;" } },
    { framework: "sql", name: "goose NO TRANSACTION", path: "db/migrations/00061_idx.sql", code: "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY posts_author_idx ON posts (author_id);\n-- +goose Down\nDROP INDEX CONCURRENTLY posts_author_idx;\n" },
    { framework: "sql", name: "dbmate transaction:false", path: "db/migrations/20240101_idx.sql", code: "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY posts_author_idx ON posts (author_id);\n-- migrate:down transaction:false\nDROP INDEX CONCURRENTLY posts_author_idx;\n" },
    { framework: "sql", name: "Flyway file with only non-transactional statements", path: "db/migration/V9__idx.sql", code: "DROP INDEX CONCURRENTLY IF EXISTS old_idx;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS new_idx ON workflow_index (json_data);" },
  ],
});

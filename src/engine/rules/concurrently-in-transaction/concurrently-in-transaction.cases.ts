import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "diesel runs a migration in a transaction unless its folder's metadata.toml says run_in_transaction = false: CONCURRENTLY alone in up.sql still fails; the fix names a new migration folder with that metadata.toml",
      schema: "CREATE TABLE chunk_metadata (id uuid PRIMARY KEY, dataset_id uuid);",
      path: "server/migrations/2024-03-01-120000_chunk-dataset-index/up.sql",
      code: "CREATE INDEX CONCURRENTLY chunk_metadata_dataset_id_idx ON chunk_metadata (dataset_id);\n",
      files: { "server/migrations/2024-03-01-120000_chunk-dataset-index/down.sql": "DROP INDEX chunk_metadata_dataset_id_idx;\n" },
      lines: [1],
      fixes: [
        "-- diesel runs this migration in a transaction, which CONCURRENTLY refuses: move the statement, alone, to the up.sql of a new\n" +
          "-- migration, server/migrations/2024-03-01-120001_chunk-dataset-index_concurrently/up.sql, with server/migrations/2024-03-01-120001_chunk-dataset-index_concurrently/metadata.toml holding: run_in_transaction = false",
      ],
    },
    {
      framework: "sql",
      name: "diesel with run_in_transaction = false sends up.sql as one query: CONCURRENTLY beside another statement is one implicit transaction",
      schema: "CREATE TABLE chunk_metadata (id uuid PRIMARY KEY, dataset_id uuid);",
      path: "server/migrations/2024-03-01-120000_chunk-dataset-index/up.sql",
      code: "CREATE INDEX CONCURRENTLY chunk_metadata_dataset_id_idx ON chunk_metadata (dataset_id);\nCREATE INDEX CONCURRENTLY chunk_metadata_id_dataset_idx ON chunk_metadata (id, dataset_id);\n",
      files: { "server/migrations/2024-03-01-120000_chunk-dataset-index/metadata.toml": "run_in_transaction = false\n" },
      lines: [1, 2],
    },
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
      name: "pop/popx (golang-migrate's file names): the version after this file's is a later migration of the folder, so the .autocommit file takes the one after the newest, which no file holds",
      schema: "CREATE TABLE hydra_client (id uuid PRIMARY KEY, nid uuid, secret text);",
      path: "persistence/sql/migrations/20240101000001000000_client_nid_idx.postgres.up.sql",
      code: "CREATE INDEX CONCURRENTLY hydra_client_nid_idx ON hydra_client (nid);\n",
      files: {
        "persistence/sql/migrations/20240101000001000000_client_nid_idx.down.sql": "DROP INDEX hydra_client_nid_idx;\n",
        "persistence/sql/migrations/20240101000001000001_client_secret.up.sql": "ALTER TABLE hydra_client ADD COLUMN secret_hash text;\n",
      },
      lines: [1],
      fixes: [
        "-- popx runs this file in a transaction, which CONCURRENTLY refuses: move the statement to a new version's file\n" +
          "-- persistence/sql/migrations/20240101000001000002_client_nid_idx.postgres.autocommit.up.sql, which popx runs outside a transaction.",
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
      name: "sql-migrate Up without notransaction: the runner runs the up in a transaction; the fix is the section's notransaction marker",
      schema: "CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint);",
      path: "migrations/20240101120000-posts-author-idx.sql",
      code: "-- +migrate Up\nCREATE INDEX CONCURRENTLY posts_author_idx ON posts (author_id);\n-- +migrate Down\nDROP INDEX CONCURRENTLY posts_author_idx;\n",
      lines: [2],
      fixes: ["-- +migrate Up notransaction\n-- (in place of the file's `-- +migrate Up`; keep only non-transactional statements in its up)"],
    },
    {
      framework: "sql",
      name: "Atlas: each file runs in a transaction of its own (--tx-mode file); the fix is the file's `-- atlas:txmode none` header",
      schema: "CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint);",
      path: "migrations/20240102000000_posts_author_idx.sql",
      // a folder atlas.sum marks (marked-sql-folders.ts)
      config: { paths: { atlas: ["migrations/*.sql"] } },
      code: "CREATE INDEX CONCURRENTLY posts_author_idx ON posts (author_id);\n",
      lines: [1],
      fixes: ["-- atlas:txmode none\n-- (first line of the file, an empty line after it; keep only non-transactional statements in the file, then run `atlas migrate hash`: atlas.sum holds the file's hash)"],
    },
    {
      framework: "sql",
      name: "Drizzle: drizzle-orm's migrator runs all pending migrations in one transaction, with no way out; the fix builds it by hand before migrating and keeps IF NOT EXISTS here",
      schema: "CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint);",
      path: "drizzle/0003_posts_author_idx.sql",
      // a folder drizzle-kit's meta/_journal.json marks (marked-sql-folders.ts)
      config: { paths: { drizzle: ["drizzle/*.sql"] } },
      code: "CREATE INDEX CONCURRENTLY IF NOT EXISTS posts_author_idx ON posts (author_id);\n",
      lines: [1],
      fixes: [
        "-- drizzle-orm's migrator (migrate() or drizzle-kit migrate) runs all pending migrations in one transaction and has no way to leave it: CONCURRENTLY\n" +
          "-- cannot be in a Drizzle migration. Run the statement by hand in a separate step outside any transaction (psql in\n" +
          "-- autocommit) before migrating, and keep it here with IF NOT EXISTS (IF EXISTS for a drop) without CONCURRENTLY, so it finds the work done.",
      ],
    },
    {
      framework: "sql",
      name: "tern without `---- tern: disable-tx ----`: tern runs the up in a transaction; the fix is that line in the up",
      schema: "CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint);",
      path: "db/migrations/003_posts_author_idx.sql",
      code: "CREATE INDEX CONCURRENTLY posts_author_idx ON posts (author_id);\n\n---- create above / drop below ----\n\nDROP INDEX posts_author_idx;\n",
      lines: [1],
      fixes: ["---- tern: disable-tx ----\n-- (a line of its own in the up, above the file's `---- create above / drop below ----`; keep only non-transactional statements in the up)"],
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
      name: "diesel: the folder's metadata.toml says run_in_transaction = false and CONCURRENTLY is alone in up.sql, which diesel sends as one query outside a transaction",
      path: "server/migrations/2024-03-01-120000_chunk-dataset-index/up.sql",
      code: "CREATE INDEX CONCURRENTLY chunk_metadata_dataset_id_idx ON chunk_metadata (dataset_id);\n",
      files: { "server/migrations/2024-03-01-120000_chunk-dataset-index/metadata.toml": "run_in_transaction = false\n" },
    },
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
    { framework: "sql", name: "sql-migrate Up notransaction (goalert's alert-logs-index)", path: "migrations/20240101120000-posts-author-idx.sql", code: "-- +migrate Up notransaction\nCREATE INDEX CONCURRENTLY posts_author_idx ON posts (author_id);\n-- +migrate Down notransaction\nDROP INDEX CONCURRENTLY posts_author_idx;\n" },
    { framework: "sql", name: "Atlas file whose header says `-- atlas:txmode none`", path: "migrations/20240102000000_posts_author_idx.sql", code: "-- atlas:txmode none\n\nCREATE INDEX CONCURRENTLY posts_author_idx ON posts (author_id);\n" },
    { framework: "sql", name: "tern up with `---- tern: disable-tx ----` (the down keeps its transaction)", path: "db/migrations/003_posts_author_idx.sql", code: "---- tern: disable-tx ----\nCREATE INDEX CONCURRENTLY posts_author_idx ON posts (author_id);\n\n---- create above / drop below ----\n\nDROP INDEX posts_author_idx;\n" },
    { framework: "sql", name: "dbmate transaction:false", path: "db/migrations/20240101_idx.sql", code: "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY posts_author_idx ON posts (author_id);\n-- migrate:down transaction:false\nDROP INDEX CONCURRENTLY posts_author_idx;\n" },
    { framework: "sql", name: "Flyway file with only non-transactional statements", path: "db/migration/V9__idx.sql", code: "DROP INDEX CONCURRENTLY IF EXISTS old_idx;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS new_idx ON workflow_index (json_data);" },
  ],
});

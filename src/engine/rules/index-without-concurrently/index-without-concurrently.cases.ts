import { defineCases } from "../support/rule.js";

const EVENTS = "CREATE TABLE events (id bigint, user_id bigint, created_at timestamptz NOT NULL) PARTITION BY RANGE (created_at);\nCREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\nCREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');\n";

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "a NOT NULL column added with a default proves nothing: the table may hold rows",
      schema: 'CREATE TABLE "Folder" (id text PRIMARY KEY, name text);',
      code: 'ALTER TABLE "Folder" ADD COLUMN "type" TEXT NOT NULL DEFAULT \'DOCUMENT\';\nCREATE INDEX "Folder_type_idx" ON "Folder"("type");\n',
      lines: [2],
    },
    {
      framework: "sql",
      name: "rows inserted after the NOT NULL column proved the table empty: the index builds on them",
      schema: 'CREATE TABLE "Folder" (id text PRIMARY KEY, name text);\nCREATE TABLE "Legacy" (id text, name text);',
      code: 'ALTER TABLE "Folder" ADD COLUMN "type" TEXT NOT NULL;\nINSERT INTO "Folder" (id, name, "type") SELECT id, name, \'DOCUMENT\' FROM "Legacy";\nCREATE INDEX "Folder_type_idx" ON "Folder"("type");\n',
      lines: [3],
    },
    {
      framework: "sql",
      name: "a table truncated, then filled again before the index",
      schema: "CREATE TABLE logs (ip inet);\nCREATE TABLE old_logs (ip inet);",
      code: "TRUNCATE logs;\nINSERT INTO logs SELECT * FROM old_logs;\nCREATE INDEX logs_ip_idx ON logs (ip);\n",
      lines: [3],
    },
    { framework: "sql", name: "plain CREATE INDEX on a live table", schema: "CREATE TABLE post (id bigint PRIMARY KEY, language_id int);", code: "CREATE INDEX idx_post_language ON post (language_id);", lines: [1] },
    { framework: "sql", name: "unique index over several lines", schema: "CREATE TABLE users (id bigint PRIMARY KEY, email text);", code: "SET lock_timeout = '1s';\nCREATE UNIQUE INDEX\n  users_email_key\n  ON users (lower(email));", lines: [2] },
    {
      framework: "sql",
      name: "golang-migrate: the fix is the CREATE alone in its file (the file is one query; a DROP beside it would make it one transaction, which CONCURRENTLY refuses)",
      path: "migrations/000060_artifact_digest.up.sql",
      schema: "CREATE TABLE artifact (id bigint PRIMARY KEY, digest text);",
      code: "CREATE INDEX idx_artifact_digest ON artifact (digest);\n",
      lines: [1],
      fixes: [
        "-- in a migration file of its own, this statement alone (golang-migrate sends the file as one query, and\n-- PostgreSQL runs two or more statements as one transaction, which CONCURRENTLY refuses).\n-- A failed build leaves an INVALID index: run DROP INDEX CONCURRENTLY IF EXISTS idx_artifact_digest\n-- by hand before migrating again.\nCREATE INDEX CONCURRENTLY idx_artifact_digest ON artifact (digest);",
      ],
    },
    {
      framework: "sql",
      name: "golang-migrate, beside another statement: the CREATE goes to a file of its own (on two lines, so a review comment never offers it as an in-place suggestion)",
      path: "migrations/000061_artifact_digest.up.sql",
      schema: "CREATE TABLE artifact (id bigint PRIMARY KEY, digest text);",
      code: "CREATE INDEX idx_artifact_digest ON artifact (digest);\nALTER TABLE artifact ADD COLUMN pushed_at timestamptz;\n",
      lines: [1],
      fixes: [
        "-- in a migration file of its own, this statement alone (golang-migrate sends the file as one query, and\n-- PostgreSQL runs two or more statements as one transaction, which CONCURRENTLY refuses).\n-- A failed build leaves an INVALID index: run DROP INDEX CONCURRENTLY IF EXISTS idx_artifact_digest\n-- by hand before migrating again.\nCREATE INDEX CONCURRENTLY idx_artifact_digest\n  ON artifact (digest);",
      ],
    },
    {
      framework: "sql",
      name: "golang-migrate, beside another statement: the line breaks before the ON the parser places before the table, not at an ` ON ` inside a quoted name",
      path: "migrations/000062_artifact_digest.up.sql",
      schema: "CREATE TABLE artifact (id bigint PRIMARY KEY, digest text);",
      code: 'CREATE INDEX "digest ON artifact" ON artifact (digest);\nALTER TABLE artifact ADD COLUMN pushed_at timestamptz;\n',
      lines: [1],
      fixes: [
        '-- in a migration file of its own, this statement alone (golang-migrate sends the file as one query, and\n-- PostgreSQL runs two or more statements as one transaction, which CONCURRENTLY refuses).\n-- A failed build leaves an INVALID index: run DROP INDEX CONCURRENTLY IF EXISTS "digest ON artifact"\n-- by hand before migrating again.\nCREATE INDEX CONCURRENTLY "digest ON artifact"\n  ON artifact (digest);',
      ],
    },
    {
      framework: "sql",
      name: "golang-migrate, a partitioned table: the index on the parent alone (ON ONLY), each partition's built CONCURRENTLY in a file of its own, then attached",
      path: "migrations/000010_events_user.up.sql",
      files: { "migrations/000001_events.up.sql": EVENTS },
      schema: EVENTS,
      code: "CREATE INDEX events_user_id_idx ON events (user_id);\n",
      lines: [1],
      fixes: [
        [
          "-- events is partitioned: PostgreSQL cannot build an index on it CONCURRENTLY. The index goes on the parent alone",
          "-- (ON ONLY: instant, and invalid until each partition's own index is attached), each partition's is built CONCURRENTLY:",
          "-- migration 1:",
          "CREATE INDEX events_user_id_idx ON ONLY events (user_id);",
          "-- migration 2, this statement alone in its file (golang-migrate sends a file as one query, one transaction):",
          "CREATE INDEX CONCURRENTLY events_2024_user_id_idx ON events_2024 (user_id);",
          "-- migration 3, this statement alone in its file (golang-migrate sends a file as one query, one transaction):",
          "CREATE INDEX CONCURRENTLY events_2025_user_id_idx ON events_2025 (user_id);",
          "-- migration 4: attach them (instant; the parent's index is valid once all are):",
          "ALTER INDEX events_user_id_idx ATTACH PARTITION events_2024_user_id_idx;",
          "ALTER INDEX events_user_id_idx ATTACH PARTITION events_2025_user_id_idx;",
        ].join("\n"),
      ],
    },
    {
      framework: "sql",
      name: "a partitioned table whose partitions no migration shows: the parent's index ON ONLY, the partitions' steps said",
      path: "migrations/000011_events_user.up.sql",
      files: { "migrations/000001_events.up.sql": "CREATE TABLE events (id bigint, user_id bigint, created_at timestamptz NOT NULL) PARTITION BY RANGE (created_at);\n" },
      schema: EVENTS,
      code: "CREATE INDEX events_user_id_idx ON events (user_id);\n",
      lines: [1],
    },
    {
      framework: "sql",
      name: "Flyway, a partitioned table: partition by partition outside a transaction",
      path: "db/migration/V2__events_user.sql",
      files: { "db/migration/V1__events.sql": EVENTS },
      schema: EVENTS,
      code: "CREATE INDEX events_user_id_idx ON events (user_id) WHERE user_id IS NOT NULL;\n",
      lines: [1],
    },
  ],
  valid: [
    {
      framework: "sql",
      name: "a NOT NULL column added without a default earlier in the migration: PostgreSQL refuses that on a table with rows, so the index builds on an empty table",
      schema: 'CREATE TABLE "Folder" (id text PRIMARY KEY, name text);',
      code: 'ALTER TABLE "Folder" ADD COLUMN "type" TEXT NOT NULL;\nCREATE INDEX "Folder_type_idx" ON "Folder"("type");\n',
    },
    {
      framework: "sql",
      name: "a table emptied earlier in the migration: the DELETE is the finding, the index has no rows to build from",
      code: "DELETE FROM casting;\nALTER TABLE casting ADD COLUMN ip text;\nCREATE INDEX casting_ip_idx ON casting (ip);\n",
    },
    { framework: "sql", name: "a table truncated earlier in the migration", code: "TRUNCATE sessions;\nCREATE INDEX sessions_user_idx ON sessions (user_id);\n" },
    {
      framework: "sql",
      name: "IF NOT EXISTS on an index an earlier migration built: nothing is built",
      path: "migrations/000060_push_time.up.sql",
      files: { "migrations/000053_push_time.up.sql": "CREATE TABLE artifact (id bigint PRIMARY KEY, push_time timestamptz);\nCREATE INDEX IF NOT EXISTS idx_artifact_push_time ON artifact (push_time);\n" },
      code: "CREATE INDEX IF NOT EXISTS idx_artifact_push_time ON artifact (push_time);\n",
    },
    { framework: "sql", name: "CONCURRENTLY", code: "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_post_language ON post (language_id);" },
    { framework: "sql", name: "index on a table created in the same migration", code: "CREATE TABLE tags (id bigint, name text);\nCREATE INDEX tags_name_idx ON tags (name);" },
  ],
});

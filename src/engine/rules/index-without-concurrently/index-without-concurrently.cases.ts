import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
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
  ],
  valid: [
    {
      framework: "sql",
      name: "a table emptied earlier in the migration: the DELETE is the finding, the index has no rows to build from",
      code: "DELETE FROM casting;\nALTER TABLE casting ADD COLUMN ip text;\nCREATE INDEX casting_ip_idx ON casting (ip);\n",
    },
    { framework: "sql", name: "a table truncated earlier in the migration", code: "TRUNCATE sessions;\nCREATE INDEX sessions_user_idx ON sessions (user_id);\n" },
    { framework: "sql", name: "CONCURRENTLY", code: "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_post_language ON post (language_id);" },
    { framework: "sql", name: "index on a table created in the same migration", code: "CREATE TABLE tags (id bigint, name text);\nCREATE INDEX tags_name_idx ON tags (name);" },
  ],
});

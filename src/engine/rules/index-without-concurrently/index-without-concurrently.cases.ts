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

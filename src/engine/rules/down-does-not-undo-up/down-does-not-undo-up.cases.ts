import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "up creates a table and an index, down drops only the index",
      schema: "CREATE TABLE post_tags (post_id bigint, name text);",
      fixRunsAfter: "up",
      path: "migrations/000030_tags.up.sql",
      code: "CREATE TABLE tags (id bigint PRIMARY KEY, name text);\nCREATE INDEX tags_name_idx ON post_tags (name);",
      files: { "migrations/000030_tags.down.sql": "DROP INDEX tags_name_idx;" },
      lines: [1],
    },
  ],
  valid: [
    {
      framework: "sql",
      name: "an extension installed if missing and kept by the down: it is the database's, other objects may use it",
      path: "migrations/000037_trgm.up.sql",
      code: "CREATE EXTENSION IF NOT EXISTS pg_trgm;\nCREATE INDEX CONCURRENTLY users_name_trgm ON users USING gin (name gin_trgm_ops);\n",
      files: { "migrations/000037_trgm.down.sql": "DROP INDEX CONCURRENTLY users_name_trgm;\n" },
    },
    {
      framework: "sql",
      name: "a rename the down does not take back: renaming creates nothing (down-does-not-restore reports the old name)",
      path: "db/migrations/00031_rename.sql",
      code: "-- +goose Up\nALTER TABLE users RENAME COLUMN mail TO email;\nALTER INDEX users_mail_idx RENAME TO users_email_idx;\nALTER TABLE users ADD COLUMN verified boolean;\n-- +goose Down\nALTER TABLE users DROP COLUMN verified;\n",
    },
    {
      framework: "sql",
      name: "a table renamed with its indexes, the down rebuilding the old table: the renamed indexes went with their table",
      path: "migrations/000036_notification.up.sql",
      code: "ALTER TABLE comment_reply RENAME TO notification;\nALTER INDEX idx_comment_reply_recipient RENAME TO idx_notification_recipient;\n",
      files: { "migrations/000036_notification.down.sql": "DROP TABLE notification;\nCREATE TABLE comment_reply (id serial PRIMARY KEY, recipient_id int);\nCREATE INDEX idx_comment_reply_recipient ON comment_reply (recipient_id);\n" },
    },
    {
      framework: "sql",
      name: "down reverses everything",
      path: "migrations/000030_tags.up.sql",
      code: "CREATE TABLE tags (id bigint PRIMARY KEY, name text);\nCREATE INDEX CONCURRENTLY tags_name_idx ON post_tags (name);",
      files: { "migrations/000030_tags.down.sql": "DROP INDEX CONCURRENTLY tags_name_idx;\nDROP TABLE tags;" },
    },
    {
      framework: "sql",
      name: "dropping the table also drops its indexes and constraints",
      path: "migrations/000032_t.up.sql",
      code: "CREATE TABLE t (id bigint);\nCREATE INDEX t_id_idx ON t (id);\nALTER TABLE t ADD CONSTRAINT t_id_check CHECK (id > 0);",
      files: { "migrations/000032_t.down.sql": "DROP TABLE t;" },
    },
    {
      framework: "sql",
      name: "a table renamed and renamed back keeps its columns",
      path: "migrations/000034_person.up.sql",
      code: "ALTER TABLE user_ RENAME TO person;\nALTER TABLE person DROP COLUMN lang;",
      files: { "migrations/000034_person.down.sql": "ALTER TABLE person RENAME TO user_;\nALTER TABLE user_ ADD COLUMN lang text;" },
    },
    {
      framework: "sql",
      name: "a column replaced by a renamed one, restored by a different route",
      path: "migrations/000035_inbox.up.sql",
      code: "ALTER TABLE person DROP COLUMN inbox_url;\nALTER TABLE person RENAME COLUMN shared_inbox_url TO inbox_url;",
      files: { "migrations/000035_inbox.down.sql": "ALTER TABLE person ADD COLUMN shared_inbox_url text;" },
    },
    {
      framework: "sql",
      name: "objects dropped IF EXISTS and re-created are replacements",
      path: "migrations/000036_check.up.sql",
      code: "ALTER TABLE modlog DROP CONSTRAINT IF EXISTS modlog_check;\nALTER TABLE modlog ADD CHECK (kind <> '' AND num_nonnulls(a, b) = 1);",
      files: { "migrations/000036_check.down.sql": "ALTER TABLE modlog DROP CONSTRAINT IF EXISTS modlog_check;\nALTER TABLE modlog ADD CHECK (kind <> '' AND num_nonnulls(a) = 1);" },
    },
    {
      framework: "sql",
      name: "an unnamed UNIQUE restores the constraint PostgreSQL named table_column_key",
      path: "migrations/000037_pk.up.sql",
      code: "ALTER TABLE captcha_answer\n  DROP COLUMN id,\n  ADD PRIMARY KEY (uuid),\n  DROP CONSTRAINT captcha_answer_uuid_key;",
      files: { "migrations/000037_pk.down.sql": "ALTER TABLE captcha_answer\n  ADD UNIQUE (uuid),\n  DROP CONSTRAINT captcha_answer_pkey,\n  ADD COLUMN id serial PRIMARY KEY;" },
    },
    {
      framework: "sql",
      name: "DROP ... CASCADE takes the views, indexes and triggers built on the object",
      path: "migrations/000038_mview.up.sql",
      code:
        "CREATE VIEW user_view AS SELECT id FROM user_;\nCREATE MATERIALIZED VIEW user_mview AS SELECT * FROM user_view;\nCREATE UNIQUE INDEX idx_user_mview_id ON user_mview (id);\nCREATE FUNCTION refresh() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;\nCREATE TRIGGER refresh_user AFTER INSERT ON user_ FOR EACH STATEMENT EXECUTE FUNCTION refresh();",
      files: { "migrations/000038_mview.down.sql": "DROP VIEW user_view CASCADE;\nDROP FUNCTION refresh() CASCADE;" },
    },
    {
      framework: "sql",
      name: "a DO block in the down may undo anything: not judged",
      path: "migrations/000033_t.up.sql",
      code: "CREATE TABLE t2 (id bigint);",
      files: { "migrations/000033_t.down.sql": "DO $$ BEGIN EXECUTE 'DROP TABLE t2'; END $$;" },
    },
  ],
});

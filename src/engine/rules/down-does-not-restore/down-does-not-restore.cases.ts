import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "the down adds the key back under another name but ON DELETE SET NULL: not the key the up dropped",
      path: "migrations/000003_key_names.up.sql",
      schema: "CREATE TABLE users (id integer PRIMARY KEY);\nCREATE TABLE email_notifications (id integer PRIMARY KEY, user_id integer, CONSTRAINT email_notification_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE);",
      files: {
        "migrations/000001_init.up.sql": "CREATE TABLE users (id integer PRIMARY KEY);\nCREATE TABLE email_notification (id integer PRIMARY KEY, user_id integer, CONSTRAINT email_notification_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE);\n",
        "migrations/000002_rename.up.sql": "ALTER TABLE email_notification RENAME TO email_notifications;\n",
        "migrations/000003_key_names.down.sql": "ALTER TABLE email_notifications DROP CONSTRAINT email_notifications_user_id_fkey;\nALTER TABLE email_notifications ADD CONSTRAINT email_notifications_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL;\n",
      },
      code: "ALTER TABLE email_notifications DROP CONSTRAINT email_notification_user_id_fkey;\nALTER TABLE email_notifications ADD CONSTRAINT email_notifications_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;\n",
      lines: [1],
    },
    {
      framework: "sql",
      name: "the up drops an index of another schema, the down builds one of that name on a table in public: not the same index",
      schema: "CREATE SCHEMA app;\nCREATE TABLE app.users (id integer PRIMARY KEY, email text);\nCREATE UNIQUE INDEX email_unique_idx ON app.users (lower(email));\nCREATE TABLE users (id integer PRIMARY KEY, email text);",
      path: "internal/db/migrations/20240331222006_oauth_provider.sql",
      code: "-- +goose Up\nDROP INDEX app.email_unique_idx;\n-- +goose Down\nCREATE UNIQUE INDEX IF NOT EXISTS email_unique_idx ON users USING btree (lower(email));\n",
      lines: [2],
    },
    {
      framework: "sql",
      name: "the up drops a column, the down forgets it",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, fax text);",
      path: "migrations/000040_drop_fax.up.sql",
      code: "ALTER TABLE users ADD COLUMN fax_number text;\nALTER TABLE users DROP COLUMN fax;",
      files: { "migrations/000040_drop_fax.down.sql": "ALTER TABLE users DROP COLUMN fax_number;" },
      lines: [2],
    },
    {
      framework: "sql",
      name: "a rename that is not reversed",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, mail text);",
      path: "db/migrations/00041_rename.sql",
      code: "-- +goose Up\nALTER TABLE users RENAME COLUMN mail TO email;\nALTER TABLE users ADD COLUMN verified boolean;\n-- +goose Down\nALTER TABLE users DROP COLUMN verified;\n",
      lines: [2],
    },
    {
      framework: "sql",
      name: "the up drops a collation and the down does not recreate it",
      schema: "CREATE COLLATION case_insensitive FROM \"C\";\nCREATE TABLE users (id bigint PRIMARY KEY);",
      path: "migrations/000045_drop_collation.up.sql",
      code: "DROP COLLATION case_insensitive;\nALTER TABLE users ADD COLUMN bio text;",
      files: { "migrations/000045_drop_collation.down.sql": "ALTER TABLE users DROP COLUMN bio;" },
      lines: [1],
    },
  ],
  valid: [
    {
      framework: "sql",
      name: "the up renames a foreign key (dropped, added under PostgreSQL's name for its renamed table); the down adds the same key (table, columns, referenced table and columns, ON DELETE) back under the new name: restored, by definition",
      path: "migrations/000003_key_names.up.sql",
      files: {
        "migrations/000001_init.up.sql": "CREATE TABLE users (id integer PRIMARY KEY);\nCREATE TABLE email_notification (id integer PRIMARY KEY, user_id integer, CONSTRAINT email_notification_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE);\n",
        "migrations/000002_rename.up.sql": "ALTER TABLE email_notification RENAME TO email_notifications;\n",
        "migrations/000003_key_names.down.sql": "ALTER TABLE email_notifications DROP CONSTRAINT email_notifications_user_id_fkey;\nALTER TABLE email_notifications ADD CONSTRAINT email_notifications_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;\n",
      },
      code: "ALTER TABLE email_notifications DROP CONSTRAINT email_notification_user_id_fkey;\nALTER TABLE email_notifications ADD CONSTRAINT email_notifications_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;\n",
    },
    {
      framework: "sql",
      name: "the up drops a schema-qualified index, the down builds it again unqualified on its table in that schema: the same index (thunderdome's email_unique_idx)",
      path: "internal/db/migrations/20240331222006_oauth_provider.sql",
      code: "-- +goose Up\nDROP INDEX app.email_unique_idx;\n-- +goose Down\nCREATE UNIQUE INDEX IF NOT EXISTS email_unique_idx ON app.users USING btree (lower((email)::text));\n",
    },
    {
      framework: "sql",
      name: "the down re-adds what the up dropped",
      path: "migrations/000042_drop_fax.up.sql",
      code: "ALTER TABLE users DROP COLUMN fax;",
      files: { "migrations/000042_drop_fax.down.sql": "ALTER TABLE users ADD COLUMN fax text;" },
    },
    {
      framework: "sql",
      name: "a rename reversed by the down",
      path: "migrations/000043_rename.up.sql",
      code: "ALTER TABLE users RENAME COLUMN mail TO email;",
      files: { "migrations/000043_rename.down.sql": "ALTER TABLE users RENAME COLUMN email TO mail;" },
    },
    {
      framework: "sql",
      name: "an object kind the model does not track (a text search configuration) is not guessed at",
      path: "migrations/000046_drop_tsconfig.up.sql",
      code: "DROP TEXT SEARCH CONFIGURATION english_unaccent;",
      files: { "migrations/000046_drop_tsconfig.down.sql": "CREATE TEXT SEARCH CONFIGURATION english_unaccent (COPY = english);" },
    },
    {
      framework: "sql",
      name: "the down recreates the collation the up dropped",
      path: "migrations/000044_drop_collation.up.sql",
      code: "DROP COLLATION case_insensitive;",
      files: {
        "migrations/000044_drop_collation.down.sql":
          "CREATE COLLATION IF NOT EXISTS case_insensitive (provider = icu, locale = 'und-u-ks-level2', deterministic = false);",
      },
    },
  ],
});

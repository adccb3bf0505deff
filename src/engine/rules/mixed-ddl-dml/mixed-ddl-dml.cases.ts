import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "sql",
      fixRunsAfter: "schema",
      name: "crates.io move_tokens_to_emails_table: columns added, tokens copied in with UPDATE ... FROM tokens, then DROP TABLE tokens: a move, whose copy stays with the drop of its source (split apart, tokens written between them are lost): a note on the lock held through the copy, the whole migration as the fix",
      path: "migrations/2017-09-23-182408_move_tokens_to_emails_table/up.sql",
      files: { "migrations/2017-09-23-182408_move_tokens_to_emails_table/down.sql": "CREATE TABLE tokens (id SERIAL PRIMARY KEY, email_id integer NOT NULL UNIQUE REFERENCES emails (id), token text NOT NULL, created_at timestamp NOT NULL DEFAULT now());\nINSERT INTO tokens (email_id, token, created_at) SELECT id, token, token_generated_at FROM emails WHERE token_generated_at IS NOT NULL;\nALTER TABLE emails DROP COLUMN token;\nALTER TABLE emails DROP COLUMN token_generated_at;\n" },
      schema: "CREATE TABLE emails (id integer PRIMARY KEY, email text);\nCREATE TABLE tokens (id serial PRIMARY KEY, email_id integer NOT NULL UNIQUE REFERENCES emails (id), token text NOT NULL, created_at timestamp NOT NULL DEFAULT now());\nINSERT INTO emails VALUES (1, 'a@example.com');\nINSERT INTO tokens (email_id, token) VALUES (1, 't1');",
      code: "ALTER TABLE emails ADD COLUMN token TEXT NOT NULL DEFAULT md5(random()::text);\nALTER TABLE emails ADD COLUMN token_generated_at TIMESTAMP;\nUPDATE emails SET token = tokens.token, token_generated_at = tokens.created_at\n  FROM tokens WHERE tokens.email_id = emails.id;\nDROP TABLE tokens;\n",
      lines: [3],
      severities: ["info"],
      messages: ["This data change copies values out of tokens, which line 5 then drops: a move, whose copy and drop belong in one transaction, as written. Split apart, or the copy run in batches, rows the running code writes to tokens in between are lost with it. Kept as written, emails stays locked (the ACCESS EXCLUSIVE lock of line 1) until the copy has written its rows, as long as that takes."],
      afterFix: { query: "SELECT id, token FROM emails", rows: [{ id: 1, token: "t1" }] },
    },
    {
      framework: "sql",
      fixRunsAfter: "schema",
      name: "the same move with an index built between the copy and the drop: the drop of its source is still what the copy prepares, so no split puts a migration between them (a note, as above)",
      path: "migrations/2017-09-23-210614_move_readme_rendering_onto_versions/up.sql",
      schema: "CREATE TABLE versions (id integer PRIMARY KEY);\nCREATE TABLE readme_rendering (version_id integer PRIMARY KEY, rendered_at timestamp);",
      code: "ALTER TABLE versions ADD COLUMN readme_rendered_at TIMESTAMP;\nUPDATE versions SET readme_rendered_at = readme_rendering.rendered_at\n  FROM readme_rendering WHERE readme_rendering.version_id = versions.id;\nCREATE INDEX versions_readme_rendered_at ON versions (readme_rendered_at);\nDROP TABLE readme_rendering;\n",
      lines: [2],
      severities: ["info"],
      messages: ["This data change copies values out of readme_rendering, which line 5 then drops: a move"],
    },
    {
      framework: "sql",
      fixRunsAfter: "schema",
      name: "the move outside a transaction (goose NO TRANSACTION): nothing keeps it atomic anyway; the split keeps the drop of its source with the copy, in the moved migration, never in a third",
      path: "db/migrations/00060_move.sql",
      schema: "CREATE TABLE versions (id integer PRIMARY KEY);\nCREATE TABLE readme_rendering (version_id integer PRIMARY KEY, rendered_at timestamp);",
      code: "-- +goose NO TRANSACTION\n-- +goose Up\nALTER TABLE versions ADD COLUMN readme_rendered_at TIMESTAMP;\nUPDATE versions SET readme_rendered_at = readme_rendering.rendered_at\n  FROM readme_rendering WHERE readme_rendering.version_id = versions.id;\nCREATE INDEX versions_readme_rendered_at ON versions (readme_rendered_at);\nDROP TABLE readme_rendering;\n",
      lines: [4],
      severities: ["info"],
      messages: ["outside a transaction"],
    },
    {
      framework: "sql",
      name: "an UPDATE of a DEFERRABLE INITIALLY DEFERRED foreign key, then a DROP COLUMN of the same table in the transaction: the migration fails on pending trigger events; the fix runs the queued checks just before the drop, in place",
      path: "db/migrations/000002_buyer.up.sql",
      schema: "CREATE TABLE customers (id integer PRIMARY KEY);\nCREATE TABLE orders (id integer PRIMARY KEY, customer_id integer, buyer_id integer);\nINSERT INTO customers VALUES (1);\nINSERT INTO orders VALUES (1, 1, NULL);",
      code: "BEGIN;\nALTER TABLE orders ADD CONSTRAINT orders_buyer_id_fkey FOREIGN KEY (buyer_id) REFERENCES customers DEFERRABLE INITIALLY DEFERRED;\nUPDATE orders SET buyer_id = customer_id;\nALTER TABLE orders DROP COLUMN customer_id;\nCOMMIT;\n",
      lines: [3],
      severities: ["error"],
      messages: ["This migration fails: this data change gives orders.buyer_id new values"],
      fixes: [
        "-- just before line 4: the foreign key checks the data change queued run here, as at the commit, so the drop column of orders finds none pending\nSET CONSTRAINTS ALL IMMEDIATE;",
      ],
    },
    {
      framework: "sql",
      name: "a data change that applies again when run again (total_minutes = total_minutes * 60) moves into its own migration run right after the schema change, before the new code, never after the deploy: the new code's rows would be multiplied again",
      path: "db/migrations/000002_minutes.up.sql",
      files: { "db/migrations/000002_minutes.down.sql": "UPDATE invoices SET total_minutes = total_minutes / 60;\nALTER TABLE invoices RENAME COLUMN total_minutes TO total_hours;\n" },
      schema: "CREATE TABLE invoices (id integer PRIMARY KEY, total_hours integer);\nINSERT INTO invoices VALUES (1, 2);",
      code: "ALTER TABLE invoices RENAME COLUMN total_hours TO total_minutes;\nUPDATE invoices SET total_minutes = total_minutes * 60;\n",
      lines: [2],
      fixRunsAfter: "schema",
      fixes: [
        [
          "-- migration 1, db/migrations/000002_minutes.up.sql as it becomes: without the data change",
          "ALTER TABLE invoices RENAME COLUMN total_hours TO total_minutes;",
          "-- db/migrations/000002_minutes.down.sql undoes the whole migration as written: keep in it what undoes migration 1, and give each new migration a down of its own with the statements that undo it (a rollback runs the newest migration's down first)",
          "",
          "-- migration 2, new file db/migrations/000003_backfill_invoices.up.sql: the data change, right after migration 1, in the same deploy, before the new code starts: running it again changes the data again (total_minutes = total_minutes * 60), and once the new code is live it writes such rows itself, which this step would then change a second time (rollback does not bring the old values back: keep a copy first if they may be needed; on a large table, in batches)",
          "UPDATE invoices SET total_minutes = total_minutes * 60;",
        ].join("\n"),
      ],
      afterFix: { query: "SELECT total_minutes FROM invoices", rows: [{ total_minutes: 120 }] },
    },
    {
      framework: "sql",
      name: "an UPDATE whose WHERE reads a column it sets (unit) finds nothing left to change when run again: moved after the deploy as usual",
      path: "db/migrations/000002_unit.up.sql",
      files: { "db/migrations/000002_unit.down.sql": "ALTER TABLE invoices DROP COLUMN unit;\n" },
      schema: "CREATE TABLE invoices (id integer PRIMARY KEY, total_minutes integer);\nINSERT INTO invoices VALUES (1, 2);",
      code: "ALTER TABLE invoices ADD COLUMN unit text;\nUPDATE invoices SET total_minutes = total_minutes * 60, unit = 'min' WHERE unit IS DISTINCT FROM 'min';\n",
      lines: [2],
      fixRunsAfter: "schema",
      fixes: [
        [
          "-- migration 1, db/migrations/000002_unit.up.sql as it becomes: without the data change",
          "ALTER TABLE invoices ADD COLUMN unit text;",
          "-- db/migrations/000002_unit.down.sql undoes the whole migration as written: keep in it what undoes migration 1, and give each new migration a down of its own with the statements that undo it (a rollback runs the newest migration's down first)",
          "",
          "-- migration 2, new file db/migrations/000003_backfill_invoices.up.sql: the data change, once migration 1 is deployed (rollback does not bring the old values back: keep a copy first if they may be needed; on a large table, in batches)",
          "UPDATE invoices SET total_minutes = total_minutes * 60, unit = 'min' WHERE unit IS DISTINCT FROM 'min';",
        ].join("\n"),
      ],
    },
    {
      framework: "sql",
      fixRunsAfter: "schema",
      name: "the same constant backfill on PostgreSQL 10, where ADD COLUMN ... DEFAULT rewrites the table itself: the keep-together note stays",
      path: "migrations/000016_field_position.up.sql",
      config: { postgres_version: 10 },
      schema: "CREATE TABLE field (id bigint PRIMARY KEY);",
      code: "ALTER TABLE field ADD COLUMN position integer;\nUPDATE field SET position = 0;\nALTER TABLE field ALTER COLUMN position SET NOT NULL;\n",
      lines: [2],
      severities: ["info"],
    },
    {
      framework: "sql",
      fixRunsAfter: "schema",
      name: "teable's field_order on PostgreSQL 10 (postgres_version: 10), where ADD COLUMN ... NOT NULL DEFAULT 0 would write every row itself: no constant-default fix (nor its PostgreSQL 11+ words); the backfill is kept with the NOT NULL that needs it, a note",
      path: "prisma/migrations/20240409081450_field_order/migration.sql",
      config: { postgres_version: 10 },
      schema: "CREATE TABLE field (id text PRIMARY KEY, name text);\nINSERT INTO field VALUES ('a', 'x'), ('b', 'y');",
      code: "BEGIN;\nALTER TABLE field ADD COLUMN \"order\" DOUBLE PRECISION;\nUPDATE field SET \"order\" = 0 WHERE \"order\" IS NULL;\nALTER TABLE field ALTER COLUMN \"order\" SET NOT NULL;\nCOMMIT;\n",
      lines: [3],
      severities: ["info"],
      messages: ["This backfill of field.order runs in one transaction with what needs it to cover every row"],
      fixes: ["-- keep the backfill of field.order and the statements after it in this migration, in one transaction, as written (the whole migration):\n-- line 4 makes order NOT NULL: it needs every row filled.\n-- Split into migrations, rows the running code writes after the backfill get no order (that code does not know\n-- the column), and line 4 then fails on them or loses their values.\n-- On a table too large to lock for the backfill, split only with every write covered until the swap: a trigger on field\n-- that sets order on INSERT and UPDATE as the backfill does, created before the backfill and dropped with the swap.\nALTER TABLE field ADD COLUMN \"order\" DOUBLE PRECISION;\nUPDATE field SET \"order\" = 0 WHERE \"order\" IS NULL;\nALTER TABLE field ALTER COLUMN \"order\" SET NOT NULL;"],
    },
    {
      framework: "sql",
      fixRunsAfter: "schema",
      name: "teable's field_order (Prisma): a column added, every row set to one constant, then made NOT NULL: a warning whose fix adds it NOT NULL DEFAULT 0 and drops the default again (the column had none), the UPDATE and SET NOT NULL gone",
      path: "prisma/migrations/20240409081450_field_order/migration.sql",
      schema: "CREATE TABLE field (id text PRIMARY KEY, name text);\nINSERT INTO field VALUES ('a', 'x'), ('b', 'y');",
      code: `-- AlterTable
BEGIN;

-- Step 1: Add the column, allowing NULL values temporarily
ALTER TABLE "field"
ADD COLUMN "order" DOUBLE PRECISION;

-- Step 2: Set a default value for existing rows
UPDATE "field"
SET "order" = 0
WHERE "order" IS NULL;

-- Step 3: Change the column to NOT NULL now that all rows have a value
ALTER TABLE "field"
ALTER COLUMN "order" SET NOT NULL;

COMMIT;
`,
      lines: [9],
      severities: ["warning"],
      messages: [
        "the UPDATE rewrites every row of field under the ACCESS EXCLUSIVE lock of line 5, and the NOT NULL then scans them all, while every query on the table waits. A constant default does the same work without a rewrite: ADD COLUMN ... NOT NULL DEFAULT 0 (PostgreSQL 11+)",
      ],
      fixes: [
        `-- field.order: added NOT NULL with the backfill's constant as its default, which gives every row the value without a
-- rewrite and the NOT NULL without a scan (PostgreSQL 11+); the UPDATE and the separate NOT NULL go (the whole migration):
ALTER TABLE field ADD COLUMN "order" double precision NOT NULL DEFAULT 0;
-- order had no default as written: dropped again, so the table ends as the migration left it (delete this line to keep it, if code that does not set order inserts rows)
ALTER TABLE field ALTER COLUMN "order" DROP DEFAULT;`,
      ],
      afterFix: {
        query: `SELECT f.id, f."order", c.is_nullable, c.column_default FROM field f, information_schema.columns c WHERE c.table_name = 'field' AND c.column_name = 'order' ORDER BY f.id`,
        rows: [
          { id: "a", order: 0, is_nullable: "NO", column_default: null },
          { id: "b", order: 0, is_nullable: "NO", column_default: null },
        ],
      },
    },
    {
      framework: "sql",
      fixRunsAfter: "schema",
      name: "golang-migrate: a later migration sets NOT NULL on the column the data change fills, but the version right after this one, 000042, is that migration's: the data change's file takes none a migration holds (000043), and the fix says it then runs after the NOT NULL",
      path: "migrations/000041_posts_slug.up.sql",
      schema: "CREATE TABLE posts (id bigint PRIMARY KEY, title text, slug text);",
      files: {
        "migrations/000040_posts.up.sql": "CREATE TABLE posts (id bigint PRIMARY KEY, title text, slug text);\n",
        "migrations/000042_posts_slug_not_null.up.sql": "ALTER TABLE posts ALTER COLUMN slug SET NOT NULL;\n",
      },
      code: "ALTER TABLE posts ADD COLUMN note text;\nUPDATE posts SET slug = lower(title);\n",
      lines: [2],
      fixes: [
        [
          "-- migration 1, migrations/000041_posts_slug.up.sql as it becomes: without the data change",
          "ALTER TABLE posts ADD COLUMN note text;",
          "",
          "-- migration 2, new file migrations/000043_backfill_posts.up.sql: the data change, right after migration 1, before migrations/000042_posts_slug_not_null.up.sql, which needs it (line 1 sets NOT NULL on posts.slug, which it fills) (rollback does not bring the old values back: keep a copy first if they may be needed; on a large table, in batches)",
          "UPDATE posts SET slug = lower(title);",
          "",
          "-- no version between migrations/000041_posts_slug.up.sql and migrations/000042_posts_slug_not_null.up.sql is free (each is a migration's already), so migrations/000043_backfill_posts.up.sql runs after migrations/000042_posts_slug_not_null.up.sql, which needs the data change first: keep the data change in migrations/000041_posts_slug.up.sql as written, unless none of them has run anywhere yet and you renumber it after the new file.",
        ].join("\n"),
      ],
    },
    {
      framework: "sql",
      fixRunsAfter: "schema",
      name: "two columns of one ALTER TABLE set to constant expressions by one UPDATE with no WHERE, made NOT NULL by one statement that also adds an index's constraint: the ALTER keeps its other work, the NOT NULLs go",
      path: "migrations/000012_tasks_flags.up.sql",
      schema: "CREATE TABLE tasks (id bigint PRIMARY KEY);\nINSERT INTO tasks VALUES (1), (2);",
      code: `ALTER TABLE tasks ADD COLUMN tags text[], ADD COLUMN meta jsonb, ADD COLUMN note text;
UPDATE tasks SET tags = ARRAY[]::text[], meta = '{}'::jsonb;
ALTER TABLE tasks ALTER COLUMN tags SET NOT NULL, ALTER COLUMN meta SET NOT NULL, ADD CONSTRAINT tasks_note_check CHECK (note <> '');
`,
      lines: [2],
      severities: ["warning"],
      fixes: [
        `-- tasks.tags, tasks.meta: added NOT NULL with the backfill's constant as its default, which gives every row the value without a
-- rewrite and the NOT NULL without a scan (PostgreSQL 11+); the UPDATE and the separate NOT NULL go (the whole migration):
ALTER TABLE tasks ADD COLUMN tags text[] NOT NULL DEFAULT CAST(ARRAY[] AS text[]), ADD COLUMN meta jsonb NOT NULL DEFAULT '{}'::jsonb, ADD COLUMN note text;
-- tags had no default as written: dropped again, so the table ends as the migration left it (delete this line to keep it, if code that does not set tags inserts rows)
ALTER TABLE tasks ALTER COLUMN tags DROP DEFAULT;
-- meta had no default as written: dropped again, so the table ends as the migration left it (delete this line to keep it, if code that does not set meta inserts rows)
ALTER TABLE tasks ALTER COLUMN meta DROP DEFAULT;
ALTER TABLE tasks ADD CONSTRAINT tasks_note_check CHECK (note <> '');`,
      ],
      afterFix: { query: "SELECT id, tags, meta FROM tasks ORDER BY id", rows: [{ id: 1, tags: [], meta: {} }, { id: 2, tags: [], meta: {} }] },
    },
    {
      framework: "sql",
      fixRunsAfter: "schema",
      name: "the same shape in a goose file: the fix is the file with its annotations, the ADD COLUMN given its default in place",
      path: "db/migrations/00052_field_order.sql",
      schema: "CREATE TABLE field (id bigint PRIMARY KEY);\nINSERT INTO field VALUES (1);",
      code: `-- +goose Up
ALTER TABLE field ADD COLUMN position integer;
UPDATE field SET position = 1;
ALTER TABLE field ALTER COLUMN position SET NOT NULL;

-- +goose Down
ALTER TABLE field DROP COLUMN position;
`,
      lines: [3],
      severities: ["warning"],
      fixes: [
        `-- field.position: added NOT NULL with the backfill's constant as its default, which gives every row the value without a
-- rewrite and the NOT NULL without a scan (PostgreSQL 11+); the UPDATE and the separate NOT NULL go (the whole migration):
-- +goose Up
ALTER TABLE field ADD COLUMN "position" int NOT NULL DEFAULT 1;
-- position had no default as written: dropped again, so the table ends as the migration left it (delete this line to keep it, if code that does not set position inserts rows)
ALTER TABLE field ALTER COLUMN "position" DROP DEFAULT;

-- +goose Down
ALTER TABLE field DROP COLUMN position;`,
      ],
      afterFix: { query: "SELECT id, position FROM field", rows: [{ id: 1, position: 1 }] },
    },
    {
      framework: "sql",
      fixRunsAfter: "schema",
      name: "the backfill copies another column, then NOT NULL: no constant stands in for it, the keep-together note stays",
      path: "migrations/000013_field_rank.up.sql",
      schema: "CREATE TABLE field (id bigint PRIMARY KEY, pos integer);",
      code: "ALTER TABLE field ADD COLUMN rank integer;\nUPDATE field SET rank = pos;\nALTER TABLE field ALTER COLUMN rank SET NOT NULL;\n",
      lines: [2],
      severities: ["info"],
      messages: ["This backfill of field.rank runs in one transaction with what needs it to cover every row"],
    },
    {
      framework: "sql",
      fixRunsAfter: "schema",
      name: "the backfill calls a volatile function (one value per row), then NOT NULL: the keep-together note stays",
      path: "migrations/000014_field_token.up.sql",
      schema: "CREATE TABLE field (id bigint PRIMARY KEY);",
      code: "ALTER TABLE field ADD COLUMN token uuid;\nUPDATE field SET token = gen_random_uuid();\nALTER TABLE field ALTER COLUMN token SET NOT NULL;\n",
      lines: [2],
      severities: ["info"],
    },
    {
      framework: "sql",
      fixRunsAfter: "schema",
      name: "a constant, but now() (the transaction's time, not a literal), then NOT NULL: the keep-together note stays",
      path: "migrations/000015_field_seen.up.sql",
      schema: "CREATE TABLE field (id bigint PRIMARY KEY);",
      code: "ALTER TABLE field ADD COLUMN seen_at timestamptz;\nUPDATE field SET seen_at = now();\nALTER TABLE field ALTER COLUMN seen_at SET NOT NULL;\n",
      lines: [2],
      severities: ["info"],
    },
    {
      framework: "sql",
      fixRunsAfter: "schema",
      name: "a column added to a table PRIMARY KEY (id) and CHECK (id = 1) keep to one row, then set on that row: a note",
      path: "migrations/000002_settings_theme.up.sql",
      files: { "migrations/000001_settings.up.sql": "CREATE TABLE settings (id integer PRIMARY KEY CHECK (id = 1), key text);\n" },
      schema: "CREATE TABLE settings (id integer PRIMARY KEY CHECK (id = 1), key text);",
      code: "ALTER TABLE settings ADD COLUMN theme text;\nUPDATE settings SET theme = 'light';\n",
      lines: [2],
      severities: ["info"],
      messages: ["settings holds at most one row (its primary key id is pinned to one value by CHECK settings_id_check (`id = 1`)"],
    },
    {
      framework: "sql",
      fixRunsAfter: "schema",
      name: "the same one-row table set from a count of another table: the UPDATE lasts as long as that scan, under the lock: the finding stays",
      path: "migrations/000002_settings_theme.up.sql",
      files: { "migrations/000001_settings.up.sql": "CREATE TABLE settings (id integer PRIMARY KEY CHECK (id = 1), key text);\n" },
      schema: "CREATE TABLE settings (id integer PRIMARY KEY CHECK (id = 1), key text);\nCREATE TABLE users (id bigint PRIMARY KEY);",
      code: "ALTER TABLE settings ADD COLUMN user_count bigint;\nUPDATE settings SET user_count = (SELECT count(*) FROM users);\n",
      lines: [2],
      severities: ["error"],
    },
    {
      framework: "sql",
      name: "a new table filled from others, but a schema change also touches an existing table: its lock is held through the data change",
      path: "db/migrations/000061_golang_migrate.up.sql",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, name text, archived boolean);",
      code: "CREATE TABLE archived_users (id bigint PRIMARY KEY, name text);\nALTER TABLE users ADD COLUMN archived_at timestamptz;\nINSERT INTO archived_users SELECT id, name FROM users WHERE archived;\nDELETE FROM users WHERE archived;\n",
      fixRunsAfter: "schema",
      lines: [4],
    },
    {
      framework: "sql",
      fixRunsAfter: "schema",
      name: "pods without a host deleted, then host made NOT NULL (the delete prepares it), then an index, in the runner's transaction: a note whose fix is the whole migration (the index after the NOT NULL included), every statement once, and it runs on the schema the migration finds",
      schema: "CREATE TABLE pods (id bigint PRIMARY KEY, host text);\nINSERT INTO pods VALUES (1, 'a.example'), (2, NULL);",
      path: "migrations/000141_pods_host.up.sql",
      code: "DELETE FROM pods WHERE host IS NULL;\nALTER TABLE pods ALTER COLUMN host SET NOT NULL;\nCREATE INDEX pods_host ON pods (host);\n",
      lines: [1],
      severities: ["info"],
      fixes: [
        `-- keep the data change and the set not null it prepares in this migration, in this order and in one
-- transaction, as written (the whole migration); on a large table, take the NOT NULL as set-not-null shows (a CHECK ... NOT VALID, then VALIDATE), after the data change:
DELETE FROM pods WHERE host IS NULL;
ALTER TABLE pods ALTER COLUMN host SET NOT NULL;
CREATE INDEX pods_host ON pods (host);`,
      ],
      afterFix: { query: "SELECT id, host FROM pods", rows: [{ id: 1, host: "a.example" }] },
    },
    {
      framework: "sql",
      fixRunsAfter: "schema",
      name: "the same in a goose file: the whole migration is the file with its annotations and its down, which goose runs (its statements alone would be a file goose refuses)",
      schema: "CREATE TABLE pods (id bigint PRIMARY KEY, host text);\nINSERT INTO pods VALUES (1, 'a.example'), (2, NULL);",
      path: "db/migrations/00051_pods_host.sql",
      code: "-- +goose Up\nDELETE FROM pods WHERE host IS NULL;\nALTER TABLE pods ALTER COLUMN host SET NOT NULL;\nCREATE INDEX pods_host ON pods (host);\n\n-- +goose Down\nDROP INDEX pods_host;\nALTER TABLE pods ALTER COLUMN host DROP NOT NULL;\n",
      lines: [2],
      severities: ["info"],
      fixes: [
        `-- keep the data change and the set not null it prepares in this migration, in this order and in one
-- transaction, as written (the whole migration); on a large table, take the NOT NULL as set-not-null shows (a CHECK ... NOT VALID, then VALIDATE), after the data change:
-- +goose Up
DELETE FROM pods WHERE host IS NULL;
ALTER TABLE pods ALTER COLUMN host SET NOT NULL;
CREATE INDEX pods_host ON pods (host);

-- +goose Down
DROP INDEX pods_host;
ALTER TABLE pods ALTER COLUMN host DROP NOT NULL;`,
      ],
      afterFix: { query: "SELECT id, host FROM pods", rows: [{ id: 1, host: "a.example" }] },
    },
    {
      framework: "sql",
      fixRunsAfter: "schema",
      name: "the same in Liquibase formatted SQL: the whole migration keeps its `--liquibase formatted sql` and `--changeset` lines (and its rollbacks), without which Liquibase reads no changeset",
      schema: "CREATE TABLE pods (id bigint PRIMARY KEY, host text);\nINSERT INTO pods VALUES (1, 'a.example'), (2, NULL);",
      path: "db/changelog/003_pods_host.sql",
      code: "--liquibase formatted sql\n\n--changeset alice:3\nDELETE FROM pods WHERE host IS NULL;\nALTER TABLE pods ALTER COLUMN host SET NOT NULL;\nCREATE INDEX pods_host ON pods (host);\n--rollback DROP INDEX pods_host;\n--rollback ALTER TABLE pods ALTER COLUMN host DROP NOT NULL;\n",
      lines: [4],
      severities: ["info"],
      fixes: [
        `-- keep the data change and the set not null it prepares in this migration, in this order and in one
-- transaction, as written (the whole migration); on a large table, take the NOT NULL as set-not-null shows (a CHECK ... NOT VALID, then VALIDATE), after the data change:
--liquibase formatted sql

--changeset alice:3
DELETE FROM pods WHERE host IS NULL;
ALTER TABLE pods ALTER COLUMN host SET NOT NULL;
CREATE INDEX pods_host ON pods (host);
--rollback DROP INDEX pods_host;
--rollback ALTER TABLE pods ALTER COLUMN host DROP NOT NULL;`,
      ],
      afterFix: { query: "SELECT id, host FROM pods", rows: [{ id: 1, host: "a.example" }] },
    },
    {
      framework: "sql",
      fixRunsAfter: "schema",
      name: "Flyway with `${schema}` placeholders: the whole migration prints them as written, not as the text migguard parsed in their place",
      schema: "CREATE SCHEMA app;\nCREATE TABLE app.pods (id bigint PRIMARY KEY, host text);\nINSERT INTO app.pods VALUES (1, 'a.example'), (2, NULL);",
      placeholders: { schema: "app" },
      path: "db/migration/V4__pods_host.sql",
      code: "DELETE FROM ${schema}.pods WHERE host IS NULL;\nALTER TABLE ${schema}.pods ALTER COLUMN host SET NOT NULL;\n",
      lines: [1],
      severities: ["info"],
      fixes: [
        `-- keep the data change and the set not null it prepares in this migration, in this order and in one
-- transaction, as written (the whole migration); on a large table, take the NOT NULL as set-not-null shows (a CHECK ... NOT VALID, then VALIDATE), after the data change:
DELETE FROM \${schema}.pods WHERE host IS NULL;
ALTER TABLE \${schema}.pods ALTER COLUMN host SET NOT NULL;`,
      ],
      afterFix: { query: "SELECT id, host FROM app.pods", rows: [{ id: 1, host: "a.example" }] },
    },
    {
      framework: "sql",
      fixRunsAfter: "schema",
      name: "Liquibase formatted SQL with `${schema}` placeholders, a backfill the NOT NULL after it needs: the whole migration and the names the note gives print them as written",
      schema: "CREATE SCHEMA app;\nCREATE TABLE app.pods (id bigint PRIMARY KEY);\nINSERT INTO app.pods VALUES (1);",
      placeholders: { schema: "app" },
      path: "db/changelog/005_pods_state.sql",
      code: "--liquibase formatted sql\n\n--changeset alice:5\nALTER TABLE ${schema}.pods ADD COLUMN state text;\nUPDATE ${schema}.pods SET state = 'new';\nALTER TABLE ${schema}.pods ALTER COLUMN state SET NOT NULL;\n--rollback ALTER TABLE ${schema}.pods DROP COLUMN state;\n",
      lines: [5],
      messages: ["This backfill of ${schema}.pods.state runs in one transaction"],
      fixes: [
        `-- keep the backfill of \${schema}.pods.state and the statements after it in this migration, in one transaction, as written (the whole migration):
-- line 6 makes state NOT NULL: it needs every row filled.
-- Split into migrations, rows the running code writes after the backfill get no state (that code does not know
-- the column), and line 6 then fails on them or loses their values.
-- On a table too large to lock for the backfill, split only with every write covered until the swap: a trigger on \${schema}.pods
-- that sets state on INSERT and UPDATE as the backfill does, created before the backfill and dropped with the swap.
--liquibase formatted sql

--changeset alice:5
ALTER TABLE \${schema}.pods ADD COLUMN state text;
UPDATE \${schema}.pods SET state = 'new';
ALTER TABLE \${schema}.pods ALTER COLUMN state SET NOT NULL;
--rollback ALTER TABLE \${schema}.pods DROP COLUMN state;`,
      ],
      afterFix: { query: "SELECT id, state FROM app.pods", rows: [{ id: 1, state: "new" }] },
    },
    {
      framework: "sql",
      fixRunsAfter: "schema",
      name: "a DROP TABLE beside a data change that copies from it",
      schema: "CREATE TABLE events (id bigint, kind text);\nCREATE TABLE inventory_discrepancies (id bigint);",
      code: "INSERT INTO events (id, kind) SELECT id, 'discrepancy' FROM inventory_discrepancies;\nDROP TABLE inventory_discrepancies;\n",
      lines: [1],
    },
    {
      framework: "sql",
      fixRunsAfter: "schema",
      name: "a column added, backfilled, then made NOT NULL: kept in one migration, and the fix is the whole migration (the ADD COLUMN the backfill needs included), so it runs on the schema the migration finds",
      path: "migrations/000140_artifact_type.up.sql",
      schema: "CREATE TABLE artifact (id integer PRIMARY KEY, media_type text);\nINSERT INTO artifact VALUES (1, 'image');",
      code: "ALTER TABLE artifact ADD COLUMN artifact_type text;\nUPDATE artifact SET artifact_type = media_type WHERE artifact_type IS NULL;\nALTER TABLE artifact ALTER COLUMN artifact_type SET NOT NULL;\n",
      lines: [2],
      afterFix: { query: "SELECT id, artifact_type FROM artifact", rows: [{ id: 1, artifact_type: "image" }] },
    },
    { framework: "sql",
      fixRunsAfter: "schema", name: "add column and backfill in one transaction", schema: "CREATE TABLE schedule (id bigint PRIMARY KEY);", path: "db/migrations/00050_rev.sql", code: "-- +goose Up\nALTER TABLE schedule ADD COLUMN revision integer;\nUPDATE schedule SET revision = 0;\n-- +goose Down\nALTER TABLE schedule DROP COLUMN revision;\n", lines: [3] },
    {
      framework: "sql",
      fixRunsAfter: "schema",
      name: "values copied to a new column, then the old one dropped: the drop stays with the copy, in the moved migration",
      schema: "CREATE TABLE person (id bigint PRIMARY KEY, matrix_user_id text);",
      code: "ALTER TABLE person ADD COLUMN matrix_id text;\nUPDATE person SET matrix_id = matrix_user_id;\nALTER TABLE person DROP COLUMN matrix_user_id;",
      lines: [2],
    },
    {
      framework: "sql",
      fixRunsAfter: "schema",
      name: "an UPDATE of a _type column whose values name no renamed table's class: reported",
      schema: "CREATE TABLE transactions (id bigint PRIMARY KEY);\nCREATE TABLE taggings (id bigint PRIMARY KEY, taggable_type text);",
      code: "ALTER TABLE transactions RENAME TO account_transactions;\nUPDATE taggings SET taggable_type = 'Entry' WHERE taggable_type = 'Transaction';",
      lines: [2],
    },
    { framework: "sql",
      fixRunsAfter: "schema", name: "data change on another table", schema: "CREATE TABLE orders (id bigint PRIMARY KEY);\nCREATE TABLE carts (id bigint PRIMARY KEY, abandoned boolean);", code: "ALTER TABLE orders ADD COLUMN note text;\nDELETE FROM carts WHERE abandoned;", lines: [2] },
    {
      framework: "sql",
      fixRunsAfter: "schema",
      name: "a data change on another table after an ALTER, in goose's transaction: it runs while the ALTER's lock is held",
      schema: "CREATE TABLE orders (id bigint PRIMARY KEY);\nCREATE TABLE carts (id bigint PRIMARY KEY, abandoned boolean);",
      path: "db/migrations/00053_carts.sql",
      code: "-- +goose Up\nALTER TABLE orders ADD COLUMN note text;\nDELETE FROM carts WHERE abandoned;\n-- +goose Down\nALTER TABLE orders DROP COLUMN note;\n",
      lines: [3],
      messages: ["the data change runs while the locks of the schema change before it are held"],
    },
    {
      framework: "sql",
      fixRunsAfter: "schema",
      name: "the data change before the ALTER: it holds its row locks, not the ALTER's table lock",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, plan text);",
      path: "db/migrations/00051_plans.sql",
      code: "-- +goose Up\nUPDATE users SET plan = 'free' WHERE plan IS NULL;\nALTER TABLE users ADD COLUMN note text;\n-- +goose Down\nALTER TABLE users DROP COLUMN note;\n",
      lines: [2],
      messages: ["runs before the schema change of line 3, in the same transaction: the rows it writes stay locked until the commit, while the schema change then waits for its ACCESS EXCLUSIVE lock on users"],
    },
    {
      framework: "sql",
      fixRunsAfter: "schema",
      name: "a data change on another table before an ADD FOREIGN KEY: the message names the SHARE ROW EXCLUSIVE lock a foreign key takes (writes queue behind it, reads go on), not ACCESS EXCLUSIVE",
      schema: "CREATE TABLE plans (id bigint PRIMARY KEY, name text);\nCREATE TABLE users (id bigint PRIMARY KEY, plan_id bigint);",
      path: "db/migrations/00052_plan_keys.sql",
      code: "-- +goose Up\nUPDATE plans SET name = 'free' WHERE name IS NULL;\nALTER TABLE users ADD CONSTRAINT users_plan_id_fk FOREIGN KEY (plan_id) REFERENCES plans (id) NOT VALID;\n-- +goose Down\nALTER TABLE users DROP CONSTRAINT users_plan_id_fk;\n",
      lines: [2],
      messages: ["runs before the schema change of line 3, in the same transaction: the rows it writes stay locked until the commit, while the schema change then waits for its SHARE ROW EXCLUSIVE lock on users"],
    },
    {
      framework: "sql",
      fixRunsAfter: "schema",
      name: "a data change on another table before an ADD CONSTRAINT ... CHECK: a constraint other than a foreign key takes ACCESS EXCLUSIVE, and the message names it",
      schema: "CREATE TABLE plans (id bigint PRIMARY KEY, name text);\nCREATE TABLE users (id bigint PRIMARY KEY, plan text);",
      path: "db/migrations/00052_plan_check.sql",
      code: "-- +goose Up\nUPDATE plans SET name = 'free' WHERE name IS NULL;\nALTER TABLE users ADD CONSTRAINT users_plan_check CHECK (plan IS NOT NULL) NOT VALID;\n-- +goose Down\nALTER TABLE users DROP CONSTRAINT users_plan_check;\n",
      lines: [2],
      messages: ["runs before the schema change of line 3, in the same transaction: the rows it writes stay locked until the commit, while the schema change then waits for its ACCESS EXCLUSIVE lock on users"],
    },
    {
      framework: "sql",
      fixRunsAfter: "schema",
      name: "goose NO TRANSACTION: each statement commits on its own (a note, no lock held across the data change)",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, plan text);",
      path: "db/migrations/00052_plans.sql",
      code: "-- +goose NO TRANSACTION\n-- +goose Up\nALTER TABLE users ADD COLUMN note text;\nUPDATE users SET note = plan;\n-- +goose Down\nALTER TABLE users DROP COLUMN note;\n",
      lines: [4],
      severities: ["info"],
      messages: ["each statement commits on its own, so no lock outlives its statement"],
    },
    {
      framework: "sql",
      fixRunsAfter: "schema",
      name: "a column added between two backfills, which the second one fills: it moves with the data steps, in its order, so the moved statements run",
      schema: "CREATE TABLE post (id bigint PRIMARY KEY, featured boolean);",
      code: "ALTER TABLE post ADD COLUMN featured_local boolean;\nUPDATE post SET featured_local = featured;\nALTER TABLE post ADD COLUMN featured_community boolean;\nUPDATE post SET featured_community = featured;\nALTER TABLE post DROP COLUMN featured;\n",
      lines: [2],
      fixes: ["-- migration 1, db/migrations/001_case.sql as it becomes: without the data change\nALTER TABLE post ADD COLUMN featured_local boolean;\n\n-- migration 2, new file db/migrations/002_backfill_post.sql: the data change with the statements it prepares (one transaction: rows written between them would break them), once migration 1 is deployed (rolling back migration 1 drops what this fills; on a large table, in batches)\n-- until migration 2 has run, post.featured_local, post.featured_community hold only their defaults: deploy the code that reads them after migration 2, not with migration 1\nUPDATE post SET featured_local = featured;\nALTER TABLE post ADD COLUMN featured_community boolean;\nUPDATE post SET featured_community = featured;\nALTER TABLE post DROP COLUMN featured;"],
    },
    {
      framework: "sql",
      fixRunsAfter: "schema",
      name: "a SELECT over a data-modifying WITH (DELETE ... RETURNING) next to ADD COLUMN: the DELETE is a data change, not a read",
      path: "db/migrations/000061_prune_sessions.up.sql",
      schema: "CREATE TABLE sessions (id bigint PRIMARY KEY, expires_at timestamptz);",
      code: "ALTER TABLE sessions ADD COLUMN revoked_at timestamptz;\nWITH expired AS (DELETE FROM sessions WHERE expires_at < now() RETURNING id) SELECT count(*) FROM expired;\n",
      lines: [2],
    },
    {
      framework: "sql",
      fixRunsAfter: "schema",
      path: "migrations/000141_case.up.sql",
      name: "duplicates deleted, then UNIQUE on the columns they repeat (the delete only removes the rows the constraint would reject, before any lock of the migration): the keep-together note, not a split, as rows written between them would make the constraint fail",
      schema: "CREATE TABLE votes (id bigint PRIMARY KEY, voter_id bigint, votable_id bigint, note text);\nINSERT INTO votes VALUES (1, 1, 1, 'a'), (2, 1, 1, 'b'), (3, 2, 1, NULL);",
      code: "DELETE FROM votes a USING votes b WHERE a.voter_id = b.voter_id AND a.votable_id = b.votable_id AND a.id > b.id;\nALTER TABLE votes ADD CONSTRAINT votes_voter_votable UNIQUE (voter_id, votable_id);\n",
      lines: [1],
      severities: ["info"],
      messages: ["This data change prepares the schema change of line 2 (add constraint on votes)"],
      afterFix: { query: "SELECT id FROM votes ORDER BY id", rows: [{ id: 1 }, { id: 3 }] },
    },
    {
      framework: "sql",
      fixRunsAfter: "schema",
      path: "migrations/000141_case.up.sql",
      name: "every row deleted, then a NOT NULL column without a default (added only to an empty table): the delete prepares it, the keep-together note",
      schema: "CREATE TABLE imports (id bigint PRIMARY KEY, file text);\nINSERT INTO imports VALUES (1, 'a.csv');",
      code: "DELETE FROM imports;\nALTER TABLE imports ADD COLUMN state text NOT NULL;\n",
      lines: [1],
      severities: ["info"],
      messages: ["This data change prepares the schema change of line 2 (add column on imports)"],
    },
    {
      framework: "sql",
      path: "migrations/000141_case.up.sql",
      name: "an UPDATE of another column before a UNIQUE on other columns: it makes no row fit the constraint, a real data change whose finding stays",
      schema: "CREATE TABLE votes (id bigint PRIMARY KEY, voter_id bigint, votable_id bigint, note text);",
      code: "UPDATE votes SET note = lower(note);\nALTER TABLE votes ADD CONSTRAINT votes_voter_votable UNIQUE (voter_id, votable_id);\n",
      lines: [1],
      severities: ["warning"],
      messages: ["This data change runs before the schema change of line 2, in the same transaction"],
    },
  ],
  valid: [
    {
      framework: "sql",
      name: "every schema change is on a table created here, filled from a few rows of others: its locks are on a table nothing uses yet",
      path: "db/migrations/000061_golang_migrate.up.sql",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, name text, archived boolean);",
      code: "CREATE TABLE archived_users (id bigint PRIMARY KEY, name text);\nINSERT INTO archived_users SELECT id, name FROM users WHERE archived;\nCREATE INDEX archived_users_name_idx ON archived_users (name);\nDELETE FROM users WHERE archived;\n",
    },
    {
      framework: "sql",
      name: "the data change updates a table a NOT NULL column without a default proves empty: no lock is held on rows",
      path: "db/migrations/000061_golang_migrate.up.sql",
      schema: "CREATE TABLE orders (id bigint PRIMARY KEY, total integer);",
      code: "ALTER TABLE orders ADD COLUMN tenant_id integer NOT NULL;\nUPDATE orders SET tenant_id = 1;\nALTER TABLE orders ALTER COLUMN total TYPE bigint;\n",
    },
    {
      framework: "sql",
      name: "the only schema change drops a table the data change does not touch",
      schema: "CREATE TABLE events (id bigint, kind text);\nCREATE TABLE inventory_discrepancies (id bigint);",
      code: "DROP TABLE inventory_discrepancies;\nDELETE FROM events WHERE kind = 'snapshot';\n",
    },
    { framework: "sql", name: "create a lookup table and seed it", code: "CREATE TABLE roles (id int PRIMARY KEY, name text);\nINSERT INTO roles VALUES (1, 'admin'), (2, 'member');" },
    { framework: "sql", name: "data only", code: "UPDATE users SET plan = 'free' WHERE plan IS NULL;" },
    {
      framework: "sql",
      name: "a table renamed with the polymorphic type values naming its class: the UPDATE must stay in the rename's transaction",
      code: "ALTER TABLE transactions RENAME TO account_transactions;\nUPDATE taggings SET taggable_type = 'Account::Transaction' WHERE taggable_type = 'Transaction';",
    },
  ],
});

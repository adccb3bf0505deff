import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "tasking-manager 763165f937cf: SET NOT NULL, then ADD PRIMARY KEY over the column: the key's finding says the NOT NULL it needs is a scan under the same lock no NOT VALID CHECK spares here (set-not-null leaves the column to it)",
      path: "migrations/000002_pk.up.sql",
      files: { "migrations/000001_init.up.sql": "CREATE TABLE trace_scores (score_id text, project_id text);\n" },
      schema: "CREATE TABLE trace_scores (score_id text, project_id text);\nINSERT INTO trace_scores VALUES ('a', 'p');",
      code: "ALTER TABLE trace_scores ALTER COLUMN score_id SET NOT NULL;\nALTER TABLE trace_scores ADD CONSTRAINT trace_scores_pkey PRIMARY KEY (score_id);\n",
      lines: [2],
      messages: [
        "Adding PRIMARY KEY (score_id) to trace_scores builds an index while the table is locked against reads and writes; the key needs score_id NOT NULL, which line 1 sets with a scan of the whole table under the same lock (a NOT VALID CHECK cannot spare it while the key is added in this migration: the key checks for NULLs itself).",
      ],
      fixes: [
        "-- outside a transaction (CONCURRENTLY cannot run in one):\n-- golang-migrate sends the whole file as one query, which PostgreSQL runs as one implicit transaction:\n-- put the CONCURRENTLY statement alone in a migration file of its own (outside any BEGIN ... COMMIT), or\n-- set x-multi-statement=true in the database URL, so golang-migrate sends each statement on its own.\nCREATE UNIQUE INDEX CONCURRENTLY trace_scores_score_id_pkey ON trace_scores (score_id);\n\n-- then a new migration, migrations/000003_primary_key_trace_scores_pkey.up.sql:\n-- instant: the index is built already\nALTER TABLE trace_scores ADD CONSTRAINT trace_scores_pkey PRIMARY KEY USING INDEX trace_scores_score_id_pkey;",
      ],
    },
    {
      framework: "sql",
      name: "rivermigrate: the unique index is built by hand before migrating (no way out of the version's transaction), the migration keeps IF NOT EXISTS and attaches it; the /* TEMPLATE: schema */ marker stays",
      path: "riverdriver/riverpgxv5/migration/main/006_queue_name_unique.up.sql",
      schema: "CREATE TABLE river_queue (id bigint PRIMARY KEY, name text);",
      code: "ALTER TABLE /* TEMPLATE: schema */river_queue ADD CONSTRAINT river_queue_name_key UNIQUE (name);\n",
      lines: [1],
      fixes: ["-- rivermigrate runs every version in a transaction and has no way to leave it, so CONCURRENTLY cannot run in\n-- this migration. Before migrating, build the index by hand in a separate step outside any transaction\n-- (psql in autocommit), with the schema rivermigrate puts in place of /* TEMPLATE: schema */:\n--   CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS river_queue_name_key ON /* TEMPLATE: schema */river_queue (name);\n-- If that build fails it leaves an INVALID index, which IF NOT EXISTS would keep: drop it, then build again:\n--   DROP INDEX CONCURRENTLY IF EXISTS river_queue_name_key;\n-- The migration keeps the statement with IF NOT EXISTS: it finds the index built and takes no lock.\nCREATE UNIQUE INDEX IF NOT EXISTS river_queue_name_key ON /* TEMPLATE: schema */river_queue (name);\n\n-- then a new migration, riverdriver/riverpgxv5/migration/main/007_unique_river_queue_name_key.up.sql:\n-- instant: the index is built already\nALTER TABLE /* TEMPLATE: schema */river_queue ADD CONSTRAINT river_queue_name_key UNIQUE USING INDEX river_queue_name_key;"],
    },
    {
      framework: "sql",
      name: "ADD COLUMN ... UNIQUE among other ADD COLUMNs: the fix keeps the other columns, and this one's type and NOT NULL",
      schema: "CREATE TABLE users (user_id bigint PRIMARY KEY, email text);\nINSERT INTO users VALUES (1, 'a@x');",
      code: "ALTER TABLE users\n    ADD COLUMN encrypted_email BYTEA,\n    ADD COLUMN email_decryption_nonce BYTEA,\n    ADD COLUMN email_hash TEXT UNIQUE DEFAULT NULL;",
      lines: [1],
    },
    {
      framework: "sql",
      name: "Prisma: a UNIQUE constraint DEFERRABLE INITIALLY DEFERRED (positions shifted by one UPDATE): the attach keeps its timing, checked at commit as before",
      path: "prisma/migrations/20250822044741_order_index_unique_constraint/migration.sql",
      schema: 'CREATE TABLE "TeamRequest" (id text PRIMARY KEY, "teamID" text NOT NULL, "collectionID" text NOT NULL, "orderIndex" integer NOT NULL);',
      code: 'ALTER TABLE "TeamRequest"\nADD CONSTRAINT "TeamRequest_teamID_collectionID_orderIndex_key"\n  UNIQUE ("teamID", "collectionID", "orderIndex")\n  DEFERRABLE INITIALLY DEFERRED;\n',
      lines: [1],
      afterFix: {
        query: "SELECT conname, condeferrable, condeferred FROM pg_constraint WHERE contype = 'u' AND connamespace = 'public'::regnamespace",
        rows: [{ conname: "TeamRequest_teamID_collectionID_orderIndex_key", condeferrable: true, condeferred: true }],
      },
    },
    {
      framework: "sql",
      name: "a UNIQUE constraint with INCLUDE, NULLS NOT DISTINCT and a fillfactor, DEFERRABLE: the concurrent build keeps the index clauses, the attach the timing",
      schema: "CREATE TABLE seats (id bigint PRIMARY KEY, hall bigint, seat integer, label text);",
      code: "ALTER TABLE seats ADD CONSTRAINT seats_hall_seat_key UNIQUE NULLS NOT DISTINCT (hall, seat) INCLUDE (label) WITH (fillfactor = 70) DEFERRABLE;",
      lines: [1],
      afterFix: {
        query: "SELECT c.conname, c.condeferrable, c.condeferred, i.indnullsnotdistinct, i.indnatts, i.indnkeyatts, x.reloptions FROM pg_constraint c JOIN pg_index i ON i.indexrelid = c.conindid JOIN pg_class x ON x.oid = c.conindid WHERE c.contype = 'u' AND c.connamespace = 'public'::regnamespace",
        rows: [{ conname: "seats_hall_seat_key", condeferrable: true, condeferred: false, indnullsnotdistinct: true, indnatts: 3, indnkeyatts: 2, reloptions: ["fillfactor=70"] }],
      },
    },
    {
      framework: "sql",
      name: "a new primary key DEFERRABLE INITIALLY DEFERRED in the statement that drops the old one: the attach keeps both the other changes and the timing",
      schema: "CREATE TABLE tickets (id serial PRIMARY KEY, code uuid NOT NULL);",
      code: "ALTER TABLE tickets\n    DROP CONSTRAINT tickets_pkey,\n    ADD PRIMARY KEY (code) DEFERRABLE INITIALLY DEFERRED;",
      lines: [1],
      afterFix: {
        query: "SELECT conname, condeferrable, condeferred FROM pg_constraint WHERE contype = 'p' AND connamespace = 'public'::regnamespace",
        rows: [{ conname: "tickets_code_pkey", condeferrable: true, condeferred: true }],
      },
    },
    {
      framework: "sql",
      name: "Prisma's primary key dropped and added again in one statement (a quoted, mixed-case table): the attach names the index as it was built, quoted",
      path: "prisma/migrations/20220424064155_changed_various_ids/migration.sql",
      schema: 'CREATE TABLE "Access" ("id" TEXT NOT NULL, "userId" TEXT NOT NULL, CONSTRAINT "Access_pkey" PRIMARY KEY ("id", "userId"));\nINSERT INTO "Access" VALUES (\'a\', \'u\');',
      code: '-- AlterTable\nALTER TABLE "Access" DROP CONSTRAINT "Access_pkey",\nADD CONSTRAINT "Access_pkey" PRIMARY KEY ("id");\n',
      lines: [2],
      afterFix: {
        query: "SELECT conname, (SELECT string_agg(a.attname, ',') FROM pg_attribute a WHERE a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)) AS columns FROM pg_constraint c WHERE contype = 'p' AND connamespace = 'public'::regnamespace",
        rows: [{ conname: "Access_pkey", columns: "id" }],
      },
    },
    {
      framework: "sql",
      name: "ADD COLUMN ... UNIQUE DEFERRABLE INITIALLY DEFERRED: the column is added without the key and its clauses, the attach keeps them",
      schema: "CREATE TABLE slots (id bigint PRIMARY KEY);",
      code: "ALTER TABLE slots ADD COLUMN position integer UNIQUE DEFERRABLE INITIALLY DEFERRED;",
      lines: [1],
      afterFix: {
        query: "SELECT conname, condeferrable, condeferred FROM pg_constraint WHERE contype = 'u' AND connamespace = 'public'::regnamespace",
        rows: [{ conname: "slots_position_key", condeferrable: true, condeferred: true }],
      },
    },
    { framework: "sql", name: "ADD PRIMARY KEY", schema: "CREATE TABLE queue_message (queue_name text NOT NULL, message_id bigint NOT NULL);", code: "ALTER TABLE queue_message ADD PRIMARY KEY (queue_name, message_id);", lines: [1] },
    {
      framework: "sql",
      name: "a new primary key in the statement that drops the old one: the attach keeps the statement's other changes (the old key must go first)",
      schema: "CREATE TABLE captcha_answer (id serial PRIMARY KEY, uuid uuid NOT NULL UNIQUE);",
      code: "ALTER TABLE captcha_answer\n    DROP COLUMN id,\n    ADD PRIMARY KEY (uuid),\n    DROP CONSTRAINT captcha_answer_uuid_key;",
      lines: [1],
    },
    { framework: "sql", name: "ADD CONSTRAINT UNIQUE", schema: "CREATE TABLE users (id bigint PRIMARY KEY, email text);", code: "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);", lines: [1] },
    { framework: "sql", name: "ADD COLUMN ... UNIQUE", schema: "CREATE TABLE community (id bigint PRIMARY KEY);", code: "ALTER TABLE community ADD COLUMN moderators_url varchar(255) UNIQUE;", lines: [1] },
  ],
  valid: [
    {
      framework: "sql",
      name: "the table is proven empty by a NOT NULL column added without a default just before: the unique index builds on no rows",
      schema: 'CREATE TABLE "Folder" (id text PRIMARY KEY, name text);',
      code: 'ALTER TABLE "Folder" ADD COLUMN "slug" TEXT NOT NULL;\nALTER TABLE "Folder" ADD CONSTRAINT "Folder_slug_key" UNIQUE ("slug");\n',
    },
    { framework: "sql", name: "USING INDEX built concurrently", code: "CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);\nALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;" },
    { framework: "sql", name: "new table", code: "CREATE TABLE t (a int);\nALTER TABLE t ADD PRIMARY KEY (a);" },
  ],
});

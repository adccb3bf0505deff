import { defineCases } from "../support/rule.js";

/** orders.status, nullable: a backfill of it before its NOT NULL */
const ORDERS = "CREATE TABLE orders (id bigint PRIMARY KEY, status text);\n";

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "a backfill WHERE status != 'closed' leaves the NULL rows NULL (three-valued logic): the SET NOT NULL fails on them, an error whose fix takes them too",
      path: "migrations/002_status.sql",
      schema: ORDERS,
      files: { "migrations/001_init.sql": ORDERS },
      code: "UPDATE orders SET status = 'open' WHERE status != 'closed';\nALTER TABLE orders ALTER COLUMN status SET NOT NULL;\n",
      fixRunsAfter: "schema",
      lines: [2],
      severities: ["error"],
      messages: ["leaves out the rows where status is NULL"],
      fixes: ["-- the backfill of line 1, taking the rows NULL in status too (or compare with IS DISTINCT FROM):\nUPDATE orders SET status = 'open' WHERE status <> 'closed'\n  OR status IS NULL;"],
    },
    {
      framework: "sql",
      name: "NOT IN beside another condition: the fix widens only the NOT IN",
      path: "migrations/002_status.sql",
      schema: ORDERS,
      files: { "migrations/001_init.sql": ORDERS },
      code: "UPDATE orders SET status = 'open' WHERE status NOT IN ('closed', 'void') AND id > 0;\nALTER TABLE orders ALTER COLUMN status SET NOT NULL;\n",
      fixRunsAfter: "schema",
      lines: [2],
      severities: ["error"],
      fixes: ["-- the backfill of line 1, taking the rows NULL in status too (or compare with IS DISTINCT FROM):\nUPDATE orders SET status = 'open' WHERE (status NOT IN ('closed', 'void')\n  OR status IS NULL)\n  AND id > 0;"],
    },
    {
      framework: "sql",
      name: "the backfill in the previous migration, the NOT NULL in this one: the same failure",
      path: "migrations/003_status.sql",
      schema: ORDERS,
      files: { "migrations/001_init.sql": ORDERS, "migrations/002_backfill.sql": "UPDATE orders SET status = 'open' WHERE status <> 'closed';\n" },
      code: "ALTER TABLE orders ALTER COLUMN status SET NOT NULL;\n",
      fixRunsAfter: "schema",
      lines: [1],
      severities: ["error"],
      messages: ["The backfill of orders.status (migrations/002_backfill.sql, line 1) leaves out the rows where status is NULL"],
    },
    {
      framework: "sql",
      name: "WHERE status IS NULL OR status != 'closed' takes the NULL rows: only the lock finding",
      path: "migrations/002_status.sql",
      schema: ORDERS,
      files: { "migrations/001_init.sql": ORDERS },
      code: "UPDATE orders SET status = 'open' WHERE status IS NULL OR status != 'closed';\nALTER TABLE orders ALTER COLUMN status SET NOT NULL;\n",
      lines: [2],
      messages: ["SET NOT NULL on orders.status scans the whole table under an ACCESS EXCLUSIVE lock."],
    },
    {
      framework: "sql",
      name: "WHERE status IS DISTINCT FROM 'closed' takes the NULL rows: only the lock finding",
      path: "migrations/002_status.sql",
      schema: ORDERS,
      files: { "migrations/001_init.sql": ORDERS },
      code: "UPDATE orders SET status = 'open' WHERE status IS DISTINCT FROM 'closed';\nALTER TABLE orders ALTER COLUMN status SET NOT NULL;\n",
      lines: [2],
      messages: ["SET NOT NULL on orders.status scans the whole table under an ACCESS EXCLUSIVE lock."],
    },
    {
      framework: "sql",
      name: "SET NOT NULL after a RENAME COLUMN of the same transaction: the scan adds no lock but keeps the RENAME's ACCESS EXCLUSIVE held for its whole duration",
      files: { "db/migrations/000_accounts.sql": "CREATE TABLE accounts (id bigint PRIMARY KEY, mail text);\n" },
      schema: "CREATE TABLE accounts (id bigint PRIMARY KEY, mail text);",
      code: "BEGIN;\nALTER TABLE accounts RENAME COLUMN mail TO email;\nALTER TABLE accounts ALTER COLUMN email SET NOT NULL;\nCOMMIT;\n",
      lines: [3],
      severities: ["error"],
      messages: ["SET NOT NULL on accounts.email scans the whole table under an ACCESS EXCLUSIVE lock. Line 2's RENAME COLUMN mail already holds ACCESS EXCLUSIVE on accounts until commit, so this scan keeps that lock, and the table closed to reads and writes, for its whole duration; a CHECK added NOT VALID and validated in a later migration lets line 2 commit at once."],
    },
    {
      framework: "sql",
      name: "teable's field_order: the UPDATE's WHERE only tests the column just added for NULL, so it writes every row under the ADD COLUMN's lock: a note, whose fix points to the constant default (mixed-ddl-dml), not a NOT VALID CHECK",
      path: "prisma/migrations/20240409081450_field_order/migration.sql",
      schema: "CREATE TABLE field (id text PRIMARY KEY);\nINSERT INTO field VALUES ('a');",
      code: `BEGIN;
ALTER TABLE "field" ADD COLUMN "order" DOUBLE PRECISION;
UPDATE "field" SET "order" = 0 WHERE "order" IS NULL;
ALTER TABLE "field" ALTER COLUMN "order" SET NOT NULL;
COMMIT;
`,
      lines: [4],
      severities: ["info"],
      fixes: [
        `-- nothing to change here: the lock is held for the UPDATE of line 3; to shorten it, add the column NOT NULL with the UPDATE's constant as its default instead of the UPDATE (no rewrite, no scan) (see mixed-ddl-dml)\nALTER TABLE "field" ALTER COLUMN "order" SET NOT NULL;`,
      ],
    },
    {
      framework: "sql",
      name: "the same UPDATE with a WHERE that also tests another column: the SET NOT NULL after it succeeds only where it filled every row of the column added empty, so it wrote every row under the ADD COLUMN's lock: a note too (funnel's row-by-row backfills)",
      schema: "CREATE TABLE field (id text PRIMARY KEY, kind text);\nINSERT INTO field VALUES ('a', 'x');",
      code: `BEGIN;
ALTER TABLE field ADD COLUMN position integer;
UPDATE field SET position = 0 WHERE position IS NULL AND kind = 'x';
ALTER TABLE field ALTER COLUMN position SET NOT NULL;
COMMIT;
`,
      lines: [4],
      severities: ["info"],
    },
    {
      framework: "sql",
      name: "teable's collaborator: ADD COLUMN, an UPDATE of every row, then SET NOT NULL in one transaction: the lock is held for the UPDATE already, the scan is a fraction of it: a note, no NOT VALID CHECK (it would buy nothing)",
      schema: "CREATE TABLE collaborator (id text PRIMARY KEY, space_id text NOT NULL);\nINSERT INTO collaborator VALUES ('c1', 's1');",
      code: "BEGIN;\nALTER TABLE collaborator ADD COLUMN resource_id TEXT, ADD COLUMN resource_type TEXT;\nUPDATE collaborator SET resource_id = space_id;\nUPDATE collaborator SET resource_type = 'space';\nALTER TABLE collaborator ALTER COLUMN resource_id SET NOT NULL, ALTER COLUMN resource_type SET NOT NULL;\nCOMMIT;\n",
      lines: [5, 5],
      severities: ["info", "info"],
      messages: ["updated every row of collaborator under it (line 3)", "updated every row of collaborator under it (line 4)"],
      fixes: [
        "-- nothing to change here: the lock is held for the UPDATE of line 3; to shorten it, fill the column outside this transaction (see mixed-ddl-dml)\nALTER TABLE collaborator ALTER COLUMN resource_id SET NOT NULL, ALTER COLUMN resource_type SET NOT NULL;",
        "-- nothing to change here: the lock is held for the UPDATE of line 4; to shorten it, add the column NOT NULL with the UPDATE's constant as its default instead of the UPDATE (no rewrite, no scan) (see mixed-ddl-dml)\nALTER TABLE collaborator ALTER COLUMN resource_id SET NOT NULL, ALTER COLUMN resource_type SET NOT NULL;",
      ],
    },
    {
      framework: "sql",
      name: "an UPDATE of every row before SET NOT NULL, but no lock held yet when it ran: SET NOT NULL's ACCESS EXCLUSIVE and its scan are new, an error",
      schema: "CREATE TABLE profiles (id bigint PRIMARY KEY, email text);\nINSERT INTO profiles VALUES (1, 'a@example.com');",
      code: "BEGIN;\nUPDATE profiles SET email = lower(email);\nALTER TABLE profiles ALTER COLUMN email SET NOT NULL;\nCOMMIT;\n",
      lines: [3],
      severities: ["error"],
    },
    {
      framework: "sql",
      name: "a table an earlier migration created 5 hours before: almost surely the same deploy, so the scan reads nothing: a note",
      path: "db/migrations/20240110140000_require_status.up.sql",
      files: { "db/migrations/20240110090000_create_charges.up.sql": "CREATE TABLE charges (id bigint PRIMARY KEY, status text);\n" },
      schema: "CREATE TABLE charges (id bigint PRIMARY KEY, status text);",
      code: "SET lock_timeout = '5s';\nALTER TABLE charges ALTER COLUMN status SET NOT NULL;\n",
      lines: [2],
      severities: ["info"],
      messages: ["charges was created 5 hours earlier by 20240110090000_create_charges.up.sql"],
    },
    {
      framework: "sql",
      name: "one ALTER TABLE with two SET NOT NULL: each fix keeps the statement's other sub-command in its place",
      schema: "CREATE TABLE public_collection_tokens (id bigint PRIMARY KEY, enable_download bool DEFAULT TRUE, enable_comment bool DEFAULT FALSE);\nINSERT INTO public_collection_tokens VALUES (1, TRUE, FALSE);",
      code: "ALTER TABLE public_collection_tokens\n    ALTER COLUMN enable_download SET NOT NULL,\n    ALTER COLUMN enable_comment SET NOT NULL;",
      lines: [1, 1],
      fixes: [
        "ALTER TABLE public_collection_tokens ALTER COLUMN enable_download SET NOT NULL, ADD CONSTRAINT public_collection_tokens_enable_comment_not_null CHECK (enable_comment IS NOT NULL) NOT VALID;\n\n-- then a new migration, db/migrations/003_validate_public_collection_tokens_enable_comment_not_null.sql:\nALTER TABLE public_collection_tokens VALIDATE CONSTRAINT public_collection_tokens_enable_comment_not_null;\nALTER TABLE public_collection_tokens ALTER COLUMN enable_comment SET NOT NULL;  -- PostgreSQL 12+ reads the CHECK instead of the table\nALTER TABLE public_collection_tokens DROP CONSTRAINT public_collection_tokens_enable_comment_not_null;",
        "ALTER TABLE public_collection_tokens ADD CONSTRAINT public_collection_tokens_enable_download_not_null CHECK (enable_download IS NOT NULL) NOT VALID, ALTER COLUMN enable_comment SET NOT NULL;\n\n-- then a new migration, db/migrations/002_validate_public_collection_tokens_enable_download_not_null.sql:\nALTER TABLE public_collection_tokens VALIDATE CONSTRAINT public_collection_tokens_enable_download_not_null;\nALTER TABLE public_collection_tokens ALTER COLUMN enable_download SET NOT NULL;  -- PostgreSQL 12+ reads the CHECK instead of the table\nALTER TABLE public_collection_tokens DROP CONSTRAINT public_collection_tokens_enable_download_not_null;",
      ],
    },
    {
      framework: "sql",
      name: "rivermigrate (River's 003_river_job_tags_non_null): the fix keeps the /* TEMPLATE: schema */ marker before every river_job it repeats, so it targets River's schema, not the default one",
      path: "riverdriver/riverpgxv5/migration/main/003_river_job_tags_non_null.up.sql",
      schema: "CREATE TABLE river_job (id bigint PRIMARY KEY, tags varchar(255)[]);",
      code: "ALTER TABLE /* TEMPLATE: schema */river_job ALTER COLUMN tags SET NOT NULL;\n",
      lines: [1],
      fixes: [
        "ALTER TABLE /* TEMPLATE: schema */river_job ADD CONSTRAINT river_job_tags_not_null CHECK (tags IS NOT NULL) NOT VALID;\n\n-- then a new migration, riverdriver/riverpgxv5/migration/main/004_validate_river_job_tags_not_null.up.sql:\nALTER TABLE /* TEMPLATE: schema */river_job VALIDATE CONSTRAINT river_job_tags_not_null;\nALTER TABLE /* TEMPLATE: schema */river_job ALTER COLUMN tags SET NOT NULL;  -- PostgreSQL 12+ reads the CHECK instead of the table\nALTER TABLE /* TEMPLATE: schema */river_job DROP CONSTRAINT river_job_tags_not_null;",
      ],
    },
    {
      framework: "sql",
      name: "an earlier migration added CHECK (column IS NOT NULL) NOT VALID and never validated it: PostgreSQL proves nothing from it, so SET NOT NULL still scans",
      path: "migrations/000003_not_null.up.sql",
      files: {
        "migrations/000001_init.up.sql": "CREATE TABLE templates (id bigint PRIMARY KEY, has_unsubscribe_link boolean);\n",
        "migrations/000002_check.up.sql": "ALTER TABLE templates ADD CONSTRAINT templates_link_not_null CHECK (has_unsubscribe_link IS NOT NULL) NOT VALID;\n",
      },
      schema: "CREATE TABLE templates (id bigint PRIMARY KEY, has_unsubscribe_link boolean);\nALTER TABLE templates ADD CONSTRAINT templates_link_not_null CHECK (has_unsubscribe_link IS NOT NULL) NOT VALID;",
      code: "ALTER TABLE templates ALTER COLUMN has_unsubscribe_link SET NOT NULL;\n",
      lines: [1],
    },
    {
      framework: "sql",
      name: "an earlier migration's validated CHECK (column IS NOT NULL), dropped earlier in this migration: the scan is back",
      path: "migrations/000004_not_null.up.sql",
      files: {
        "migrations/000001_init.up.sql": "CREATE TABLE templates (id bigint PRIMARY KEY, has_unsubscribe_link boolean);\n",
        "migrations/000002_check.up.sql": "ALTER TABLE templates ADD CONSTRAINT templates_link_not_null CHECK (has_unsubscribe_link IS NOT NULL) NOT VALID;\n",
        "migrations/000003_validate.up.sql": "ALTER TABLE templates VALIDATE CONSTRAINT templates_link_not_null;\n",
      },
      schema: "CREATE TABLE templates (id bigint PRIMARY KEY, has_unsubscribe_link boolean);\nALTER TABLE templates ADD CONSTRAINT templates_link_not_null CHECK (has_unsubscribe_link IS NOT NULL);",
      code: "ALTER TABLE templates DROP CONSTRAINT templates_link_not_null;\nALTER TABLE templates ALTER COLUMN has_unsubscribe_link SET NOT NULL;\n",
      lines: [2],
    },
    {
      framework: "sql",
      name: "an earlier migration's validated CHECK that only bounds the column (col > 0): a CHECK passes on NULL, so it proves nothing and SET NOT NULL scans",
      path: "migrations/000003_not_null.up.sql",
      files: {
        "migrations/000001_init.up.sql": "CREATE TABLE orders (id bigint PRIMARY KEY, total integer);\n",
        "migrations/000002_check.up.sql": "ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0);\n",
      },
      schema: "CREATE TABLE orders (id bigint PRIMARY KEY, total integer);\nALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0);",
      code: "ALTER TABLE orders ALTER COLUMN total SET NOT NULL;\n",
      lines: [1],
    },
    { framework: "sql", name: "SET NOT NULL on a live table", schema: "CREATE TABLE profiles (id bigint PRIMARY KEY, email text);", code: "ALTER TABLE profiles ALTER COLUMN email SET NOT NULL;", lines: [1] },
    {
      framework: "sql",
      name: "before PostgreSQL 12 even a validated CHECK does not help",
      schema: "CREATE TABLE p (id bigint PRIMARY KEY, email text);\nALTER TABLE p ADD CONSTRAINT p_email_not_null CHECK (email IS NOT NULL) NOT VALID;",
      code: "ALTER TABLE p VALIDATE CONSTRAINT p_email_not_null;\nALTER TABLE p ALTER COLUMN email SET NOT NULL;",
      config: { postgres_version: 11 },
      lines: [2],
    },
    {
      framework: "sql",
      name: "a column an earlier migration added NOT NULL, relaxed earlier in this migration",
      path: "migrations/000048_actor_ids.up.sql",
      files: { "migrations/000038_actor_ids.up.sql": "CREATE TABLE community (id serial PRIMARY KEY);\nALTER TABLE community ADD COLUMN actor_id varchar(255) NOT NULL DEFAULT 'http://fake.com';\n" },
      schema: "CREATE TABLE community (id serial PRIMARY KEY, actor_id varchar(255) NOT NULL DEFAULT 'http://fake.com');",
      code: "ALTER TABLE community ALTER COLUMN actor_id DROP NOT NULL;\nUPDATE community SET actor_id = NULL WHERE id < 0;\nALTER TABLE community ALTER COLUMN actor_id SET NOT NULL;\n",
      lines: [3],
    },
  ],
  valid: [
    {
      framework: "sql",
      name: "supabase/storage 0048: SET NOT NULL after the DO block's early RETURN (multitenant mode): a follow-up VALIDATE migration would run where the block returned, so the statement stays unread",
      schema: "CREATE TABLE iceberg_tables (id bigint PRIMARY KEY, location text);",
      code: `DO $$
    DECLARE
        is_multitenant bool = COALESCE(current_setting('storage.multitenant', true), 'false')::boolean;
    BEGIN
        IF is_multitenant THEN
            RETURN;
        END IF;
        ALTER TABLE iceberg_tables ADD COLUMN IF NOT EXISTS catalog_id uuid;
        ALTER TABLE iceberg_tables ALTER COLUMN catalog_id SET NOT NULL;
END
$$;
`,
    },
    {
      framework: "sql",
      name: "SET NOT NULL after an ADD COLUMN with a volatile default in the same transaction: the rewrite holds the table closed anyway and volatile-default's finding names the scan",
      files: { "db/migrations/000_accounts.sql": "CREATE TABLE accounts (id bigint PRIMARY KEY, mail text);\n" },
      code: "BEGIN;\nALTER TABLE accounts ADD COLUMN token uuid DEFAULT gen_random_uuid();\nALTER TABLE accounts ALTER COLUMN token SET NOT NULL;\nCOMMIT;\n",
    },
    {
      framework: "sql",
      name: "the same statement adds a PRIMARY KEY over the column (langfuse): the key checks score_id for NULLs itself under its lock, so a NOT VALID CHECK for SET NOT NULL spares nothing: moot here, unique-constraint-without-index reports the key with that cost",
      path: "migrations/000002_pk.up.sql",
      files: { "migrations/000001_init.up.sql": "CREATE TABLE trace_scores (score_id text, project_id text);\n" },
      schema: "CREATE TABLE trace_scores (score_id text, project_id text);\nINSERT INTO trace_scores VALUES ('a', 'p');",
      code: "ALTER TABLE trace_scores ALTER COLUMN score_id SET NOT NULL, ADD PRIMARY KEY (score_id);\n",
    },
    {
      framework: "sql",
      name: "two columns set NOT NULL and a PRIMARY KEY over both in one statement (lemmy's post_actions): the key checks both for NULLs itself, moot here (unique-constraint-without-index reports the key)",
      path: "migrations/000002_pk.up.sql",
      files: { "migrations/000001_init.up.sql": "CREATE TABLE post_actions (person_id integer, post_id integer, liked timestamptz);\n" },
      schema: "CREATE TABLE post_actions (person_id integer, post_id integer, liked timestamptz);\nINSERT INTO post_actions VALUES (1, 2, now());",
      code: "ALTER TABLE post_actions\n    ALTER COLUMN person_id SET NOT NULL,\n    ALTER COLUMN post_id SET NOT NULL,\n    ADD PRIMARY KEY (person_id, post_id);\n",
    },
    {
      framework: "sql",
      name: "tasking-manager 763165f937cf: a later statement adds the PRIMARY KEY over the column: ADD PRIMARY KEY checks it for NULLs itself, so a split SET NOT NULL would be scanned again: moot here (unique-constraint-without-index reports the key with that cost)",
      path: "migrations/000002_pk.up.sql",
      files: { "migrations/000001_init.up.sql": "CREATE TABLE trace_scores (score_id text, project_id text);\n" },
      schema: "CREATE TABLE trace_scores (score_id text, project_id text);\nINSERT INTO trace_scores VALUES ('a', 'p');",
      code: "ALTER TABLE trace_scores ALTER COLUMN score_id SET NOT NULL;\nALTER TABLE trace_scores ADD CONSTRAINT trace_scores_pkey PRIMARY KEY (score_id);\n",
    },
    {
      framework: "sql",
      name: "the NOT VALID CHECK renamed in a later migration (ALTER TABLE ... RENAME CONSTRAINT), then validated by its new name: the history follows the rename, so PostgreSQL 12+ reads the CHECK, no scan",
      path: "migrations/000005_not_null.up.sql",
      files: {
        "migrations/000001_init.up.sql": "CREATE TABLE templates (id bigint PRIMARY KEY, has_unsubscribe_link boolean);\n",
        "migrations/000002_check.up.sql": "ALTER TABLE templates ADD CONSTRAINT templates_link_check CHECK (has_unsubscribe_link IS NOT NULL) NOT VALID;\n",
        "migrations/000003_rename.up.sql": "ALTER TABLE templates RENAME CONSTRAINT templates_link_check TO templates_link_not_null;\n",
        "migrations/000004_validate.up.sql": "ALTER TABLE templates VALIDATE CONSTRAINT templates_link_not_null;\n",
      },
      code: "ALTER TABLE templates ALTER COLUMN has_unsubscribe_link SET NOT NULL;\nALTER TABLE templates DROP CONSTRAINT templates_link_not_null;\n",
    },
    {
      framework: "sql",
      name: "earlier migrations added CHECK (column IS NOT NULL) NOT VALID, then validated it (notifications-api 0449/0450): PostgreSQL 12+ reads the CHECK, no scan",
      path: "migrations/000004_not_null.up.sql",
      files: {
        "migrations/000001_init.up.sql": "CREATE TABLE templates (id bigint PRIMARY KEY, has_unsubscribe_link boolean);\n",
        "migrations/000002_check.up.sql": "ALTER TABLE templates ADD CONSTRAINT templates_link_not_null CHECK (has_unsubscribe_link IS NOT NULL) NOT VALID;\n",
        "migrations/000003_validate.up.sql": "ALTER TABLE templates VALIDATE CONSTRAINT templates_link_not_null;\n",
      },
      code: "ALTER TABLE templates ALTER COLUMN has_unsubscribe_link SET NOT NULL;\nALTER TABLE templates DROP CONSTRAINT templates_link_not_null;\n",
    },
    {
      framework: "sql",
      name: "an earlier migration created the table with a CHECK whose AND terms include column IS NOT NULL: valid from the start, no scan",
      path: "migrations/000002_not_null.up.sql",
      files: { "migrations/000001_init.up.sql": "CREATE TABLE orders (id bigint PRIMARY KEY, total integer, CONSTRAINT orders_total_check CHECK (total IS NOT NULL AND total >= 0));\n" },
      code: "ALTER TABLE orders ALTER COLUMN total SET NOT NULL;\n",
    },
    {
      framework: "sql",
      name: "SET NOT NULL before a NOT NULL column without a default in the same transaction: the migration only commits on an empty table",
      path: "db/migrations/000061_golang_migrate.up.sql",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, name text);",
      code: "ALTER TABLE users ALTER COLUMN name SET NOT NULL;\nALTER TABLE users ADD COLUMN tenant_id integer NOT NULL;\n",
    },
    {
      framework: "sql",
      name: "validated CHECK first (PostgreSQL 12+ skips the scan)",
      code: "ALTER TABLE profiles VALIDATE CONSTRAINT profiles_email_not_null;\nALTER TABLE profiles ALTER COLUMN email SET NOT NULL;\nALTER TABLE profiles DROP CONSTRAINT profiles_email_not_null;",
    },
    { framework: "sql", name: "new table", code: "CREATE TABLE t (a text);\nALTER TABLE t ALTER COLUMN a SET NOT NULL;" },
    {
      framework: "sql",
      name: "a column an earlier migration added NOT NULL: SET NOT NULL again checks and scans nothing",
      path: "migrations/000047_actor_ids.up.sql",
      files: { "migrations/000038_actor_ids.up.sql": "CREATE TABLE community (id serial PRIMARY KEY);\nALTER TABLE community ADD COLUMN actor_id varchar(255) NOT NULL DEFAULT 'http://fake.com';\n" },
      code: "ALTER TABLE community ALTER COLUMN actor_id SET NOT NULL;\n",
    },
  ],
});

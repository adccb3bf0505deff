import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
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
        "ALTER TABLE public_collection_tokens ALTER COLUMN enable_download SET NOT NULL, ADD CONSTRAINT public_collection_tokens_enable_comment_not_null CHECK (enable_comment IS NOT NULL) NOT VALID;\n\n-- then a new migration, db/migrations/002_validate_public_collection_tokens_enable_comment_not_null.sql:\nALTER TABLE public_collection_tokens VALIDATE CONSTRAINT public_collection_tokens_enable_comment_not_null;\nALTER TABLE public_collection_tokens ALTER COLUMN enable_comment SET NOT NULL;  -- PostgreSQL 12+ reads the CHECK instead of the table\nALTER TABLE public_collection_tokens DROP CONSTRAINT public_collection_tokens_enable_comment_not_null;",
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

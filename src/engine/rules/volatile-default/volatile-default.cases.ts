import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    { framework: "sql", name: "random() in the default", schema: "CREATE TABLE local_user (id bigint PRIMARY KEY);", code: "ALTER TABLE local_user\n  ADD COLUMN last_notified timestamptz NOT NULL DEFAULT (now() - random() * interval '12 months');", lines: [1] },
    { framework: "sql", name: "gen_random_uuid()", schema: "CREATE TABLE users (id bigint PRIMARY KEY);", code: "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();", lines: [1] },
    { framework: "sql", name: "an unknown (user-defined) function counts as volatile", schema: "CREATE FUNCTION generate_unique_changeme() RETURNS text LANGUAGE sql AS $$ SELECT md5(random()::text) $$;\nCREATE TABLE site (id bigint PRIMARY KEY);", code: "ALTER TABLE site ADD COLUMN actor_id varchar(255) NOT NULL DEFAULT generate_unique_changeme();", lines: [1] },
    { framework: "sql", name: "GENERATED ... STORED", schema: "CREATE TABLE flows (id bigint PRIMARY KEY, value jsonb);", code: "ALTER TABLE flows ADD COLUMN tenant_id varchar(250) GENERATED ALWAYS AS (value ->> 'tenantId') STORED;", lines: [1] },
    { framework: "sql", name: "serial column", schema: "CREATE TABLE events (id bigint PRIMARY KEY);", code: "ALTER TABLE events ADD COLUMN seq bigserial;", lines: [1] },
    { framework: "sql", name: "any default before PostgreSQL 11", schema: "CREATE TABLE users (id bigint PRIMARY KEY);", code: "ALTER TABLE users ADD COLUMN plan text DEFAULT 'free';", config: { postgres_version: 10 }, lines: [1] },
  ],
  valid: [
    { framework: "sql", name: "constant default (instant since PostgreSQL 11)", code: "ALTER TABLE authorization_model ADD COLUMN schema_version TEXT NOT NULL DEFAULT '1.0';" },
    { framework: "sql", name: "now() is stable: evaluated once", code: "ALTER TABLE users ADD COLUMN imported_at timestamptz DEFAULT now();" },
    { framework: "sql", name: "jsonb literal", code: "ALTER TABLE users ADD COLUMN phone_numbers jsonb DEFAULT '[]'::jsonb;" },
    { framework: "sql", name: "new table", code: "CREATE TABLE t (id bigint);\nALTER TABLE t ADD COLUMN token uuid DEFAULT gen_random_uuid();" },
  ],
});

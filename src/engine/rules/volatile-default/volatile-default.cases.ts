import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "a volatile default followed in the same transaction by a unique index on the new column: the build runs under the rewrite's lock and is named in its finding",
      files: { "db/migrations/000_accounts.sql": "CREATE TABLE accounts (id bigint PRIMARY KEY, mail text);\n" },
      schema: "CREATE TABLE accounts (id bigint PRIMARY KEY, mail text);",
      code: "BEGIN;\nALTER TABLE accounts ADD COLUMN token uuid DEFAULT gen_random_uuid();\nCREATE UNIQUE INDEX accounts_token_key ON accounts (token);\nCOMMIT;\n",
      lines: [2],
      messages: ["The lock stays held until commit, through line 3's build of index accounts_token_key too: it adds its time to this outage, so it has no finding of its own."],
    },
    {
      framework: "sql",
      name: "rallly 20260423144927: gen_random_uuid() rewrites instance_settings, which PRIMARY KEY (id) and CHECK (id = 1) keep to one row: a note",
      schema: 'CREATE TABLE "instance_settings" ("id" INTEGER NOT NULL DEFAULT 1, CONSTRAINT "instance_settings_pkey" PRIMARY KEY ("id"), CONSTRAINT instance_settings_singleton CHECK (id = 1));\nINSERT INTO "instance_settings" ("id") VALUES (1);',
      path: "prisma/migrations/20260423144927_add_instance_id/migration.sql",
      files: {
        "prisma/migrations/20250602144531_add_instance_settings/migration.sql": 'CREATE TABLE "instance_settings" (\n    "id" INTEGER NOT NULL DEFAULT 1,\n    CONSTRAINT "instance_settings_pkey" PRIMARY KEY ("id")\n);\nINSERT INTO "instance_settings" ("id") VALUES (1);\n',
        "prisma/migrations/20250602181052_add_instance_settings_constraints/migration.sql": 'ALTER TABLE "instance_settings"\n  ADD CONSTRAINT instance_settings_singleton CHECK (id = 1);\n',
      },
      code: 'ALTER TABLE "instance_settings" ADD COLUMN "instance_id" UUID NOT NULL DEFAULT gen_random_uuid();\n',
      lines: [1],
      severities: ["info"],
      messages: ["instance_settings holds at most one row (its primary key id is pinned to one value by CHECK instance_settings_singleton (`id = 1`)"],
    },
    { framework: "sql", name: "random() in the default", schema: "CREATE TABLE local_user (id bigint PRIMARY KEY);", code: "ALTER TABLE local_user\n  ADD COLUMN last_notified timestamptz NOT NULL DEFAULT (now() - random() * interval '12 months');", lines: [1] },
    { framework: "sql", name: "gen_random_uuid()", schema: "CREATE TABLE users (id bigint PRIMARY KEY);", code: "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();", lines: [1] },
    { framework: "sql", name: "an unknown (user-defined) function counts as volatile", schema: "CREATE FUNCTION generate_unique_changeme() RETURNS text LANGUAGE sql AS $$ SELECT md5(random()::text) $$;\nCREATE TABLE site (id bigint PRIMARY KEY);", code: "ALTER TABLE site ADD COLUMN actor_id varchar(255) NOT NULL DEFAULT generate_unique_changeme();", lines: [1] },
    {
      framework: "sql",
      name: "GENERATED ... STORED reading two columns: a plain column, a trigger that computes the same expression on every write, the rows filled by a migration of their own",
      schema: "CREATE TABLE orders (id bigint PRIMARY KEY, price integer, quantity integer);\nINSERT INTO orders VALUES (1, 3, 4);",
      config: { postgres_version: 12 },
      code: "ALTER TABLE orders ADD COLUMN total bigint GENERATED ALWAYS AS (price * quantity) STORED;",
      lines: [1],
      fixes: ["-- a plain column (instant), set from the generation expression by a trigger on every insert and update, as a generated column is\nALTER TABLE orders ADD COLUMN total bigint;\nCREATE OR REPLACE FUNCTION orders_total_generated() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.total := (SELECT (price * quantity) FROM (SELECT NEW.*) AS orders);\n  RETURN NEW;\nEND $$;\nDROP TRIGGER IF EXISTS orders_total_generated ON orders;\nCREATE TRIGGER orders_total_generated BEFORE INSERT OR UPDATE ON orders\n  FOR EACH ROW EXECUTE FUNCTION orders_total_generated();\n-- a down that drops total drops the trigger and its function first:\n--   DROP TRIGGER IF EXISTS orders_total_generated ON orders;\n--   DROP FUNCTION IF EXISTS orders_total_generated();\n\n-- then a new migration, db/migrations/002_fill_orders_total.sql:\n-- outside BEGIN ... COMMIT (psql's default autocommit)\nDO $$\nDECLARE\n  filled bigint;\nBEGIN\n  LOOP\n    UPDATE orders SET total = (price * quantity)\n    WHERE ctid IN (SELECT ctid FROM orders WHERE total IS NULL AND (price * quantity) IS NOT NULL LIMIT 1000);\n    GET DIAGNOSTICS filled = ROW_COUNT;\n    EXIT WHEN filled = 0;\n    COMMIT;\n  END LOOP;\nEND $$;"],
    },
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

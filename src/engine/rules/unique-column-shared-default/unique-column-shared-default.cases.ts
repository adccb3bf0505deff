import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "UNIQUE column with a constant default, and now() (one value per transaction) before a unique index",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY);",
      code: `ALTER TABLE users ADD COLUMN invite_code text NOT NULL DEFAULT '' UNIQUE;
ALTER TABLE users ADD COLUMN imported_at timestamptz DEFAULT now();
CREATE UNIQUE INDEX users_imported_at_key ON users (imported_at);
`,
      lines: [1, 2],
      // a text column gets no invented value (a random string is no invite code): the rows stay NULL, which the
      // unique index allows, and the NOT NULL waits for the values the application gives them
      fixes: [
        "ALTER TABLE users ADD COLUMN invite_code text;  -- no default: existing rows stay NULL, which a unique index allows\n-- then, outside a transaction:\nCREATE UNIQUE INDEX CONCURRENTLY users_invite_code_key ON users (invite_code);\n-- invite_code is NOT NULL as written: each existing row needs its own invite_code first, and migguard knows no value that fits it (one value for all collides at the second row):\n-- fill them from what the application knows of each row, then ALTER TABLE users ALTER COLUMN invite_code SET NOT NULL (see set-not-null for a large table)",
        "ALTER TABLE users ADD COLUMN imported_at timestamptz;  -- no default: existing rows stay NULL, which a unique index allows\n-- then, outside a transaction:\nCREATE UNIQUE INDEX CONCURRENTLY users_imported_at_key ON users (imported_at);",
      ],
    },
    {
      framework: "sql",
      name: "a uuid column with a constant default: a new uuid for each existing row is a value of its own kind, so the fix writes it",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY);",
      code: `ALTER TABLE users ADD COLUMN public_id uuid NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000' UNIQUE;
`,
      lines: [1],
      fixes: ["ALTER TABLE users ADD COLUMN public_id uuid;  -- no default: existing rows stay NULL, which a unique index allows\n-- give each existing row its own value:\n-- one batch of 1000 rows: run it again until it updates no rows\nUPDATE users SET public_id = gen_random_uuid()\nWHERE ctid IN (SELECT ctid FROM users WHERE public_id IS NULL LIMIT 1000);\n-- then, outside a transaction:\nCREATE UNIQUE INDEX CONCURRENTLY users_public_id_key ON users (public_id);\n-- public_id is NOT NULL as written: once the rows above have their values, ALTER TABLE users ALTER COLUMN public_id SET NOT NULL (see set-not-null for a large table)"],
    },
  ],
  valid: [
    {
      framework: "sql",
      name: "each row gets its own value before the unique index",
      code: `ALTER TABLE users ADD COLUMN referral_code text NOT NULL DEFAULT '';
UPDATE users SET referral_code = md5(id::text || random()::text);
CREATE UNIQUE INDEX users_referral_code_key ON users (referral_code);
`,
    },
    {
      framework: "sql",
      name: "a per-row default, a unique column without default, and a constant default on a new table",
      code: `ALTER TABLE users ADD COLUMN public_id uuid DEFAULT gen_random_uuid() UNIQUE;
ALTER TABLE users ADD COLUMN handle text UNIQUE;
CREATE TABLE invites (id bigint PRIMARY KEY);
ALTER TABLE invites ADD COLUMN code text NOT NULL DEFAULT 'x' UNIQUE;
`,
    },
  ],
});

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

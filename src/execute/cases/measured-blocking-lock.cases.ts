import { defineExecutionCases } from "./execution-case.js";
import { golangMigrate, USERS } from "./folders.js";

const ORDERS = "CREATE TABLE orders (\n  id bigserial PRIMARY KEY,\n  user_id bigint REFERENCES users (id)\n);\n";

export default defineExecutionCases({
  invalid: [
    {
      name: "a new table's foreign key locks the existing table it references against writes",
      files: golangMigrate({ ...USERS, "002_orders": [ORDERS, "DROP TABLE orders;\n"] }),
      lines: [1],
    },
    {
      name: "an ALTER TABLE inside a DO block",
      files: golangMigrate({ ...USERS, "002_phone": ["DO $$\nBEGIN\n  EXECUTE format('ALTER TABLE %I ADD COLUMN phone text', 'users');\nEND\n$$;\n", "ALTER TABLE users DROP COLUMN phone;\n"] }),
      lines: [1],
    },
    {
      name: "one finding per migration, on the first such statement",
      files: golangMigrate({
        ...USERS,
        "002_orders_and_phone": [`${ORDERS}DO $$ BEGIN EXECUTE format('ALTER TABLE %I ADD COLUMN phone text', 'users'); END $$;\n`, "ALTER TABLE users DROP COLUMN phone;\nDROP TABLE orders;\n"],
      }),
      lines: [1],
    },
  ],
  valid: [
    {
      name: "the same foreign key after SET lock_timeout",
      files: golangMigrate({ ...USERS, "002_orders": [`SET lock_timeout = '5s';\n${ORDERS}`, "DROP TABLE orders;\n"] }),
    },
    {
      name: "require-lock-timeout already asks for a lock_timeout in this file",
      files: golangMigrate({
        ...USERS,
        "002_audit_trigger": [
          "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\nCREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();\n",
          "DROP TRIGGER users_touch ON users;\nDROP FUNCTION touch();\n",
        ],
      }),
    },
    {
      name: "locks on tables the migration itself creates block nobody",
      files: golangMigrate({
        ...USERS,
        "002_teams": ["CREATE TABLE teams (id bigserial PRIMARY KEY);\nCREATE TABLE memberships (\n  team_id bigint REFERENCES teams (id)\n);\n", "DROP TABLE memberships;\nDROP TABLE teams;\n"],
      }),
    },
    {
      name: "waived with a reason",
      files: golangMigrate({
        ...USERS,
        "002_orders": [`-- migguard:ignore measured-blocking-lock deployed in the nightly window, no writes to users then\n${ORDERS}`, "DROP TABLE orders;\n"],
      }),
    },
  ],
});

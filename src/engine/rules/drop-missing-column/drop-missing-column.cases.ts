import { defineCases } from "../support/rule.js";

const INIT = { "migrations/000001_init.up.sql": "CREATE TABLE runs (id bigint PRIMARY KEY, score numeric);\n" };

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "DROP COLUMN of a column the CREATE TABLE of an earlier migration does not have, nor any ALTER since",
      path: "migrations/000002_drop_success.up.sql",
      files: INIT,
      schema: "CREATE TABLE runs (id bigint PRIMARY KEY, score numeric);",
      code: "ALTER TABLE runs DROP COLUMN success;\n",
      lines: [1],
    },
  ],
  valid: [
    {
      framework: "sql",
      name: "a column an earlier migration added",
      path: "migrations/000003_drop_success.up.sql",
      files: { ...INIT, "migrations/000002_add_success.up.sql": "ALTER TABLE runs ADD COLUMN success boolean;\n" },
      code: "ALTER TABLE runs DROP COLUMN success;\n",
    },
    {
      framework: "sql",
      name: "a function an earlier migration runs may change the table: nothing proven",
      path: "migrations/000003_drop_success.up.sql",
      files: { ...INIT, "migrations/000002_fn.up.sql": "DO $$ BEGIN EXECUTE 'ALTER TABLE runs ADD COLUMN success boolean'; END $$;\n" },
      code: "ALTER TABLE runs DROP COLUMN success;\n",
    },
    {
      framework: "sql",
      name: "DROP COLUMN IF EXISTS",
      path: "migrations/000002_drop_success.up.sql",
      files: INIT,
      code: "ALTER TABLE runs DROP COLUMN IF EXISTS success;\n",
    },
    {
      framework: "sql",
      name: "no earlier migration: nothing proven",
      path: "migrations/000001_drop_success.up.sql",
      code: "ALTER TABLE runs DROP COLUMN success;\n",
    },
  ],
});

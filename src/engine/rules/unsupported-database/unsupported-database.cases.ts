import { defineCases } from "../support/rule.js";

/**
 * The engine's note for a pop/popx file that runs on CockroachDB (ory/hydra keeps one per database): not checked,
 * and said so, instead of PostgreSQL's syntax errors and lock findings on CockroachDB's own statements.
 */
export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "a CockroachDB file of a pop project, in CockroachDB's own grammar (an INDEX inside CREATE TABLE)",
      path: "persistence/sql/migrations/20190100000001000000_client.cockroach.up.sql",
      code: "CREATE TABLE hydra_client (\n  id UUID NOT NULL PRIMARY KEY,\n  pk INT8 NOT NULL,\n  INDEX hydra_client_idx (pk)\n);\n",
      lines: [1],
    },
    {
      framework: "sql",
      name: "a diesel migration of the project's SQLite folder (vaultwarden), backticks that SQLite reads and PostgreSQL refuses: noted, no syntax error",
      path: "migrations/sqlite/2024-09-04-091351_use_device_type_for_mails/up.sql",
      code: "ALTER TABLE `twofactor_incomplete` ADD COLUMN `device_type` INTEGER NOT NULL DEFAULT 14;\n",
      lines: [1],
    },
  ],
  valid: [
    {
      framework: "sql",
      name: "the same migration in the project's MySQL folder is read with MySQL's grammar and checked",
      path: "migrations/mysql/2024-09-04-091351_use_device_type_for_mails/up.sql",
      code: "ALTER TABLE `twofactor_incomplete` ADD COLUMN `device_type` INTEGER NOT NULL DEFAULT 14;\n",
    },
    {
      framework: "sql",
      name: "the PostgreSQL file of the same migration is checked as usual",
      path: "persistence/sql/migrations/20190100000001000000_client.postgres.up.sql",
      code: "CREATE TABLE hydra_client (\n  id uuid NOT NULL PRIMARY KEY,\n  pk bigint NOT NULL\n);\n",
    },
  ],
});

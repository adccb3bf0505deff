import { defineCases } from "../support/rule.js";
import { SQLITE_CLIENT_HISTORY, SQLX_EITHER_DATABASE, SQLX_SQLITE_CLIENT } from "../../testing/sqlx-fixtures.js";

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
    {
      framework: "sql",
      name: "a sqlx migration of a crate whose sqlx names sqlite alone (atuin's atuin-client, in a workspace whose server crate names postgres): it runs on SQLite, so AUTOINCREMENT is noted, not a syntax error, and no PostgreSQL lock rule reads it",
      path: "crates/client/migrations/20210422143411_create_history.sql",
      files: SQLX_SQLITE_CLIENT,
      code: SQLITE_CLIENT_HISTORY,
      lines: [1],
    },
    {
      framework: "sql",
      name: "a diesel migration of a crate whose diesel names sqlite alone: SQLite's, noted",
      path: "migrations/2024-01-08-124830_create_history/up.sql",
      files: { "Cargo.toml": '[package]\nname = "client"\n\n[dependencies]\ndiesel = { version = "2", features = ["sqlite"] }\ndiesel_migrations = "2"\n' },
      code: SQLITE_CLIENT_HISTORY,
      lines: [1],
    },
  ],
  valid: [
    {
      framework: "sql",
      name: "the server crate of the same workspace names postgres alone: its folder is checked as PostgreSQL's",
      path: "crates/server/migrations/20210422143411_create_history.sql",
      files: SQLX_SQLITE_CLIENT,
      code: "create table history (id bigserial primary key, command text not null);\n",
    },
    {
      framework: "sql",
      name: "a crate whose features build it for PostgreSQL or SQLite: its folder runs on both, and is checked as PostgreSQL's",
      path: "crates/server/migrations/20210422143411_create_history.sql",
      files: SQLX_EITHER_DATABASE,
      code: "create table history (id bigserial primary key, command text not null);\n",
    },
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

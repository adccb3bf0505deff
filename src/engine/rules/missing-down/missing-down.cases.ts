import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    { framework: "sql", name: "golang-migrate up without a .down.sql", schema: "CREATE TABLE profiles (id bigint PRIMARY KEY);", path: "migrations/000012_add_bio.up.sql", code: "ALTER TABLE profiles ADD COLUMN bio text;", lines: [1] },
    {
      framework: "sql",
      name: "a project whose earlier migrations never have a down: still an error, and the message names `rules: { missing-down: off }` for a team that rolls forward by policy",
      schema: "CREATE TABLE profiles (id bigint PRIMARY KEY, name text, bio text);",
      path: "migrations/000013_add_phone.up.sql",
      code: "ALTER TABLE profiles ADD COLUMN phone text;",
      files: {
        "migrations/000010_profiles.up.sql": "CREATE TABLE profiles (id bigint PRIMARY KEY);",
        "migrations/000011_add_name.up.sql": "ALTER TABLE profiles ADD COLUMN name text;",
        "migrations/000012_add_bio.up.sql": "ALTER TABLE profiles ADD COLUMN bio text;",
      },
      lines: [1],
    },
    {
      framework: "sql",
      name: "goose file without a Down section",
      schema: "CREATE TABLE profiles (id bigint PRIMARY KEY);",
      path: "db/migrations/00012_add_bio.sql",
      code: "-- +goose Up\n-- +goose StatementBegin\nALTER TABLE profiles ADD COLUMN bio text;\n-- +goose StatementEnd\n",
      lines: [3],
    },
    { framework: "sql", name: "dbmate file without a migrate:down section", schema: "CREATE TABLE profiles (id bigint PRIMARY KEY);", path: "db/migrations/20240101000000_add_bio.sql", code: "-- migrate:up\nALTER TABLE profiles ADD COLUMN bio text;\n", lines: [2] },
    { framework: "sql", name: "sqitch deploy without a revert script", schema: "CREATE TABLE profiles (id bigint PRIMARY KEY);", path: "deploy/add_bio.sql", code: "BEGIN;\nALTER TABLE profiles ADD COLUMN bio text;\nCOMMIT;\n", lines: [2] },
    {
      framework: "sql",
      name: "Liquibase changeset without --rollback",
      schema: "CREATE TABLE profiles (id bigint PRIMARY KEY);",
      path: "db/changelog/001_bio.sql",
      code: "--liquibase formatted sql\n\n--changeset alice:1\nALTER TABLE profiles ADD COLUMN bio text;\n",
      lines: [4],
    },
    {
      framework: "sql",
      name: "Liquibase: the second changeset lacks --rollback, reported on its first statement",
      schema: "CREATE TABLE profiles (id bigint PRIMARY KEY);",
      path: "db/changelog/002_accounts.sql",
      code: "--liquibase formatted sql\n\n--changeset alice:1\nCREATE TABLE accounts (id bigint PRIMARY KEY, name text);\n--rollback DROP TABLE accounts;\n\n--changeset alice:2\nALTER TABLE profiles ADD COLUMN bio text;\n",
      lines: [8],
    },
  ],
  valid: [
    {
      framework: "sql",
      name: "golang-migrate pair",
      path: "migrations/000012_add_bio.up.sql",
      code: "ALTER TABLE profiles ADD COLUMN bio text;",
      files: { "migrations/000012_add_bio.down.sql": "ALTER TABLE profiles DROP COLUMN bio;" },
    },
    { framework: "sql", name: "goose with a Down section", path: "db/migrations/00012_add_bio.sql", code: "-- +goose Up\nALTER TABLE profiles ADD COLUMN bio text;\n-- +goose Down\nALTER TABLE profiles DROP COLUMN bio;\n" },
    { framework: "sql", name: "Flyway without an undo file (undo is optional in Flyway)", path: "db/migration/V12__add_bio.sql", code: "ALTER TABLE profiles ADD COLUMN bio text;" },
    { framework: "sql", name: "Prisma has no down migrations", path: "prisma/migrations/20240101_add_bio/migration.sql", code: 'ALTER TABLE "profiles" ADD COLUMN "bio" TEXT;' },
    { framework: "sql", name: "an up that only sets a session setting", path: "migrations/000013_noop.up.sql", code: "SET statement_timeout = '5s';" },
    {
      framework: "sql",
      name: "Liquibase changeset with --rollback",
      path: "db/changelog/001_bio.sql",
      code: "--liquibase formatted sql\n\n--changeset alice:1\nALTER TABLE profiles ADD COLUMN bio text;\n--rollback ALTER TABLE profiles DROP COLUMN bio;\n",
    },
  ],
});

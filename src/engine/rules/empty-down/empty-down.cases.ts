import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    { framework: "sql", name: "dbmate with an empty migrate:down", path: "db/migrations/20221028101028_set_timeout.sql", code: "-- migrate:up\nALTER ROLE authenticator SET statement_timeout = '8s';\n\n-- migrate:down\n", lines: [2] },
    {
      framework: "sql",
      name: "golang-migrate .down.sql with only a comment",
      path: "migrations/000020_drop_fax.up.sql",
      code: "ALTER TABLE users DROP COLUMN fax;",
      files: { "migrations/000020_drop_fax.down.sql": "-- nothing to do\n" },
      lines: [1],
    },
    { framework: "sql", name: "goose Down section with no statement", path: "db/migrations/00020_idx.sql", code: "-- +goose Up\nCREATE INDEX CONCURRENTLY i ON t (a);\n-- +goose Down\n", lines: [2] },
  ],
  valid: [
    { framework: "sql", name: "dbmate with a real down", path: "db/migrations/20240101_bio.sql", code: "-- migrate:up\nALTER TABLE profiles ADD COLUMN bio text;\n-- migrate:down\nALTER TABLE profiles DROP COLUMN bio;\n" },
    { framework: "sql", name: "empty up and empty down", path: "db/migrations/20240102_nothing.sql", code: "-- migrate:up\n-- migrate:down\n" },
  ],
});

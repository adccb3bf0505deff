import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "BEGIN inside goose's transaction",
      schema: "CREATE TABLE t (id bigint PRIMARY KEY);",
      path: "db/migrations/00100_x.sql",
      code: "-- +goose Up\nBEGIN;\nALTER TABLE t ADD COLUMN a int;\nCOMMIT;\n-- +goose Down\nALTER TABLE t DROP COLUMN a;\n",
      lines: [2],
    },
    {
      framework: "sql",
      name: "COMMIT that ends the runner's transaction early",
      schema: "CREATE TABLE t (id bigint PRIMARY KEY);",
      path: "db/migrations/00101_x.sql",
      code: "-- +goose Up\nALTER TABLE t ADD COLUMN a int;\nCOMMIT;\nCREATE INDEX CONCURRENTLY t_a ON t (a);\n-- +goose Down\nALTER TABLE t DROP COLUMN a;\n",
      lines: [3],
    },
    { framework: "sql", name: "BEGIN never committed", schema: "CREATE TABLE t (id bigint PRIMARY KEY);", code: "BEGIN;\nALTER TABLE t ADD COLUMN a int;", lines: [1] },
  ],
  valid: [
    {
      framework: "sql",
      name: "golang-migrate file wrapped in BEGIN/COMMIT (PostgreSQL turns the implicit block into this explicit one)",
      path: "db/migrations/000007_tier.up.sql",
      code: "BEGIN;\nALTER TABLE users ADD COLUMN tier text;\nUPDATE users SET tier = 'basic' WHERE tier IS NULL;\nCOMMIT;\n",
      files: { "db/migrations/000007_tier.down.sql": "ALTER TABLE users DROP COLUMN tier;\n" },
    },
    { framework: "sql", name: "sqitch script with its own transaction", path: "deploy/add_a.sql", code: "BEGIN;\nALTER TABLE t ADD COLUMN a int;\nCOMMIT;", files: { "revert/add_a.sql": "BEGIN;\nALTER TABLE t DROP COLUMN a;\nCOMMIT;" } },
  ],
});

import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    { framework: "sql", name: "ALTER TABLE without lock_timeout (reported once)", schema: "CREATE TABLE orders (id bigint PRIMARY KEY);", code: "ALTER TABLE orders ADD COLUMN note text;\nALTER TABLE orders ADD COLUMN tag text;", lines: [1] },
    { framework: "sql", name: "lock_timeout set too late", schema: "CREATE TABLE orders (id bigint PRIMARY KEY);", code: "ALTER TABLE orders ADD COLUMN note text;\nSET lock_timeout = '2s';", lines: [1] },
  ],
  valid: [
    { framework: "sql", name: "lock_timeout first", code: "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;" },
    { framework: "sql", name: "SET LOCAL via set_config", code: "SELECT set_config('lock_timeout', '2s', true);\nALTER TABLE orders ADD COLUMN note text;" },
    { framework: "sql", name: "only new tables", code: "CREATE TABLE t (id bigint);\nCREATE INDEX t_idx ON t (id);" },
    { framework: "sql", name: "CREATE INDEX CONCURRENTLY does not queue", code: "CREATE INDEX CONCURRENTLY i ON orders (note);" },
  ],
});

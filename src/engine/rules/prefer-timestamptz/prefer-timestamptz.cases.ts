import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [{ framework: "sql", name: "timestamp without time zone", schema: "CREATE TABLE t (id bigint PRIMARY KEY);", code: "ALTER TABLE t ADD COLUMN seen_at timestamp;", lines: [1] }],
  valid: [{ framework: "sql", name: "timestamptz", code: "ALTER TABLE t ADD COLUMN seen_at timestamptz;" }],
});

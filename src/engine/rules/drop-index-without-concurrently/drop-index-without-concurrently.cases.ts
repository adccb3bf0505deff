import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [{ framework: "sql", name: "plain DROP INDEX", schema: "CREATE TABLE reverse_lookup (user_id bigint);\nCREATE INDEX idx_reverse_lookup_user ON reverse_lookup (user_id);", code: "DROP INDEX IF EXISTS idx_reverse_lookup_user;", lines: [1] }],
  valid: [
    { framework: "sql", name: "DROP INDEX CONCURRENTLY", code: "DROP INDEX CONCURRENTLY IF EXISTS idx_reverse_lookup_user;" },
    { framework: "sql", name: "an index created in the same migration", code: "CREATE INDEX CONCURRENTLY tmp_idx ON t (a);\nDROP INDEX tmp_idx;" },
  ],
});

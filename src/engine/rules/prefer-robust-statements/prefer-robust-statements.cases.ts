import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [{ framework: "sql", name: "CIC without IF NOT EXISTS outside a transaction", code: "CREATE INDEX CONCURRENTLY i ON t (a);", lines: [1] }],
  valid: [{ framework: "sql", name: "IF NOT EXISTS", code: "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);" }],
});

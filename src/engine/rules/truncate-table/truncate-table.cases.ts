import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    { framework: "sql", name: "truncate a live table", code: "TRUNCATE sessions;", lines: [1] },
    { framework: "sql", name: "truncate with cascade", code: "\nTRUNCATE TABLE accounts CASCADE;", lines: [2] },
  ],
  valid: [{ framework: "sql", name: "truncate a table created here", code: "CREATE TABLE staging (id bigint);\nTRUNCATE staging;" }],
});

import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [{ framework: "sql", name: "bigserial", schema: "", code: "CREATE TABLE t (id bigserial PRIMARY KEY);", lines: [1] }],
  valid: [
    { framework: "sql", name: "identity", code: "CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);" },
    { framework: "sql", name: "bigserial on PostgreSQL 9: identity columns are PostgreSQL 10+, serial is all there is", code: "CREATE TABLE t (id bigserial PRIMARY KEY);", config: { postgres_version: 9 } },
  ],
});

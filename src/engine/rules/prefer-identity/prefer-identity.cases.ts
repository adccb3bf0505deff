import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [{ framework: "sql", name: "bigserial", schema: "", code: "CREATE TABLE t (id bigserial PRIMARY KEY);", lines: [1] }],
  valid: [{ framework: "sql", name: "identity", code: "CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);" }],
});

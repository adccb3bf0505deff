import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [{ framework: "sql", name: "varchar(n)", schema: "", code: "CREATE TABLE t (code varchar(16));", lines: [1] }],
  valid: [{ framework: "sql", name: "text with a CHECK", code: "CREATE TABLE t (code text CHECK (length(code) <= 16));" }],
});

import { defineCases } from "../support/rule.js";

/** The engine's own finding for SQL: the statement nested too deeply is reported, the others are checked. */
export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "a generated condition nested hundreds of levels deep; the statement after it is still checked",
      code: `SET lock_timeout = '1s';\nUPDATE accounts SET active = false WHERE ${"NOT ".repeat(150)}active;\nALTER TABLE accounts ADD COLUMN note text;\n`,
      lines: [2],
    },
  ],
  valid: [{ framework: "sql", name: "the same condition written plainly", code: "SET lock_timeout = '1s';\nUPDATE accounts SET active = false WHERE active;\n" }],
});

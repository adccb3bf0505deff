import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [{ framework: "sql", name: "rename an enum label", schema: "CREATE TYPE mood AS ENUM ('happy', 'sad');", code: "ALTER TYPE mood RENAME VALUE 'sad' TO 'unhappy';", lines: [1] }],
  valid: [{ framework: "sql", name: "add a label", code: "ALTER TYPE mood ADD VALUE 'unhappy';" }],
});

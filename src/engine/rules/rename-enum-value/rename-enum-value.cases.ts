import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    { framework: "sql", name: "rename an enum label", schema: "CREATE TYPE mood AS ENUM ('happy', 'sad');", code: "ALTER TYPE mood RENAME VALUE 'sad' TO 'unhappy';", lines: [1] },
    {
      framework: "sql",
      name: "rename an enum label on PostgreSQL 10: the value is added outside a transaction, where ADD VALUE runs before PostgreSQL 12",
      schema: "CREATE TYPE mood AS ENUM ('happy', 'sad');",
      code: "ALTER TYPE mood RENAME VALUE 'sad' TO 'unhappy';",
      config: { postgres_version: 10 },
      lines: [1],
      fixes: [
        "-- in a migration of its own, outside a transaction (PostgreSQL 10 cannot add an enum value inside one):\nALTER TYPE mood ADD VALUE IF NOT EXISTS 'unhappy';\n-- migrate rows and code to 'unhappy', and stop using 'sad' (enum values cannot be dropped)",
      ],
    },
  ],
  valid: [{ framework: "sql", name: "add a label", code: "ALTER TYPE mood ADD VALUE 'unhappy';" }],
});

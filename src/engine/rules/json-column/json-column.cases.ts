import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "ADD COLUMN ... json on a live table",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY);",
      code: "ALTER TABLE users ADD COLUMN settings json;",
      lines: [1],
      messages: ["SELECT DISTINCT or UNION (without ALL) over rows that include it"],
    },
    {
      framework: "sql",
      name: "one ALTER adding several columns (langfuse 20251104091248): the fix keeps every column, each json one as jsonb",
      schema: "CREATE TABLE datasets (id text PRIMARY KEY);",
      code: 'ALTER TABLE "datasets"\nADD COLUMN "expected_output_schema" JSON,\nADD COLUMN "input_schema" JSON,\nADD COLUMN "note" TEXT;',
      lines: [1, 1],
      fixes: [
        "ALTER TABLE datasets ADD COLUMN expected_output_schema jsonb, ADD COLUMN input_schema jsonb, ADD COLUMN note text;",
        "ALTER TABLE datasets ADD COLUMN expected_output_schema jsonb, ADD COLUMN input_schema jsonb, ADD COLUMN note text;",
      ],
    },
  ],
  valid: [
    { framework: "sql", name: "jsonb", code: "ALTER TABLE users ADD COLUMN settings jsonb;" },
    { framework: "sql", name: "json in a new table", code: "CREATE TABLE audits (id bigint, payload json);\nALTER TABLE audits ADD COLUMN extra json;" },
  ],
});

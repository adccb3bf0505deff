import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [{ framework: "sql", name: "ADD COLUMN ... json on a live table", schema: "CREATE TABLE users (id bigint PRIMARY KEY);", code: "ALTER TABLE users ADD COLUMN settings json;", lines: [1] }],
  valid: [
    { framework: "sql", name: "jsonb", code: "ALTER TABLE users ADD COLUMN settings jsonb;" },
    { framework: "sql", name: "json in a new table", code: "CREATE TABLE audits (id bigint, payload json);\nALTER TABLE audits ADD COLUMN extra json;" },
  ],
});

import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [{ framework: "sql", name: "NOT NULL without default", schema: "CREATE TABLE accounts (id bigint PRIMARY KEY);", code: "ALTER TABLE accounts ADD COLUMN region text NOT NULL;", lines: [1] }],
  valid: [
    { framework: "sql", name: "NOT NULL with a constant default", code: "ALTER TABLE accounts ADD COLUMN region text NOT NULL DEFAULT 'eu';" },
    { framework: "sql", name: "nullable", code: "ALTER TABLE accounts ADD COLUMN region text;" },
    { framework: "sql", name: "new table", code: "CREATE TABLE a (id int);\nALTER TABLE a ADD COLUMN region text NOT NULL;" },
  ],
});

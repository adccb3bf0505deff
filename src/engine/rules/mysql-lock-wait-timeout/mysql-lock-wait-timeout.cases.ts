import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "an ALTER on an existing table with MySQL's default lock_wait_timeout (a year)",
      config: { database: "mysql" },
      schema: "CREATE TABLE orders (id bigint PRIMARY KEY);",
      code: `ALTER TABLE orders ADD COLUMN note varchar(200);
`,
      lines: [1],
    },
  ],
  valid: [
    {
      framework: "sql",
      name: "SET SESSION lock_wait_timeout first",
      config: { database: "mysql" },
      code: `SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD COLUMN note varchar(200);
`,
    },
    {
      framework: "sql",
      name: "a table created in the same migration",
      config: { database: "mariadb" },
      code: `CREATE TABLE audits (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY);
ALTER TABLE audits ADD COLUMN body text;
`,
    },
  ],
});

import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    { framework: "sql", name: "MySQL: the copy is MySQL's CREATE TABLE ... AS SELECT", config: { database: "mysql" }, schema: "CREATE TABLE sessions (id bigint PRIMARY KEY, data text);", code: "TRUNCATE TABLE `sessions`;", lines: [1] },
    { framework: "sql", name: "truncate a live table", schema: "CREATE TABLE sessions (id bigint PRIMARY KEY, data text);", code: "TRUNCATE sessions;", lines: [1] },
    { framework: "sql", name: "truncate with cascade", schema: "CREATE TABLE accounts (id bigint PRIMARY KEY);\nCREATE TABLE invoices (account_id bigint REFERENCES accounts (id));", code: "\nTRUNCATE TABLE accounts CASCADE;", lines: [2] },
  ],
  valid: [{ framework: "sql", name: "truncate a table created here", code: "CREATE TABLE staging (id bigint);\nTRUNCATE staging;" }],
});

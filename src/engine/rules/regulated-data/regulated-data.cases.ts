import { defineCases } from "../support/rule.js";

const sensitive = { sensitive: ["users.phone_number", "*.ssn", "*.email", "audit_log"] };

export default defineCases({
  invalid: [
    { framework: "sql", name: "dropping a listed column", schema: "CREATE TABLE users (id bigint PRIMARY KEY, phone_number text);", code: "ALTER TABLE users DROP COLUMN phone_number;", config: sensitive, lines: [1] },
    { framework: "sql", name: "a wildcard pattern matches the column in any table", schema: "CREATE TABLE employees (id bigint PRIMARY KEY, ssn text);", code: "ALTER TABLE employees DROP COLUMN ssn;", config: sensitive, lines: [1] },
    { framework: "sql", name: "truncating a table listed as a whole", schema: "CREATE TABLE audit_log (id bigint PRIMARY KEY, event text);", code: "TRUNCATE audit_log;", config: sensitive, lines: [1] },
    { framework: "sql", name: "deleting rows of a table with a listed column, even with WHERE", schema: "CREATE TABLE users (id bigint PRIMARY KEY, phone_number text, created_at timestamptz);", code: "DELETE FROM users WHERE created_at < now() - interval '7 years';", config: sensitive, lines: [1] },
    { framework: "sql", name: "overwriting a listed column", schema: "CREATE TABLE customers (id bigint PRIMARY KEY, email text, deleted_at timestamptz);", code: "UPDATE customers SET email = NULL WHERE deleted_at IS NOT NULL;", config: sensitive, lines: [1] },
    {
      framework: "sql",
      name: "a type change that narrows a listed column",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, phone_number text);",
      code: "-- shorten\nALTER TABLE users ALTER COLUMN phone_number TYPE varchar(8) USING left(phone_number, 8);",
      config: sensitive,
      lines: [2],
    },
    {
      framework: "sql",
      name: "another linter's waiver of every rule (squawk-ignore-file, atlas:nolint) leaves it an error: regulated data needs a reason and a sign-off",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, phone_number text);",
      code: "-- squawk-ignore-file\n-- atlas:nolint\nALTER TABLE users DROP COLUMN phone_number;",
      config: sensitive,
      lines: [3],
      severities: ["error"],
    },
    {
      framework: "sql",
      name: "a waiver without a reason does not clear it",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, phone_number text);",
      code: "-- migguard:ignore regulated-data\nALTER TABLE users DROP COLUMN phone_number;",
      config: sensitive,
      lines: [2],
    },
    {
      framework: "sql",
      name: "schema-qualified and quoted names still match",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, phone_number text);",
      code: 'ALTER TABLE public."users" DROP COLUMN "phone_number";',
      config: sensitive,
      lines: [1],
    },
  ],
  valid: [
    { framework: "sql", name: "no sensitive list configured", code: "ALTER TABLE users DROP COLUMN phone_number;" },
    { framework: "sql", name: "a column that is not listed", code: "ALTER TABLE users DROP COLUMN nickname;", config: sensitive },
    { framework: "sql", name: "a wildcard column pattern does not match a whole table it cannot see into", code: "DROP TABLE sessions;", config: sensitive },
    { framework: "sql", name: "a table created in the same migration holds no data yet", code: "CREATE TABLE staging (ssn text);\nALTER TABLE staging DROP COLUMN ssn;", config: sensitive },
    { framework: "sql", name: "updating other columns", code: "UPDATE users SET locale = 'en' WHERE locale IS NULL;", config: sensitive },
    { framework: "sql", name: "adding a listed column", code: "ALTER TABLE users ADD COLUMN ssn text;", config: sensitive },
    {
      framework: "sql",
      name: "a waiver with a reason clears it (the App then requires a maintainer's approval)",
      code: "-- migguard:ignore regulated-data retention period over, LEGAL-123\nALTER TABLE users DROP COLUMN phone_number;",
      config: sensitive,
    },
  ],
});

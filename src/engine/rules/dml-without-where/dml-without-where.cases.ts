import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "a table an earlier migration created 2 hours before and nothing wrote to: empty, nothing to lose: a note",
      path: "db/migrations/20240110110000_reset_organization.up.sql",
      files: { "db/migrations/20240110090000_create_organization.up.sql": "CREATE TABLE organization (id bigint PRIMARY KEY, name text);\n" },
      schema: "CREATE TABLE organization (id bigint PRIMARY KEY, name text);",
      code: "DELETE FROM organization;\n",
      lines: [1],
      severities: ["info"],
      messages: ["organization was created 2 hours earlier by 20240110090000_create_organization.up.sql"],
    },
    { framework: "sql", name: "MySQL: DELETE without WHERE, the copy in MySQL's syntax", config: { database: "mariadb" }, schema: "CREATE TABLE `order` (id bigint PRIMARY KEY);", code: "DELETE FROM `order`;", lines: [1] },
    { framework: "sql", name: "DELETE without WHERE", schema: "CREATE TABLE audit_log (id bigint PRIMARY KEY, event text);", code: "DELETE FROM audit_log;", lines: [1] },
    { framework: "sql", name: "UPDATE overwriting an existing column everywhere", schema: "CREATE TABLE users (id bigint PRIMARY KEY, role text);", code: "UPDATE users SET role = 'member';", lines: [1] },
  ],
  valid: [
    { framework: "sql", name: "DELETE with WHERE", code: "DELETE FROM audit_log WHERE created_at < now() - interval '1 year';" },
    { framework: "sql", name: "backfill of a column added by this migration", code: "ALTER TABLE schedule ADD COLUMN revision integer;\nUPDATE schedule SET revision = 0;" },
    { framework: "sql", name: "table created in this migration", code: "CREATE TABLE flags (id bigint, on_ boolean);\nUPDATE flags SET on_ = true;" },
    {
      framework: "sql",
      name: "rows moved to a new table first, then deleted from the old one",
      code: "CREATE TABLE users_group (id int PRIMARY KEY, name text, description text);\nINSERT INTO users_group (SELECT id, name, '' AS description FROM auth_group);\nDELETE FROM auth_group;",
    },
    {
      framework: "sql",
      name: "old values copied to a new column first",
      code: "ALTER TABLE users ADD COLUMN role_before text;\nUPDATE users SET role_before = role;\nUPDATE users SET role = 'member';",
    },
  ],
});

import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    { framework: "sql", name: "a value derived from the column (lower(email)): the old values are gone", schema: "CREATE TABLE users (id bigint PRIMARY KEY, email text);", code: "UPDATE users SET email = lower(email);", lines: [1] },
    {
      framework: "sql",
      name: "a CASE without ELSE sets NULL in the rows no WHEN matches: their values are gone",
      schema: "CREATE TABLE evaluation_runs (id bigint PRIMARY KEY, flags jsonb, name text);",
      code: "UPDATE evaluation_runs SET flags = CASE WHEN flags IS NULL THEN '{}'::jsonb END;",
      lines: [1],
    },
    {
      framework: "sql",
      name: "a CASE that adds a jsonb key its WHEN does not prove absent (flags IS NOT NULL): an is_split already there is replaced",
      schema: "CREATE TABLE evaluation_runs (id bigint PRIMARY KEY, flags jsonb, name text);",
      code: "UPDATE evaluation_runs SET flags = CASE WHEN flags IS NOT NULL THEN flags || '{\"is_split\": false}'::jsonb ELSE flags END;",
      lines: [1],
    },
    {
      framework: "sql",
      name: "a CASE whose WHEN proves only the key ->> reads absent: a JSON null under the key is replaced",
      schema: "CREATE TABLE evaluation_runs (id bigint PRIMARY KEY, flags jsonb, name text);",
      code: "UPDATE evaluation_runs SET flags = CASE WHEN flags->>'is_split' IS NULL THEN flags || '{\"is_split\": false}'::jsonb ELSE flags END;",
      lines: [1],
    },
    { framework: "sql", name: "COALESCE over another column first: name's values are replaced", schema: "CREATE TABLE evaluation_runs (id bigint PRIMARY KEY, flags jsonb, name text);", code: "UPDATE evaluation_runs SET name = COALESCE(flags->>'name', name);", lines: [1] },
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
    {
      framework: "sql",
      name: "every value kept: a CASE that fills NULLs and adds a jsonb key its WHEN proves absent, ELSE the column (agenta's is_split), and COALESCE(col, ...)",
      code: "UPDATE evaluation_runs\nSET flags = CASE\n    WHEN flags IS NULL THEN '{\"is_split\": false}'::jsonb\n    WHEN NOT (flags ? 'is_split') THEN flags || '{\"is_split\": false}'::jsonb\n    ELSE flags\nEND,\n  name = COALESCE(name, 'run');",
    },
    {
      framework: "sql",
      name: "a key added with jsonb_build_object where flags->'key' IS NULL proves it absent",
      code: "UPDATE evaluation_runs AS r SET flags = CASE WHEN r.flags->'is_split' IS NULL THEN r.flags || jsonb_build_object('is_split', false) ELSE r.flags END;",
    },
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

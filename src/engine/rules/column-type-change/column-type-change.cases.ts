import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    { framework: "sql", name: "integer to bigint rewrites", schema: "CREATE TABLE changelog (id bigint PRIMARY KEY, operation integer);", code: "ALTER TABLE changelog ALTER COLUMN operation TYPE bigint;", lines: [1] },
    {
      framework: "sql",
      name: "a column added and retyped in the same migration: the table is rewritten all the same (the fix adds it with its final type)",
      schema: "CREATE TABLE accounts (id bigint PRIMARY KEY);",
      fixRunsAfter: "schema",
      code: "ALTER TABLE accounts ADD COLUMN balance_cents integer;\nALTER TABLE accounts ALTER COLUMN balance_cents TYPE bigint;",
      lines: [2],
    },
    { framework: "sql", name: "text to uuid with USING", schema: "CREATE TABLE events (id bigint PRIMARY KEY, content_id text);", code: "ALTER TABLE events\n  ALTER COLUMN content_id TYPE uuid USING content_id::uuid;", lines: [1] },
    { framework: "sql", name: "to text from an unknown type: a warning to check", schema: "CREATE TABLE task_index (id bigint PRIMARY KEY, task_type varchar(40));", code: "ALTER TABLE task_index ALTER COLUMN task_type TYPE text;", lines: [1] },
    {
      framework: "sql",
      name: "timestamp -> timestamptz in the session TimeZone UTC: no row rewritten (PostgreSQL 12+), a note that the column's indexes are rebuilt",
      schema: "CREATE TABLE events (id bigint PRIMARY KEY, happened_at timestamp);",
      path: "migrations/000071_tz.up.sql",
      code: "SET TIME ZONE 'UTC';\nALTER TABLE events ALTER COLUMN happened_at TYPE timestamptz USING happened_at;\n",
      files: { "migrations/000071_tz.down.sql": "SET TIME ZONE 'UTC';\nALTER TABLE events ALTER COLUMN happened_at TYPE timestamp;\n" },
      lines: [2],
    },
    {
      framework: "sql",
      name: "timestamp -> timestamptz in another time zone converts every row",
      schema: "CREATE TABLE events (id bigint PRIMARY KEY, happened_at timestamp);",
      path: "migrations/000072_tz.up.sql",
      code: "SET TIME ZONE 'Europe/Paris';\nALTER TABLE events ALTER COLUMN happened_at TYPE timestamptz;\n",
      files: { "migrations/000072_tz.down.sql": "ALTER TABLE events ALTER COLUMN happened_at TYPE timestamp;\n" },
      lines: [2],
    },
    {
      framework: "sql",
      name: "timestamp -> timestamptz in UTC, but USING an expression: PostgreSQL rewrites the table",
      schema: "CREATE TABLE events (id bigint PRIMARY KEY, happened_at timestamp);",
      path: "migrations/000073_tz.up.sql",
      code: "SET TIME ZONE 'UTC';\nALTER TABLE events ALTER COLUMN happened_at TYPE timestamptz USING happened_at AT TIME ZONE 'UTC';\n",
      files: { "migrations/000073_tz.down.sql": "ALTER TABLE events ALTER COLUMN happened_at TYPE timestamp;\n" },
      lines: [2],
    },
  ],
  valid: [
    {
      framework: "sql",
      name: "raising a varchar limit (old type from the down)",
      path: "migrations/000070_len.up.sql",
      code: "ALTER TABLE post_report ALTER COLUMN original_post_name TYPE varchar(200);",
      files: { "migrations/000070_len.down.sql": "ALTER TABLE post_report ALTER COLUMN original_post_name TYPE varchar(100);" },
    },
    { framework: "sql", name: "varchar to text (known from earlier in the migration)", code: "ALTER TABLE notes ADD COLUMN body varchar(200);\nALTER TABLE notes ALTER COLUMN body TYPE text;" },
    { framework: "sql", name: "a table created in this migration", code: "CREATE TABLE t (n integer);\nALTER TABLE t ALTER COLUMN n TYPE bigint;" },
  ],
});

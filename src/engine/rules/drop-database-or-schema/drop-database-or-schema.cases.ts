import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    { framework: "sql", name: "MySQL: no database rename there, so the tables move to another database", config: { database: "mysql" }, schema: "CREATE DATABASE analytics;\nCREATE TABLE analytics.events (id bigint PRIMARY KEY);", code: "DROP DATABASE analytics;", lines: [1] },
    { framework: "sql", name: "drop database", schema: "CREATE DATABASE analytics;", code: "DROP DATABASE analytics;", lines: [1] },
    {
      framework: "sql",
      name: "DROP SCHEMA IF EXISTS ... CASCADE: the rename runs only when the schema is there (ALTER SCHEMA has no IF EXISTS)",
      schema: "",
      code: "DROP SCHEMA IF EXISTS r CASCADE;",
      lines: [1],
      fixes: ["-- rename it instead (when it exists) and drop it later, after a backup:\nDO $$\nBEGIN\n  IF EXISTS (SELECT FROM pg_namespace WHERE nspname = 'r') THEN\n    ALTER SCHEMA r RENAME TO r_deprecated;\n  END IF;\nEND $$;"],
    },
    { framework: "sql", name: "drop schema cascade", schema: "CREATE SCHEMA reporting;\nCREATE TABLE reporting.daily (day date);", code: "DROP SCHEMA reporting CASCADE;", lines: [1] },
  ],
  valid: [
    { framework: "sql", name: "drop an empty schema without cascade", code: "DROP SCHEMA IF EXISTS scratch;" },
    { framework: "sql", name: "schema created in this migration", code: "CREATE SCHEMA tmp;\nDROP SCHEMA tmp CASCADE;" },
  ],
});

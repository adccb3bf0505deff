import { productionSnapshot } from "../../testing/production-fixtures.js";
import { defineCases } from "../support/rule.js";

export const PRODUCTION = productionSnapshot({
  users: { rows: 50_000, columns: { id: { type: "bigint", notNull: true }, email: { type: "character varying(255)" } } },
});

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "a table production does not have: the commands name one snapshot file and the migration's folder, no placeholders",
      schema: "CREATE TABLE user_archive (id bigint PRIMARY KEY);",
      path: "db/migrations/003_archive_note.sql",
      code: "ALTER TABLE user_archive ADD COLUMN note text;",
      snapshot: PRODUCTION,
      lines: [1],
      fixes: [
        [
          "-- if user_archive was created in production after 2026-11-27, refresh the snapshot:",
          '--   migguard snapshot --database-url "$PRODUCTION_READONLY_URL" --out production-snapshot.json',
          "-- otherwise find where production and the migrations differ:",
          "--   migguard drift --snapshot production-snapshot.json db/migrations",
        ].join("\n"),
      ],
    },
    {
      framework: "sql",
      name: "a column production does not have",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY, phone text);",
      code: "SET lock_timeout = '5s';\nALTER TABLE users ALTER COLUMN phone TYPE varchar(40);",
      snapshot: PRODUCTION,
      lines: [2],
    },
  ],
  valid: [
    {
      framework: "sql",
      name: "created earlier in the same migration",
      code: "CREATE TABLE user_archive (id bigint);\nALTER TABLE user_archive ADD COLUMN note text;\nALTER TABLE users ADD COLUMN phone text;\nCREATE INDEX CONCURRENTLY users_phone_idx ON users (phone);",
      snapshot: PRODUCTION,
    },
    {
      framework: "sql",
      name: "created by another migration of the change",
      code: "ALTER TABLE user_archive ADD COLUMN note text;",
      path: "db/migrations/002_archive_note.sql",
      files: { "db/migrations/001_archive.sql": "CREATE TABLE user_archive (id bigint);\n" },
      snapshot: PRODUCTION,
    },
    { framework: "sql", name: "IF EXISTS tolerates its absence", code: "DROP TABLE IF EXISTS user_archive;", snapshot: PRODUCTION },
    { framework: "sql", name: "no production snapshot given", code: "ALTER TABLE user_archive ADD COLUMN note text;" },
  ],
});

import { defineCases } from "./rule.js";

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "up creates a table and an index, down drops only the index",
      path: "migrations/000030_tags.up.sql",
      code: "CREATE TABLE tags (id bigint PRIMARY KEY, name text);\nCREATE INDEX tags_name_idx ON post_tags (name);",
      files: { "migrations/000030_tags.down.sql": "DROP INDEX tags_name_idx;" },
      lines: [1],
    },
    {
      framework: "sql",
      name: "rename not reversed",
      path: "db/migrations/00031_rename.sql",
      code: "-- +goose Up\nALTER TABLE users RENAME COLUMN mail TO email;\nALTER TABLE users ADD COLUMN verified boolean;\n-- +goose Down\nALTER TABLE users DROP COLUMN verified;\n",
      lines: [2],
    },
  ],
  valid: [
    {
      framework: "sql",
      name: "down reverses everything",
      path: "migrations/000030_tags.up.sql",
      code: "CREATE TABLE tags (id bigint PRIMARY KEY, name text);\nCREATE INDEX CONCURRENTLY tags_name_idx ON post_tags (name);",
      files: { "migrations/000030_tags.down.sql": "DROP INDEX CONCURRENTLY tags_name_idx;\nDROP TABLE tags;" },
    },
    {
      framework: "sql",
      name: "dropping the table also drops its indexes and constraints",
      path: "migrations/000032_t.up.sql",
      code: "CREATE TABLE t (id bigint);\nCREATE INDEX t_id_idx ON t (id);\nALTER TABLE t ADD CONSTRAINT t_id_check CHECK (id > 0);",
      files: { "migrations/000032_t.down.sql": "DROP TABLE t;" },
    },
    {
      framework: "sql",
      name: "a DO block in the down may undo anything: not judged",
      path: "migrations/000033_t.up.sql",
      code: "CREATE TABLE t2 (id bigint);",
      files: { "migrations/000033_t.down.sql": "DO $$ BEGIN EXECUTE 'DROP TABLE t2'; END $$;" },
    },
  ],
});

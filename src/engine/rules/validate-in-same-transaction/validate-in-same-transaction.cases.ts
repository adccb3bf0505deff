import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "NOT VALID and VALIDATE in one goose transaction",
      schema: "CREATE TABLE sets (id bigint PRIMARY KEY);\nCREATE TABLE links (id bigint PRIMARY KEY, set_id bigint);",
      path: "db/migrations/00080_fk.sql",
      code: "-- +goose Up\nALTER TABLE links ADD CONSTRAINT links_fk FOREIGN KEY (set_id) REFERENCES sets (id) NOT VALID;\nALTER TABLE links VALIDATE CONSTRAINT links_fk;\n-- +goose Down\nALTER TABLE links DROP CONSTRAINT links_fk;\n",
      lines: [3],
    },
  ],
  valid: [
    {
      framework: "sql",
      name: "a NOT NULL column without a default in the same transaction proves the table empty: the validation has no rows to scan",
      schema: "CREATE TABLE sets (id bigint PRIMARY KEY);\nCREATE TABLE links (id bigint PRIMARY KEY, set_id bigint);",
      path: "db/migrations/00082_fk.sql",
      code: "-- +goose Up\nALTER TABLE links ADD CONSTRAINT links_fk FOREIGN KEY (set_id) REFERENCES sets (id) NOT VALID;\nALTER TABLE links VALIDATE CONSTRAINT links_fk;\nALTER TABLE links ADD COLUMN kind text NOT NULL;\n-- +goose Down\nALTER TABLE links DROP COLUMN kind;\nALTER TABLE links DROP CONSTRAINT links_fk;\n",
    },
    {
      framework: "sql",
      name: "committed in between",
      path: "db/migrations/00081_fk.sql",
      code: "-- +goose NO TRANSACTION\n-- +goose Up\nALTER TABLE links ADD CONSTRAINT links_fk FOREIGN KEY (set_id) REFERENCES sets (id) NOT VALID;\nALTER TABLE links VALIDATE CONSTRAINT links_fk;\n-- +goose Down\nALTER TABLE links DROP CONSTRAINT links_fk;\n",
    },
    { framework: "sql", name: "validate alone", code: "ALTER TABLE links VALIDATE CONSTRAINT links_fk;" },
  ],
});

import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "MySQL: strict mode makes the ALTER refuse a value that does not fit instead of cutting it",
      config: { database: "mysql" },
      schema: "CREATE TABLE posts (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY, title varchar(255) NOT NULL);\nINSERT INTO posts (title) VALUES ('fits');",
      path: "db/migrations/000002_title.up.sql",
      code: "ALTER TABLE posts MODIFY title varchar(100) NOT NULL;",
      files: { "db/migrations/000001_posts.up.sql": "CREATE TABLE posts (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY, title varchar(255) NOT NULL) ENGINE=InnoDB;" },
      lines: [1],
    },
    {
      framework: "sql",
      name: "varchar limit lowered (old type read from the down)",
      schema: "CREATE TABLE post_report (id bigint PRIMARY KEY, original_post_name varchar(200));",
      path: "migrations/000040_name.up.sql",
      code: "ALTER TABLE post_report ALTER COLUMN original_post_name TYPE varchar(100);",
      files: { "migrations/000040_name.down.sql": "ALTER TABLE post_report ALTER COLUMN original_post_name TYPE varchar(200);" },
      lines: [1],
    },
    { framework: "sql", name: "bigint to integer (old type from the same migration)", schema: "CREATE TABLE t (id bigint PRIMARY KEY);", code: "ALTER TABLE t ADD COLUMN n bigint;\nALTER TABLE t ALTER COLUMN n TYPE integer;", lines: [2] },
    {
      framework: "sql",
      name: "the primary key narrowed (bigint id to integer): the copy is the whole table, never its id twice",
      schema: "CREATE TABLE tag_versions (id bigint PRIMARY KEY, tag_id bigint NOT NULL);\nINSERT INTO tag_versions VALUES (1, 2);",
      path: "migrations/000002_ids.up.sql",
      code: "ALTER TABLE tag_versions ALTER COLUMN id TYPE integer;",
      files: { "migrations/000001_tag_versions.up.sql": "CREATE TABLE tag_versions (id bigint PRIMARY KEY, tag_id bigint NOT NULL);" },
      lines: [1],
    },
  ],
  valid: [
    { framework: "sql", name: "a column of a table the same migration drops afterwards: drop-table reports the data loss", code: "ALTER TABLE users ALTER COLUMN bio TYPE varchar(20);\nDROP TABLE users;" },
    {
      framework: "sql",
      name: "varchar limit raised",
      path: "migrations/000041_name.up.sql",
      code: "ALTER TABLE post_report ALTER COLUMN original_post_name TYPE varchar(200);",
      files: { "migrations/000041_name.down.sql": "ALTER TABLE post_report ALTER COLUMN original_post_name TYPE varchar(100);" },
    },
    { framework: "sql", name: "old type unknown: no guess", code: "ALTER TABLE t ALTER COLUMN n TYPE integer;" },
  ],
});

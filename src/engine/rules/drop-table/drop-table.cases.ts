import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "a table an earlier migration created 20 hours before and nothing wrote to: no rows to lose: a note",
      path: "db/migrations/20240111050000_drop_addfiletotar.up.sql",
      files: { "db/migrations/20240110090000_create_addfiletotar.up.sql": "CREATE TABLE addfiletotar (id bigint PRIMARY KEY, file text);\n" },
      schema: "CREATE TABLE addfiletotar (id bigint PRIMARY KEY, file text);",
      code: "DROP TABLE addfiletotar;\n",
      lines: [1],
      severities: ["info"],
      messages: ["addfiletotar was created 20 hours earlier by 20240110090000_create_addfiletotar.up.sql"],
    },
    {
      framework: "sql",
      name: "Prisma: the schema still has a model that maps the table (@@map): the client queries it, the error cites the model",
      path: "prisma/migrations/20250526094442_remove_v2/migration.sql",
      schema: 'CREATE TABLE "JobVersion" (id text PRIMARY KEY);',
      code: 'DROP TABLE "JobVersion";\n',
      files: { "prisma/schema.prisma": 'model Version {\n  id String @id\n\n  @@map("JobVersion")\n}\n', "app/labels.tsx": 'export const Label = () => <span title="JobVersion">Job version</span>;\n' },
      lines: [1],
      severities: ["error"],
      messages: ["The Prisma schema still declares it (prisma/schema.prisma:1: model Version {)"],
    },
    {
      framework: "sql",
      name: "Prisma: no model maps the table any more and its name is only a label: the planned last step, a note with the copy",
      path: "prisma/migrations/20250526094442_remove_v2/migration.sql",
      schema: 'CREATE TABLE "JobVersion" (id text PRIMARY KEY);',
      code: 'DROP TABLE "JobVersion";\n',
      files: { "prisma/schema.prisma": "model Job {\n  id String @id\n}\n", "app/labels.tsx": 'export const Label = () => <span title="JobVersion">Job version</span>;\nexport type JobVersion = { id: string };\n' },
      lines: [1],
      severities: ["info"],
      messages: ["none of the 1 source file of application code read names JobVersion in SQL on JobVersion"],
    },
    { framework: "sql", name: "drop a live table", schema: "CREATE TABLE category (id bigint PRIMARY KEY, name text);", code: "DROP TABLE category;", lines: [1] },
    { framework: "sql", name: "several tables, one statement", schema: "CREATE TABLE a (id bigint PRIMARY KEY);\nCREATE TABLE b (a_id bigint REFERENCES a (id));", code: "SET lock_timeout = '2s';\nDROP TABLE IF EXISTS a, b CASCADE;", lines: [2, 2] },
    { framework: "sql", name: "dropped and created again empty: the rows are gone", schema: "CREATE TABLE user_stats (user_id bigint PRIMARY KEY, posts int);", code: "DROP TABLE user_stats;\nCREATE TABLE user_stats (user_id bigint PRIMARY KEY, posts int);", lines: [1] },
  ],
  valid: [
    {
      framework: "sql",
      name: "the table's rows moved into another table first, through a subquery in UPDATE ... SET",
      code: "ALTER TABLE dependencies ADD COLUMN version_id integer;\nUPDATE dependencies SET version_id = (SELECT version_id FROM requirements WHERE requirements.dependency_id = dependencies.id);\nDROP TABLE requirements;",
    },
    {
      framework: "sql",
      name: "an aggregate table dropped and rebuilt from its sources (CREATE TABLE ... AS SELECT)",
      code: "DROP TABLE IF EXISTS user_stats;\nCREATE TABLE user_stats AS\n  SELECT u.id AS user_id, count(p.id) AS posts FROM users u LEFT JOIN posts p ON p.user_id = u.id GROUP BY u.id;",
    },
    {
      framework: "sql",
      name: "a cache table dropped, created and refilled from other tables",
      code: "DROP TABLE post_aggregates;\nCREATE TABLE post_aggregates (post_id int PRIMARY KEY, comments bigint NOT NULL DEFAULT 0);\nINSERT INTO post_aggregates (post_id, comments)\n  SELECT p.id, count(c.id) FROM post p LEFT JOIN comment c ON c.post_id = p.id GROUP BY p.id;",
    },
    { framework: "sql", name: "table copied first", code: "CREATE TABLE category_backup AS SELECT * FROM category;\nDROP TABLE category;" },
    { framework: "sql", name: "a table created in the same migration", code: "CREATE TABLE tmp_ids (id bigint);\nDROP TABLE tmp_ids;" },
    { framework: "sql", name: "waived for the whole file", code: "-- migguard:ignore-file drop-table the table was empty and unused since 2019\nDROP TABLE legacy_reports;" },
  ],
});

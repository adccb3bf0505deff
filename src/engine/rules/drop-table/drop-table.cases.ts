import { defineCases } from "../support/rule.js";

/** linkwarden's NextAuth Account table as Prisma writes it: a named primary key and a unique index, names a renamed table keeps */
const ACCOUNT_TABLE =
  'CREATE TABLE "Account" (\n    "id" TEXT NOT NULL,\n    "provider" TEXT NOT NULL,\n    "providerAccountId" TEXT NOT NULL,\n\n    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")\n);\nCREATE UNIQUE INDEX "Account_provider_providerAccountId_key" ON "Account"("provider", "providerAccountId");\n';

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "rows inserted after the NOT NULL column that proved the table empty: the drop loses them",
      path: "db/migrations/000002_drop_drafts.up.sql",
      schema: "CREATE TABLE drafts (id serial PRIMARY KEY);\nCREATE TABLE users (id integer PRIMARY KEY);",
      code: "ALTER TABLE drafts ADD COLUMN owner_id integer NOT NULL;\nINSERT INTO drafts (owner_id) SELECT id FROM users;\nDROP TABLE drafts;\n",
      lines: [3],
    },
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
    {
      framework: "sql",
      name: "Prisma drops the table's enum after it (langfuse 20240606093356): the copy keeps each row as jsonb, which depends on no type, so the DROP TYPE still runs",
      path: "prisma/migrations/20240606093356_drop_unused_pricings_table/migration.sql",
      schema: 'CREATE TYPE "PricingUnit" AS ENUM (\'PER_1000_CHARS\', \'TOKENS\');\nCREATE TABLE "pricings" (id text PRIMARY KEY, pricing_unit "PricingUnit" NOT NULL);\nINSERT INTO "pricings" VALUES (\'p\', \'TOKENS\');',
      code: '-- DropTable\nDROP TABLE "pricings";\n\n-- DropEnum\nDROP TYPE "PricingUnit";\n',
      files: { "prisma/schema.prisma": "model Trace {\n  id String @id\n}\n", "app/labels.tsx": "export const Label = () => null;\n" },
      lines: [2],
      severities: ["info"],
      messages: ["planned last step"],
      afterFix: { query: "SELECT (SELECT string_agg(data_type, ',') FROM information_schema.columns WHERE table_name = 'pricings_backup_20240606093356') AS types, (SELECT row->>'pricing_unit' FROM pricings_backup_20240606093356) AS unit", rows: [{ types: "jsonb", unit: "TOKENS" }] },
    },
    {
      framework: "sql",
      name: "a live table whose type the migration drops after it: the renamed table still uses the type, so the DROP TYPE moves with the later DROP TABLE",
      schema: "CREATE TYPE unit AS ENUM ('a', 'b');\nCREATE TABLE prices (id bigint PRIMARY KEY, unit unit);",
      code: "DROP TABLE prices;\nDROP TYPE unit;",
      lines: [1],
      fixes: [
        "-- 1. Remove every use of prices from the application and deploy.\n-- 2. Keep the data until you are sure nothing needs it:\nALTER TABLE prices RENAME TO prices_deprecated;\n-- 3. Drop the renamed table in a later migration.\n-- the renamed table still uses its types: move line 2 (DROP TYPE) to that later migration, after its DROP TABLE",
      ],
    },
    { framework: "sql", name: "drop a live table", schema: "CREATE TABLE category (id bigint PRIMARY KEY, name text);", code: "DROP TABLE category;", lines: [1] },
    { framework: "sql", name: "several tables, one statement", schema: "CREATE TABLE a (id bigint PRIMARY KEY);\nCREATE TABLE b (a_id bigint REFERENCES a (id));", code: "SET lock_timeout = '2s';\nDROP TABLE IF EXISTS a, b CASCADE;", lines: [2, 2] },
    {
      framework: "sql",
      name: "dropped and created again empty in the same migration: the rows are gone (a warning: no code finds the table missing), and the fix that renames the table aside (with its indexes) leaves the CREATE TABLE after it running",
      schema: "CREATE TABLE user_stats (user_id bigint PRIMARY KEY, posts int);",
      code: "DROP TABLE user_stats;\nCREATE TABLE user_stats (user_id bigint PRIMARY KEY, posts int);",
      lines: [1],
      severities: ["warning"],
      messages: ["This migration, at line 2, creates table user_stats again. Code that names it finds it when the migration ends, so only the rows are lost."],
      thenRuns: "CREATE TABLE user_stats (user_id bigint PRIMARY KEY, posts int);",
    },
    {
      framework: "sql",
      name: "linkwarden 20231027195438: Prisma drops Account and a later migration creates it again: the schema's model is the new table's, so no claim that running code reads this one; the fix renames the table and its indexes aside, so the later CREATE TABLE with CONSTRAINT \"Account_pkey\" runs",
      path: "prisma/migrations/20231027195438_remove_unnecessary_tables/migration.sql",
      files: {
        "prisma/migrations/20230719181459_init/migration.sql": ACCOUNT_TABLE,
        "prisma/migrations/20231108232127_recreate_table_account/migration.sql": ACCOUNT_TABLE,
        "prisma/schema.prisma": 'model Account {\n  id                String  @id @default(cuid())\n  provider          String\n  providerAccountId String\n\n  @@unique([provider, providerAccountId])\n}\n',
        "app/accounts.ts": "export const accounts = (prisma) => prisma.account.findMany();\n",
      },
      schema: ACCOUNT_TABLE,
      code: 'DROP TABLE "Account";\n',
      lines: [1],
      severities: ["error"],
      messages: [
        "prisma/migrations/20231108232127_recreate_table_account/migration.sql:1 creates table Account again. What names it today (prisma/schema.prisma:1) reads that one, not this one. Code that used the dropped one can only have run between the two migrations",
      ],
      fixes: [
        '-- prisma/migrations/20231108232127_recreate_table_account/migration.sql:1 creates table Account again, so Account cannot stay under its name. Keep its rows under another name, and its indexes too\n-- (the primary key\'s and unique constraints\' among them): a renamed table keeps their names, which that step creates again:\nALTER TABLE "Account" RENAME TO "Account_deprecated";\nDO $$ DECLARE i record; BEGIN\n  FOR i IN SELECT c.relname FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid WHERE x.indrelid = \'"Account_deprecated"\'::regclass LOOP\n    EXECUTE format(\'ALTER INDEX %I RENAME TO %I\', i.relname, left(i.relname, 52) || \'_deprecated\');\n  END LOOP;\nEND $$;\n-- drop "Account_deprecated" in a later migration, once nobody misses the rows',
      ],
      thenRuns: ACCOUNT_TABLE,
    },
  ],
  valid: [
    {
      framework: "sql",
      name: "a table the same migration proved empty (a NOT NULL column without a default added before the drop): no rows to lose",
      path: "db/migrations/000002_drop_drafts.up.sql",
      code: "ALTER TABLE drafts ADD COLUMN owner_id integer NOT NULL;\nDROP TABLE drafts;\n",
    },
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
    {
      framework: "sql",
      name: "the table's rows copied into another table by INSERT ... SELECT before the drop (tasking-manager's tags -> campaigns)",
      code: "INSERT INTO campaigns (name) SELECT DISTINCT campaigns FROM tags WHERE campaigns IS NOT NULL;\nDROP TABLE tags;",
    },
    { framework: "sql", name: "table copied first", code: "CREATE TABLE category_backup AS SELECT * FROM category;\nDROP TABLE category;" },
    { framework: "sql", name: "a table created in the same migration", code: "CREATE TABLE tmp_ids (id bigint);\nDROP TABLE tmp_ids;" },
    { framework: "sql", name: "waived for the whole file", code: "-- migguard:ignore-file drop-table the table was empty and unused since 2019\nDROP TABLE legacy_reports;" },
  ],
});

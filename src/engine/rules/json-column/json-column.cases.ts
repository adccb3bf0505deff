import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "ADD COLUMN ... json on a live table",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY);",
      code: "ALTER TABLE users ADD COLUMN settings json;",
      files: {
        "app/reports.py": 'from django.db import connection\n\n\ndef buyers():\n    with connection.cursor() as cursor:\n        cursor.execute("""\n            SELECT DISTINCT u.*\n            FROM users u JOIN orders o ON o.user_id = u.id\n        """)\n        return cursor.fetchall()\n',
      },
      lines: [1],
      severities: ["warning"],
      messages: ["The application's code runs such a query over users: app/reports.py:7"],
    },
    {
      framework: "sql",
      name: "the code read compares no rows of the table (langfuse's datasets: only UNION ALL): a note",
      schema: "CREATE TABLE datasets (id text PRIMARY KEY);",
      code: 'ALTER TABLE "datasets" ADD COLUMN "input_schema" JSON;',
      files: {
        "web/src/datasets.ts": 'export const runs = (db: Db) =>\n  db.$queryRaw`\n    SELECT id, input_schema FROM datasets WHERE project_id = ${1}\n    UNION ALL\n    SELECT id, input_schema FROM datasets WHERE project_id = ${2}\n  `;\n',
      },
      lines: [1],
      severities: ["info"],
      messages: ["migguard searched the application's code and found no SELECT DISTINCT or UNION over whole rows of datasets"],
    },
    {
      framework: "sql",
      name: "COUNT(DISTINCT ...) and GROUP BY d.id name their columns (langfuse's dataset metrics): the new column is in neither, a note",
      schema: "CREATE TABLE datasets (id text PRIMARY KEY);",
      code: 'ALTER TABLE "datasets" ADD COLUMN "input_schema" JSON;',
      files: {
        "web/src/metrics.ts": 'export const metrics = (db: Db) =>\n  db.$queryRaw`\n    SELECT d.id, COUNT(DISTINCT dr.id) AS "countDatasetRuns"\n    FROM datasets d\n    LEFT JOIN dataset_runs dr ON d.id = dr.dataset_id\n    GROUP BY d.id\n  `;\n',
      },
      lines: [1],
      severities: ["info"],
    },
    {
      framework: "sql",
      name: "no application code read: whether a query compares rows is not known, a note that says so",
      schema: "CREATE TABLE users (id bigint PRIMARY KEY);",
      code: "ALTER TABLE users ADD COLUMN settings json;",
      lines: [1],
      severities: ["info"],
      messages: ["migguard did not read the application's code"],
    },
    {
      framework: "sql",
      name: "one ALTER adding several columns (langfuse 20251104091248): the fix keeps every column, each json one as jsonb",
      schema: "CREATE TABLE datasets (id text PRIMARY KEY);",
      code: 'ALTER TABLE "datasets"\nADD COLUMN "expected_output_schema" JSON,\nADD COLUMN "input_schema" JSON,\nADD COLUMN "note" TEXT;',
      lines: [1, 1],
      fixes: [
        "ALTER TABLE datasets ADD COLUMN expected_output_schema jsonb, ADD COLUMN input_schema jsonb, ADD COLUMN note text;",
        "ALTER TABLE datasets ADD COLUMN expected_output_schema jsonb, ADD COLUMN input_schema jsonb, ADD COLUMN note text;",
      ],
    },
    {
      framework: "sql",
      name: "a Prisma migration: the fix names each field schema.prisma declares @db.Json (its line as written), which must say @db.JsonB, or the next migrate dev writes json back",
      path: "prisma/migrations/20251104091248_add_dataset_schema_enforcement/migration.sql",
      schema: "CREATE TABLE datasets (id text PRIMARY KEY);",
      code: '-- AlterTable\nALTER TABLE "datasets"\nADD COLUMN "expected_output_schema" JSON,\nADD COLUMN "input_schema" JSON;\n',
      files: {
        "prisma/schema.prisma":
          'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n\nmodel Dataset {\n  id                   String @id\n  inputSchema          Json?  @map("input_schema") @db.Json\n  expectedOutputSchema Json?  @map("expected_output_schema") @db.Json\n\n  @@map("datasets")\n}\n',
      },
      lines: [2, 2],
      fixes: [
        '-- with schema.prisma, or Prisma\'s next migrate dev changes the column back to json:\n-- prisma/schema.prisma:9: expectedOutputSchema Json?  @map("expected_output_schema") @db.Json -> @db.JsonB\n-- prisma/schema.prisma:8: inputSchema          Json?  @map("input_schema") @db.Json -> @db.JsonB\nALTER TABLE datasets ADD COLUMN expected_output_schema jsonb, ADD COLUMN input_schema jsonb;',
        '-- with schema.prisma, or Prisma\'s next migrate dev changes the column back to json:\n-- prisma/schema.prisma:9: expectedOutputSchema Json?  @map("expected_output_schema") @db.Json -> @db.JsonB\n-- prisma/schema.prisma:8: inputSchema          Json?  @map("input_schema") @db.Json -> @db.JsonB\nALTER TABLE datasets ADD COLUMN expected_output_schema jsonb, ADD COLUMN input_schema jsonb;',
      ],
    },
    {
      framework: "sql",
      name: "a Prisma migration linted without its schema: the fix says the field is to change too, and that the schema was not read",
      path: "prisma/migrations/20251104091248_add_dataset_schema_enforcement/migration.sql",
      schema: "CREATE TABLE datasets (id text PRIMARY KEY);",
      code: '-- AlterTable\nALTER TABLE "datasets" ADD COLUMN "input_schema" JSON;\n',
      lines: [2],
      fixes: ["-- with schema.prisma, or Prisma's next migrate dev changes the column back to json:\n-- datasets.input_schema: its field in schema.prisma (not read here) must say @db.JsonB instead of @db.Json\nALTER TABLE datasets ADD COLUMN input_schema jsonb;"],
    },
  ],
  valid: [
    { framework: "sql", name: "jsonb", code: "ALTER TABLE users ADD COLUMN settings jsonb;" },
    { framework: "sql", name: "json in a new table", code: "CREATE TABLE audits (id bigint, payload json);\nALTER TABLE audits ADD COLUMN extra json;" },
  ],
});

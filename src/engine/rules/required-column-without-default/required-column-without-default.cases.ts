import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "Atlas's atlas:nolint MF103 (non-nullable column on an existing table) waived it: a note that names the waiver",
      schema: "CREATE TABLE charge_flat_fee_credit_allocations (id bigint PRIMARY KEY);",
      code: '-- modify "charge_flat_fee_credit_allocations" table\n-- atlas:nolint MF103\nALTER TABLE "charge_flat_fee_credit_allocations" ADD COLUMN "type" character varying NOT NULL;\n',
      lines: [3],
      severities: ["info"],
      messages: ["(waived by atlas:nolint MF103 on line 2)"],
    },
    {
      framework: "sql",
      name: "squawk-ignore adding-required-field waived it; squawk-ignore of another rule does not",
      schema: "CREATE TABLE accounts (id bigint PRIMARY KEY);",
      code: "-- squawk-ignore adding-required-field\nALTER TABLE accounts ADD COLUMN region text NOT NULL;\n-- squawk-ignore prefer-text-field\nALTER TABLE accounts ADD COLUMN tier integer NOT NULL;",
      lines: [2, 4],
      severities: ["info", "error"],
    },
    {
      framework: "sql",
      name: "one ALTER TABLE adding several NOT NULL columns: one finding for the statement, naming every column",
      schema: 'CREATE TABLE "OrganisationClaim" (id text PRIMARY KEY);',
      code: 'ALTER TABLE "OrganisationClaim" ADD COLUMN "apiQuota" INTEGER,\nADD COLUMN "apiRateLimits" JSONB NOT NULL DEFAULT \'[]\'::jsonb,\nADD COLUMN "recipientCount" INTEGER NOT NULL DEFAULT 0;\nALTER TABLE "OrganisationClaim" ALTER COLUMN "apiRateLimits" DROP DEFAULT,\nALTER COLUMN "recipientCount" DROP DEFAULT;\n',
      lines: [1],
    },
    { framework: "sql", name: "two NOT NULL columns without defaults in one statement", schema: "CREATE TABLE accounts (id bigint PRIMARY KEY);", code: "ALTER TABLE accounts ADD COLUMN region text NOT NULL, ADD COLUMN tier integer NOT NULL;", lines: [1] },
    { framework: "sql", name: "NOT NULL without default", schema: "CREATE TABLE accounts (id bigint PRIMARY KEY);", code: "ALTER TABLE accounts ADD COLUMN region text NOT NULL;", lines: [1] },
    {
      framework: "sql",
      name: "a type named with quotes keeps its quotes and case in the fix (\"JobKind\" is not jobkind)",
      schema: 'CREATE TYPE "JobKind" AS ENUM (\'A\');\nCREATE TABLE "Job" (id bigint PRIMARY KEY);',
      code: 'ALTER TABLE "Job" ADD COLUMN "kind" "JobKind" NOT NULL;',
      lines: [1],
      fixes: [
        [
          "-- add it nullable, fill it for existing rows, then make it NOT NULL without a long lock:",
          'ALTER TABLE "Job" ADD COLUMN kind "JobKind";',
          "-- (fill kind for existing rows here, in batches)",
          'ALTER TABLE "Job" ADD CONSTRAINT "Job_kind_not_null" CHECK (kind IS NOT NULL) NOT VALID;',
          'ALTER TABLE "Job" VALIDATE CONSTRAINT "Job_kind_not_null";',
          'ALTER TABLE "Job" ALTER COLUMN kind SET NOT NULL;  -- PostgreSQL 12+ uses the valid CHECK instead of scanning',
          'ALTER TABLE "Job" DROP CONSTRAINT "Job_kind_not_null";',
        ].join("\n"),
      ],
    },
    {
      framework: "sql",
      name: "MySQL: the ALTER runs, but rows get '' silently and old inserts fail; TEXT takes its default as an expression",
      config: { database: "mysql" },
      schema: "CREATE TABLE accounts (id bigint PRIMARY KEY);\nINSERT INTO accounts VALUES (1);",
      code: "ALTER TABLE accounts ADD COLUMN region text NOT NULL;\nALTER TABLE accounts ADD COLUMN `rank` int NOT NULL;",
      lines: [1, 2],
    },
    {
      framework: "sql",
      name: "MariaDB: a type with no neutral value is added nullable, filled, then made NOT NULL in place",
      config: { database: "mariadb" },
      schema: "CREATE TABLE accounts (id bigint PRIMARY KEY);",
      code: "ALTER TABLE accounts ADD COLUMN opened_on date NOT NULL;",
      lines: [1],
    },
  ],
  valid: [
    { framework: "sql", name: "NOT NULL with a constant default", code: "ALTER TABLE accounts ADD COLUMN region text NOT NULL DEFAULT 'eu';" },
    { framework: "sql", name: "nullable", code: "ALTER TABLE accounts ADD COLUMN region text;" },
    { framework: "sql", name: "new table", code: "CREATE TABLE a (id int);\nALTER TABLE a ADD COLUMN region text NOT NULL;" },
    { framework: "sql", name: "MySQL: NOT NULL with a default", config: { database: "mysql" }, code: "ALTER TABLE accounts ADD COLUMN region varchar(8) NOT NULL DEFAULT 'eu';" },
  ],
});

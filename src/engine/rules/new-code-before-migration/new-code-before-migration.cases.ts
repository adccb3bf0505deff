import { defineCases } from "../support/rule.js";

/** a Prisma project: its JobVersion table, and a deploy script that pushes the code, then migrates as a task */
const JOB_VERSION_TABLE = 'CREATE TABLE "JobVersion" ("id" TEXT NOT NULL, CONSTRAINT "JobVersion_pkey" PRIMARY KEY ("id"));\n';
const PATH = "prisma/migrations/20240201000000_add_version/migration.sql";
const files = (fields: string) => ({
  "prisma/migrations/20240101000000_init/migration.sql": JOB_VERSION_TABLE,
  "prisma/schema.prisma": `model JobVersion {\n  id      String @id\n${fields}}\n`,
  "deploy.sh": "#!/bin/sh\ncf push jobs --strategy rolling\ncf run-task jobs --command 'npx prisma migrate deploy' --name migrate\n",
});

export default defineCases({
  invalid: [
    {
      framework: "sql",
      name: "Prisma: the deploy pushes the code, then runs prisma migrate deploy; the schema at head declares the field, which the client selects in every query of JobVersion",
      path: PATH,
      files: files("  version String?\n"),
      schema: `${JOB_VERSION_TABLE}INSERT INTO "JobVersion" VALUES ('a');`,
      code: 'ALTER TABLE "JobVersion" ADD COLUMN "version" TEXT;\n',
      lines: [1],
      severities: ["error"],
      messages: ["New code is live before this migration runs: JobVersion (prisma/schema.prisma:3) declares version, so Prisma's client selects JobVersion.version in every query of JobVersion"],
      fixes: [
        [
          "-- the new code is live before `prisma migrate deploy` runs (the deploy pushes it first): the column ships a release ahead of the schema field that selects it.",
          "-- Release 1: this migration, with version left out of the schema:",
          'ALTER TABLE "JobVersion" ADD COLUMN "version" TEXT;',
          "-- Release 2: the schema declares version. Or run the migrations before the code is pushed, in one release",
        ].join("\n"),
      ],
    },
    {
      framework: "sql",
      name: "Prisma: a NOT NULL column without a default is added NULL-able in release 1 and made NOT NULL in release 2 without a long lock",
      path: PATH,
      files: files("  version String\n"),
      schema: JOB_VERSION_TABLE,
      code: 'ALTER TABLE "JobVersion" ADD COLUMN "version" TEXT NOT NULL;\n',
      lines: [1],
      fixes: [
        [
          "-- the new code is live before `prisma migrate deploy` runs (the deploy pushes it first): the column ships a release ahead of the schema field that selects it.",
          "-- Release 1: this migration, with version left out of the schema and version NULL-able (that release's inserts leave it out):",
          'ALTER TABLE "JobVersion" ADD COLUMN version text;',
          "-- Release 2: the schema declares version, and a new migration makes it NOT NULL once every row has a value (fill the rows release 1 inserted first):",
          'ALTER TABLE "JobVersion" ADD CONSTRAINT "JobVersion_version_not_null" CHECK (version IS NOT NULL) NOT VALID;',
          'ALTER TABLE "JobVersion" VALIDATE CONSTRAINT "JobVersion_version_not_null";',
          'ALTER TABLE "JobVersion" ALTER COLUMN version SET NOT NULL;  -- PostgreSQL 12+ uses the valid CHECK instead of scanning',
          'ALTER TABLE "JobVersion" DROP CONSTRAINT "JobVersion_version_not_null";',
        ].join("\n"),
      ],
    },
  ],
  valid: [
    {
      framework: "sql",
      name: "Prisma: the schema at head does not declare the column: nothing shows the client selects it",
      path: PATH,
      files: files(""),
      code: 'ALTER TABLE "JobVersion" ADD COLUMN "version" TEXT;\n',
    },
    {
      framework: "sql",
      name: "plain SQL (no Prisma schema): the code is not known",
      files: { "deploy.sh": "#!/bin/sh\ncf push jobs\ncf run-task jobs --command 'dbmate up'\n" },
      code: "ALTER TABLE jobs ADD COLUMN version text;\n",
    },
  ],
});

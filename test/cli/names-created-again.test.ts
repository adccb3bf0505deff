/**
 * README "A name that comes back", through `migguard lint` on a Prisma project (linkwarden's shapes): a dropped table
 * or column whose name a later step creates again is judged as such. Today's schema.prisma names the object created
 * again, so the message names the step that brings it back instead of calling the schema a reader of the dropped one.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "migguard-again-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const SCHEMA = 'generator client {\n  provider = "prisma-client-js"\n}\n\ndatasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n\nmodel Link {\n  id           Int  @id @default(autoincrement())\n  indexVersion Int?\n}\n';

async function lint(files: Record<string, string>) {
  const root = tree({ "prisma/schema.prisma": SCHEMA, ...files });
  const result = await run(["lint", "--format", "json", "prisma/migrations"], { cwd: root });
  return (JSON.parse(result.output) as { findings: Array<{ rule: string; severity: string; message: string; fix: string; path: string }> }).findings;
}

describe("migguard lint: a dropped name that a later step creates again", () => {
  const create = { "prisma/migrations/20240101000000_init/migration.sql": 'CREATE TABLE "Link" ("id" SERIAL NOT NULL, "indexVersion" TEXT, CONSTRAINT "Link_pkey" PRIMARY KEY ("id"));\n' };

  it("a drop and add again in one statement: a warning for the values, naming the step, with a fix that runs the statement as written", async () => {
    const findings = await lint({
      ...create,
      "prisma/migrations/20250215182023_index_version/migration.sql": 'ALTER TABLE "Link" DROP COLUMN "indexVersion",\nADD COLUMN     "indexVersion" INTEGER;\n',
    });
    const drop = findings.find((f) => f.rule === "drop-column");
    expect(drop?.severity).toBe("warning");
    expect(drop?.message).toContain("The same statement adds indexVersion to Link again (integer)");
    expect(drop?.message).not.toContain("still");
    expect(drop?.fix).toContain('CREATE TABLE "Link_indexVersion_backup_20250215182023" AS SELECT id, "indexVersion" FROM "Link";\nALTER TABLE "Link" DROP COLUMN "indexVersion",\nADD COLUMN     "indexVersion" INTEGER;');
  });

  it("a drop that a later migration undoes: an error that names that migration, not today's schema, as what reads the name", async () => {
    const findings = await lint({
      ...create,
      "prisma/migrations/20250301000000_drop_index_version/migration.sql": 'ALTER TABLE "Link" DROP COLUMN "indexVersion";\n',
      "prisma/migrations/20250401000000_index_version_again/migration.sql": 'ALTER TABLE "Link" ADD COLUMN "indexVersion" INTEGER;\n',
    });
    const drop = findings.find((f) => f.rule === "drop-column" && f.path.includes("drop_index_version"));
    expect(drop?.severity).toBe("error");
    expect(drop?.message).toContain("20250401000000_index_version_again");
  });
});

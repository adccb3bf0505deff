/**
 * `migguard review` with release tags: an UPDATE of every row whose columns a base migration added, which no version
 * tag holds yet, overwrites only what that ADD COLUMN put there (linkwarden's 20241026161909 fills the createdById
 * 20241021175802 added five days earlier; both first shipped in v2.8.0): a note. Once a release holds the adding
 * migration, production may have written the column: the warning stays.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";
import { optInRules } from "./support/opt-in-rules.js";

const dir = "packages/prisma/migrations";
const create = `CREATE TABLE "Collection" ("id" SERIAL PRIMARY KEY, "ownerId" INTEGER NOT NULL);\nCREATE TABLE "Link" ("id" SERIAL PRIMARY KEY, "collectionId" INTEGER NOT NULL);\n`;
const addCreatedBy = `ALTER TABLE "Collection" ADD COLUMN "createdById" INTEGER;\nALTER TABLE "Link" ADD COLUMN "createdById" INTEGER;\n`;
const backfill = `UPDATE "Link"\nSET "createdById" = (\n  SELECT "ownerId"\n  FROM "Collection"\n  WHERE "Collection"."id" = "Link"."collectionId"\n);\n\nUPDATE "Collection"\nSET "createdById" = "ownerId";\n`;

/** main (dml-without-where, opt-in, switched on): the tables (released as v2.7.0), then the columns (`released`: and v2.7.1 after them); the branch backfills them. */
function repoWith(released: boolean) {
  const repo = featureBranchOn({ ...optInRules("dml-without-where"), "README.md": "links\n", [`${dir}/migration_lock.toml`]: 'provider = "postgresql"\n', [`${dir}/20240101000000_init/migration.sql`]: create });
  repo.git("checkout", "-q", "main");
  repo.git("tag", "v2.7.0");
  repo.write({ [`${dir}/20241021175802_add_created_by/migration.sql`]: addCreatedBy }).commit("created by");
  if (released) repo.git("tag", "v2.7.1");
  repo.git("checkout", "-q", "-B", "feature");
  repo.write({ [`${dir}/20241026161909_assign_createdby/migration.sql`]: backfill }).commit("backfill");
  return repo;
}

const backfills = async (released: boolean) => (await reviewJson(repoWith(released))).findings.filter((f) => f.rule === "dml-without-where");

describe("review: a backfill of columns an unreleased base migration added", () => {
  it("no version tag holds the migration that added them: a note naming it and the newest tag", async () => {
    const findings = await backfills(false);
    expect(findings.map((f) => [f.line, f.severity])).toEqual([[1, "info"], [8, "info"]]);
    expect(findings[0].message).toContain("20241021175802_add_created_by/migration.sql added it and no release holds that migration yet (the newest version tag, v2.7.0, does not)");
    expect(findings[0].message).toContain("Where the base branch itself is deployed (a cloud that runs main), createdById may hold values written since");
  });

  it("a version tag holds it: production may have written the columns, the warning stays", async () => {
    expect((await backfills(true)).map((f) => [f.line, f.severity])).toEqual([[1, "warning"], [8, "warning"]]);
  });
});

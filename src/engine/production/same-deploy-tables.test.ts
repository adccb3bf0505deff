/**
 * Lint: a table an earlier migration created less than a day before almost surely ships in the same deploy, so it
 * is empty (issue #14: trigger.dev's JobAlias, hcb's check_deposits). Findings that need rows become notes.
 */
import { analyze } from "../analyze.js";
import { resolveConfig } from "../config.js";
import type { SourceFile } from "../model.js";
import { productionSnapshot } from "../testing/production-fixtures.js";

const lint = async (
  files: SourceFile[],
  options: { config?: Record<string, unknown>; snapshot?: ReturnType<typeof productionSnapshot>; changeAdds?: ReadonlySet<string>; shippedWith?: ReadonlyMap<string, string> } = {},
) => (await analyze({ files, config: resolveConfig(options.config ?? {}).config, snapshot: options.snapshot, changeAdds: options.changeAdds, shippedWith: options.shippedWith })).findings;

// trigger.dev's 20230425103833_add_job_alias_model and the migration written 1 h 42 min later
const createAlias = { path: "prisma/migrations/20230425103833_add_job_alias_model/migration.sql", content: 'CREATE TABLE "JobAlias" ("id" TEXT NOT NULL, "jobId" TEXT NOT NULL, CONSTRAINT "JobAlias_pkey" PRIMARY KEY ("id"));\n' };
const addEnv = (version: string, before = "") => ({
  path: `prisma/migrations/${version}_add_env_to_job_alias/migration.sql`,
  content: `${before}ALTER TABLE "JobAlias" ADD COLUMN "environmentId" TEXT NOT NULL;\n`,
});
const required = (findings: Awaited<ReturnType<typeof lint>>) => findings.find((f) => f.rule === "required-column-without-default");

describe("a table created less than a day before this migration", () => {
  it("turns a NOT NULL column without a default into a note naming the creating migration and the hours, keeping the fix", async () => {
    const finding = required(await lint([createAlias, addEnv("20230425122235")]));
    expect(finding?.severity).toBe("info");
    expect(finding?.message).toContain(
      "JobAlias was created 1 hour earlier by 20230425103833_add_job_alias_model/migration.sql, and nothing has written to it since: a migration written less than a day before this one almost surely ships in the same deploy",
    );
    expect(finding?.fix).toContain("DEFAULT");
  });

  it("stays as it was a day or more later", async () => {
    expect(required(await lint([createAlias, addEnv("20230426103833")]))?.severity).toBe("error");
  });

  it("stays when rows may have been added since: an INSERT between, one earlier in this migration, code that may write any table, CREATE TABLE AS", async () => {
    const seeded = { path: "prisma/migrations/20230425110000_seed/migration.sql", content: `INSERT INTO "JobAlias" ("id", "jobId") VALUES ('a', 'b');\n` };
    expect(required(await lint([createAlias, seeded, addEnv("20230425122235")]))?.severity).toBe("error");
    expect(required(await lint([createAlias, addEnv("20230425122235", `INSERT INTO "JobAlias" ("id", "jobId") VALUES ('a', 'b');\n`)]))?.severity).toBe("error");
    const code = { path: "prisma/migrations/20230425110000_fill/migration.sql", content: "DO $$ BEGIN PERFORM 1; END $$;\n" };
    expect(required(await lint([createAlias, code, addEnv("20230425122235")]))?.severity).toBe("error");
    const copied = { ...createAlias, content: 'CREATE TABLE "JobAlias" AS SELECT "id", "jobId" FROM "Job";\n' };
    expect(required(await lint([copied, addEnv("20230425122235")]))?.severity).toBe("error");
  });

  it("stays on a table a squash or baseline wrote down, and with young_table.days 0", async () => {
    const squash = { ...createAlias, path: "prisma/migrations/20230425103833_squashed_migrations/migration.sql" };
    expect(required(await lint([squash, addEnv("20230425122235")]))?.severity).toBe("error");
    expect(required(await lint([createAlias, addEnv("20230425122235")], { config: { young_table: { days: 0 } } }))?.severity).toBe("error");
  });

  it("stays when the folder holds a batch of migrations dated within a day (CKAN's port of 87 scripts to Alembic on one day)", async () => {
    const batch = Array.from({ length: 31 }, (_, i) => ({ path: `prisma/migrations/2023042511${10 + i}00_step_${i}/migration.sql`, content: `CREATE TABLE t${i} (id int);\n` }));
    expect(required(await lint([createAlias, ...batch, addEnv("20230425122235")]))?.severity).toBe("error");
    expect(required(await lint([createAlias, ...batch.slice(0, 20), addEnv("20230425122235")]))?.severity).toBe("info");
  });

  it("gives way to a production snapshot that has the table", async () => {
    const snapshot = productionSnapshot({ JobAlias: { rows: 5_000, mb: 2 } });
    expect(required(await lint([createAlias, addEnv("20230425122235")], { snapshot }))?.message).not.toContain("same deploy");
  });

  it("is a note for SET NOT NULL, a DELETE without WHERE, DROP COLUMN, DROP TABLE and an index build on it", async () => {
    const create = { path: "migrations/20260410080000_charges.up.sql", content: "CREATE TABLE charges (id bigint PRIMARY KEY, status text, note text);\n" };
    const later = { path: "migrations/20260410200000_x.up.sql", content: "SET lock_timeout = '5s';\nALTER TABLE charges ALTER COLUMN status SET NOT NULL;\nCREATE INDEX charges_status_idx ON charges (status);\nALTER TABLE charges DROP COLUMN note;\nDELETE FROM charges;\n" };
    const drop = { path: "migrations/20260410210000_drop.up.sql", content: "DROP TABLE charges;\n" };
    // the DROP COLUMN comes before the DELETE: after it, the emptied table would leave drop-column only its old-code
    // warning, which a date alone does not answer (withSameDeployTable's oldCode)
    // dml-without-where is opt-in: switched on (each finding at its own severity) to show it becomes a note too
    const findings = await lint([create, later, drop], { config: { rules: { "dml-without-where": true } } });
    const rules = ["set-not-null", "index-without-concurrently", "dml-without-where", "drop-column", "drop-table"];
    expect(rules.map((rule) => [rule, findings.find((f) => f.rule === rule)?.severity])).toEqual(rules.map((rule) => [rule, "info"]));
    expect(findings.find((f) => f.rule === "drop-table")?.message).toContain("charges was created 13 hours earlier by 20260410080000_charges.up.sql");
  });

  it("is a note for DROP COLUMN of a column an earlier migration added minutes before, unwritten since (linkwarden's indexVersion, dropped to be added again as INTEGER); not a day later, nor once something wrote it", async () => {
    const link = { path: "prisma/migrations/20250101000000_init/migration.sql", content: 'CREATE TABLE "Link" ("id" SERIAL NOT NULL, CONSTRAINT "Link_pkey" PRIMARY KEY ("id"));\n' };
    const add = { path: "prisma/migrations/20250215181757_add_version_to_index/migration.sql", content: 'ALTER TABLE "Link" ADD COLUMN "indexVersion" TEXT;\n' };
    const retype = (version: string) => ({ path: `prisma/migrations/${version}_change_field_type/migration.sql`, content: 'ALTER TABLE "Link" DROP COLUMN "indexVersion",\nADD COLUMN     "indexVersion" INTEGER;\n' });
    const dropped = (findings: Awaited<ReturnType<typeof lint>>) => findings.find((f) => f.rule === "drop-column");
    const note = dropped(await lint([link, add, retype("20250215182023")]));
    expect(note?.severity).toBe("info");
    expect(note?.message).toContain(
      "But indexVersion was added by 20250215181757_add_version_to_index/migration.sql, written less than 24 hours before this one by their version timestamps, so almost surely in the same deploy, and nothing has written it since: it holds only what its ADD COLUMN put there (its default, or NULL) and no deployed code knew it, so no data is lost.",
    );
    expect(dropped(await lint([link, add, retype("20250217182023")]))?.severity).toBe("warning");
    const filled = { path: "prisma/migrations/20250215181900_fill/migration.sql", content: `UPDATE "Link" SET "indexVersion" = '1';\n` };
    expect(dropped(await lint([link, add, filled, retype("20250215182023")]))?.severity).toBe("warning");
  });

  it("is not applied by a review: the base branch's table may be deployed already (the pull request's own tables are new there)", async () => {
    const findings = await lint([createAlias, addEnv("20230425122235")], { changeAdds: new Set([addEnv("20230425122235").path]) });
    expect(required(findings)?.severity).toBe("error");
  });
});

describe("a table an earlier migration added by the same first-parent commit created (lint's git fact)", () => {
  const later = addEnv("20240425122235");
  it("turns the finding into a note naming the commit, a year after the table's date", async () => {
    const finding = required(await lint([createAlias, later], { shippedWith: new Map([[createAlias.path, "a".repeat(40)], [later.path, "a".repeat(40)]]) }));
    expect(finding?.severity).toBe("info");
    expect(finding?.message).toContain(`reached this branch in the same commit as this migration (${"a".repeat(12)}`);
  });

  it("stays when another commit added the creator, or the commit added a batch of more than 30 migrations (an import, a port)", async () => {
    expect(required(await lint([createAlias, later], { shippedWith: new Map([[createAlias.path, "a".repeat(40)], [later.path, "b".repeat(40)]]) }))?.severity).toBe("error");
    const batch = Array.from({ length: 30 }, (_, i) => [`other/${i}.sql`, "a".repeat(40)] as const);
    const shippedWith = new Map([[createAlias.path, "a".repeat(40)], [later.path, "a".repeat(40)], ...batch]);
    expect(required(await lint([createAlias, later], { shippedWith }))?.severity).toBe("error");
  });

  it("makes a narrowing type change a note: an empty table loses no value", async () => {
    const narrow = { path: "prisma/migrations/20240425122235_narrow/migration.sql", content: 'ALTER TABLE "JobAlias" ALTER COLUMN "jobId" TYPE varchar(10);\n' };
    const narrowing = async (commit: string) =>
      (await lint([createAlias, narrow], { shippedWith: new Map([[createAlias.path, "a".repeat(40)], [narrow.path, commit]]) })).find((f) => f.rule === "narrowing-type-change");
    expect((await narrowing("b".repeat(40)))?.severity).not.toBe("info");
    expect((await narrowing("a".repeat(40)))?.message).toContain("reached this branch in the same commit");
  });
});

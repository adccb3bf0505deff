/**
 * The README's Drizzle layout through the App: drizzle-kit's migrations, marked by the folder's meta/_journal.json
 * (or, drizzle-kit 1.0, a snapshot.json in each migration's folder), run by drizzle-orm's migrator in ONE
 * transaction for every pending file, so CONCURRENTLY fails even alone in its file; the same file in a Prisma folder
 * runs (Prisma sends a one-statement file as one query). Signed webhooks over HTTP, the local GitHub API checking
 * every request against GitHub's OpenAPI description; the check run as users see it.
 */
import { describe, expect, it } from "@jest/globals";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";

const D = "apps/web/drizzle";
const INDEX = 'CREATE INDEX CONCURRENTLY IF NOT EXISTS "users_name_idx" ON "users" ("name");\n';

const JOURNAL_BASE: Record<string, string> = {
  "README.md": "# Web\n",
  [`${D}/0000_brave_hulk.sql`]: 'CREATE TABLE IF NOT EXISTS "users" (\n\t"id" serial PRIMARY KEY NOT NULL,\n\t"name" text\n);\n',
  [`${D}/meta/_journal.json`]: JSON.stringify({ version: "7", dialect: "postgresql", entries: [{ idx: 0, version: "7", when: 1718000000000, tag: "0000_brave_hulk", breakpoints: true }] }),
};
const JOURNAL_ADDED = {
  [`${D}/0001_odd_storm.sql`]: INDEX,
  [`${D}/meta/_journal.json`]: JSON.stringify({
    version: "7",
    dialect: "postgresql",
    entries: [
      { idx: 0, version: "7", when: 1718000000000, tag: "0000_brave_hulk", breakpoints: true },
      { idx: 1, version: "7", when: 1718100000000, tag: "0001_odd_storm", breakpoints: true },
    ],
  }),
};

const FOLDERS_BASE = (snapshots: boolean): Record<string, string> => ({
  "README.md": "# Web\n",
  [`${D}/20260326164622_users/migration.sql`]: 'CREATE TABLE "users" ("id" serial PRIMARY KEY, "name" text);\n',
  ...(snapshots ? { [`${D}/20260326164622_users/snapshot.json`]: "{}" } : {}),
});
const FOLDERS_ADDED = (snapshots: boolean): Record<string, string> => ({
  [`${D}/20260401090000_users_name_idx/migration.sql`]: INDEX,
  ...(snapshots ? { [`${D}/20260401090000_users_name_idx/snapshot.json`]: "{}" } : {}),
});

let s: Scenario | undefined;
useScenario();

async function review(pull: number, base: Record<string, string>, files: Record<string, string>) {
  s = await startScenario({ baseFiles: base });
  const head = s.openPull(pull, files);
  expect((await s.pullRequest("opened", pull)).status).toBe(200);
  const run = s.fake.checkRunsFor(head).at(-1)!;
  expect(run).toMatchObject({ status: "completed" });
  return { run, found: run.annotations.filter((a) => a.title.startsWith("concurrently-in-transaction")) };
}

describe("Drizzle migrations through the App", () => {
  it("a journal folder: CONCURRENTLY alone in its file fails in the migrator's one transaction; the fix builds the index by hand", async () => {
    const { run, found } = await review(91, JOURNAL_BASE, JOURNAL_ADDED);
    expect(run.conclusion).toBe("failure");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ path: `${D}/0001_odd_storm.sql`, start_line: 1, annotation_level: "failure" });
    expect(found[0].raw_details).toContain("drizzle-orm's migrator");
  });

  it("drizzle-kit 1.0's folders (snapshot.json beside each migration.sql) are Drizzle's too; without snapshot.json they are Prisma's, which runs the file outside a transaction", async () => {
    const drizzle = await review(92, FOLDERS_BASE(true), FOLDERS_ADDED(true));
    expect(drizzle.found).toHaveLength(1);
    expect(drizzle.found[0].raw_details).toContain("drizzle-orm's migrator");
    const prisma = await review(93, FOLDERS_BASE(false), FOLDERS_ADDED(false));
    expect(prisma.found).toEqual([]);
  });
});

/**
 * The README's Prisma detection, through the App: a `<14-digit timestamp>_<name>/migration.sql` folder is Prisma's
 * whatever holds it (formbricks keeps its migrations in packages/database/migration/, singular, where nothing in
 * the path says migrations). Signed webhooks over HTTP, the local GitHub API checking every request against
 * GitHub's OpenAPI description; the check run as users see it.
 */
import { describe, expect, it } from "@jest/globals";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";

const FOLDER = "packages/database/migration";
const ADDED = `${FOLDER}/20240202000000_survey_name/migration.sql`;

const BASE: Record<string, string> = {
  "README.md": "# App\n",
  "packages/database/schema.prisma": 'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n',
  [`${FOLDER}/migration_lock.toml`]: 'provider = "postgresql"\n',
  [`${FOLDER}/20240101000000_init/migration.sql`]: 'CREATE TABLE "Survey" ("id" TEXT NOT NULL, "name" TEXT NOT NULL);\n',
};

let s: Scenario | undefined;
useScenario();

describe("Prisma's migrations under a folder of any name", () => {
  it("reviews a migration.sql added in a timestamped folder of packages/database/migration/", async () => {
    s = await startScenario({ baseFiles: BASE });
    const head = s.openPull(71, { [ADDED]: 'CREATE INDEX "Survey_name_idx" ON "Survey"("name");\n' });
    expect((await s.pullRequest("opened", 71)).status).toBe(200);

    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run).toMatchObject({ status: "completed" });
    expect(run.output.summary).toContain("migguard reviewed 1 migration");
    // a note: the base migration created Survey a month earlier, a young table (the README's young_table)
    expect(run.annotations.find((a) => a.title.startsWith("index-without-concurrently"))).toMatchObject({ path: ADDED, start_line: 1, annotation_level: "notice" });
    // read as Prisma's: the file is sent as one query, so CONCURRENTLY goes alone in a migration of its own
    expect(run.annotations.find((a) => a.title.startsWith("index-without-concurrently"))!.raw_details).toContain("prisma sends the file as one query");
  });

  it("leaves a seed's SQL beside it alone", async () => {
    s = await startScenario({ baseFiles: BASE });
    const head = s.openPull(72, { "packages/database/seed/seed.sql": 'DROP TABLE "Survey";\n' });
    expect((await s.pullRequest("opened", 72)).status).toBe(200);
    const runs = s.fake.checkRunsFor(head);
    expect(runs.flatMap((r) => r.annotations ?? []).filter((a) => a.annotation_level !== "notice")).toEqual([]);
  });
});

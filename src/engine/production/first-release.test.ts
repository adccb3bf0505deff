/**
 * Lint, in a project that releases by version tags: a table created and changed before the first version tag that
 * holds either was in no release (caluma's dynamicoption tables: created by 0025, a column dropped by 0026 a week
 * later, both first shipped in v3.0.0a1). Findings on it about running code, locks or rows become notes naming the tag.
 * The CLI's git answers which tag (cli/first-releases.ts); here a stub does.
 */
import { analyze } from "../analyze.js";
import { resolveConfig } from "../config.js";
import type { SourceFile } from "../model.js";
import { productionSnapshot } from "../testing/production-fixtures.js";
import type { FirstReleases } from "./shipped-together.js";

const rails = (klass: string, body: string) => `class ${klass} < ActiveRecord::Migration[7.0]\n  def change\n    ${body}\n  end\nend\n`;
const create = { path: "db/migrate/20190101000000_create_jobs.rb", content: rails("CreateJobs", "create_table :jobs do |t|\n      t.string :status\n    end") };
const renameTable = { path: "db/migrate/20190201000000_rename_jobs.rb", content: rails("RenameJobs", "rename_table :jobs, :batches") };
const renameColumn = (table: string) => ({ path: "db/migrate/20190301000000_rename_status.rb", content: rails("RenameStatus", `rename_column :${table}, :status, :state`) });
const files = [create, renameTable, renameColumn("batches")];
// one first-parent commit each, months apart: neither a same-deploy table nor a young one
const shippedWith = new Map(files.map((f, i) => [f.path, `c${i}`]));

/** A stub of git's answer: `tag` for the pairs it lists (creator, migration), nothing otherwise. */
const releases = (tag: string, pairs: Array<[string, string]>): FirstReleases => ({
  together: (creator, migration) => (pairs.some(([c, m]) => c === creator && m === migration) ? tag : undefined),
});

const lint = async (input: SourceFile[], firstReleases?: FirstReleases, snapshot?: ReturnType<typeof productionSnapshot>) =>
  (await analyze({ files: input, config: resolveConfig({}).config, shippedWith, firstReleases, snapshot })).findings.find((f) => f.rule === "rename-column" && f.path === renameColumn("").path);

describe("a table created and changed before the first release that holds either", () => {
  it("is a note that names the tag and the creator, followed through a rename, and keeps the safe fix", async () => {
    const finding = await lint(files, releases("v3.0.0a1", [[create.path, renameColumn("").path]]));
    expect(finding?.severity).toBe("info");
    expect(finding?.message).toContain(
      "batches was created by 20190101000000_create_jobs.rb, and both first shipped in v3.0.0a1: no release had the table before this migration, so no released code uses its names",
    );
    expect(finding?.message).toContain("If you deploy the branch between releases, take the safe way below.");
    expect(finding?.fix).toContain("add_column");
  });

  it("stays an error when git names no such tag: a release had the table first, or none holds the migration", async () => {
    expect((await lint(files, releases("v3.0.0a1", [])))?.severity).toBe("error");
    expect((await lint(files))?.severity).toBe("error");
  });

  it("stays an error on a table no linted migration created, and on one a production snapshot measured", async () => {
    const orphan = renameColumn("orders");
    const stub = releases("v1.0.0", [[create.path, orphan.path]]);
    expect((await lint([create, orphan], stub))?.severity).toBe("error");
    const snapshot = productionSnapshot({ batches: { rows: 5_000_000, mb: 2_000 } });
    expect((await lint(files, releases("v3.0.0a1", [[create.path, renameColumn("").path]]), snapshot))?.severity).toBe("error");
  });
});

describe("a migration of a project that tagged its first version within six weeks of its first commit, before that tag", () => {
  const ROOT = Date.UTC(2018, 11, 20);
  const DAY = 24 * 60 * 60 * 1000;
  const pair = [create, renameColumn("jobs")];
  const preRelease = (firstTag?: { name: string; at: number }) =>
    new Map([
      [create.path, { rootCommit: "r0", rootAt: ROOT, addedAt: ROOT + 12 * DAY }],
      [pair[1].path, { rootCommit: "r0", rootAt: ROOT, addedAt: ROOT + 30 * DAY, ...(firstTag ? { firstTag } : {}) }],
    ]);
  const found = async (firstTag?: { name: string; at: number }) =>
    (await analyze({ files: pair, config: resolveConfig({}).config, shippedWith, preRelease: preRelease(firstTag) })).findings.find((f) => f.rule === "rename-column");

  it("is a note that names the tag, past the first two weeks", async () => {
    const finding = await found({ name: "v0.1.0", at: ROOT + 40 * DAY });
    expect(finding?.severity).toBe("info");
    expect(finding?.message).toContain("this migration reached the branch 30 days after the repository's first commit (2018-12-20), before v0.1.0 (2019-01-29), its first version tag: nothing was released yet");
  });
});

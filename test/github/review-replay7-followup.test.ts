/**
 * The seventh replay's remaining false alarms (alphagov/publishing-api, uktrade/data-hub-api) through the App: a
 * signed webhook against the local GitHub API, and what the check concludes. The same patterns go through
 * `migguard review` in test/cli/review-replay7-followup.test.ts.
 */
import { describe, expect, it } from "@jest/globals";
import type { FakeCheckRun } from "./support/fake-github.js";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";

let s: Scenario | undefined;
useScenario();

const latestRun = (head: string): FakeCheckRun => s!.fake.checkRunsFor(head).at(-1)!;
const levels = (run: FakeCheckRun, rule: string) => run.annotations.filter((a) => a.title.startsWith(rule)).map((a) => a.annotation_level);

const dedupe = (iterate: string) => `class RemoveDuplicateWorldwideOrganisation < ActiveRecord::Migration[7.0]
  def up
    Edition.where(document_type: "worldwide_organisation")${iterate} do |org|
      Edition.where(base_path: org.base_path, document_type: "about", state: "draft").delete_all
    end
  end

  def down; end
end
`;
const BASE = {
  "README.md": "# Publishing API\n",
  "db/migrate/20221001000000_create_editions.rb": "class CreateEditions < ActiveRecord::Migration[7.0]\n  def change\n    create_table :editions\n  end\nend\n",
  "db/migrate/20221108113755_remove_duplicate_worldwide_organisation.rb": dedupe(".each"),
};

describe("the seventh replay's patterns through the App", () => {
  it("an edit that only turns .each into .find_each in a merged data migration: a notice, the check passes", async () => {
    s = await startScenario({ baseFiles: BASE });
    const head = s.openPull(1, { "db/migrate/20221108113755_remove_duplicate_worldwide_organisation.rb": dedupe(".find_each") });
    await s.pullRequest("opened", 1);
    const run = latestRun(head);
    expect(levels(run, "edited-migration")).toEqual(["notice"]);
    expect(run.conclusion).toBe("success");
  });

  it("an up-only data migration that calls a model method on each record: a notice that a rollback stops there, the check passes", async () => {
    s = await startScenario({ baseFiles: BASE });
    const head = s.openPull(2, {
      "db/migrate/20240220153403_remove_worldwide_offices.rb":
        'class RemoveWorldwideOffices < ActiveRecord::Migration[7.1]\n  def up\n    Edition.where(document_type: "worldwide_office", state: "published").find_each(&:substitute)\n  end\nend\n',
    });
    await s.pullRequest("opened", 2);
    const run = latestRun(head);
    expect(levels(run, "irreversible-migration")).toEqual(["notice"]);
    expect(run.conclusion).toBe("success");
  });
});

describe("a quick revert through the App", () => {
  /** a Rails version `daysAgo` days before now (YYYYMMDDHHMMSS, UTC) */
  const version = (daysAgo: number) => new Date(Date.now() - daysAgo * 24 * 60 * 60 * 1000).toISOString().replace(/\D/g, "").slice(0, 14);
  const enable = 'class EnablePgStatStatements < ActiveRecord::Migration[7.1]\n  def change\n    enable_extension "pg_stat_statements"\n  end\nend\n';

  it("deleting an enable_extension migration whose version is 2 days old: a warning, the check passes; one from 2020 fails it", async () => {
    const young = `db/migrate/${version(2)}_enable_pg_stat_statements.rb`;
    const old = "db/migrate/20200101000000_enable_pg_stat_statements.rb";
    s = await startScenario({ baseFiles: { ...BASE, [young]: enable, [old]: enable } });
    const quick = s.openPull(3, { [young]: null });
    await s.pullRequest("opened", 3);
    // a deleted file has no line to annotate: the summary says it
    const summary = latestRun(quick).output.summary ?? "";
    expect(summary).toContain("environment-only (`enable_extension \"pg_stat_statements\"`)");
    expect(latestRun(quick).conclusion).toBe("success");
    const longMerged = s.openPull(4, { [old]: null });
    await s.pullRequest("opened", 4);
    expect(latestRun(longMerged).conclusion).toBe("failure");
    expect(latestRun(longMerged).output.summary).not.toContain("environment-only");
  });
});

/**
 * The baseline in the App (README: Configuration, Baseline): a pull request that edits a migration at or before
 * strong_migrations' `start_after` still fails on `edited-migration`, and the edit's own lint findings are not
 * reported; the initializer is read from the repository with the review's other fact files.
 */
import { describe, expect, it } from "@jest/globals";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";

const OLD = "db/migrate/20221201000000_add_email_index.rb";
const index = (column = "email") => `class AddEmailIndex < ActiveRecord::Migration[7.1]\n  def change\n    add_index :users, :${column}\n  end\nend\n`;
const BASE = { "README.md": "# Shop\n", [OLD]: index() };
const INITIALIZER = { "config/initializers/strong_migrations.rb": "StrongMigrations.start_after = 20230101000000\n" };

let s: Scenario | undefined;
useScenario();

const rulesAfterEdit = async (baseFiles: Record<string, string>) => {
  s = await startScenario({ baseFiles });
  const head = s.openPull(60, { [OLD]: index("phone") });
  expect((await s.pullRequest("opened", 60)).status).toBe(200);
  const run = s.fake.checkRunsFor(head).at(-1)!;
  expect(run).toMatchObject({ status: "completed", conclusion: "failure" });
  return run.annotations.map((a) => a.title.split(":")[0]);
};

describe("baseline in the App", () => {
  it("without a baseline, the edited index is linted again: the lock and the edit", async () => {
    expect(await rulesAfterEdit(BASE)).toEqual(expect.arrayContaining(["edited-migration", "index-without-concurrently"]));
  });

  it("at or before StrongMigrations.start_after: the edit is still an edited-migration error, the lock is not reported", async () => {
    const rules = await rulesAfterEdit({ ...BASE, ...INITIALIZER });
    expect(rules).toContain("edited-migration");
    expect(rules).not.toContain("index-without-concurrently");
  });
});

/**
 * caseflow e34da001d7 sent to the App as a signed webhook against the local GitHub API, which lists each moved
 * file as renamed with its previous_filename: migrations moved unchanged from db/etl/migrate (a folder migguard does
 * not read as a migration folder) to db/etl_migrate are neither new nor deleted. The same move goes through
 * `migguard review` in test/cli/review-moved-migrations.test.ts.
 */
import { describe, expect, it } from "@jest/globals";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";

let s: Scenario | undefined;
useScenario();

const timestamps =
  "class AddAppealTimestamps < ActiveRecord::Migration[5.1]\n  def change\n    add_column :appeals, :appeal_created_at, :datetime, null: false\n    add_column :appeals, :appeal_updated_at, :datetime, null: false\n  end\nend\n";
const createAppeals = "class CreateEtlAppeals < ActiveRecord::Migration[5.1]\n  def change\n    create_table :appeals do |t|\n      t.string :docket_number\n    end\n  end\nend\n";

describe("migrations GitHub lists as renamed, unchanged, into a migration folder (caseflow e34da001d7)", () => {
  it("one notice for the move, nothing linted, no deleted-migration, the check passes", async () => {
    const files = { "20191111164808_create_etl_appeals.rb": createAppeals, "20191126203511_add_appeal_timestamps.rb": timestamps };
    const at = (dir: string) => Object.fromEntries(Object.entries(files).map(([name, content]) => [`${dir}/${name}`, content]));
    s = await startScenario({ baseFiles: { "README.md": "# caseflow\n", ...at("db/etl/migrate") } });
    const head = s.openPull(
      1,
      { ...Object.fromEntries(Object.keys(at("db/etl/migrate")).map((path) => [path, null])), ...at("db/etl_migrate") },
      { renames: Object.fromEntries(Object.keys(files).map((name) => [`db/etl_migrate/${name}`, `db/etl/migrate/${name}`])) },
    );
    await s.pullRequest("opened", 1);
    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run.conclusion).toBe("success");
    expect(run.annotations.map((a) => [a.title.split(" ")[0], a.annotation_level])).toEqual([["renamed-migration", "notice"]]);
    expect(run.annotations[0].message).toContain("2 migrations (20191111164808_create_etl_appeals.rb, 20191126203511_add_appeal_timestamps.rb) moved unchanged from db/etl/migrate to db/etl_migrate");
    expect(run.output.summary ?? "").not.toContain("`deleted-migration`");
  });
});

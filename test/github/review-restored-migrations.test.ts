/**
 * A revert restoring migrations the base branch deleted, through the App (alphagov/signon 85053868): the App asks
 * GitHub for the newest commit of the base's history that touched each added migration (`GET /commits?sha=&path=`)
 * and the file's blob in that commit's parent (`GET /contents?ref=`); the file the pull request adds has that blob, so
 * it is restored: one note, and the check passes. A long-lived branch's migration below the dump's version, which the
 * base never had, keeps its findings. `migguard review` says the same from git (test/cli/review-restored-migrations.test.ts).
 */
import { describe, expect, it } from "@jest/globals";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";

let s: Scenario | undefined;
useScenario();

const DROP = "db/migrate/20230801131609_remove_legacy_flag_from_users.rb";
const DROP_TEXT = "class RemoveLegacyFlagFromUsers < ActiveRecord::Migration[7.0]\n  def up\n    remove_column :users, :legacy_flag\n  end\n\n  def down; end\nend\n";
const STRIP = "db/migrate/20230802095323_strip_whitespace_from_users_names.rb";
const STRIP_TEXT = "class StripWhitespaceFromUsersNames < ActiveRecord::Migration[7.0]\n  def up\n    User.where(\"name LIKE ' %'\").find_each { |user| user.update!(name: user.name.strip) }\n  end\n\n  def down; end\nend\n";
const BASE = {
  "README.md": "# Accounts\n",
  "app/models/user.rb": "class User < ApplicationRecord\nend\n",
  "db/migrate/20230101000000_create_users.rb": "class CreateUsers < ActiveRecord::Migration[7.0]\n  def change\n    create_table :users do |t|\n      t.string :name\n      t.boolean :legacy_flag\n    end\n  end\nend\n",
  "db/migrate/20231019080657_add_nothing.rb": "class AddNothing < ActiveRecord::Migration[7.0]\n  def change\n  end\nend\n",
  "db/schema.rb": `ActiveRecord::Schema[7.1].define(version: 2023_10_19_080657) do\n  create_table "users", force: :cascade do |t|\n    t.string "name"\n  end\nend\n`,
};

describe("App: migrations a revert restores", () => {
  it("the base branch's history deleted them as they are: one note, the check passes", async () => {
    s = await startScenario({ baseFiles: { ...BASE, [DROP]: DROP_TEXT, [STRIP]: STRIP_TEXT } });
    const deletion = s.fake.commit({ [DROP]: null, [STRIP]: null }, s.base);
    s.fake.setBranch("master", deletion);
    const from = s.fake.requests.length;
    const head = s.openPull(1, { [DROP]: DROP_TEXT, [STRIP]: STRIP_TEXT });
    await s.pullRequest("opened", 1);
    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run.conclusion).toBe("success");
    expect(run.annotations.map((a) => [a.title.split(" ")[0], a.annotation_level, a.path])).toEqual([["restored-migration", "notice", DROP]]);
    expect(run.annotations[0].message).toContain(`deleted in commit ${deletion.slice(0, 12)}`);
    // one commits call per added migration, one contents call per deletion found
    const history = s.fake.requests.slice(from).filter((r) => r.path.endsWith("/commits") || (r.path.includes("/contents/db%2Fmigrate") && r.query.get("ref") === s!.base));
    expect(history.map((r) => `${r.method} ${r.path.replace(/^\/repos\/[^/]+\/[^/]+/, "")} ${r.query.get("path") ?? r.query.get("ref")}`).sort()).toEqual(
      [`GET /commits ${DROP}`, `GET /commits ${STRIP}`, `GET /contents/${encodeURIComponent(DROP)} ${s.base}`, `GET /contents/${encodeURIComponent(STRIP)} ${s.base}`].sort(),
    );
  });

  it("a long-lived branch's migration older than the dump, never on the base branch: new, its findings stay", async () => {
    s = await startScenario({ baseFiles: BASE });
    const head = s.openPull(1, { [DROP]: DROP_TEXT });
    await s.pullRequest("opened", 1);
    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run.annotations.some((a) => a.title.startsWith("restored-migration"))).toBe(false);
    expect(run.annotations.some((a) => a.path === DROP && a.annotation_level === "failure")).toBe(true);
    expect(run.conclusion).toBe("failure");
  });
});

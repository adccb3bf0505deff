/**
 * The 32nd replay's dropped-object-still-used false alarms (theforeman/foreman de56ffb280, c791f6c708) through
 * `migguard review`: the settings columns dropped once the setting DSL held them in memory are named by an apipie
 * doc param, gettext messages, a GraphQL type whose objects are a presenter, the presenter's own attributes, hash
 * keys of an in-memory registry and methods the model delegates to another object; none reads the column. A query
 * rooted at the model still does.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";
import { dropSettingFields, settingsCode, settingsQueries } from "../../src/engine/review/rules/dropped-object-still-used/foreman-settings.fixture.js";

const MIGRATION = "db/migrate/20220124174632_drop_setting_fields.rb";

async function usedFindings(base: Record<string, string>) {
  const repo = featureBranchOn(base);
  repo.write({ [MIGRATION]: dropSettingFields }).commit("drop setting fields");
  const { findings } = await reviewJson(repo);
  return findings.filter((f) => f.rule === "dropped-object-still-used");
}

describe("dropped-object-still-used: names that read no column (foreman's settings, 32nd replay)", () => {
  it("doc params, messages, a presenter's GraphQL type and attributes, registry hash keys and delegated methods: nothing reported", async () => {
    expect(await usedFindings(settingsCode)).toEqual([]);
  });

  it("a query rooted at the model still reads the dropped columns, the delegated default too: errors naming only that line", async () => {
    const found = await usedFindings({ ...settingsCode, ...settingsQueries });
    expect(found.map((f) => [f.line, f.severity])).toEqual([
      [4, "error"],
      [6, "error"],
    ]);
    for (const finding of found) {
      expect(finding.message).toContain("app/services/setting_cleaner.rb:3");
      expect(finding.message).not.toMatch(/graphql|presenter|settings_controller|hosts_controller|settings_helper|models\/setting/);
    }
  });
});

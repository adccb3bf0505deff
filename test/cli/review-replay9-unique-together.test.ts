/**
 * treeherder 0071 (ninth replay) through `migguard review`: an AlterUniqueTogether that replaces a set. The fix
 * builds the new unique index concurrently and then drops the replaced constraint, found by its columns (Django
 * names it; no migration says the name). The SQL runs in PGlite in src/execute/__tests__/django-unique-together-fix.pglite.test.ts.
 */
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";
import { ALERT_TESTING_INITIAL, ALERT_TESTING_REPLACE_UNIQUE_SET } from "../../src/engine/testing/python-fixtures.js";

describe("unique-constraint-without-index: an AlterUniqueTogether that replaces a set, through migguard review", () => {
  it("the fix drops the replaced constraint after the new one is attached", async () => {
    const repo = featureBranchOn(djangoApp("perf", { "perf/migrations/0001_initial.py": ALERT_TESTING_INITIAL }));
    repo.write({ "perf/migrations/0002_alter_alerttesting_unique_together.py": ALERT_TESTING_REPLACE_UNIQUE_SET }).commit("replace the unique set");
    const { findings } = await reviewJson(repo);
    const fix = findings.find((f) => f.rule === "unique-constraint-without-index")?.fix ?? "";
    const attach = fix.indexOf("UNIQUE USING INDEX");
    const drop = fix.indexOf("# the replaced unique_together set alert_testing (summary, detection_method)");
    expect(attach).toBeGreaterThan(-1);
    expect(drop).toBeGreaterThan(attach);
    expect(fix).toContain("EXECUTE 'ALTER TABLE alert_testing DROP CONSTRAINT ' || quote_ident(found)");
  });
});

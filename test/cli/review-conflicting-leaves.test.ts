/**
 * A second leaf in a Django app's migration graph fails the check: `manage.py migrate` refuses such a graph
 * ("Conflicting migrations detected"), so the deploy stops until a merge migration is added (pretalx 949d40c96e,
 * twelfth replay: 0037_user_person_user_email_unique_ci beside 0037..0039 on the same 0036).
 */
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const mig = (deps: string) =>
  `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [${deps}]\n    operations = []\n`;

describe("conflicting-django-migrations through `migguard review`", () => {
  it("a new migration on an old parent is an error and fails the check", async () => {
    const dir = "person/migrations";
    const repo = featureBranchOn(
      djangoApp("person", {
        [`${dir}/0036_user_locale.py`]: mig(""),
        [`${dir}/0037_user_created.py`]: mig('("person", "0036_user_locale")'),
        [`${dir}/0038_user_created_backfill.py`]: mig('("person", "0037_user_created")'),
      }),
    );
    repo.write({ [`${dir}/0037_user_email_unique_ci.py`]: mig('("person", "0036_user_locale")') }).commit("unique emails");
    const { exitCode, findings } = await reviewJson(repo);
    const conflict = findings.filter((f) => f.rule === "conflicting-django-migrations");
    expect(conflict.map((f) => [f.path, f.severity])).toEqual([[`${dir}/0037_user_email_unique_ci.py`, "error"]]);
    expect(conflict[0].message).toContain("0037_user_email_unique_ci and 0038_user_created_backfill are both leaf nodes");
    expect(exitCode).toBe(1);
    // a merge migration in the same change leaves one leaf: the check passes
    repo.write({ [`${dir}/0039_merge.py`]: mig('("person", "0038_user_created_backfill"), ("person", "0037_user_email_unique_ci")') }).commit("merge");
    const merged = await reviewJson(repo);
    expect(merged.findings.filter((f) => f.rule === "conflicting-django-migrations")).toEqual([]);
    expect(merged.exitCode).toBe(0);
  });
});

/**
 * treeherder 0071 (ninth replay) through `migguard review`: an AlterUniqueTogether that replaces a set. The fix
 * builds the new unique index concurrently and then drops the replaced constraint, found by its columns (Django
 * names it; no migration says the name). The SQL runs in PGlite in src/execute/__tests__/django-unique-together-fix.pglite.test.ts.
 */
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="AlertTesting",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("summary", models.IntegerField()),
                ("signature", models.IntegerField()),
                ("detection_method", models.CharField(max_length=50)),
            ],
            options={"db_table": "alert_testing", "unique_together": {("summary", "detection_method")}},
        ),
    ]
`;
const replace = `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("perf", "0001_initial")]

    operations = [
        migrations.AlterUniqueTogether(name="alerttesting", unique_together={("summary", "signature", "detection_method")}),
    ]
`;

describe("unique-constraint-without-index: an AlterUniqueTogether that replaces a set, through migguard review", () => {
  it("the fix drops the replaced constraint after the new one is attached", async () => {
    const repo = featureBranchOn(djangoApp("perf", { "perf/migrations/0001_initial.py": initial }));
    repo.write({ "perf/migrations/0002_alter_alerttesting_unique_together.py": replace }).commit("replace the unique set");
    const { findings } = await reviewJson(repo);
    const fix = findings.find((f) => f.rule === "unique-constraint-without-index")?.fix ?? "";
    const attach = fix.indexOf("UNIQUE USING INDEX");
    const drop = fix.indexOf("# the replaced unique_together set alert_testing (summary, detection_method)");
    expect(attach).toBeGreaterThan(-1);
    expect(drop).toBeGreaterThan(attach);
    expect(fix).toContain("EXECUTE 'ALTER TABLE alert_testing DROP CONSTRAINT ' || quote_ident(found)");
  });
});

/**
 * An edit of a long-merged Django migration that only swaps `django.utils.timezone.utc` (removed in Django 5) for
 * `datetime.timezone.utc` in makemigrations' one-off datetime default (bluebottle a1d7e81cb5's surveys 0006 from 2016,
 * twenty-first replay): the same instant, so the same ALTER TABLE. Its operations are not judged again.
 */
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const initial = `from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="Survey", fields=[("id", models.AutoField(auto_created=True, primary_key=True, serialize=False))]),
    ]
`;

const created = (importLine: string, tz: string) => `import datetime
from django.db import migrations, models
${importLine}

class Migration(migrations.Migration):

    dependencies = [("surveys", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="survey",
            name="created",
            field=models.DateTimeField(auto_now_add=True, default=datetime.datetime(2016, 9, 19, 14, 9, 46, 140406, tzinfo=${tz})),
            preserve_default=False,
        ),
    ]
`;

describe("review: a Django migration edited only to spell UTC another way", () => {
  it("tzinfo=utc (django.utils.timezone) to datetime.timezone.utc: no finding on the untouched AddField", async () => {
    const repo = featureBranchOn(djangoApp("surveys", { "surveys/migrations/0001_initial.py": initial, "surveys/migrations/0002_survey_created.py": created("from django.utils.timezone import utc", "utc") }));
    repo.write({ "surveys/migrations/0002_survey_created.py": created("", "datetime.timezone.utc") }).commit("Django 5: no django.utils.timezone.utc");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "required-column-without-default")).toEqual([]);
  });

  it("a different instant is a changed operation, judged again", async () => {
    const repo = featureBranchOn(djangoApp("surveys", { "surveys/migrations/0001_initial.py": initial, "surveys/migrations/0002_survey_created.py": created("from django.utils.timezone import utc", "utc") }));
    repo.write({ "surveys/migrations/0002_survey_created.py": created("", "datetime.timezone.utc").replace("2016, 9, 19", "2017, 9, 19") }).commit("another default");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "required-column-without-default" && f.severity === "error")).toHaveLength(1);
  });
});

/**
 * A table an earlier migration of the same pull request created, and filled since, is known to no deployed code:
 * `migguard review` lowers the findings whose hazard is the running code's or the traffic's to notes that name the
 * migration that created it (Baserow's release merges, replay 39: NOT NULL columns with a Python-only default and
 * indexes on theme tables the merge's previous migration created and filled). A statement that fails on the rows
 * the change wrote still gates; the same table on the base branch keeps its findings.
 */
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const base = `from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Page",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("title", models.CharField(max_length=255)),
            ],
        ),
    ]
`;

const createAndFill = `from django.db import migrations, models


def fill(apps, schema_editor):
    Page = apps.get_model("builder", "Page")
    Theme = apps.get_model("builder", "Theme")
    for page in Page.objects.all():
        Theme.objects.create(page=page, color="#000000")


class Migration(migrations.Migration):

    dependencies = [("builder", "0001_page")]

    operations = [
        migrations.CreateModel(
            name="Theme",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("page", models.ForeignKey(on_delete=models.CASCADE, to="builder.page")),
                ("color", models.CharField(max_length=20)),
            ],
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
`;

const addAlignment = (table: "theme" | "page") => `from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [("builder", "0002_theme")]

    operations = [
        migrations.AddField(
            model_name="${table}",
            name="alignment",
            field=models.CharField(default="left", max_length=10),
        ),
        migrations.AddIndex(
            model_name="${table}",
            index=models.Index(fields=["alignment"], name="builder_${table}_alignment_idx"),
        ),
    ]
`;

const review = async (table: "theme" | "page") => {
  const repo = featureBranchOn(djangoApp("builder", { "builder/migrations/0001_page.py": base }));
  repo
    .write({
      "builder/migrations/0002_theme.py": createAndFill,
      "builder/migrations/0003_alignment.py": addAlignment(table),
    })
    .commit("theme settings");
  return reviewJson(repo);
};

describe("migguard review: a table an earlier migration of the pull request created and filled", () => {
  it("gets notes, not a failing check, for hazards of the running code and of locks", async () => {
    const { exitCode, findings } = await review("theme");
    const onTheme = findings.filter((f) => f.path === "builder/migrations/0003_alignment.py");
    expect(onTheme.map((f) => f.rule)).toEqual(expect.arrayContaining(["required-column-without-default", "index-without-concurrently"]));
    for (const f of onTheme.filter((f) => f.rule === "required-column-without-default" || f.rule === "index-without-concurrently")) {
      expect(f.severity).toBe("info");
      expect(f.message).toContain("builder_theme was created by 0002_theme.py, an earlier migration of this change: no deployed code knows it, so nothing running reads its names");
    }
    expect(exitCode).toBe(0);
  });

  it("keeps the findings on a table of the base branch", async () => {
    const { exitCode, findings } = await review("page");
    const column = findings.find((f) => f.path === "builder/migrations/0003_alignment.py" && f.rule === "required-column-without-default");
    expect(column?.severity).toBe("error");
    expect(column?.message).not.toContain("an earlier migration of this change");
    expect(exitCode).toBe(1);
  });
});

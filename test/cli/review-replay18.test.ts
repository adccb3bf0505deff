/**
 * The false alarms of the eighteenth independent replay (OWASP Nest, alphagov/forms-admin) rebuilt in small git
 * repositories and reviewed through `migguard review`.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Issue",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("title", models.CharField(max_length=255)),
            ],
        ),
    ]
`;
const addIndex = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("github", "0001_initial")]

    operations = [
        migrations.AddIndex(model_name="issue", index=models.Index(fields=["title"], name="issue_title_idx")),
    ]
`;

describe("review: an app folder moved with its migrations (OWASP Nest #5068)", () => {
  it("git mv backend/apps backend/src/apps: Django knows the migrations by app label and name, which stay: no renamed, edited or deleted migration, no lock finding", async () => {
    const repo = featureBranchOn(
      djangoApp("backend/apps/github", {
        "backend/apps/github/models.py": "from django.db import models\n\n\nclass Issue(models.Model):\n    title = models.CharField(max_length=255)\n",
        "backend/apps/github/migrations/0001_initial.py": initial,
        "backend/apps/github/migrations/0002_issue_title_idx.py": addIndex,
      }),
    );
    mkdirSync(join(repo.root, "backend/src"));
    repo.git("mv", "backend/apps", "backend/src/apps");
    repo.commit("restructure");
    const { findings, exitCode } = await reviewJson(repo);
    expect(findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(findings.filter((f) => ["renamed-migration", "edited-migration", "deleted-migration"].includes(f.rule))).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it("the same move with one migration renumbered: that one keeps its renamed-migration error, the others nothing", async () => {
    const repo = featureBranchOn(
      djangoApp("backend/apps/github", {
        "backend/apps/github/migrations/0001_initial.py": initial,
        "backend/apps/github/migrations/0002_issue_title_idx.py": addIndex,
      }),
    );
    mkdirSync(join(repo.root, "backend/src"));
    repo.git("mv", "backend/apps", "backend/src/apps");
    repo.git("mv", "backend/src/apps/github/migrations/0002_issue_title_idx.py", "backend/src/apps/github/migrations/0003_issue_title_idx.py");
    repo.commit("restructure");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "renamed-migration").map((f) => [f.path, f.severity])).toEqual([["backend/src/apps/github/migrations/0003_issue_title_idx.py", "error"]]);
  });
});

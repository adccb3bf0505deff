/**
 * The false alarms of the fourteenth independent replay (mitodl/mit-learn, Django 4.2) sent to the App as signed
 * webhooks against the local GitHub API. The same patterns go through `migguard review` in
 * test/cli/review-replay14.test.ts.
 */
import { describe, expect, it } from "@jest/globals";
import type { FakeCheckRun } from "./support/fake-github.js";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";

let s: Scenario | undefined;
useScenario();

const latestRun = (head: string): FakeCheckRun => s!.fake.checkRunsFor(head).at(-1)!;

const createModel = (model: string) =>
  `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n\n    operations = [\n        migrations.CreateModel(\n            name="${model}",\n            fields=[\n                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),\n                ("created_on", models.DateTimeField(auto_now_add=True)),\n            ],\n        ),\n    ]\n`;
const indexCreatedOn = (app: string, model: string) =>
  `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("${app}", "0001_initial")]\n\n    operations = [\n        migrations.AlterField(model_name="${model}", name="created_on", field=models.DateTimeField(auto_now_add=True, db_index=True)),\n    ]\n`;

describe("a migration GitHub lists as renamed into another Django app (mit-learn 866c95733d)", () => {
  it("no renamed-migration and no lock finding on the table the change created; the old app's migration is deleted", async () => {
    s = await startScenario({
      baseFiles: {
        "articles/__init__.py": "",
        "articles/migrations/__init__.py": "",
        "articles/migrations/0001_initial.py": createModel("Article"),
        "articles/migrations/0002_alter_article_created_on.py": indexCreatedOn("articles", "article"),
      },
    });
    const head = s.openPull(
      1,
      {
        "articles/migrations/0002_alter_article_created_on.py": null,
        "website_content/__init__.py": "",
        "website_content/migrations/__init__.py": "",
        "website_content/migrations/0001_initial.py": createModel("WebsiteContent"),
        "website_content/migrations/0002_alter_websitecontent_created_on.py": indexCreatedOn("website_content", "websitecontent"),
      },
      { renames: { "website_content/migrations/0002_alter_websitecontent_created_on.py": "articles/migrations/0002_alter_article_created_on.py" } },
    );
    await s.pullRequest("opened", 1);
    const run = latestRun(head);
    const summary = run.output.summary ?? "";
    expect(run.annotations.filter((a) => /^(renamed-migration|index-without-concurrently)/.test(a.title))).toEqual([]);
    expect(summary).not.toContain("`renamed-migration`");
    expect(summary).not.toContain("`index-without-concurrently`");
    // a deleted file has no line to annotate: the summary's row names it
    expect(summary.split("\n").filter((l) => l.startsWith("| ") && l.includes("`deleted-migration`") && l.includes("articles/migrations/0002_alter_article_created_on.py"))).toHaveLength(1);
  });
});

describe("a whole Django app removed the documented way (mit-learn 34149af696, video_shorts phase 2)", () => {
  const settings = (...apps: string[]) => `INSTALLED_APPS = (\n    "django.contrib.auth",\n${apps.map((a) => `    "${a}",\n`).join("")})\n`;
  const deleteModel = `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("video_shorts", "0001_initial")]\n\n    operations = [migrations.DeleteModel(name="VideoShort")]\n`;
  const base = {
    "main/settings.py": settings("video_shorts", "news"),
    "video_shorts/__init__.py": "",
    "video_shorts/migrations/__init__.py": "",
    "video_shorts/migrations/0001_initial.py": createModel("VideoShort"),
    "video_shorts/migrations/0002_delete_videoshort.py": deleteModel,
    "news/__init__.py": "",
    "news/migrations/__init__.py": "",
    "news/migrations/0001_initial.py": createModel("Item"),
  };
  const removal = { "video_shorts/__init__.py": null, "video_shorts/migrations/__init__.py": null, "video_shorts/migrations/0001_initial.py": null, "video_shorts/migrations/0002_delete_videoshort.py": null };

  it("its last merged migration dropped its table and it leaves INSTALLED_APPS: a note, the check passes", async () => {
    s = await startScenario({ baseFiles: base });
    const head = s.openPull(2, { ...removal, "main/settings.py": settings("news") });
    await s.pullRequest("opened", 2);
    const run = latestRun(head);
    expect(run.conclusion).toBe("success");
    expect(run.output.summary).toContain("Its tables were already dropped by video_shorts/migrations/0002_delete_videoshort.py");
  });

  it("a migration that stays still depends on it: the error stays, the check fails", async () => {
    s = await startScenario({ baseFiles: { ...base, "news/migrations/0001_initial.py": createModel("Item").replace("dependencies = []", 'dependencies = [("video_shorts", "0001_initial")]') } });
    const head = s.openPull(3, { ...removal, "main/settings.py": settings("news") });
    await s.pullRequest("opened", 3);
    const run = latestRun(head);
    expect(run.conclusion).toBe("failure");
    expect(run.output.summary).toContain("`deleted-migration`");
    expect(run.output.summary).not.toContain("removed whole");
  });
});

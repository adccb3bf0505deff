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

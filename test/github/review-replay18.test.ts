/**
 * The eighteenth independent replay's biggest false alarm (OWASP Nest #5068: backend/apps/ moved to
 * backend/src/apps/, 181 renamed-migration errors) sent to the App as a signed webhook against the local GitHub
 * API, which lists each moved file as renamed. The same move goes through `migguard review` in
 * test/cli/review-replay18.test.ts.
 */
import { describe, expect, it } from "@jest/globals";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";

let s: Scenario | undefined;
useScenario();

const initial = `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n\n    operations = [\n        migrations.CreateModel(name="Issue", fields=[("id", models.BigAutoField(primary_key=True)), ("title", models.CharField(max_length=255))]),\n    ]\n`;
const addIndex = `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("github", "0001_initial")]\n\n    operations = [\n        migrations.AddIndex(model_name="issue", index=models.Index(fields=["title"], name="issue_title_idx")),\n    ]\n`;

describe("an app folder GitHub lists as renamed with its migrations (OWASP Nest #5068)", () => {
  it("the same app label and migration names: the check passes with no renamed, edited or deleted migration and no lock finding", async () => {
    const files = { "__init__.py": "", "migrations/__init__.py": "", "migrations/0001_initial.py": initial, "migrations/0002_issue_title_idx.py": addIndex };
    const at = (root: string) => Object.fromEntries(Object.entries(files).map(([path, content]) => [`${root}/${path}`, content]));
    s = await startScenario({ baseFiles: at("backend/apps/github") });
    const head = s.openPull(
      1,
      { ...Object.fromEntries(Object.keys(at("backend/apps/github")).map((path) => [path, null])), ...at("backend/src/apps/github") },
      { renames: Object.fromEntries(Object.keys(files).map((path) => [`backend/src/apps/github/${path}`, `backend/apps/github/${path}`])) },
    );
    await s.pullRequest("opened", 1);
    const run = s.fake.checkRunsFor(head).at(-1)!;
    const summary = run.output.summary ?? "";
    expect(run.conclusion).toBe("success");
    expect(run.annotations.filter((a) => /^(renamed-migration|edited-migration|deleted-migration|index-without-concurrently)/.test(a.title))).toEqual([]);
    for (const rule of ["renamed-migration", "edited-migration", "deleted-migration"]) expect(summary).not.toContain(`\`${rule}\``);
  });
});

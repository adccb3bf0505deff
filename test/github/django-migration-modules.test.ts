/**
 * Django's MIGRATION_MODULES through the App (DefectDojo: `{"dojo": "dojo.db_migrations"}`, under an if in
 * dojo/settings/settings.dist.py): a migration added to that folder is reviewed as a Django migration. Signed
 * webhooks over HTTP, the local GitHub API checking every request against GitHub's OpenAPI description.
 */
import { describe, expect, it } from "@jest/globals";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";

const INITIAL =
  'from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n    operations = [\n        migrations.CreateModel(name="Finding", fields=[("id", models.AutoField(primary_key=True)), ("title", models.TextField())]),\n    ]\n';
const REMOVE_TITLE = 'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("dojo", "0001_initial")]\n    operations = [\n        migrations.RemoveField(model_name="finding", name="title"),\n    ]\n';
const ADDED = "dojo/db_migrations/0002_remove_title.py";
const settings = (setting: string) => `import environ\n\nenv = environ.Env()\n\nif env("DD_TRACK_MIGRATIONS"):\n    ${setting}\n`;

let s: Scenario | undefined;
useScenario();

async function review(setting: string) {
  s = await startScenario({ baseFiles: { "README.md": "# Dojo\n", "dojo/settings/settings.dist.py": settings(setting), "dojo/db_migrations/__init__.py": "", "dojo/db_migrations/0001_initial.py": INITIAL } });
  const head = s.openPull(80, { [ADDED]: REMOVE_TITLE });
  expect((await s.pullRequest("opened", 80)).status).toBe(200);
  return s.fake.checkRunsFor(head).at(-1)!;
}

describe("a migration in a folder MIGRATION_MODULES names", () => {
  it("is reviewed as a Django migration of its app", async () => {
    const run = await review('MIGRATION_MODULES = {"dojo": "dojo.db_migrations"}');
    const drop = run.annotations.find((a) => a.title.startsWith("drop-column"));
    expect(drop).toMatchObject({ path: ADDED, annotation_level: "failure" });
    expect(drop?.message).toContain("dojo_finding.title");
    // the settings module was read at head, once
    const settingsReads = s!.fake.requests.filter((r) => r.path.endsWith(`/contents/${encodeURIComponent("dojo/settings/settings.dist.py")}`));
    expect(settingsReads).toHaveLength(1);
  });

  it("is not a migration when the setting names another folder", async () => {
    const run = await review('MIGRATION_MODULES = {"dojo": "dojo.schema"}');
    expect(run.annotations.filter((a) => a.path === ADDED)).toEqual([]);
  });
});

/**
 * SEED's 0100 drops with RunSQL `DROP TABLE IF EXISTS organizations_organization` the tables an uninstalled app left
 * behind, through `migguard lint`: no migration creates the table and no model of the app maps it, so the drop is a
 * note (it runs only where the table is left), not data loss. A model that maps the table keeps the finding.
 */
import { run } from "../../src/cli/main.js";
import { DJANGO_INITIAL } from "../../src/engine/testing/python-fixtures.js";
import { fileTree } from "./support/file-tree.js";
import { BACKGROUND_TASK_DROP, BACKGROUND_TASK_PATH, CONTRIB_MODELS, installedApps } from "../../src/engine/testing/seed72-fixtures.js";

type Finding = { rule: string; severity: string; line: number; message: string };
const lint = async (cwd: string) => (JSON.parse((await run(["lint", "--format", "json", "app/migrations"], { cwd })).output) as { findings: Finding[] }).findings;

const DROP = 'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("app", "0001_initial")]\n\n    operations = [\n        migrations.RunSQL("DROP TABLE IF EXISTS organizations_organization CASCADE;"),\n    ]\n';
const files = (models: string) => ({ ...DJANGO_INITIAL, "app/models.py": models, "app/migrations/0002_remove_old_apps.py": DROP });

describe("lint: DROP TABLE IF EXISTS of a table an uninstalled app left behind", () => {
  it("no migration creates it and no model maps it: a note naming it a leftover", async () => {
    const drops = (await lint(fileTree(files("from django.db import models\n\n\nclass Customer(models.Model):\n    email = models.EmailField()\n"), "migguard-leftover-"))).filter((f) => f.rule === "drop-table");
    expect(drops.map((f) => `${f.line} ${f.severity}`)).toEqual(["8 info"]);
    expect(drops[0].message).toContain("cleans up what an app the project no longer has left behind");
  });

  it("a model maps the table: the data-loss finding stays", async () => {
    const mapped = "from django.db import models\n\n\nclass Organization(models.Model):\n    name = models.CharField(max_length=100)\n\n    class Meta:\n        db_table = \"organizations_organization\"\n";
    const drops = (await lint(fileTree(files(mapped), "migguard-leftover-"))).filter((f) => f.rule === "drop-table");
    expect(drops).toHaveLength(1);
    expect(drops[0].severity).not.toBe("info");
    expect(drops[0].message).toContain("deletes all its rows");
  });

  // adhocracy-plus' contrib 0001, the first migration of its app: nothing before it to go by, but the tables'
  // label (background_task, django-background-tasks') is one no settings module installs
  const project = (apps: string) => ({
    "config/settings/base.py": installedApps(apps),
    "apps/contrib/templatetags/settings.py": "from django import template\n",
    "apps/contrib/models.py": CONTRIB_MODELS,
    "apps/contrib/migrations/__init__.py": "",
    [BACKGROUND_TASK_PATH]: BACKGROUND_TASK_DROP,
  });
  const lintContrib = async (cwd: string) => (JSON.parse((await run(["lint", "--format", "json", "apps/contrib/migrations"], { cwd })).output) as { findings: Finding[] }).findings;

  it("the first migration of its app drops the table of a label no settings module installs: a library's leftover, a note", async () => {
    const drops = (await lintContrib(fileTree(project(""), "migguard-leftover-"))).filter((f) => f.rule === "drop-table");
    expect(drops.map((f) => `${f.line} ${f.severity}`)).toEqual(["10 info", "11 info"]);
    expect(drops[0].message).toContain("no app installed by config/settings/base.py has the label background_task");
  });

  it("the settings still install the library: the warning stays", async () => {
    const drops = (await lintContrib(fileTree(project('    "background_task",\n'), "migguard-leftover-"))).filter((f) => f.rule === "drop-table");
    expect(drops.map((f) => f.severity)).toEqual(["warning", "warning"]);
  });
});

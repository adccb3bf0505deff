/**
 * The .sql copies a Django project keeps beside each migration module (CourtListener's `sqlmigrate` output,
 * `0002_x.sql` and `0002_x_customers.sql` next to `0002_x.py`) through the App: Django runs the module only, so
 * the copies get no annotation and no duplicate-version failure; the module's own drop-table is the check's one.
 * Signed webhooks over HTTP, the local GitHub API checking every request against GitHub's OpenAPI description.
 */
import { describe, expect, it } from "@jest/globals";
import { startScenario, useScenario } from "./support/scenario.js";

const INITIAL =
  'from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n    operations = [\n        migrations.CreateModel(name="Referer", fields=[("id", models.AutoField(primary_key=True)), ("url", models.TextField())]),\n    ]\n';
const CREATE_SQL = 'BEGIN;\nCREATE TABLE "visualizations_referer" ("id" serial NOT NULL PRIMARY KEY, "url" text NOT NULL);\nCOMMIT;\n';
const REMOVE = 'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("visualizations", "0001_initial")]\n    operations = [\n        migrations.DeleteModel(name="Referer"),\n    ]\n';
const DROP_SQL = 'BEGIN;\nDROP TABLE "visualizations_referer" CASCADE;\nCOMMIT;\n';
const folder = "cl/visualizations/migrations";

useScenario();

describe("a Django migration added with its .sql copies", () => {
  it("annotates the module only", async () => {
    const s = await startScenario({
      baseFiles: {
        "README.md": "# CourtListener\n",
        "cl/visualizations/__init__.py": "",
        [`${folder}/__init__.py`]: "",
        [`${folder}/0001_initial.py`]: INITIAL,
        [`${folder}/0001_initial.sql`]: CREATE_SQL,
        [`${folder}/0001_initial_customers.sql`]: CREATE_SQL,
      },
    });
    const head = s.openPull(81, { [`${folder}/0002_remove_referer.py`]: REMOVE, [`${folder}/0002_remove_referer.sql`]: DROP_SQL, [`${folder}/0002_remove_referer_customers.sql`]: DROP_SQL });
    expect((await s.pullRequest("opened", 81)).status).toBe(200);
    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run.annotations.filter((a) => a.path.endsWith(".sql"))).toEqual([]);
    expect(run.annotations.filter((a) => a.title.startsWith("drop-table")).map((a) => a.path)).toEqual([`${folder}/0002_remove_referer.py`]);
  });
});

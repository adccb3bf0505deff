/**
 * A fix's new Django migration depends on the app by the label its migrations use for each other, not by the
 * folder's name: pulpcore keeps its app in pulpcore/app with `label = "core"`, and a dependency on ("app", ...)
 * makes Django refuse to load the migration (seed-10 audit: 6 such fixes).
 */
import { analyzeCase } from "../../testing/case-runner.js";

const migration = (_number: string, previous: string, operations: string) => `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("core", "${previous}")]

    operations = [
${operations}
    ]
`;

const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="Task", fields=[("id", models.BigAutoField(primary_key=True)), ("state", models.TextField())]),
    ]
`;

it("gives a fix's new migration the app label the app's own migrations use (core), not the folder's name (app)", async () => {
  const findings = await analyzeCase(
    {
      framework: "django",
      name: "pulpcore",
      path: "pulpcore/app/migrations/0002_task_state_idx.py",
      files: { "pulpcore/app/migrations/0001_initial.py": initial },
      code: migration(
        "0002",
        "0001_initial",
        '        migrations.AddField(model_name="task", name="note", field=models.TextField(null=True)),\n        migrations.AddIndex(model_name="task", index=models.Index(fields=["state"], name="core_task_state_idx")),',
      ),
    },
    ["index-without-concurrently"],
  );
  const fix = findings.find((f) => f.rule === "index-without-concurrently")?.fix ?? "";
  expect(fix).toContain('dependencies = [("core", "0002_task_state_idx")]');
  expect(fix).not.toContain('("app",');
});

/**
 * `migguard lint` on a Django RenameModel followed by the AlterFields makemigrations writes to repoint the
 * ForeignKeys at the renamed model: Django's state already repointed them (ProjectState.rename_model), so the
 * AlterFields change nothing in the database (sqlmigrate prints "-- (no-op)") and no foreign key is reported. A fix
 * written after a RenameModel names the model as the state has it there (the old name no longer resolves).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";

type Finding = { path: string; line: number; rule: string; message: string; fix?: string };

const INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Provider", fields=[("id", models.BigAutoField(primary_key=True))]),
        migrations.CreateModel(name="ChatOptions", fields=[("id", models.BigAutoField(primary_key=True)), ("provider", models.ForeignKey(null=True, on_delete=models.CASCADE, to="chat.provider"))]),
        migrations.CreateModel(name="Agent", fields=[("id", models.BigAutoField(primary_key=True)), ("options", models.ForeignKey(on_delete=models.CASCADE, to="chat.chatoptions"))]),
    ]
`;

const RENAME = `import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("chat", "0001_initial")]
    operations = [
        migrations.RenameModel(old_name="Provider", new_name="ModelApi"),
        migrations.RenameField(model_name="chatoptions", old_name="provider", new_name="model_api"),
    ]
`;

const REPOINT = `import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("chat", "0002_rename_provider_modelapi")]
    operations = [
        migrations.RenameModel(old_name="ChatOptions", new_name="ChatModel"),
        migrations.AlterField(model_name="agent", name="options", field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="chat.chatmodel")),
    ]
`;

async function lint(): Promise<Finding[]> {
  const root = mkdtempSync(join(tmpdir(), "migguard-renamed-model-"));
  const files = { "chat/migrations/0001_initial.py": INITIAL, "chat/migrations/0002_rename_provider_modelapi.py": RENAME, "chat/migrations/0003_chatmodel.py": REPOINT };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  const { output } = await run(["lint", "--format", "json", "."], { cwd: root });
  return (JSON.parse(output) as { findings: Finding[] }).findings;
}

describe("Django relations follow a renamed model", () => {
  it("an AlterField that only repoints a ForeignKey at the model just renamed adds no foreign key", async () => {
    const findings = await lint();
    expect(findings.filter((f) => f.path === "chat/migrations/0003_chatmodel.py").map((f) => [f.line, f.rule])).toEqual([[8, "rename-table"]]);
  });

  it("the rename-column fix after a RenameModel points the key at the model's new name", async () => {
    const rename = (await lint()).find((f) => f.path === "chat/migrations/0002_rename_provider_modelapi.py" && f.rule === "rename-column");
    expect(rename?.fix).toContain('migrations.AlterField(model_name="ChatOptions", name="provider", field=models.ForeignKey(null=True, on_delete=models.CASCADE, to="chat.modelapi", db_column="provider_id")),');
    expect(rename?.fix).not.toContain("chat.provider");
  });
});

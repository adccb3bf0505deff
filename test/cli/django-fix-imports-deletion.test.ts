/**
 * `migguard lint`: Django fixes that repeat a field as an earlier migration wrote it carry the imports it reads
 * (karrot-backend's invitations 0002: the ForeignKey reads django.db.models.deletion.CASCADE, and the migration has only
 * `from django.db import migrations`, which binds no name `django`). The rename fix and the MySQL RemoveField fix
 * both import the module as 0001 does, so the code they give runs in that migration.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const INITIAL = `from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    initial = True
    dependencies = [migrations.swappable_dependency(settings.AUTH_USER_MODEL)]
    operations = [
        migrations.CreateModel(
            name="Invitation",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("inviter", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL)),
            ],
        ),
    ]
`;

const migration = (operation: string) => `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("invitations", "0001_initial")]
    operations = [
        ${operation},
    ]
`;

type Finding = { rule: string; fix?: string };
async function findings(files: Record<string, string>, rule: string): Promise<Finding[]> {
  const { output } = await run(["lint", "--format", "json", "."], { cwd: fileTree(files, "migguard-fix-imports-") });
  return (JSON.parse(output) as { findings: Finding[] }).findings.filter((f) => f.rule === rule);
}

describe("a Django fix that repeats a ForeignKey from 0001 imports django.db.models.deletion", () => {
  it("RenameField: the AlterField with db_column comes with `import django.db.models.deletion`", async () => {
    const [finding] = await findings(
      { "invitations/migrations/0001_initial.py": INITIAL, "invitations/migrations/0002_rename.py": migration(`migrations.RenameField(model_name="invitation", old_name="inviter", new_name="invited_by")`) },
      "rename-column",
    );
    expect(finding.fix?.split("\n").slice(0, 4)).toEqual(["# at the top of the migration:", "from django.db import models", "import django.db.models.deletion", "from django.conf import settings"]);
    expect(finding.fix).toContain("on_delete=django.db.models.deletion.CASCADE");
  });

  it("RemoveField on MySQL: the AlterField that makes the column NULL-able comes with the same imports", async () => {
    const [finding] = await findings(
      {
        ".github/migguard.yml": "database: mysql\n",
        "invitations/migrations/0001_initial.py": INITIAL,
        "invitations/migrations/0002_remove.py": migration(`migrations.RemoveField(model_name="invitation", name="inviter")`),
      },
      "drop-column",
    );
    expect(finding.fix?.split("\n").slice(0, 4)).toEqual(["# at the top of the migration:", "from django.db import models", "import django.db.models.deletion", "from django.conf import settings"]);
    expect(finding.fix).toContain("field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL, null=True)");
  });
});

/**
 * `migguard review` on an edit of a merged Django data migration that only joins the relative path it opens onto
 * the project root (taiga-back's 373886dcfc: `open("taiga/hooks/github/migrations/logo.png")` became
 * `open(os.path.join(settings.BASE_DIR, "taiga/hooks/github/migrations/logo.png"))`): `manage.py migrate` runs
 * from that root, so where the migration ran it read the same file, and the edit is no `edited-migration` warning.
 * Joining another folder (MEDIA_ROOT) is another file: still a change of what the data code does.
 */
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const migration = (imports: string, path: string) => `from __future__ import unicode_literals
${imports}
from django.core.files import File
from django.db import migrations


def create_system_user(apps, schema_editor):
    User = apps.get_model("users", "User")
    user = User.objects.create(username="github", is_system=True)
    f = open(${path}, "rb")
    user.photo.save("logo.png", File(f))
    user.save()
    f.close()


class Migration(migrations.Migration):
    dependencies = [("users", "0001_initial")]
    operations = [
        migrations.RunPython(create_system_user),
    ]
`;
const base = migration("", '"hooks/github/migrations/logo.png"');
const edited = (root: string) =>
  featureBranchOn(djangoApp("github", { "github/migrations/0001_initial.py": base }))
    .write({ "github/migrations/0001_initial.py": migration("import os.path\n\nfrom django.conf import settings", `os.path.join(settings.${root}, "hooks/github/migrations/logo.png")`) })
    .commit("use absolute paths");
const loud = (findings: Array<{ rule: string; severity: string }>) => findings.filter((f) => f.rule === "edited-migration" && f.severity !== "info");

describe("a merged data migration's relative path joined onto the project root", () => {
  it("settings.BASE_DIR: the same file where it ran, so no edited-migration warning or error", async () => {
    const { exitCode, findings } = await reviewJson(edited("BASE_DIR"));
    expect(loud(findings)).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it("settings.MEDIA_ROOT: another file, so the data code changed", async () => {
    const { findings } = await reviewJson(edited("MEDIA_ROOT"));
    expect(loud(findings).map((f) => f.severity)).toEqual(["warning"]);
  });
});

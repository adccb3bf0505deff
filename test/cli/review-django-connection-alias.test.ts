/**
 * A merged Django data migration edited only to give its managers `.using(db_alias)`, where `db_alias =
 * schema_editor.connection.alias` (galaxy_ng 28314c5335, ruff clean-up, replay 37). Django's advice for RunPython
 * on several databases; on a project whose settings name one database (galaxy_ng's docker/etc/settings.py, only
 * DATABASES["default"], no DATABASE_ROUTERS) every manager already wrote to it: a note naming the settings, not a
 * warning. Where the settings name a second alias, which database the rows go to changed: the warning stays.
 */
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const populate = (using: string) => `from django.db import migrations


def populate_initial_repos(apps, schema_editor):
    db_alias = schema_editor.connection.alias
    AnsibleRepository = apps.get_model("ansible", "AnsibleRepository")
    RepositoryVersion = apps.get_model("core", "RepositoryVersion")

    for name in ["published", "staging"]:
        repository, _ = AnsibleRepository.objects${using}.get_or_create(name=name)
        if not RepositoryVersion.objects.filter(repository__name=repository.name):
            RepositoryVersion.objects${using}.create(repository=repository, number=0, complete=True)


class Migration(migrations.Migration):
    dependencies = [("galaxy", "0016_containers")]

    operations = [migrations.RunPython(populate_initial_repos, migrations.RunPython.noop)]
`;

const settings = (more = "") => `import os

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("PULP_DB_NAME", ""),
    }
}
${more}`;

const path = "galaxy_ng/app/migrations/0017_populate_repos_and_remotes.py";
type Finding = { rule: string; severity: string; line: number; message: string };
const edits = (findings: Finding[]) => findings.filter((f) => f.rule === "edited-migration");

describe("review: .using(db_alias) added to a merged Django data migration", () => {
  it("settings with one database: a note naming them", async () => {
    const repo = featureBranchOn({ ...djangoApp("galaxy_ng/app", { [path]: populate("") }), "docker/etc/settings.py": settings() });
    repo.write({ [path]: populate(".using(db_alias)") }).commit("ruff");
    const [note, ...rest] = edits((await reviewJson(repo)).findings as Finding[]);
    expect(rest).toEqual([]);
    expect(note).toMatchObject({ severity: "info", line: 10 });
    expect(note.message).toContain("only names the connection its data code already runs on");
    expect(note.message).toContain('DATABASES has only "default": docker/etc/settings.py:3; no DATABASE_ROUTERS');
  });

  it("settings with a second alias: the warning stays", async () => {
    const repo = featureBranchOn({ ...djangoApp("galaxy_ng/app", { [path]: populate("") }), "docker/etc/settings.py": settings('DATABASES["replica"] = {"ENGINE": "django.db.backends.postgresql"}\n') });
    repo.write({ [path]: populate(".using(db_alias)") }).commit("ruff");
    const found = edits((await reviewJson(repo)).findings as Finding[]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "warning", line: 10 });
    expect(found[0].message).toContain("changes what its data code does");
  });
});

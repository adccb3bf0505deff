/**
 * History patterns of the third independent replay (readthedocs.org, rubygems.org; issue #19), each rebuilt in a
 * small git repository and reviewed through the CLI: Django's squash procedure, migrations renamed to mend a
 * graph that never ran, and a renamed migration's untouched operations.
 */
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const migration = (deps: string, operations = "", extra = "") =>
  `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n${extra}    dependencies = [${deps}]\n\n    operations = [${operations}\n    ]\n`;

const createBuild = `
        migrations.CreateModel(
            name="Build",
            fields=[("id", models.AutoField(primary_key=True)), ("state", models.CharField(max_length=20)), ("output", models.TextField(null=True))],
        ),`;
const removeOutput = `
        migrations.RemoveField(model_name="build", name="output"),`;
const alterState = `
        migrations.AlterField(model_name="build", name="state", field=models.CharField(max_length=20, help_text="state")),`;

const app = (files: Record<string, string>) =>
  djangoApp("builds", {
    "builds/models.py": "from django.db import models\n\n\nclass Build(models.Model):\n    state = models.CharField(max_length=20)\n",
    "builds/views.py": "def show(build):\n    return build.output\n",
    "builds/migrations/0001_initial.py": migration("", createBuild, "    initial = True\n"),
    ...files,
  });

describe("a renamed Django migration: the rename is the finding, its untouched operations were reviewed when it was added", () => {
  it("renamed after it ran (a sound graph on the base branch): an error for the rename, its RemoveField is not judged again", async () => {
    const repo = featureBranchOn(app({ "builds/migrations/0002_remove_build_output.py": migration('("builds", "0001_initial")', removeOutput) }));
    repo.git("mv", "builds/migrations/0002_remove_build_output.py", "builds/migrations/0003_remove_build_output.py");
    repo.commit("renumber");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).toBe(1);
    expect(findings.filter((f) => f.severity !== "info").map((f) => [f.rule, f.severity])).toEqual([["renamed-migration", "error"]]);
  });

  it("renamed to mend two leaf nodes on the base branch (migrate refused to run there): a note, the check passes", async () => {
    const repo = featureBranchOn(
      app({
        "builds/migrations/0002_alter_build_state.py": migration('("builds", "0001_initial")', alterState),
        "builds/migrations/0002_remove_build_output.py": migration('("builds", "0001_initial")', removeOutput),
      }),
    );
    repo.git("mv", "builds/migrations/0002_remove_build_output.py", "builds/migrations/0003_remove_build_output.py");
    repo.write({ "builds/migrations/0003_remove_build_output.py": migration('("builds", "0002_alter_build_state")', removeOutput) }).commit("fix the conflict");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).toBe(0);
    expect(findings.filter((f) => f.severity !== "info")).toEqual([]);
    const rename = findings.find((f) => f.rule === "renamed-migration")!;
    expect(rename.severity).toBe("info");
    expect(rename.message).toContain("were both leaf nodes");
  });

  it("renamed when on the base branch it depends on a migration that no longer exists (NodeNotFoundError): a note", async () => {
    const repo = featureBranchOn(
      app({
        "builds/migrations/0003_remove_build_output.py": migration('("builds", "0001_initial")', removeOutput),
        "builds/migrations/0003_alter_build_state.py": migration('("builds", "0002_remove_build_output")', alterState),
      }),
    );
    repo.git("mv", "builds/migrations/0003_alter_build_state.py", "builds/migrations/0004_alter_build_state.py");
    repo.write({ "builds/migrations/0004_alter_build_state.py": migration('("builds", "0003_remove_build_output")', alterState) }).commit("fix the dependency");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).toBe(0);
    expect(findings.find((f) => f.rule === "renamed-migration")).toMatchObject({ severity: "info" });
    expect(findings.find((f) => f.rule === "renamed-migration")!.message).toContain("NodeNotFoundError");
  });
});

describe("Django's squash procedure, whatever the squash is called (readthedocs' core/0001_squashed)", () => {
  const replaced = {
    "builds/migrations/0002_remove_build_output.py": migration('("builds", "0001_initial")', removeOutput),
    "builds/migrations/0003_alter_build_state.py": migration('("builds", "0002_remove_build_output")', alterState),
  };
  const squash = (replaces: boolean) =>
    migration(
      "",
      `
        migrations.CreateModel(
            name="Build",
            fields=[("id", models.AutoField(primary_key=True)), ("state", models.CharField(max_length=20, help_text="state"))],
        ),`,
      `    initial = True\n${replaces ? '    replaces = [("builds", "0001_initial"), ("builds", "0002_remove_build_output"), ("builds", "0003_alter_build_state")]\n' : ""}`,
    );

  it("adding the squash leaves one leaf: no conflicting-migrations warning", async () => {
    const repo = featureBranchOn(app(replaced));
    repo.write({ "builds/migrations/0001_squashed.py": squash(true) }).commit("squash");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "conflicting-django-migrations")).toEqual([]);
  });

  it("deleting the migrations a squash on the base branch replaces: notes, the check passes", async () => {
    const repo = featureBranchOn(app({ ...replaced, "builds/migrations/0001_squashed.py": squash(true) }));
    repo.git("rm", "-q", "builds/migrations/0001_initial.py", "builds/migrations/0002_remove_build_output.py", "builds/migrations/0003_alter_build_state.py");
    repo.commit("delete the squashed migrations");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).toBe(0);
    const deleted = findings.filter((f) => f.rule === "deleted-migration");
    // one note for the squash's deletions, listing them
    expect(deleted.map((f) => f.severity)).toEqual(["info"]);
    expect(deleted[0].message).toContain("3 migrations of builds/migrations (0001_initial.py, 0002_remove_build_output.py and 0003_alter_build_state.py) were squashed into builds/migrations/0001_squashed.py");
  });

  it("then removing `replaces` from the squash: a note", async () => {
    const repo = featureBranchOn(app({ "builds/migrations/0001_initial.py": squash(true) }));
    repo.write({ "builds/migrations/0001_initial.py": squash(false) }).commit("remove replaces");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).toBe(0);
    expect(findings.filter((f) => f.rule === "edited-migration").map((f) => f.severity)).toEqual(["info"]);
  });

  it("deleting migrations nothing replaces stays an error", async () => {
    const repo = featureBranchOn(app({ ...replaced, "builds/migrations/0001_squashed.py": squash(false) }));
    repo.git("rm", "-q", "builds/migrations/0003_alter_build_state.py");
    repo.commit("delete");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).toBe(1);
    expect(findings.find((f) => f.rule === "deleted-migration")).toMatchObject({ severity: "error" });
  });
});

describe("Python 3.14's `except A, B:` (PEP 758) in a merged data migration (readthedocs' ruff upgrade)", () => {
  const dataMigration = (handler: string) =>
    migration(
      '("builds", "0001_initial")',
      "\n        migrations.RunPython(forwards, migrations.RunPython.noop),",
    ).replace(
      "class Migration",
      `def forwards(apps, schema_editor):\n    Build = apps.get_model("builds", "Build")\n    for build in Build.objects.all():\n        try:\n            build.state = parse(build.output)\n        ${handler}\n            continue\n        build.save()\n\n\nclass Migration`,
    );
  const path = "builds/migrations/0002_parse_state.py";

  it("is the same handler as `except (A, B):`: a note", async () => {
    const repo = featureBranchOn(app({ [path]: dataMigration("except (SyntaxError, ValueError):") }));
    repo.write({ [path]: dataMigration("except SyntaxError, ValueError:") }).commit("ruff for 3.14");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).toBe(0);
    expect(findings.filter((f) => f.rule === "edited-migration").map((f) => f.severity)).toEqual(["info"]);
  });

  it("catching fewer exceptions changes what the data code does: a warning", async () => {
    const repo = featureBranchOn(app({ [path]: dataMigration("except (SyntaxError, ValueError):") }));
    repo.write({ [path]: dataMigration("except SyntaxError:") }).commit("narrow");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "edited-migration").map((f) => f.severity)).toEqual(["warning"]);
  });
});

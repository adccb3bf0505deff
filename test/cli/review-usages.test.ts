/**
 * What the usage search behind `dropped-object-still-used` reads, through `migguard review` on small git
 * repositories (the false errors of the readthedocs and rubygems replays, as patterns).
 */
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const djangoMigration = (dependency: string, operations: string) => `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("builds", "${dependency}")]

    operations = [
${operations}
    ]
`;

/** A `builds` app whose Build has `error` and `output`, with an old migration of another app naming them. */
function buildsApp(extra: Record<string, string> = {}) {
  return featureBranchOn({
    ...djangoApp("rtd/builds", {
      "rtd/builds/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    operations = [
        migrations.CreateModel(name="Build", fields=[("id", models.AutoField(primary_key=True)), ("error", models.TextField()), ("output", models.TextField())]),
    ]
`,
      "rtd/builds/models.py": "from django.db import models\n\n\nclass Build(models.Model):\n    error = models.TextField()\n    output = models.TextField()\n",
    }),
    ...djangoApp("rtd/projects", {
      // an old migration of another app, with a hyphen Django accepts in its name: history, not code
      "rtd/projects/migrations/0014_add-state-tracking.py":
        'from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    operations = [migrations.AddField(model_name="project", name="error", field=models.TextField())]\n',
      "rtd/projects/migrations/0001_squashed.py": 'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    replaces = [("projects", "0001_initial")]\n    operations = []  # output\n',
    }),
    // bare local names and prose: not a column
    "rtd/builds/tasks.py": "def run(cmd):\n    error = None\n    output = cmd()\n    return output, error\n",
    "media/js/build.js": "try { run(); } catch (error) { const output = 1; console.log(output); }\n",
    "docs/dev/builds.rst": "The build's error and output are shown.\n",
    "docs/conf.py": "output = 'html'\n",
    ...extra,
  });
}

const dropError = djangoMigration(
  "0001_initial",
  '        migrations.RemoveField(model_name="build", name="error"),\n        migrations.RemoveField(model_name="build", name="output"),',
);
const modelWithout = "from django.db import models\n\n\nclass Build(models.Model):\n    pass\n";

describe("dropped-object-still-used reads code, not migrations, docs or bare local names", () => {
  it("an old migration of any app, docs and bare Python/JavaScript locals are not usages of a dropped field", async () => {
    // the deployed model (the base branch's) already lacks the fields: a usage found would be an error; none is, so
    // the "safe to drop now" verdict is folded into drop-column's finding, lowered to a warning that says why
    const repo = buildsApp({ "rtd/builds/models.py": modelWithout });
    repo.write({ "rtd/builds/migrations/0002_remove_error.py": dropError }).commit("drop");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "dropped-object-still-used")).toEqual([]);
    const drops = findings.filter((f) => f.rule === "drop-column");
    expect(drops).toHaveLength(2);
    // the model lost the field and the code searched names it nowhere: strong evidence, a note
    for (const finding of drops) expect(finding).toMatchObject({ severity: "info", message: expect.stringContaining("planned last step of a two-step removal (the Build model") });
  });

  it("a query on the model, an attribute and a lookup still are; a script's record.field is a warning that migguard could not tell", async () => {
    const repo = buildsApp({
      "rtd/builds/views.py": 'from .models import Build\n\n\ndef failed():\n    return Build.objects.filter(error__isnull=False).values_list("output", flat=True)\n\n\ndef show(build):\n    return build.error\n',
      "media/js/show.js": "render({ output: build.output });\n",
    });
    repo.write({ "rtd/builds/migrations/0002_remove_error.py": dropError, "rtd/builds/models.py": modelWithout }).commit("drop");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).toBe(1);
    const errors = findings.filter((f) => f.rule === "dropped-object-still-used" && f.severity === "error");
    expect(errors.map((f) => f.line)).toEqual([8, 9]);
    expect(errors[0].message).toContain("rtd/builds/views.py:5");
    expect(errors[0].message).toContain("rtd/builds/views.py:9");
    expect(errors[0].message).not.toMatch(/tasks\.py|migrations\/0014|docs\//);
    // output: the query's values_list("output") on Build; the script's build.output alone would be unsure
    expect(errors[1].message).toContain("rtd/builds/views.py:5");
    expect(errors[1].message).not.toMatch(/build\.js|tasks\.py|0001_squashed|conf\.py/);
  });

  it("a script's record.field alone: a warning that migguard could not tell, not an error", async () => {
    const repo = buildsApp({ "media/js/show.js": "render({ output: build.output });\n" });
    // the model still declares the fields: nothing says the application stopped using them
    repo.write({ "rtd/builds/migrations/0002_remove_error.py": dropError }).commit("drop");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "dropped-object-still-used" && f.severity === "error")).toEqual([]);
    const output = findings.find((f) => f.rule === "dropped-object-still-used" && f.line === 9)!;
    expect(output.severity).toBe("warning");
    expect(output.message).toContain("could not tell");
    expect(output.message).toContain("media/js/show.js:1");
  });
});

describe("a column the deployed code already ignores (rubygems 546774a213)", () => {
  const migration = (body: string) => `class RemoveInfoChecksum < ActiveRecord::Migration[7.1]\n  def change\n    ${body}\n  end\nend\n`;
  const schema = (columns: string[]) =>
    `ActiveRecord::Schema[7.1].define(version: ${columns.length > 1 ? "2024_01_01_000000" : "2024_02_01_000000"}) do\n  create_table "versions" do |t|\n${columns.map((c) => `    t.string "${c}"\n`).join("")}  end\nend\n`;
  function rubygems(extra: Record<string, string> = {}) {
    const repo = featureBranchOn({
      "db/migrate/20240101000000_create_versions.rb": migration("create_table :versions do |t|\n      t.string :number\n      t.string :info_checksum\n    end"),
      "db/schema.rb": schema(["number", "info_checksum"]),
      "app/models/version.rb": 'class Version < ApplicationRecord\n  self.ignored_columns += %w[info_checksum]\nend\n',
      // a method of another class and an SQL alias: the name, not the column
      "app/models/gem_info.rb": 'class GemInfo\n  def info_checksum\n    rows("SELECT v.checksum as info_checksum")\n  end\nend\n',
      ...extra,
    });
    // the pull request empties ignored_columns together with the drop
    repo
      .write({
        "db/migrate/20240201000000_remove_info_checksum.rb": migration("remove_column :versions, :info_checksum, :string"),
        "db/schema.rb": schema(["number"]),
        "app/models/version.rb": "class Version < ApplicationRecord\nend\n",
      })
      .commit("drop");
    return repo;
  }

  it("is safe to drop now, though the change removes it from ignored_columns", async () => {
    const { findings } = await reviewJson(rubygems());
    expect(findings.filter((f) => f.rule === "dropped-object-still-used")).toEqual([
      expect.objectContaining({ severity: "info", message: expect.stringMatching(/safe to drop now: on the base branch Version lists it in ignored_columns \(app\/models\/version.rb:2\)/) }),
    ]);
  });

  it("unless raw SQL on the table still reads it", async () => {
    const { findings } = await reviewJson(rubygems({ "app/reports/checksums.rb": 'class Checksums\n  SQL = "SELECT info_checksum FROM versions"\nend\n' }));
    const used = findings.filter((f) => f.rule === "dropped-object-still-used");
    expect(used).toEqual([expect.objectContaining({ severity: "error" })]);
    expect(used[0].message).toContain("app/reports/checksums.rb:2");
    expect(used[0].message).not.toContain("gem_info.rb");
  });
});

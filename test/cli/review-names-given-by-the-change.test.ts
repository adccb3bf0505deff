/**
 * A column under a name the pull request itself gave it (bluebottle b54f03e717 and add0207379, twenty-first replay):
 * activity_id renamed to federated_object_id by 0073, then federated_object_id to origin_id by 0080; segments' name
 * renamed to old_name by 0034, its values moved to the translations table by 0036, old_name dropped by 0037. The code
 * deployed before the change names activity_id and name, never the names the change gave: the first rename already
 * reports the break, the second rename and the drop after the move break nothing more.
 */
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const initial = `from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="Activity", fields=[("id", models.AutoField(auto_created=True, primary_key=True, serialize=False))]),
        migrations.CreateModel(
            name="Event",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False)),
                ("activity", models.ForeignKey(null=True, on_delete=models.deletion.SET_NULL, to="pub.activity")),
            ],
        ),
    ]
`;

const rename = (name: string, after: string, from: string, to: string) => ({
  [`pub/migrations/${name}.py`]: `from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [("pub", "${after}")]

    operations = [
        migrations.RenameField(model_name="event", old_name="${from}", new_name="${to}"),
    ]
`,
});

const notes = (findings: Array<{ rule: string; severity: string; path: string }>, rule: string) =>
  findings.filter((f) => f.rule === rule && f.severity !== "info").map((f) => f.path.replace(/^.*\//, ""));

describe("review: names the pull request gave a column", () => {
  it("Django: a field renamed twice in one pull request: only the first rename breaks the deployed code", async () => {
    const repo = featureBranchOn(djangoApp("pub", { "pub/migrations/0001_initial.py": initial }));
    repo.write({ ...rename("0002_federated", "0001_initial", "activity", "federated_object"), ...rename("0003_origin", "0002_federated", "federated_object", "origin") }).commit("rename twice");
    const { findings } = await reviewJson(repo);
    expect(notes(findings, "rename-column")).toEqual(["0002_federated.py"]);
  });

  it("SQL: a column renamed aside, its values moved, then dropped: the drop is a note, the rename stays an error", async () => {
    const repo = featureBranchOn({
      "migrations/001_segments.sql": "CREATE TABLE segments (id bigint PRIMARY KEY, name text);\nCREATE TABLE segment_translations (segment_id bigint, name text);\n",
    });
    repo
      .write({
        "migrations/002_rename_name.sql": "ALTER TABLE segments RENAME COLUMN name TO old_name;\n",
        "migrations/003_move_names.sql": "INSERT INTO segment_translations (segment_id, name) SELECT id, old_name FROM segments;\n",
        "migrations/004_drop_old_name.sql": "ALTER TABLE segments DROP COLUMN old_name;\n",
      })
      .commit("names to translations");
    const { findings } = await reviewJson(repo);
    expect(notes(findings, "drop-column")).toEqual([]);
    expect(findings.find((f) => f.rule === "drop-column")?.message).toContain("no code deployed before this change names old_name");
    expect(notes(findings, "rename-column")).toEqual(["002_rename_name.sql"]);
  });

  it("SQL: a base column renamed and dropped with no move: the drop still loses production data", async () => {
    const repo = featureBranchOn({ "migrations/001_people.sql": "CREATE TABLE people (id bigint PRIMARY KEY, member_id bigint);\n" });
    repo.write({ "migrations/002_rename.sql": "ALTER TABLE people RENAME COLUMN member_id TO federated_object_id;\n", "migrations/003_drop.sql": "ALTER TABLE people DROP COLUMN federated_object_id;\n" }).commit("rename then drop");
    const { findings } = await reviewJson(repo);
    expect(notes(findings, "drop-column")).toEqual(["003_drop.sql"]);
  });
});

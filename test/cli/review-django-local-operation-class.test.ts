/**
 * A Django migration module that defines its own operation class (bluebottle's `class RenameModelAndBaseOperation(
 * migrations.RenameModel)` in activities 0028, twenty-first replay): Django runs the operation it subclasses, so the
 * model is renamed in the state. Read as an unknown call, the model kept its old name, every later field of the new
 * one was lost, and b54f03e717's drop of the ForeignKey `remote_contributor`, added by an earlier migration of the
 * same pull request, was an error naming column remote_contributor instead of remote_contributor_id.
 */
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const initial = `from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Contribution",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("status", models.CharField(max_length=40)),
            ],
        ),
        migrations.CreateModel(
            name="Member",
            fields=[("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"))],
        ),
        migrations.AddField(
            model_name="contribution",
            name="owner",
            field=models.ForeignKey(null=True, on_delete=models.deletion.SET_NULL, to="activities.member"),
        ),
    ]
`;

const renameWithOwnClass = `from django.db import migrations


class RenameModelAndBaseOperation(migrations.RenameModel):

    def __init__(self, old_name, new_name):
        super(RenameModelAndBaseOperation, self).__init__(old_name, new_name)


class Migration(migrations.Migration):

    dependencies = [("activities", "0001_initial")]

    operations = [
        RenameModelAndBaseOperation("Contribution", "Contributor"),
    ]
`;

const addRemote = `from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [("activities", "0002_rename_contribution")]

    operations = [
        migrations.AddField(
            model_name="contributor",
            name="remote_contributor",
            field=models.ForeignKey(blank=True, null=True, on_delete=models.deletion.SET_NULL, related_name="contributors", to="activities.member"),
        ),
    ]
`;

const removeField = (field: string, after: string) => `from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [("activities", "${after}")]

    operations = [
        migrations.RemoveField(model_name="contributor", name="${field}"),
    ]
`;

const base = djangoApp("activities", { "activities/migrations/0001_initial.py": initial, "activities/migrations/0002_rename_contribution.py": renameWithOwnClass });

describe("review: a Django operation class the migration module defines itself", () => {
  it("a ForeignKey the pull request added to the renamed model and dropped again: no drop-column error or warning", async () => {
    const repo = featureBranchOn(base);
    repo
      .write({ "activities/migrations/0003_contributor_remote_contributor.py": addRemote, "activities/migrations/0004_remove_contributor_remote_contributor.py": removeField("remote_contributor", "0003_contributor_remote_contributor") })
      .commit("remote contributor, then not");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => /drop/.test(f.rule) && f.severity !== "info").map((f) => `${f.rule} ${f.message}`)).toEqual([]);
  });

  it("a base ForeignKey of the renamed model dropped: the error and its fix name the column owner_id", async () => {
    const repo = featureBranchOn(base);
    repo.write({ "activities/migrations/0003_remove_contributor_owner.py": removeField("owner", "0002_rename_contribution") }).commit("drop owner");
    const { findings } = await reviewJson(repo);
    const drop = findings.find((f) => f.rule === "drop-column");
    expect(drop?.severity).toBe("error");
    expect(drop?.message).toContain("activities_contributor.owner_id");
    expect(drop?.fix).toContain("DROP COLUMN owner_id");
  });
});

/**
 * `migguard review` on a change whose data step reads a table through a relation before a later migration of the
 * same change drops it (wger's weight-unit merge: 0031 copies `iwu.unit.name` into the new `name` column through
 * `select_related("unit")`, 0033 deletes WeightUnit): the rows were read, so the drop is the warning that says the
 * step may have moved them, not the data-loss error; under an offline deploy no old code is left to fail, so a note.
 * A data step that never names the relation keeps the error.
 */
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const initial = `from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="WeightUnit", fields=[("id", models.AutoField(primary_key=True)), ("name", models.CharField(max_length=200))]),
        migrations.CreateModel(
            name="IngredientWeightUnit",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("amount", models.DecimalField(decimal_places=2, max_digits=5)),
                ("unit", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="nutrition.weightunit")),
            ],
        ),
    ]
`;
const copy = (body: string) => `from django.db import migrations, models


def copy_names(apps, schema_editor):
    IngredientWeightUnit = apps.get_model("nutrition", "IngredientWeightUnit")
${body}


class Migration(migrations.Migration):
    dependencies = [("nutrition", "0001_initial")]
    operations = [
        migrations.AddField(model_name="ingredientweightunit", name="name", field=models.CharField(max_length=200, null=True)),
        migrations.RunPython(copy_names, migrations.RunPython.noop),
    ]
`;
const finalize = `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("nutrition", "0002_copy_names")]
    operations = [
        migrations.RemoveField(model_name="ingredientweightunit", name="unit"),
        migrations.DeleteModel(name="WeightUnit"),
    ]
`;
const change = (body: string) =>
  featureBranchOn(djangoApp("nutrition", { "nutrition/migrations/0001_initial.py": initial }))
    .write({ "nutrition/migrations/0002_copy_names.py": copy(body), "nutrition/migrations/0003_finalize.py": finalize })
    .commit("merge weight units");
const dropOf = (findings: Array<{ rule: string; path: string; severity: string; message: string }>) =>
  findings.find((f) => f.rule === "drop-table" && f.path === "nutrition/migrations/0003_finalize.py");

describe("a table read through a relation by an earlier data step of the change", () => {
  it("select_related and the attribute path name the relation: the drop is a warning naming the data step", async () => {
    const { findings } = await reviewJson(
      change(`    for iwu in IngredientWeightUnit.objects.select_related("unit"):
        iwu.name = iwu.unit.name
        iwu.save(update_fields=["name"])`),
    );
    const drop = dropOf(findings);
    expect(drop?.severity).toBe("warning");
    expect(drop?.message).toContain("after the data step at nutrition/migrations/0002_copy_names.py:");
  });

  it("offline (the container migrates before the server starts): the moved rows leave only old code, so the drop is a note", async () => {
    const repo = change(`    for iwu in IngredientWeightUnit.objects.select_related("unit"):
        iwu.name = iwu.unit.name
        iwu.save(update_fields=["name"])`);
    repo
      .write({
        Dockerfile: 'FROM python:3.12\nCOPY docker/entrypoint.sh /usr/local/bin/\nENTRYPOINT ["entrypoint.sh"]\nCMD ["gunicorn", "app.wsgi"]\n',
        "docker/entrypoint.sh": '#!/bin/sh\nset -e\npython manage.py migrate --noinput\nexec "$@"\n',
      })
      .commit("container");
    const drop = dropOf((await reviewJson(repo)).findings);
    expect(drop?.severity).toBe("info");
    expect(drop?.message).toContain("Offline deploy (docker/entrypoint.sh:3 runs the migrations");
  });

  it("a data step that never names the relation: the drop stays a data-loss error", async () => {
    const { findings } = await reviewJson(change(`    IngredientWeightUnit.objects.filter(name__isnull=True).update(name="Serving")`));
    expect(dropOf(findings)?.severity).toBe("error");
  });
});

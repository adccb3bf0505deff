/**
 * Baserow replay 39: the steps of a Django squash clean-up are no hazards. After `squashmigrations` the new chain
 * (0002.., on 0001_squashed_0038) is numbered below the replaced files still on disk, and Django's loader reads the
 * squash and the migrations it replaces as one node (4123f5faf1 builder 0011, 1ea194518a integrations 0006).
 */
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const mig = (deps: string, extra = "") =>
  `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n${extra}    dependencies = [${deps}]\n    operations = []\n`;

describe("Django squash clean-ups through `migguard review` (Baserow replay 39)", () => {
  it("a migration on the chain that hangs off a squash is the app's only leaf", async () => {
    const dir = "builder/migrations";
    const repo = featureBranchOn(
      djangoApp("builder", {
        [`${dir}/0001_initial.py`]: mig(""),
        [`${dir}/0002_page.py`]: mig('("builder", "0001_initial")'),
        [`${dir}/0003_domain.py`]: mig('("builder", "0002_page")'),
        [`${dir}/0001_squashed_0003_initial.py`]: mig(
          "",
          '    replaces = [("builder", "0001_initial"), ("builder", "0002_page"), ("builder", "0003_domain")]\n',
        ),
        [`${dir}/0002_theme.py`]: mig('("builder", "0001_squashed_0003_initial")'),
      }),
    );
    repo.write({ [`${dir}/0003_input_type.py`]: mig('("builder", "0002_theme")') }).commit("input type");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "conflicting-django-migrations")).toEqual([]);
  });

  it("removing a squash's `replaces` once the replaced files are deleted is a note, not a schema edit", async () => {
    const dir = "integrations/migrations";
    const create = '        migrations.CreateModel(name="GetRow", fields=[("id", models.AutoField(primary_key=True)), ("row_id", models.TextField())]),\n';
    const squash = (replaces: string) =>
      `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n${replaces}    initial = True\n    dependencies = []\n    operations = [\n${create}    ]\n`;
    const repo = featureBranchOn(
      djangoApp("integrations", {
        [`${dir}/0001_initial.py`]: `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n    operations = [\n${create}    ]\n`,
        [`${dir}/0001_squashed_0001_initial.py`]: squash('    replaces = [("integrations", "0001_initial")]\n\n'),
      }),
    );
    repo.remove(`${dir}/0001_initial.py`).write({ [`${dir}/0001_squashed_0001_initial.py`]: squash("") }).commit("squash done");
    const { findings } = await reviewJson(repo);
    const edited = findings.filter((f) => f.rule === "edited-migration");
    expect(edited.map((f) => [f.path, f.severity])).toEqual([[`${dir}/0001_squashed_0001_initial.py`, "info"]]);
    expect(edited[0].message).toContain("removes its `replaces` list");
  });

  it("the base side of an edited migration reads a project field class through its bases, as the head side does (Baserow's FormulaField)", async () => {
    const dir = "builder/migrations";
    const migration = (ops: string) =>
      `from django.db import migrations, models\n\nimport core.formula.field\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n    operations = [\n${ops}    ]\n`;
    const heading = '("id", models.AutoField(primary_key=True)), ("value", core.formula.field.FormulaField(default=""))';
    const repo = featureBranchOn(
      djangoApp("builder", {
        "core/__init__.py": "",
        "core/formula/__init__.py": "",
        "core/formula/field.py": "from django.db import models\n\n\nclass FormulaField(models.TextField):\n    \"\"\"The text of a runtime formula.\"\"\"\n",
        [`${dir}/0001_initial.py`]: migration(`        migrations.CreateModel(name="Heading", fields=[${heading}]),\n`),
      }),
    );
    repo
      .write({ [`${dir}/0001_initial.py`]: migration(`        migrations.CreateModel(name="Heading", fields=[${heading}]),\n        migrations.CreateModel(name="Link", fields=[("id", models.AutoField(primary_key=True))]),\n`) })
      .commit("a model added to the initial migration");
    const { findings } = await reviewJson(repo);
    const edited = findings.filter((f) => f.rule === "edited-migration");
    expect(edited).toHaveLength(1);
    // the edit adds a model; the FormulaField column is text on both sides, not a type the edit changes
    expect(edited[0].message).not.toContain("changes the type");
    expect(edited[0].message).toContain("the edit adds `migrations.CreateModel(name=\"Link\"");
  });

  it("a new migration git pairs with a squashed-away file it deletes is an addition beside a deletion, not a rename", async () => {
    const dir = "builder/migrations";
    const ops = (model: string) =>
      `    operations = [\n        migrations.AddField(model_name="${model}", name="visible", field=models.BooleanField(null=True)),\n        migrations.AddField(model_name="${model}", name="hidden", field=models.BooleanField(null=True)),\n    ]\n`;
    const withOps = (deps: string, model: string, extra = "") =>
      `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n${extra}    dependencies = [${deps}]\n${ops(model)}`;
    const create = (model: string) =>
      `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n    operations = [migrations.CreateModel(name="${model}", fields=[("id", models.AutoField(primary_key=True))])]\n`;
    const repo = featureBranchOn(
      djangoApp("builder", {
        [`${dir}/0001_initial.py`]: create("Element"),
        [`${dir}/0002_element_flags.py`]: withOps('("builder", "0001_initial")', "element"),
        [`${dir}/0001_squashed_0002_initial.py`]: withOps("", "element", '    replaces = [("builder", "0001_initial"), ("builder", "0002_element_flags")]\n'),
        [`${dir}/0002_theme.py`]: mig('("builder", "0001_squashed_0002_initial")'),
      }),
    );
    repo
      .remove(`${dir}/0002_element_flags.py`)
      .write({ [`${dir}/0003_refresh_flags.py`]: withOps('("builder", "0002_theme")', "element") })
      .commit("squash clean-up and a new migration");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "renamed-migration")).toEqual([]);
    expect(findings.filter((f) => f.rule === "deleted-migration").map((f) => [f.path, f.severity])).toEqual([[`${dir}/0002_element_flags.py`, "info"]]);
  });

  it("a field whose db_column names its column, then renamed, renames nothing in the database (Baserow 1ea194518a 0151)", async () => {
    const dir = "database/migrations";
    const repo = featureBranchOn(
      djangoApp("database", {
        [`${dir}/0001_initial.py`]: `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n    operations = [migrations.CreateModel(name="Table", fields=[("id", models.AutoField(primary_key=True)), ("row_count", models.PositiveIntegerField(null=True))])]\n`,
        "database/handler.py": "def usage(queryset):\n    return queryset.values('id').annotate(row_count=Sum('usage__row_count'))\n",
      }),
    );
    repo
      .write({
        [`${dir}/0002_deprecate_row_count.py`]: `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("database", "0001_initial")]\n    operations = [\n        migrations.AlterField(model_name="table", name="row_count", field=models.PositiveIntegerField(db_column="row_count", null=True)),\n        migrations.RenameField(model_name="table", old_name="row_count", new_name="_row_count"),\n    ]\n`,
      })
      .commit("deprecate row_count");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "rename-column" || f.rule === "dropped-object-still-used")).toEqual([]);
  });

  it("a RenameModel's state-only fix keeps the foreign key column the same migration renames (Baserow 73dcfda094 builder 0022)", async () => {
    const dir = "builder/migrations";
    const repo = featureBranchOn(
      djangoApp("builder", {
        [`${dir}/0001_initial.py`]: `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n    operations = [\n        migrations.CreateModel(name="DropdownElement", fields=[("id", models.AutoField(primary_key=True))]),\n        migrations.CreateModel(name="DropdownElementOption", fields=[("id", models.AutoField(primary_key=True)), ("dropdown", models.ForeignKey(on_delete=models.CASCADE, to="builder.dropdownelement"))]),\n    ]\n`,
      }),
    );
    repo
      .write({
        [`${dir}/0002_choice.py`]: `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("builder", "0001_initial")]\n    operations = [\n        migrations.RenameModel(old_name="DropdownElementOption", new_name="ChoiceElementOption"),\n        migrations.RenameField(model_name="choiceelementoption", old_name="dropdown", new_name="choice"),\n    ]\n`,
      })
      .commit("choice element");
    const { findings } = await reviewJson(repo);
    const rename = findings.filter((f) => f.rule === "rename-table");
    expect(rename.map((f) => f.line)).toEqual([7]);
    expect(rename[0].message).toContain("dropdown_id to choice_id (line 8)");
    expect(rename[0].fix).toContain('name="choice", field=models.ForeignKey(on_delete=models.CASCADE, to="builder.dropdownelement", db_column="dropdown_id")');
  });
});

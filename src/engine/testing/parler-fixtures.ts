/**
 * django-parler's documented migration recipe, as the Django case tables use it: 0001 creates `Label` and its
 * translation model, 0002 copies the values into the translation table with RunPython (the step a case varies),
 * 0003 removes the untranslated fields (`label`, copied; `color`, which the translation model lacks).
 */

/** `app/migrations/0001_initial.py`: Label (app_label) and LabelTranslation (app_label_translation, parler's db_table). */
const INITIAL = `from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Label",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False)),
                ("label", models.CharField(default="", max_length=200)),
                ("color", models.CharField(default="", max_length=20)),
            ],
        ),
        migrations.CreateModel(
            name="LabelTranslation",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False)),
                ("language_code", models.CharField(db_index=True, max_length=15)),
                ("label", models.CharField(default="", max_length=200)),
                ("master", models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="translations", to="app.Label")),
            ],
            options={"db_table": "app_label_translation"},
        ),
    ]
`;

/** The earlier migrations: 0001, and 0002 made of `functions` (module-level code) and the `operations` list's items. */
export const parlerCopy = (functions: string, operations: string): Record<string, string> => ({
  "app/migrations/0001_initial.py": INITIAL,
  "app/migrations/0002_migrate_translatable_fields.py": `from django.db import migrations

${functions.trim()}


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        ${operations.trim()}
    ]
`,
});

/** Where the removal is linted. */
export const PARLER_REMOVE_PATH = "app/migrations/0003_remove_untranslated_fields.py";

/** 0003: RemoveField of Label.label (line 8) and of Label.color (line 9). */
export const PARLER_REMOVE = `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0002_migrate_translatable_fields")]

    operations = [
        migrations.RemoveField(model_name="label", name="label"),
        migrations.RemoveField(model_name="label", name="color"),
    ]
`;

/**
 * The recipe's functions as kerrokantasi's 0030 writes them: factories whose functions copy every field of the
 * translation model but its key, master and language from each row (through the `assign` helper), and back.
 */
export const PARLER_RECIPE = `from django.core.exceptions import ObjectDoesNotExist


def assign(obj_dest, obj_src, fields):
    for field in fields:
        if field in ["id", "master", "language_code"]:
            continue
        setattr(obj_dest, field, getattr(obj_src, field))


def forwards_func_factory(modelname):
    def forwards_func(apps, schema_editor):
        MyModel = apps.get_model("app", modelname)
        MyModelTranslation = apps.get_model("app", "%sTranslation" % modelname)
        model_fields = [f.name for f in MyModelTranslation._meta.get_fields()]
        for obj in MyModel.objects.all():
            translation = MyModelTranslation(master_id=obj.pk, language_code="fi")
            assign(translation, obj, model_fields)
            translation.save()

    return forwards_func


def backwards_func_factory(modelname):
    def backwards_func(apps, schema_editor):
        MyModel = apps.get_model("app", modelname)
        MyModelTranslation = apps.get_model("app", "%sTranslation" % modelname)
        model_fields = [f.name for f in MyModelTranslation._meta.get_fields()]
        for obj in MyModel.objects.all():
            try:
                translation = _get_translation(obj, MyModelTranslation)
                assign(obj, translation, model_fields)
                obj.save()
            except ObjectDoesNotExist:
                pass

    return backwards_func


def _get_translation(obj, MyModelTranslation):
    translations = MyModelTranslation.objects.filter(master_id=obj.pk)
    try:
        return translations.get(language_code="fi")
    except ObjectDoesNotExist:
        return translations.get()`;

/** The recipe's RunPython for Label. */
export const PARLER_RECIPE_OPERATION = `migrations.RunPython(forwards_func_factory("Label"), backwards_func_factory("Label")),`;

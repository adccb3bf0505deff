import { DJANGO_4_2_FILES, DJANGO_5_1_FILES, DJANGO_DEFAULTS_MIGRATION, DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { OFFLINE_ENTRYPOINT } from "../../testing/deploy-fixtures.js";
import { defineCases } from "../support/rule.js";

/** one AddField with a Python default, on line 7 */
const SIZE = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]
    operations = [
        migrations.AddField(model_name="order", name="size", field=models.FloatField(default=0)),
    ]
`;

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "a unique field with default=uuid.uuid4: no db_default or one stand-in for every row (they collide); Django's recipe: nullable and not unique, a value per row, then the field as written",
      code: `import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="public_id", field=models.UUIDField(default=uuid.uuid4, unique=True)),
    ]
`,
      files: DJANGO_5_1_FILES,
      lines: [10],
      fixes: [
        `# 1. add the field nullable and not unique (existing rows stay NULL):
migrations.AddField(model_name="Order", name="public_id", field=models.UUIDField(null=True)),
# 2. give each row its own value (a function of the migration module, with atomic = False on a large table):
def fill_public_id(apps, schema_editor):
    Model = apps.get_model("app", "Order")
    for row in Model.objects.filter(public_id__isnull=True).iterator():
        row.public_id = uuid.uuid4()
        row.save(update_fields=["public_id"])


migrations.RunPython(fill_public_id, reverse_code=migrations.RunPython.noop),
# 3. in a later migration, the field as written:
migrations.AlterField(model_name="Order", name="public_id", field=models.UUIDField(default=uuid.uuid4, unique=True)),
# (the AlterField of step 3 makes public_id NOT NULL: only once every running version of the code writes it)`,
      ],
    },
    {
      framework: "django",
      name: "Django 4.2 pinned in requirements/base.txt: check= for CheckConstraint, and no db_default (5.0+): the AddField as written (a callable default stays) then a RunSQL SET DEFAULT of the migration's own; NULLs the AlterField's default fills are filled before VALIDATE",
      code: DJANGO_DEFAULTS_MIGRATION,
      files: DJANGO_4_2_FILES,
      lines: [12, 13],
      fixes: [
        `# Django before 5.0 drops the column's default right after AddField (default= is applied in Python only): a database default
# of the migration's own keeps inserts from code that does not set color working
# '' is a stand-in: use the value existing rows should have in color
migrations.AddField(model_name="order", name="color", field=models.CharField(max_length=255, default=get_random_color)),
migrations.RunSQL(
    "ALTER TABLE app_order ALTER COLUMN color SET DEFAULT ''",
    reverse_sql="ALTER TABLE app_order ALTER COLUMN color DROP DEFAULT",
),`,
        `# Django before 5.0 drops the column's default right after AddField (default= is applied in Python only): a database default
# of the migration's own keeps inserts from code that does not set size working
migrations.AddField(model_name="order", name="size", field=models.FloatField(default=0)),
migrations.RunSQL(
    "ALTER TABLE app_order ALTER COLUMN size SET DEFAULT 0",
    reverse_sql="ALTER TABLE app_order ALTER COLUMN size DROP DEFAULT",
),`,
      ],
    },
    {
      framework: "django",
      name: "Django >=5.1,<6 in pyproject.toml [project]: condition= and db_default, a callable default kept as the Python default",
      code: DJANGO_DEFAULTS_MIGRATION,
      files: DJANGO_5_1_FILES,
      lines: [12, 13],
      fixes: [
        `# db_default (Django 5.0+) stays in the table, so inserts from code that does not set color keep working
# "" is a stand-in: use the value existing rows should have in color
migrations.AddField(model_name="Order", name="color", field=models.CharField(max_length=255, default=get_random_color, db_default="")),`,
        `# db_default (Django 5.0+) stays in the table, so inserts from code that does not set size keep working
migrations.AddField(model_name="Order", name="size", field=models.FloatField(db_default=0)),`,
      ],
    },
    ...([
      ["setup.py's install_requires (a module-level list)", { "setup.py": 'from setuptools import setup\n\nREQUIRES = ["Django>=4.2,<5", "psycopg>=3"]\n\nsetup(name="shop", install_requires=REQUIRES)\n' }],
      ["setup.cfg's [options] install_requires", { "setup.cfg": "[metadata]\nname = shop\n\n[options]\ninstall_requires =\n    Django~=4.2.0\n    psycopg>=3\n" }],
    ] as const).map(([where, manifest]) => ({
      framework: "django" as const,
      name: `Django 4.2 in ${where}: no db_default (5.0+), the AddField then a RunSQL SET DEFAULT of the migration's own`,
      code: SIZE,
      files: { ...DJANGO_INITIAL, ...manifest },
      lines: [7],
      fixes: [
        `# Django before 5.0 drops the column's default right after AddField (default= is applied in Python only): a database default
# of the migration's own keeps inserts from code that does not set size working
migrations.AddField(model_name="order", name="size", field=models.FloatField(default=0)),
migrations.RunSQL(
    "ALTER TABLE app_order ALTER COLUMN size SET DEFAULT 0",
    reverse_sql="ALTER TABLE app_order ALTER COLUMN size DROP DEFAULT",
),`,
      ],
    })),
    {
      framework: "django",
      name: "pontoon 0119: an ArrayField with default=list on Django 5.1+: db_default=list is no value or expression, so the database default comes from RunSQL ('{}')",
      code: `import django.contrib.postgres.fields

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="customer",
            name="health_locales",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.PositiveIntegerField(),
                blank=True,
                default=list,
                size=None,
            ),
        ),
    ]
`,
      files: DJANGO_5_1_FILES,
      lines: [10],
      fixes: ["# Django drops the column's default right after AddField (default= is applied in Python only): a database default\n# of the migration's own keeps inserts from code that does not set health_locales working\nmigrations.AddField(\n    model_name=\"customer\",\n    name=\"health_locales\",\n    field=django.contrib.postgres.fields.ArrayField(\n        base_field=models.PositiveIntegerField(),\n        blank=True,\n        default=list,\n        size=None,\n    ),\n),\nmigrations.RunSQL(\n    \"ALTER TABLE app_customer ALTER COLUMN health_locales SET DEFAULT '{}'\",\n    reverse_sql=\"ALTER TABLE app_customer ALTER COLUMN health_locales DROP DEFAULT\",\n),"],
    },
    {
      framework: "django",
      name: "Django >=5.1 in the Pipfile's [packages]: db_default",
      code: SIZE,
      files: { ...DJANGO_INITIAL, Pipfile: '[packages]\ndjango = { version = ">=5.1", extras = ["argon2"] }\n\n[dev-packages]\npytest = "*"\n' },
      lines: [7],
      fixes: [
        `# db_default (Django 5.0+) stays in the table, so inserts from code that does not set size keep working
migrations.AddField(model_name="Order", name="size", field=models.FloatField(db_default=0)),`,
      ],
    },
    {
      framework: "django",
      name: "preserve_default=False: the default only fills existing rows",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="order",
            name="priority",
            field=models.IntegerField(default=1),
            preserve_default=False,
        )
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8],
    },
    {
      framework: "django",
      name: "NOT NULL without any default",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AddField(model_name="order", name="channel", field=models.CharField(max_length=20))]
`,
      files: DJANGO_INITIAL,
      lines: [7],
    },
    {
      framework: "django",
      name: "offline deploy: preserve_default=False only breaks inserts of old code, which an offline deploy never runs: a note",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AddField(model_name="order", name="priority", field=models.IntegerField(default=1), preserve_default=False)]
`,
      files: { ...DJANGO_INITIAL, ...OFFLINE_ENTRYPOINT },
      lines: [7],
      severities: ["info"],
    },
    {
      framework: "django",
      name: "offline deploy: NOT NULL without any default still fails on a table with rows: an error",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AddField(model_name="order", name="channel", field=models.CharField(max_length=20))]
`,
      files: { ...DJANGO_INITIAL, ...OFFLINE_ENTRYPOINT },
      lines: [7],
      severities: ["error"],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "a django-taggit TaggableManager and a GenericRelation add no column: their rows live in the tag and related models' tables",
      code: `from django.db import migrations
import django.contrib.contenttypes.fields
import taggit.managers


class Migration(migrations.Migration):
    dependencies = [("core", "0019_tagged")]

    operations = [
        migrations.AddField(
            model_name="feeding",
            name="tags",
            field=taggit.managers.TaggableManager(blank=True, help_text="A comma-separated list of tags.", through="core.Tagged", to="core.Tag", verbose_name="Tags"),
        ),
        migrations.AddField(
            model_name="feeding",
            name="notes",
            field=django.contrib.contenttypes.fields.GenericRelation(to="core.note"),
        ),
    ]
`,
    },
    {
      framework: "django",
      name: "django-add-default-value's AddDefaultValue keeps the database default after AddField",
      code: `from django.db import migrations, models
from django_add_default_value import AddDefaultValue


class Migration(migrations.Migration):
    dependencies = [("shop", "0004_order")]

    operations = [
        migrations.AddField(model_name="order", name="channel", field=models.CharField(default="web", max_length=10)),
        AddDefaultValue(model_name="order", name="channel", value="web"),
    ]
`,
    },
    {
      framework: "django",
      name: "nullable, or a database default that stays (db_default)",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="channel", field=models.CharField(max_length=20, null=True)),
        migrations.AddField(model_name="order", name="priority", field=models.IntegerField(db_default=1)),
    ]
`,
      files: DJANGO_INITIAL,
    },
  ],
});

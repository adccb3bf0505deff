import { DJANGO_4_2_FILES, DJANGO_5_1_FILES, DJANGO_DEFAULTS_MIGRATION, DJANGO_INITIAL, PGHISTORY_INITIAL, pgtriggerAddTrigger } from "../../testing/python-fixtures.js";
import { CF_PUSH_THEN_MIGRATE, OFFLINE_ENTRYPOINT } from "../../testing/deploy-fixtures.js";
import { defineCases } from "../support/rule.js";

/** one AddField with a Python default, on line 7 */
const SIZE = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]
    operations = [
        migrations.AddField(model_name="order", name="size", field=models.FloatField(default=0)),
    ]
`;

/** ralph's assets 0012 in small: a DateTimeField AddField whose one-off default fills the existing rows, on line 9 */
const CREATED = `import datetime

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]
    operations = [
        migrations.AddField(
            model_name="order",
            name="created",
            field=models.DateTimeField(auto_now_add=True, default=datetime.datetime(2016, 6, 6, 14, 7, 47, 639689)),
            preserve_default=False,
        ),
    ]
`;

/** app/models.py declaring Order on `base`, imported by `imports` */
const SOLO_ORDER_MODELS = (imports: string, base: string) => `from django.db import models\n${imports}\n\nclass Order(${base}):\n    number = models.CharField(max_length=200)\n`;

/** AWX's 0185 in small: `setting` renamed away in SQL (leaving Django's state), a new `setting` added with a Python default */
const MOVED_ASIDE = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("main", "0001_initial")]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE main_activitystream RENAME setting TO setting_old; ALTER TABLE main_activitystream ALTER COLUMN setting_old DROP NOT NULL",
            state_operations=[migrations.RemoveField(model_name="activitystream", name="setting")],
        ),
        migrations.AddField(model_name="activitystream", name="setting", field=models.JSONField(blank=True, default=dict)),
    ]
`;

/** the app's first migration, ActivityStream with a `setting` field as given */
const ACTIVITY_STREAM = (setting: string) => ({
  "main/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="ActivityStream",
            fields=[("id", models.AutoField(primary_key=True)), ("setting", ${setting})],
        ),
    ]
`,
});

/**
 * fx-private-relay's emails 0060 in small: AddField, then a RunPython whose PostgreSQL branch restores the database
 * default with schema_editor.execute (the SQLite branch rebuilds the table); `column` is the one it sets
 */
const DEFAULT_SET_IN_RUNPYTHON = (column: string) => `from django.db import migrations, models


def add_db_default(apps, schema_editor):
    if schema_editor.connection.vendor.startswith("postgres"):
        schema_editor.execute(
            'ALTER TABLE "app_order"'
            ' ALTER COLUMN "${column}" SET DEFAULT 0;'
        )
    elif schema_editor.connection.vendor.startswith("sqlite"):
        schema_editor.execute('DROP TABLE "app_order";')
    else:
        raise Exception(f'Unknown database vendor "{schema_editor.connection.vendor}"')


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="size", field=models.PositiveIntegerField(default=0)),
        migrations.RunPython(code=add_db_default, reverse_code=migrations.RunPython.noop, elidable=True),
    ]
`;

/** the running code inserts orders without the new column */
const ORDER_INSERTS = { "app/views.py": "from app.models import Order\n\n\ndef place(request):\n    Order.objects.create(number=request.POST['number'])\n" };

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "the table renamed earlier in this migration (AlterModelTable), then a NOT NULL field whose default only fills the rows: the running code inserts under the old name, so a note",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterModelTable(name="order", table="shop_order"),
        migrations.AddField(model_name="order", name="channel", field=models.CharField(default="web", max_length=20), preserve_default=False),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [9],
      severities: ["info"],
      messages: ["But line 8 of this migration renames app_order to shop_order: the code running before the deploy uses the table under its old name, so none of its inserts reach shop_order."],
    },
    {
      framework: "django",
      name: "ralph's vip.ip: a ForeignKey added with the one-off default=1 (preserve_default=False): no database default 1 that would point old code's rows at customer #1; nullable, filled, then NOT NULL without the one-off default",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="order",
            name="buyer",
            field=models.ForeignKey(default=1, on_delete=models.CASCADE, to="app.customer"),
            preserve_default=False,
        ),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8],
      fixes: [
        "# buyer nullable in this migration, so inserts from the running code, which does not set it, keep working (its default= still fills the existing rows); NOT NULL comes in a migration of its own:\nmigrations.AddField(model_name=\"Order\", name=\"buyer\", field=models.ForeignKey(default=1, on_delete=models.CASCADE, to=\"app.customer\", null=True), preserve_default=False),\n\n# then a new migration, app/migrations/0004_app_order_buyer_not_null.py:\nfrom django.db import migrations\nfrom django.db import models\n\nclass Migration(migrations.Migration):\n    # if you also apply the fix of app/migrations/0002_case.py that adds app/migrations/0003_validate_app_order_buyer_id_fkey.py: dependencies = [(\"app\", \"0003_validate_app_order_buyer_id_fkey\")] instead (one leaf node: with two, migrate refuses)\n    dependencies = [(\"app\", \"0002_case\")]\n\n    operations = [\n        # deploy once every running version of the code writes buyer\n        # the rows whose buyer is NULL need a value first (a RunPython before this operation): migguard does not know which\n        migrations.AlterField(model_name=\"Order\", name=\"buyer\", field=models.ForeignKey(on_delete=models.CASCADE, to=\"app.customer\")),\n    ]",
      ],
    },
    {
      framework: "django",
      name: "the Migration's docstring says the order table is empty at this point: the NOT NULL ForeignKey is a note quoting it",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    """app_order is empty at this point: orders are created from the next release on."""

    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="buyer", field=models.ForeignKey(on_delete=models.CASCADE, to="app.customer")),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [10],
      severities: ["info"],
      messages: ['Its author says the table holds no rows yet: "app_order is empty at this point: orders are created from the next release on." (line 5)'],
    },
    {
      framework: "django",
      name: "DefectDojo 0286: a NOT NULL field added to a django-pghistory event table with a Python default, the tracked model's triggers recreated in the same migration: no insert of the running code, a note",
      code: `from django.db import migrations, models
import pgtrigger.compiler
import pgtrigger.migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="jobevent", name="priority", field=models.IntegerField(default=0)),
        ${pgtriggerAddTrigger("insert_insert", '"id", "priority"')}
    ]
`,
      files: PGHISTORY_INITIAL,
      lines: [10],
      severities: ["info"],
      messages: ["app_jobevent is django-pghistory's event table of Job: database triggers on Job insert its rows, not the application, and this migration recreates them (line 11)"],
    },
    {
      framework: "django",
      name: "a JSONField with a one-off default={} (data-workspace-frontend datasets 0113): no database default can stand in, so the fix is the plan as code, the field nullable here and the AlterField that makes it NOT NULL in a migration of its own, not a comment naming steps it does not write",
      path: "app/migrations/0002_order_config.py",
      files: DJANGO_INITIAL,
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="order",
            name="config",
            field=models.JSONField(default={}),
            preserve_default=False,
        ),
    ]
`,
      lines: [8],
      fixes: [
        [
          "# config nullable in this migration, so inserts from the running code, which does not set it, keep working (its default= still fills the existing rows); NOT NULL comes in a migration of its own:",
          'migrations.AddField(model_name="Order", name="config", field=models.JSONField(default={}, null=True), preserve_default=False),',
          "",
          "# then a new migration, app/migrations/0003_app_order_config_not_null.py:",
          "from django.db import migrations",
          "from django.db import models",
          "",
          "class Migration(migrations.Migration):",
          '    dependencies = [("app", "0002_order_config")]',
          "",
          "    operations = [",
          "        # deploy once every running version of the code writes config: AlterField first gives the rows still NULL its default",
          '        migrations.AlterField(model_name="Order", name="config", field=models.JSONField(default={}), preserve_default=False),',
          "    ]",
        ].join("\n"),
      ],
    },
    {
      framework: "django",
      name: "a field with no default migguard can stand in (a JSONField without default=): the AlterField's migration says the NULL rows need a value first, since there is no default to fill them",
      path: "app/migrations/0002_order_config.py",
      files: DJANGO_INITIAL,
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="config", field=models.JSONField()),
    ]
`,
      lines: [8],
      fixes: [
        [
          "# config nullable in this migration, so inserts from the running code, which does not set it, keep working; NOT NULL comes in a migration of its own:",
          'migrations.AddField(model_name="Order", name="config", field=models.JSONField(null=True)),',
          "",
          "# then a new migration, app/migrations/0003_app_order_config_not_null.py:",
          "from django.db import migrations",
          "from django.db import models",
          "",
          "class Migration(migrations.Migration):",
          '    dependencies = [("app", "0002_order_config")]',
          "",
          "    operations = [",
          "        # deploy once every running version of the code writes config",
          "        # the rows whose config is NULL need a value first (a RunPython before this operation): migguard does not know which",
          '        migrations.AlterField(model_name="Order", name="config", field=models.JSONField()),',
          "    ]",
        ].join("\n"),
      ],
    },
    {
      framework: "django",
      name: "a blank=True CharField without default: Django fills existing rows with '' and drops the default, so only inserts that leave it out fail (kerrokantasi 0012)",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AddField(model_name="hearing", name="slug", field=models.CharField(max_length=50, blank=True))]
`,
      lines: [7],
      messages: ["NOT NULL column app_hearing.slug gets the default '' only to fill the existing rows: the database default is dropped again right after"],
    },
    {
      framework: "django",
      name: "django-autoslug's AutoSlugField extends SlugField: blank=True fills existing rows with '' as a CharField's does, and only inserts that leave it out fail (kerrokantasi 0012)",
      code: `import autoslug.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AddField(model_name="hearing", name="slug", field=autoslug.fields.AutoSlugField(verbose_name="slug", editable=True, blank=True, populate_from="title"))]
`,
      lines: [8],
      messages: ["NOT NULL column app_hearing.slug gets the default '' only to fill the existing rows: the database default is dropped again right after (blank=True: Django fills them with the field's empty value and keeps no default)"],
      fixes: [
        `# Django drops the column's default right after AddField (default= is applied in Python only): a database default
# of the migration's own keeps inserts from code that does not set slug working (on Django 5.0+, db_default= does the same)
# '' is what Django already writes into existing rows (blank=True, no default=): new rows of code that does not set slug get it too
migrations.AddField(model_name="hearing", name="slug", field=autoslug.fields.AutoSlugField(verbose_name="slug", editable=True, blank=True, populate_from="title")),
migrations.RunSQL(
    "ALTER TABLE app_hearing ALTER COLUMN slug SET DEFAULT ''",
    reverse_sql="ALTER TABLE app_hearing ALTER COLUMN slug DROP DEFAULT",
),`,
      ],
    },
    {
      framework: "django",
      name: "django-extensions' AutoSlugField is blank unless told otherwise (its __init__ sets blank=True): existing rows get ''",
      code: `from django.db import migrations
from django_extensions.db.fields import AutoSlugField


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AddField(model_name="hearing", name="slug", field=AutoSlugField(populate_from="title"))]
`,
      lines: [8],
      messages: ["NOT NULL column app_hearing.slug gets the default '' only to fill the existing rows"],
    },
    {
      framework: "django",
      name: "django-extensions' CreationDateTimeField is auto_now_add unless told otherwise: existing rows get the current time",
      code: `import django_extensions.db.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AddField(model_name="hearing", name="created", field=django_extensions.db.fields.CreationDateTimeField(verbose_name="created"))]
`,
      lines: [8],
      messages: ["NOT NULL column app_hearing.created gets the default <the current time> only to fill the existing rows"],
    },
    {
      framework: "django",
      name: "a blank BinaryField: Django fills existing rows with b'' (empty_strings_allowed stays True for it)",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AddField(model_name="hearing", name="blob", field=models.BinaryField(blank=True))]
`,
      lines: [7],
      messages: ["NOT NULL column app_hearing.blob gets the default '' only to fill the existing rows"],
    },
    {
      framework: "django",
      name: "Wagtail's StreamField extends models.Field, whose empty_strings_allowed is True: blank=True fills existing rows with '' and the ALTER succeeds (adhocracy-plus cms pages 0007)",
      code: `from django.db import migrations
import wagtail.blocks
import wagtail.fields


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AddField(model_name="simplepage", name="body_streamfield_ky", field=wagtail.fields.StreamField([("html", wagtail.blocks.RawHTMLBlock())], blank=True))]
`,
      lines: [9],
      messages: ["NOT NULL column app_simplepage.body_streamfield_ky gets the default '' only to fill the existing rows: the database default is dropped again right after (blank=True: Django fills them with the field's empty value and keeps no default)"],
    },
    {
      framework: "django",
      name: "a StreamField with use_json_field=True is a jsonb column: the '' Django fills it with is written as the JSON string '\"\"'",
      code: `from django.db import migrations
import wagtail.blocks
import wagtail.fields


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AddField(model_name="simplepage", name="body", field=wagtail.fields.StreamField([("html", wagtail.blocks.RawHTMLBlock())], blank=True, use_json_field=True))]
`,
      lines: [9],
      messages: [`NOT NULL column app_simplepage.body gets the default '""' only to fill the existing rows`],
    },
    {
      framework: "django",
      name: "django-timezone-field's TimeZoneField (models.Field, get_internal_type CharField): blank=True fills existing rows with ''",
      code: `from django.db import migrations
import timezone_field.fields


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AddField(model_name="hearing", name="timezone", field=timezone_field.fields.TimeZoneField(blank=True))]
`,
      lines: [8],
      messages: ["NOT NULL column app_hearing.timezone gets the default '' only to fill the existing rows"],
    },
    {
      framework: "django",
      name: "django-jsonfield's JSONField is a TextField (not Django's JSONField, whose empty_strings_allowed is False): blank=True fills existing rows with ''",
      code: `from django.db import migrations
import jsonfield.fields


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AddField(model_name="hearing", name="extra", field=jsonfield.fields.JSONField(blank=True))]
`,
      lines: [8],
      messages: ["NOT NULL column app_hearing.extra gets the default '' only to fill the existing rows"],
    },
    {
      framework: "django",
      name: "django-money's MoneyField is a DecimalField (empty_strings_allowed False): blank=True gives no '', so the ALTER fails on rows, and migguard knows the class",
      code: `from django.db import migrations
import djmoney.models.fields


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AddField(model_name="hearing", name="fee", field=djmoney.models.fields.MoneyField(blank=True, decimal_places=2, max_digits=14))]
`,
      lines: [8],
      messages: ["Adding NOT NULL column app_hearing.fee without a default fails if app_hearing has rows"],
    },
    {
      framework: "django",
      name: "blank=True on a class whose empty_strings_allowed is False (IntegerField): no '' fill, so the ALTER fails on a table with rows",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AddField(model_name="hearing", name="votes", field=models.IntegerField(blank=True))]
`,
      lines: [7],
      messages: ["Adding NOT NULL column app_hearing.votes without a default fails if app_hearing has rows"],
    },
    {
      framework: "django",
      name: "a blank=True field of a class neither Django, a known package nor the repository defines: whether existing rows get '' depends on the class, which the message says, and old inserts fail either way",
      code: `import slugtools.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AddField(model_name="hearing", name="slug", field=slugtools.fields.PrettySlugField(verbose_name="slug", blank=True, populate_from="title"))]
`,
      lines: [8],
      messages: ["if that field class stores text (a CharField or TextField subclass, empty_strings_allowed), Django adds the column with the default '' and drops it right after, so existing rows get ''; otherwise the ALTER fails if app_hearing has rows. migguard cannot read slugtools.fields.PrettySlugField from the repository to tell. Either way slug has no database default afterwards, so inserts from code that does not set it fail."],
    },
    {
      framework: "django",
      name: "offline deploy: the blank AutoSlugField's '' fills the rows and no old code inserts during the migration: a note (kerrokantasi runs migrate in its entrypoint before the server)",
      code: `import autoslug.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AddField(model_name="hearing", name="slug", field=autoslug.fields.AutoSlugField(verbose_name="slug", editable=True, blank=True, populate_from="title"))]
`,
      files: OFFLINE_ENTRYPOINT,
      lines: [8],
      severities: ["info"],
    },
    {
      framework: "django",
      name: "a column renamed away and added anew, whose old field was NULL-able: the running code may insert NULL into it",
      path: "main/migrations/0002_move_setting.py",
      files: ACTIVITY_STREAM("models.TextField(null=True)"),
      code: MOVED_ASIDE,
      lines: [12],
    },
    {
      framework: "django",
      name: "null=0 and null='' are falsy in Python: both columns are NOT NULL",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="channel", field=models.CharField(max_length=20, null=0)),
        migrations.AddField(model_name="order", name="weight", field=models.IntegerField(null="")),
    ]
`,
      lines: [8, 9],
    },
    {
      framework: "django",
      name: "NOT NULL without a default on a table 0001 created 6 minutes before (makemigrations headers): almost surely the same deploy, so empty: a note",
      files: { "app/migrations/0001_orders.py": `# Generated by Django 4.2 on 2024-03-19 20:59\n\n${DJANGO_INITIAL["app/migrations/0001_initial.py"]}` },
      code: `# Generated by Django 4.2 on 2024-03-19 21:05

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_orders")]

    operations = [migrations.AddField(model_name="order", name="channel", field=models.CharField(max_length=20))]
`,
      lines: [9],
      severities: ["info"],
      messages: ["app_order was created less than an hour earlier by 0001_orders.py"],
    },
    {
      framework: "django",
      name: "preserve_default=False on a table created 6 minutes before: about the running code's inserts, not the rows: it stays (django-migration-linter's app_add_not_null_column)",
      files: { "app/migrations/0001_orders.py": `# Generated by Django 4.2 on 2024-03-19 20:59\n\n${DJANGO_INITIAL["app/migrations/0001_initial.py"]}` },
      code: `# Generated by Django 4.2 on 2024-03-19 21:05

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_orders")]

    operations = [migrations.AddField(model_name="order", name="priority", field=models.IntegerField(default=1), preserve_default=False)]
`,
      lines: [9],
      severities: ["error"],
    },
    {
      framework: "django",
      name: "kpi 0009: the AddField's default='' is followed by an AlterField to a project field class (KpiUidField sets unique=True in its __init__): no shared database default, which the second insert of old code would make collide; nullable, filled per row, then unique",
      path: "hub/migrations/0002_add_uid_to_extra_details.py",
      files: {
        "hub/__init__.py": "",
        "hub/migrations/__init__.py": "",
        "hub/migrations/0001_initial.py": "from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n\n    initial = True\n    dependencies = []\n\n    operations = [\n        migrations.CreateModel(\n            name='ExtraUserDetail',\n            fields=[\n                ('id', models.AutoField(primary_key=True)),\n                ('data', models.JSONField(default=dict)),\n            ],\n        ),\n    ]\n",
        "kpi/__init__.py": "",
        "kpi/fields/__init__.py": "",
        "kpi/fields/kpi_uid.py": "from django.db import models\n\nUUID_LENGTH = 22\n\n\nclass KpiUidField(models.CharField):\n    def __init__(self, uid_prefix, *args, **kwargs):\n        self.uid_prefix = uid_prefix\n        kwargs['max_length'] = len(uid_prefix) + UUID_LENGTH\n        kwargs['unique'] = True\n        super().__init__(*args, **kwargs)\n",
      },
      code: "# Generated by Django 3.2.15 on 2023-03-28 14:54\n\nfrom django.db import migrations, models\n\nfrom kpi.fields.kpi_uid import KpiUidField, UUID_LENGTH\n\n\ndef add_uid_to_extra_details(apps, schema_editor):\n    ExtraUserDetail = apps.get_model('hub', 'ExtraUserDetail')  # noqa\n    batch_size = 2000\n    qs = ExtraUserDetail.objects.only('uid').filter(uid='')\n    batch = []\n    for user_details in qs.iterator(chunk_size=batch_size):\n        user_details.uid = KpiUidField.generate_unique_id('u')\n        batch.append(user_details)\n        if len(batch) >= batch_size:\n            ExtraUserDetail.objects.bulk_update(batch, ['uid'])\n            batch = []\n    if batch:\n        ExtraUserDetail.objects.bulk_update(batch, ['uid'])\n\n\ndef noop(*args, **kwargs):\n    pass\n\n\nclass Migration(migrations.Migration):\n\n    dependencies = [\n        ('hub', '0001_initial'),\n    ]\n\n    operations = [\n        migrations.AddField(\n            model_name='extrauserdetail',\n            name='uid',\n            field=models.CharField(\n                default='',\n                max_length=UUID_LENGTH + 1,\n            ),\n        ),\n        migrations.RunPython(add_uid_to_extra_details, noop),\n        migrations.AlterField(\n            model_name='extrauserdetail',\n            name='uid',\n            field=KpiUidField(uid_prefix='u'),\n        )\n    ]\n",
      lines: [34],
      fixes: ["# line 43 redefines uid with KpiUidField, a field class migguard does not read: it may make it unique: a shared default would give every row that code not setting uid writes the same value, and the second such row\n# would break the unique constraint. Add it nullable without a default (NULLs never collide), give each row its own value (RunPython),\n# then make it unique and NOT NULL in a migration of its own, once every running version of the code writes uid\n# (the rows to fill are then those whose uid is NULL: uid__isnull=True):\nmigrations.AddField(model_name=\"ExtraUserDetail\", name=\"uid\", field=models.CharField(\n    max_length=UUID_LENGTH + 1, null=True,\n)),"],
    },
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
migrations.AddField(model_name="Order", name="color", field=models.CharField(max_length=255, default=get_random_color, db_default="")),
# and in the model, Order.color gets db_default="" too, or the next makemigrations writes an AlterField that drops the database default again`,
        `# db_default (Django 5.0+) stays in the table, so inserts from code that does not set size keep working
migrations.AddField(model_name="Order", name="size", field=models.FloatField(default=0, db_default=0)),
# and in the model, Order.size gets db_default=0 too, or the next makemigrations writes an AlterField that drops the database default again`,
      ],
    },
    ...([
      ["setup.py's install_requires (a module-level list)", { "setup.py": 'from setuptools import setup\n\nREQUIRES = ["Django>=4.2,<5", "psycopg>=3"]\n\nsetup(name="shop", install_requires=REQUIRES)\n' }],
      [
        "setup.py's install_requires with an f-string entry and a list replaced in a branch (galaxy_ng): its literal entries",
        { "setup.py": 'import os\nfrom setuptools import setup\n\nbranch = os.getenv("BRANCH")\nrequires = ["Django>=4.2,<5", f"dab @ git+https://x@{branch}"]\nif os.getenv("UNPIN"):\n    requires = [r.split(">")[0] for r in requires]\n\nsetup(name="shop", install_requires=requires)\n' },
      ],
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
    ...([
      ["Django 1.11 pinned: datetime(6)", { "requirements/base.txt": "Django==1.11.29\nmysqlclient==1.4\n" }, undefined, "datetime(6) NOT NULL", "CURRENT_TIMESTAMP(6)"],
      ["Django 1.7 pinned: plain datetime, as Django created it then", { "requirements/base.txt": "Django==1.7.11\n" }, undefined, "datetime NOT NULL", "CURRENT_TIMESTAMP"],
      [
        "no Django version in the repository: datetime(6), with a comment that says what it rests on",
        {},
        "# datetime(6) is the column Django 1.8+ creates for a DateTimeField on MySQL 5.6.4+ (the repository does not say its Django version): before, it is datetime, with CURRENT_TIMESTAMP\n",
        "datetime(6) NOT NULL",
        "CURRENT_TIMESTAMP(6)",
      ],
    ] as const).map(([name, requirements, caveat, column, now]) => ({
      framework: "django" as const,
      name: `ralph assets 0012 on MySQL, ${name}: ALTER COLUMN SET DEFAULT takes a literal only there (8.0.13+: an expression in parentheses), so the current time goes through MODIFY with the column's whole definition`,
      config: { database: "mysql" },
      code: CREATED,
      files: { ...DJANGO_INITIAL, ...requirements },
      lines: [9],
      fixes: [
        `# Django drops the column's default right after AddField (default= is applied in Python only): a database default
# of the migration's own keeps inserts from code that does not set created working${Object.keys(requirements).length ? "" : " (on Django 5.0+, db_default= does the same)"}
# ${now} is a stand-in: use the value existing rows should have in created
${caveat ?? ""}# MySQL sets the current time as a default only in the column's definition: MODIFY restates all of it (type, NOT NULL)
migrations.AddField(
    model_name="order",
    name="created",
    field=models.DateTimeField(auto_now_add=True, default=datetime.datetime(2016, 6, 6, 14, 7, 47, 639689)),
    preserve_default=False,
),
migrations.RunSQL(
    "ALTER TABLE app_order MODIFY created ${column} DEFAULT ${now}",
    reverse_sql="ALTER TABLE app_order MODIFY created ${column}",
),`.replace("Django drops", Object.keys(requirements).length ? "Django before 5.0 drops" : "Django drops"),
      ],
    })),
    {
      framework: "django",
      name: "a DateField on MySQL: no CURRENT_DATE default before MySQL 8.0.13 (and then only in parentheses), so nullable first, then NOT NULL",
      config: { database: "mysql" },
      code: CREATED.replace("DateTimeField(auto_now_add=True, default=datetime.datetime(2016, 6, 6, 14, 7, 47, 639689))", "DateField(auto_now_add=True, default=datetime.date(2016, 6, 6))"),
      files: { ...DJANGO_INITIAL, "requirements/base.txt": "Django==1.11.29\n" },
      lines: [9],
    },
    {
      framework: "django",
      name: "froide campaign 0006: Django 5.1+, the model read: db_default in the migration and in the model's field as app/models.py declares it, or the next makemigrations drops the database default again; default= stays beside it (seed 72, umap: unsaved instances keep their Python value, not a DatabaseDefault)",
      code: SIZE,
      files: { ...DJANGO_5_1_FILES, "app/models.py": "from django.db import models\n\n\nclass Order(models.Model):\n    number = models.CharField(max_length=200)\n    size = models.FloatField(\n        default=0,\n        help_text=\"kg\",\n    )\n" },
      lines: [7],
      fixes: [
        `# db_default (Django 5.0+) stays in the table, so inserts from code that does not set size keep working
migrations.AddField(model_name="Order", name="size", field=models.FloatField(default=0, db_default=0)),
# and the model's field the same, or the next makemigrations writes an AlterField that drops the database default again:
# app/models.py:6, in Order:
size = models.FloatField(
    default=0,
    help_text="kg", db_default=0,
)`,
      ],
    },
    {
      framework: "django",
      name: "froide account 0038: the field comes from a package's abstract model (oauth2_provider's AbstractApplication), which the project cannot change: no db_default, a RunSQL default of the migration's own that Django's state does not track",
      code: SIZE,
      files: { ...DJANGO_5_1_FILES, "app/models.py": "from oauth2_provider.models import AbstractApplication\n\n\nclass Order(AbstractApplication):\n    pass\n", "app/templates/oauth2_provider/form.html": "<form></form>\n" },
      lines: [7],
      fixes: [
        `# Order (app/models.py) does not declare size: it comes from oauth2_provider.models.AbstractApplication, a package's model, whose field
# cannot take db_default= here (written in the migration only, the next makemigrations would remove it again)
# Django drops the column's default right after AddField (default= is applied in Python only): a database default
# of the migration's own, which Django's state does not track, keeps inserts from code that does not set size working
migrations.AddField(model_name="order", name="size", field=models.FloatField(default=0)),
migrations.RunSQL(
    "ALTER TABLE app_order ALTER COLUMN size SET DEFAULT 0",
    reverse_sql="ALTER TABLE app_order ALTER COLUMN size DROP DEFAULT",
),`,
      ],
    },
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
migrations.AddField(model_name="Order", name="size", field=models.FloatField(default=0, db_default=0)),
# and in the model, Order.size gets db_default=0 too, or the next makemigrations writes an AlterField that drops the database default again`,
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
      name: "code-first deploy (manage.get.gov: cf push, then a migrate task): no old code runs when the column appears, and the new model sets it: a note that says why",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AddField(model_name="order", name="priority", field=models.IntegerField(default=1), preserve_default=False)]
`,
      files: { ...DJANGO_INITIAL, ...CF_PUSH_THEN_MIGRATE },
      lines: [7],
      severities: ["info"],
      messages: ["Code-first deploy (.github/workflows/deploy-stable.yaml:13: the deploy puts the new code live (`cf push`, line 9) and runs the migrations after it): no old code runs when this migration runs"],
    },
    {
      framework: "django",
      name: "code-first deploy: NOT NULL without any default still fails on a table with rows: an error",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AddField(model_name="order", name="channel", field=models.CharField(max_length=20))]
`,
      files: { ...DJANGO_INITIAL, ...CF_PUSH_THEN_MIGRATE },
      lines: [7],
      severities: ["error"],
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
    {
      framework: "django",
      name: "a django-solo singleton (open-forms GlobalConfiguration extends solo.models.SingletonModel): its one row gets the value and no running code inserts another: a note that says why",
      files: { ...DJANGO_INITIAL, "app/models.py": SOLO_ORDER_MODELS("from solo.models import SingletonModel\n", "SingletonModel") },
      code: SIZE,
      lines: [7],
      severities: ["info"],
      messages: ["Order (app/models.py) is a django-solo singleton (Order extends solo.models.SingletonModel): its one row gets size now"],
    },
    {
      framework: "django",
      name: "a singleton through the project's own abstract base (class Order(ConfigBase), ConfigBase(solo.models.SingletonModel)): a note",
      files: { ...DJANGO_INITIAL, "app/models.py": `import solo.models\nfrom django.db import models\n\n\nclass ConfigBase(solo.models.SingletonModel):\n    class Meta:\n        abstract = True\n\n\nclass Order(ConfigBase):\n    number = models.CharField(max_length=200)\n` },
      code: SIZE,
      lines: [7],
      severities: ["info"],
      messages: ["(Order extends ConfigBase extends solo.models.SingletonModel)"],
    },
    {
      framework: "django",
      name: "a base named SingletonModel that is not django-solo's (the project's own, which says nothing of its rows): the error stays",
      files: {
        ...DJANGO_INITIAL,
        "app/models.py": SOLO_ORDER_MODELS("from app.base import SingletonModel\n", "SingletonModel"),
        "app/views.py": "from app.models import Order\n\n\ndef place(request):\n    Order.objects.create(number=request.POST['number'])\n",
      },
      code: SIZE,
      lines: [7],
      severities: ["error"],
    },
    {
      framework: "django",
      name: "a RunPython's PostgreSQL branch sets the default of another column (schema_editor.execute ... SET DEFAULT): size's default is still dropped, the error stays",
      files: { ...DJANGO_INITIAL, ...ORDER_INSERTS },
      code: DEFAULT_SET_IN_RUNPYTHON("quantity"),
      lines: [20],
      severities: ["error"],
    },
    {
      framework: "django",
      name: "PostgreSQL 10 (postgres_version: 10), where AddField's default= is written into every existing row: the field added null=True without it, a RunSQL default for new rows, the rows filled in batches by a migration of its own (atomic = False), then the AlterField as written",
      config: { postgres_version: 10 },
      code: SIZE,
      files: DJANGO_INITIAL,
      lines: [7],
      fixes: ["# before PostgreSQL 11 any default is written into every existing row (a rewrite under ACCESS EXCLUSIVE): add it nullable, give new rows the default, fill the existing rows in batches, then make it NOT NULL:\nmigrations.AddField(model_name=\"Order\", name=\"size\", field=models.FloatField(null=True)),\n# new rows only: it touches no existing row\nmigrations.RunSQL(\n    \"ALTER TABLE app_order ALTER COLUMN size SET DEFAULT 0\",\n    reverse_sql=\"ALTER TABLE app_order ALTER COLUMN size DROP DEFAULT\",\n),\n\n# then a new migration, app/migrations/0003_fill_app_order_size.py:\nfrom django.db import migrations\n\ndef fill_app_order_size(apps, schema_editor):\n    # 1000 rows a statement, each committed on its own (atomic = False), until one updates nothing\n    with schema_editor.connection.cursor() as cursor:\n        while True:\n            cursor.execute(\"UPDATE app_order SET size = 0 WHERE ctid IN (SELECT ctid FROM app_order WHERE size IS NULL LIMIT 1000)\")\n            if cursor.rowcount == 0:\n                break\n\n\nclass Migration(migrations.Migration):\n    atomic = False\n\n    dependencies = [(\"app\", \"0002_case\")]\n\n    operations = [\n        migrations.RunPython(fill_app_order_size, migrations.RunPython.noop),\n    ]\n\n# then a new migration, app/migrations/0004_app_order_size_not_null.py:\nfrom django.db import migrations\nfrom django.db import models\n\nclass Migration(migrations.Migration):\n    dependencies = [(\"app\", \"0003_fill_app_order_size\")]\n\n    operations = [\n        # deploy once every running version of the code writes size\n        migrations.AlterField(model_name=\"Order\", name=\"size\", field=models.FloatField(default=0)),\n    ]"],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "fx-private-relay emails 0060: a RunPython's PostgreSQL branch (vendor.startswith(\"postgres\")) restores the database default AddField drops with schema_editor.execute: inserts of the running code keep working",
      files: { ...DJANGO_INITIAL, ...ORDER_INSERTS },
      code: DEFAULT_SET_IN_RUNPYTHON("size"),
    },
    {
      framework: "django",
      name: "a GeneratedField is computed by PostgreSQL for every row, existing and inserted: no NOT NULL column left without a value",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="order",
            name="doubled",
            field=models.GeneratedField(expression=models.F("total") * 2, output_field=models.BigIntegerField(), db_persist=True),
        ),
    ]
`,
      files: DJANGO_INITIAL,
    },
    {
      framework: "django",
      name: "AWX 0185: the old setting column is renamed away and a new one added, but the running code's model has a NOT NULL field setting, so its inserts write it",
      path: "main/migrations/0002_move_setting.py",
      files: ACTIVITY_STREAM("models.TextField(blank=True, default='{}')"),
      code: MOVED_ASIDE,
    },
    {
      framework: "django",
      name: "AWX 0086: null='True' and null='False' are non-empty strings, truthy in Python: Django makes both columns NULL-able",
      code: `from django.db import migrations, models
import django.db.models.deletion
import awx.main.fields


class Migration(migrations.Migration):
    dependencies = [("main", "0085_v360_add_notificationtemplate_messages")]

    operations = [
        migrations.AddField(
            model_name="organization",
            name="approval_role",
            field=awx.main.fields.ImplicitRoleField(
                editable=False, null='True', on_delete=django.db.models.deletion.SET_NULL, parent_role='admin_role', related_name='+', to='main.Role'
            ),
            preserve_default='True',
        ),
        migrations.AddField(model_name="organization", name="approval_note", field=models.TextField(null="False")),
        migrations.AddField(model_name="organization", name="approval_count", field=models.IntegerField(null=1)),
    ]
`,
    },
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

import { DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

/**
 * fx-private-relay's emails 0057 in small: AddField, then a RunPython whose PostgreSQL branch restores the database
 * default and runs `also` after it (the SQLite branch rebuilds the table)
 */
const DEFAULT_SET_ON_POSTGRES = (also: string) => `from django.db import migrations, models


def add_db_default(apps, schema_editor):
    """Add a database default of 0 for size."""
    if schema_editor.connection.vendor.startswith("postgres"):
        schema_editor.execute('ALTER TABLE "app_order" ALTER COLUMN "size" SET DEFAULT 0;')${also ? `\n        schema_editor.execute(${JSON.stringify(also)})` : ""}
    elif schema_editor.connection.vendor.startswith("sqlite"):
        schema_editor.execute('INSERT INTO "new__app_order" SELECT * FROM "app_order";')
    else:
        raise Exception(f'Unknown database vendor "{schema_editor.connection.vendor}"')


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="size", field=models.PositiveIntegerField(default=0)),
        migrations.RunPython(code=add_db_default, reverse_code=migrations.RunPython.noop, elidable=True),
    ]
`;

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "a RunPython that asks introspection (table_names()) after an AddField: Django asks it when the RunPython runs, after the AddField, in this migration or in one of its own alike, so the answer keeps its meaning and the split is offered as usual",
      files: DJANGO_INITIAL,
      code: `from django.db import migrations, models


def fill_tier(apps, schema_editor):
    if "legacy_tiers" in schema_editor.connection.introspection.table_names():
        apps.get_model("app", "Customer").objects.update(tier="legacy")


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="customer", name="tier", field=models.CharField(max_length=10, null=True)),
        migrations.RunPython(fill_tier, migrations.RunPython.noop),
    ]
`,
      lines: [14],
      severities: ["error"],
      messages: ["This data change runs in the same transaction as the schema change of app_customer on line 13"],
    },
    {
      framework: "django",
      name: "a move in Django: a RunPython reads every order to give its customer the last number, then DeleteModel(Order): the copy stays with the drop of its source, a note on the lock held through it",
      files: DJANGO_INITIAL,
      code: `from django.db import migrations, models


def copy_numbers(apps, schema_editor):
    Order = apps.get_model("app", "Order")
    Customer = apps.get_model("app", "Customer")
    for order in Order.objects.all():
        Customer.objects.filter(pk=order.customer_id).update(last_number=order.number)


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="customer", name="last_number", field=models.CharField(max_length=200, null=True)),
        migrations.RunPython(copy_numbers, migrations.RunPython.noop),
        migrations.DeleteModel(name="Order"),
    ]
`,
      lines: [16],
      severities: ["info"],
      messages: ["This data change copies values out of app_order, which line 17 then drops: a move, whose copy and drop belong in one transaction, as written."],
    },
    {
      framework: "django",
      name: "fx-private-relay emails 0057: the RunPython's PostgreSQL branch also updates every row after its SET DEFAULT: a data change beside the AddField, the warning stays",
      files: DJANGO_INITIAL,
      code: DEFAULT_SET_ON_POSTGRES('UPDATE "app_order" SET "size" = 1;'),
      lines: [20],
      severities: ["warning"],
    },
    {
      framework: "django",
      name: "AddField null=True, a RunSQL of one constant on every row, AlterField to NOT NULL: a warning whose fix gives the AddField the constant as default= (Django adds the column with it, then drops it) and takes out the RunSQL",
      files: DJANGO_INITIAL,
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="customer", name="tier", field=models.CharField(max_length=10, null=True)),
        migrations.RunSQL("UPDATE app_customer SET tier = 'basic' WHERE tier IS NULL", reverse_sql=migrations.RunSQL.noop),
        migrations.AlterField(model_name="customer", name="tier", field=models.CharField(max_length=10)),
    ]
`,
      lines: [9],
      severities: ["warning"],
      fixes: [
        `# app_customer.tier: AddField with the backfill's constant as default= adds the column NOT NULL with that default and drops
# the default right after: every row gets the value without a rewrite (PostgreSQL 11+). The RunSQL with the UPDATE goes; the
# AlterField stays (the column is NOT NULL already, so it runs no SQL, and Django's state stays as written):
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="customer", name="tier", field=models.CharField(max_length=10, default="basic")),
        migrations.AlterField(model_name="customer", name="tier", field=models.CharField(max_length=10)),
    ]`,
      ],
    },
    {
      framework: "django",
      name: "the same RunSQL copying another column: the keep-together note stays",
      files: DJANGO_INITIAL,
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="customer", name="contact", field=models.EmailField(max_length=254, null=True)),
        migrations.RunSQL("UPDATE app_customer SET contact = email", reverse_sql=migrations.RunSQL.noop),
        migrations.AlterField(model_name="customer", name="contact", field=models.EmailField(max_length=254)),
    ]
`,
      lines: [9],
      severities: ["info"],
    },
    {
      framework: "django",
      name: "a RunSQL f-string with an UPDATE, then an ALTER TABLE that holds a value known only at run time (START WITH {START}): the ALTER is cut out by PostgreSQL's scanner and counts as the schema change",
      code: `import os

from django.db import migrations

START = int(os.environ["START"])


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RunSQL(f"UPDATE app_item SET flag = true; ALTER TABLE app_item ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (START WITH {START})"),
    ]
`,
      lines: [12],
    },
    {
      framework: "django",
      name: "kpi 0009: the AlterField after the backfill (to a project field class that makes the column unique) waits for it in migration 3, never before it in migration 1 where the rows all hold ''",
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
      lines: [42],
      fixes: ["# migration 1, hub/migrations/0002_add_uid_to_extra_details.py as it becomes: without the data change and the statements after it\n# Generated by Django 3.2.15 on 2023-03-28 14:54\n\nfrom django.db import migrations, models\n\nfrom kpi.fields.kpi_uid import KpiUidField, UUID_LENGTH\n\n\nclass Migration(migrations.Migration):\n\n    dependencies = [\n        ('hub', '0001_initial'),\n    ]\n\n    operations = [\n        migrations.AddField(\n            model_name='extrauserdetail',\n            name='uid',\n            field=models.CharField(\n                default='',\n                max_length=UUID_LENGTH + 1,\n            ),\n        ),\n    ]\n\n# migration 2, new file hub/migrations/0003_backfill_hub_extrauserdetail.py: the data change, once migration 1 is deployed (rollback does not bring the old values back: keep a copy first if they may be needed; on a large table, in batches)\nfrom django.db import migrations, models\nfrom kpi.fields.kpi_uid import KpiUidField, UUID_LENGTH\n\n\ndef add_uid_to_extra_details(apps, schema_editor):\n    ExtraUserDetail = apps.get_model('hub', 'ExtraUserDetail')  # noqa\n    batch_size = 2000\n    qs = ExtraUserDetail.objects.only('uid').filter(uid='')\n    batch = []\n    for user_details in qs.iterator(chunk_size=batch_size):\n        user_details.uid = KpiUidField.generate_unique_id('u')\n        batch.append(user_details)\n        if len(batch) >= batch_size:\n            ExtraUserDetail.objects.bulk_update(batch, ['uid'])\n            batch = []\n    if batch:\n        ExtraUserDetail.objects.bulk_update(batch, ['uid'])\n\n\ndef noop(*args, **kwargs):\n    pass\n\n\nclass Migration(migrations.Migration):\n    dependencies = [(\"hub\", \"0002_add_uid_to_extra_details\")]\n\n    operations = [\n        migrations.RunPython(add_uid_to_extra_details, noop),\n    ]\n\n# migration 3, new file hub/migrations/0004_after_backfill_hub_extrauserdetail.py: the statements after the data change, once migration 2 has run (they need it done; rolling back migration 1 undoes them)\nfrom django.db import migrations, models\nfrom kpi.fields.kpi_uid import KpiUidField, UUID_LENGTH\n\n\nclass Migration(migrations.Migration):\n    dependencies = [(\"hub\", \"0003_backfill_hub_extrauserdetail\")]\n\n    operations = [\n        migrations.AlterField(\n            model_name='extrauserdetail',\n            name='uid',\n            field=KpiUidField(uid_prefix='u'),\n        ),\n    ]"],
    },
    {
      framework: "django",
      name: "a RunPython whose SELECT locks rows (FOR UPDATE) or that saves what it read: a write, still reported",
      code: `from django.db import migrations, models


def lock_then_save(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT id FROM app_order FOR UPDATE")
    Order = apps.get_model("app", "Order")
    order = Order.objects.get(pk=1)
    order.save()


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="currency", field=models.CharField(max_length=3, null=True)),
        migrations.RunPython(lock_then_save, migrations.RunPython.noop),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [17],
    },
    {
      framework: "django",
      name: "a RunPython whose only SQL is a SELECT calling setval (writes a sequence): still a data change",
      code: `from django.db import migrations, models


def reset_sequence(apps, schema_editor):
    schema_editor.execute("SELECT setval('app_order_id_seq', (SELECT max(id) FROM app_order))")


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="currency", field=models.CharField(max_length=3, null=True)),
        migrations.RunPython(reset_sequence, migrations.RunPython.noop),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [13],
    },
    {
      framework: "django",
      name: "a copy into a new model then the old field cleared (flagsmith's 0008_webhook): migration 2 keeps the RunPython atomic, with its function and imports",
      code: `from django.db import migrations, models


def copy_webhooks(apps, schema_editor):
    Environment = apps.get_model("app", "Order")
    Webhook = apps.get_model("app", "Webhook")
    Webhook.objects.bulk_create([Webhook(order=e, url=e.webhook_url) for e in Environment.objects.exclude(webhook_url=None)])
    Environment.objects.update(webhook_url=None)


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="hooked", field=models.BooleanField(null=True)),
        migrations.RunPython(copy_webhooks, migrations.RunPython.noop),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [16],
      fixes: [
        "# migration 1, app/migrations/0002_case.py as it becomes: without the data change\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [(\"app\", \"0001_initial\")]\n\n    operations = [\n        migrations.AddField(model_name=\"order\", name=\"hooked\", field=models.BooleanField(null=True)),\n    ]\n\n# migration 2, new file app/migrations/0003_backfill_app_order.py: the data change, once migration 1 is deployed (rollback does not bring the old values back: keep a copy first if they may be needed; on a large table, in batches)\nfrom django.db import migrations, models\n\n\ndef copy_webhooks(apps, schema_editor):\n    Environment = apps.get_model(\"app\", \"Order\")\n    Webhook = apps.get_model(\"app\", \"Webhook\")\n    Webhook.objects.bulk_create([Webhook(order=e, url=e.webhook_url) for e in Environment.objects.exclude(webhook_url=None)])\n    Environment.objects.update(webhook_url=None)\n\n\nclass Migration(migrations.Migration):\n    dependencies = [(\"app\", \"0002_case\")]\n\n    operations = [\n        migrations.RunPython(copy_webhooks, migrations.RunPython.noop),\n    ]",
      ],
    },
    {
      framework: "django",
      name: "AddField and a whole-table UPDATE in one atomic migration",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="currency", field=models.CharField(max_length=3, null=True)),
        migrations.RunSQL("UPDATE app_order SET currency = 'EUR'", reverse_sql=migrations.RunSQL.noop),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [9],
    },
    {
      framework: "django",
      name: "the app already has a later migration (0003 depends on this 0002), in the repository before the change: 0002 has run wherever 0003 has, so the fix keeps it as written and gives the split as the form for a new migration, and a dependency for 0003 only while it has run nowhere (InconsistentMigrationHistory on every install that applied it; ralph data_center 0014, seed 73)",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="currency", field=models.CharField(max_length=3, null=True)),
        migrations.RunSQL("UPDATE app_order SET currency = 'EUR'", reverse_sql=migrations.RunSQL.noop),
    ]
`,
      files: {
        ...DJANGO_INITIAL,
        "app/migrations/0003_order_memo.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0002_case")]

    operations = [
        migrations.AddField(model_name="order", name="memo", field=models.TextField(null=True)),
    ]
`,
      },
      lines: [9],
      fixes: [
        `# app/migrations/0003_order_memo.py already depends on app/migrations/0002_case.py: it has run wherever that one has, so keep it as written.
# Split now, the databases that ran it would run the moved data change a second time, and a dependency added to a migration
# they already applied makes migrate fail there (InconsistentMigrationHistory).
# The form for a NEW migration of this kind (shown on this one's code): the schema change and the data change each in a migration of its own,
# the data change right after the schema change, for whose models it is written:
# migration 1, app/migrations/0002_case.py as it becomes: without the data change
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="currency", field=models.CharField(max_length=3, null=True)),
    ]

# migration 2, new file app/migrations/0004_backfill_app_order.py: the data change, right after migration 1, before app/migrations/0003_order_memo.py, which needs it (it ran right after 0002_case, and the data change is written for the models 0002_case leaves) (rolling back migration 1 drops what this fills; on a large table, in batches)
# until migration 2 has run, app_order.currency holds only its default: deploy the code that reads it after migration 2, not with migration 1
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0002_case")]

    operations = [
        migrations.RunSQL("UPDATE app_order SET currency = 'EUR'", reverse_sql=migrations.RunSQL.noop),
    ]

# app/migrations/0003_order_memo.py needs the data change first: only while it has run nowhere yet (new on this branch, like this one) add ("app", "0004_backfill_app_order") to its dependencies; once any database ran it, leave it as it is (migrate fails there with InconsistentMigrationHistory)`,
      ],
    },
    {
      framework: "django",
      name: "orders without a quantity deleted, then quantity made NOT NULL (the delete prepares it): a note whose fix is the whole migration as written (its imports, dependencies, the AddField after), every operation once",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RunSQL("DELETE FROM app_order WHERE quantity IS NULL", reverse_sql=migrations.RunSQL.noop),
        migrations.AlterField(model_name="order", name="quantity", field=models.IntegerField()),
        migrations.AddField(model_name="order", name="currency", field=models.CharField(max_length=3, null=True)),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8],
      severities: ["info"],
      fixes: [
        `# keep the data change and the set not null it prepares in this migration, in this order and in one
# transaction, as written (the whole migration); on a large table, take the NOT NULL as set-not-null shows (a CHECK ... NOT VALID, then VALIDATE), after the data change:
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RunSQL("DELETE FROM app_order WHERE quantity IS NULL", reverse_sql=migrations.RunSQL.noop),
        migrations.AlterField(model_name="order", name="quantity", field=models.IntegerField()),
        migrations.AddField(model_name="order", name="currency", field=models.CharField(max_length=3, null=True)),
    ]`,
      ],
    },
    {
      framework: "django",
      name: "RunPython next to a schema change",
      code: `from django.db import migrations, models


def fill_tokens(apps, schema_editor):
    Order = apps.get_model("app", "Order")
    for order in Order.objects.all():
        order.save()


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RunPython(fill_tokens, migrations.RunPython.noop),
        migrations.AddField(model_name="order", name="token", field=models.CharField(max_length=36, null=True)),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [14],
      // the RunPython comes first: its row locks, not the AddField's table lock, are what it holds
      messages: ["runs before the schema change of line 15, in the same transaction: the rows it writes stay locked until the commit"],
    },
    {
      framework: "django",
      name: "atomic = False: each operation commits on its own, no lock is held across the data change (a note)",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="currency", field=models.CharField(max_length=3, null=True)),
        migrations.RunSQL("UPDATE app_order SET currency = 'EUR'", reverse_sql=migrations.RunSQL.noop),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [10],
      severities: ["info"],
      messages: ["outside a transaction (atomic = False): each statement commits on its own, so no lock outlives its statement"],
    },
    {
      framework: "django",
      name: "RunPython writing the table whose schema changed just before, in one transaction",
      code: `from django.db import migrations, models


def backfill(apps, schema_editor):
    Order = apps.get_model("app", "Order")
    Order.objects.filter(channel__isnull=True).update(channel="web")


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="channel", field=models.CharField(max_length=20, null=True)),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [14],
    },
    {
      framework: "django",
      name: "DefectDojo 0272: the RunPython's function logs through a module logger (`logging.getLogger(__name__)`): __name__ is every module's own, so the split is built, the logger carried into migration 2",
      code: `import logging

from django.db import migrations, models

logger = logging.getLogger(__name__)


def backfill(apps, schema_editor):
    Order = apps.get_model("app", "Order")
    updated = Order.objects.filter(channel__isnull=True).update(channel="web")
    logger.info("backfilled %d orders", updated)


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="channel", field=models.CharField(max_length=20, null=True)),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [19],
      severities: ["error"],
      fixes: [
        `# migration 1, app/migrations/0002_case.py as it becomes: without the data change
import logging

from django.db import migrations, models

logger = logging.getLogger(__name__)


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="channel", field=models.CharField(max_length=20, null=True)),
    ]

# migration 2, new file app/migrations/0003_backfill_app_order.py: the data change, once migration 1 is deployed (rollback does not bring the old values back: keep a copy first if they may be needed; on a large table, in batches)
import logging
from django.db import migrations, models


logger = logging.getLogger(__name__)


def backfill(apps, schema_editor):
    Order = apps.get_model("app", "Order")
    updated = Order.objects.filter(channel__isnull=True).update(channel="web")
    logger.info("backfilled %d orders", updated)


class Migration(migrations.Migration):
    dependencies = [("app", "0002_case")]

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]`,
      ],
    },
    {
      framework: "django",
      name: "DefectDojo 0286: a copy into a field added before it, then SET CONSTRAINTS ALL IMMEDIATE (changes nothing itself), the old field removed and a state-only operation last: a move, kept with the removal of its source as written (split apart, notes written between them are lost), a note on the AddField's lock held through the copy",
      code: `from django.db import migrations, models


def copy_note(apps, schema_editor):
    Order = apps.get_model("app", "Order")
    for order in Order.objects.filter(note__isnull=False):
        order.memo = order.note
        order.save(update_fields=["memo"])


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="memo", field=models.TextField(null=True)),
        migrations.RunPython(copy_note, migrations.RunPython.noop),
        migrations.RunSQL(sql="SET CONSTRAINTS ALL IMMEDIATE", reverse_sql=migrations.RunSQL.noop),
        migrations.RemoveField(model_name="order", name="note"),
        migrations.AlterModelOptions(name="order", options={"ordering": ["number"]}),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [16],
      severities: ["info"],
      messages: ["This data change copies values out of app_order.note, which line 18 then drops: a move, whose copy and drop belong in one transaction, as written. Split apart, or the copy run in batches, rows the running code writes to app_order.note in between are lost with it. Kept as written, app_order stays locked (the ACCESS EXCLUSIVE lock of line 15) until the copy has written its rows, as long as that takes."],
      fixes: [
        `# keep the copy of line 16 and the drop of line 18 in this migration, in one transaction, as written (the whole migration):
# split apart, rows the running code writes to app_order.note after the copy are lost with it.
# On a table too large to lock for the copy: move the schema change before it (line 15) into a migration of its own, and
# keep the copy and the drop together in the next, one transaction, not in batches; or copy in batches only with a trigger on
# app_order that copies every write the same way, created before the first batch and dropped with app_order.note.
from django.db import migrations, models


def copy_note(apps, schema_editor):
    Order = apps.get_model("app", "Order")
    for order in Order.objects.filter(note__isnull=False):
        order.memo = order.note
        order.save(update_fields=["memo"])


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="memo", field=models.TextField(null=True)),
        migrations.RunPython(copy_note, migrations.RunPython.noop),
        migrations.RunSQL(sql="SET CONSTRAINTS ALL IMMEDIATE", reverse_sql=migrations.RunSQL.noop),
        migrations.RemoveField(model_name="order", name="note"),
        migrations.AlterModelOptions(name="order", options={"ordering": ["number"]}),
    ]`,
      ],
    },
    {
      framework: "django",
      name: "a RunSQL whose SELECT reads a data-modifying WITH (DELETE ... RETURNING) next to AddField: the DELETE is a data change, not a read",
      files: DJANGO_INITIAL,
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="customer", name="tier", field=models.CharField(max_length=10, null=True)),
        migrations.RunSQL("WITH gone AS (DELETE FROM app_customer WHERE tier IS NULL RETURNING id) SELECT count(*) FROM gone", reverse_sql=migrations.RunSQL.noop),
    ]
`,
      lines: [9],
    },
    {
      framework: "django",
      name: "joanie 0080: a RunPython gives each order the new foreign key buyer (order.buyer = order.customer; save()), then RemoveField customer: the deferred check of buyer_id is still queued, so PostgreSQL refuses the ALTER TABLE (pending trigger events): an error whose fix runs the queued checks just before the drop, in place (it fits a migration that already ran elsewhere too)",
      files: DJANGO_INITIAL,
      code: `from django.db import migrations, models


def copy_buyer(apps, schema_editor):
    Order = apps.get_model("app", "Order")
    for order in Order.objects.all():
        order.buyer = order.customer
        order.save()


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="buyer", field=models.ForeignKey(null=True, on_delete=models.PROTECT, related_name="+", to="app.customer")),
        migrations.RunPython(copy_buyer, migrations.RunPython.noop),
        migrations.RemoveField(model_name="order", name="customer"),
    ]
`,
      lines: [16],
      severities: ["error"],
      messages: [`This migration fails: this data change gives app_order.buyer_id new values, and that foreign key is DEFERRABLE INITIALLY DEFERRED (Django makes every foreign key so on PostgreSQL), so PostgreSQL queues its checks until the commit, and the drop column of line 17 on app_order, in the same transaction, then stops with 'cannot ALTER TABLE "app_order" because it has pending trigger events'`],
      fixes: [
        '# just before line 17: the foreign key checks the data change queued run here, as at the commit, so the drop column of app_order finds none pending\nmigrations.RunSQL("SET CONSTRAINTS ALL IMMEDIATE", reverse_sql=migrations.RunSQL.noop),',
      ],
    },
    {
      framework: "django",
      name: "a RunSQL UPDATE that sets the foreign key customer_id, then an AddField on the same table: the ALTER TABLE fails on the pending check",
      files: DJANGO_INITIAL,
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RunSQL("UPDATE app_order SET customer_id = (SELECT min(id) FROM app_customer) WHERE note = 'orphan'", reverse_sql=migrations.RunSQL.noop),
        migrations.AddField(model_name="order", name="shipped", field=models.BooleanField(null=True)),
    ]
`,
      lines: [8],
      severities: ["error"],
      messages: ["This migration fails"],
      fixes: [
        '# just before line 9: the foreign key checks the data change queued run here, as at the commit, so the add column of app_order finds none pending\nmigrations.RunSQL("SET CONSTRAINTS ALL IMMEDIATE", reverse_sql=migrations.RunSQL.noop),',
      ],
    },
    {
      framework: "django",
      name: "the fix applied: SET CONSTRAINTS ALL IMMEDIATE between the RunPython and the RemoveField runs the queued checks, the drop runs (what stays is a note: the copy out of customer is a move, kept with the drop of its source, and holds the AddField's lock)",
      files: DJANGO_INITIAL,
      code: `from django.db import migrations, models


def copy_buyer(apps, schema_editor):
    Order = apps.get_model("app", "Order")
    for order in Order.objects.all():
        order.buyer = order.customer
        order.save()


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="buyer", field=models.ForeignKey(null=True, on_delete=models.PROTECT, related_name="+", to="app.customer")),
        migrations.RunPython(copy_buyer, migrations.RunPython.noop),
        migrations.RunSQL("SET CONSTRAINTS ALL IMMEDIATE", reverse_sql=migrations.RunSQL.noop),
        migrations.RemoveField(model_name="order", name="customer"),
    ]
`,
      lines: [16],
      severities: ["info"],
      messages: ["This data change copies values out of app_order.customer_id, which line 18 then drops: a move, whose copy and drop belong in one transaction, as written."],
    },
    {
      framework: "django",
      name: "the same RunPython writing only a column that is no foreign key (order.note): no check is queued, the AlterField runs; the lock warning stays",
      files: DJANGO_INITIAL,
      code: `from django.db import migrations, models


def fill_note(apps, schema_editor):
    Order = apps.get_model("app", "Order")
    for order in Order.objects.all():
        order.note = "migrated"
        order.save()


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RunPython(fill_note, migrations.RunPython.noop),
        migrations.AlterField(model_name="order", name="number", field=models.CharField(max_length=250)),
    ]
`,
      lines: [15],
      severities: ["warning"],
      messages: ["This data change runs before the schema change of line 16"],
    },
    {
      framework: "django",
      name: "a RunPython that sets the foreign key it then removes (order.customer = ...), alone: Django drops that key with SET CONSTRAINTS <key> IMMEDIATE first, so its check runs and the RemoveField passes; the keep-together note stays",
      files: DJANGO_INITIAL,
      code: `from django.db import migrations, models


def reassign(apps, schema_editor):
    Order = apps.get_model("app", "Order")
    Customer = apps.get_model("app", "Customer")
    first = Customer.objects.first()
    for order in Order.objects.all():
        order.customer = first
        order.save()


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RunPython(reassign, migrations.RunPython.noop),
        migrations.RemoveField(model_name="order", name="customer"),
    ]
`,
      lines: [17],
      severities: ["info"],
      messages: ["This data change prepares the schema change of line 18"],
    },
    {
      framework: "django",
      name: "the foreign key set to None (order.buyer = None) needs no check: the RemoveField after it runs; the lock warning stays",
      files: DJANGO_INITIAL,
      code: `from django.db import migrations, models


def clear_buyer(apps, schema_editor):
    Order = apps.get_model("app", "Order")
    for order in Order.objects.filter(note="void"):
        order.buyer = None
        order.save()


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="buyer", field=models.ForeignKey(null=True, on_delete=models.PROTECT, related_name="+", to="app.customer")),
        migrations.RunPython(clear_buyer, migrations.RunPython.noop),
        migrations.RemoveField(model_name="order", name="note"),
    ]
`,
      lines: [16],
    },
    {
      framework: "django",
      name: "SET CONSTRAINTS ALL IMMEDIATE between the data change and the RemoveField runs the queued checks: the migration runs; the copy out of customer is a move kept with its drop, a note on the lock",
      files: DJANGO_INITIAL,
      code: `from django.db import migrations, models


def copy_buyer(apps, schema_editor):
    Order = apps.get_model("app", "Order")
    for order in Order.objects.all():
        order.buyer = order.customer
        order.save()


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="buyer", field=models.ForeignKey(null=True, on_delete=models.PROTECT, related_name="+", to="app.customer")),
        migrations.RunPython(copy_buyer, migrations.RunPython.noop),
        migrations.RunSQL("SET CONSTRAINTS ALL IMMEDIATE", reverse_sql=migrations.RunSQL.noop),
        migrations.RemoveField(model_name="order", name="customer"),
    ]
`,
      lines: [16],
      severities: ["info"],
      messages: ["a move, whose copy and drop belong in one transaction"],
    },
    {
      framework: "django",
      name: "joanie 0090: AddField, then a CheckConstraint that needs the new column set (paid_reference__isnull=False) on some rows, then the RunPython that fills it: the CHECK is checked while the column is NULL in every row, so the migration fails; the fix adds the CHECK after the data change",
      files: DJANGO_INITIAL,
      code: `from django.db import migrations, models


def fill_reference(apps, schema_editor):
    Order = apps.get_model("app", "Order")
    for order in Order.objects.filter(note__isnull=False):
        order.paid_reference = f"ref-{order.pk}"
        order.save()


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="paid_reference", field=models.CharField(max_length=30, null=True)),
        migrations.AddConstraint(
            model_name="order",
            constraint=models.CheckConstraint(check=models.Q(("note__isnull", True), ("paid_reference__isnull", False), _connector="OR"), name="paid_needs_reference"),
        ),
        migrations.RunPython(fill_reference, migrations.RunPython.noop),
    ]
`,
      lines: [20],
      severities: ["error"],
      messages: ["This migration fails on existing rows: the CHECK paid_needs_reference of line 16 is checked on every row of app_order when it is added"],
      fixes: [
        `# the CHECK after the data change that makes the rows satisfy it (app/migrations/0002_case.py as it becomes):
from django.db import migrations, models


def fill_reference(apps, schema_editor):
    Order = apps.get_model("app", "Order")
    for order in Order.objects.filter(note__isnull=False):
        order.paid_reference = f"ref-{order.pk}"
        order.save()


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="paid_reference", field=models.CharField(max_length=30, null=True)),
        migrations.RunPython(fill_reference, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="order",
            constraint=models.CheckConstraint(check=models.Q(("note__isnull", True), ("paid_reference__isnull", False), _connector="OR"), name="paid_needs_reference"),
        ),
    ]`,
      ],
    },
    {
      framework: "django",
      name: "the same with the CHECK after the RunPython that fills the column: no failure, the lock finding stays",
      files: DJANGO_INITIAL,
      code: `from django.db import migrations, models


def fill_reference(apps, schema_editor):
    Order = apps.get_model("app", "Order")
    for order in Order.objects.filter(note__isnull=False):
        order.paid_reference = f"ref-{order.pk}"
        order.save()


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="paid_reference", field=models.CharField(max_length=30, null=True)),
        migrations.RunPython(fill_reference, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="order",
            constraint=models.CheckConstraint(check=models.Q(("note__isnull", True), ("paid_reference__isnull", False), _connector="OR"), name="paid_needs_reference"),
        ),
    ]
`,
      lines: [16],
      messages: ["runs in the same transaction"],
    },
    {
      framework: "django",
      name: "people's mailbox_manager 0023: the RunPython's comment says \"we don't have many data\", and the migration changes app_order alone: a note quoting it",
      files: DJANGO_INITIAL,
      code: `from django.db import migrations, models


def fill_reference(apps, schema_editor):
    Order = apps.get_model("app", "Order")
    for order in Order.objects.filter(paid_reference__isnull=True):
        # quite naive but we don't have many data
        order.paid_reference = f"ref-{order.pk}"
        order.save()


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="paid_reference", field=models.CharField(max_length=30, null=True)),
        migrations.RunPython(fill_reference, migrations.RunPython.noop),
    ]
`,
      lines: [17],
      severities: ["info"],
      messages: ["Its author says the table is small: \"quite naive but we don't have many data\" (line 7)"],
    },
    {
      framework: "django",
      name: "the same words as a condition (\"if there aren't many rows\"): no word of the table's size, the error stays",
      files: DJANGO_INITIAL,
      code: `from django.db import migrations, models


def fill_reference(apps, schema_editor):
    Order = apps.get_model("app", "Order")
    for order in Order.objects.filter(paid_reference__isnull=True):
        # fine if there aren't many rows; batch it otherwise
        order.paid_reference = f"ref-{order.pk}"
        order.save()


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="paid_reference", field=models.CharField(max_length=30, null=True)),
        migrations.RunPython(fill_reference, migrations.RunPython.noop),
    ]
`,
      lines: [17],
      severities: ["error"],
    },
    {
      framework: "django",
      name: "a RunPython that deletes the orders repeating a number, then a UniqueConstraint on number: the dedupe prepares the constraint and runs before any lock, the keep-together note, not a split",
      files: DJANGO_INITIAL,
      code: `from django.db import migrations, models


def delete_duplicate_numbers(apps, schema_editor):
    Order = apps.get_model("app", "Order")
    seen = set()
    for order in Order.objects.order_by("id"):
        if order.number in seen:
            order.delete()
        seen.add(order.number)


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RunPython(delete_duplicate_numbers, migrations.RunPython.noop),
        migrations.AddConstraint(model_name="order", constraint=models.UniqueConstraint(fields=["number"], name="order_number_once")),
    ]
`,
      lines: [17],
      severities: ["info"],
      messages: ["This data change prepares the schema change of line 18"],
    },
    {
      framework: "django",
      name: "karrot subscriptions 0005: AlterField int -> CharField, then a RunPython converting '1' to 'android' in that same column: the type change rewrites the table under its lock anyway, the conversion is a second pass under it, a warning that says so (not the error of a data change that alone keeps the table locked)",
      files: DJANGO_INITIAL,
      code: `from django.db import migrations, models


def convert_quantity(apps, schema_editor):
    Order = apps.get_model("app", "Order")
    Order.objects.filter(quantity="1").update(quantity="one")


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="order", name="quantity", field=models.CharField(max_length=20, null=True)),
        migrations.RunPython(convert_quantity, elidable=True),
    ]
`,
      lines: [14],
      severities: ["warning"],
      messages: ["This data change converts the values of app_order.quantity, the column whose type line 13 changes, in the same transaction"],
    },
    {
      framework: "django",
      name: "karrot subscriptions 0005 as written: the column was a package's EnumField (django_enumfield), whose column type migguard cannot read: the conversion of that column is the warning too, its message saying the rewrite is likely, not known",
      files: {
        "app/migrations/0001_initial.py": `import django_enumfield.db.fields
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="PushSubscription",
            fields=[("id", models.AutoField(primary_key=True)), ("platform", django_enumfield.db.fields.EnumField(default=1, enum=object))],
        ),
    ]
`,
      },
      code: `from django.db import migrations, models


def convert_enum_to_char(apps, schema_editor):
    PushSubscription = apps.get_model("app", "PushSubscription")
    PushSubscription.objects.filter(platform="1").update(platform="android")


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="pushsubscription", name="platform", field=models.CharField(default="android", max_length=100)),
        migrations.RunPython(convert_enum_to_char, elidable=True),
    ]
`,
      lines: [14],
      severities: ["warning"],
      messages: ["This data change converts the values of app_pushsubscription.platform, the column whose type line 13 changes, in the same transaction: that change takes its ACCESS EXCLUSIVE lock on app_pushsubscription, held to the commit, and most likely rewrites every row under it (from EnumField"],
    },
    {
      framework: "django",
      name: "an ORM dedupe (Order.objects.values(\"customer\", \"reference\").annotate(n=Count(\"id\")).filter(n__gt=1), all but the first of each group deleted with exclude(pk=keep.pk).delete()), then a UniqueConstraint on those fields (columns customer_id and ref): it prepares the constraint, the keep-together note",
      files: DJANGO_INITIAL,
      code: `from django.db import migrations, models
from django.db.models import Count


def delete_duplicate_references(apps, schema_editor):
    Order = apps.get_model("app", "Order")
    repeated = Order.objects.values("customer", "reference").annotate(n=Count("id")).filter(n__gt=1)
    for group in repeated:
        rows = Order.objects.filter(customer=group["customer"], reference=group["reference"]).order_by("id")
        keep = rows.first()
        rows.exclude(pk=keep.pk).delete()


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RunPython(delete_duplicate_references, migrations.RunPython.noop),
        migrations.AddConstraint(model_name="order", constraint=models.UniqueConstraint(fields=["customer", "reference"], name="order_reference_once")),
    ]
`,
      lines: [18],
      severities: ["info"],
      messages: ["This data change prepares the schema change of line 19 (add constraint on app_order)"],
    },
    {
      framework: "django",
      name: "an ORM dedupe on number deleting each extra row with obj.delete() in a loop, then AlterField(unique=True) on number: the keep-together note",
      files: DJANGO_INITIAL,
      code: `from django.db import migrations, models
from django.db.models import Count


def delete_duplicate_numbers(apps, schema_editor):
    Order = apps.get_model("app", "Order")
    for group in Order.objects.values("number").annotate(n=models.Count("id")).filter(n__gte=2):
        keep = Order.objects.filter(number=group["number"]).order_by("id").first()
        for order in Order.objects.filter(number=group["number"]).exclude(pk=keep.pk):
            order.delete()


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RunPython(delete_duplicate_numbers, migrations.RunPython.noop),
        migrations.AlterField(model_name="order", name="number", field=models.CharField(max_length=200, unique=True)),
    ]
`,
      lines: [17],
      severities: ["info"],
      messages: ["This data change prepares the schema change of line 18"],
    },
    {
      framework: "django",
      name: "an ORM dedupe grouped by another field (note) than the UniqueConstraint after it (number): it makes no room for the constraint, the warning stays",
      files: DJANGO_INITIAL,
      code: `from django.db import migrations, models
from django.db.models import Count


def delete_duplicate_notes(apps, schema_editor):
    Order = apps.get_model("app", "Order")
    for group in Order.objects.values("note").annotate(n=Count("id")).filter(n__gt=1):
        keep = Order.objects.filter(note=group["note"]).order_by("id").first()
        Order.objects.filter(note=group["note"]).exclude(pk=keep.pk).delete()


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RunPython(delete_duplicate_notes, migrations.RunPython.noop),
        migrations.AddConstraint(model_name="order", constraint=models.UniqueConstraint(fields=["number"], name="order_number_once")),
    ]
`,
      lines: [16],
      severities: ["warning"],
      messages: ["This data change runs before the schema change of line 17, in the same transaction"],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "the ORM's duplicate read (values(\"number\", \"customer\").annotate(n=Count(\"id\")).filter(n__gt=1).exists()) only refuses to run before the UniqueConstraint: it deletes nothing, no data change",
      files: DJANGO_INITIAL,
      code: `from django.db import migrations, models
from django.db.models import Count


def refuse_duplicates(apps, schema_editor):
    Order = apps.get_model("app", "Order")
    if Order.objects.values("number", "customer").annotate(n=Count("id")).filter(n__gt=1).exists():
        raise RuntimeError("duplicate order numbers: remove them first")


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RunPython(refuse_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(model_name="order", constraint=models.UniqueConstraint(fields=["number", "customer"], name="order_number_per_customer")),
    ]
`,
    },
    {
      framework: "django",
      name: "fx-private-relay emails 0060: on PostgreSQL the RunPython only sets the default AddField dropped (its INSERT ... SELECT is the SQLite branch's table rebuild): no data change",
      files: DJANGO_INITIAL,
      code: DEFAULT_SET_ON_POSTGRES(""),
    },
    {
      framework: "django",
      name: "a RunPython that reads the schema it runs in (SELECT current_schema(), a built-in that writes nothing) next to a schema change: no data change",
      code: `from django.db import migrations, models


def show_schema(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        print(cursor.fetchone())


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="currency", field=models.CharField(max_length=3, null=True)),
        migrations.RunPython(show_schema, migrations.RunPython.noop),
    ]
`,
      files: DJANGO_INITIAL,
    },
    {
      framework: "django",
      name: "kpi markdownx 0002: a new model (its foreign key to an existing one) filled by RunPython from a few rows of others: its locks are on a table nothing uses yet",
      code: `from django.db import migrations, models
import django.db.models.deletion


def add_file_references(apps, schema_editor):
    InAppMessage = apps.get_model("help", "InAppMessage")
    Reference = apps.get_model("markdownx_uploader", "MarkdownxUploaderFileReference")
    File = apps.get_model("markdownx_uploader", "MarkdownxUploaderFile")
    for message in InAppMessage.objects.all():
        for upload in File.objects.filter(content__contains=message.uid):
            Reference.objects.create(file=upload, object_id=message.pk)


class Migration(migrations.Migration):
    dependencies = [("markdownx_uploader", "0001_initial"), ("help", "0003_inappmessage")]

    operations = [
        migrations.CreateModel(
            name="MarkdownxUploaderFileReference",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("object_id", models.PositiveIntegerField()),
                (
                    "file",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="markdown_fields",
                        to="markdownx_uploader.markdownxuploaderfile",
                    ),
                ),
            ],
        ),
        migrations.RunPython(
            add_file_references,
            migrations.RunPython.noop,
        ),
    ]
`,
    },
    {
      framework: "django",
      name: "every schema change is on a model created here: the data change's lock is only its own",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.CreateModel(name="ArchivedUser", fields=[("id", models.BigAutoField(primary_key=True)), ("name", models.TextField())]),
        migrations.AddIndex(model_name="archiveduser", index=models.Index(fields=["name"], name="archived_user_name_idx")),
        migrations.RunSQL("DELETE FROM app_user WHERE archived", reverse_sql=migrations.RunSQL.noop),
    ]
`,
    },
    {
      framework: "django",
      name: "a RunPython that only reads (rapidpro's pgvector version check: SELECT extversion, then raise) next to a schema change: no data change",
      code: `from django.db import migrations, models


def check_vector_version(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT extversion FROM pg_extension WHERE extname = 'vector'")
        version = cursor.fetchone()[0]

    if tuple(int(p) for p in version.split(".")[:2]) < (0, 8):
        raise Exception(f"pgvector extension >= 0.8 is required (found {version})")


def check_no_orphans(apps, schema_editor):
    Order = apps.get_model("app", "Order")
    if Order.objects.filter(total=None).exists() or Order.objects.count() > 10:
        raise RuntimeError("orders without a total")


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RunPython(check_vector_version, migrations.RunPython.noop),
        migrations.AddField(model_name="order", name="currency", field=models.CharField(max_length=3, null=True)),
        migrations.RunPython(check_no_orphans, migrations.RunPython.noop),
    ]
`,
      files: DJANGO_INITIAL,
    },
    {
      framework: "django",
      name: "the only schema change deletes a model the data change does not touch",
      code: `from django.db import migrations


def clear(apps, schema_editor):
    Event = apps.get_model("app", "Event")
    Event.objects.filter(kind="snapshot").delete()


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.DeleteModel(name="Discrepancy"),
        migrations.RunPython(clear, migrations.RunPython.noop),
    ]
`,
    },
    {
      framework: "django",
      name: "data only, in its own migration",
      code: `from django.db import migrations


def fill_tokens(apps, schema_editor):
    pass


class Migration(migrations.Migration):
    dependencies = [("app", "0002_order_token")]

    operations = [migrations.RunPython(fill_tokens, migrations.RunPython.noop)]
`,
    },
    {
      framework: "django",
      name: "CreateModel, then RunPython inserting the first row of that new model: seeding a table nobody else sees yet",
      code: `from django.db import migrations, models


def create_defaults(apps, schema_editor):
    SiteSettings = apps.get_model("app", "SiteSettings")
    SiteSettings.objects.create(maintenance=False)


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="SiteSettings",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("maintenance", models.BooleanField(default=False)),
            ],
        ),
        migrations.RunPython(create_defaults, migrations.RunPython.noop),
    ]
`,
    },
  ],
});

import { DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
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
  ],
  valid: [
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

import { DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "a RunPython just before moved the values elsewhere: a warning that old servers still read the column",
      code: `from django.db import migrations


def move_notes(apps, schema_editor):
    Order = apps.get_model("app", "Order")
    Customer = apps.get_model("app", "Customer")
    for order in Order.objects.exclude(note=None):
        Customer.objects.filter(id=order.customer_id).update(email=order.note)


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RunPython(move_notes, migrations.RunPython.noop),
        migrations.RemoveField(model_name="order", name="note"),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [16],
      severities: ["warning"],
    },
    {
      framework: "django",
      name: "MySQL: the RunSQL restores the values with MySQL's UPDATE ... JOIN",
      config: { database: "mysql" },
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RemoveField(model_name="order", name="note"),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8],
    },
    {
      framework: "django",
      name: "RemoveField drops the column",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RemoveField(model_name="order", name="note"),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8],
    },
    {
      framework: "django",
      name: "removing a ForeignKey drops its _id column (known from the earlier migration)",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.RemoveField(model_name="order", name="customer")]
`,
      files: DJANGO_INITIAL,
      lines: [7],
    },
    {
      framework: "django",
      name: "the planned last step (Saleor's digital content settings): the field left Django's state earlier, now the column goes (a warning with a backup)",
      path: "app/migrations/0003_drop_order_note.py",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0002_remove_note_from_state")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    sql="ALTER TABLE app_order DROP COLUMN note;",
                    reverse_sql="ALTER TABLE app_order ADD COLUMN note text;",
                )
            ]
        )
    ]
`,
      files: {
        ...DJANGO_INITIAL,
        "app/migrations/0002_remove_note_from_state.py": `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.RemoveField(model_name="order", name="note")]),
    ]
`,
      },
      lines: [11],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "one hazard, one finding: RemoveField of a model the same migration deletes afterwards (drop-table reports DeleteModel)",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RemoveField(model_name="order", name="customer"),
        migrations.RemoveField(model_name="order", name="note"),
        migrations.DeleteModel(name="Customer"),
        migrations.DeleteModel(name="Order"),
    ]
`,
      files: DJANGO_INITIAL,
    },
    {
      framework: "django",
      name: "django-migration-linter's IgnoreMigration() waives the whole migration",
      code: `from django.db import migrations
from django_migration_linter import IgnoreMigration


class Migration(migrations.Migration):
    dependencies = [("shop", "0004_order")]

    operations = [
        IgnoreMigration(),
        migrations.RemoveField(model_name="order", name="legacy_code"),
    ]
`,
    },
    {
      framework: "django",
      name: "the first step of a two-phase drop: the field leaves Django's state only",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.RemoveField(model_name="order", name="note")],
            database_operations=[],
        ),
    ]
`,
      files: DJANGO_INITIAL,
    },
    {
      framework: "django",
      name: "removing a field of a model created in the same migration",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.CreateModel(name="Draft", fields=[("id", models.BigAutoField(primary_key=True)), ("body", models.TextField())]),
        migrations.RemoveField(model_name="draft", name="body"),
    ]
`,
      files: DJANGO_INITIAL,
    },
    {
      framework: "django",
      name: "waived with a reason",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        # migguard:ignore drop-column the column was never written, see #42
        migrations.RemoveField(model_name="order", name="note"),
    ]
`,
      files: DJANGO_INITIAL,
    },
  ],
});

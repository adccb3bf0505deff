import { DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

/** bookwyrm's 0074: one RemoveField of Connector.politeness_delay. */
const BOOKWYRM_0074 = `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("bookwyrm", "0073_sort_fields")]

    operations = [
        migrations.RemoveField(model_name="connector", name="politeness_delay"),
    ]
`;

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "the planned last step: the app's model no longer declares the field and nothing read names it (bookwyrm's 0074)",
      path: "bookwyrm/migrations/0074_auto_20210511_1829.py",
      code: BOOKWYRM_0074,
      files: { "bookwyrm/models/connector.py": "class Connector(BookWyrmModel):\n    identifier = models.CharField(max_length=255, unique=True)\n    priority = models.IntegerField(default=2)\n" },
      lines: [8],
      severities: ["warning"],
      messages: ["no longer declares politeness_delay"],
    },
    {
      framework: "django",
      name: "the model still declares the field: the data-loss error",
      path: "bookwyrm/migrations/0074_auto_20210511_1829.py",
      code: BOOKWYRM_0074,
      files: { "bookwyrm/models/connector.py": "class Connector(BookWyrmModel):\n    identifier = models.CharField(max_length=255, unique=True)\n    politeness_delay = models.IntegerField(null=True, blank=True)\n" },
      lines: [8],
      severities: ["error"],
    },
    {
      framework: "django",
      name: "the field left the model but the code still reads it (self.politeness_delay): the data-loss error",
      path: "bookwyrm/migrations/0074_auto_20210511_1829.py",
      code: BOOKWYRM_0074,
      files: { "bookwyrm/models/connector.py": "class Connector(BookWyrmModel):\n    identifier = models.CharField(max_length=255, unique=True)\n\n    def wait(self):\n        time.sleep(self.politeness_delay)\n" },
      lines: [8],
      severities: ["error"],
    },
    {
      framework: "django",
      name: "no models of the app read: the data-loss error",
      path: "bookwyrm/migrations/0074_auto_20210511_1829.py",
      code: BOOKWYRM_0074,
      lines: [8],
      severities: ["error"],
    },
    {
      framework: "django",
      name: "django-migration-linter's IgnoreMigration() waives the whole migration: its findings are notes that name it (it gives no reason)",
      code: `from django.db import migrations
from django_migration_linter import IgnoreMigration


class Migration(migrations.Migration):
    dependencies = [("shop", "0004_order")]

    operations = [
        IgnoreMigration(),
        migrations.RemoveField(model_name="order", name="legacy_code"),
    ]
`,
      lines: [10],
      severities: ["info"],
      messages: ["(waived by django-migration-linter's IgnoreMigration() on line 9)"],
    },
    {
      framework: "django",
      name: "django-safemigrate: a RemoveField marked Safe.after_deploy() is the planned last step (a warning with a backup)",
      path: "app/migrations/0002_remove_order_note.py",
      files: DJANGO_INITIAL,
      code: `from django.db import migrations
import django_safemigrate


class Migration(migrations.Migration):
    safe = django_safemigrate.Safe.after_deploy()
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RemoveField(model_name="order", name="note"),
    ]
`,
      lines: [10],
      severities: ["warning"],
    },
    {
      framework: "django",
      name: "django-safemigrate: Safe.always() says nothing about the deploy: the RemoveField is the data-loss error",
      path: "app/migrations/0002_remove_order_note.py",
      files: DJANGO_INITIAL,
      code: `from django.db import migrations
from django_safemigrate import Safe


class Migration(migrations.Migration):
    safe = Safe.always()
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RemoveField(model_name="order", name="note"),
    ]
`,
      lines: [10],
      severities: ["error"],
    },
    {
      framework: "django",
      name: "the field leaves the state first; a NOT NULL column without a database default (BooleanField(default=False): the default is Python's) accepts NULL in the same step, so the new code's INSERTs, which leave it out, keep working (Plane's users.has_billing_address); a db_default column needs nothing",
      path: "accounts/migrations/0002_profile.py",
      code: `from django.db import migrations


def copy_billing(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    Profile = apps.get_model("accounts", "Profile")
    for user in User.objects.all():
        Profile.objects.filter(id=user.id).update(has_billing_address=user.has_billing_address)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [
        migrations.RunPython(copy_billing, migrations.RunPython.noop),
        migrations.RemoveField(model_name="user", name="has_billing_address"),
        migrations.RemoveField(model_name="user", name="theme"),
    ]
`,
      files: {
        "accounts/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="User",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("has_billing_address", models.BooleanField(default=False)),
                ("theme", models.CharField(max_length=20, db_default="light")),
            ],
            options={"db_table": "users"},
        ),
        migrations.CreateModel(name="Profile", fields=[("id", models.BigAutoField(primary_key=True)), ("has_billing_address", models.BooleanField(default=False))], options={"db_table": "profiles"}),
    ]
`,
      },
      lines: [16, 17],
      severities: ["warning", "error"],
      fixes: [
        `# 1. Remove the field from the model and from Django's state only (the column stays), and deploy.
# users.has_billing_address is NOT NULL without a database default (Django applies default= in Python only): the new code's INSERTs leave it out, so it accepts NULL first
migrations.SeparateDatabaseAndState(
    state_operations=[migrations.RemoveField(model_name="User", name="has_billing_address")],
    database_operations=[migrations.RunSQL("ALTER TABLE users ALTER COLUMN has_billing_address DROP NOT NULL", reverse_sql=migrations.RunSQL.noop)],  # kept NULL-able on rollback: rows the new code wrote have none
),
# 2. In a later migration, once no running code reads it, keep a copy and drop the column:
migrations.RunSQL(
    "CREATE TABLE users_has_billing_address_backup AS SELECT id, has_billing_address FROM users; ALTER TABLE users DROP COLUMN has_billing_address",
    reverse_sql="ALTER TABLE users ADD COLUMN has_billing_address boolean NULL; UPDATE users SET has_billing_address = b.has_billing_address FROM users_has_billing_address_backup b WHERE users.id = b.id",
),`,
        `# 1. Remove the field from the model and from Django's state only (the column stays), and deploy:
migrations.SeparateDatabaseAndState(
    state_operations=[migrations.RemoveField(model_name="User", name="theme")],
    database_operations=[],
),
# 2. In a later migration, once no running code reads it, keep a copy and drop the column:
migrations.RunSQL(
    "CREATE TABLE users_theme_backup AS SELECT id, theme FROM users; ALTER TABLE users DROP COLUMN theme",
    reverse_sql="ALTER TABLE users ADD COLUMN theme varchar(20) NULL; UPDATE users SET theme = b.theme FROM users_theme_backup b WHERE users.id = b.id",
),`,
      ],
    },
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
      name: "a scratch field added and removed by the same migration",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="team", name="personal", field=models.BooleanField(null=True)),
        migrations.RunSQL("UPDATE app_organisation SET personal = t.personal FROM app_team t WHERE t.id = app_organisation.id", migrations.RunSQL.noop),
        migrations.RemoveField(model_name="team", name="personal"),
    ]
`,
    },
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

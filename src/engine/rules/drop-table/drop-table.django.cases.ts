import { BACKGROUND_TASK_DROP, BACKGROUND_TASK_PATH, CONTRIB_MODELS, installedApps } from "../../testing/seed72-fixtures.js";
import { OFFLINE_ENTRYPOINT } from "../../testing/deploy-fixtures.js";
import { BILLING_MOVES_APP_DATA, DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

/** 0002 adds Order.watchers (a many-to-many to Customer); 0003 moves every join row into Customer.email and deletes it, its reverse puts them back */
const ORDER_WATCHERS_MOVED = {
  "app/migrations/0002_order_watchers.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AddField(model_name="order", name="watchers", field=models.ManyToManyField(to="app.customer"))]
`,
  "app/migrations/0003_move_watchers.py": `from django.db import migrations


def move_watchers(apps, schema_editor):
    Order = apps.get_model("app", "Order")
    Customer = apps.get_model("app", "Customer")
    watchers = Order.watchers.through
    for row in watchers.objects.all():
        Customer.objects.filter(pk=row.customer_id).update(email=row.order.note)
    watchers.objects.all().delete()


def restore_watchers(apps, schema_editor):
    pass


class Migration(migrations.Migration):
    dependencies = [("app", "0002_order_watchers")]

    operations = [migrations.RunPython(move_watchers, restore_watchers)]
`,
};

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "Misago 0034: DeleteModel of a table whose rows another app's migration, which this one depends on, copied into its own table with RunSQL INSERT ... SELECT: the drop after that data step, no data loss claimed",
      path: "app/migrations/0002_delete_legacyinvoice.py",
      files: { ...DJANGO_INITIAL, ...BILLING_MOVES_APP_DATA },
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial"), ("billing", "0002_move_data")]

    operations = [migrations.DeleteModel(name="LegacyInvoice")]
`,
      lines: [7],
      severities: ["warning"],
      messages: ["Dropping table invoices after the data step at billing/migrations/0002_move_data.py:8 (INSERT INTO billing_invoice (id) SELECT id FROM invoices) read its rows"],
    },
    {
      framework: "django",
      name: "the same DeleteModel when this migration does not depend on the other app's move: nothing says the copy ran first, the rows are lost",
      path: "app/migrations/0002_delete_legacyinvoice.py",
      files: { ...DJANGO_INITIAL, ...BILLING_MOVES_APP_DATA },
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.DeleteModel(name="LegacyInvoice")]
`,
      lines: [7],
      severities: ["error"],
      messages: ["Dropping table invoices deletes all its rows"],
    },
    {
      framework: "django",
      name: "RunSQL of a def of the migration given a literal table name, returning an f-string of it: the DROP TABLE is read where the def writes it",
      path: "app/migrations/0002_drop_invoices.py",
      files: DJANGO_INITIAL,
      code: `from django.db import migrations


def drop_sql(table):
    return f"DROP TABLE {table}"


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.RunSQL(drop_sql("invoices"), reverse_sql=migrations.RunSQL.noop)]
`,
      lines: [5],
    },
    {
      framework: "django",
      name: "linkedevents' allauth remnants: RunSQL drops IF EXISTS the tables of a removed third-party app, which no model maps: a guarded copy, then the drop as written, and no model name made up from the table",
      path: "app/migrations/0002_remove_allauth_remnants.py",
      files: DJANGO_INITIAL,
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RunSQL("DROP TABLE IF EXISTS account_emailaddress, socialaccount_socialtoken"),
    ]
`,
      lines: [8, 8],
      fixes: [
        "# 1. No model of the migrations migguard read maps account_emailaddress, so Django's state has nothing to delete: remove every use of the table from the code and deploy.\n# 2. Keep a copy where the table exists, then drop it on its own (line 8 drops 2 tables in one statement: give each its copy before its drop):\n# on rollback the copy stays (nothing creates account_emailaddress again to put the rows back into): restore from account_emailaddress_backup_0002 by hand, then drop it before migrating forward again\nmigrations.RunSQL(\n    \"DO $$ BEGIN IF to_regclass('account_emailaddress') IS NOT NULL THEN CREATE TABLE account_emailaddress_backup_0002 AS TABLE account_emailaddress; END IF; END $$\",\n    reverse_sql=migrations.RunSQL.noop,\n),\nmigrations.RunSQL(\"DROP TABLE IF EXISTS account_emailaddress\", reverse_sql=migrations.RunSQL.noop),",
        "# 1. No model of the migrations migguard read maps socialaccount_socialtoken, so Django's state has nothing to delete: remove every use of the table from the code and deploy.\n# 2. Keep a copy where the table exists, then drop it on its own (line 8 drops 2 tables in one statement: give each its copy before its drop):\n# on rollback the copy stays (nothing creates socialaccount_socialtoken again to put the rows back into): restore from socialaccount_socialtoken_backup_0002 by hand, then drop it before migrating forward again\nmigrations.RunSQL(\n    \"DO $$ BEGIN IF to_regclass('socialaccount_socialtoken') IS NOT NULL THEN CREATE TABLE socialaccount_socialtoken_backup_0002 AS TABLE socialaccount_socialtoken; END IF; END $$\",\n    reverse_sql=migrations.RunSQL.noop,\n),\nmigrations.RunSQL(\"DROP TABLE IF EXISTS socialaccount_socialtoken\", reverse_sql=migrations.RunSQL.noop),",
      ],
    },
    {
      framework: "django",
      name: "SEED's 0100: DROP TABLE IF EXISTS of a table no migration creates and none of the app's models (read) maps: the cleanup of an uninstalled app's leftover, a note, not data loss",
      path: "app/migrations/0002_remove_old_apps.py",
      files: { ...DJANGO_INITIAL, "app/models.py": "from django.db import models\n\n\nclass Customer(models.Model):\n    email = models.EmailField()\n" },
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RunSQL("DROP TABLE IF EXISTS organizations_organization CASCADE;"),
    ]
`,
      lines: [8],
      severities: ["info"],
      messages: ["Dropping table organizations_organization cleans up what an app the project no longer has left behind: no migration before it creates or names organizations_organization, and none of the app's 1 models maps it, and IF EXISTS runs the drop only where such a table is left"],
    },
    {
      framework: "django",
      name: "adhocracy-plus contrib 0001 (first of its app): DROP TABLE IF EXISTS of django-background-tasks' tables, which no migration creates, no model maps, and whose app label no settings module installs (beside a deployment's run-time ADDITIONAL_APPS): a library's leftover, a note",
      path: BACKGROUND_TASK_PATH,
      files: {
        "config/settings/base.py": installedApps(""),
        "config/settings/production.py": `from .base import *

try:
    from .local import *
    INSTALLED_APPS += tuple(ADDITIONAL_APPS)
except ImportError:
    pass
`,
        "apps/contrib/templatetags/settings.py": "from django import template\n\nregister = template.Library()\n",
        "apps/contrib/models.py": CONTRIB_MODELS,
      },
      code: BACKGROUND_TASK_DROP,
      lines: [10, 11],
      severities: ["info", "info"],
      messages: [
        "no app installed by config/settings/base.py has the label background_task or one it starts with (Django names an app's tables <label>_<model>) (beside the apps a deployment adds at run time, which the repository does not show)",
        "no app installed by config/settings/base.py has the label background_task_completedtask or one it starts with",
      ],
    },
    {
      framework: "django",
      name: "the same drop while the settings still install the library (background_task): its tables are an installed app's, the warning stays",
      path: BACKGROUND_TASK_PATH,
      files: {
        "config/settings/base.py": installedApps('    "background_task",\n'),
        "apps/contrib/models.py": CONTRIB_MODELS,
      },
      code: BACKGROUND_TASK_DROP,
      lines: [10, 11],
      severities: ["warning", "warning"],
    },
    {
      framework: "django",
      name: "the same drop, but a model of the app maps the table (db_table): the project's own rows go, the warning stays",
      path: "app/migrations/0002_remove_old_apps.py",
      files: { ...DJANGO_INITIAL, "app/models.py": "from django.db import models\n\n\nclass Organization(models.Model):\n    name = models.CharField(max_length=100)\n\n    class Meta:\n        db_table = \"organizations_organization\"\n" },
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RunSQL("DROP TABLE IF EXISTS organizations_organization CASCADE;"),
    ]
`,
      lines: [8],
      severities: ["error"],
      messages: ["Dropping table organizations_organization deletes all its rows"],
    },
    {
      framework: "django",
      name: "manage.get.gov 0168: DeleteModel of a model a later migration creates again (0169, to change its key): the fix keeps a copy and deletes it as written, since a table kept by a state-only removal makes that CreateModel fail",
      path: "app/migrations/0002_delete_customer.py",
      files: {
        ...DJANGO_INITIAL,
        "app/migrations/0003_customer.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0002_delete_customer")]

    operations = [
        migrations.CreateModel(name="Customer", fields=[("id", models.UUIDField(primary_key=True))]),
    ]
`,
      },
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.DeleteModel(name="Customer"),
    ]
`,
      lines: [8],
      severities: ["error"],
      messages: ["app/migrations/0003_customer.py:8 creates table app_customer again. Code that used the dropped one can only have run between the two migrations"],
      fixes: [
        '# app/migrations/0003_customer.py:8 creates table app_customer again, so app_customer cannot stay under its name, and a copy has none of its indexes to collide with it. Keep a copy of the rows, then drop it as written:\nmigrations.RunSQL("CREATE TABLE app_customer_backup_0002 AS TABLE app_customer", reverse_sql="INSERT INTO app_customer SELECT * FROM app_customer_backup_0002; DROP TABLE app_customer_backup_0002"),\nmigrations.DeleteModel(name="Customer"),',
      ],
    },
    {
      framework: "django",
      name: "DeleteModel whose model is gone from the app's models and named nowhere read: the planned last step",
      path: "bookwyrm/migrations/0151_delete_readinggoal.py",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("bookwyrm", "0150_readthrough_stopped_date")]

    operations = [
        migrations.DeleteModel(name="ReadingGoal"),
    ]
`,
      files: { "bookwyrm/models/book.py": "class Book(models.Model):\n    title = models.TextField()\n" },
      lines: [8],
      severities: ["warning"],
      messages: ["maps to bookwyrm_readinggoal"],
    },
    {
      framework: "django",
      name: "seed 0100: RunSQL drops IF EXISTS the table of an uninstalled app, which no model of the app maps (the planned last step): the copy before it is guarded too, so it runs where the table is absent, as the drop does",
      path: "seed/migrations/0100_auto_20190228_1239.py",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("seed", "0099_auto_20190227_0000")]

    operations = [
        migrations.RunSQL("DROP TABLE IF EXISTS organizations_organization;"),
    ]
`,
      files: { "seed/models/properties.py": "class Property(models.Model):\n    name = models.TextField()\n" },
      lines: [8],
      fixes: [
        "# before organizations_organization is dropped, keep a copy (or pg_dump --table=organizations_organization), and drop the copy once nobody misses it:\n# on rollback the copy stays (the drop is SQL, so what its reverse brings back is not known): put the values back from organizations_organization_backup_0100 by hand, then drop it before migrating forward again\nmigrations.RunSQL(\"DO $$ BEGIN IF to_regclass('organizations_organization') IS NOT NULL THEN CREATE TABLE organizations_organization_backup_0100 AS TABLE organizations_organization; END IF; END $$\", reverse_sql=migrations.RunSQL.noop),",
      ],
    },
    {
      framework: "django",
      name: "DeleteModel while the app's code still names the model class: the data-loss error",
      path: "bookwyrm/migrations/0151_delete_readinggoal.py",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("bookwyrm", "0150_readthrough_stopped_date")]

    operations = [
        migrations.DeleteModel(name="ReadingGoal"),
    ]
`,
      files: { "bookwyrm/models/book.py": "from .goal import ReadingGoal\n\nclass Book(models.Model):\n    title = models.TextField()\n" },
      lines: [8],
      severities: ["error"],
    },
    {
      framework: "django",
      name: "DeleteModel while the app still has the model: the data-loss error",
      path: "bookwyrm/migrations/0151_delete_readinggoal.py",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("bookwyrm", "0150_readthrough_stopped_date")]

    operations = [
        migrations.DeleteModel(name="ReadingGoal"),
    ]
`,
      files: { "bookwyrm/models/goal.py": "class ReadingGoal(models.Model):\n    goal = models.IntegerField()\n" },
      lines: [8],
      severities: ["error"],
    },
    {
      framework: "django",
      name: "DeleteModel drops the table: the fix keeps it but drops its foreign keys with the state (kitsune gallery Video: Django no longer deletes its rows with the customer they point at, so the key would fail that delete)",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.DeleteModel(name="Order"),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8],
      fixes: [
        "# 1. Delete the model from the code and from Django's state only (the table stays), and deploy:\nmigrations.SeparateDatabaseAndState(\n    state_operations=[migrations.DeleteModel(name=\"Order\")],\n    database_operations=[\n        # Django deletes related rows in Python (on_delete): without the model nothing deletes app_order rows with the rows they\n        # point at, so its foreign keys would make those deletes fail. They go now; the rows stay:\n        migrations.RunSQL(\n            \"DO $$ DECLARE c record; BEGIN\"\n            \" FOR c IN SELECT conrelid::regclass AS tbl, conname FROM pg_constraint WHERE contype = 'f' AND conrelid IN ('app_order'::regclass)\"\n            \" LOOP EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', c.tbl, c.conname); END LOOP; END $$\",\n            # the code a rollback brings back deletes these rows through its model again\n            reverse_sql=migrations.RunSQL.noop,\n        ),\n    ],\n),\n# 2. In a later migration, once nothing reads it, move it out of the way (drop it once nobody misses the rows):\nmigrations.RunSQL(\n    \"ALTER TABLE app_order RENAME TO app_order_deprecated\",\n    reverse_sql=\"ALTER TABLE app_order_deprecated RENAME TO app_order\",\n),",
      ],
    },
    {
      framework: "django",
      name: "scancode.io 0079: a RunPython reads every row of a table another app made (raw SQL through a local naming it) into this app's model, then RunSQL drops it: the drop after the data step that read its rows, not a planned removal",
      code: `from django.db import migrations


def migrate_api_tokens(apps, schema_editor):
    APIToken = apps.get_model("app", "Customer")
    table_name = "authtoken_token"
    with schema_editor.connection.cursor() as cursor:
        if table_name not in schema_editor.connection.introspection.table_names(cursor):
            return
        cursor.execute(f"SELECT user_id, key, created FROM {table_name}")
        rows = cursor.fetchall()
    APIToken.objects.bulk_create([APIToken(id=user_id, email=key) for user_id, key, created in rows], ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RunPython(migrate_api_tokens, migrations.RunPython.noop),
        migrations.RunSQL(sql="DROP TABLE IF EXISTS authtoken_token", reverse_sql=migrations.RunSQL.noop),
    ]
`,
      files: { ...DJANGO_INITIAL, "app/models.py": "from django.db import models\n\n\nclass Customer(models.Model):\n    email = models.EmailField()\n" },
      lines: [20],
      messages: ["Dropping table authtoken_token after the data step at line 19 (RunPython(migrate_api_tokens)) read its rows: if that step moved them, no data is lost, but servers still running the old code use authtoken_token"],
      severities: ["warning"],
      fixes: [
        "# the data step at line 19 (RunPython(migrate_api_tokens)) already took care of the rows: a copy adds nothing, and would keep what that step moved out of the way.\n# What breaks is servers still running the old code during the upgrade, which use authtoken_token. Keep the data step here\n# and move this drop, as written, to a migration of the next release, once no running code uses authtoken_token:\nmigrations.RunSQL(\"DROP TABLE IF EXISTS authtoken_token\", reverse_sql=migrations.RunSQL.noop),",
      ],
    },
    {
      framework: "django",
      name: "a RunPython reads the table's rows with SQL joined with + to a value known only at run time (where a value goes), then RunSQL drops it: the SELECT still names the table, so the drop comes after the data step that read its rows",
      code: `from django.db import migrations


def migrate_api_tokens(apps, schema_editor):
    APIToken = apps.get_model("app", "Customer")
    last_id = APIToken.objects.count()
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT user_id, key FROM authtoken_token WHERE user_id > " + str(last_id))
        rows = cursor.fetchall()
    APIToken.objects.bulk_create([APIToken(id=user_id, email=key) for user_id, key in rows], ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RunPython(migrate_api_tokens, migrations.RunPython.noop),
        migrations.RunSQL(sql="DROP TABLE IF EXISTS authtoken_token", reverse_sql=migrations.RunSQL.noop),
    ]
`,
      files: { ...DJANGO_INITIAL, "app/models.py": "from django.db import models\n\n\nclass Customer(models.Model):\n    email = models.EmailField()\n" },
      lines: [18],
      messages: ["Dropping table authtoken_token after the data step at line 17 (RunPython(migrate_api_tokens)) read its rows"],
      severities: ["warning"],
    },
    {
      framework: "django",
      name: "scancode.io 0079 under an offline deploy (the container command migrates before gunicorn): only old code could use the table, so the drop after the data step that read its rows is a note",
      code: `from django.db import migrations


def migrate_api_tokens(apps, schema_editor):
    APIToken = apps.get_model("app", "Customer")
    table_name = "authtoken_token"
    with schema_editor.connection.cursor() as cursor:
        if table_name not in schema_editor.connection.introspection.table_names(cursor):
            return
        cursor.execute(f"SELECT user_id, key, created FROM {table_name}")
        rows = cursor.fetchall()
    APIToken.objects.bulk_create([APIToken(id=user_id, email=key) for user_id, key, created in rows], ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RunPython(migrate_api_tokens, migrations.RunPython.noop),
        migrations.RunSQL(sql="DROP TABLE IF EXISTS authtoken_token", reverse_sql=migrations.RunSQL.noop),
    ]
`,
      files: { ...DJANGO_INITIAL, ...OFFLINE_ENTRYPOINT, "app/models.py": "from django.db import models\n\n\nclass Customer(models.Model):\n    email = models.EmailField()\n" },
      lines: [20],
      messages: ["read its rows: if that step moved them, no data is lost, but servers still running the old code use authtoken_token and fail until they restart. Offline deploy ("],
      severities: ["info"],
      fixes: [
        "# the data step at line 19 (RunPython(migrate_api_tokens)) already took care of the rows: a copy adds nothing, and would keep what that step moved out of the way.\n# What breaks is servers still running the old code during the upgrade, which use authtoken_token. Keep the data step here\n# and move this drop, as written, to a migration of the next release, once no running code uses authtoken_token:\nmigrations.RunSQL(\"DROP TABLE IF EXISTS authtoken_token\", reverse_sql=migrations.RunSQL.noop),",
      ],
    },
    {
      framework: "django",
      name: "the rows read into this app's model by the migration before (its RunPython's own SQL), the table dropped in the next one and mapped by no model: the planned step after a move, a note that the data lives on",
      path: "app/migrations/0003_drop_authtoken.py",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0002_apitoken_data")]

    operations = [
        migrations.RunSQL(sql="DROP TABLE IF EXISTS authtoken_token", reverse_sql=migrations.RunSQL.noop),
    ]
`,
      files: {
        ...DJANGO_INITIAL,
        "app/models.py": "from django.db import models\n\n\nclass Customer(models.Model):\n    email = models.EmailField()\n",
        "app/migrations/0002_apitoken_data.py": `from django.db import migrations


def migrate_api_tokens(apps, schema_editor):
    Customer = apps.get_model("app", "Customer")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT user_id, key FROM authtoken_token")
        rows = cursor.fetchall()
    Customer.objects.bulk_create([Customer(id=user_id, email=key) for user_id, key in rows], ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.RunPython(migrate_api_tokens, migrations.RunPython.noop)]
`,
      },
      lines: [8],
      severities: ["info"],
      messages: ["Dropping table authtoken_token after the data step at app/migrations/0002_apitoken_data.py:15 (RunPython(migrate_api_tokens)) copied its rows, and no model of the app's 1 model file read maps to authtoken_token: the data lives on where that step put it."],
    },
    {
      framework: "django",
      name: "DeleteModel under an offline deploy (the entrypoint migrates before the server starts): only the data loss is left, a warning, and the fix keeps a copy before the drop as written, with no release to stage it across",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.DeleteModel(name="Order"),
    ]
`,
      files: { ...DJANGO_INITIAL, ...OFFLINE_ENTRYPOINT },
      lines: [8],
      severities: ["warning"],
      messages: ["Dropping table app_order deletes all its rows; a rollback cannot bring them back. No running code reads it then (docker-entrypoint.sh:3: the container's start script runs the migrations and then starts the server)."],
      fixes: [
        "# before app_order is dropped, keep a copy (or pg_dump --table=app_order), and drop the copy once nobody misses it:\nmigrations.RunSQL(\"CREATE TABLE app_order_backup_0002 AS TABLE app_order\", reverse_sql=\"INSERT INTO app_order SELECT * FROM app_order_backup_0002; DROP TABLE app_order_backup_0002\"),\nmigrations.DeleteModel(name=\"Order\"),",
      ],
    },
    {
      framework: "django",
      name: "pulpcore 0104_delete_label: a RunPython moves the rows, then DeleteModel: the fix defers the drop a release (old code still queries the table), no backup",
      code: `from django.db import migrations


def move_orders(apps, schema_editor):
    Order = apps.get_model("app", "Order")
    Customer = apps.get_model("app", "Customer")
    for order in Order.objects.all():
        Customer.objects.filter(pk=order.customer_id).update(email=order.note)
    Order.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RunPython(move_orders, reverse_code=migrations.RunPython.noop),
        migrations.DeleteModel(
            name="Order",
        ),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [17],
      fixes: ["# the data step at line 16 (RunPython(move_orders)) already took care of the rows: a copy adds nothing. What breaks is servers still running the\n# old code during the upgrade, whose Order model still queries app_order. Delete the model from Django's state only:\nmigrations.SeparateDatabaseAndState(\n    state_operations=[\n        migrations.DeleteModel(\n            name=\"Order\",\n        ),\n    ],\n    database_operations=[\n        # Django deletes related rows in Python (on_delete): without the model nothing deletes app_order rows with the rows they\n        # point at, so its foreign keys would make those deletes fail. They go now; the rows stay:\n        migrations.RunSQL(\n            \"DO $$ DECLARE c record; BEGIN\"\n            \" FOR c IN SELECT conrelid::regclass AS tbl, conname FROM pg_constraint WHERE contype = 'f' AND conrelid IN ('app_order'::regclass)\"\n            \" LOOP EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', c.tbl, c.conname); END LOOP; END $$\",\n            # the code a rollback brings back deletes these rows through its model again\n            reverse_sql=migrations.RunSQL.noop,\n        ),\n    ],\n),\n# and drop the table in a migration of the next release, once no running code has the model:\nmigrations.RunSQL(\"DROP TABLE app_order\", reverse_sql=migrations.RunSQL.noop),"],
    },
    {
      framework: "django",
      name: "the planned last step: the model left Django's state in an earlier migration, now the table goes (strong evidence: a note with a backup)",
      path: "app/migrations/0003_drop_order_table.py",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0002_remove_order_from_state")]

    operations = [
        migrations.RunSQL("DROP TABLE IF EXISTS app_order;", reverse_sql=migrations.RunSQL.noop),
    ]
`,
      files: {
        ...DJANGO_INITIAL,
        // Saleor's 0204: the database side only drops the foreign key, the state side deletes the model
        "app/migrations/0002_remove_order_from_state.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterField(
                    model_name="order",
                    name="customer",
                    field=models.ForeignKey(on_delete=models.CASCADE, to="app.customer", db_constraint=False),
                ),
            ],
            state_operations=[migrations.DeleteModel(name="Order")],
        ),
    ]
`,
      },
      lines: [8],
      severities: ["info"],
    },
    {
      framework: "django",
      name: "django-safemigrate: a DeleteModel marked Safe.after_deploy() is the planned last step (a warning with a backup)",
      path: "app/migrations/0002_delete_models.py",
      files: {
        "app/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="Order", fields=[("id", models.BigAutoField(primary_key=True))]),
        migrations.CreateModel(name="Invoice", fields=[("id", models.BigAutoField(primary_key=True))]),
    ]
`,
      },
      code: `from django.db import migrations
from django_safemigrate import Safe


class Migration(migrations.Migration):
    safe = Safe.after_deploy(delay=timedelta(days=7))

    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.DeleteModel(name="Order"),
    ]
`,
      lines: [11],
      severities: ["warning"],
    },
    {
      framework: "django",
      name: "django-safemigrate: a DeleteModel marked Safe.before_deploy() runs before the code stops using the table",
      path: "app/migrations/0002_delete_order.py",
      files: DJANGO_INITIAL,
      code: `from django.db import migrations
from django_safemigrate import Safe


class Migration(migrations.Migration):
    safe = Safe.before_deploy()
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.DeleteModel(name="Order"),
    ]
`,
      lines: [10],
      severities: ["error"],
    },
    {
      framework: "django",
      name: "an unmanaged model made managed again (AlterModelOptions that no longer lists managed): its table is Django's to drop",
      path: "reports/migrations/0003_drop_report.py",
      files: {
        "reports/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="Report", fields=[("id", models.BigAutoField(primary_key=True))], options={"managed": False, "db_table": "reports"}),
    ]
`,
        "reports/migrations/0002_report_managed.py": `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [
        migrations.AlterModelOptions(name="report", options={"ordering": ["id"]}),
    ]
`,
      },
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_report_managed")]

    operations = [
        migrations.DeleteModel(name="Report"),
    ]
`,
      lines: [8],
    },
    {
      framework: "django",
      name: "pretalx mail 0019: the previous migration's RunPython moved every row of the many-to-many's join table (read through Order.watchers.through) and its reverse restores them: no data lost, only old code breaks",
      path: "app/migrations/0004_remove_order_watchers.py",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0003_move_watchers")]

    operations = [migrations.RemoveField(model_name="order", name="watchers")]
`,
      files: { ...DJANGO_INITIAL, ...ORDER_WATCHERS_MOVED },
      lines: [7],
      severities: ["warning"],
      messages: ["after the data step at app/migrations/0003_move_watchers.py:"],
      fixes: ["# the data step at app/migrations/0003_move_watchers.py:20 (RunPython(move_watchers)) already took care of the rows: a copy adds nothing. What breaks is servers still running the\n# old code during the upgrade, whose many-to-many field still queries app_order_watchers. Remove the field from Django's state only:\nmigrations.SeparateDatabaseAndState(\n    state_operations=[migrations.RemoveField(model_name=\"order\", name=\"watchers\")],\n    database_operations=[\n        # Django deletes related rows in Python (on_delete): without the model nothing deletes app_order_watchers rows with the rows they\n        # point at, so its foreign keys would make those deletes fail. They go now; the rows stay:\n        migrations.RunSQL(\n            \"DO $$ DECLARE c record; BEGIN\"\n            \" FOR c IN SELECT conrelid::regclass AS tbl, conname FROM pg_constraint WHERE contype = 'f' AND conrelid IN ('app_order_watchers'::regclass)\"\n            \" LOOP EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', c.tbl, c.conname); END LOOP; END $$\",\n            # the code a rollback brings back deletes these rows through its model again\n            reverse_sql=migrations.RunSQL.noop,\n        ),\n    ],\n),\n# and drop the table in a migration of the next release, once no running code has the field:\nmigrations.RunSQL(\"DROP TABLE app_order_watchers\", reverse_sql=migrations.RunSQL.noop),"],
    },
    {
      framework: "django",
      name: "IntelOwl visualizers 0036_2: a RunPython copies a many-to-many's rows before its RemoveField and a later migration adds the field back: the fix keeps the drop (a kept join table makes that migration fail) and names it, no backup",
      path: "app/migrations/0004_remove_order_watchers.py",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0003_move_watchers")]

    operations = [migrations.RemoveField(model_name="order", name="watchers")]
`,
      files: {
        ...DJANGO_INITIAL,
        ...ORDER_WATCHERS_MOVED,
        "app/migrations/0005_order_watchers_again.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0004_remove_order_watchers")]

    operations = [migrations.AddField(model_name="order", name="watchers", field=models.ManyToManyField(to="app.customer"))]
`,
      },
      lines: [7],
      severities: ["warning"],
      fixes: [
        '# the data step at app/migrations/0003_move_watchers.py:20 (RunPython(move_watchers)) already took care of the rows: a copy adds nothing. Servers still running the old code during the\n# upgrade query app_order_watchers through the many-to-many field and fail until they restart, but the table cannot stay for them:\n# app/migrations/0005_order_watchers_again.py:7 creates table app_order_watchers again, which fails with "relation already exists" while it\n# is kept. Keep the drop (deploy it with the code that stops using the many-to-many field), or give that migration\'s table another name:\nmigrations.RemoveField(model_name="order", name="watchers")',
      ],
    },
    {
      framework: "django",
      name: "a RunPython copies a many-to-many's rows, then the same migration removes the field and adds it back (to change its target): the join table comes back at a later step, so the fix keeps the drop and names that step",
      path: "app/migrations/0004_order_watchers_target.py",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0003_move_watchers")]

    operations = [
        migrations.RemoveField(model_name="order", name="watchers"),
        migrations.AddField(model_name="order", name="watchers", field=models.ManyToManyField(to="app.legacyinvoice")),
    ]
`,
      files: { ...DJANGO_INITIAL, ...ORDER_WATCHERS_MOVED },
      lines: [8],
      severities: ["warning"],
      fixes: [
        '# the data step at app/migrations/0003_move_watchers.py:20 (RunPython(move_watchers)) already took care of the rows: a copy adds nothing. Servers still running the old code during the\n# upgrade query app_order_watchers through the many-to-many field and fail until they restart, but the table cannot stay for them:\n# this migration, at line 9, creates table app_order_watchers again, which fails with "relation already exists" while it\n# is kept. Keep the drop (deploy it with the code that stops using the many-to-many field), or give that step\'s table another name:\nmigrations.RemoveField(model_name="order", name="watchers")',
      ],
    },
    {
      framework: "django",
      name: "a RunPython moves Watcher's rows into Follower, Watcher is deleted, and a later migration renames Follower to Watcher: the rename takes the table's name back, so the fix keeps the drop and names that migration",
      path: "app/migrations/0004_delete_watcher.py",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0003_move_watchers")]

    operations = [migrations.DeleteModel(name="Watcher")]
`,
      files: {
        ...DJANGO_INITIAL,
        "app/migrations/0002_watchers.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.CreateModel(name="Watcher", fields=[("id", models.BigAutoField(primary_key=True)), ("email", models.EmailField(max_length=254))]),
        migrations.CreateModel(name="Follower", fields=[("id", models.BigAutoField(primary_key=True)), ("email", models.EmailField(max_length=254))]),
    ]
`,
        "app/migrations/0003_move_watchers.py": `from django.db import migrations


def move_watchers(apps, schema_editor):
    Watcher = apps.get_model("app", "Watcher")
    Follower = apps.get_model("app", "Follower")
    for watcher in Watcher.objects.all():
        Follower.objects.create(email=watcher.email)
    Watcher.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("app", "0002_watchers")]

    operations = [migrations.RunPython(move_watchers, migrations.RunPython.noop)]
`,
        "app/migrations/0005_rename_follower.py": `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0004_delete_watcher")]

    operations = [migrations.RenameModel(old_name="Follower", new_name="Watcher")]
`,
      },
      lines: [7],
      severities: ["warning"],
      fixes: [
        '# the data step at app/migrations/0003_move_watchers.py:15 (RunPython(move_watchers)) already took care of the rows: a copy adds nothing. Servers still running the old code during the\n# upgrade query app_watcher through the Watcher model and fail until they restart, but the table cannot stay for them:\n# app/migrations/0005_rename_follower.py:7 renames table app_follower to app_watcher, which fails with "relation already exists" while it\n# is kept. Keep the drop (deploy it with the code that stops using the Watcher model), or give that migration\'s table another name:\nmigrations.DeleteModel(name="Watcher")',
      ],
    },
    {
      framework: "django",
      name: "normandy's recipes 0005: DeleteModel of a model with a ManyToManyField, then RenameModel of its copy onto its name: the rename moves the copy's join table onto the join table's name too, so neither fix keeps a table there",
      path: "app/migrations/0004_swap_revisions.py",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0003_copy_revisions")]

    operations = [
        migrations.DeleteModel(name="Revision"),
        migrations.RenameModel("TmpRevision", "Revision"),
    ]
`,
      files: {
        ...DJANGO_INITIAL,
        "app/migrations/0002_revisions.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.CreateModel(name="Channel", fields=[("id", models.BigAutoField(primary_key=True)), ("slug", models.CharField(max_length=255))]),
        migrations.CreateModel(name="Revision", fields=[("id", models.BigAutoField(primary_key=True)), ("name", models.CharField(max_length=255)), ("channels", models.ManyToManyField(to="app.Channel"))]),
        migrations.CreateModel(name="TmpRevision", fields=[("id", models.BigAutoField(primary_key=True)), ("name", models.CharField(max_length=255)), ("channels", models.ManyToManyField(to="app.Channel"))]),
    ]
`,
        "app/migrations/0003_copy_revisions.py": `from django.db import migrations


def copy_revisions(apps, schema_editor):
    Revision = apps.get_model("app", "Revision")
    TmpRevision = apps.get_model("app", "TmpRevision")
    for revision in Revision.objects.all():
        tmp = TmpRevision.objects.create(name=revision.name)
        for channel in revision.channels.all():
            tmp.channels.add(channel)


class Migration(migrations.Migration):
    dependencies = [("app", "0002_revisions")]

    operations = [migrations.RunPython(copy_revisions, migrations.RunPython.noop)]
`,
      },
      lines: [8, 8],
      severities: ["warning", "warning"],
      fixes: [
        '# the data step at app/migrations/0003_copy_revisions.py:16 (RunPython(copy_revisions)) already took care of the rows: a copy adds nothing. Servers still running the old code during the\n# upgrade query app_revision through the Revision model and fail until they restart, but the table cannot stay for them:\n# this migration, at line 9, renames table app_tmprevision to app_revision, which fails with "relation already exists" while it\n# is kept. Keep the drop (deploy it with the code that stops using the Revision model), or give that step\'s table another name:\nmigrations.DeleteModel(name="Revision")',
        '# the data step at app/migrations/0003_copy_revisions.py:16 (RunPython(copy_revisions)) already took care of the rows: a copy adds nothing. Servers still running the old code during the\n# upgrade query app_revision_channels through the Revision model and fail until they restart, but the table cannot stay for them:\n# this migration, at line 9, renames table app_tmprevision_channels to app_revision_channels, which fails with "relation already exists" while it\n# is kept. Keep the drop (deploy it with the code that stops using the Revision model), or give that step\'s table another name:\nmigrations.DeleteModel(name="Revision")',
      ],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "a RunSQL copies the model's rows into another table by INSERT ... SELECT, then DeleteModel (tasking-manager's tags -> campaigns)",
      path: "app/migrations/0002_move_tags.py",
      files: {
        "app/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Tag", fields=[("id", models.AutoField(primary_key=True)), ("campaigns", models.CharField(max_length=50, null=True))]),
        migrations.CreateModel(name="Campaign", fields=[("id", models.AutoField(primary_key=True)), ("name", models.CharField(max_length=50))]),
    ]
`,
      },
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]
    operations = [
        migrations.RunSQL(
            "INSERT INTO app_campaign (name) SELECT DISTINCT campaigns FROM app_tag WHERE campaigns IS NOT NULL",
            reverse_sql="INSERT INTO app_tag (campaigns) SELECT name FROM app_campaign",
        ),
        migrations.DeleteModel(name="Tag"),
    ]
`,
    },
    {
      framework: "django",
      name: "DeleteModel of a model made unmanaged by AlterModelOptions, and of a proxy whose options changed later (a proxy stays a proxy)",
      path: "users/migrations/0007_drop_models.py",
      files: {
        "users/migrations/0005_groups.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("auth", "0012_alter_user_first_name_max_length")]

    operations = [
        migrations.CreateModel(name="GroupProxy", fields=[], options={"proxy": True}, bases=("auth.group",)),
        migrations.CreateModel(name="Legacy", fields=[("id", models.BigAutoField(primary_key=True))]),
    ]
`,
        "users/migrations/0006_options.py": `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("users", "0005_groups")]

    operations = [
        migrations.AlterModelOptions(name="groupproxy", options={"verbose_name": "group"}),
        migrations.AlterModelOptions(name="legacy", options={"managed": False}),
    ]
`,
      },
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("users", "0006_options")]

    operations = [
        migrations.DeleteModel(name="GroupProxy"),
        migrations.DeleteModel(name="Legacy"),
    ]
`,
    },
    {
      framework: "django",
      name: "DeleteModel of a proxy model (and of an unmanaged one): Django has no table to drop",
      path: "users/migrations/0006_drop_proxies.py",
      files: {
        "users/migrations/0005_groups.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("auth", "0012_alter_user_first_name_max_length")]

    operations = [
        migrations.CreateModel(name="NetBoxGroup", fields=[], options={"proxy": True}, bases=("auth.group",)),
        migrations.CreateModel(name="LegacyReport", fields=[("id", models.BigAutoField(primary_key=True))], options={"managed": False, "db_table": "reports"}),
    ]
`,
      },
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("users", "0005_groups")]

    operations = [
        migrations.DeleteModel(name="NetBoxGroup"),
        migrations.DeleteModel(name="LegacyReport"),
    ]
`,
    },
    {
      framework: "django",
      name: "DeleteModel of a proxy created in a migration whose file name has a hyphen (Django loads `0007_add-rules.py` too)",
      path: "builds/migrations/0008_delete_rules.py",
      files: {
        "builds/migrations/0007_add-rules.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]

    operations = [
        migrations.CreateModel(name="VersionRule", fields=[("id", models.AutoField(primary_key=True))]),
        migrations.CreateModel(
            name="RegexRule",
            fields=[],
            options={
                "proxy": True,
                # 'manager_inheritance_from_future': True,
                "indexes": [],
            },
            bases=("builds.versionrule",),
        ),
    ]
`,
      },
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("builds", "0007_add-rules")]

    operations = [
        migrations.DeleteModel(name="RegexRule"),
    ]
`,
    },
    {
      framework: "django",
      name: "the model leaves Django's state only (the table stays for now)",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="Order")]),
    ]
`,
      files: DJANGO_INITIAL,
    },
  ],
});

import { DJANGO_INITIAL, MANUFACTURER_INITIAL, manufacturerRename } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

const FAQ_INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    operations = [
        migrations.CreateModel(name="FAQEntry", fields=[("id", models.BigAutoField(primary_key=True)), ("name", models.SlugField())]),
    ]
`;
const FAQ_MOVE = `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("faq", "0001_initial")]

    operations = [
        migrations.AlterModelTable(name="faqentry", table="backoffice_faqentry"),
    ]
`;

/** settings that install ralph's apps (97b8aebd8f: `ralph.tests` in settings/test.py alone) */
const RALPH_BASE = `INSTALLED_APPS = (\n    "django.contrib.auth",\n    "ralph.assets",\n)\n`;
const installing = (app: string) => `from ralph.settings.base import *  # noqa\n\nINSTALLED_APPS += (\n    "${app}",\n)\n`;
const testPackageFiles = (settings: Record<string, string>) => ({
  "manage.py": "",
  "tests/testapp/migrations/0001_initial.py": MANUFACTURER_INITIAL,
  "tests/settings.py": `INSTALLED_APPS = ["django.contrib.auth", "tests.testapp"]\n`,
  ...settings,
});
const manufacturerFiles = (settings: Record<string, string>) => ({ "manage.py": "", "ralph/tests/migrations/0001_initial.py": MANUFACTURER_INITIAL, "ralph/settings/base.py": RALPH_BASE, ...settings });

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "an app only test settings install (ralph's ralph.tests, in settings/test.py alone): Django runs its migrations on the test database, a note that says so",
      path: "ralph/tests/migrations/0002_rename.py",
      files: manufacturerFiles({ "ralph/settings/test.py": installing("ralph.tests") }),
      code: manufacturerRename("tests"),
      lines: [8],
      severities: ["info"],
      messages: ["(a note: the app tests is in INSTALLED_APPS only in test settings (ralph/settings/test.py), so Django runs this migration on the test database alone, never in production)"],
    },
    {
      framework: "django",
      name: "the same app installed by a production settings module too (prod.py): it runs in production, the error stays",
      path: "ralph/tests/migrations/0002_rename.py",
      files: manufacturerFiles({ "ralph/settings/test.py": installing("ralph.tests"), "ralph/settings/prod.py": installing("ralph.tests") }),
      code: manufacturerRename("tests"),
      lines: [8],
      severities: ["error"],
    },
    {
      framework: "django",
      name: "a test app beside its settings in a tests package (tests/settings.py installs tests.testapp), the project's settings further out: a note",
      path: "tests/testapp/migrations/0002_rename.py",
      files: testPackageFiles({ "config/settings.py": `INSTALLED_APPS = ["django.contrib.auth", "shop"]\n` }),
      code: manufacturerRename("testapp"),
      lines: [8],
      severities: ["info"],
      messages: ["only in test settings (tests/settings.py)"],
    },
    {
      framework: "django",
      name: "a reusable app's repository, whose only settings are its tests' (tests/settings.py): the projects that install it run its migrations, the error stays",
      path: "tests/testapp/migrations/0002_rename.py",
      files: testPackageFiles({}),
      code: manufacturerRename("testapp"),
      lines: [8],
      severities: ["error"],
    },
    {
      framework: "django",
      name: "code-before-migrate deploy: the model at head maps the new table, so the new code queries it before the rename creates it: an error that says so",
      config: { deploy: "code-before-migrate" },
      path: "faq/migrations/0002_move_tables.py",
      files: {
        "faq/migrations/0001_initial.py": FAQ_INITIAL,
        "faq/models.py": 'from django.db import models\n\n\nclass FAQEntry(models.Model):\n    name = models.SlugField()\n\n    class Meta:\n        db_table = "backoffice_faqentry"\n',
      },
      code: FAQ_MOVE,
      lines: [8],
      severities: ["error"],
      messages: ["the new code queries backoffice_faqentry, which does not exist until the rename"],
    },
    {
      framework: "django",
      name: "code-before-migrate deploy: no model of the app at head maps the new table (tournesol's faq 0006, the app on its way out): no old code runs once it has, and no new code queries it first: a note",
      config: { deploy: "code-before-migrate" },
      path: "faq/migrations/0002_move_tables.py",
      files: {
        "faq/migrations/0001_initial.py": FAQ_INITIAL,
        "faq/models.py": 'from django.db import models\n\n\nclass FAQEntry(models.Model):\n    name = models.SlugField()\n',
      },
      code: FAQ_MOVE,
      lines: [8],
      severities: ["info"],
      messages: ["no model of the app at head maps backoffice_faqentry, so no page of the new code queries backoffice_faqentry before the rename creates it"],
    },
    {
      framework: "django",
      name: "code-before-migrate deploy, no model at head maps the new table, and the team set rename-table: error: the team's severity wins over the note this deploy would make it",
      config: { deploy: "code-before-migrate", rules: { "rename-table": "error" } },
      path: "faq/migrations/0002_move_tables.py",
      files: {
        "faq/migrations/0001_initial.py": FAQ_INITIAL,
        "faq/models.py": 'from django.db import models\n\n\nclass FAQEntry(models.Model):\n    name = models.SlugField()\n',
      },
      code: FAQ_MOVE,
      lines: [8],
      severities: ["error"],
      messages: ["no model of the app at head maps backoffice_faqentry"],
    },
    {
      framework: "django",
      name: "the renamed table becomes the join table of a ManyToManyField: the fix keeps its name with the field's db_table=, not a Meta.db_table",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("crm", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="contact",
                    name="groups",
                    field=models.ManyToManyField(blank=True, related_name="contacts", to="crm.group"),
                ),
                migrations.DeleteModel(name="Membership"),
            ],
            database_operations=[
                migrations.AlterModelTable(name="Membership", table="crm_contact_groups"),
            ],
        ),
    ]
`,
      path: "crm/migrations/0002_membership_to_m2m.py",
      files: {
        "crm/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    operations = [
        migrations.CreateModel(name="Group", fields=[("id", models.BigAutoField(primary_key=True))]),
        migrations.CreateModel(
            name="Contact",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("groups", models.ManyToManyField(blank=True, related_name="contacts", through="crm.Membership", to="crm.group")),
            ],
        ),
        migrations.CreateModel(
            name="Membership",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("contact", models.ForeignKey(on_delete=models.CASCADE, to="crm.contact")),
                ("group", models.ForeignKey(on_delete=models.CASCADE, to="crm.group")),
            ],
        ),
    ]
`,
      },
      lines: [18],
      fixes: [
        [
          "# crm_membership is the join table of the ManyToManyField Contact.groups: keep its name on the field instead of renaming it",
          "migrations.AlterField(",
          '    model_name="contact",',
          '    name="groups",',
          '    field=models.ManyToManyField(blank=True, related_name="contacts", to="crm.group", db_table="crm_membership"),',
          "),",
        ].join("\n"),
      ],
    },
    {
      framework: "django",
      name: "RenameModel renames the table",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.RenameModel(old_name="Order", new_name="Purchase")]
`,
      files: DJANGO_INITIAL,
      lines: [7],
    },
    {
      framework: "django",
      name: "Baserow 73dcfda094 builder 0022: RenameModel, then RenameField of its foreign key: the state-only fix keeps the column's name too (db_column), not only the table's",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RenameModel(old_name="Order", new_name="Purchase"),
        migrations.RenameField(model_name="purchase", old_name="customer", new_name="buyer"),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8],
      fixes: [
        '# keep the table app_order: rename the model in Django\'s state only, its table named in Meta.db_table\n# and keep the column customer_id (db_column="customer_id" on buyer): move the RenameField (line 9) in here\nmigrations.SeparateDatabaseAndState(\n    state_operations=[\n        migrations.RenameModel(old_name="Order", new_name="Purchase"),\n        migrations.AlterModelTable(name="Purchase", table="app_order"),\n        migrations.RenameField(model_name="purchase", old_name="customer", new_name="buyer"),\n        migrations.AlterField(model_name="purchase", name="buyer", field=models.ForeignKey(on_delete=models.CASCADE, to="app.customer", db_column="customer_id")),\n    ],\n),\n# and in the model: class Meta: db_table = "app_order"',
      ],
    },
    {
      framework: "django",
      name: "AlterModelTable",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AlterModelTable(name="order", table="orders")]
`,
      files: DJANGO_INITIAL,
      lines: [7],
    },
    {
      framework: "django",
      name: "a rename in RunSQL: the fix renames in RunSQL and keeps the old name as a view, dropped in a migration of its own",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RunSQL("ALTER TABLE app_order RENAME TO app_purchase", reverse_sql="ALTER TABLE app_purchase RENAME TO app_order"),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8],
    },
    {
      framework: "django",
      name: "a rename in RunSQL, then a column of the renamed table dropped, which fails while a view reads it: the view goes after the drop",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RunSQL("ALTER TABLE app_order RENAME TO app_purchase", reverse_sql="ALTER TABLE app_purchase RENAME TO app_order"),
        migrations.RunSQL("ALTER TABLE app_purchase DROP COLUMN note", reverse_sql=migrations.RunSQL.noop),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8],
      fixes: ["migrations.RunSQL(\"ALTER TABLE app_order RENAME TO app_purchase\", reverse_sql=\"ALTER TABLE app_purchase RENAME TO app_order\"),\n# after line 9 of this migration, the last that drops or retypes a column of app_purchase (that fails while a view reads the column): the old name keeps working (reads and writes) until no code uses it,\n# reading app_purchase as this migration leaves it (old code that reads note fails either way: no view keeps a column the table no longer has):\nmigrations.RunSQL(\"CREATE VIEW app_order AS SELECT * FROM app_purchase\", reverse_sql=\"DROP VIEW app_order\"),\n\n# then a new migration, app/migrations/0003_drop_view_app_order.py:\nfrom django.db import migrations\n\nclass Migration(migrations.Migration):\n    dependencies = [(\"app\", \"0002_case\")]\n\n    operations = [\n        # in the next deploy, once no running code uses app_order (PostgreSQL expands * when the view is made, so it reads every column app_purchase has now, named or not: DROP COLUMN of one of them and DROP TABLE fail while it stands):\n        migrations.RunSQL(\"DROP VIEW app_order\", reverse_sql=\"CREATE VIEW app_order AS SELECT * FROM app_purchase\"),\n    ]"],
    },
    {
      framework: "django",
      name: "RenameModel, then a later migration (not the next) creates a model whose table is the old name: the state-only rename would keep app_order for good and make it fail, so the fix is the view, dropped first by that migration",
      path: "app/migrations/0002_purchase.py",
      files: {
        "app/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    operations = [
        migrations.CreateModel(name="Order", fields=[("id", models.BigAutoField(primary_key=True))]),
    ]
`,
        "app/migrations/0003_purchase_note.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0002_purchase")]

    operations = [
        migrations.AddField(model_name="purchase", name="note", field=models.TextField(null=True)),
    ]
`,
        "app/migrations/0004_order.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0003_purchase_note")]

    operations = [
        migrations.CreateModel(name="Order", fields=[("id", models.BigAutoField(primary_key=True))]),
    ]
`,
      },
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.RenameModel(old_name="Order", new_name="Purchase")]
`,
      lines: [7],
      fixes: ["migrations.RenameModel(old_name=\"Order\", new_name=\"Purchase\"),\n# the old name keeps working (reads and writes) until no code uses it:\nmigrations.RunSQL(\"CREATE VIEW app_order AS SELECT * FROM app_purchase\", reverse_sql=\"DROP VIEW app_order\"),\n# app/migrations/0004_order.py:8 creates table app_order again, which fails while the view holds the name (\"already exists\"): that migration drops the view first: migrations.RunSQL(\"DROP VIEW IF EXISTS app_order\", reverse_sql=migrations.RunSQL.noop),"],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "a model with db_table keeps its table when renamed",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.RenameModel(old_name="LegacyInvoice", new_name="Invoice")]
`,
      files: DJANGO_INITIAL,
    },
  ],
});

import { DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "AddField of a ForeignKey with a default after another AddField on the model in the atomic migration: the earlier ADD COLUMN's ACCESS EXCLUSIVE lock stays held for the whole check (nautobot's 0030)",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="channel", field=models.CharField(max_length=20, null=True)),
        migrations.AddField(model_name="order", name="payer", field=models.ForeignKey(default=1, on_delete=models.CASCADE, to="app.customer")),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [9],
      severities: ["error"],
      messages: ["Adding app_order.payer_id with a default and a foreign key to app_customer checks every row while writes to both tables are blocked. Line 8's ADD COLUMN channel already holds ACCESS EXCLUSIVE on app_order until commit, so this check keeps that lock, and the table closed to reads and writes, for its whole duration; adding the column without its key, then the key NOT VALID and validating it in a later migration lets line 8 commit at once."],
    },
    {
      framework: "django",
      name: "a foreign key on a Wagtail site setting (Order extends BaseSiteSetting, wagtail 4+): the check reads one row per Wagtail site, a note that says why",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="payer", field=models.ForeignKey(default=1, on_delete=models.CASCADE, to="app.customer")),
    ]
`,
      files: {
        ...DJANGO_INITIAL,
        "app/models.py": "from django.db import models\nfrom wagtail.contrib.settings.models import BaseSiteSetting\n\n\nclass Order(BaseSiteSetting):\n    payer = models.ForeignKey(\"app.Customer\", on_delete=models.CASCADE)\n",
      },
      lines: [8],
      severities: ["info"],
      messages: ["app_order holds one row per Wagtail site, its site_id is unique, and for_site() creates the row of a site, so the lock is brief."],
    },
    {
      framework: "django",
      name: "atomic = False: each operation commits alone, so the foreign key waits for the table again and scans it",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="document", name="project_ref", field=models.IntegerField(null=True)),
        migrations.RunSQL(
            "ALTER TABLE app_document ADD CONSTRAINT app_document_project_ref_fkey FOREIGN KEY (project_ref) REFERENCES app_project (id)",
            reverse_sql="ALTER TABLE app_document DROP CONSTRAINT app_document_project_ref_fkey",
        ),
        migrations.RunSQL("UPDATE app_document SET project_ref = 1", reverse_sql=migrations.RunSQL.noop),
    ]
`,
      lines: [11],
      severities: ["error"],
    },
    {
      framework: "django",
      name: "AddField of a ForeignKey with a default: the field without its constraint, the key added NOT VALID as Django makes it (DEFERRABLE INITIALLY DEFERRED), then a migration that validates it and gives Django's state the constraint back",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="payer", field=models.ForeignKey(default=1, on_delete=models.CASCADE, to="app.customer")),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8],
      fixes: [
        "# the field without its database constraint, then the constraint NOT VALID:\nmigrations.AddField(model_name=\"Order\", name=\"payer\", field=models.ForeignKey(default=1, on_delete=models.CASCADE, to=\"app.customer\", db_constraint=False)),\nmigrations.RunSQL(\n    \"ALTER TABLE app_order ADD CONSTRAINT app_order_payer_id_fkey FOREIGN KEY (payer_id) REFERENCES app_customer DEFERRABLE INITIALLY DEFERRED NOT VALID\",\n    reverse_sql=\"ALTER TABLE app_order DROP CONSTRAINT app_order_payer_id_fkey\",\n),\n\n# then a new migration, app/migrations/0003_validate_app_order_payer_id_fkey.py:\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [(\"app\", \"0002_case\")]\n\n    operations = [\n        migrations.RunSQL(\"ALTER TABLE app_order VALIDATE CONSTRAINT app_order_payer_id_fkey\", reverse_sql=migrations.RunSQL.noop),\n        # Django's state gets the field with its constraint back; the database has it already\n        migrations.SeparateDatabaseAndState(\n            state_operations=[\n                migrations.AlterField(model_name=\"Order\", name=\"payer\", field=models.ForeignKey(default=1, on_delete=models.CASCADE, to=\"app.customer\")),\n            ],\n        ),\n    ]",
      ],
    },
    {
      framework: "django",
      name: "AddField of a ForeignKey with a default to settings.AUTH_USER_MODEL, the project's settings unread: the key's SQL says the user model's table is unknown, no table name is made up",
      code: `from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial"), migrations.swappable_dependency(settings.AUTH_USER_MODEL)]

    operations = [
        migrations.AddField(model_name="order", name="payer", field=models.ForeignKey(default=1, on_delete=models.CASCADE, to=settings.AUTH_USER_MODEL)),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [9],
      fixes: [
        "# the field without its database constraint, then the constraint NOT VALID:\nmigrations.AddField(model_name=\"Order\", name=\"payer\", field=models.ForeignKey(default=1, on_delete=models.CASCADE, to=settings.AUTH_USER_MODEL, db_constraint=False)),\n# then, in a migrations.RunSQL: ALTER TABLE app_order ADD CONSTRAINT app_order_payer_id_fkey FOREIGN KEY (payer_id) REFERENCES\n# the table of settings.AUTH_USER_MODEL (the user model the project's settings name, which migguard could not read), DEFERRABLE INITIALLY DEFERRED NOT VALID; reverse_sql: ALTER TABLE app_order DROP CONSTRAINT app_order_payer_id_fkey\n\n# then a new migration, app/migrations/0003_validate_app_order_payer_id_fkey.py:\nfrom django.conf import settings\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [(\"app\", \"0002_case\")]\n\n    operations = [\n        migrations.RunSQL(\"ALTER TABLE app_order VALIDATE CONSTRAINT app_order_payer_id_fkey\", reverse_sql=migrations.RunSQL.noop),\n        # Django's state gets the field with its constraint back; the database has it already\n        migrations.SeparateDatabaseAndState(\n            state_operations=[\n                migrations.AlterField(model_name=\"Order\", name=\"payer\", field=models.ForeignKey(default=1, on_delete=models.CASCADE, to=settings.AUTH_USER_MODEL)),\n            ],\n        ),\n    ]",
      ],
    },
    {
      framework: "django",
      name: "AddConstraint with a CheckConstraint validates every row",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddConstraint(
            model_name="order",
            constraint=models.CheckConstraint(condition=models.Q(total__gte=0), name="order_total_positive"),
        ),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8],
    },
    {
      framework: "django",
      name: "AddConstraint with a CheckConstraint in a project pinned to Django 2.2: AddConstraintNotValid and ValidateConstraint are Django 4.0+, so the fix adds and validates the CHECK in SQL (the Q condition, which migguard cannot write in SQL, by hand)",
      path: "app/migrations/0002_total_positive.py",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddConstraint(
            model_name="order",
            constraint=models.CheckConstraint(check=models.Q(total__gte=0), name="order_total_positive"),
        ),
    ]
`,
      files: { ...DJANGO_INITIAL, "requirements.txt": "Django==2.2.28\n" },
      lines: [8],
      fixes: [
        [
          "# this project's Django is older than 4.0, which has no AddConstraintNotValid, and migguard could not write its CHECK expression in SQL: in place of line 8,",
          "# a migrations.RunSQL of ALTER TABLE app_order ADD CONSTRAINT order_total_positive CHECK with the condition written in SQL and NOT VALID at its end, then validate it in the next migration",
          "",
          "# then a new migration, app/migrations/0003_validate_order_total_positive.py:",
          "from django.db import migrations",
          "",
          "class Migration(migrations.Migration):",
          '    dependencies = [("app", "0002_total_positive")]',
          "",
          "    operations = [",
          '        migrations.RunSQL("ALTER TABLE app_order VALIDATE CONSTRAINT order_total_positive", reverse_sql=migrations.RunSQL.noop),',
          "    ]",
        ].join("\n"),
      ],
    },
    {
      framework: "django",
      name: "AddField then a CHECK on it (Saleor's webhook identifier): a full scan under the lock though no row can fail (warning)",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="identifier", field=models.CharField(blank=True, max_length=256, null=True)),
        migrations.AddConstraint(
            model_name="order",
            constraint=models.CheckConstraint(condition=~models.Q(identifier=""), name="order_identifier_not_blank"),
        ),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [9],
    },
    {
      framework: "django",
      name: "AlterField pointing a ForeignKey at another model: the new key checks every row",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="order",
            name="customer",
            field=models.ForeignKey(on_delete=models.CASCADE, to="app.legacyinvoice"),
        ),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8],
    },
    {
      framework: "django",
      name: "RenameModel, then AlterField pointing the ForeignKey at another model: the key is dropped and added again, checking every row",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RenameModel(old_name="Customer", new_name="Client"),
        migrations.AlterField(model_name="order", name="customer", field=models.ForeignKey(on_delete=models.CASCADE, to="app.legacyinvoice")),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [9],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "an empty column, its foreign key in RunSQL, then a backfill, in the atomic migration: nothing to check, and the backfill holds the lock longer",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="document", name="project_ref", field=models.IntegerField(null=True)),
        migrations.RunSQL(
            "ALTER TABLE app_document ADD CONSTRAINT app_document_project_ref_fkey FOREIGN KEY (project_ref) REFERENCES app_project (id)",
            reverse_sql="ALTER TABLE app_document DROP CONSTRAINT app_document_project_ref_fkey",
        ),
        migrations.RunSQL("UPDATE app_document SET project_ref = 1", reverse_sql=migrations.RunSQL.noop),
    ]
`,
    },
    {
      framework: "django",
      name: "AddField of a nullable ForeignKey: Django adds the constraint with the empty column, so PostgreSQL validates nothing",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="order",
            name="invoice",
            field=models.ForeignKey(null=True, db_index=False, on_delete=models.SET_NULL, to="app.legacyinvoice"),
        ),
    ]
`,
      files: DJANGO_INITIAL,
    },
    {
      framework: "django",
      name: "AlterField of a ForeignKey that keeps its target (on_delete, related_name are Python only)",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="order",
            name="customer",
            field=models.ForeignKey(on_delete=models.PROTECT, related_name="orders", to="app.customer"),
        ),
    ]
`,
      files: DJANGO_INITIAL,
    },
    {
      framework: "django",
      name: "RenameModel, then AlterField repointing the ForeignKey at the renamed model (makemigrations writes it): Django's state already points there, so sqlmigrate prints no-op and no key is added",
      code: `import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RenameModel(old_name="Customer", new_name="Client"),
        migrations.AlterField(
            model_name="order",
            name="customer",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="orders", to="app.client"),
        ),
    ]
`,
      files: DJANGO_INITIAL,
    },
    {
      framework: "django",
      name: "the model renamed in an earlier migration, the ForeignKey repointed at its new name in this one: still no database change",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0002_rename_customer_client")]

    operations = [
        migrations.AlterField(model_name="order", name="customer", field=models.ForeignKey(on_delete=models.CASCADE, to="app.Client")),
    ]
`,
      files: {
        ...DJANGO_INITIAL,
        "app/migrations/0002_rename_customer_client.py": `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.RenameModel(old_name="Customer", new_name="Client")]
`,
      },
      path: "app/migrations/0003_case.py",
    },
    {
      framework: "django",
      name: "AddConstraintNotValid, validated in a later migration",
      code: `from django.contrib.postgres.operations import AddConstraintNotValid
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        AddConstraintNotValid(
            model_name="order",
            constraint=models.CheckConstraint(condition=models.Q(total__gte=0), name="order_total_positive"),
        ),
    ]
`,
      files: DJANGO_INITIAL,
    },
  ],
});

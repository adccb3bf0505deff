import { CI_MATRIX_SQLITE_POSTGRES, DJANGO_4_2_FILES, DJANGO_5_1_FILES, DJANGO_DEFAULTS_MIGRATION, DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";


/** an earlier migration's CHECK (quantity IS NOT NULL), added NOT VALID, then (`validated`) validated by another */
const quantityCheck = (validated: boolean) => ({
  ...DJANGO_INITIAL,
  "app/migrations/0002_quantity_check.py": `from django.contrib.postgres.operations import AddConstraintNotValid
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        AddConstraintNotValid(model_name="order", constraint=models.CheckConstraint(condition=models.Q(quantity__isnull=False), name="order_quantity_not_null")),
    ]
`,
  ...(validated
    ? {
        "app/migrations/0003_validate_quantity_check.py": `from django.contrib.postgres.operations import ValidateConstraint
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0002_quantity_check")]

    operations = [ValidateConstraint(model_name="order", name="order_quantity_not_null")]
`,
      }
    : {}),
});

const QUANTITY_NOT_NULL = (after: string) => `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "${after}")]

    operations = [migrations.AlterField(model_name="order", name="quantity", field=models.IntegerField(default=1))]
`;

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "exclude(status=\"closed\").update(...) on a nullable field: Django writes NOT (status = 'closed' AND status IS NOT NULL), which takes the NULL rows, so only the lock finding",
      files: {
        "app/migrations/0001_initial.py": "from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n    operations = [\n        migrations.CreateModel(name=\"Order\", fields=[(\"id\", models.BigAutoField(primary_key=True)), (\"status\", models.TextField(null=True))]),\n    ]\n",
      },
      code: `from django.db import migrations, models


def backfill(apps, schema_editor):
    Order = apps.get_model("app", "Order")
    Order.objects.exclude(status="closed").update(status="open")


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]
    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AlterField(model_name="order", name="status", field=models.TextField()),
    ]
`,
      lines: [13],
      messages: ["SET NOT NULL on app_order.status scans the whole table under an ACCESS EXCLUSIVE lock."],
    },
    {
      framework: "django",
      name: "ADD COLUMN, an UPDATE of every row, SET NOT NULL in one multi-statement RunSQL string: the note's fix is Python, the statement in a RunSQL of its own",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RunSQL(
            """
            ALTER TABLE app_order ADD COLUMN channel varchar(20);

            UPDATE app_order SET channel = 'web';

            ALTER TABLE app_order ALTER COLUMN channel SET NOT NULL;
            """,
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [14],
      severities: ["info"],
      fixes: [
        "# nothing to change here: the lock is held for the UPDATE of line 12; to shorten it, add the column NOT NULL with the UPDATE's constant as its default instead of the UPDATE (no rewrite, no scan) (see mixed-ddl-dml)\nmigrations.RunSQL(\"ALTER TABLE app_order ALTER COLUMN channel SET NOT NULL\"),",
      ],
    },
    {
      framework: "django",
      name: "AddField, a RunSQL UPDATE of every row, AlterField null=False in one atomic migration: the lock is held for the UPDATE already: a note",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="channel", field=models.CharField(max_length=20, null=True)),
        migrations.RunSQL("UPDATE app_order SET channel = 'web'", reverse_sql=migrations.RunSQL.noop),
        migrations.AlterField(model_name="order", name="channel", field=models.CharField(max_length=20)),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [10],
      severities: ["info"],
      messages: ["updated every row of app_order under it (line 9)"],
    },
    {
      framework: "django",
      name: "a Wagtail site setting (Order extends BaseSiteSetting: one row per Wagtail site): the scan is brief, a note that says why",
      code: QUANTITY_NOT_NULL("0001_initial"),
      files: {
        ...DJANGO_INITIAL,
        "app/models.py": "from django.db import models\nfrom wagtail.contrib.settings.models import BaseSiteSetting\n\n\nclass Order(BaseSiteSetting):\n    quantity = models.IntegerField(default=1)\n",
      },
      lines: [7],
      severities: ["info"],
      messages: ["Order (app/models.py) is a Wagtail site setting (Order extends wagtail.contrib.settings.models.BaseSiteSetting): app_order holds one row per Wagtail site"],
    },
    {
      framework: "django",
      name: "an earlier migration added CHECK (quantity IS NOT NULL) NOT VALID and none validated it: SET NOT NULL still scans",
      path: "app/migrations/0003_quantity_not_null.py",
      code: QUANTITY_NOT_NULL("0002_quantity_check"),
      files: quantityCheck(false),
      lines: [7],
    },
    {
      framework: "django",
      name: "a project whose CI matrix runs on SQLite and PostgreSQL: the CHECK NOT VALID, its VALIDATE and the SET NOT NULL run on PostgreSQL only; SQLite runs the AlterField as written in its place (it fills NULL rows with the default) and skips the ctid fill",
      code: DJANGO_DEFAULTS_MIGRATION,
      files: { ...DJANGO_5_1_FILES, ...CI_MATRIX_SQLITE_POSTGRES },
      lines: [14],
      messages: ["SET NOT NULL on app_order.quantity scans the whole table under an ACCESS EXCLUSIVE lock. Line 12's ADD COLUMN color already holds ACCESS EXCLUSIVE on app_order until commit, so this scan keeps that lock, and the table closed to reads and writes, for its whole duration; a CHECK added NOT VALID and validated in a later migration lets line 12 commit at once. This concerns the PostgreSQL installations: the project also runs on SQLite."],
      fixes: ["# PostgreSQL's way on PostgreSQL only (connection.vendor), the operation as written on SQLite:\n# in the migration file, before its operations (beside `from django.db import migrations`):\nclass OnPostgreSQL(migrations.SeparateDatabaseAndState):\n    # PostgreSQL runs `postgresql`; SQLite and the other databases the project supports run `others`, the plain\n    # operations (Django's state follows them, or `state` when given: operations only PostgreSQL's way needs,\n    # which the others keep in the state alone). A name is a class of django.contrib.postgres.operations, imported\n    # on PostgreSQL only (it needs psycopg, which an install on another database may lack) and given the plain\n    # operation's arguments; without `postgresql`, PostgreSQL runs the state operations.\n    def __init__(self, postgresql=None, others=(), state=None, **options):\n        super().__init__(database_operations=list(others), state_operations=list(others if state is None else state))\n        self.postgresql, self.options = postgresql, options\n\n    def _postgresql(self):\n        if self.postgresql is None:\n            return migrations.SeparateDatabaseAndState(database_operations=self.state_operations)\n        if not isinstance(self.postgresql, str):\n            return self.postgresql\n        from importlib import import_module\n\n        operation = getattr(import_module(\"django.contrib.postgres.operations\"), self.postgresql)\n        if self.options:\n            return operation(**self.options)\n        _, args, kwargs = self.state_operations[0].deconstruct()\n        return operation(*args, **kwargs)\n\n    def _for(self, schema_editor):\n        if schema_editor.connection.vendor == \"postgresql\":\n            return migrations.SeparateDatabaseAndState(database_operations=[self._postgresql()])\n        return super()\n\n    def database_forwards(self, app_label, schema_editor, from_state, to_state):\n        self._for(schema_editor).database_forwards(app_label, schema_editor, from_state, to_state)\n\n    def database_backwards(self, app_label, schema_editor, from_state, to_state):\n        self._for(schema_editor).database_backwards(app_label, schema_editor, from_state, to_state)\n\n\nOnPostgreSQL(\"AddConstraintNotValid\", [migrations.AlterField(model_name=\"order\", name=\"quantity\", field=models.IntegerField(default=1))], state=[migrations.AddConstraint(model_name=\"Order\", constraint=models.CheckConstraint(condition=models.Q(quantity__isnull=False), name=\"app_order_quantity_not_null\"))]),\n\n# then a new migration, app/migrations/0003_fill_app_order_quantity.py:\nfrom django.db import migrations, models\n\n\ndef fill_app_order_quantity(apps, schema_editor):\n    # the value Django's AlterField gives NULL rows: its default, called once when it is a callable\n    if schema_editor.connection.vendor != \"postgresql\":\n        return  # the SQL below is PostgreSQL's; the other databases skip it\n    field = apps.get_model(\"app\", \"Order\")._meta.get_field(\"quantity\")\n    default = 1\n    value = field.get_db_prep_save(default() if callable(default) else default, schema_editor.connection)\n    # 1000 rows a statement, each committed on its own (atomic = False), until one updates nothing\n    with schema_editor.connection.cursor() as cursor:\n        while True:\n            cursor.execute(\"UPDATE app_order SET quantity = %s WHERE ctid IN (SELECT ctid FROM app_order WHERE quantity IS NULL LIMIT 1000)\", [value])\n            if cursor.rowcount == 0:\n                break\n\n\nclass Migration(migrations.Migration):\n    atomic = False\n\n    dependencies = [(\"app\", \"0002_case\")]\n\n    operations = [\n        migrations.RunPython(fill_app_order_quantity, migrations.RunPython.noop),\n    ]\n\n# then a new migration, app/migrations/0004_validate_app_order_quantity_not_null.py:\nfrom django.db import migrations, models\n\n\nclass OnPostgreSQL(migrations.SeparateDatabaseAndState):\n    # PostgreSQL runs `postgresql`; SQLite and the other databases the project supports run `others`, the plain\n    # operations (Django's state follows them, or `state` when given: operations only PostgreSQL's way needs,\n    # which the others keep in the state alone). A name is a class of django.contrib.postgres.operations, imported\n    # on PostgreSQL only (it needs psycopg, which an install on another database may lack) and given the plain\n    # operation's arguments; without `postgresql`, PostgreSQL runs the state operations.\n    def __init__(self, postgresql=None, others=(), state=None, **options):\n        super().__init__(database_operations=list(others), state_operations=list(others if state is None else state))\n        self.postgresql, self.options = postgresql, options\n\n    def _postgresql(self):\n        if self.postgresql is None:\n            return migrations.SeparateDatabaseAndState(database_operations=self.state_operations)\n        if not isinstance(self.postgresql, str):\n            return self.postgresql\n        from importlib import import_module\n\n        operation = getattr(import_module(\"django.contrib.postgres.operations\"), self.postgresql)\n        if self.options:\n            return operation(**self.options)\n        _, args, kwargs = self.state_operations[0].deconstruct()\n        return operation(*args, **kwargs)\n\n    def _for(self, schema_editor):\n        if schema_editor.connection.vendor == \"postgresql\":\n            return migrations.SeparateDatabaseAndState(database_operations=[self._postgresql()])\n        return super()\n\n    def database_forwards(self, app_label, schema_editor, from_state, to_state):\n        self._for(schema_editor).database_forwards(app_label, schema_editor, from_state, to_state)\n\n    def database_backwards(self, app_label, schema_editor, from_state, to_state):\n        self._for(schema_editor).database_backwards(app_label, schema_editor, from_state, to_state)\n\n\nclass Migration(migrations.Migration):\n    dependencies = [(\"app\", \"0003_fill_app_order_quantity\")]\n\n    operations = [\n        OnPostgreSQL(\"ValidateConstraint\", model_name=\"Order\", name=\"app_order_quantity_not_null\"),\n        OnPostgreSQL(migrations.SeparateDatabaseAndState(\n            database_operations=[\n                migrations.RunSQL(\n                    \"ALTER TABLE app_order ALTER COLUMN quantity SET NOT NULL\",\n                    reverse_sql=\"ALTER TABLE app_order ALTER COLUMN quantity DROP NOT NULL\",\n                ),\n            ],\n            state_operations=[\n                migrations.AlterField(model_name=\"order\", name=\"quantity\", field=models.IntegerField(default=1)),\n            ],\n        ), [migrations.AlterField(model_name=\"order\", name=\"quantity\", field=models.IntegerField(default=1))]),\n        OnPostgreSQL(state=[migrations.RemoveConstraint(model_name=\"Order\", name=\"app_order_quantity_not_null\")]),\n    ]"],
    },
    {
      framework: "django",
      name: "a unique field made NOT NULL with default=uuid.uuid4: the fill gives each NULL row its own value, never one for all (rapidpro triggers 0049)",
      code: `import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="token", field=models.UUIDField(null=True, unique=True)),
        migrations.AlterField(model_name="order", name="token", field=models.UUIDField(default=uuid.uuid4, unique=True)),
    ]
`,
      files: DJANGO_5_1_FILES,
      lines: [11],
    },
    {
      framework: "django",
      name: "Django 2.2 pinned in requirements.txt (normandy): AddConstraintNotValid and ValidateConstraint are Django 4.0+, so the CHECK is added, validated and dropped with RunSQL",
      path: "app/migrations/0002_note_not_null.py",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="order", name="note", field=models.TextField()),
    ]
`,
      files: { ...DJANGO_INITIAL, "requirements.txt": "Django==2.2.28\npsycopg2==2.8.6\n" },
      lines: [8],
      fixes: [
        [
          "# AddConstraintNotValid is Django 4.0+ and this project's Django is older: the CHECK in SQL",
          'migrations.RunSQL("ALTER TABLE app_order ADD CONSTRAINT app_order_note_not_null CHECK (note IS NOT NULL) NOT VALID", reverse_sql="ALTER TABLE app_order DROP CONSTRAINT app_order_note_not_null"),',
          "",
          "# then a new migration, app/migrations/0003_validate_app_order_note_not_null.py:",
          "from django.db import migrations, models",
          "",
          "",
          "class Migration(migrations.Migration):",
          '    dependencies = [("app", "0002_note_not_null")]',
          "",
          "    operations = [",
          '        migrations.RunSQL("ALTER TABLE app_order VALIDATE CONSTRAINT app_order_note_not_null", reverse_sql=migrations.RunSQL.noop),',
          '        migrations.AlterField(model_name="order", name="note", field=models.TextField()),',
          '        migrations.RunSQL("ALTER TABLE app_order DROP CONSTRAINT app_order_note_not_null", reverse_sql="ALTER TABLE app_order ADD CONSTRAINT app_order_note_not_null CHECK (note IS NOT NULL) NOT VALID"),',
          "    ]",
        ].join("\n"),
      ],
    },
    {
      framework: "django",
      name: "Django 4.2 pinned in requirements/base.txt: check= for CheckConstraint, and no db_default (5.0+): the AddField as written (a callable default stays) then a RunSQL SET DEFAULT of the migration's own; NULLs the AlterField's default fills are filled before VALIDATE",
      code: DJANGO_DEFAULTS_MIGRATION,
      files: DJANGO_4_2_FILES,
      lines: [14],
      fixes: [
        "from django.contrib.postgres.operations import AddConstraintNotValid\nAddConstraintNotValid(model_name=\"Order\", constraint=models.CheckConstraint(check=models.Q(quantity__isnull=False), name=\"app_order_quantity_not_null\")),\n\n# then a new migration, app/migrations/0003_fill_app_order_quantity.py:\nfrom django.db import migrations, models\n\n\ndef fill_app_order_quantity(apps, schema_editor):\n    # the value Django's AlterField gives NULL rows: its default, called once when it is a callable\n    field = apps.get_model(\"app\", \"Order\")._meta.get_field(\"quantity\")\n    default = 1\n    value = field.get_db_prep_save(default() if callable(default) else default, schema_editor.connection)\n    # 1000 rows a statement, each committed on its own (atomic = False), until one updates nothing\n    with schema_editor.connection.cursor() as cursor:\n        while True:\n            cursor.execute(\"UPDATE app_order SET quantity = %s WHERE ctid IN (SELECT ctid FROM app_order WHERE quantity IS NULL LIMIT 1000)\", [value])\n            if cursor.rowcount == 0:\n                break\n\n\nclass Migration(migrations.Migration):\n    atomic = False\n\n    dependencies = [(\"app\", \"0002_case\")]\n\n    operations = [\n        migrations.RunPython(fill_app_order_quantity, migrations.RunPython.noop),\n    ]\n\n# then a new migration, app/migrations/0004_validate_app_order_quantity_not_null.py:\nfrom django.contrib.postgres.operations import ValidateConstraint\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [(\"app\", \"0003_fill_app_order_quantity\")]\n\n    operations = [\n        ValidateConstraint(model_name=\"Order\", name=\"app_order_quantity_not_null\"),\n        migrations.SeparateDatabaseAndState(\n            database_operations=[\n                migrations.RunSQL(\n                    \"ALTER TABLE app_order ALTER COLUMN quantity SET NOT NULL\",\n                    reverse_sql=\"ALTER TABLE app_order ALTER COLUMN quantity DROP NOT NULL\",\n                ),\n            ],\n            state_operations=[\n                migrations.AlterField(model_name=\"order\", name=\"quantity\", field=models.IntegerField(default=1)),\n            ],\n        ),\n        migrations.RemoveConstraint(model_name=\"Order\", name=\"app_order_quantity_not_null\"),\n    ]",
      ],
    },
    {
      framework: "django",
      name: "Django >=5.1,<6 in pyproject.toml [project]: condition= and db_default, a callable default kept as the Python default",
      code: DJANGO_DEFAULTS_MIGRATION,
      files: DJANGO_5_1_FILES,
      lines: [14],
      fixes: [
        "from django.contrib.postgres.operations import AddConstraintNotValid\nAddConstraintNotValid(model_name=\"Order\", constraint=models.CheckConstraint(condition=models.Q(quantity__isnull=False), name=\"app_order_quantity_not_null\")),\n\n# then a new migration, app/migrations/0003_fill_app_order_quantity.py:\nfrom django.db import migrations, models\n\n\ndef fill_app_order_quantity(apps, schema_editor):\n    # the value Django's AlterField gives NULL rows: its default, called once when it is a callable\n    field = apps.get_model(\"app\", \"Order\")._meta.get_field(\"quantity\")\n    default = 1\n    value = field.get_db_prep_save(default() if callable(default) else default, schema_editor.connection)\n    # 1000 rows a statement, each committed on its own (atomic = False), until one updates nothing\n    with schema_editor.connection.cursor() as cursor:\n        while True:\n            cursor.execute(\"UPDATE app_order SET quantity = %s WHERE ctid IN (SELECT ctid FROM app_order WHERE quantity IS NULL LIMIT 1000)\", [value])\n            if cursor.rowcount == 0:\n                break\n\n\nclass Migration(migrations.Migration):\n    atomic = False\n\n    dependencies = [(\"app\", \"0002_case\")]\n\n    operations = [\n        migrations.RunPython(fill_app_order_quantity, migrations.RunPython.noop),\n    ]\n\n# then a new migration, app/migrations/0004_validate_app_order_quantity_not_null.py:\nfrom django.contrib.postgres.operations import ValidateConstraint\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [(\"app\", \"0003_fill_app_order_quantity\")]\n\n    operations = [\n        ValidateConstraint(model_name=\"Order\", name=\"app_order_quantity_not_null\"),\n        migrations.SeparateDatabaseAndState(\n            database_operations=[\n                migrations.RunSQL(\n                    \"ALTER TABLE app_order ALTER COLUMN quantity SET NOT NULL\",\n                    reverse_sql=\"ALTER TABLE app_order ALTER COLUMN quantity DROP NOT NULL\",\n                ),\n            ],\n            state_operations=[\n                migrations.AlterField(model_name=\"order\", name=\"quantity\", field=models.IntegerField(default=1)),\n            ],\n        ),\n        migrations.RemoveConstraint(model_name=\"Order\", name=\"app_order_quantity_not_null\"),\n    ]",
      ],
    },
    {
      framework: "django",
      name: "a ForeignKey made a NOT NULL OneToOneField: the AlterField also adds a unique constraint, so it stays as written, and the fix says Django still drops the FOREIGN KEY and adds it back under the lock",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="order", name="buyer", field=models.OneToOneField(on_delete=models.CASCADE, to="app.buyer")),
    ]
`,
      files: {
        "app/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(name="Buyer", fields=[("id", models.BigAutoField(primary_key=True))]),
        migrations.CreateModel(
            name="Order",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("buyer", models.ForeignKey(null=True, on_delete=models.CASCADE, to="app.buyer")),
            ],
        ),
    ]
`,
      },
      lines: [8],
      fixes: ["from django.contrib.postgres.operations import AddConstraintNotValid\nAddConstraintNotValid(model_name=\"Order\", constraint=models.CheckConstraint(condition=models.Q(buyer__isnull=False), name=\"app_order_buyer_id_not_null\")),  # condition= is Django 5.1+: before 5.1 it is check=\n\n# then a new migration, app/migrations/0003_validate_app_order_buyer_id_not_null.py:\nfrom django.contrib.postgres.operations import ValidateConstraint\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [(\"app\", \"0002_case\")]\n\n    operations = [\n        ValidateConstraint(model_name=\"Order\", name=\"app_order_buyer_id_not_null\"),\n        # buyer is a relation and this AlterField also adds a unique constraint, drops an index: it stays as written, and Django drops its FOREIGN KEY and adds it back,\n        # checking every row under the lock: the NOT NULL needs no scan after the CHECK, the FOREIGN KEY still does\n        migrations.AlterField(model_name=\"order\", name=\"buyer\", field=models.OneToOneField(on_delete=models.CASCADE, to=\"app.buyer\")),\n        migrations.RemoveConstraint(model_name=\"Order\", name=\"app_order_buyer_id_not_null\"),\n    ]"],
    },
    {
      framework: "django",
      name: "a relation made NOT NULL (nautobot's StatusField, a ForeignKey subclass given to= and on_delete=): the validate step's AlterField is state-only, the database gets SET NOT NULL alone (Django's AlterField would drop the FOREIGN KEY and add it back, a full check under the lock)",
      code: `from django.db import migrations, models
import app.fields


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="order", name="status", field=app.fields.StatusField(on_delete=models.PROTECT, related_name="orders", to="app.status")),
    ]
`,
      files: {
        "app/migrations/0001_initial.py": `from django.db import migrations, models
import app.fields


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(name="Status", fields=[("id", models.BigAutoField(primary_key=True)), ("name", models.CharField(max_length=50))]),
        migrations.CreateModel(
            name="Order",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("status", app.fields.StatusField(null=True, on_delete=models.PROTECT, related_name="orders", to="app.status")),
            ],
        ),
    ]
`,
      },
      lines: [9],
      fixes: [
        "from django.contrib.postgres.operations import AddConstraintNotValid\nAddConstraintNotValid(model_name=\"Order\", constraint=models.CheckConstraint(condition=models.Q(status__isnull=False), name=\"app_order_status_id_not_null\")),  # condition= is Django 5.1+: before 5.1 it is check=\n\n# then a new migration, app/migrations/0003_validate_app_order_status_id_not_null.py:\nfrom django.contrib.postgres.operations import ValidateConstraint\nfrom django.db import migrations, models\nimport app.fields\n\n\nclass Migration(migrations.Migration):\n    dependencies = [(\"app\", \"0002_case\")]\n\n    operations = [\n        ValidateConstraint(model_name=\"Order\", name=\"app_order_status_id_not_null\"),\n        # status is a relation: Django's AlterField would drop its FOREIGN KEY and add it back, checking every row under the lock; the state changes alone\n        migrations.SeparateDatabaseAndState(\n            database_operations=[\n                migrations.RunSQL(\n                    \"ALTER TABLE app_order ALTER COLUMN status_id SET NOT NULL\",\n                    reverse_sql=\"ALTER TABLE app_order ALTER COLUMN status_id DROP NOT NULL\",\n                ),\n            ],\n            state_operations=[\n                migrations.AlterField(model_name=\"order\", name=\"status\", field=app.fields.StatusField(on_delete=models.PROTECT, related_name=\"orders\", to=\"app.status\")),\n            ],\n        ),\n        migrations.RemoveConstraint(model_name=\"Order\", name=\"app_order_status_id_not_null\"),\n    ]",
      ],
    },
    {
      framework: "django",
      name: "AlterField from null=True to NOT NULL",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="order", name="quantity", field=models.IntegerField(default=1)),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8],
    },
    {
      framework: "django",
      name: "a later migration renames the model (app_order becomes app_purchase): the CHECK in place beside the AlterField in Django's state, and the new migration's RunSQL validates it and sets NOT NULL on the table as it is named at the head",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="order", name="quantity", field=models.IntegerField()),
    ]
`,
      files: { ...DJANGO_INITIAL, "app/migrations/0003_rename_order.py": `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("app", "0002_case")]\n\n    operations = [\n        migrations.RenameModel(old_name="Order", new_name="Purchase"),\n    ]\n` },
      lines: [8],
      fixes: [`migrations.SeparateDatabaseAndState(
    database_operations=[
        migrations.RunSQL(
            "ALTER TABLE app_order ADD CONSTRAINT app_order_quantity_not_null CHECK (quantity IS NOT NULL) NOT VALID",
            reverse_sql="ALTER TABLE app_order DROP CONSTRAINT app_order_quantity_not_null",
        ),
    ],
    state_operations=[
        migrations.AlterField(model_name="order", name="quantity", field=models.IntegerField()),
    ],
),

# then a new migration, app/migrations/0004_validate_app_order_quantity_not_null.py:
from django.db import migrations

class Migration(migrations.Migration):
    dependencies = [("app", "0003_rename_order")]

    operations = [
        migrations.RunSQL("ALTER TABLE app_purchase VALIDATE CONSTRAINT app_order_quantity_not_null", reverse_sql=migrations.RunSQL.noop),
        migrations.RunSQL("ALTER TABLE app_purchase ALTER COLUMN quantity SET NOT NULL", reverse_sql="ALTER TABLE app_purchase ALTER COLUMN quantity DROP NOT NULL"),
        migrations.RunSQL("ALTER TABLE app_purchase DROP CONSTRAINT app_order_quantity_not_null", reverse_sql="ALTER TABLE app_purchase ADD CONSTRAINT app_order_quantity_not_null CHECK (quantity IS NOT NULL) NOT VALID"),
    ]`],
    },
    {
      framework: "django",
      name: "a later migration deletes the model: no migration validates the CHECK at the head, where the table is gone, and the fix names the migration that drops it",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="order", name="quantity", field=models.IntegerField()),
    ]
`,
      files: { ...DJANGO_INITIAL, "app/migrations/0003_delete_order.py": `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("app", "0002_case")]\n\n    operations = [\n        migrations.DeleteModel(name="Order"),\n    ]\n` },
      lines: [8],
      fixes: [`from django.contrib.postgres.operations import AddConstraintNotValid
AddConstraintNotValid(model_name="Order", constraint=models.CheckConstraint(condition=models.Q(quantity__isnull=False), name="app_order_quantity_not_null")),  # condition= is Django 5.1+: before 5.1 it is check=
# no migration validates the CHECK or sets NOT NULL: later, app/migrations/0003_delete_order.py:8 drops table app_order, and quantity with it, so it is not there at the head of the history, where a new migration would run`],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "earlier migrations added CheckConstraint(Q(quantity__isnull=False)) NOT VALID and validated it: PostgreSQL 12+ reads the CHECK, no scan",
      path: "app/migrations/0004_quantity_not_null.py",
      code: QUANTITY_NOT_NULL("0003_validate_quantity_check"),
      files: quantityCheck(true),
    },
    {
      framework: "django",
      name: "a validated CHECK constraint first lets PostgreSQL 12+ skip the scan",
      code: `from django.contrib.postgres.operations import ValidateConstraint
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        ValidateConstraint(model_name="order", name="order_quantity_not_null"),
        migrations.AlterField(model_name="order", name="quantity", field=models.IntegerField(default=1)),
    ]
`,
      files: DJANGO_INITIAL,
    },
    {
      framework: "django",
      name: "making a column nullable",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AlterField(model_name="order", name="total", field=models.BigIntegerField(null=True))]
`,
      files: DJANGO_INITIAL,
    },
  ],
});

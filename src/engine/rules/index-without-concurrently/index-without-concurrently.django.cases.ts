import { DJANGO_ENGINE_SETTINGS, DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { HELM_CHART, OFFLINE_ENTRYPOINT } from "../../testing/deploy-fixtures.js";
import { defineCases } from "../support/rule.js";

/** nautobot's ipam 0001_initial_part_1 in small: Prefix and Role created empty, `initial = True` */
const IPAM_PART_1 = {
  "ipam/migrations/0001_initial_part_1.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(name="Role", fields=[("id", models.UUIDField(primary_key=True)), ("name", models.CharField(max_length=100))]),
        migrations.CreateModel(name="Prefix", fields=[("id", models.UUIDField(primary_key=True)), ("network", models.CharField(max_length=39))]),
    ]
`,
};

/** part 2 of the same app, `initial` as given, adding Prefix.role (a ForeignKey: Django indexes it) on line 12, after `between` */
const IPAM_PART_2 = (initial: string, between = "") => `from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    initial = ${initial}

    dependencies = [("ipam", "0001_initial_part_1")]

    operations = [${between}
        migrations.AddField(
            model_name="prefix",
            name="role",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="prefixes", to="ipam.role"),
        ),
    ]
`;

/** app's Order model extending `base`, with `imports` above it */
const ORDER_MODEL = (imports: string, base: string) => `from django.db import models\n${imports}\n\nclass Order(${base}):\n    number = models.CharField(max_length=200)\n`;

/** An index on app_order (number), line 8 */
const ORDER_INDEX = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddIndex(model_name="order", index=models.Index(fields=["number"], name="order_number_idx")),
    ]
`;

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "a project that also runs on SQLite (settings build ENGINE from DB_ENGINE, sqlite3 unless set): AddIndexConcurrently only on PostgreSQL, behind OnPostgreSQL; SQLite runs the AddIndex as written and never imports django.contrib.postgres",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddIndex(model_name="order", index=models.Index(fields=["number"], name="app_order_number_idx")),
    ]
`,
      files: { ...DJANGO_INITIAL, ...DJANGO_ENGINE_SETTINGS },
      lines: [8],
      messages: ["Creating index app_order_number_idx without CONCURRENTLY blocks writes to app_order while it builds. This concerns the PostgreSQL installations: the project also runs on SQLite."],
      fixes: ["# PostgreSQL's way on PostgreSQL only (connection.vendor), the operation as written on SQLite:\n# the migration becomes, app/migrations/0002_case.py:\nfrom django.db import migrations, models\n\n\nclass OnPostgreSQL(migrations.SeparateDatabaseAndState):\n    # PostgreSQL runs `postgresql`; SQLite and the other databases the project supports run `others`, the plain\n    # operations (Django's state follows them, or `state` when given: operations only PostgreSQL's way needs,\n    # which the others keep in the state alone). A name is a class of django.contrib.postgres.operations, imported\n    # on PostgreSQL only (it needs psycopg, which an install on another database may lack) and given the plain\n    # operation's arguments; without `postgresql`, PostgreSQL runs the state operations.\n    def __init__(self, postgresql=None, others=(), state=None, **options):\n        super().__init__(database_operations=list(others), state_operations=list(others if state is None else state))\n        self.postgresql, self.options = postgresql, options\n\n    def _postgresql(self):\n        if self.postgresql is None:\n            return migrations.SeparateDatabaseAndState(database_operations=self.state_operations)\n        if not isinstance(self.postgresql, str):\n            return self.postgresql\n        from importlib import import_module\n\n        operation = getattr(import_module(\"django.contrib.postgres.operations\"), self.postgresql)\n        if self.options:\n            return operation(**self.options)\n        _, args, kwargs = self.state_operations[0].deconstruct()\n        return operation(*args, **kwargs)\n\n    def _for(self, schema_editor):\n        if schema_editor.connection.vendor == \"postgresql\":\n            return migrations.SeparateDatabaseAndState(database_operations=[self._postgresql()])\n        return super()\n\n    def database_forwards(self, app_label, schema_editor, from_state, to_state):\n        self._for(schema_editor).database_forwards(app_label, schema_editor, from_state, to_state)\n\n    def database_backwards(self, app_label, schema_editor, from_state, to_state):\n        self._for(schema_editor).database_backwards(app_label, schema_editor, from_state, to_state)\n\n\nclass Migration(migrations.Migration):\n    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction\n    dependencies = [(\"app\", \"0001_initial\")]\n\n    operations = [\n        OnPostgreSQL(\"AddIndexConcurrently\", [migrations.AddIndex(model_name=\"order\", index=models.Index(fields=[\"number\"], name=\"app_order_number_idx\"))]),\n    ]"],
    },
    {
      framework: "django",
      name: "open-forms KadasterApiConfig: the model extends django-solo's SingletonModel, so its table holds one row: a note that says why",
      files: { ...DJANGO_INITIAL, "app/models.py": ORDER_MODEL("from solo.models import SingletonModel\n", "SingletonModel") },
      code: ORDER_INDEX,
      lines: [8],
      severities: ["info"],
      messages: ["Order (app/models.py) is a django-solo singleton (Order extends solo.models.SingletonModel): app_order holds one row, which get_solo() creates and no code adds to, so the lock is brief."],
    },
    {
      framework: "django",
      name: "a singleton through the project's own base in another app (core.models.ConfigBase extends solo.models.SingletonModel): a note",
      files: {
        ...DJANGO_INITIAL,
        "app/models.py": ORDER_MODEL("from core.models import ConfigBase\n", "ConfigBase"),
        "core/models.py": "from solo.models import SingletonModel\n\n\nclass ConfigBase(SingletonModel):\n    class Meta:\n        abstract = True\n",
      },
      code: ORDER_INDEX,
      lines: [8],
      severities: ["info"],
      messages: ["(Order extends ConfigBase extends solo.models.SingletonModel)"],
    },
    {
      framework: "django",
      name: "a plain model (models.Model): nothing says how many rows app_order holds, the error stays",
      files: { ...DJANGO_INITIAL, "app/models.py": ORDER_MODEL("", "models.Model") },
      code: ORDER_INDEX,
      lines: [8],
      severities: ["error"],
    },
    {
      framework: "django",
      name: "a base named SingletonModel that is not django-solo's (the project's own): the error stays",
      files: { ...DJANGO_INITIAL, "app/models.py": ORDER_MODEL("from app.base import SingletonModel\n", "SingletonModel") },
      code: ORDER_INDEX,
      lines: [8],
      severities: ["error"],
    },
    {
      framework: "django",
      name: "nautobot ipam 0002_initial_part_2: ipam_prefix was created empty by 0001_initial_part_1, both `initial = True` parts an install applies together: a note",
      path: "ipam/migrations/0002_initial_part_2.py",
      files: IPAM_PART_1,
      code: IPAM_PART_2("True"),
      lines: [11],
      severities: ["info"],
      messages: ["ipam_prefix was created by 0001_initial_part_1.py, an earlier `initial = True` migration of this app"],
    },
    {
      framework: "django",
      name: "a later migration that is not `initial`: ipam_prefix may have rows by then, the error stays",
      path: "ipam/migrations/0002_initial_part_2.py",
      files: IPAM_PART_1,
      code: IPAM_PART_2("False"),
      lines: [11],
      severities: ["error"],
    },
    {
      framework: "django",
      name: "an initial part that writes rows into ipam_prefix before the index: not empty any more, the error stays",
      path: "ipam/migrations/0002_initial_part_2.py",
      files: IPAM_PART_1,
      code: IPAM_PART_2("True", `
        migrations.RunSQL("INSERT INTO ipam_prefix (id, network) VALUES ('7d3c1f8e-3b0a-4c4e-9a53-4f0c9f6e2a11', '10.0.0.0/8')", migrations.RunSQL.noop),`),
      lines: [12],
      severities: ["error"],
    },
    {
      framework: "django",
      name: "kpi 0008: the comment right above the AddField says the model stays small: its db_index build is a note quoting it",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("project_ownership", "0007_transfer_status_error")]

    operations = [
        migrations.AlterModelOptions(name="transferstatuserror", options={"verbose_name": "log"}),
        # \`TransferStatusError\` stays small (garbage-collected with non-failed
        # invites), so the index build is fast enough for a regular migration.
        migrations.AddField(
            model_name="transferstatuserror",
            name="level",
            field=models.CharField(choices=[("error", "Error"), ("info", "Info")], db_index=True, default="error", max_length=7),
        ),
    ]
`,
      lines: [11],
      severities: ["info"],
      messages: ["Its author says the table is small: \"\`TransferStatusError\` stays small (garbage-collected with non-failed invites), so the index build is fast enough for a regular migration.\" (line 9)"],
    },
    {
      framework: "django",
      name: "the Migration's docstring says the table is small: every index build of the migration is a note",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    """The follower table is small: only a few rows per site."""

    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddIndex(model_name="follower", index=models.Index(fields=["user"], name="follower_user_idx")),
    ]
`,
      lines: [10],
      severities: ["info"],
      messages: ['Its author says the table is small: "The follower table is small: only a few rows per site." (line 5)'],
    },
    {
      framework: "django",
      name: "atomic = False: an AddIndex before the AddField of a NOT NULL field commits on its own, on the rows the table had",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddIndex(model_name="follower", index=models.Index(fields=["user"], name="follower_user_idx")),
        migrations.AddField(model_name="follower", name="scope", field=models.IntegerField()),
    ]
`,
      lines: [9],
    },
    {
      framework: "django",
      name: "a conditional UniqueConstraint is a partial unique index: the fix builds it with CREATE UNIQUE INDEX CONCURRENTLY ... WHERE (rendered from a Q of simple lookups, columns from the state) and keeps the constraint in Django's state, UNIQUE and condition both kept (Plane's project_public_members); a condition it cannot render says to copy the WHERE from sqlmigrate",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddConstraint(
            model_name="order",
            constraint=models.UniqueConstraint(
                fields=["customer", "number"],
                condition=models.Q(("note__isnull", True)),
                name="order_customer_number_open",
            ),
        ),
        migrations.AddConstraint(
            model_name="order",
            constraint=models.UniqueConstraint(fields=["reference"], condition=models.Q(quantity__gt=0), name="order_reference_positive"),
        ),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8, 16],
      fixes: ["# the migration becomes (without this migrations.AddConstraint; every other operation of this migration stays as written, in its transaction), app/migrations/0002_case.py:\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [(\"app\", \"0001_initial\")]\n\n    operations = [\n        migrations.AddConstraint(\n            model_name=\"order\",\n            constraint=models.UniqueConstraint(fields=[\"reference\"], condition=models.Q(quantity__gt=0), name=\"order_reference_positive\"),\n        ),\n    ]\n\n# then, in a new migration after it:\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction\n    dependencies = [(\"app\", \"0002_case\")]\n    operations = [\n        # a conditional UniqueConstraint is a partial unique index in PostgreSQL (not a table constraint):\n        # built CONCURRENTLY here, the constraint kept in Django's state\n        migrations.SeparateDatabaseAndState(\n            database_operations=[\n                migrations.RunSQL(\"DROP INDEX CONCURRENTLY IF EXISTS order_customer_number_open\", reverse_sql=migrations.RunSQL.noop),  # what a failed build left (INVALID)\n                migrations.RunSQL(\n                    \"CREATE UNIQUE INDEX CONCURRENTLY order_customer_number_open ON app_order (customer_id, number) WHERE \\\"note\\\" IS NULL\",\n                    reverse_sql=\"DROP INDEX CONCURRENTLY IF EXISTS order_customer_number_open\",\n                ),\n            ],\n            state_operations=[\n                migrations.AddConstraint(\n                    model_name=\"order\",\n                    constraint=models.UniqueConstraint(\n                        fields=[\"customer\", \"number\"],\n                        condition=models.Q((\"note__isnull\", True)),\n                        name=\"order_customer_number_open\",\n                    ),\n                ),\n            ],\n        ),\n    ]","# the migration becomes (without this migrations.AddConstraint; every other operation of this migration stays as written, in its transaction), app/migrations/0002_case.py:\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [(\"app\", \"0001_initial\")]\n\n    operations = [\n        migrations.AddConstraint(\n            model_name=\"order\",\n            constraint=models.UniqueConstraint(\n                fields=[\"customer\", \"number\"],\n                condition=models.Q((\"note__isnull\", True)),\n                name=\"order_customer_number_open\",\n            ),\n        ),\n    ]\n\n# then, in a new migration after it:\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction\n    dependencies = [(\"app\", \"0002_case\")]\n    operations = [\n        # a conditional UniqueConstraint is a partial unique index in PostgreSQL (not a table constraint):\n        # built CONCURRENTLY here, the constraint kept in Django's state\n        migrations.SeparateDatabaseAndState(\n            database_operations=[\n                # migguard could not render this constraint's condition= as SQL: copy the CREATE UNIQUE INDEX Django prints\n                # (python manage.py sqlmigrate app 0002_case), add CONCURRENTLY, and run it here with migrations.RunSQL(...,\n                # reverse_sql=\"DROP INDEX CONCURRENTLY IF EXISTS order_reference_positive\")\n            ],\n            state_operations=[\n                migrations.AddConstraint(\n                    model_name=\"order\",\n                    constraint=models.UniqueConstraint(fields=[\"reference\"], condition=models.Q(quantity__gt=0), name=\"order_reference_positive\"),\n                ),\n            ],\n        ),\n    ]"],
    },
    {
      framework: "django",
      name: "a UniqueConstraint with include=, opclasses=, nulls_distinct= and a condition: the concurrent build carries each as Django's schema editor writes it (INCLUDE with the fields' columns, each column's operator class, NULLS NOT DISTINCT, the WHERE); an include= set at run time is named in the comment instead of guessed",
      code: `from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddConstraint(
            model_name="order",
            constraint=models.UniqueConstraint(
                fields=["reference", "customer"],
                include=["total", "note"],
                opclasses=["varchar_pattern_ops", "int8_ops"],
                nulls_distinct=False,
                condition=models.Q(("quantity__isnull", False)),
                name="order_reference_customer_uniq",
            ),
        ),
        migrations.AddConstraint(
            model_name="order",
            constraint=models.UniqueConstraint(fields=["number"], include=settings.ORDER_COVERING, name="order_number_covering_uniq"),
        ),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [9, 20],
      fixes: ["# the migration becomes (without this migrations.AddConstraint; every other operation of this migration stays as written, in its transaction), app/migrations/0002_case.py:\nfrom django.conf import settings\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [(\"app\", \"0001_initial\")]\n\n    operations = [\n        migrations.AddConstraint(\n            model_name=\"order\",\n            constraint=models.UniqueConstraint(fields=[\"number\"], include=settings.ORDER_COVERING, name=\"order_number_covering_uniq\"),\n        ),\n    ]\n\n# then, in a new migration after it:\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction\n    dependencies = [(\"app\", \"0002_case\")]\n    operations = [\n        # a conditional UniqueConstraint is a partial unique index in PostgreSQL (not a table constraint):\n        # built CONCURRENTLY here, the constraint kept in Django's state\n        migrations.SeparateDatabaseAndState(\n            database_operations=[\n                migrations.RunSQL(\"DROP INDEX CONCURRENTLY IF EXISTS order_reference_customer_uniq\", reverse_sql=migrations.RunSQL.noop),  # what a failed build left (INVALID)\n                migrations.RunSQL(\n                    \"CREATE UNIQUE INDEX CONCURRENTLY order_reference_customer_uniq ON app_order (ref varchar_pattern_ops, customer_id int8_ops) INCLUDE (total, note) NULLS NOT DISTINCT WHERE \\\"quantity\\\" IS NOT NULL\",\n                    reverse_sql=\"DROP INDEX CONCURRENTLY IF EXISTS order_reference_customer_uniq\",\n                ),\n            ],\n            state_operations=[\n                migrations.AddConstraint(\n                    model_name=\"order\",\n                    constraint=models.UniqueConstraint(\n                        fields=[\"reference\", \"customer\"],\n                        include=[\"total\", \"note\"],\n                        opclasses=[\"varchar_pattern_ops\", \"int8_ops\"],\n                        nulls_distinct=False,\n                        condition=models.Q((\"quantity__isnull\", False)),\n                        name=\"order_reference_customer_uniq\",\n                    ),\n                ),\n            ],\n        ),\n    ]","# the migration becomes (without this migrations.AddConstraint; every other operation of this migration stays as written, in its transaction), app/migrations/0002_case.py:\nfrom django.conf import settings\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [(\"app\", \"0001_initial\")]\n\n    operations = [\n        migrations.AddConstraint(\n            model_name=\"order\",\n            constraint=models.UniqueConstraint(\n                fields=[\"reference\", \"customer\"],\n                include=[\"total\", \"note\"],\n                opclasses=[\"varchar_pattern_ops\", \"int8_ops\"],\n                nulls_distinct=False,\n                condition=models.Q((\"quantity__isnull\", False)),\n                name=\"order_reference_customer_uniq\",\n            ),\n        ),\n    ]\n\n# then, in a new migration after it:\nfrom django.conf import settings\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction\n    dependencies = [(\"app\", \"0002_case\")]\n    operations = [\n        # this UniqueConstraint is a unique index in PostgreSQL (not a table constraint):\n        # built CONCURRENTLY here, the constraint kept in Django's state\n        migrations.SeparateDatabaseAndState(\n            database_operations=[\n                # migguard could not render this constraint's include= as SQL: copy the CREATE UNIQUE INDEX Django prints\n                # (python manage.py sqlmigrate app 0002_case), add CONCURRENTLY, and run it here with migrations.RunSQL(...,\n                # reverse_sql=\"DROP INDEX CONCURRENTLY IF EXISTS order_number_covering_uniq\")\n            ],\n            state_operations=[\n                migrations.AddConstraint(\n                    model_name=\"order\",\n                    constraint=models.UniqueConstraint(fields=[\"number\"], include=settings.ORDER_COVERING, name=\"order_number_covering_uniq\"),\n                ),\n            ],\n        ),\n    ]"],
    },
    {
      framework: "django",
      name: "pontoon 0115: a UniqueConstraint on Lower(field) with a condition: the index key is rendered (lower(email)), and the new migration imports the module the constraint names (django.db.models.functions.text)",
      code: `import django.db.models.functions.text

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="customer",
            name="email",
            field=models.EmailField(max_length=254, null=True),
        ),
        migrations.AddConstraint(
            model_name="customer",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("email"),
                condition=models.Q(("email__isnull", False)),
                name="customer_email_lower_uniq",
            ),
        ),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [15],
      fixes: ["# the migration becomes (without this migrations.AddConstraint; every other operation of this migration stays as written, in its transaction), app/migrations/0002_case.py:\nimport django.db.models.functions.text\n\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [(\"app\", \"0001_initial\")]\n\n    operations = [\n        migrations.AlterField(\n            model_name=\"customer\",\n            name=\"email\",\n            field=models.EmailField(max_length=254, null=True),\n        ),\n    ]\n\n# then, in a new migration after it:\nimport django.db.models.functions.text\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction\n    dependencies = [(\"app\", \"0002_case\")]\n    operations = [\n        # a conditional UniqueConstraint is a partial unique index in PostgreSQL (not a table constraint):\n        # built CONCURRENTLY here, the constraint kept in Django's state\n        migrations.SeparateDatabaseAndState(\n            database_operations=[\n                migrations.RunSQL(\"DROP INDEX CONCURRENTLY IF EXISTS customer_email_lower_uniq\", reverse_sql=migrations.RunSQL.noop),  # what a failed build left (INVALID)\n                migrations.RunSQL(\n                    \"CREATE UNIQUE INDEX CONCURRENTLY customer_email_lower_uniq ON app_customer (lower(email)) WHERE \\\"email\\\" IS NOT NULL\",\n                    reverse_sql=\"DROP INDEX CONCURRENTLY IF EXISTS customer_email_lower_uniq\",\n                ),\n            ],\n            state_operations=[\n                migrations.AddConstraint(\n                    model_name=\"customer\",\n                    constraint=models.UniqueConstraint(\n                        django.db.models.functions.text.Lower(\"email\"),\n                        condition=models.Q((\"email__isnull\", False)),\n                        name=\"customer_email_lower_uniq\",\n                    ),\n                ),\n            ],\n        ),\n    ]"],
    },
    {
      framework: "django",
      name: "pontoon 0125: a UniqueConstraint on F(field) of a field AddField adds just before: the key is that column, no template",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="customer",
            name="role",
            field=models.CharField(blank=True, default=None, max_length=20, null=True),
        ),
        migrations.AddConstraint(
            model_name="customer",
            constraint=models.UniqueConstraint(
                models.F("role"),
                condition=models.Q(("role__isnull", False)),
                name="customer_role_uniq",
            ),
        ),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [13],
      fixes: ["# the migration becomes (without this migrations.AddConstraint; every other operation of this migration stays as written, in its transaction), app/migrations/0002_case.py:\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [(\"app\", \"0001_initial\")]\n\n    operations = [\n        migrations.AddField(\n            model_name=\"customer\",\n            name=\"role\",\n            field=models.CharField(blank=True, default=None, max_length=20, null=True),\n        ),\n    ]\n\n# then, in a new migration after it:\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction\n    dependencies = [(\"app\", \"0002_case\")]\n    operations = [\n        # a conditional UniqueConstraint is a partial unique index in PostgreSQL (not a table constraint):\n        # built CONCURRENTLY here, the constraint kept in Django's state\n        migrations.SeparateDatabaseAndState(\n            database_operations=[\n                migrations.RunSQL(\"DROP INDEX CONCURRENTLY IF EXISTS customer_role_uniq\", reverse_sql=migrations.RunSQL.noop),  # what a failed build left (INVALID)\n                migrations.RunSQL(\n                    \"CREATE UNIQUE INDEX CONCURRENTLY customer_role_uniq ON app_customer (role) WHERE \\\"role\\\" IS NOT NULL\",\n                    reverse_sql=\"DROP INDEX CONCURRENTLY IF EXISTS customer_role_uniq\",\n                ),\n            ],\n            state_operations=[\n                migrations.AddConstraint(\n                    model_name=\"customer\",\n                    constraint=models.UniqueConstraint(\n                        models.F(\"role\"),\n                        condition=models.Q((\"role__isnull\", False)),\n                        name=\"customer_role_uniq\",\n                    ),\n                ),\n            ],\n        ),\n    ]"],
    },
    {
      framework: "django",
      name: "AddField with default= fills the existing rows (a temporary database default): the table may hold rows",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="follower", name="scope", field=models.IntegerField(default=0)),
        migrations.AddIndex(model_name="follower", index=models.Index(fields=["scope"], name="follower_scope_idx")),
    ]
`,
      lines: [9],
    },
    {
      framework: "django",
      name: "in a squashed migration (`replaces`) only a note: Django runs it only on a database that applied none of the migrations it replaces",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]

    replaces = [("shop", "0002_order_email"), ("shop", "0003_order_email_index")]

    operations = [
        migrations.AddField(model_name="order", name="email", field=models.EmailField(max_length=254, null=True, db_index=True)),
    ]
`,
      path: "shop/migrations/0002_squashed_0003.py",
      lines: [10],
    },
    {
      framework: "django",
      name: "docs 0010: a ForeignKey added beside an AlterField of another model's choices (no operation in migguard's model, still an operation of the file): the migration becomes itself without the index, its dependencies and the AlterField kept in order, and the concurrent build goes to a new migration depending on it by name",
      path: "core/migrations/0010_add_field_creator_to_order.py",
      code: `import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0009_add_document_favorite"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="order",
            name="creator",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.RESTRICT,
                related_name="orders_created",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="customer",
            name="email",
            field=models.EmailField(max_length=254, help_text="where receipts go"),
        ),
    ]
`,
      files: Object.fromEntries(Object.entries(DJANGO_INITIAL).map(([path, text]) => [path.replace(/^app\//, "core/").replace("0001_initial", "0009_add_document_favorite"), text])),
      lines: [13],
      fixes: ["# the migration becomes (this migrations.AddField builds no index; every other operation of this migration stays as written, in its transaction), core/migrations/0010_add_field_creator_to_order.py:\nimport django.db.models.deletion\nfrom django.conf import settings\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [\n        (\"core\", \"0009_add_document_favorite\"),\n        migrations.swappable_dependency(settings.AUTH_USER_MODEL),\n    ]\n\n    operations = [\n        # in the model too: db_index=False on creator, and the index in Meta.indexes\n        migrations.AddField(\n            model_name=\"order\",\n            name=\"creator\",\n            field=models.ForeignKey(\n                null=True,\n                on_delete=django.db.models.deletion.RESTRICT,\n                related_name=\"orders_created\",\n                to=settings.AUTH_USER_MODEL, db_index=False,\n            ),\n        ),\n        migrations.AlterField(\n            model_name=\"customer\",\n            name=\"email\",\n            field=models.EmailField(max_length=254, help_text=\"where receipts go\"),\n        ),\n    ]\n\n# then, in a new migration after it:\nfrom django.contrib.postgres.operations import AddIndexConcurrently\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction\n    dependencies = [(\"core\", \"0010_add_field_creator_to_order\")]\n    operations = [\n        AddIndexConcurrently(model_name=\"Order\", index=models.Index(fields=[\"creator\"], name=\"core_order_creator_id_idx\")),\n    ]"],
    },
    {
      framework: "django",
      name: "AddIndex on an existing table, alone in its migration: the fix is the whole migration, non-atomic, its dependencies kept (a class without them would be a second leaf node)",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddIndex(
            model_name="order",
            index=models.Index(fields=["customer", "-number"], name="order_customer_number_idx"),
        ),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8],
      fixes: ["# the migration becomes, app/migrations/0002_case.py:\nfrom django.db import migrations, models\nfrom django.contrib.postgres.operations import AddIndexConcurrently\n\n\nclass Migration(migrations.Migration):\n    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction\n    dependencies = [(\"app\", \"0001_initial\")]\n\n    operations = [\n        AddIndexConcurrently(\n            model_name=\"order\",\n            index=models.Index(fields=[\"customer\", \"-number\"], name=\"order_customer_number_idx\"),\n        ),\n    ]"],
    },
    {
      framework: "django",
      name: "the app has later migrations in the repository (0003 after the reviewed 0002): the new migration depends on the app's newest leaf, not on 0002, which would make a second leaf node and `migrate` refuse (conflicting leaf nodes)",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="reference", field=models.CharField(max_length=20, null=True)),
        migrations.AddIndex(model_name="order", index=models.Index(fields=["number"], name="order_number_idx")),
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
      fixes: ["# the migration becomes (without this migrations.AddIndex; every other operation of this migration stays as written, in its transaction), app/migrations/0002_case.py:\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [(\"app\", \"0001_initial\")]\n\n    operations = [\n        migrations.AddField(model_name=\"order\", name=\"reference\", field=models.CharField(max_length=20, null=True)),\n    ]\n\n# then, in a new migration after the app's newest (0003_order_memo):\nfrom django.contrib.postgres.operations import AddIndexConcurrently\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction\n    dependencies = [(\"app\", \"0003_order_memo\")]\n    operations = [\n        AddIndexConcurrently(model_name=\"order\", index=models.Index(fields=[\"number\"], name=\"order_number_idx\")),\n    ]"],
    },
    {
      framework: "django",
      name: "AddField with db_index=True, and a ForeignKey (indexed by default): the fix's field says db_index=False, which a ForeignKey needs explicitly, while AddIndexConcurrently builds the index",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="placed_at", field=models.DateTimeField(null=True, db_index=True)),
        migrations.AddField(
            model_name="order",
            name="invoice",
            field=models.ForeignKey(null=True, on_delete=models.SET_NULL, to="app.legacyinvoice"),
        ),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8, 9],
      fixes: ["# the migration becomes (this migrations.AddField builds no index; every other operation of this migration stays as written, in its transaction), app/migrations/0002_case.py:\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [(\"app\", \"0001_initial\")]\n\n    operations = [\n        # in the model too: db_index=False on placed_at, and the index in Meta.indexes\n        migrations.AddField(model_name=\"order\", name=\"placed_at\", field=models.DateTimeField(null=True, db_index=False)),\n        migrations.AddField(\n            model_name=\"order\",\n            name=\"invoice\",\n            field=models.ForeignKey(null=True, on_delete=models.SET_NULL, to=\"app.legacyinvoice\"),\n        ),\n    ]\n\n# then, in a new migration after it:\nfrom django.contrib.postgres.operations import AddIndexConcurrently\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction\n    dependencies = [(\"app\", \"0002_case\")]\n    operations = [\n        AddIndexConcurrently(model_name=\"Order\", index=models.Index(fields=[\"placed_at\"], name=\"app_order_placed_at_idx\")),\n    ]","# the migration becomes (this migrations.AddField builds no index; every other operation of this migration stays as written, in its transaction), app/migrations/0002_case.py:\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [(\"app\", \"0001_initial\")]\n\n    operations = [\n        migrations.AddField(model_name=\"order\", name=\"placed_at\", field=models.DateTimeField(null=True, db_index=True)),\n        # in the model too: db_index=False on invoice, and the index in Meta.indexes\n        migrations.AddField(\n            model_name=\"order\",\n            name=\"invoice\",\n            field=models.ForeignKey(null=True, on_delete=models.SET_NULL, to=\"app.legacyinvoice\", db_index=False),\n        ),\n    ]\n\n# then, in a new migration after it:\nfrom django.contrib.postgres.operations import AddIndexConcurrently\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction\n    dependencies = [(\"app\", \"0002_case\")]\n    operations = [\n        AddIndexConcurrently(model_name=\"Order\", index=models.Index(fields=[\"invoice\"], name=\"app_order_invoice_id_idx\")),\n    ]"],
    },
    {
      framework: "django",
      name: "an indexed field beside other operations (an AlterUniqueTogether, an AddIndex, a RunSQL): they stay in this migration, in its transaction, and only the concurrent build moves to a new non-atomic migration that depends on it, so none of the migration's work is lost (Flagsmith features 0017, segments 0023)",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="order",
            name="invoice",
            field=models.ForeignKey(null=True, on_delete=models.SET_NULL, to="app.legacyinvoice"),
        ),
        migrations.AlterUniqueTogether(name="order", unique_together={("number", "customer", "invoice")}),
        migrations.AddIndex(model_name="order", index=models.Index(fields=["quantity"], name="order_quantity_idx")),
        migrations.RunSQL("CREATE INDEX order_note_idx ON app_order (note)", reverse_sql="DROP INDEX order_note_idx"),
        migrations.RunSQL("UPDATE app_order SET quantity = 0 WHERE quantity IS NULL", reverse_sql=migrations.RunSQL.noop),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8, 14, 15],
      fixes: ["# the migration becomes (this migrations.AddField builds no index; every other operation of this migration stays as written, in its transaction), app/migrations/0002_case.py:\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [(\"app\", \"0001_initial\")]\n\n    operations = [\n        # in the model too: db_index=False on invoice, and the index in Meta.indexes\n        migrations.AddField(\n            model_name=\"order\",\n            name=\"invoice\",\n            field=models.ForeignKey(null=True, on_delete=models.SET_NULL, to=\"app.legacyinvoice\", db_index=False),\n        ),\n        migrations.AlterUniqueTogether(name=\"order\", unique_together={(\"number\", \"customer\", \"invoice\")}),\n        migrations.AddIndex(model_name=\"order\", index=models.Index(fields=[\"quantity\"], name=\"order_quantity_idx\")),\n        migrations.RunSQL(\"CREATE INDEX order_note_idx ON app_order (note)\", reverse_sql=\"DROP INDEX order_note_idx\"),\n        migrations.RunSQL(\"UPDATE app_order SET quantity = 0 WHERE quantity IS NULL\", reverse_sql=migrations.RunSQL.noop),\n    ]\n\n# then, in a new migration after it:\nfrom django.contrib.postgres.operations import AddIndexConcurrently\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction\n    dependencies = [(\"app\", \"0002_case\")]\n    operations = [\n        AddIndexConcurrently(model_name=\"Order\", index=models.Index(fields=[\"invoice\"], name=\"app_order_invoice_id_idx\")),\n    ]","# the migration becomes (without this migrations.AddIndex; every other operation of this migration stays as written, in its transaction), app/migrations/0002_case.py:\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [(\"app\", \"0001_initial\")]\n\n    operations = [\n        migrations.AddField(\n            model_name=\"order\",\n            name=\"invoice\",\n            field=models.ForeignKey(null=True, on_delete=models.SET_NULL, to=\"app.legacyinvoice\"),\n        ),\n        migrations.AlterUniqueTogether(name=\"order\", unique_together={(\"number\", \"customer\", \"invoice\")}),\n        migrations.RunSQL(\"CREATE INDEX order_note_idx ON app_order (note)\", reverse_sql=\"DROP INDEX order_note_idx\"),\n        migrations.RunSQL(\"UPDATE app_order SET quantity = 0 WHERE quantity IS NULL\", reverse_sql=migrations.RunSQL.noop),\n    ]\n\n# then, in a new migration after it:\nfrom django.contrib.postgres.operations import AddIndexConcurrently\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction\n    dependencies = [(\"app\", \"0002_case\")]\n    operations = [\n        AddIndexConcurrently(model_name=\"order\", index=models.Index(fields=[\"quantity\"], name=\"order_quantity_idx\")),\n    ]","# take this CREATE INDEX out of the migration (out of its RunSQL); every other operation of this migration stays as written, in its transaction\n\n# then, in a new migration after it:\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction\n    dependencies = [(\"app\", \"0002_case\")]\n    operations = [\n        migrations.RunSQL(\n            \"CREATE INDEX CONCURRENTLY order_note_idx ON app_order (note)\",\n            reverse_sql=\"DROP INDEX CONCURRENTLY IF EXISTS order_note_idx\",\n        ),\n    ]"],
    },
    {
      framework: "django",
      name: "an offline deploy (the image's entrypoint runs manage.py migrate, then the server): no traffic waits on the lock, so the finding is a note about downtime",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AddIndex(model_name="order", index=models.Index(fields=["number"], name="order_number_idx"))]
`,
      files: { ...DJANGO_INITIAL, ...OFFLINE_ENTRYPOINT },
      lines: [7],
      severities: ["info"],
    },
    {
      framework: "django",
      name: "the same entrypoint beside a Helm chart: Kubernetes rolls new pods in beside the old ones, so the lock blocks traffic",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AddIndex(model_name="order", index=models.Index(fields=["number"], name="order_number_idx"))]
`,
      files: { ...DJANGO_INITIAL, ...OFFLINE_ENTRYPOINT, ...HELM_CHART },
      lines: [7],
      severities: ["error"],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "AddIndex before an AddField of a NOT NULL field without a default, in the atomic migration: it only commits on an empty table",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddIndex(model_name="follower", index=models.Index(fields=["user"], name="follower_user_idx")),
        migrations.AddField(model_name="follower", name="scope", field=models.IntegerField()),
    ]
`,
    },
    {
      framework: "django",
      name: "the split done: this migration adds the key without its index (db_index=False) beside its other operations, the next one, non-atomic and depending on it, builds the index with AddIndexConcurrently",
      code: `from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("app", "0002_order_invoice")]

    operations = [
        AddIndexConcurrently(model_name="order", index=models.Index(fields=["invoice"], name="app_order_invoice_id_idx")),
    ]
`,
      files: {
        ...DJANGO_INITIAL,
        "app/migrations/0002_order_invoice.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="order",
            name="invoice",
            field=models.ForeignKey(null=True, on_delete=models.SET_NULL, to="app.legacyinvoice", db_index=False),
        ),
        migrations.AlterUniqueTogether(name="order", unique_together={("number", "customer", "invoice")}),
    ]
`,
      },
      path: "app/migrations/0003_order_invoice_index.py",
    },
    {
      framework: "django",
      name: "AddField of a NOT NULL field without a default first: it fails on a table with rows, so the index builds on an empty table",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="follower", name="scope", field=models.IntegerField()),
        migrations.AddIndex(model_name="follower", index=models.Index(fields=["scope"], name="follower_scope_idx")),
    ]
`,
    },
    {
      framework: "django",
      name: "AddIndexConcurrently in a non-atomic migration",
      code: `from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("app", "0001_initial")]

    operations = [
        AddIndexConcurrently(model_name="order", index=models.Index(fields=["number"], name="order_number_idx")),
    ]
`,
      files: DJANGO_INITIAL,
    },
    {
      framework: "django",
      name: "indexes of a model created in the same migration",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.CreateModel(name="Refund", fields=[("id", models.BigAutoField(primary_key=True)), ("reason", models.TextField())]),
        migrations.AddIndex(model_name="refund", index=models.Index(fields=["reason"], name="refund_reason_idx")),
        migrations.AddField(model_name="refund", name="order", field=models.ForeignKey(on_delete=models.CASCADE, to="app.order")),
    ]
`,
      files: DJANGO_INITIAL,
    },
  ],
});

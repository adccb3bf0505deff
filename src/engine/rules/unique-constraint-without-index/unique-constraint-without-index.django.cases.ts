import { GRADE_DOCUMENT_INITIAL, GRADE_DOCUMENT_RENAME } from "../../testing/python-fixtures.js";
import { DJANGO_ENGINE_SETTINGS, DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

/** A unique constraint on app_order, whose Order model has a ForeignKey to Customer (ORDER_MODELS). */
const ORDER_UNIQUE = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddConstraint(model_name="order", constraint=models.UniqueConstraint(fields=("customer", "reference"), name="app_order_customer_ref")),
    ]
`;
/** The app's models as DJANGO_INITIAL creates them, Order's ForeignKey given `relatedName` (`related_name="orders"`, or none). */
const ORDER_MODELS = (relatedName: string) => `from django.db import models


class Customer(models.Model):
    email = models.EmailField(max_length=254)


class Order(models.Model):
    number = models.CharField(max_length=200)
    total = models.BigIntegerField()
    reference = models.CharField(max_length=40, db_column="ref")
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE${relatedName ? `, ${relatedName}` : ""})
`;
/** Code that only reads orders. */
const ORDER_READS = "from app.models import Order\n\n\ndef orders_of(customer):\n    return Order.objects.filter(customer=customer)\n";

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "unique=True after an AddField on the same model in the atomic migration: the ADD COLUMN's ACCESS EXCLUSIVE lock is held for the whole build",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="customer", name="nickname", field=models.CharField(max_length=40, null=True)),
        migrations.AlterField(model_name="customer", name="email", field=models.EmailField(max_length=254, unique=True)),
    ]
`,
      files: { ...DJANGO_INITIAL },
      lines: [9],
      severities: ["error"],
      messages: ["Adding UNIQUE (email) to app_customer builds an index while the table is locked against reads and writes. Line 8's ADD COLUMN nickname already holds ACCESS EXCLUSIVE on app_customer until commit, so this build keeps that lock, and the table closed to reads and writes, for its whole duration; building the unique index CONCURRENTLY outside this transaction and attaching it with USING INDEX lets line 8 commit at once."],
    },
    {
      framework: "django",
      name: "a Wagtail generic setting (Customer extends BaseGenericSetting: one row, which load() creates): the unique index builds at once, a note that says why",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="customer", name="email", field=models.EmailField(max_length=254, unique=True)),
    ]
`,
      files: {
        ...DJANGO_INITIAL,
        "app/models.py": "from django.db import models\nfrom wagtail.contrib.settings.models import BaseGenericSetting\n\n\nclass Customer(BaseGenericSetting):\n    email = models.EmailField(max_length=254, unique=True)\n",
      },
      lines: [8],
      severities: ["info"],
      messages: ["Customer (app/models.py) is a Wagtail generic setting (Customer extends wagtail.contrib.settings.models.BaseGenericSetting): app_customer holds one row, which load() creates and no code adds to, so the lock is brief."],
    },
    {
      framework: "django",
      name: "a model with a ForeignKey whose reverse manager (customer.orders) no code calls to create, nor any other code creates Order rows: app_order is filled by hand, a note that says why",
      code: ORDER_UNIQUE,
      files: { ...DJANGO_INITIAL, "app/models.py": ORDER_MODELS('related_name="orders"'), "app/views.py": ORDER_READS },
      lines: [8],
      severities: ["info"],
      messages: ["Nothing in the application's code creates rows of Order (app/models.py) outside migrations, seeds and tests, nor through a relation: app_order holds the rows people or setup put there, so the lock is brief."],
    },
    {
      framework: "django",
      name: "the same model whose rows code creates through the relation's reverse manager (customer.orders.create): the error stays",
      code: ORDER_UNIQUE,
      files: { ...DJANGO_INITIAL, "app/models.py": ORDER_MODELS('related_name="orders"'), "app/views.py": `${ORDER_READS}\n\ndef reorder(customer):\n    return customer.orders.create(number="1", total=0, reference="r")\n` },
      lines: [8],
      severities: ["error"],
    },
    {
      framework: "django",
      name: "a ForeignKey without related_name: Django's default reverse manager (customer.order_set.create) creates Order rows, the error stays",
      code: ORDER_UNIQUE,
      files: { ...DJANGO_INITIAL, "app/models.py": ORDER_MODELS(""), "app/views.py": `${ORDER_READS}\n\ndef reorder(customer):\n    return customer.order_set.create(number="1", total=0, reference="r")\n` },
      lines: [8],
      severities: ["error"],
    },
    {
      framework: "django",
      name: "a ForeignKey whose related_name is built at run time (%(class)s): its reverse manager cannot be followed, the error stays",
      code: ORDER_UNIQUE,
      files: { ...DJANGO_INITIAL, "app/models.py": ORDER_MODELS('related_name="%(class)s_orders"'), "app/views.py": ORDER_READS },
      lines: [8],
      severities: ["error"],
    },
    {
      framework: "django",
      name: "a project that also runs on SQLite (settings build ENGINE from DB_ENGINE): the prebuilt index and ADD CONSTRAINT USING INDEX on PostgreSQL only; SQLite runs the state's AlterField, the operation as written",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="customer", name="email", field=models.EmailField(max_length=254, unique=True)),
    ]
`,
      files: { ...DJANGO_INITIAL, ...DJANGO_ENGINE_SETTINGS },
      lines: [8],
      messages: ["Adding UNIQUE (email) to app_customer builds an index while the table is locked against reads and writes. This concerns the PostgreSQL installations: the project also runs on SQLite."],
      fixes: ["# PostgreSQL's way on PostgreSQL only (connection.vendor), the operation as written on SQLite:\n# with atomic = False on the Migration (CREATE INDEX CONCURRENTLY cannot run in a transaction):\n# in the migration file, before its operations (beside `from django.db import migrations`):\nclass OnPostgreSQL(migrations.SeparateDatabaseAndState):\n    # PostgreSQL runs `postgresql`; SQLite and the other databases the project supports run `others`, the plain\n    # operations (Django's state follows them, or `state` when given: operations only PostgreSQL's way needs,\n    # which the others keep in the state alone). A name is a class of django.contrib.postgres.operations, imported\n    # on PostgreSQL only (it needs psycopg, which an install on another database may lack) and given the plain\n    # operation's arguments; without `postgresql`, PostgreSQL runs the state operations.\n    def __init__(self, postgresql=None, others=(), state=None, **options):\n        super().__init__(database_operations=list(others), state_operations=list(others if state is None else state))\n        self.postgresql, self.options = postgresql, options\n\n    def _postgresql(self):\n        if self.postgresql is None:\n            return migrations.SeparateDatabaseAndState(database_operations=self.state_operations)\n        if not isinstance(self.postgresql, str):\n            return self.postgresql\n        from importlib import import_module\n\n        operation = getattr(import_module(\"django.contrib.postgres.operations\"), self.postgresql)\n        if self.options:\n            return operation(**self.options)\n        _, args, kwargs = self.state_operations[0].deconstruct()\n        return operation(*args, **kwargs)\n\n    def _for(self, schema_editor):\n        if schema_editor.connection.vendor == \"postgresql\":\n            return migrations.SeparateDatabaseAndState(database_operations=[self._postgresql()])\n        return super()\n\n    def database_forwards(self, app_label, schema_editor, from_state, to_state):\n        self._for(schema_editor).database_forwards(app_label, schema_editor, from_state, to_state)\n\n    def database_backwards(self, app_label, schema_editor, from_state, to_state):\n        self._for(schema_editor).database_backwards(app_label, schema_editor, from_state, to_state)\n\n\nOnPostgreSQL(migrations.SeparateDatabaseAndState(\n    database_operations=[\n        migrations.RunSQL(\n            \"CREATE UNIQUE INDEX CONCURRENTLY app_customer_email_key ON app_customer (email)\",\n            reverse_sql=\"DROP INDEX CONCURRENTLY IF EXISTS app_customer_email_key\",\n        ),\n        migrations.RunSQL(\n            \"ALTER TABLE app_customer ADD CONSTRAINT app_customer_email_key UNIQUE USING INDEX app_customer_email_key\",\n            reverse_sql=\"ALTER TABLE app_customer DROP CONSTRAINT app_customer_email_key\",\n        ),\n    ],\n    state_operations=[\n        migrations.AlterField(model_name=\"customer\", name=\"email\", field=models.EmailField(max_length=254, unique=True)),\n    ],\n), [migrations.AlterField(model_name=\"customer\", name=\"email\", field=models.EmailField(max_length=254, unique=True))]),"],
    },
    {
      framework: "django",
      name: "a UniqueConstraint over a ForeignKey subclass (mptt's TreeForeignKey): the index names its column parent_id, as Django does",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddConstraint(
            model_name="role",
            constraint=models.UniqueConstraint(fields=("parent", "name"), name="app_role_parent_name"),
        ),
    ]
`,
      files: {
        "app/migrations/0001_initial.py": `import mptt.fields
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    operations = [
        migrations.CreateModel(
            name="Role",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("name", models.CharField(max_length=100)),
                ("parent", mptt.fields.TreeForeignKey(null=True, on_delete=models.CASCADE, related_name="children", to="app.role")),
            ],
        ),
    ]
`,
      },
      lines: [8],
      fixes: [
        [
          "# with atomic = False on the Migration (CREATE INDEX CONCURRENTLY cannot run in a transaction):",
          "migrations.SeparateDatabaseAndState(",
          "    database_operations=[",
          "        migrations.RunSQL(",
          "            \"CREATE UNIQUE INDEX CONCURRENTLY app_role_parent_id_name_key ON app_role (parent_id, name)\",",
          "            reverse_sql=\"DROP INDEX CONCURRENTLY IF EXISTS app_role_parent_id_name_key\",",
          "        ),",
          "        migrations.RunSQL(",
          "            \"ALTER TABLE app_role ADD CONSTRAINT app_role_parent_name UNIQUE USING INDEX app_role_parent_id_name_key\",",
          "            reverse_sql=\"ALTER TABLE app_role DROP CONSTRAINT app_role_parent_name\",",
          "        ),",
          "    ],",
          "    state_operations=[",
          "        migrations.AddConstraint(",
          "            model_name=\"role\",",
          "            constraint=models.UniqueConstraint(fields=(\"parent\", \"name\"), name=\"app_role_parent_name\"),",
          "        ),",
          "    ],",
          "),",
        ].join("\n"),
      ],
    },
    {
      framework: "django",
      name: "a UniqueConstraint deferrable=Deferrable.DEFERRED: the attach keeps DEFERRABLE INITIALLY DEFERRED, as Django would have created it",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddConstraint(
            model_name="order",
            constraint=models.UniqueConstraint(fields=["customer", "number"], name="order_customer_number_uniq", deferrable=models.Deferrable.DEFERRED),
        ),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8],
      fixes: ["# with atomic = False on the Migration (CREATE INDEX CONCURRENTLY cannot run in a transaction):\nmigrations.SeparateDatabaseAndState(\n    database_operations=[\n        migrations.RunSQL(\n            \"CREATE UNIQUE INDEX CONCURRENTLY app_order_customer_id_number_key ON app_order (customer_id, number)\",\n            reverse_sql=\"DROP INDEX CONCURRENTLY IF EXISTS app_order_customer_id_number_key\",\n        ),\n        migrations.RunSQL(\n            \"ALTER TABLE app_order ADD CONSTRAINT order_customer_number_uniq UNIQUE USING INDEX app_order_customer_id_number_key DEFERRABLE INITIALLY DEFERRED\",\n            reverse_sql=\"ALTER TABLE app_order DROP CONSTRAINT order_customer_number_uniq\",\n        ),\n    ],\n    state_operations=[\n        migrations.AddConstraint(\n            model_name=\"order\",\n            constraint=models.UniqueConstraint(fields=[\"customer\", \"number\"], name=\"order_customer_number_uniq\", deferrable=models.Deferrable.DEFERRED),\n        ),\n    ],\n),"],
    },
    {
      framework: "django",
      name: "a UniqueConstraint nulls_distinct=False (Django 5.0+): the concurrently built index is NULLS NOT DISTINCT, as Django's ADD CONSTRAINT ... UNIQUE NULLS NOT DISTINCT would be, and the constraint attached to it takes that from the index; a nulls_distinct= set at run time is said, not guessed",
      code: `from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddConstraint(
            model_name="order",
            constraint=models.UniqueConstraint(fields=["customer", "quantity"], name="order_customer_quantity_uniq", nulls_distinct=False),
        ),
        migrations.AddConstraint(
            model_name="order",
            constraint=models.UniqueConstraint(fields=["note"], name="order_note_uniq", nulls_distinct=settings.NOTES_NULLS_DISTINCT),
        ),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [9, 13],
      fixes: ["# with atomic = False on the Migration (CREATE INDEX CONCURRENTLY cannot run in a transaction):\nmigrations.SeparateDatabaseAndState(\n    database_operations=[\n        migrations.RunSQL(\n            \"CREATE UNIQUE INDEX CONCURRENTLY app_order_customer_id_quantity_key ON app_order (customer_id, quantity) NULLS NOT DISTINCT\",\n            reverse_sql=\"DROP INDEX CONCURRENTLY IF EXISTS app_order_customer_id_quantity_key\",\n        ),\n        migrations.RunSQL(\n            \"ALTER TABLE app_order ADD CONSTRAINT order_customer_quantity_uniq UNIQUE USING INDEX app_order_customer_id_quantity_key\",\n            reverse_sql=\"ALTER TABLE app_order DROP CONSTRAINT order_customer_quantity_uniq\",\n        ),\n    ],\n    state_operations=[\n        migrations.AddConstraint(\n            model_name=\"order\",\n            constraint=models.UniqueConstraint(fields=[\"customer\", \"quantity\"], name=\"order_customer_quantity_uniq\", nulls_distinct=False),\n        ),\n    ],\n),","# with atomic = False on the Migration (CREATE INDEX CONCURRENTLY cannot run in a transaction):\nmigrations.SeparateDatabaseAndState(\n    database_operations=[\n        # nulls_distinct= is set at run time: migguard could not read it; with False, add NULLS NOT DISTINCT after the columns of the CREATE UNIQUE INDEX below\n        migrations.RunSQL(\n            \"CREATE UNIQUE INDEX CONCURRENTLY app_order_note_key ON app_order (note)\",\n            reverse_sql=\"DROP INDEX CONCURRENTLY IF EXISTS app_order_note_key\",\n        ),\n        migrations.RunSQL(\n            \"ALTER TABLE app_order ADD CONSTRAINT order_note_uniq UNIQUE USING INDEX app_order_note_key\",\n            reverse_sql=\"ALTER TABLE app_order DROP CONSTRAINT order_note_uniq\",\n        ),\n    ],\n    state_operations=[\n        migrations.AddConstraint(\n            model_name=\"order\",\n            constraint=models.UniqueConstraint(fields=[\"note\"], name=\"order_note_uniq\", nulls_distinct=settings.NOTES_NULLS_DISTINCT),\n        ),\n    ],\n),"],
    },
    {
      framework: "django",
      name: "the same UniqueConstraints on PostgreSQL 14: Django ignores nulls_distinct= before 15 (its check W047), so the concurrently built index has no NULLS clause, nor a comment about the one set at run time",
      code: `from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddConstraint(
            model_name="order",
            constraint=models.UniqueConstraint(fields=["customer", "quantity"], name="order_customer_quantity_uniq", nulls_distinct=False),
        ),
        migrations.AddConstraint(
            model_name="order",
            constraint=models.UniqueConstraint(fields=["note"], name="order_note_uniq", nulls_distinct=settings.NOTES_NULLS_DISTINCT),
        ),
    ]
`,
      files: DJANGO_INITIAL,
      config: { postgres_version: 14 },
      lines: [9, 13],
      fixes: ["# with atomic = False on the Migration (CREATE INDEX CONCURRENTLY cannot run in a transaction):\nmigrations.SeparateDatabaseAndState(\n    database_operations=[\n        migrations.RunSQL(\n            \"CREATE UNIQUE INDEX CONCURRENTLY app_order_customer_id_quantity_key ON app_order (customer_id, quantity)\",\n            reverse_sql=\"DROP INDEX CONCURRENTLY IF EXISTS app_order_customer_id_quantity_key\",\n        ),\n        migrations.RunSQL(\n            \"ALTER TABLE app_order ADD CONSTRAINT order_customer_quantity_uniq UNIQUE USING INDEX app_order_customer_id_quantity_key\",\n            reverse_sql=\"ALTER TABLE app_order DROP CONSTRAINT order_customer_quantity_uniq\",\n        ),\n    ],\n    state_operations=[\n        migrations.AddConstraint(\n            model_name=\"order\",\n            constraint=models.UniqueConstraint(fields=[\"customer\", \"quantity\"], name=\"order_customer_quantity_uniq\", nulls_distinct=False),\n        ),\n    ],\n),","# with atomic = False on the Migration (CREATE INDEX CONCURRENTLY cannot run in a transaction):\nmigrations.SeparateDatabaseAndState(\n    database_operations=[\n        migrations.RunSQL(\n            \"CREATE UNIQUE INDEX CONCURRENTLY app_order_note_key ON app_order (note)\",\n            reverse_sql=\"DROP INDEX CONCURRENTLY IF EXISTS app_order_note_key\",\n        ),\n        migrations.RunSQL(\n            \"ALTER TABLE app_order ADD CONSTRAINT order_note_uniq UNIQUE USING INDEX app_order_note_key\",\n            reverse_sql=\"ALTER TABLE app_order DROP CONSTRAINT order_note_uniq\",\n        ),\n    ],\n    state_operations=[\n        migrations.AddConstraint(\n            model_name=\"order\",\n            constraint=models.UniqueConstraint(fields=[\"note\"], name=\"order_note_uniq\", nulls_distinct=settings.NOTES_NULLS_DISTINCT),\n        ),\n    ],\n),"],
    },
    {
      framework: "django",
      name: "AddConstraint(UniqueConstraint) and AlterUniqueTogether build unique indexes under lock",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddConstraint(
            model_name="customer",
            constraint=models.UniqueConstraint(fields=["email"], name="customer_email_uniq"),
        ),
        migrations.AlterUniqueTogether(name="order", unique_together={("number", "customer"), ("reference", "customer")}),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8, 12],
    },
    {
      framework: "django",
      name: "pulpcore 0102: one AlterUniqueTogether adds several sets: every fix's database operations build all of them, as its state operation records all",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterUniqueTogether(
            name="customer",
            unique_together={("email", "id"), ("id", "email")},
        ),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8, 8],
      fixes: ["# with atomic = False on the Migration (CREATE INDEX CONCURRENTLY cannot run in a transaction):\nmigrations.SeparateDatabaseAndState(\n    database_operations=[\n        migrations.RunSQL(\n            \"CREATE UNIQUE INDEX CONCURRENTLY app_customer_email_id_key ON app_customer (email, id)\",\n            reverse_sql=\"DROP INDEX CONCURRENTLY IF EXISTS app_customer_email_id_key\",\n        ),\n        migrations.RunSQL(\n            \"ALTER TABLE app_customer ADD CONSTRAINT app_customer_email_id_key UNIQUE USING INDEX app_customer_email_id_key\",\n            reverse_sql=\"ALTER TABLE app_customer DROP CONSTRAINT app_customer_email_id_key\",\n        ),\n        migrations.RunSQL(\n            \"CREATE UNIQUE INDEX CONCURRENTLY app_customer_id_email_key ON app_customer (id, email)\",\n            reverse_sql=\"DROP INDEX CONCURRENTLY IF EXISTS app_customer_id_email_key\",\n        ),\n        migrations.RunSQL(\n            \"ALTER TABLE app_customer ADD CONSTRAINT app_customer_id_email_key UNIQUE USING INDEX app_customer_id_email_key\",\n            reverse_sql=\"ALTER TABLE app_customer DROP CONSTRAINT app_customer_id_email_key\",\n        ),\n    ],\n    state_operations=[\n        migrations.AlterUniqueTogether(\n            name=\"customer\",\n            unique_together={(\"email\", \"id\"), (\"id\", \"email\")},\n        ),\n    ],\n),", "# with atomic = False on the Migration (CREATE INDEX CONCURRENTLY cannot run in a transaction):\nmigrations.SeparateDatabaseAndState(\n    database_operations=[\n        migrations.RunSQL(\n            \"CREATE UNIQUE INDEX CONCURRENTLY app_customer_email_id_key ON app_customer (email, id)\",\n            reverse_sql=\"DROP INDEX CONCURRENTLY IF EXISTS app_customer_email_id_key\",\n        ),\n        migrations.RunSQL(\n            \"ALTER TABLE app_customer ADD CONSTRAINT app_customer_email_id_key UNIQUE USING INDEX app_customer_email_id_key\",\n            reverse_sql=\"ALTER TABLE app_customer DROP CONSTRAINT app_customer_email_id_key\",\n        ),\n        migrations.RunSQL(\n            \"CREATE UNIQUE INDEX CONCURRENTLY app_customer_id_email_key ON app_customer (id, email)\",\n            reverse_sql=\"DROP INDEX CONCURRENTLY IF EXISTS app_customer_id_email_key\",\n        ),\n        migrations.RunSQL(\n            \"ALTER TABLE app_customer ADD CONSTRAINT app_customer_id_email_key UNIQUE USING INDEX app_customer_id_email_key\",\n            reverse_sql=\"ALTER TABLE app_customer DROP CONSTRAINT app_customer_id_email_key\",\n        ),\n    ],\n    state_operations=[\n        migrations.AlterUniqueTogether(\n            name=\"customer\",\n            unique_together={(\"email\", \"id\"), (\"id\", \"email\")},\n        ),\n    ],\n),"],
    },
    {
      framework: "django",
      name: "AddField with db_index=True and unique=True (mitxonline 336ae2896e's basket.anonymous_id): the database side adds the column without db_index, whose plain index Django would build under the lock",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="anonymous_id", field=models.UUIDField(blank=True, db_index=True, null=True, unique=True)),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8],
      fixes: ["# with atomic = False on the Migration (CREATE INDEX CONCURRENTLY cannot run in a transaction):\nmigrations.SeparateDatabaseAndState(\n    database_operations=[\n        migrations.AddField(model_name=\"Order\", name=\"anonymous_id\", field=models.UUIDField(blank=True, null=True)),\n        migrations.RunSQL(\n            \"CREATE UNIQUE INDEX CONCURRENTLY app_order_anonymous_id_key ON app_order (anonymous_id)\",\n            reverse_sql=\"DROP INDEX CONCURRENTLY IF EXISTS app_order_anonymous_id_key\",\n        ),\n        migrations.RunSQL(\n            \"ALTER TABLE app_order ADD CONSTRAINT app_order_anonymous_id_key UNIQUE USING INDEX app_order_anonymous_id_key\",\n            reverse_sql=\"ALTER TABLE app_order DROP CONSTRAINT app_order_anonymous_id_key\",\n        ),\n    ],\n    state_operations=[\n        migrations.AddField(model_name=\"order\", name=\"anonymous_id\", field=models.UUIDField(blank=True, db_index=True, null=True, unique=True)),\n    ],\n),"],
    },
    {
      framework: "django",
      name: "AddField of a SlugField with unique=True: the database side adds it with db_index=False (without unique=True a SlugField is indexed by default, a plain index built under the lock), and builds the varchar_pattern_ops `_like` index Django adds beside a unique varchar column CONCURRENTLY, under Django's name for it",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="slug", field=models.SlugField(unique=True, null=True)),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8],
      fixes: ["# with atomic = False on the Migration (CREATE INDEX CONCURRENTLY cannot run in a transaction):\nmigrations.SeparateDatabaseAndState(\n    database_operations=[\n        migrations.AddField(model_name=\"Order\", name=\"slug\", field=models.SlugField(null=True, db_index=False)),\n        # the varchar_pattern_ops index Django builds beside a unique varchar column for LIKE 'prefix%' (its _like index)\n        migrations.RunSQL(\n            \"CREATE INDEX CONCURRENTLY app_order_slug_24238039_like ON app_order (slug varchar_pattern_ops)\",\n            reverse_sql=\"DROP INDEX CONCURRENTLY IF EXISTS app_order_slug_24238039_like\",\n        ),\n        migrations.RunSQL(\n            \"CREATE UNIQUE INDEX CONCURRENTLY app_order_slug_key ON app_order (slug)\",\n            reverse_sql=\"DROP INDEX CONCURRENTLY IF EXISTS app_order_slug_key\",\n        ),\n        migrations.RunSQL(\n            \"ALTER TABLE app_order ADD CONSTRAINT app_order_slug_key UNIQUE USING INDEX app_order_slug_key\",\n            reverse_sql=\"ALTER TABLE app_order DROP CONSTRAINT app_order_slug_key\",\n        ),\n    ],\n    state_operations=[\n        migrations.AddField(model_name=\"order\", name=\"slug\", field=models.SlugField(unique=True, null=True)),\n    ],\n),"],
    },
    {
      framework: "django",
      name: "AddField of a ForeignKey with unique=True: the database side adds it with db_index=False (a ForeignKey's default index would be built under the lock)",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="invoice", field=models.ForeignKey(null=True, on_delete=models.CASCADE, to="app.legacyinvoice", unique=True)),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8],
      fixes: ["# with atomic = False on the Migration (CREATE INDEX CONCURRENTLY cannot run in a transaction):\nmigrations.SeparateDatabaseAndState(\n    database_operations=[\n        migrations.AddField(model_name=\"Order\", name=\"invoice\", field=models.ForeignKey(null=True, on_delete=models.CASCADE, to=\"app.legacyinvoice\", db_index=False)),\n        migrations.RunSQL(\n            \"CREATE UNIQUE INDEX CONCURRENTLY app_order_invoice_id_key ON app_order (invoice_id)\",\n            reverse_sql=\"DROP INDEX CONCURRENTLY IF EXISTS app_order_invoice_id_key\",\n        ),\n        migrations.RunSQL(\n            \"ALTER TABLE app_order ADD CONSTRAINT app_order_invoice_id_key UNIQUE USING INDEX app_order_invoice_id_key\",\n            reverse_sql=\"ALTER TABLE app_order DROP CONSTRAINT app_order_invoice_id_key\",\n        ),\n    ],\n    state_operations=[\n        migrations.AddField(model_name=\"order\", name=\"invoice\", field=models.ForeignKey(null=True, on_delete=models.CASCADE, to=\"app.legacyinvoice\", unique=True)),\n    ],\n),"],
    },
    {
      framework: "django",
      name: "AddField of a OneToOneField (unique by its kind): the database side adds the ForeignKey underneath it, without the constraint the concurrent index then carries",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="invoice", field=models.OneToOneField(null=True, on_delete=models.CASCADE, to="app.legacyinvoice")),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8],
      fixes: ["# with atomic = False on the Migration (CREATE INDEX CONCURRENTLY cannot run in a transaction):\nmigrations.SeparateDatabaseAndState(\n    database_operations=[\n        migrations.AddField(model_name=\"Order\", name=\"invoice\", field=models.ForeignKey(null=True, on_delete=models.CASCADE, to=\"app.legacyinvoice\", db_index=False)),\n        migrations.RunSQL(\n            \"CREATE UNIQUE INDEX CONCURRENTLY app_order_invoice_id_key ON app_order (invoice_id)\",\n            reverse_sql=\"DROP INDEX CONCURRENTLY IF EXISTS app_order_invoice_id_key\",\n        ),\n        migrations.RunSQL(\n            \"ALTER TABLE app_order ADD CONSTRAINT app_order_invoice_id_key UNIQUE USING INDEX app_order_invoice_id_key\",\n            reverse_sql=\"ALTER TABLE app_order DROP CONSTRAINT app_order_invoice_id_key\",\n        ),\n    ],\n    state_operations=[\n        migrations.AddField(model_name=\"order\", name=\"invoice\", field=models.OneToOneField(null=True, on_delete=models.CASCADE, to=\"app.legacyinvoice\")),\n    ],\n),"],
    },
    {
      framework: "django",
      name: "AlterField from a ForeignKey to a OneToOneField that also makes it nullable: the database side alters it as the ForeignKey underneath (its index kept while the unique one builds), not the OneToOneField, whose unique constraint Django would add under the lock",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="order", name="customer", field=models.OneToOneField(null=True, on_delete=models.CASCADE, to="app.customer")),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8],
      fixes: ["# with atomic = False on the Migration (CREATE INDEX CONCURRENTLY cannot run in a transaction):\nmigrations.SeparateDatabaseAndState(\n    database_operations=[\n        migrations.AlterField(model_name=\"order\", name=\"customer\", field=models.ForeignKey(null=True, on_delete=models.CASCADE, to=\"app.customer\")),  # its other changes, without unique=True\n        migrations.RunSQL(\n            \"CREATE UNIQUE INDEX CONCURRENTLY app_order_customer_id_key ON app_order (customer_id)\",\n            reverse_sql=\"DROP INDEX CONCURRENTLY IF EXISTS app_order_customer_id_key\",\n        ),\n        migrations.RunSQL(\n            \"ALTER TABLE app_order ADD CONSTRAINT app_order_customer_id_key UNIQUE USING INDEX app_order_customer_id_key\",\n            reverse_sql=\"ALTER TABLE app_order DROP CONSTRAINT app_order_customer_id_key\",\n        ),\n    ],\n    state_operations=[\n        migrations.AlterField(model_name=\"order\", name=\"customer\", field=models.OneToOneField(null=True, on_delete=models.CASCADE, to=\"app.customer\")),\n    ],\n),"],
    },
    {
      framework: "django",
      name: "AddField with unique=True, and AlterField to unique=True",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="token", field=models.UUIDField(null=True, unique=True)),
        migrations.AlterField(model_name="order", name="number", field=models.CharField(max_length=200, unique=True)),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8, 9],
    },
    {
      framework: "django",
      name: "AlterField that makes a nullable field unique and NOT NULL: the database operations keep the AlterField without unique=True (its SET NOT NULL kept), then the concurrent unique index (Flagsmith users 0037)",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="order",
            name="quantity",
            field=models.IntegerField(unique=True),
        ),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8],
      fixes: [
        `# with atomic = False on the Migration (CREATE INDEX CONCURRENTLY cannot run in a transaction):
migrations.SeparateDatabaseAndState(
    database_operations=[
        migrations.AlterField(
            model_name="order",
            name="quantity",
            field=models.IntegerField(),
        ),  # its other changes, without unique=True
        migrations.RunSQL(
            "CREATE UNIQUE INDEX CONCURRENTLY app_order_quantity_key ON app_order (quantity)",
            reverse_sql="DROP INDEX CONCURRENTLY IF EXISTS app_order_quantity_key",
        ),
        migrations.RunSQL(
            "ALTER TABLE app_order ADD CONSTRAINT app_order_quantity_key UNIQUE USING INDEX app_order_quantity_key",
            reverse_sql="ALTER TABLE app_order DROP CONSTRAINT app_order_quantity_key",
        ),
    ],
    state_operations=[
        migrations.AlterField(
            model_name="order",
            name="quantity",
            field=models.IntegerField(unique=True),
        ),
    ],
),`,
      ],
    },
    {
      framework: "django",
      name: "people's core 0016: the RunPython's comment says the table is likely small or empty, and the migration changes app_customer alone: the unique index build is a note quoting it",
      code: `import uuid

from django.db import migrations, models


def gen_customer_uuid(apps, schema_editor):
    Customer = apps.get_model("app", "Customer")
    for row in Customer.objects.all():
        row.external_id = uuid.uuid4()
        # Don't need to batch update here, as the table is likely small or empty
        row.save(update_fields=["external_id"])


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="customer", name="external_id", field=models.UUIDField(default=uuid.uuid4, editable=False, unique=False)),
        migrations.RunPython(gen_customer_uuid, reverse_code=migrations.RunPython.noop),
        migrations.AlterField(model_name="customer", name="external_id", field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
    ]
`,
      files: { ...DJANGO_INITIAL },
      lines: [20],
      severities: ["info"],
      messages: ['Its author says the table is small: "Don\'t need to batch update here, as the table is likely small or empty" (line 10)'],
    },
    {
      framework: "django",
      name: "the same comment in a migration that changes app_order too: it names no table, so it says nothing of app_customer, the error stays",
      code: `import uuid

from django.db import migrations, models


def gen_customer_uuid(apps, schema_editor):
    Customer = apps.get_model("app", "Customer")
    for row in Customer.objects.all():
        row.external_id = uuid.uuid4()
        # Don't need to batch update here, as the table is likely small or empty
        row.save(update_fields=["external_id"])


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="channel", field=models.CharField(max_length=20, null=True)),
        migrations.AddField(model_name="customer", name="external_id", field=models.UUIDField(default=uuid.uuid4, editable=False, unique=False)),
        migrations.RunPython(gen_customer_uuid, reverse_code=migrations.RunPython.noop),
        migrations.AlterField(model_name="customer", name="external_id", field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
    ]
`,
      files: { ...DJANGO_INITIAL },
      lines: [21],
      severities: ["error"],
    },
    {
      framework: "django",
      name: "the comment names the customer table in a migration that changes app_order too: it speaks for app_customer, a note",
      code: `import uuid

from django.db import migrations, models


def gen_customer_uuid(apps, schema_editor):
    Customer = apps.get_model("app", "Customer")
    for row in Customer.objects.all():
        row.external_id = uuid.uuid4()
        # the customer table is likely empty
        row.save(update_fields=["external_id"])


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="channel", field=models.CharField(max_length=20, null=True)),
        migrations.AddField(model_name="customer", name="external_id", field=models.UUIDField(default=uuid.uuid4, editable=False, unique=False)),
        migrations.RunPython(gen_customer_uuid, reverse_code=migrations.RunPython.noop),
        migrations.AlterField(model_name="customer", name="external_id", field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
    ]
`,
      files: { ...DJANGO_INITIAL },
      lines: [21],
      severities: ["info"],
      messages: ['Its author says the table is small: "the customer table is likely empty" (line 10)'],
    },
    {
      framework: "django",
      name: "a comment that says the table can be large is no word of smallness: the error stays",
      code: `import uuid

from django.db import migrations, models


def gen_customer_uuid(apps, schema_editor):
    Customer = apps.get_model("app", "Customer")
    for row in Customer.objects.all():
        row.external_id = uuid.uuid4()
        # not many rows today, but this table can be large
        row.save(update_fields=["external_id"])


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="customer", name="external_id", field=models.UUIDField(default=uuid.uuid4, editable=False, unique=False)),
        migrations.RunPython(gen_customer_uuid, reverse_code=migrations.RunPython.noop),
        migrations.AlterField(model_name="customer", name="external_id", field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
    ]
`,
      files: { ...DJANGO_INITIAL },
      lines: [20],
      severities: ["error"],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "EvaP grades 0014: RenameField, then AlterUniqueTogether to the renamed sets: Django's state already renamed the field in unique_together, so nothing changes and no index is built",
      path: "grades/migrations/0014_rename_course_to_evaluation.py",
      code: GRADE_DOCUMENT_RENAME,
      files: { "grades/migrations/0001_initial.py": GRADE_DOCUMENT_INITIAL },
    },
    {
      framework: "django",
      name: "AlterField that also changes the column's type (bigint to varchar): the table is rewritten under ACCESS EXCLUSIVE anyway, which column-type-change reports; a concurrent unique build cannot apply (Flagsmith api 0011)",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="order",
            name="total",
            field=models.CharField(max_length=100, unique=True),
        ),
    ]
`,
      files: DJANGO_INITIAL,
    },
    {
      framework: "django",
      name: "RunPython empties the table first (objects.all().delete()): the unique index has no rows to check",
      code: `from django.db import migrations, models


def forget_codes(apps, schema_editor):
    Invite = apps.get_model("app", "Invite")
    Invite.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RunPython(forget_codes, migrations.RunPython.noop),
        migrations.AddField("invite", "code", models.CharField(max_length=12, null=True, unique=True)),
    ]
`,
    },
    {
      framework: "django",
      name: "index built CONCURRENTLY, attached with USING INDEX, state updated separately",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    "CREATE UNIQUE INDEX CONCURRENTLY customer_email_uniq ON app_customer (email)",
                    reverse_sql="DROP INDEX CONCURRENTLY IF EXISTS customer_email_uniq",
                ),
                migrations.RunSQL(
                    "ALTER TABLE app_customer ADD CONSTRAINT customer_email_uniq UNIQUE USING INDEX customer_email_uniq",
                    reverse_sql="ALTER TABLE app_customer DROP CONSTRAINT customer_email_uniq",
                ),
            ],
            state_operations=[
                migrations.AddConstraint(
                    model_name="customer",
                    constraint=models.UniqueConstraint(fields=["email"], name="customer_email_uniq"),
                ),
            ],
        ),
    ]
`,
      files: DJANGO_INITIAL,
    },
    {
      framework: "django",
      name: "AlterUniqueTogether that only removes a set",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AlterUniqueTogether(name="order", unique_together=set())]
`,
      files: DJANGO_INITIAL,
    },
  ],
});

import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "AddIndexConcurrently without atomic = False",
      code: `from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("billing", "0013_invoice_number")]

    operations = [
        AddIndexConcurrently(
            model_name="invoice",
            index=models.Index(fields=["number"], name="billing_invoice_number_idx"),
        ),
    ]
`,
      lines: [9],
      fixes: ["# the migration becomes, app/migrations/0002_case.py:\nfrom django.contrib.postgres.operations import AddIndexConcurrently\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    atomic = False  # CONCURRENTLY cannot run in a transaction\n    dependencies = [(\"billing\", \"0013_invoice_number\")]\n\n    operations = [\n        AddIndexConcurrently(\n            model_name=\"invoice\",\n            index=models.Index(fields=[\"number\"], name=\"billing_invoice_number_idx\"),\n        ),\n    ]"],
    },
    {
      framework: "django",
      name: "CREATE INDEX CONCURRENTLY in RunSQL of an atomic migration",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("billing", "0013_invoice_number")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX CONCURRENTLY invoice_due_idx ON billing_invoice (due_date)",
            reverse_sql="DROP INDEX CONCURRENTLY invoice_due_idx",
        ),
    ]
`,
      lines: [9],
      fixes: ["# the migration becomes, app/migrations/0002_case.py:\nfrom django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    atomic = False  # CONCURRENTLY cannot run in a transaction\n    dependencies = [(\"billing\", \"0013_invoice_number\")]\n\n    operations = [\n        migrations.RunSQL(\n            \"CREATE INDEX CONCURRENTLY invoice_due_idx ON billing_invoice (due_date)\",\n            reverse_sql=\"DROP INDEX CONCURRENTLY invoice_due_idx\",\n        ),\n    ]"],
    },
    {
      framework: "django",
      name: "AddIndexConcurrently beside an AddField, and a later migration deletes the model: the concurrent build's own migration would go after the app's newest, where the table is gone, so there is none, and the fix says why",
      path: "billing/migrations/0014_invoice_due.py",
      files: { "billing/migrations/0015_delete_invoice.py": `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("billing", "0014_invoice_due")]

    operations = [
        migrations.DeleteModel(name="invoice"),
    ]
` },
      code: `from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("billing", "0013_invoice_number")]

    operations = [
        migrations.AddField(model_name="invoice", name="due", field=models.DateField(null=True)),
        AddIndexConcurrently(
            model_name="invoice",
            index=models.Index(fields=["due"], name="billing_invoice_due_idx"),
        ),
    ]
`,
      lines: [10],
      fixes: ["# the migration becomes (without this operation; every other one stays as written, in its transaction), billing/migrations/0014_invoice_due.py:\nfrom django.contrib.postgres.operations import AddIndexConcurrently\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [(\"billing\", \"0013_invoice_number\")]\n\n    operations = [\n        migrations.AddField(model_name=\"invoice\", name=\"due\", field=models.DateField(null=True)),\n    ]\n# no migration builds the index: later, billing/migrations/0015_delete_invoice.py:8 drops table billing_invoice, and due with it, so it is not there at the head of the history, where a new migration would run"],
    },
    {
      framework: "django",
      name: "AddIndexConcurrently beside an AddField in an atomic migration: the AddField stays there, in its transaction, and the concurrent build moves to a new non-atomic migration depending on it; 0013, which it depends on, was not read, so the new one says later migrations of the app may exist unseen",
      path: "billing/migrations/0014_invoice_due.py",
      code: `from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("billing", "0013_invoice_number")]

    operations = [
        migrations.AddField(model_name="invoice", name="due", field=models.DateField(null=True)),
        AddIndexConcurrently(
            model_name="invoice",
            index=models.Index(fields=["due"], name="billing_invoice_due_idx"),
        ),
    ]
`,
      lines: [10],
      fixes: ["# the migration becomes (without this operation; every other one stays as written, in its transaction), billing/migrations/0014_invoice_due.py:\nfrom django.contrib.postgres.operations import AddIndexConcurrently\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [(\"billing\", \"0013_invoice_number\")]\n\n    operations = [\n        migrations.AddField(model_name=\"invoice\", name=\"due\", field=models.DateField(null=True)),\n    ]\n\n# then a new migration, billing/migrations/0015_concurrent_index.py:\nfrom django.contrib.postgres.operations import AddIndexConcurrently\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    atomic = False\n\n    # migguard did not read all of this app's migrations: if later ones exist, depend on the newest instead (a second leaf node makes migrate refuse)\n    dependencies = [(\"billing\", \"0014_invoice_due\")]\n\n    operations = [\n        AddIndexConcurrently(\n            model_name=\"invoice\",\n            index=models.Index(fields=[\"due\"], name=\"billing_invoice_due_idx\"),\n        ),\n    ]"],
    },
    {
      framework: "django",
      name: "the app already goes on after the reviewed migration, on two branches not merged yet (0015_invoice_memo and 0015_invoice_paid): the new migration depends on both leaf nodes, merging them, and takes the next number after them",
      path: "billing/migrations/0014_invoice_due.py",
      code: `from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("billing", "0013_invoice_number")]

    operations = [
        migrations.AddField(model_name="invoice", name="due", field=models.DateField(null=True)),
        AddIndexConcurrently(model_name="invoice", index=models.Index(fields=["due"], name="billing_invoice_due_idx")),
    ]
`,
      files: {
        "billing/migrations/0015_invoice_memo.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("billing", "0014_invoice_due")]

    operations = [
        migrations.AddField(model_name="invoice", name="memo", field=models.TextField(null=True)),
    ]
`,
        "billing/migrations/0015_invoice_paid.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("billing", "0014_invoice_due")]

    operations = [
        migrations.AddField(model_name="invoice", name="paid", field=models.BooleanField(null=True)),
    ]
`,
      },
      lines: [10],
      fixes: ["# the migration becomes (without this operation; every other one stays as written, in its transaction), billing/migrations/0014_invoice_due.py:\nfrom django.contrib.postgres.operations import AddIndexConcurrently\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [(\"billing\", \"0013_invoice_number\")]\n\n    operations = [\n        migrations.AddField(model_name=\"invoice\", name=\"due\", field=models.DateField(null=True)),\n    ]\n\n# then a new migration, billing/migrations/0016_concurrent_index.py:\nfrom django.contrib.postgres.operations import AddIndexConcurrently\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    atomic = False\n\n    dependencies = [  # the app's leaf nodes: this migration merges them\n        (\"billing\", \"0015_invoice_memo\"),\n        (\"billing\", \"0015_invoice_paid\"),\n    ]\n\n    operations = [\n        AddIndexConcurrently(model_name=\"invoice\", index=models.Index(fields=[\"due\"], name=\"billing_invoice_due_idx\")),\n    ]"],
    },
    {
      framework: "django",
      name: "atomic = False, but two CONCURRENTLY statements in one list item: sent as one query, one implicit transaction",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("shop", "0049_order")]

    operations = [
        migrations.RunSQL(
            ["CREATE INDEX CONCURRENTLY shop_order_a_idx ON shop_order (a); CREATE INDEX CONCURRENTLY shop_order_b_idx ON shop_order (b);"],
            reverse_sql=["DROP INDEX CONCURRENTLY shop_order_a_idx", "DROP INDEX CONCURRENTLY shop_order_b_idx"],
        ),
    ]
`,
      lines: [11], // one finding for the item: its two statements have one cause and one fix
      fixes: ["# the migration becomes (each statement an item of its own: Django sends a list item whole, as one query, which PostgreSQL runs as one transaction), app/migrations/0002_case.py:\nfrom django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    atomic = False\n\n    dependencies = [(\"shop\", \"0049_order\")]\n\n    operations = [\n        migrations.RunSQL(\n            [\"CREATE INDEX CONCURRENTLY shop_order_a_idx ON shop_order (a)\", \"CREATE INDEX CONCURRENTLY shop_order_b_idx ON shop_order (b)\"],\n            reverse_sql=[\"DROP INDEX CONCURRENTLY shop_order_a_idx\", \"DROP INDEX CONCURRENTLY shop_order_b_idx\"],\n        ),\n    ]"],
    },
    {
      framework: "django",
      name: "an atomic migration whose RunSQL list item holds two CONCURRENTLY statements: atomic = False alone would still send them as one query, so the fix also gives each statement its own item",
      path: "shop/migrations/0050_order_indexes.py",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shop", "0049_order")]

    operations = [
        migrations.RunSQL(
            [
                "CREATE INDEX CONCURRENTLY shop_order_a_idx ON shop_order (a); CREATE INDEX CONCURRENTLY shop_order_b_idx ON shop_order (b);",
            ],
            reverse_sql=["DROP INDEX CONCURRENTLY shop_order_a_idx; DROP INDEX CONCURRENTLY shop_order_b_idx;"],
        ),
    ]
`,
      lines: [10], // one finding for the item: its two statements have one cause and one fix
      fixes: ["# the migration becomes (each statement an item of its own: Django sends a list item whole, as one query, which PostgreSQL runs as one transaction), shop/migrations/0050_order_indexes.py:\nfrom django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    atomic = False  # CONCURRENTLY cannot run in a transaction\n    dependencies = [(\"shop\", \"0049_order\")]\n\n    operations = [\n        migrations.RunSQL(\n            [\n                \"CREATE INDEX CONCURRENTLY shop_order_a_idx ON shop_order (a)\",\n                \"CREATE INDEX CONCURRENTLY shop_order_b_idx ON shop_order (b)\",\n            ],\n            reverse_sql=[\"DROP INDEX CONCURRENTLY shop_order_a_idx\", \"DROP INDEX CONCURRENTLY shop_order_b_idx\"],\n        ),\n    ]"],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "atomic = False and several CONCURRENTLY statements in one RunSQL string (Django runs them one by one)",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("shop", "0049_order")]

    operations = [
        migrations.RunSQL(
            sql="""
            CREATE INDEX CONCURRENTLY IF NOT EXISTS shop_order_a_idx ON shop_order (a);
            CREATE INDEX CONCURRENTLY IF NOT EXISTS shop_order_b_idx ON shop_order (b);
            """,
            reverse_sql="""
            DROP INDEX CONCURRENTLY IF EXISTS shop_order_a_idx;
            DROP INDEX CONCURRENTLY IF EXISTS shop_order_b_idx;
            """,
        ),
    ]
`,
    },
    {
      framework: "django",
      name: "atomic = False",
      code: `from django.contrib.postgres.operations import AddIndexConcurrently, RemoveIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("billing", "0013_invoice_number")]

    operations = [
        AddIndexConcurrently(model_name="invoice", index=models.Index(fields=["number"], name="billing_invoice_number_idx")),
        RemoveIndexConcurrently(model_name="invoice", name="billing_invoice_old_idx"),
    ]
`,
    },
  ],
});

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
      lines: [11, 11],
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

import { defineCases } from "./rule.js";

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
  ],
  valid: [
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

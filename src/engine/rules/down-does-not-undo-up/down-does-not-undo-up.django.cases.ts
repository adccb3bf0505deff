import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [],
  valid: [
    {
      framework: "django",
      name: "Django derives the reverse of each operation",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("billing", "0013_invoice_number")]

    operations = [
        migrations.AddField(model_name="invoice", name="paid_at", field=models.DateTimeField(null=True)),
        migrations.AddIndex(model_name="invoice", index=models.Index(fields=["paid_at"], name="invoice_paid_idx")),
    ]
`,
    },
  ],
});

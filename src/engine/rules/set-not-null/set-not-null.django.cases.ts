import { DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
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
  ],
  valid: [
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

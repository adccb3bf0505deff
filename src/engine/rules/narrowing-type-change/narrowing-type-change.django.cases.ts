import { DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "max_length 200 -> 50 and BigIntegerField -> IntegerField",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="order", name="number", field=models.CharField(max_length=50)),
        migrations.AlterField(model_name="order", name="total", field=models.IntegerField()),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8, 9],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "widening",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AlterField(model_name="order", name="quantity", field=models.BigIntegerField(null=True))]
`,
      files: DJANGO_INITIAL,
    },
  ],
});

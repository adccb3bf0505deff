import { DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "IntegerField -> CharField: the earlier migration gives the old type",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="order",
            name="quantity",
            field=models.CharField(max_length=10, null=True),
        )
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "raising max_length is metadata-only",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="order", name="number", field=models.CharField(max_length=255)),
        migrations.AlterField(model_name="order", name="note", field=models.TextField(null=True, blank=True)),
    ]
`,
      files: DJANGO_INITIAL,
    },
  ],
});

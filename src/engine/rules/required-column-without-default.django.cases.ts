import { DJANGO_INITIAL } from "../testing/python-fixtures.js";
import { defineCases } from "./rule.js";

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "preserve_default=False: the default only fills existing rows",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="order",
            name="priority",
            field=models.IntegerField(default=1),
            preserve_default=False,
        )
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8],
    },
    {
      framework: "django",
      name: "NOT NULL without any default",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AddField(model_name="order", name="channel", field=models.CharField(max_length=20))]
`,
      files: DJANGO_INITIAL,
      lines: [7],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "nullable, or a database default that stays (db_default)",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="channel", field=models.CharField(max_length=20, null=True)),
        migrations.AddField(model_name="order", name="priority", field=models.IntegerField(db_default=1)),
    ]
`,
      files: DJANGO_INITIAL,
    },
  ],
});

import { DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

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
      name: "django-add-default-value's AddDefaultValue keeps the database default after AddField",
      code: `from django.db import migrations, models
from django_add_default_value import AddDefaultValue


class Migration(migrations.Migration):
    dependencies = [("shop", "0004_order")]

    operations = [
        migrations.AddField(model_name="order", name="channel", field=models.CharField(default="web", max_length=10)),
        AddDefaultValue(model_name="order", name="channel", value="web"),
    ]
`,
    },
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

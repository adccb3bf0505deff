import { DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "a GeneratedField with db_persist=True is GENERATED ... STORED: computed for every existing row",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="order",
            name="doubled",
            field=models.GeneratedField(expression=models.F("total") * 2, output_field=models.BigIntegerField(), db_persist=True),
        ),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8],
    },
    {
      framework: "django",
      name: "db_default=RandomUUID() is evaluated for every existing row (Django 5+)",
      code: `from django.contrib.postgres.functions import RandomUUID
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="public_id", field=models.UUIDField(db_default=RandomUUID())),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [9],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "default=uuid.uuid4 is called once by Django, and db_default=Now() is stable",
      code: `import uuid

from django.db import migrations, models
from django.db.models.functions import Now


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="public_id", field=models.UUIDField(default=uuid.uuid4, null=True)),
        migrations.AddField(model_name="order", name="created_at", field=models.DateTimeField(db_default=Now())),
    ]
`,
      files: DJANGO_INITIAL,
    },
  ],
});

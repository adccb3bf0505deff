import { DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "a package's field class the project does not define (django_countries' CountryField): its max_length still gives the type, varchar(200) -> varchar(2) rewrites",
      code: `from django.db import migrations
import django_countries.fields


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AlterField(model_name="order", name="number", field=django_countries.fields.CountryField(max_length=2))]
`,
      files: DJANGO_INITIAL,
      lines: [8],
    },
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
    {
      framework: "django",
      name: "CharField(unique=True) -> UUIDField(default=uuid.uuid4, unique=True): the fix's new field has no unique and no default (rapidpro 0218)",
      code: `import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="group", name="uuid", field=models.UUIDField(default=uuid.uuid4, unique=True)),
    ]
`,
      files: {
        "app/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Group",
            fields=[("id", models.BigAutoField(primary_key=True)), ("uuid", models.CharField(max_length=36, unique=True))],
        ),
    ]
`,
      },
      lines: [10],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "bookwyrm 0233: AlterField to the project's PartialDateField, whose base is a DateTimeField: the column stays timestamptz, nothing is rewritten",
      path: "app/migrations/0002_author_born.py",
      code: `from django.db import migrations
import app.models.fields


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AlterField(model_name="author", name="born", field=app.models.fields.PartialDateField(blank=True, null=True))]
`,
      files: {
        "app/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [migrations.CreateModel(name="Author", fields=[("id", models.AutoField(primary_key=True)), ("born", models.DateTimeField(null=True))])]
`,
        "app/models/fields.py": `from django.db import models


class PartialDateModel(models.DateTimeField):
    pass


class PartialDateField(PartialDateModel):
    pass
`,
      },
    },
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

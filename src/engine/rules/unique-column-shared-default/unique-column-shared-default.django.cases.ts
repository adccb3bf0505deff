import { DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "AddField(unique=True) with default=uuid.uuid4 or timezone.now: Django calls the callable once for all existing rows",
      code: `import uuid

from django.db import migrations, models
from django.utils import timezone


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="public_id", field=models.UUIDField(default=uuid.uuid4, unique=True, editable=False)),
        migrations.AddField(
            model_name="customer",
            name="joined_at",
            field=models.DateTimeField(default=timezone.now, null=True, unique=True),
        ),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [11, 12],
    },
    {
      framework: "django",
      name: "a constant default on a unique field collides the same way",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AddField(model_name="order", name="slug", field=models.SlugField(default="", unique=True))]
`,
      files: DJANGO_INITIAL,
      lines: [7],
    },
    {
      framework: "django",
      name: "a unique blank AutoSlugField (django-autoslug's, a SlugField): Django fills every existing row with '', and the second row collides",
      code: `import autoslug.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AddField(model_name="order", name="slug", field=autoslug.fields.AutoSlugField(populate_from="number", blank=True, unique=True))]
`,
      files: DJANGO_INITIAL,
      lines: [8],
      messages: ["Adding unique column app_order.slug writes '' into every existing row"],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "the callable default fills one value, a RunPython gives each row its own, then AlterField makes it unique (Django's documented recipe)",
      code: `import uuid

from django.db import migrations, models


def add_uuids(apps, schema_editor):
    Feature = apps.get_model("app", "Feature")
    for feature in Feature.objects.all():
        feature.uuid = uuid.uuid4()
        feature.save(update_fields=["uuid"])


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="feature", name="uuid", field=models.UUIDField(default=uuid.uuid4, editable=False, null=True)),
        migrations.RunPython(add_uuids, reverse_code=migrations.RunPython.noop),
        migrations.AlterField(model_name="feature", name="uuid", field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
    ]
`,
    },
    {
      framework: "django",
      name: "the three-migration pattern's first step: nullable, no default, not unique yet; and a unique callable default on a new model",
      code: `import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="public_id", field=models.UUIDField(null=True)),
        migrations.CreateModel(
            name="Coupon",
            fields=[("id", models.BigAutoField(primary_key=True)), ("code", models.UUIDField(default=uuid.uuid4, unique=True))],
        ),
    ]
`,
      files: DJANGO_INITIAL,
    },
    {
      framework: "django",
      name: "the last step: AlterField to unique after a RunPython gave each row its own value",
      code: `import uuid

from django.db import migrations, models


def fill_public_ids(apps, schema_editor):
    Order = apps.get_model("app", "Order")
    for order in Order.objects.filter(public_id__isnull=True).iterator():
        order.public_id = uuid.uuid4()
        order.save(update_fields=["public_id"])


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="public_id", field=models.UUIDField(null=True)),
        migrations.RunPython(fill_public_ids, reverse_code=migrations.RunPython.noop),
        migrations.AlterField(model_name="order", name="public_id", field=models.UUIDField(default=uuid.uuid4, unique=True)),
    ]
`,
      files: DJANGO_INITIAL,
    },
  ],
});

import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "the data migration imports the app's model",
      code: `from django.db import migrations

from shop.models import Order


def close_old_orders(apps, schema_editor):
    Order.objects.filter(status="open").update(status="closed")


class Migration(migrations.Migration):
    dependencies = [("shop", "0004_order_status")]

    operations = [
        migrations.RunPython(close_old_orders, migrations.RunPython.noop),
    ]
`,
      lines: [14],
    },
    {
      framework: "django",
      name: "an import inside the reverse function counts too",
      code: `from django.db import migrations


def forwards(apps, schema_editor):
    Order = apps.get_model("shop", "Order")
    Order.objects.filter(status="open").update(status="closed")


def backwards(apps, schema_editor):
    from shop.models import Order

    Order.objects.filter(status="closed").update(status="open")


class Migration(migrations.Migration):
    dependencies = [("shop", "0004_order_status")]

    operations = [migrations.RunPython(forwards, reverse_code=backwards)]
`,
      lines: [18],
    },
    {
      framework: "django",
      name: "a model of the app's models module built directly, imported at module level: the same as imported in the function",
      code: `from django.db import migrations

from shop.models import Order


def add_welcome_order(apps, schema_editor):
    Order(status="welcome").save()


class Migration(migrations.Migration):
    dependencies = [("shop", "0004_order_status")]

    operations = [migrations.RunPython(add_welcome_order, migrations.RunPython.noop)]
`,
      lines: [13],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "a helper class beside the models (pretalx's GlobalSettings from common.models.settings, GenerateCode from models.mixins), imported in the function or at module level: no model",
      code: `from django.db import migrations

from pretalx.common.models.settings import GlobalSettings


def backfill_guids(apps, schema_editor):
    from pretalx.common.models.mixins import GenerateCode

    SpeakerProfile = apps.get_model("person", "SpeakerProfile")
    namespace = GlobalSettings().get_instance_identifier()
    for profile in SpeakerProfile.objects.all():
        profile.guid = f"{namespace}:{GenerateCode.generate_code()}"
        profile.save(update_fields=["guid"])


class Migration(migrations.Migration):
    dependencies = [("person", "0045_speakerprofile_identity_fields")]

    operations = [migrations.RunPython(backfill_guids, migrations.RunPython.noop)]
`,
    },
    {
      framework: "django",
      name: "historical model from apps.get_model",
      code: `from django.db import migrations


def close_old_orders(apps, schema_editor):
    Order = apps.get_model("shop", "Order")
    Order.objects.filter(status="open").update(status="closed")


class Migration(migrations.Migration):
    dependencies = [("shop", "0004_order_status")]

    operations = [
        migrations.RunPython(close_old_orders, migrations.RunPython.noop),
    ]
`,
    },
    {
      framework: "django",
      name: "django.db.models helpers are not app models",
      code: `from django.db import migrations
from django.db.models import F


def double(apps, schema_editor):
    Price = apps.get_model("shop", "Price")
    Price.objects.update(amount=F("amount") * 2)


class Migration(migrations.Migration):
    dependencies = [("shop", "0004_order_status")]

    operations = [migrations.RunPython(double, migrations.RunPython.noop)]
`,
    },
  ],
});

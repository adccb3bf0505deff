import { defineCases } from "../support/rule.js";

// today's classes: Order defines methods (one inherited from a mixin of the app), Customer only fields and a manager
const SHOP_MODELS = {
  "shop/models.py": `from django.db import models


class Totalled:
    def rounded_total(self):
        return round(self.total or 0)


class Order(models.Model, Totalled):
    total = models.IntegerField(null=True)

    def compute_total(self):
        return sum(line.amount for line in self.lines.all())

    def update(self, **values):
        for name, value in values.items():
            setattr(self, name, value)
        self.save()


class Customer(models.Model):
    email = models.EmailField()
    objects = models.Manager()
`,
};

// Invoice nests its status choices; shop/billing.py is project code written for today's Invoice
const BILLING_MODELS = {
  "shop/models.py": `from django.db import models


class Invoice(models.Model):
    class Status(models.TextChoices):
        OPEN = "open"
        PAID = "paid"

    status = models.CharField(max_length=10, choices=Status.choices)
    total = models.IntegerField(null=True)

    def recompute(self):
        self.total = 0
`,
  "shop/billing.py": `def send_reminder(invoice):
    invoice.recompute()
`,
};

// galaxy_ng 793f2ccc38 (0060_handle_container_image_data), cut down: pulp_container's Manifest (an installed package, label
// "container") is imported live on purpose, its rows handed to module functions that call its own methods
const containerImageData = (comment: string) => `from django.db import migrations
from django.db.models import Q

${comment}
MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json"


def _init_manifest(manifest):
    if not manifest.type:
        manifest.init_metadata(manifest.data)
    manifest.init_image_nature()
    manifest.refresh_from_db()
    return True


def _update_manifests(manifests_qs):
    updated = []
    for manifest in manifests_qs.iterator():
        if _init_manifest(manifest):
            updated.append(manifest)
    manifests_qs.model.objects.bulk_update(updated, ["type"])


def handle_image_data(apps, schema_editor):
    from pulp_container.app.models import ContainerDistribution, Manifest

    manifests = Manifest.objects.filter(Q(type__isnull=True)).exclude(media_type=MANIFEST_LIST)
    _update_manifests(manifests)
    ContainerDistribution.objects.values_list("base_path", flat=True)


class Migration(migrations.Migration):
    dependencies = [
        ("galaxy", "0059_delete_system_auditor_role_definition"),
        ("container", "0045_alter_manifest_compressed_image_size"),
    ]

    operations = [
        migrations.RunPython(handle_image_data, reverse_code=migrations.RunPython.noop, elidable=True),
    ]
`;
const GALAXY_APP = { "galaxy_ng/app/apps.py": 'from django.apps import AppConfig\n\n\nclass PulpGalaxyPluginAppConfig(AppConfig):\n    name = "galaxy_ng.app"\n    label = "galaxy"\n' };

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
    {
      framework: "django",
      name: "the function calls methods today's model class defines: no blind swap to apps.get_model(), whose historical model lacks them",
      path: "shop/migrations/0005_order_totals.py",
      files: SHOP_MODELS,
      code: `from django.db import migrations

from shop.models import Customer, Order as LiveOrder


def fill_totals(apps, schema_editor):
    for order in LiveOrder.objects.filter(total__isnull=True):
        order.total = order.compute_total() + order.rounded_total()
        order.save(update_fields=["total"])
    Customer.objects.filter(email="").delete()


class Migration(migrations.Migration):
    dependencies = [("shop", "0004_order_total")]

    operations = [migrations.RunPython(fill_totals, migrations.RunPython.noop)]
`,
      lines: [16],
      fixes: [
        [
          "def fill_totals(apps, schema_editor):",
          '    Customer = apps.get_model("shop", "Customer")  # the historical model',
          '    # LiveOrder stays imported from the app: apps.get_model("shop", "Order") would give a historical model, which lacks the methods fill_totals() calls that shop/models.py defines on today\'s class: compute_total(), rounded_total().',
          "    # Copy their logic into this migration (functions that take the historical instance) so it keeps working after the model changes, then take LiveOrder from apps.get_model().",
          "    ...  # the rest of fill_totals() as written",
        ].join("\n"),
      ],
    },
    {
      framework: "django",
      name: "the function uses only fields and managers of a model that defines methods (a queryset's update(), not the model's): swapped for apps.get_model() as usual",
      path: "shop/migrations/0005_close_orders.py",
      files: SHOP_MODELS,
      code: `from django.db import migrations

from shop.models import Order


def close_orders(apps, schema_editor):
    for order in Order.objects.filter(total__isnull=True, lines__isnull=False):
        order.total = 0
        order.save(update_fields=["total"])
    Order.objects.filter(total__isnull=True).update(total=0)


class Migration(migrations.Migration):
    dependencies = [("shop", "0004_order_total")]

    operations = [migrations.RunPython(close_orders, migrations.RunPython.noop)]
`,
      lines: [16],
      fixes: [
        [
          "def close_orders(apps, schema_editor):",
          '    Order = apps.get_model("shop", "Order")  # the historical model, not `from shop.models import Order`',
          "    ...  # the rest of close_orders() as written, every model it imports taken from apps.get_model() like this one",
        ].join("\n"),
      ],
    },
    {
      framework: "django",
      name: "the app's AppConfig sets a label other than its folder's name (meinberlin's adminlog app is meinberlin_adminlog): apps.get_model() takes that label",
      path: "meinberlin/apps/adminlog/migrations/0002_clear_log.py",
      files: {
        "meinberlin/apps/adminlog/apps.py": `from django.apps import AppConfig


class Config(AppConfig):
    name = "meinberlin.apps.adminlog"
    label = "meinberlin_adminlog"
`,
      },
      code: `from django.db import migrations

from meinberlin.apps.adminlog.models import LogEntry


def clear_log(apps, schema_editor):
    LogEntry.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("meinberlin_adminlog", "0001_initial")]

    operations = [migrations.RunPython(clear_log, migrations.RunPython.noop)]
`,
      lines: [13],
      fixes: [
        [
          "def clear_log(apps, schema_editor):",
          '    LogEntry = apps.get_model("meinberlin_adminlog", "LogEntry")  # the historical model, not `from meinberlin.apps.adminlog.models import LogEntry`',
          "    ...  # the rest of clear_log() as written, every model it imports taken from apps.get_model() like this one",
        ].join("\n"),
      ],
    },
    {
      framework: "django",
      name: "a model of an installed package outside the repository (adhocracy4's Phase, label a4phases): its app label cannot be read, so the fix says it is unknown instead of guessing",
      path: "meinberlin/apps/documents/migrations/0004_remove_create_document_phase.py",
      files: {
        "meinberlin/apps/documents/apps.py": `from django.apps import AppConfig


class Config(AppConfig):
    name = "meinberlin.apps.documents"
    label = "meinberlin_documents"
`,
      },
      code: `from django.db import migrations

from adhocracy4.phases.models import Phase


def remove_create_phase(apps, schema_editor):
    Phase.objects.filter(type="meinberlin_documents:030:create_document").delete()


class Migration(migrations.Migration):
    dependencies = [("meinberlin_documents", "0003_add_chapter_weight")]

    operations = [migrations.RunPython(remove_create_phase)]
`,
      lines: [13],
      fixes: [
        [
          "def remove_create_phase(apps, schema_editor):",
          "    # Phase comes from adhocracy4.phases, an app whose AppConfig is not in this repository: its app label is unknown to migguard",
          '    # (the label its own migrations\' dependencies name), so write Phase = apps.get_model(<that label>, "Phase")',
          "    ...  # the rest of remove_create_phase() as written, every model it imports taken from apps.get_model() like this one",
        ].join("\n"),
      ],
    },
    {
      framework: "django",
      name: "the function reads a nested class of today's model and hands its rows to a project function: no blind swap, the fix names both (onadata 0042: Instance.DecryptionStatus, decrypt_instance(instance))",
      path: "shop/migrations/0007_remind_open_invoices.py",
      files: BILLING_MODELS,
      code: `from django.db import migrations


def remind(apps, schema_editor):
    from shop.billing import send_reminder
    from shop.models import Invoice

    for invoice in Invoice.objects.filter(status=Invoice.Status.OPEN).iterator():
        send_reminder(invoice)


class Migration(migrations.Migration):
    dependencies = [("shop", "0006_invoice_status")]

    operations = [migrations.RunPython(remind, migrations.RunPython.noop)]
`,
      lines: [15],
      fixes: [
        [
          "def remind(apps, schema_editor):",
          '    # Invoice stays imported from the app: apps.get_model("shop", "Invoice") would give a historical model, which lacks the nested class remind() reads that shop/models.py defines in today\'s class: Invoice.Status. remind() hands its Invoice rows to shop.billing.send_reminder(), project code written for today\'s class: a historical instance lacks its methods and any field added since, which it may use.',
          "    # Copy their logic into this migration (functions that take the historical instance, the nested classes' values as constants) so it keeps working after the model changes, then take Invoice from apps.get_model().",
          "    ...  # the rest of remind() as written",
        ].join("\n"),
      ],
    },
    {
      framework: "django",
      name: "a method called on the row a queryset returns (Invoice.objects.get(...).recompute(), onadata 0031): today's class defines it, so no blind swap",
      path: "shop/migrations/0007_recompute.py",
      files: BILLING_MODELS,
      code: `from django.db import migrations

from shop.models import Invoice


def recompute(apps, schema_editor):
    Invoice.objects.get(id=1).recompute()


class Migration(migrations.Migration):
    dependencies = [("shop", "0006_invoice_status")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
`,
      lines: [13],
      fixes: [
        [
          "def recompute(apps, schema_editor):",
          '    # Invoice stays imported from the app: apps.get_model("shop", "Invoice") would give a historical model, which lacks the methods recompute() calls that shop/models.py defines on today\'s class: recompute().',
          "    # Copy their logic into this migration (functions that take the historical instance) so it keeps working after the model changes, then take Invoice from apps.get_model().",
          "    ...  # the rest of recompute() as written",
        ].join("\n"),
      ],
    },
    {
      framework: "django",
      name: "fields, the manager and a third-party function given a value (not a row): swapped for apps.get_model() as usual",
      path: "shop/migrations/0007_round_totals.py",
      files: BILLING_MODELS,
      code: `from django.db import migrations

from shop.models import Invoice
from moneyed import round_amount


def round_totals(apps, schema_editor):
    for invoice in Invoice.objects.filter(total__isnull=False):
        invoice.total = round_amount(invoice.total)
        invoice.save(update_fields=["total"])


class Migration(migrations.Migration):
    dependencies = [("shop", "0006_invoice_status")]

    operations = [migrations.RunPython(round_totals, migrations.RunPython.noop)]
`,
      lines: [16],
      fixes: [
        [
          "def round_totals(apps, schema_editor):",
          '    Invoice = apps.get_model("shop", "Invoice")  # the historical model, not `from shop.models import Invoice`',
          "    ...  # the rest of round_totals() as written, every model it imports taken from apps.get_model() like this one",
        ].join("\n"),
      ],
    },
    {
      framework: "django",
      name: "a model of an installed package whose custom methods the module's functions call on its rows (galaxy_ng 0060: Manifest.init_metadata() through _update_manifests(), _init_manifest()): no blind swap, the fix names the methods to copy, and the label comes from the migration's dependencies, never guessed",
      path: "galaxy_ng/app/migrations/0060_handle_container_image_data.py",
      files: GALAXY_APP,
      code: containerImageData("# Vendored from pulp_container's container-handle-image-data command."),
      lines: [39],
      severities: ["error"],
      messages: ["It calls methods of today's classes that a historical model lacks (Manifest's init_image_nature(), init_metadata()): apps.get_model() alone fails on them"],
      fixes: [
        [
          "def handle_image_data(apps, schema_editor):",
          '    ContainerDistribution = apps.get_model("container", "ContainerDistribution")  # the historical model; "container" is the label this migration\'s dependencies give pulp_container.app',
          '    # Manifest stays imported from the app: apps.get_model("container", "Manifest") would give a historical model, which lacks the methods handle_image_data() calls (through _update_manifests(), _init_manifest()) that today\'s class defines (in pulp_container.app.models, outside this repository): init_image_nature(), init_metadata().',
          "    # Copy their logic into this migration (functions that take the historical instance) so it keeps working after the model changes, then take Manifest from apps.get_model().",
          "    ...  # the rest of handle_image_data() as written",
        ].join("\n"),
      ],
    },
    {
      framework: "django",
      name: "the same, with a comment that says the migration calls the live Manifest's methods on purpose (galaxy_ng 0060): a warning that quotes it, since a fresh install after Manifest changes still runs today's class",
      path: "galaxy_ng/app/migrations/0060_handle_container_image_data.py",
      files: GALAXY_APP,
      code: containerImageData("# Model methods (init_metadata, etc.) still call the live Manifest API."),
      lines: [39],
      severities: ["warning"],
      messages: ["Its comment on line 4 says it uses today's class on purpose (`# Model methods (init_metadata, etc.) still call the live Manifest API.`): a warning"],
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

import { DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { CF_PUSH_THEN_MIGRATE, OFFLINE_ENTRYPOINT } from "../../testing/deploy-fixtures.js";
import { defineCases } from "../support/rule.js";

/** one AddField on the existing Order, on line 7 */
const ADD_FIELD = (field: string) => `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]
    operations = [
        migrations.AddField(model_name="order", name="is_enrolled", field=${field}),
    ]
`;

/** app/models.py at head: Order with the fields given */
const MODELS = (fields: string) => `from django.db import models


class Order(models.Model):
    number = models.CharField(max_length=200)
${fields}`;

/** a view that lists the orders: a query of Order */
const VIEWS = { "app/views.py": "from app.models import Order\n\n\ndef orders(request):\n    return list(Order.objects.all())\n" };

const ENROLLED = '    is_enrolled = models.BooleanField(default=False, help_text="Enrolled in DNS hosting.")\n';

/** the same workflow, with the migration task run before the push */
const MIGRATE_THEN_PUSH = {
  ".github/workflows/deploy-stable.yaml": CF_PUSH_THEN_MIGRATE[".github/workflows/deploy-stable.yaml"]
    .replace("push -f ops/manifests/manifest-stable.yaml --strategy rolling", "PLACEHOLDER")
    .replace("\"run-task getgov-stable --command 'python manage.py migrate' --name migrate\"", "push -f ops/manifests/manifest-stable.yaml --strategy rolling")
    .replace("PLACEHOLDER", "\"run-task getgov-stable --command 'python manage.py migrate' --name migrate\""),
};

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "manage.get.gov 0173: the workflow pushes the code (cf push), then runs migrate as a task; the model at head declares the field: every query of Order selects it before it exists",
      code: ADD_FIELD('models.BooleanField(default=False, help_text="Enrolled in DNS hosting.")'),
      files: { ...DJANGO_INITIAL, "app/models.py": MODELS(ENROLLED), ...VIEWS, ...CF_PUSH_THEN_MIGRATE },
      lines: [7],
      severities: ["error"],
      messages: ["New code is live before this migration runs: Order (app/models.py) declares is_enrolled, so every query of Order selects app_order.is_enrolled"],
      fixes: [
        [
          "# the new code is live before `migrate` runs (the deploy pushes it first): the column ships a release ahead of the code that reads it.",
          "# Release 1, this migration, with the model field left out of the code: the column reaches the database only (NULL-able: that release's inserts leave it out):",
          "migrations.SeparateDatabaseAndState(",
          '    database_operations=[migrations.AddField(model_name="Order", name="is_enrolled", field=models.BooleanField(default=False, help_text="Enrolled in DNS hosting.", null=True))],',
          "    state_operations=[],",
          "),",
          "# Release 2, with the model field, a new migration that tells Django's state, then makes it NOT NULL (Django fills NULLs with the default):",
          "migrations.SeparateDatabaseAndState(",
          '    state_operations=[migrations.AddField(model_name="Order", name="is_enrolled", field=models.BooleanField(default=False, help_text="Enrolled in DNS hosting.", null=True))],',
          "    database_operations=[],",
          "),",
          'migrations.AlterField(model_name="Order", name="is_enrolled", field=models.BooleanField(default=False, help_text="Enrolled in DNS hosting.")),',
          "# or run `manage.py migrate` before the code is pushed, in one release",
        ].join("\n"),
      ],
    },
    {
      framework: "django",
      name: "manage.get.gov 0179: a NULL-able field is selected just the same; its fix has no NOT NULL step",
      code: ADD_FIELD("models.DateTimeField(blank=True, null=True)"),
      files: { ...DJANGO_INITIAL, "app/models.py": MODELS("    is_enrolled = models.DateTimeField(blank=True, null=True)\n"), ...VIEWS, ...CF_PUSH_THEN_MIGRATE },
      lines: [7],
      severities: ["error"],
    },
    {
      framework: "django",
      name: "config `deploy: code-before-migrate` says the order without any deploy file",
      code: ADD_FIELD('models.BooleanField(default=False, help_text="Enrolled in DNS hosting.")'),
      files: { ...DJANGO_INITIAL, "app/models.py": MODELS(ENROLLED), ...VIEWS },
      config: { deploy: "code-before-migrate" },
      lines: [7],
    },
    {
      framework: "django",
      name: "a template walks to the orders through the related_name of Order's ForeignKey (customer.orders.all): a query of Order",
      code: ADD_FIELD('models.BooleanField(default=False, help_text="Enrolled in DNS hosting.")'),
      files: {
        ...DJANGO_INITIAL,
        "app/models.py": MODELS(`${ENROLLED}    customer = models.ForeignKey("app.Customer", on_delete=models.CASCADE, related_name="orders")\n`),
        "app/views.py": "def customer(request):\n    return None\n",
        "app/templates/customer.html": "{% for order in customer.orders.all %}{{ order.number }}{% endfor %}\n",
        ...CF_PUSH_THEN_MIGRATE,
      },
      lines: [7],
    },
    {
      framework: "django",
      name: "a view follows a project's own relation field to the order (link.order): the field keeps Order's key (related model and on_delete=), so it is a query of Order",
      code: ADD_FIELD('models.BooleanField(default=False, help_text="Enrolled in DNS hosting.")'),
      files: {
        ...DJANGO_INITIAL,
        "app/models/__init__.py": 'from .order import Order\nfrom .link import OrderLink\n\n__all__ = ["Order", "OrderLink"]\n',
        "app/models/order.py": MODELS(ENROLLED),
        "app/models/link.py": 'from django.db import models\n\nfrom app.fields import AuditedKey\n\n\nclass OrderLink(models.Model):\n    order = AuditedKey("app.Order", on_delete=models.CASCADE)\n',
        "app/views.py": "def link_number(request, link):\n    return link.order.number\n",
        ...CF_PUSH_THEN_MIGRATE,
      },
      lines: [7],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "manage.get.gov 0166 at 2fb87f2c24: nothing outside the model files queries Order (the package re-exports it, a view keeps an attribute of its own named like a relation to it, a dict key names it): no page reads the column before it exists",
      code: ADD_FIELD('models.BooleanField(default=False, help_text="Enrolled in DNS hosting.")'),
      files: {
        ...DJANGO_INITIAL,
        "app/models/__init__.py": 'from .order import Order\nfrom .link import OrderLink\n\n__all__ = ["Order", "OrderLink"]\n',
        "app/models/order.py": MODELS(ENROLLED),
        "app/models/link.py": 'from django.db import models\n\n\nclass OrderLink(models.Model):\n    order = models.ForeignKey("app.Order", on_delete=models.CASCADE, related_name="links")\n',
        "app/views.py": 'class OrderFormView:\n    def __init__(self):\n        self.order = None\n\n    def context(self):\n        return {"order": self.order}\n',
        ...CF_PUSH_THEN_MIGRATE,
      },
    },
    {
      framework: "django",
      name: "no deploy file says the order: the migrations are taken to run before the code (online), nothing to say",
      code: ADD_FIELD('models.BooleanField(default=False, help_text="Enrolled in DNS hosting.")'),
      files: { ...DJANGO_INITIAL, "app/models.py": MODELS(ENROLLED) },
    },
    {
      framework: "django",
      name: "the workflow runs the migration task before the push: the old code serves while it runs",
      code: ADD_FIELD('models.BooleanField(default=False, help_text="Enrolled in DNS hosting.")'),
      files: { ...DJANGO_INITIAL, "app/models.py": MODELS(ENROLLED), ...MIGRATE_THEN_PUSH },
    },
    {
      framework: "django",
      name: "an entrypoint migrates before the server starts (offline): each instance migrates before it serves",
      code: ADD_FIELD('models.BooleanField(default=False, help_text="Enrolled in DNS hosting.")'),
      files: { ...DJANGO_INITIAL, "app/models.py": MODELS(ENROLLED), ...OFFLINE_ENTRYPOINT, ...CF_PUSH_THEN_MIGRATE },
    },
    {
      framework: "django",
      name: "the model at head no longer declares the field (a later change removed it): nothing shows the new code reads it",
      code: ADD_FIELD('models.BooleanField(default=False, help_text="Enrolled in DNS hosting.")'),
      files: { ...DJANGO_INITIAL, "app/models.py": MODELS(""), ...CF_PUSH_THEN_MIGRATE },
    },
    {
      framework: "django",
      name: "a table the migration creates: only code that uses the new model reads it",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]
    operations = [
        migrations.CreateModel(name="Zone", fields=[("id", models.BigAutoField(primary_key=True))]),
        migrations.AddField(model_name="zone", name="name", field=models.CharField(max_length=253, null=True)),
    ]
`,
      files: { ...DJANGO_INITIAL, "app/models.py": 'from django.db import models\n\n\nclass Zone(models.Model):\n    name = models.CharField(max_length=253, null=True)\n', ...CF_PUSH_THEN_MIGRATE },
    },
  ],
});

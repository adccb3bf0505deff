import { DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "AddConstraint with a CheckConstraint validates every row",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddConstraint(
            model_name="order",
            constraint=models.CheckConstraint(condition=models.Q(total__gte=0), name="order_total_positive"),
        ),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8],
    },
    {
      framework: "django",
      name: "AddField then a CHECK on it (Saleor's webhook identifier): a full scan under the lock though no row can fail (warning)",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="identifier", field=models.CharField(blank=True, max_length=256, null=True)),
        migrations.AddConstraint(
            model_name="order",
            constraint=models.CheckConstraint(condition=~models.Q(identifier=""), name="order_identifier_not_blank"),
        ),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [9],
    },
    {
      framework: "django",
      name: "AlterField pointing a ForeignKey at another model: the new key checks every row",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="order",
            name="customer",
            field=models.ForeignKey(on_delete=models.CASCADE, to="app.legacyinvoice"),
        ),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "AddField of a nullable ForeignKey: Django adds the constraint with the empty column, so PostgreSQL validates nothing",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="order",
            name="invoice",
            field=models.ForeignKey(null=True, db_index=False, on_delete=models.SET_NULL, to="app.legacyinvoice"),
        ),
    ]
`,
      files: DJANGO_INITIAL,
    },
    {
      framework: "django",
      name: "AlterField of a ForeignKey that keeps its target (on_delete, related_name are Python only)",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="order",
            name="customer",
            field=models.ForeignKey(on_delete=models.PROTECT, related_name="orders", to="app.customer"),
        ),
    ]
`,
      files: DJANGO_INITIAL,
    },
    {
      framework: "django",
      name: "AddConstraintNotValid, validated in a later migration",
      code: `from django.contrib.postgres.operations import AddConstraintNotValid
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        AddConstraintNotValid(
            model_name="order",
            constraint=models.CheckConstraint(condition=models.Q(total__gte=0), name="order_total_positive"),
        ),
    ]
`,
      files: DJANGO_INITIAL,
    },
  ],
});

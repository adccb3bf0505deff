import { DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "AddConstraintNotValid and ValidateConstraint in one atomic migration",
      code: `from django.contrib.postgres.operations import AddConstraintNotValid, ValidateConstraint
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        AddConstraintNotValid(
            model_name="order",
            constraint=models.CheckConstraint(condition=models.Q(total__gte=0), name="order_total_positive"),
        ),
        ValidateConstraint(model_name="order", name="order_total_positive"),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [13],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "ValidateConstraint in its own migration",
      code: `from django.contrib.postgres.operations import ValidateConstraint
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [ValidateConstraint(model_name="order", name="order_total_positive")]
`,
      files: DJANGO_INITIAL,
    },
  ],
});

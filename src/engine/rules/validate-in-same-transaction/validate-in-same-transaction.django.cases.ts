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
      fixes: ['# next migration:\nfrom django.contrib.postgres.operations import ValidateConstraint\nValidateConstraint(model_name="Order", name="order_total_positive"),'],
    },
    {
      framework: "django",
      name: "RunSQL that adds NOT VALID and validates in one atomic migration: the VALIDATE moves to the next migration as SQL (no model to name)",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RunSQL("ALTER TABLE app_order ADD CONSTRAINT order_total_positive CHECK (total >= 0) NOT VALID"),
        migrations.RunSQL("ALTER TABLE app_order VALIDATE CONSTRAINT order_total_positive"),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [9],
      fixes: ['# next migration:\nmigrations.RunSQL("ALTER TABLE app_order VALIDATE CONSTRAINT order_total_positive", reverse_sql=migrations.RunSQL.noop),'],
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

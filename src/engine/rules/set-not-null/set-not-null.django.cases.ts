import { DJANGO_4_2_FILES, DJANGO_5_1_FILES, DJANGO_DEFAULTS_MIGRATION, DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "Django 4.2 pinned in requirements/base.txt: check= for CheckConstraint, and no db_default (5.0+): the AddField as written (a callable default stays) then a RunSQL SET DEFAULT of the migration's own; NULLs the AlterField's default fills are filled before VALIDATE",
      code: DJANGO_DEFAULTS_MIGRATION,
      files: DJANGO_4_2_FILES,
      lines: [14],
      fixes: [
        `from django.contrib.postgres.operations import AddConstraintNotValid, ValidateConstraint
# migration 1
AddConstraintNotValid(model_name="Order", constraint=models.CheckConstraint(check=models.Q(quantity__isnull=False), name="app_order_quantity_not_null")),
# migration 2: fill the NULLs first (with the AlterField's default, in batches: UPDATE app_order SET quantity = <default> WHERE quantity IS NULL), then
ValidateConstraint(model_name="Order", name="app_order_quantity_not_null"),
# migration 3: AlterField(..., null=False) (PostgreSQL 12+ skips the scan), then RemoveConstraint`,
      ],
    },
    {
      framework: "django",
      name: "Django >=5.1,<6 in pyproject.toml [project]: condition= and db_default, a callable default kept as the Python default",
      code: DJANGO_DEFAULTS_MIGRATION,
      files: DJANGO_5_1_FILES,
      lines: [14],
      fixes: [
        `from django.contrib.postgres.operations import AddConstraintNotValid, ValidateConstraint
# migration 1
AddConstraintNotValid(model_name="Order", constraint=models.CheckConstraint(condition=models.Q(quantity__isnull=False), name="app_order_quantity_not_null")),
# migration 2: fill the NULLs first (with the AlterField's default, in batches: UPDATE app_order SET quantity = <default> WHERE quantity IS NULL), then
ValidateConstraint(model_name="Order", name="app_order_quantity_not_null"),
# migration 3: AlterField(..., null=False) (PostgreSQL 12+ skips the scan), then RemoveConstraint`,
      ],
    },
    {
      framework: "django",
      name: "AlterField from null=True to NOT NULL",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="order", name="quantity", field=models.IntegerField(default=1)),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "a validated CHECK constraint first lets PostgreSQL 12+ skip the scan",
      code: `from django.contrib.postgres.operations import ValidateConstraint
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        ValidateConstraint(model_name="order", name="order_quantity_not_null"),
        migrations.AlterField(model_name="order", name="quantity", field=models.IntegerField(default=1)),
    ]
`,
      files: DJANGO_INITIAL,
    },
    {
      framework: "django",
      name: "making a column nullable",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AlterField(model_name="order", name="total", field=models.BigIntegerField(null=True))]
`,
      files: DJANGO_INITIAL,
    },
  ],
});

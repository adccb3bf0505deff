import { DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "RenameModel renames the table",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.RenameModel(old_name="Order", new_name="Purchase")]
`,
      files: DJANGO_INITIAL,
      lines: [7],
    },
    {
      framework: "django",
      name: "AlterModelTable",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AlterModelTable(name="order", table="orders")]
`,
      files: DJANGO_INITIAL,
      lines: [7],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "a model with db_table keeps its table when renamed",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.RenameModel(old_name="LegacyInvoice", new_name="Invoice")]
`,
      files: DJANGO_INITIAL,
    },
  ],
});

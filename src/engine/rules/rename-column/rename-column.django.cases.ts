import { DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "RenameField renames the column (a ForeignKey's _id column too)",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RenameField(model_name="order", old_name="note", new_name="comment"),
        migrations.RenameField(model_name="order", old_name="customer", new_name="buyer"),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8, 9],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "a field with db_column keeps its column name",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.RenameField(model_name="order", old_name="reference", new_name="external_reference")]
`,
      files: DJANGO_INITIAL,
    },
  ],
});

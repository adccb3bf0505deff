import { DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "a column moved aside with RunSQL for a new field of the same name, added right after (awx's JSONBlob to JSONField): old code finds the name, on the new column's values",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE app_order RENAME note TO note_old",
            state_operations=[migrations.RemoveField(model_name="order", name="note")],
        ),
        migrations.AddField(model_name="order", name="note", field=models.JSONField(null=True)),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [9],
      messages: ["moves its values away from the running code: note is added anew later in this migration"],
    },
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

import { DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "DeleteModel drops the table",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.DeleteModel(name="Order"),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "the model leaves Django's state only (the table stays for now)",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="Order")]),
    ]
`,
      files: DJANGO_INITIAL,
    },
  ],
});

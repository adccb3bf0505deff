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
    {
      framework: "django",
      name: "the planned last step: the model left Django's state in an earlier migration, now the table goes (a warning with a backup)",
      path: "app/migrations/0003_drop_order_table.py",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0002_remove_order_from_state")]

    operations = [
        migrations.RunSQL("DROP TABLE IF EXISTS app_order;", reverse_sql=migrations.RunSQL.noop),
    ]
`,
      files: {
        ...DJANGO_INITIAL,
        "app/migrations/0002_remove_order_from_state.py": `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="Order")]),
    ]
`,
      },
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

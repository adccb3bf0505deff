import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "TRUNCATE in RunSQL",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0009_event")]

    operations = [migrations.RunSQL("TRUNCATE core_event", reverse_sql=migrations.RunSQL.noop)]
`,
      lines: [7],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "truncating a table created in the same migration",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0009_event")]

    operations = [
        migrations.RunSQL(["CREATE TABLE core_scratch (id bigint)", "TRUNCATE core_scratch"], reverse_sql="DROP TABLE core_scratch"),
    ]
`,
    },
  ],
});

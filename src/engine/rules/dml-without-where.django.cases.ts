import { defineCases } from "./rule.js";

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "DELETE without WHERE in RunSQL, with params tuples",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0009_event")]

    operations = [
        migrations.RunSQL(
            [("DELETE FROM core_event WHERE kind = %s", ["debug"]), ("DELETE FROM core_session", None)],
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
`,
      lines: [9],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "DELETE with WHERE",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0009_event")]

    operations = [migrations.RunSQL("DELETE FROM core_session WHERE expires_at < now()", migrations.RunSQL.noop)]
`,
    },
  ],
});

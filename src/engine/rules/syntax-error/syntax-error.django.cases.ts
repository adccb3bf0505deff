import { defineCases } from "../support/rule.js";

/** The engine's own finding for Django: Python's grammar (tree-sitter), and PostgreSQL's for RunSQL. */
export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "an unclosed parenthesis",
      code: 'from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    operations = [\n        migrations.AddField("user", "phone", models.TextField(null=True),\n    ]\n',
      lines: [6],
    },
    {
      framework: "django",
      name: "a typo in RunSQL",
      code: 'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    operations = [\n        migrations.RunSQL("ALTER TABLE app_user ADD COLUM phone text", reverse_sql="ALTER TABLE app_user DROP COLUMN phone"),\n    ]\n',
      lines: [6],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "RunSQL with an empty string: Django runs nothing",
      code: 'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    operations = [\n        migrations.RunSQL(sql="", reverse_sql="DROP EXTENSION IF EXISTS hstore"),\n    ]\n',
    },
    {
      framework: "django",
      name: "the same migration, well formed",
      code: 'from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    operations = [\n        migrations.AddField("user", "phone", models.TextField(null=True)),\n    ]\n',
    },
  ],
});

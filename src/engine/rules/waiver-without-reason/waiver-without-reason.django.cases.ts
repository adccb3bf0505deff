import { defineCases } from "../support/rule.js";

/** The engine's own finding, for Python comments. */
export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "a waiver that does not say why",
      code: 'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    operations = [\n        # migguard:ignore drop-table\n        migrations.DeleteModel("LegacyReport"),\n    ]\n',
      lines: [6],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "a waiver with its reason",
      code: 'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    operations = [\n        # migguard:ignore drop-table emptied and unused since 2019, see #812\n        migrations.DeleteModel("LegacyReport"),\n    ]\n',
    },
  ],
});

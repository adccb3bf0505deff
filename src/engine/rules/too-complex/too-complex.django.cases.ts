import { defineCases } from "../support/rule.js";

/** The engine's own finding for Python: the file is reported, and the later migrations of the app still checked. */
export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "a module constant nested four hundred levels deep",
      code: `from django.db import migrations\n\nLAYOUT = ${"[".repeat(400)}${"]".repeat(400)}\n\n\nclass Migration(migrations.Migration):\n    operations = []\n`,
      lines: [3],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "a constant nested a few levels",
      code: 'from django.db import migrations\n\nLAYOUT = [["a", ["b"]]]\n\n\nclass Migration(migrations.Migration):\n    operations = []\n',
    },
  ],
});

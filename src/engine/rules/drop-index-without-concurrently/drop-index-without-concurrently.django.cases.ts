import { DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "atomic = False: the RemoveField's lock ends with its own statement, RemoveIndex waits again",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RemoveField(model_name="order", name="note"),
        migrations.RemoveIndex(model_name="order", name="order_number_idx"),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [10],
    },
    {
      framework: "django",
      name: "RemoveIndex",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.RemoveIndex(model_name="order", name="order_number_idx")]
`,
      files: DJANGO_INITIAL,
      lines: [7],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "RemoveField earlier in the atomic migration already holds ACCESS EXCLUSIVE on the table: RemoveIndex adds no lock wait",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RemoveField(model_name="order", name="note"),
        migrations.RemoveIndex(model_name="order", name="order_number_idx"),
    ]
`,
      files: DJANGO_INITIAL,
    },
    {
      framework: "django",
      name: "RemoveIndexConcurrently with atomic = False",
      code: `from django.contrib.postgres.operations import RemoveIndexConcurrently
from django.db import migrations


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("app", "0001_initial")]

    operations = [RemoveIndexConcurrently(model_name="order", name="order_number_idx")]
`,
      files: DJANGO_INITIAL,
    },
  ],
});

import { DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
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

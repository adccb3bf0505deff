import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "the new value is used in the same atomic migration",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shop", "0004_order_status")]

    operations = [
        migrations.RunSQL("ALTER TYPE order_status ADD VALUE 'refunded'", reverse_sql=migrations.RunSQL.noop),
        migrations.RunSQL("UPDATE shop_order SET status = 'refunded' WHERE refunded_at IS NOT NULL", reverse_sql=migrations.RunSQL.noop),
    ]
`,
      lines: [9],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "atomic = False: each RunSQL commits on its own",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("shop", "0004_order_status")]

    operations = [
        migrations.RunSQL("ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded'", reverse_sql=migrations.RunSQL.noop),
        migrations.RunSQL("UPDATE shop_order SET status = 'refunded' WHERE refunded_at IS NOT NULL", reverse_sql=migrations.RunSQL.noop),
    ]
`,
    },
  ],
});

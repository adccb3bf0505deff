import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "LOCK TABLE in RunSQL holds the lock for the whole atomic migration",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shop", "0004_order_status")]

    operations = [
        migrations.RunSQL(
            """
            LOCK TABLE shop_order IN ACCESS EXCLUSIVE MODE;
            UPDATE shop_order SET total = 0 WHERE total IS NULL;
            """,
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
`,
      lines: [10],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "a weak lock mode",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shop", "0004_order_status")]

    operations = [migrations.RunSQL("LOCK TABLE shop_order IN ROW SHARE MODE", reverse_sql=migrations.RunSQL.noop)]
`,
    },
  ],
});

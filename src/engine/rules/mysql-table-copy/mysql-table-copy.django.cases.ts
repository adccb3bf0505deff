import { defineCases } from "../support/rule.js";

const mysql = { database: "mysql" };

const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    operations = [
        migrations.CreateModel(
            name="Order",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("code", models.CharField(max_length=40)),
                ("total", models.IntegerField()),
            ],
        ),
    ]
`;


/** ralph's trade_marks in small: the mark's `type` a plain integer field of the given class, then (0002) a ForeignKey */
const TRADE_MARKS = (fieldClass: string) => ({
  "trade_marks/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    operations = [
        migrations.CreateModel(name="TradeMarkKind", fields=[("id", models.AutoField(primary_key=True, serialize=False)), ("type", models.CharField(max_length=255))]),
        migrations.CreateModel(name="TradeMark", fields=[("id", models.AutoField(primary_key=True, serialize=False)), ("type", models.${fieldClass}(default=2))]),
    ]
`,
});
const TYPE_TO_KEY = `import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("trade_marks", "0001_initial")]
    operations = [
        migrations.AlterField(model_name="trademark", name="type", field=models.ForeignKey(on_delete=django.db.models.deletion.DO_NOTHING, related_name="trademarks", to="trade_marks.TradeMarkKind")),
    ]
`;

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "ralph trade_marks 0013: a PositiveIntegerField (int unsigned) becomes a ForeignKey (int): the type change copies the table whatever foreign_key_checks says, so the fix is no SET foreign_key_checks = 0 but the whole operation online",
      config: mysql,
      path: "trade_marks/migrations/0002_trademark_type.py",
      files: TRADE_MARKS("PositiveIntegerField"),
      code: TYPE_TO_KEY,
      lines: [8],
      messages: ["and the same statement also turns trade_marks_trademark.type_id from PositiveIntegerField (an unsigned integer on MySQL) into the key's signed integer, a type change MySQL makes only by copying the table, whatever foreign_key_checks says"],
      fixes: [
        `# switching foreign_key_checks off would not keep this in place: the column's type changes too (PositiveIntegerField (an unsigned integer on MySQL) to the key's signed integer), which copies trade_marks_trademark anyway.
# Run the whole operation online, outside the deploy: pt-online-schema-change copies the table in the background and keeps its foreign keys
# (--alter-foreign-keys-method); gh-ost takes no table with foreign keys. Its --alter is the ALTER TABLE clauses that
#   python manage.py sqlmigrate trade_marks 0002_trademark_type
# prints for this operation (the column's new type and name, and the key); then keep this migration as the record that it ran (\`migrate --fake\`).
# Or run it as written where trade_marks_trademark can go without writes while it is copied.`,
      ],
    },
    {
      framework: "django",
      name: "the same from an IntegerField (int, the key's type): only the key copies, and foreign_key_checks = 0 adds it in place",
      config: mysql,
      path: "trade_marks/migrations/0002_trademark_type.py",
      files: TRADE_MARKS("IntegerField"),
      code: TYPE_TO_KEY,
      lines: [8],
      messages: ["with foreign_key_checks=1 MySQL adds a foreign key only by copying the table (INPLACE needs foreign_key_checks=0). Every write"],
    },
    {
      framework: "django",
      name: "ralph accounts 0009: last_name varchar(30) -> varchar(150) crosses the 255-byte length prefix; gh-ost's MODIFY restates the whole column, so it keeps NOT NULL (a bare `MODIFY last_name varchar(150)` makes it DEFAULT NULL)",
      config: mysql,
      path: "accounts/migrations/0002_last_name.py",
      files: {
        "accounts/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    operations = [
        migrations.CreateModel(
            name="RalphUser",
            fields=[
                ("id", models.AutoField(primary_key=True, serialize=False)),
                ("last_name", models.CharField(blank=True, max_length=30, verbose_name="last name")),
            ],
        ),
    ]
`,
      },
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [
        migrations.AlterField(model_name="ralphuser", name="last_name", field=models.CharField(blank=True, max_length=150, verbose_name="last name")),
    ]
`,
      lines: [7],
      fixes: [
        `# run the change online, outside the deploy (gh-ost or pt-online-schema-change copy the table in the
# background and swap it in), then keep this migration as the record that it ran (\`migrate --fake\`):
#  (MYSQL_DATABASE: the database the migrations run in, which they do not name)
#  gh-ost --database="$MYSQL_DATABASE" --table=accounts_ralphuser --alter="MODIFY last_name varchar(150) NOT NULL" --execute
#  pt-online-schema-change --alter "MODIFY last_name varchar(150) NOT NULL" D="$MYSQL_DATABASE",t=accounts_ralphuser --execute`,
      ],
    },
    {
      framework: "django",
      name: "AlterField from IntegerField to DecimalField copies the table",
      config: mysql,
      path: "shop/migrations/0002_total.py",
      files: { "shop/migrations/0001_initial.py": initial },
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]
    operations = [
        migrations.AlterField(model_name="order", name="total", field=models.DecimalField(max_digits=14, decimal_places=2)),
    ]
`,
      lines: [7],
    },
    {
      framework: "django",
      name: "AlterField to a field class migguard cannot read: the fix says the new definition is unknown, with no MODIFY <column> placeholder",
      config: mysql,
      path: "shop/migrations/0002_total_money.py",
      files: { "shop/migrations/0001_initial.py": initial },
      code: `from django.db import migrations

import shop.fields


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]
    operations = [
        migrations.AlterField(model_name="order", name="total", field=shop.fields.MoneyField()),
    ]
`,
      lines: [9],
      fixes: ["# migguard could not read the new definition of shop_order's column: run the change with ALGORITHM=INPLACE, LOCK=NONE added, so MySQL refuses instead of copying the table"],
    },
    {
      framework: "django",
      name: "an id AutoField given to a model keyed by a code until now (AUTO_INCREMENT on MySQL) blocks writes while every row is numbered",
      config: mysql,
      path: "shop/migrations/0002_coupon_id.py",
      files: {
        "shop/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    operations = [
        migrations.CreateModel(name="Coupon", fields=[("code", models.CharField(max_length=40, primary_key=True, serialize=False))]),
    ]
`,
      },
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]
    operations = [
        migrations.AlterField(model_name="coupon", name="code", field=models.CharField(max_length=40, unique=True)),
        migrations.AddField(model_name="coupon", name="id", field=models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"), preserve_default=False),
    ]
`,
      lines: [8],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "a plain field added (INSTANT on MySQL 8.0.12+): no AUTO_INCREMENT to number rows with",
      config: mysql,
      path: "shop/migrations/0002_note.py",
      files: { "shop/migrations/0001_initial.py": initial },
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]
    operations = [
        migrations.AddField(model_name="order", name="note", field=models.CharField(max_length=200, null=True)),
    ]
`,
    },
    {
      framework: "django",
      name: "a VARCHAR widened within the same length prefix (40 -> 60 characters of utf8mb4, under 255 bytes) is in place",
      config: mysql,
      path: "shop/migrations/0002_code.py",
      files: { "shop/migrations/0001_initial.py": initial },
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]
    operations = [
        migrations.AlterField(model_name="order", name="code", field=models.CharField(max_length=60)),
    ]
`,
    },
  ],
});

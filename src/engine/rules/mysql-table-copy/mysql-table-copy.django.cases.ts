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

export default defineCases({
  invalid: [
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

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

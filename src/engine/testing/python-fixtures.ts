/**
 * Earlier migrations the Django and Alembic case tables share: Django rebuilds a model's previous definition
 * from them (AlterField, RenameField...), exactly as when a whole migrations folder is linted.
 */

/** `app/migrations/0001_initial.py`: the `Order` and `Customer` models of the app `app` (tables app_order, app_customer). */
export const DJANGO_INITIAL = {
  "app/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Customer",
            fields=[("id", models.BigAutoField(primary_key=True)), ("email", models.EmailField(max_length=254))],
        ),
        migrations.CreateModel(
            name="Order",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("number", models.CharField(max_length=200)),
                ("quantity", models.IntegerField(null=True)),
                ("total", models.BigIntegerField()),
                ("note", models.TextField(null=True)),
                ("reference", models.CharField(max_length=40, db_column="ref")),
                ("customer", models.ForeignKey(on_delete=models.CASCADE, to="app.customer")),
            ],
            options={"unique_together": {("number", "customer")}},
        ),
        migrations.CreateModel(
            name="LegacyInvoice",
            fields=[("id", models.BigAutoField(primary_key=True))],
            options={"db_table": "invoices"},
        ),
    ]
`,
};

import { productionSnapshot } from "../../testing/production-fixtures.js";
import { DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

const ORDERS = productionSnapshot({ app_order: { rows: 120_000, mb: 40, columns: { quantity: { type: "integer", nullFrac: 0.2, nDistinct: 12 } } } });

const alterQuantity = (field: string) => `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="order", name="quantity", field=${field}),
    ]
`;

export default defineCases({
  invalid: [
    { framework: "django", name: "AlterField to NOT NULL without a default", code: alterQuantity("models.IntegerField()"), files: DJANGO_INITIAL, snapshot: ORDERS, lines: [8] },
  ],
  valid: [
    {
      framework: "django",
      name: "AlterField to NOT NULL with default= (Django fills the NULL rows first)",
      code: alterQuantity("models.IntegerField(default=1)"),
      files: DJANGO_INITIAL,
      snapshot: ORDERS,
    },
  ],
});

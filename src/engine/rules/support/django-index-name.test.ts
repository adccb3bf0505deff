import { analyze } from "../../analyze.js";
import { resolveConfig } from "../../config.js";
import { DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { djangoIndexName, djangoIndexNameWithin } from "./django-index-name.js";

describe("djangoIndexName", () => {
  // expected values from Django's algorithm run in Python (hashlib.md5 over table, columns, "idx")
  it.each([
    ["dcim_inventoryitem", ["parent_id"], "dcim_invent_parent__fcbeb0_idx"],
    ["app_order", ["placed_at"], "app_order_placed__dcce7b_idx"],
    ["circuits_circuittermination", ["_provider_network_id", "term_side"], "circuits_ci__provid_e8fe38_idx"],
  ])("%s %j is %s, within Django's 30 characters", (table, columns, name) => {
    expect(djangoIndexName(table, columns)).toBe(name);
    expect(name.length).toBeLessThanOrEqual(30);
  });

  it("keeps a name Django accepts", () => {
    expect(djangoIndexNameWithin("order_placed_idx", "app_order", ["placed_at"])).toBe("order_placed_idx");
  });
});

it("index-without-concurrently's Django fix declares an index whose name Django's check accepts (models.E034)", async () => {
  const code = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="placed_at_in_the_customers_own_time_zone", field=models.DateTimeField(null=True, db_index=True)),
    ]
`;
  const files = [...Object.entries(DJANGO_INITIAL).map(([path, content]) => ({ path, content })), { path: "app/migrations/0002_order_placed.py", content: code }];
  const result = await analyze({ files, config: resolveConfig({}).config, explicitPaths: new Set(["app/migrations/0002_order_placed.py"]) });
  const fix = result.findings.find((f) => f.rule === "index-without-concurrently")?.fix ?? "";
  // the index names (the fix also repeats the AddField, whose field name= may be longer)
  const names = [...fix.matchAll(/models\.Index\([^)]*name="([^"]+)"/g)].map((m) => m[1]);
  expect(names.length).toBeGreaterThan(0);
  for (const name of names) expect(name.length).toBeLessThanOrEqual(30);
});

/**
 * mixed-ddl-dml on Django migrations through `migguard lint`: a RunPython that copies every order's number onto its
 * customer, then DeleteModel("Order"), is a move (split apart, orders written between the two are lost): a note,
 * kept as written. A RunPython that asks `connection.introspection.table_names()` asks it when it runs, after the
 * AddField before it, in this migration or in one of its own: the answer keeps its meaning, the split stays offered.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

type Finding = { path: string; line: number; rule: string; severity: string; message: string; fix: string };

const INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="Customer", fields=[("id", models.BigAutoField(primary_key=True))]),
        migrations.CreateModel(
            name="Order",
            fields=[("id", models.BigAutoField(primary_key=True)), ("number", models.CharField(max_length=20)), ("customer", models.ForeignKey(on_delete=models.CASCADE, to="shop.customer"))],
        ),
    ]
`;

const second = (fn: string, last: string) => `from django.db import migrations, models


${fn}

class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]

    operations = [
        migrations.AddField(model_name="customer", name="last_number", field=models.CharField(max_length=20, null=True)),
        migrations.RunPython(forwards, migrations.RunPython.noop),${last}
    ]
`;

async function lint(text: string): Promise<Finding[]> {
  const cwd = fileTree({ "shop/__init__.py": "", "shop/migrations/__init__.py": "", "shop/migrations/0001_initial.py": INITIAL, "shop/migrations/0002_move.py": text }, "migguard-django-move-");
  const { output } = await run(["lint", "--format", "json", "shop/migrations"], { cwd });
  return (JSON.parse(output) as { findings: Finding[] }).findings.filter((f) => f.rule === "mixed-ddl-dml");
}

describe("lint: Django moves and schema questions", () => {
  it("a RunPython copying out of a model the migration then deletes: a note, the whole migration kept", async () => {
    const fn = `def forwards(apps, schema_editor):\n    Order = apps.get_model("shop", "Order")\n    Customer = apps.get_model("shop", "Customer")\n    for order in Order.objects.all():\n        Customer.objects.filter(pk=order.customer_id).update(last_number=order.number)\n`;
    const [finding, ...rest] = await lint(second(fn, `\n        migrations.DeleteModel(name="Order"),`));
    expect(rest).toEqual([]);
    expect(finding.severity).toBe("info");
    expect(finding.message).toContain("copies values out of shop_order, which line 17 then drops: a move");
    expect(finding.fix).toContain("# keep the copy of line 16 and the drop of line 17 in this migration, in one transaction, as written (the whole migration):");
  });

  it("a RunPython asking introspection after the AddField: its answer is the same split off, so the split is offered", async () => {
    const fn = `def forwards(apps, schema_editor):\n    if "legacy_numbers" in schema_editor.connection.introspection.table_names():\n        apps.get_model("shop", "Customer").objects.update(last_number="legacy")\n`;
    const [finding, ...rest] = await lint(second(fn, ""));
    expect(rest).toEqual([]);
    expect(finding.severity).toBe("error");
    expect(finding.fix).toContain("# migration 2, new file");
  });
});

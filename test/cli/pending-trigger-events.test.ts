/**
 * mixed-ddl-dml on a Django migration that fails (openfun/joanie 0080), through `migguard lint`: a RunPython gives
 * rows a new deferred foreign key value, then a RemoveField alters the same table in the same transaction, and
 * PostgreSQL refuses the ALTER TABLE ("pending trigger events"). The finding is an error that says the migration
 * fails; its fix is SET CONSTRAINTS ALL IMMEDIATE just before the RemoveField, in place (it fits a migration that
 * already ran elsewhere, where a split after the folder's newest would not). With it, the migration runs and no
 * failure is claimed.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-pending-trigger-events-");

const INITIAL = `from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="ContractDefinition", fields=[("id", models.UUIDField(primary_key=True)), ("title", models.CharField(max_length=255))]),
        migrations.CreateModel(
            name="Product",
            fields=[
                ("id", models.UUIDField(primary_key=True)),
                ("title", models.CharField(max_length=255)),
                ("contract_definition", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, to="core.contractdefinition")),
            ],
        ),
    ]
`;

const moveKey = (between: string) => `from django.db import migrations, models
import django.db.models.deletion


def migrate_to_contract_definition_order(apps, schema_editor):
    Product = apps.get_model("core", "Product")
    for product in Product.objects.filter(contract_definition__isnull=False):
        contract_definition = product.contract_definition
        product.contract_definition_order = contract_definition
        product.contract_definition = None
        product.save()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="product",
            name="contract_definition_order",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="contract_definition_order", to="core.contractdefinition"),
        ),
        migrations.RunPython(migrate_to_contract_definition_order, migrations.RunPython.noop),${between}
        migrations.RemoveField(model_name="product", name="contract_definition"),
    ]
`;

async function mixed(second: string) {
  const cwd = repo({ "core/migrations/__init__.py": "", "core/migrations/0001_initial.py": INITIAL, "core/migrations/0002_product_contract_definition_order.py": second });
  const { findings } = JSON.parse((await run(["lint", "--format", "json", "core/migrations/0002_product_contract_definition_order.py"], { cwd })).output) as {
    findings: Array<{ rule: string; line: number; severity: string; message: string; fix: string }>;
  };

  return findings.filter((f) => f.rule === "mixed-ddl-dml");
}

describe("a data change that queues deferred foreign key checks, then an ALTER TABLE of the same table (joanie 0080)", () => {
  it("is an error saying the migration fails, whose fix runs the queued checks just before the RemoveField, in place", async () => {
    const [finding, ...rest] = await mixed(moveKey(""));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ line: 23, severity: "error" });
    expect(finding.message).toContain(`This migration fails: this data change gives core_product.contract_definition_order_id new values`);
    expect(finding.message).toContain(`'cannot ALTER TABLE "core_product" because it has pending trigger events'`);
    expect(finding.fix).toBe(
      [
        "# just before line 24: the foreign key checks the data change queued run here, as at the commit, so the drop column of core_product finds none pending",
        'migrations.RunSQL("SET CONSTRAINTS ALL IMMEDIATE", reverse_sql=migrations.RunSQL.noop),',
      ].join("\n"),
    );
  });

  it("is no failure once SET CONSTRAINTS ALL IMMEDIATE runs the checks before the RemoveField", async () => {
    const findings = await mixed(moveKey(`\n        migrations.RunSQL("SET CONSTRAINTS ALL IMMEDIATE", reverse_sql=migrations.RunSQL.noop),`));
    expect(findings.length).toBe(1);
    expect(findings[0].message).not.toContain("This migration fails");
  });
});

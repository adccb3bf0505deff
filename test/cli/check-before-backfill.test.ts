/**
 * mixed-ddl-dml through `migguard lint` on joanie 0090's order: AddField, a CheckConstraint that needs the new
 * column set on some rows, then the RunPython that fills it. PostgreSQL checks every row when the CHECK is added,
 * while the column is NULL in all of them: the migration fails. The error's fix is the migration with the CHECK
 * after the RunPython; written in that order already, no failure is claimed.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";

const INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Quote",
            fields=[("id", models.BigAutoField(primary_key=True)), ("has_purchase_order", models.BooleanField(default=False)), ("signed_on", models.DateTimeField(null=True))],
        ),
    ]
`;
const ADD = `        migrations.AddField(model_name="quote", name="purchase_order_reference", field=models.CharField(max_length=30, null=True)),\n`;
const CHECK = `        migrations.AddConstraint(
            model_name="quote",
            constraint=models.CheckConstraint(check=models.Q(("has_purchase_order", False), models.Q(("signed_on__isnull", False), ("purchase_order_reference__isnull", False)), _connector="OR"), name="purchase_order_requires_reference"),
        ),\n`;
const FILL = `        migrations.RunPython(fill, migrations.RunPython.noop),\n`;
const migration = (ops: string) => `from django.db import migrations, models


def fill(apps, schema_editor):
    Quote = apps.get_model("core", "Quote")
    for i, quote in enumerate(Quote.objects.all()):
        if quote.has_purchase_order:
            quote.purchase_order_reference = f"reference_{i}"
            quote.save()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
${ops}    ]
`;

async function mixed(second: string) {
  const cwd = mkdtempSync(join(tmpdir(), "migguard-check-before-backfill-"));
  const files = { "core/migrations/__init__.py": "", "core/migrations/0001_initial.py": INITIAL, "core/migrations/0002_quote_purchase_order_reference.py": second };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(cwd, path)), { recursive: true });
    writeFileSync(join(cwd, path), content);
  }
  const { findings } = JSON.parse((await run(["lint", "--format", "json", "core/migrations/0002_quote_purchase_order_reference.py"], { cwd })).output) as {
    findings: Array<{ rule: string; line: number; severity: string; message: string; fix: string }>;
  };
  return findings.filter((f) => f.rule === "mixed-ddl-dml");
}

describe("a CHECK added before the backfill that makes rows satisfy it (joanie 0090)", () => {
  it("is an error saying the migration fails, whose fix adds the CHECK after the RunPython", async () => {
    const [finding, ...rest] = await mixed(migration(ADD + CHECK + FILL));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ line: 21, severity: "error" });
    expect(finding.message).toContain("This migration fails on existing rows: the CHECK purchase_order_requires_reference of line 17");
    // the fix is the same migration, the CHECK now last
    expect(finding.fix.split("\n").slice(1).join("\n")).toBe(migration(ADD + FILL + CHECK).trimEnd());
  });

  it("is no failure with the CHECK after the RunPython", async () => {
    const findings = await mixed(migration(ADD + FILL + CHECK));
    expect(findings.map((f) => f.message).join("\n")).not.toContain("This migration fails");
  });
});

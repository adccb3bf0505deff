/**
 * `migguard lint`: a fix that repeats a field as its earlier migration wrote it reads the names that migration
 * imports (ma-cantine's 0261: price_ht's MinValueValidator(Decimal("0"))). The rename fix imports them as that
 * migration does, so the AlterField it gives runs in this migration (Decimal unimported is a NameError).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";

const INITIAL = `from decimal import Decimal

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Purchase",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("price_ht", models.DecimalField(decimal_places=2, max_digits=20, validators=[django.core.validators.MinValueValidator(Decimal("0"))])),
            ],
        ),
    ]
`;

const RENAME = `import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("data", "0001_initial")]
    operations = [
        migrations.RenameField(model_name="purchase", old_name="price_ht", new_name="prix_ht"),
    ]
`;

describe("a Django fix imports the names the field it repeats reads", () => {
  it("RenameField of a DecimalField validated with Decimal: the fix imports Decimal as the migration that created the field does", async () => {
    const root = mkdtempSync(join(tmpdir(), "migguard-fix-imports-"));
    const files = { "data/migrations/0001_initial.py": INITIAL, "data/migrations/0002_rename.py": RENAME };
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    const { output } = await run(["lint", "--format", "json", "."], { cwd: root });
    const [finding] = (JSON.parse(output) as { findings: Array<{ rule: string; fix?: string }> }).findings.filter((f) => f.rule === "rename-column");
    expect(finding.fix).toContain('MinValueValidator(Decimal("0"))');
    expect(finding.fix?.split("\n").slice(0, 2)).toEqual(["# at the top of the migration:", "from decimal import Decimal"]);
  });
});

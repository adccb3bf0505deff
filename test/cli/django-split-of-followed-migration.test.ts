/**
 * mixed-ddl-dml's split of a Django migration that a later one depends on (ralph's data_center 0014, followed by
 * 0015; seed 73). In the repository before the change, the migration has run wherever the later one has: the fix
 * keeps it as written (on MySQL, with what to do when it fails halfway), and a dependency given to the later
 * migration holds only while it has run nowhere: every install that applied it would fail (InconsistentMigrationHistory). When the pull request
 * adds both, neither has run anywhere: the split places the data change before the later one, by a dependency.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";
import { djangoApp, featureBranchOn, reviewJson, type Finding } from "./support/review-repo.js";

const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Order", fields=[("id", models.AutoField(primary_key=True, serialize=False)), ("number", models.CharField(max_length=20))]),
    ]
`;

const mixed = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]
    operations = [
        migrations.AddField(model_name="order", name="currency", field=models.CharField(max_length=3, null=True)),
        migrations.RunSQL("UPDATE shop_order SET currency = 'EUR'", reverse_sql=migrations.RunSQL.noop),
    ]
`;

const later = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0002_order_currency")]
    operations = [
        migrations.AddField(model_name="order", name="memo", field=models.TextField(null=True)),
    ]
`;

const files = djangoApp("shop", { "shop/migrations/0001_initial.py": initial, "shop/migrations/0002_order_currency.py": mixed, "shop/migrations/0003_order_memo.py": later });
const DEPENDENCY_EDIT = 'shop/migrations/0003_order_memo.py needs the data change first: add ("shop", ';

async function lintSplit(extra: Record<string, string>): Promise<Finding> {
  const { output } = await run(["lint", "--format", "json", "."], { cwd: fileTree({ ...files, ...extra }, "migguard-followed-split-") });
  const finding = (JSON.parse(output) as { findings: Finding[] }).findings.find((f) => f.rule === "mixed-ddl-dml");
  if (!finding) throw new Error(`no mixed-ddl-dml finding in ${output}`);
  return finding;
}

describe("the split of a Django migration a later one depends on", () => {
  it("lint on MySQL: kept as written, what to do when it fails halfway, and a dependency for 0003 only while it has run nowhere", async () => {
    const finding = await lintSplit({ ".github/migguard.yml": "database: mysql\n" });
    expect(finding.fix).toContain("shop/migrations/0003_order_memo.py already depends on shop/migrations/0002_order_currency.py: it has run wherever that one has, so keep it as written.");
    expect(finding.fix).toContain("InconsistentMigrationHistory");
    expect(finding.fix).toContain("the schema statements before line 8 are done (MySQL committed each)");
    // lint cannot tell whether 0003 ran anywhere: the dependency holds only while it has not
    expect(finding.fix).toContain("only while it has run nowhere yet (new on this branch, like this one)");
  });

  it("review, the pull request adds both: neither has run anywhere, so the data change runs before 0003 by a dependency it gets", async () => {
    const repo = featureBranchOn(djangoApp("shop", { "shop/migrations/0001_initial.py": initial }));
    repo.write({ "shop/migrations/0002_order_currency.py": mixed, "shop/migrations/0003_order_memo.py": later }).commit("currency and memo");
    const { findings } = await reviewJson(repo);
    const finding = findings.find((f) => f.rule === "mixed-ddl-dml");
    expect(finding?.fix).toContain(DEPENDENCY_EDIT);
    expect(finding?.fix).not.toContain("keep it as written");
  });
});

/**
 * `migguard lint` on an index added to a model django-simple-history builds (ma-cantine's HistoricalCanteen, whose
 * CreateModel says bases=(simple_history.models.HistoricalChanges, models.Model)): the package copies the tracked
 * model's fields with their index and writes its own Meta, so "db_index=False in the model, the index in
 * Meta.indexes" cannot be done and makemigrations would undo it. The fix keeps the AddField in Django's state as
 * written (SeparateDatabaseAndState), adds the column without its index, and builds the index by RunSQL CONCURRENTLY
 * under Django's own name, in a non-atomic migration.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";

type Finding = { path: string; line: number; rule: string; message: string; fix?: string };

const INITIAL = `import simple_history.models
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Canteen", fields=[("id", models.BigAutoField(primary_key=True)), ("name", models.TextField())]),
        migrations.CreateModel(
            name="HistoricalCanteen",
            fields=[("id", models.BigIntegerField(db_index=True)), ("history_id", models.AutoField(primary_key=True, serialize=False))],
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
    ]
`;

const ADDED = `import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("data", "0001_initial")]
    operations = [
        migrations.AddField(model_name="historicalcanteen", name="parent", field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.DO_NOTHING, db_constraint=False, related_name="+", to="data.canteen")),
        migrations.AddField(model_name="historicalcanteen", name="slug", field=models.SlugField(null=True)),
        migrations.AddField(model_name="canteen", name="parent", field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, to="data.canteen")),
    ]
`;

async function indexFindings(): Promise<Finding[]> {
  const root = mkdtempSync(join(tmpdir(), "migguard-history-index-"));
  const files = { "data/migrations/0001_initial.py": INITIAL, "data/migrations/0002_parent.py": ADDED };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  const { output } = await run(["lint", "--format", "json", "."], { cwd: root });
  return (JSON.parse(output) as { findings: Finding[] }).findings.filter((f) => f.rule === "index-without-concurrently");
}

describe("an index added to a django-simple-history model", () => {
  it("the state keeps the AddField as written, the database adds the column without its index and builds it by RunSQL CONCURRENTLY under Django's name", async () => {
    const findings = await indexFindings();
    expect(findings.map((f) => f.line)).toEqual([8, 9, 10]);
    // one rewrite of the migration on all three findings (index-without-concurrently's shared fix)
    const [parent, slug, own] = findings.map((f) => f.fix ?? "");
    expect(slug).toBe(parent);
    expect(own).toBe(parent);
    expect(parent).toContain("atomic = False");
    // the history model's two fields: SeparateDatabaseAndState, no Meta.indexes note, no AddIndexConcurrently
    expect(parent.match(/is built by django-simple-history/g)).toHaveLength(2);
    expect(parent.match(/migrations\.SeparateDatabaseAndState\(/g)).toHaveLength(2);
    expect(parent.match(/Meta\.indexes/g)).toHaveLength(1);
    expect(parent.match(/AddIndexConcurrently\(/g)).toHaveLength(1);
    expect(parent).toContain('to="data.canteen", db_index=False)');
    expect(parent).toMatch(/state_operations=\[\n\s+migrations\.AddField\(model_name="historicalcanteen", name="parent", field=models\.ForeignKey\(null=True, on_delete=django\.db\.models\.deletion\.DO_NOTHING, db_constraint=False, related_name="\+", to="data\.canteen"\)\),/);
    expect(parent).toMatch(/"CREATE INDEX CONCURRENTLY data_historicalcanteen_parent_id_[0-9a-f]{8} ON data_historicalcanteen \(parent_id\)",\n\s+reverse_sql="DROP INDEX CONCURRENTLY IF EXISTS data_historicalcanteen_parent_id_[0-9a-f]{8}"/);
    // a SlugField's varchar column: Django's _like index beside its own
    expect(slug).toMatch(/CREATE INDEX CONCURRENTLY data_historicalcanteen_slug_[0-9a-f]{8}_like ON data_historicalcanteen \(slug varchar_pattern_ops\)/);
    // the project's own model keeps the model-side fix
    expect(own).toContain("in the model too: db_index=False on parent, and the index in Meta.indexes");
    expect(own).toContain("AddIndexConcurrently");
  });
});

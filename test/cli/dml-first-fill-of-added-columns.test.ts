/**
 * An UPDATE without WHERE that first fills columns the migration just before added with no default (linkedevents'
 * 0080_populate_tsvectors_and_indices fills the search vectors 0079_add_search_vectors added): it overwrites only
 * NULLs. `migguard lint`: a note that says what it assumes (both run in one deploy); the warning when the column came
 * earlier and another migration came in between.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";
import { optInRules } from "./support/opt-in-rules.js";

const create = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="Event", fields=[("id", models.AutoField(primary_key=True)), ("name_fi", models.TextField(null=True))]),
    ]
`;
const add = `import django.contrib.postgres.search
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [
        migrations.AddField(model_name="event", name="search_vector_fi", field=django.contrib.postgres.search.SearchVectorField(null=True)),
    ]
`;
const between = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("events", "0002_add_search_vectors")]

    operations = [
        migrations.CreateModel(name="Tag", fields=[("id", models.AutoField(primary_key=True))]),
    ]
`;
const populate = (previous: string) => `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("events", "${previous}")]

    operations = [
        migrations.RunSQL(
            sql=["UPDATE events_event SET search_vector_fi = to_tsvector('finnish', coalesce(name_fi, ''));"],
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
`;

type Finding = { rule: string; severity: string; message: string };

async function lint(files: Record<string, string>): Promise<Finding[]> {
  const root = mkdtempSync(join(tmpdir(), "migguard-first-fill-"));
  // dml-without-where is opt-in: switched on, as a repository that wants every all-rows statement shown does
  for (const [path, content] of Object.entries({ ...optInRules("dml-without-where"), ...files })) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  const { findings } = JSON.parse((await run(["lint", "--format", "json", "events/migrations"], { cwd: root })).output) as { findings: Finding[] };
  return findings.filter((f) => f.rule === "dml-without-where");
}

describe("UPDATE without WHERE that first fills columns the migration just before added", () => {
  it("lint: a note that no old value is overwritten, and what it assumes", async () => {
    const found = await lint({
      "events/migrations/0001_initial.py": create,
      "events/migrations/0002_add_search_vectors.py": add,
      "events/migrations/0003_populate_tsvectors.py": populate("0002_add_search_vectors"),
    });
    expect(found.map((f) => f.severity)).toEqual(["info"]);
    expect(found[0].message).toContain("events/migrations/0002_add_search_vectors.py, the migration just before it, added it with no value");
    expect(found[0].message).toContain("This assumes both run in one deploy");
  });

  it("lint: another migration came in between: the warning stays", async () => {
    const found = await lint({
      "events/migrations/0001_initial.py": create,
      "events/migrations/0002_add_search_vectors.py": add,
      "events/migrations/0003_tag.py": between,
      "events/migrations/0004_populate_tsvectors.py": populate("0003_tag"),
    });
    expect(found.map((f) => f.severity)).toEqual(["warning"]);
  });
});

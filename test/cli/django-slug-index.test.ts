/**
 * `migguard lint` on Django fields indexed by default: a SlugField (its __init__ says db_index=True, and
 * makemigrations leaves that default out of the migration) and the package slug fields that extend it build their
 * index in the migration's transaction when added to a table with rows. A table the migration creates, or
 * db_index=False, builds nothing under a lock that matters. The fix builds the field's index and, as Django does on a
 * varchar column, its varchar_pattern_ops `_like` twin.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";

type Finding = { path: string; line: number; rule: string; message: string; fix?: string };

const INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Article", fields=[("id", models.BigAutoField(primary_key=True)), ("title", models.CharField(max_length=200))]),
    ]
`;

const SLUGS = `import django_extensions.db.fields
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("blog", "0001_initial")]
    operations = [
        migrations.AddField(model_name="article", name="slug", field=models.SlugField(null=True)),
        migrations.AddField(model_name="article", name="handle", field=django_extensions.db.fields.AutoSlugField(blank=True, editable=False, null=True, populate_from="title")),
        migrations.AddField(model_name="article", name="plain", field=models.SlugField(null=True, db_index=False)),
        migrations.CreateModel(name="Tag", fields=[("id", models.BigAutoField(primary_key=True)), ("slug", models.SlugField())]),
    ]
`;

const UNIQUE_SLUG = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("blog", "0001_initial")]
    operations = [migrations.AddField(model_name="article", name="slug", field=models.SlugField(null=True, unique=True))]
`;

async function lintFindings(migration: string, rule: string): Promise<Finding[]> {
  const root = mkdtempSync(join(tmpdir(), "migguard-slug-index-"));
  const files = { "blog/migrations/0001_initial.py": INITIAL, "blog/migrations/0002_article_slugs.py": migration };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  const { output } = await run(["lint", "--format", "json", "."], { cwd: root });
  return (JSON.parse(output) as { findings: Finding[] }).findings.filter((f) => f.rule === rule);
}

describe("Django fields indexed by default", () => {
  it("a SlugField and django-extensions' AutoSlugField added to a table with rows build their index under the lock; db_index=False and a new table do not", async () => {
    const findings = await lintFindings(SLUGS, "index-without-concurrently");
    expect(findings.map((f) => [f.path, f.line])).toEqual([
      ["blog/migrations/0002_article_slugs.py", 8],
      ["blog/migrations/0002_article_slugs.py", 9],
    ]);
    expect(findings[0].message).toBe(
      "Creating index on blog_article (slug) without CONCURRENTLY blocks writes to blog_article while it builds. The ADD COLUMN slug of the same operation already holds ACCESS EXCLUSIVE on blog_article until commit, so this build blocks reads as well as writes for its whole duration; building it CONCURRENTLY outside this transaction lets it commit at once.",
    );
    expect(findings[0].fix).toContain('field=models.SlugField(null=True, db_index=False)');
    expect(findings[0].fix).toContain('AddIndexConcurrently(model_name="Article", index=models.Index(fields=["slug"], name="blog_article_slug_idx"))');
    // and the varchar_pattern_ops index Django's schema editor builds beside a varchar column's own
    expect(findings[0].fix).toContain('AddIndexConcurrently(model_name="Article", index=models.Index(fields=["slug"], name="blog_article_slug_like", opclasses=["varchar_pattern_ops"]))');
  });

  it("a unique SlugField: the concurrent build adds it with db_index=False and builds its varchar_pattern_ops _like index under Django's name", async () => {
    const [finding] = await lintFindings(UNIQUE_SLUG, "unique-constraint-without-index");
    expect(finding.fix).toContain('field=models.SlugField(null=True, db_index=False)');
    expect(finding.fix).toMatch(/CREATE INDEX CONCURRENTLY blog_article_slug_[0-9a-f]{8}_like ON blog_article \(slug varchar_pattern_ops\)/);
  });
});

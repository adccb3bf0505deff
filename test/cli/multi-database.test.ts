/**
 * The README's "Databases" section through the command line: a Django project that supports SQLite as well as
 * PostgreSQL (its settings build ENGINE from a setting, its CI matrix runs both) gets fixes that run on both:
 * PostgreSQL's way behind `OnPostgreSQL` (connection.vendor), never an import of django.contrib.postgres, which
 * needs psycopg; `--verbose` says which files said so.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-multidb-");

const INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Talk", fields=[("id", models.AutoField(primary_key=True)), ("slug", models.CharField(max_length=50))]),
    ]
`;

const ADD_INDEX = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("talks", "0001_initial")]
    operations = [
        migrations.AddIndex(model_name="talk", index=models.Index(fields=["slug"], name="talks_talk_slug_idx")),
    ]
`;

const SETTINGS = `from pathlib import Path
import configparser

config = configparser.RawConfigParser()
config.read(Path(__file__).parent / "talks.cfg")
db_backend = config.get("database", "backend", fallback="sqlite3")
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends." + db_backend,
        "NAME": config.get("database", "name", fallback="db.sqlite3"),
        "CONN_HEALTH_CHECKS": db_backend != "sqlite3",
    }
}
`;

const WORKFLOW = `on: push
jobs:
  tests:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        database: [sqlite, postgres]
    steps:
      - run: pytest
`;

type Json = { findings: Array<{ rule: string; line: number; message: string; fix: string }> };

describe("a project that supports several databases", () => {
  it("Django on SQLite and PostgreSQL: the index fix builds CONCURRENTLY on PostgreSQL only and runs the AddIndex elsewhere", async () => {
    const root = repo({
      "talks/settings.py": SETTINGS,
      ".github/workflows/tests.yml": WORKFLOW,
      "talks/migrations/__init__.py": "",
      "talks/migrations/0001_initial.py": INITIAL,
      "talks/migrations/0002_talk_slug_idx.py": ADD_INDEX,
    });
    const result = await run(["lint", "--format", "json", "talks/migrations"], { cwd: root });
    const { findings } = JSON.parse(result.output) as Json;
    const index = findings.find((f) => f.rule === "index-without-concurrently")!;
    expect(index.line).toBe(7);
    expect(index.message).toContain("This concerns the PostgreSQL installations: the project also runs on SQLite.");
    expect(index.fix).not.toContain("django.contrib.postgres.operations import");
    expect(index.fix).toContain('if schema_editor.connection.vendor == "postgresql":');
    expect(index.fix).toContain('OnPostgreSQL("AddIndexConcurrently", [migrations.AddIndex(model_name="talk", index=models.Index(fields=["slug"], name="talks_talk_slug_idx"))]),');

    const verbose = await run(["lint", "--verbose", "talks/migrations"], { cwd: root });
    expect(verbose.output).toContain('the project also runs on SQLite: talks/settings.py (db_backend == "sqlite3")');
  });

  it("the CI matrix alone says it: a settings module that names PostgreSQL and a workflow that tests SQLite too", async () => {
    const root = repo({
      "talks/settings.py": 'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "talks"}}\n',
      ".github/workflows/tests.yml": WORKFLOW,
      "talks/migrations/0001_initial.py": INITIAL,
      "talks/migrations/0002_talk_slug_idx.py": ADD_INDEX,
    });
    const verbose = await run(["lint", "--verbose", "talks/migrations"], { cwd: root });
    expect(verbose.output).toContain("the project also runs on SQLite: .github/workflows/tests.yml (database: [sqlite, postgres])");
    expect(verbose.output).toContain('OnPostgreSQL("AddIndexConcurrently"');
  });

  it("two apps' migrations folders: the workflow, read once, speaks for both", async () => {
    const root = repo({
      "talks/settings.py": 'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "talks"}}\n',
      ".github/workflows/tests.yml": WORKFLOW,
      "talks/migrations/0001_initial.py": INITIAL,
      "talks/migrations/0002_talk_slug_idx.py": ADD_INDEX,
      "rooms/migrations/0001_initial.py": INITIAL,
      "rooms/migrations/0002_talk_slug_idx.py": ADD_INDEX.replace('("talks", "0001_initial")', '("rooms", "0001_initial")'),
    });
    const result = await run(["lint", "--format", "json", "talks/migrations", "rooms/migrations"], { cwd: root });
    const indexes = (JSON.parse(result.output) as Json).findings.filter((f) => f.rule === "index-without-concurrently");
    expect(indexes).toHaveLength(2);
    for (const index of indexes) expect(index.message).toContain("the project also runs on SQLite.");
  });

  it("PostgreSQL alone (no other engine, no matrix): the fix stays PostgreSQL's own", async () => {
    const root = repo({
      "talks/settings.py": 'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "talks"}}\n',
      "talks/migrations/0001_initial.py": INITIAL,
      "talks/migrations/0002_talk_slug_idx.py": ADD_INDEX,
    });
    const result = await run(["lint", "--format", "json", "talks/migrations"], { cwd: root });
    const { findings } = JSON.parse(result.output) as Json;
    const index = findings.find((f) => f.rule === "index-without-concurrently")!;
    expect(index.fix).toContain("from django.contrib.postgres.operations import AddIndexConcurrently");
    expect(index.message).not.toContain("PostgreSQL installations");
  });
});

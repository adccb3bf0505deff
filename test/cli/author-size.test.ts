/**
 * The author's word on a table's size through `migguard lint` (README: "The author's word on size"): a comment on
 * or right above a statement, or the migration's header, that says the table is small makes its lock findings
 * notes quoting the comment; lock waits (require-lock-timeout) stay. Through `migguard review`, a commit message of
 * the change that says its tables are small speaks for the migrations the change adds.
 */
import { run } from "../../src/cli/main.js";
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-author-size-");

type Finding = { path: string; line: number; rule: string; severity: string; message: string; fix: string };
const lint = async (root: string) => (JSON.parse((await run(["lint", "--format", "json", "."], { cwd: root })).output) as { findings: Finding[] }).findings;

describe("the author's word on a table's size", () => {
  it("SQL: the commented index is a note quoting the comment, keeps its fix; the next one and the lock wait keep theirs", async () => {
    const root = repo({
      "db/migrations/000001_indexes.up.sql": "-- kpi: this table is small / only a few rows\nCREATE INDEX settings_key_idx ON settings (key);\nCREATE INDEX users_email_idx ON users (email);\n",
      "db/migrations/000001_indexes.down.sql": "DROP INDEX users_email_idx;\nDROP INDEX settings_key_idx;\n",
    });
    const findings = await lint(root);
    const indexes = findings.filter((f) => f.rule === "index-without-concurrently");
    expect(indexes.map((f) => [f.line, f.severity])).toEqual([
      [2, "info"],
      [3, "error"],
    ]);
    expect(indexes[0].message).toContain('Its author says the table is small: "kpi: this table is small / only a few rows" (line 1)');
    expect(indexes[0].fix).toContain("CREATE INDEX CONCURRENTLY settings_key_idx");
    expect(findings.find((f) => f.rule === "require-lock-timeout")?.severity).toBe("warning");
  });

  it("Alembic: the revision's docstring header speaks for every statement", async () => {
    const root = repo({
      "alembic/versions/b2_country.py":
        '"""add country indexes\n\nThe country table is tiny and never grows.\n\nRevision ID: b2\n"""\nfrom alembic import op\n\nrevision = "b2"\ndown_revision = "a1"\n\n\ndef upgrade():\n    op.create_index("ix_country_code", "country", ["code"])\n\n\ndef downgrade():\n    op.drop_index("ix_country_code", table_name="country")\n',
    });
    const index = (await lint(root)).find((f) => f.rule === "index-without-concurrently");
    expect(index?.severity).toBe("info");
    expect(index?.message).toContain("The country table is tiny and never grows.");
  });

  it("Alembic (funnel 82303877b746): the first line of upgrade() says this migration assumes no existing data in the table: its NOT NULL columns without a default are notes quoting it, the fix kept", async () => {
    const root = repo({
      "migrations/versions/82303877b746_membership.py":
        'import sqlalchemy as sa\nfrom alembic import op\n\nrevision = "82303877b746"\ndown_revision = None\n\n\ndef upgrade():\n    # This migration assumes there is no existing data in the table\n    op.add_column("proposal_membership", sa.Column("is_uncredited", sa.Boolean(), nullable=False))\n    op.add_column("proposal_membership", sa.Column("seq", sa.Integer(), nullable=False))\n\n\ndef downgrade():\n    op.drop_column("proposal_membership", "seq")\n    op.drop_column("proposal_membership", "is_uncredited")\n',
    });
    const required = (await lint(root)).filter((f) => f.rule === "required-column-without-default");
    expect(required.map((f) => [f.line, f.severity])).toEqual([
      [10, "info"],
      [11, "info"],
    ]);
    for (const f of required) {
      expect(f.message).toContain('Its author says the table holds no rows yet: "This migration assumes there is no existing data in the table" (line 9)');
      expect(f.fix).toContain("op.add_column(\"proposal_membership\"");
    }
  });

  it("Alembic: create_index run only below a bound on its table's SELECT COUNT(*) is a note quoting the condition, its fix kept; the count read is no data change", async () => {
    const root = repo({
      "alembic/versions/4f_property_indices.py":
        'import sqlalchemy as sa\nfrom alembic import op\n\nrevision = "4f"\ndown_revision = "57"\n\n\ndef upgrade():\n    connection = op.get_bind()\n    history_count = connection.execute(\n        sa.text("SELECT COUNT(*) FROM servednoticehistory")\n    ).scalar()\n    if history_count < 1000000:\n        op.create_index("ix_servednoticehistory_property_id", "servednoticehistory", ["property_id"])\n    else:\n        print("run CREATE INDEX CONCURRENTLY by hand")\n    op.create_index("ix_users_email", "users", ["email"])\n\n\ndef downgrade():\n    op.drop_index("ix_users_email", table_name="users")\n    op.drop_index("ix_servednoticehistory_property_id", table_name="servednoticehistory")\n',
    });
    const findings = await lint(root);
    const indexes = findings.filter((f) => f.rule === "index-without-concurrently");
    expect(indexes.map((f) => [f.line, f.severity])).toEqual([
      [14, "info"],
      [17, "error"],
    ]);
    expect(indexes[0].message).toContain("The migration runs it only when `history_count < 1000000` (line 13)");
    expect(indexes[0].fix).toContain("postgresql_concurrently=True");
    expect(findings.filter((f) => f.rule === "mixed-ddl-dml")).toEqual([]);
  });

  it("Rails: add_index under `if Model.count < N` is a note quoting the condition, its fix kept; the one above the bound stays an error", async () => {
    const root = repo({
      "db/migrate/20240101000000_add_event_indexes.rb":
        "class AddEventIndexes < ActiveRecord::Migration[7.1]\n  def change\n    add_index :events, :kind if Event.count < 1_000_000\n    add_index :events, :created_at if Event.count >= 1_000_000\n  end\nend\n",
    });
    const indexes = (await lint(root)).filter((f) => f.rule === "index-without-concurrently");
    expect(indexes.map((f) => [f.line, f.severity])).toEqual([
      [3, "info"],
      [4, "error"],
    ]);
    expect(indexes[0].message).toContain("The migration runs it only when `Event.count < 1_000_000` (line 3)");
    expect(indexes[0].fix).toContain("algorithm: :concurrently");
  });

  it("Django: the weaker words in a RunPython (people's 0016 and 0023) speak for the migration's one table or the table they name, not for another", async () => {
    const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="Team", fields=[("id", models.BigAutoField(primary_key=True)), ("name", models.CharField(max_length=100))]),
        migrations.CreateModel(name="Mailbox", fields=[("id", models.BigAutoField(primary_key=True)), ("local_part", models.CharField(max_length=100))]),
    ]
`;
    const uniqueAfterFill = (number: string, comment: string, alsoMailbox: boolean) => `import uuid

from django.db import migrations, models


def gen_team_uuid(apps, schema_editor):
    Team = apps.get_model("core", "Team")
    for row in Team.objects.all():
        row.external_id = uuid.uuid4()
        ${comment}
        row.save(update_fields=["external_id"])


class Migration(migrations.Migration):
    dependencies = [("core", "${number}")]

    operations = [${alsoMailbox ? '\n        migrations.AddField(model_name="mailbox", name="password", field=models.CharField(max_length=128, null=True)),' : ""}
        migrations.AddField(model_name="team", name="external_id", field=models.UUIDField(default=uuid.uuid4, editable=False, unique=False)),
        migrations.RunPython(gen_team_uuid, reverse_code=migrations.RunPython.noop),
        migrations.AlterField(model_name="team", name="external_id", field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
    ]
`;
    const root = repo({
      "core/migrations/__init__.py": "",
      "core/migrations/0001_initial.py": initial,
      "core/migrations/0002_team_external_id.py": uniqueAfterFill("0001_initial", "# Don't need to batch update here, as the table is likely small or empty", false),
      "core/migrations/0003_team_external_id_again.py": uniqueAfterFill("0002_team_external_id", "# Don't need to batch update here, as the table is likely small or empty", true),
      "core/migrations/0004_team_external_id_named.py": uniqueAfterFill("0003_team_external_id_again", "# quite naive but we don't have many data in the team table", true),
      "core/migrations/0005_team_external_id_large.py": uniqueAfterFill("0004_team_external_id_named", "# this table can be large", false),
    });
    const builds = (await lint(root)).filter((f) => f.rule === "unique-constraint-without-index");
    expect(builds.map((f) => [f.path.split("/").pop(), f.severity])).toEqual([
      ["0002_team_external_id.py", "info"],
      ["0003_team_external_id_again.py", "error"],
      ["0004_team_external_id_named.py", "info"],
      ["0005_team_external_id_large.py", "error"],
    ]);
    expect(builds[0].message).toContain('Its author says the table is small: "Don\'t need to batch update here, as the table is likely small or empty" (line 10)');
    expect(builds[0].fix).toContain("CONCURRENTLY");
    expect(builds[2].message).toContain("we don't have many data in the team table");
  });

  it("Rails: a comment that says nothing about size changes nothing", async () => {
    const root = repo({
      "db/migrate/20240101000000_add_key_index.rb": "class AddKeyIndex < ActiveRecord::Migration[7.1]\n  def change\n    # look settings up by key\n    add_index :settings, :key\n  end\nend\n",
    });
    expect((await lint(root)).find((f) => f.rule === "index-without-concurrently")?.severity).toBe("error");
  });
});

describe("the author's word on size in the change's own text (migguard review)", () => {
  const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Resthook", fields=[("id", models.AutoField(primary_key=True)), ("slug", models.CharField(max_length=50))]),
    ]
`;
  const bigint = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("api", "0001_initial")]
    operations = [
        migrations.AlterField(model_name="resthook", name="id", field=models.BigAutoField(primary_key=True, serialize=False)),
    ]
`;
  const pullRequest = (message: string) =>
    featureBranchOn(djangoApp("api", { "api/migrations/0001_initial.py": initial }))
      .write({ "api/migrations/0002_alter_resthook_id.py": bigint })
      .commit(message);

  it("a commit message that says the tables are small (rapidpro's #6758): the rewrite is a note quoting it, and the check passes", async () => {
    const { exitCode, findings } = await reviewJson(pullRequest("Convert primary keys of small tables to bigint\n\nThe rest follow once mailroom is ready."));
    const rewrite = findings.find((f) => f.rule === "column-type-change");
    expect(rewrite?.severity).toBe("info");
    expect(rewrite?.message).toMatch(/Its author says the table is small: "Convert primary keys of small tables to bigint" \(the message of commit [0-9a-f]{7,}\)/);
    expect(rewrite?.fix).toContain("bigint");
    expect(exitCode).toBe(0);
  });

  it("a message that says nothing about size, or that the tables are not small, changes nothing", async () => {
    for (const message of ["Convert primary keys to bigint", "Convert primary keys to bigint: these are not small tables"]) {
      const { exitCode, findings } = await reviewJson(pullRequest(message));
      expect(findings.find((f) => f.rule === "column-type-change")?.severity).toBe("error");
      expect(exitCode).toBe(1);
    }
  });
});

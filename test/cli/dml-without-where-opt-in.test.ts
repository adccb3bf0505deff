/**
 * dml-without-where is opt-in: in a reviewed migration an UPDATE or DELETE of every row is its purpose (Wazo's
 * single-row `infos` table, bumped by one Alembic revision per release; a DELETE of transient locks before a unique
 * index), and no independent audit found one worth a comment. Through `migguard lint`: such a migration passes with
 * no finding of it; a repository that switches it on gets it back; and the hazards such statements can carry are
 * still reported by the rules whose hazard they are (a `change` that runs its delete_all again on rollback, a
 * RunPython that deletes rows with no way back, a data change holding row locks across a schema change).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";
import { optInRules } from "./support/opt-in-rules.js";

type Finding = { path: string; line: number; rule: string; severity: string };

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "migguard-dml-opt-in-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

async function lint(files: Record<string, string>, path: string) {
  const result = await run(["lint", "--format", "json", path], { cwd: tree(files) });
  return { exitCode: result.exitCode, findings: (JSON.parse(result.output) as { findings: Finding[] }).findings };
}

const revision = (id: string, after: string | null, upgrade: string) =>
  `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "${id}"\ndown_revision = ${after ? `"${after}"` : "None"}\n\n\ndef upgrade():\n    ${upgrade}\n\n\ndef downgrade():\n    pass\n`;

// xivo-manage-db: the version table and one release's bump
const WAZO = {
  "alembic/versions/1a2b3c4d5e6f_create_infos.py": revision("1a2b3c4d5e6f", null, 'op.create_table("infos", sa.Column("uuid", sa.String(38), primary_key=True), sa.Column("wazo_version", sa.String(64), nullable=False))'),
  "alembic/versions/8863a45bcbd0_bump_version_26_06.py": revision("8863a45bcbd0", "1a2b3c4d5e6f", "op.execute(\"UPDATE infos SET wazo_version = '26.06'\")"),
};
const BUMP = "alembic/versions/8863a45bcbd0_bump_version_26_06.py";

const django = (operations: string, functions = "") => `from django.db import migrations, models
${functions}

class Migration(migrations.Migration):
    dependencies = [("database", "0001_initial")]

    operations = [
${operations}
    ]
`;
const PROCESS_LOCK = django(
  `        migrations.RunPython(delete_all_existing_process_locks),
        migrations.AlterField(model_name="processlock", name="name", field=models.CharField(max_length=200, unique=True)),`,
  `

def delete_all_existing_process_locks(apps, schema_editor):
    ProcessLock = apps.get_model("database", "ProcessLock")
    ProcessLock.objects.all().delete()
`,
);
const PROCESS_LOCK_INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="ProcessLock", fields=[("id", models.AutoField(primary_key=True)), ("name", models.CharField(max_length=200))]),
    ]
`;

describe("migguard lint: dml-without-where is off unless the repository switches it on", () => {
  it("a single-row version table bumped every release is no finding, and the lint passes", async () => {
    const { exitCode, findings } = await lint(WAZO, BUMP);
    expect(findings.filter((f) => f.rule === "dml-without-where")).toEqual([]);
    expect(findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it("switched on in .github/migguard.yml, the same bump is reported again", async () => {
    const { findings } = await lint({ ...optInRules("dml-without-where"), ...WAZO }, BUMP);
    expect(findings.filter((f) => f.rule === "dml-without-where").map((f) => [f.line, f.severity])).toEqual([[9, "warning"]]);
  });

  it("`migguard rules` lists it as opt-in", async () => {
    const { output } = await run(["rules"], { cwd: tmpdir() });
    expect(output.split("\n").find((line) => line.startsWith("dml-without-where "))).toMatch(/^dml-without-where\s+data-loss\s+opt-in\s/);
  });

  it("a Rails change that deletes every row: irreversible-migration says a rollback runs the delete_all again", async () => {
    const { findings } = await lint(
      {
        "db/migrate/20171205085115_change_payments_received_at_to_not_null.rb": `class ChangePaymentsReceivedAtToNotNull < ActiveRecord::Migration[5.1]
  def change
    Payment.delete_all
    change_column_null :payments, :received_at, false
  end
end
`,
      },
      "db/migrate",
    );
    expect(findings.filter((f) => f.rule === "dml-without-where")).toEqual([]);
    expect(findings.filter((f) => f.line === 3 && f.rule === "irreversible-migration").map((f) => f.severity)).toEqual(["warning"]);
  });

  it("a RunPython that deletes every row with no reverse: irreversible-migration, as an error", async () => {
    const { findings } = await lint({ "database/__init__.py": "", "database/migrations/__init__.py": "", "database/migrations/0001_initial.py": PROCESS_LOCK_INITIAL, "database/migrations/0002_alter_processlock_name.py": PROCESS_LOCK }, "database/migrations");
    const mine = findings.filter((f) => f.path.endsWith("0002_alter_processlock_name.py"));
    expect(mine.filter((f) => f.rule === "dml-without-where")).toEqual([]);
    expect(mine.filter((f) => f.rule === "irreversible-migration").map((f) => f.severity)).toEqual(["error"]);
  });

  it("an UPDATE of every row in the transaction of a schema change of its table: mixed-ddl-dml", async () => {
    const { findings } = await lint(
      {
        "db/migrations/000001_users.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n",
        "db/migrations/000001_users.down.sql": "DROP TABLE users;\n",
        "db/migrations/000002_lower_emails.up.sql": "BEGIN;\nALTER TABLE users ADD COLUMN verified boolean;\nUPDATE users SET email = lower(email);\nCOMMIT;\n",
        "db/migrations/000002_lower_emails.down.sql": "ALTER TABLE users DROP COLUMN verified;\n",
      },
      "db/migrations/000002_lower_emails.up.sql",
    );
    expect(findings.filter((f) => f.rule === "dml-without-where")).toEqual([]);
    expect(findings.filter((f) => f.rule === "mixed-ddl-dml").map((f) => f.line)).toEqual([3]);
  });
});

/**
 * `migguard lint` in a git work tree with version tags: a revision a tag already shipped ran on every install of that
 * release, so its fix (expand/contract revisions in its place) says it is the safe form for a NEW migration of the
 * kind, not an edit of this one (dstack's bc8ca4a505c6, shipped, whose new fill revision failed on those installs).
 * A revision no tag holds yet gets its fix as before.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

const revision = (id: string, down: string, upgrade: string) =>
  `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "${id}"\ndown_revision = ${down}\n\n\ndef upgrade():\n${upgrade}\n\n\ndef downgrade():\n    pass\n`;

type Finding = { rule: string; path: string; line: number; fix: string };

describe("a fix for a migration a version tag already shipped", () => {
  it("says the migration shipped in that tag and that the fix is the safe form for a new migration; an unreleased one's fix is unchanged", async () => {
    const repo = new Repo();
    repo.write({ "migrations/versions/a1_jobs.py": revision("a1", "None", '    op.create_table("jobs", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("ts", sa.Integer()), sa.Column("n", sa.Integer()))') }).commit("jobs");
    repo.git("tag", "v1.0.0");
    repo.write({ "migrations/versions/b2_ts.py": revision("b2", '"a1"', '    op.alter_column("jobs", "ts", existing_type=sa.INTEGER(), type_=sa.BigInteger())') }).commit("ts bigint");
    repo.git("tag", "v1.1.0");
    repo.write({ "migrations/versions/c3_n.py": revision("c3", '"b2"', '    op.alter_column("jobs", "n", existing_type=sa.INTEGER(), type_=sa.BigInteger())') }).commit("n bigint");
    const findings = (JSON.parse((await run(["lint", "--format", "json", "migrations/versions"], { cwd: repo.root })).output) as { findings: Finding[] }).findings.filter((f) => f.rule === "column-type-change");
    const shipped = findings.find((f) => f.path.endsWith("b2_ts.py"))!;
    expect(shipped.fix.split("\n")[0]).toBe("# migrations/versions/b2_ts.py shipped in v1.1.0: installs already ran it, so do not edit it; this is the safe form for a NEW migration of this kind");
    const unreleased = findings.find((f) => f.path.endsWith("c3_n.py"))!;
    expect(unreleased.fix).not.toContain("shipped in");
  });

  it("mixed-ddl-dml's split rewrites the whole migration: a shipped Django one (MySQL, no transactional DDL) gets the same header (ralph's operations 0010, seed 73)", async () => {
    const initial = `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n    operations = [\n        migrations.CreateModel(name="Order", fields=[("id", models.AutoField(primary_key=True, serialize=False))]),\n    ]\n`;
    const mixed = `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("shop", "0001_initial")]\n    operations = [\n        migrations.AddField(model_name="order", name="currency", field=models.CharField(max_length=3, null=True)),\n        migrations.RunSQL("UPDATE shop_order SET currency = 'EUR'", reverse_sql=migrations.RunSQL.noop),\n    ]\n`;
    const repo = new Repo();
    repo.write({ ".github/migguard.yml": "database: mysql\n", "shop/__init__.py": "", "shop/migrations/__init__.py": "", "shop/migrations/0001_initial.py": initial }).commit("orders");
    repo.git("tag", "v1.0.0");
    repo.write({ "shop/migrations/0002_order_currency.py": mixed }).commit("currency");
    repo.git("tag", "v1.1.0");
    const findings = (JSON.parse((await run(["lint", "--format", "json", "."], { cwd: repo.root })).output) as { findings: Finding[] }).findings;
    const split = findings.find((f) => f.rule === "mixed-ddl-dml")!;
    expect(split.fix.split("\n")[0]).toBe("# shop/migrations/0002_order_currency.py shipped in v1.1.0: installs already ran it, so do not edit it; this is the safe form for a NEW migration of this kind");
  });
});

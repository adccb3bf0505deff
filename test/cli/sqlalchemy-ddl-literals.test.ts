/**
 * SQL written out in SQLAlchemy's DDL() and in sqlalchemy_utils' view elements is SQL migguard reads, not a hidden
 * operation (Wazo's `op.execute(DropView('endpoint_sip_options_view', materialized=True))` and
 * `op.execute(DDL('DROP TYPE voicemail_accesstype'))`), through `migguard lint`; what SQLAlchemy fills in or
 * compiles from Python (a `%(table)s` context, a select()) stays hidden.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";

async function lint(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), "migguard-sa-ddl-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  const result = await run(["lint", "--format", "json", "alembic/versions"], { cwd: root });
  return (JSON.parse(result.output) as { findings: Array<{ rule: string; line: number; message: string }> }).findings;
}

const HEAD = 'from alembic import op\nimport sqlalchemy as sa\nfrom sqlalchemy import DDL\nfrom sqlalchemy_utils.view import CreateView, DropView\n\nrevision = "85fdd3fb9cde"\ndown_revision = None\n\n';

describe("migguard lint: SQLAlchemy DDL written out literally", () => {
  it("a literal DDL() and DropView(materialized=True) are read as their SQL, not hidden", async () => {
    const findings = await lint({
      "alembic/versions/85fdd3fb9cde_remove_materialized_views.py": `${HEAD}\ndef upgrade():\n    op.execute(DropView("endpoint_sip_options_view", materialized=True))\n\n\ndef downgrade():\n    op.execute(DDL("DROP TYPE voicemail_accesstype"))\n`,
    });
    expect(findings.filter((f) => f.rule === "hidden-operation")).toEqual([]);
  });

  it("a DDL() filled from a context and a CreateView of a select() stay hidden operations", async () => {
    const findings = await lint({
      "alembic/versions/85fdd3fb9cde_views.py": `${HEAD}users = sa.table("users", sa.column("id"))\n\n\ndef upgrade():\n    op.execute(DDL("ALTER TABLE %(table)s OWNER TO app"))\n    op.execute(CreateView("active_users", sa.select(users.c.id)))\n\n\ndef downgrade():\n    pass\n`,
    });
    expect(findings.filter((f) => f.rule === "hidden-operation").map((f) => f.line)).toEqual([13, 14]);
  });
});

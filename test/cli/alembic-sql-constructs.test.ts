/**
 * SQLAlchemy's table construct written through `sa.sql` (Wazo's version bumps: `sa.sql.table('infos',
 * sa.sql.column('wazo_version'))`) is read like `sa.table`, through `migguard lint`: the bump is a readable UPDATE,
 * so its empty downgrade is the data-only note, not the warning about code migguard cannot read.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";

const BUMP = `import sqlalchemy as sa

from alembic import op

revision = '040b55af6f67'
down_revision = None


def upgrade():
    infos = sa.sql.table('infos', sa.sql.column('wazo_version'))
    op.execute(infos.update().values(wazo_version='25.16'))


def downgrade():
    pass
`;

describe("migguard lint: sa.sql.table is SQLAlchemy's table construct", () => {
  it("a version bump through sa.sql.table: its empty downgrade is the data-only note", async () => {
    const root = mkdtempSync(join(tmpdir(), "migguard-sa-sql-"));
    const path = "alembic/versions/040b55af6f67_bump_version_25_16.py";
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), BUMP);
    const result = await run(["lint", "--format", "json", path], { cwd: root });
    const down = (JSON.parse(result.output) as { findings: Array<{ rule: string; severity: string; message: string }> }).findings.find((f) => f.rule === "empty-down")!;
    expect(down.severity).toBe("info");
    expect(down.message).not.toContain("cannot read");
  });
});

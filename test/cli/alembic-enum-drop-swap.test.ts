/**
 * dstack's bc8ca4a505c6 through `migguard lint`: enum columns changed to varchar, then the old enum dropped with
 * SQLAlchemy's `sa.Enum(name=...).drop(op.get_bind())`. The fix keeps the old columns, of the enum, until the swap:
 * the DROP TYPE goes there, after both DROP COLUMNs (in the migration's place it fails: "cannot drop type backendtype
 * because other objects depend on it").
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";
import { checkFixSyntax, loadFixParsers } from "../../src/engine/testing/fix-syntax.js";

await loadFixParsers();

const REVISION = `from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "bc8ca4a505c6"
down_revision = None


def upgrade():
    with op.batch_alter_table("backends", schema=None) as batch_op:
        batch_op.alter_column("type", existing_type=postgresql.ENUM("AWS", "GCP", name="backendtype"), type_=sa.String(length=100), existing_nullable=False)

    with op.batch_alter_table("instances", schema=None) as batch_op:
        batch_op.alter_column("backend", existing_type=postgresql.ENUM("AWS", "GCP", name="backendtype"), type_=sa.String(length=100), existing_nullable=True)

    sa.Enum("AWS", "GCP", name="backendtype").drop(op.get_bind())


def downgrade():
    pass
`;

type Finding = { rule: string; path: string; line: number; fix: string; message: string };

describe("an enum column changed to varchar, then its enum dropped (Alembic)", () => {
  it("drops the enum in the swap, after the old columns, not in the migration's place", async () => {
    const cwd = fileTree({ "migrations/versions/bc8ca4a505c6_store_backendtype_as_string.py": REVISION }, "migguard-enum-drop-");
    const findings = (JSON.parse((await run(["lint", "--format", "json", "migrations/versions"], { cwd })).output) as { findings: Finding[] }).findings.filter((f) => f.rule === "column-type-change");
    expect(findings.map((f) => f.line)).toEqual([11, 14]);
    const [holder] = findings;
    expect(holder.fix).toContain("# delete line 16 (the sa.Enum(...).drop() of the old type, which fails while the column has it) here");
    const swap = holder.fix.slice(holder.fix.indexOf("_swap_"));
    const dropType = swap.indexOf("DROP TYPE backendtype;");
    expect(dropType).toBeGreaterThan(swap.indexOf("ALTER TABLE backends DROP COLUMN type;"));
    expect(dropType).toBeGreaterThan(swap.indexOf("ALTER TABLE instances DROP COLUMN backend;"));
    expect(swap.indexOf("ALTER TABLE instances DROP COLUMN backend;")).toBeGreaterThan(0);
    expect(findings[1].message).toContain("It is converted with backends.type (line 16 of the migration");
    expect(checkFixSyntax("python", holder.fix)).toEqual({ ok: true });
  });
});

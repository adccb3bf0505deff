/**
 * `migguard lint` of an Alembic revision whose backfill runs only as SQLAlchemy's inspector answers, asked before
 * its ADD COLUMN (`has_col = sa.inspect(bind).has_column(...)`, then op.add_column, then `if not has_col:` the
 * UPDATE). The same question as a SELECT of information_schema.columns (alembic-schema-question-backfill.test.ts):
 * split off, it would be asked after the column exists and the fill never run. The backfill stays with its DDL, a
 * note; asked after the ADD COLUMN, the split keeps its meaning and is offered.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

type Finding = { path: string; line: number; rule: string; severity: string; message: string; fix: string };

const BASE = `import sqlalchemy as sa
from alembic import op

revision = "165"
down_revision = None


def upgrade() -> None:
    op.create_table("searchspaces", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade() -> None:
    op.drop_table("searchspaces")
`;

const revision = (body: string) => `import sqlalchemy as sa
from alembic import op

revision = "166"
down_revision = "165"


def upgrade() -> None:
${body}

def downgrade() -> None:
    op.drop_column("searchspaces", "api_access_enabled")
`;

const ADD = `    op.add_column("searchspaces", sa.Column("api_access_enabled", sa.Boolean(), nullable=True))\n`;
const FILL = `        op.execute("UPDATE searchspaces SET api_access_enabled = true")\n`;

async function mixed(body: string): Promise<Finding[]> {
  const cwd = fileTree({ "alembic/versions/165_searchspaces.py": BASE, "alembic/versions/166_api_access.py": revision(body) }, "migguard-inspector-question-");
  const { output } = await run(["lint", "--format", "json", "alembic/versions"], { cwd });
  return (JSON.parse(output) as { findings: Finding[] }).findings.filter((f) => f.rule === "mixed-ddl-dml");
}

describe("lint: an Alembic backfill decided by SQLAlchemy's inspector, asked before its ADD COLUMN", () => {
  it("a name bound to has_column's answer: a note, the whole revision as the fix, no second revision", async () => {
    const [finding, ...rest] = await mixed(`    bind = op.get_bind()\n    has_col = sa.inspect(bind).has_column("searchspaces", "api_access_enabled")\n${ADD}    if not has_col:\n${FILL}`);
    expect(rest).toEqual([]);
    expect(`${finding.line} ${finding.severity}`).toBe("13 info");
    expect(finding.message).toContain("This data change runs only as the schema question of line 10 (it reads sa.inspect(bind).has_column) decides, asked before the schema change of line 11");
    expect(finding.fix).not.toContain("revision 2");
  });

  it("an inspector bound to a name, the list of its get_columns answer read by the if", async () => {
    const [finding, ...rest] = await mixed(`    insp = sa.inspect(op.get_bind())\n    columns = [c["name"] for c in insp.get_columns("searchspaces")]\n${ADD}    if "api_access_enabled" not in columns:\n${FILL}`);
    expect(rest).toEqual([]);
    expect(finding.severity).toBe("info");
    expect(finding.message).toContain("(it reads insp.get_columns)");
  });

  it("an early return on has_table decides the statements after it, the ADD COLUMN and the backfill alike: no split", async () => {
    const [finding] = await mixed(`    if not sa.inspect(op.get_bind()).has_table("searchspaces"):\n        return\n${ADD}    op.execute("UPDATE searchspaces SET api_access_enabled = true")\n`);
    expect(finding.severity).toBe("info");
    expect(finding.message).toContain("(it reads sa.inspect(op.get_bind()).has_table)");
  });

  it("the question asked after the ADD COLUMN keeps its meaning in a revision of its own: the split is offered", async () => {
    const [finding, ...rest] = await mixed(`${ADD}    has_col = sa.inspect(op.get_bind()).has_column("searchspaces", "api_access_enabled")\n    if has_col:\n${FILL}`);
    expect(rest).toEqual([]);
    expect(finding.severity).not.toBe("info");
    expect(finding.fix).toContain("# revision 2, new file");
  });
});

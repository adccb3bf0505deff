/**
 * `migguard lint` of an Alembic revision whose backfill runs only as a question about the schema, asked before its
 * ADD COLUMN, decides (SurfSense's 166: `api_access_column_exists` from information_schema.columns, then ADD COLUMN IF
 * NOT EXISTS, then `if not api_access_column_exists:` UPDATE ... SET api_access_enabled = true). Split off into a
 * revision of its own, the question would run after the column exists and the fill never run: the backfill stays
 * with its DDL as written, a note on the lock that costs, and no second revision is offered.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

type Finding = { path: string; line: number; rule: string; severity: string; message: string; fix: string };

const revision = (question: "before" | "after") => {
  const ask = `    api_access_column_exists = op.get_bind().execute(
        sa.text(
            "SELECT EXISTS (SELECT FROM information_schema.columns "
            "WHERE table_name = 'searchspaces' AND column_name = 'api_access_enabled')"
        )
    ).scalar()
`;
  const add = `    op.execute("ALTER TABLE searchspaces ADD COLUMN IF NOT EXISTS api_access_enabled BOOLEAN NOT NULL DEFAULT false")
`;
  return `import sqlalchemy as sa
from alembic import op

revision = "166"
down_revision = "165"


def upgrade() -> None:
${question === "before" ? ask + add : add + ask}
    if not api_access_column_exists:
        op.execute("UPDATE searchspaces SET api_access_enabled = true")


def downgrade() -> None:
    op.execute("ALTER TABLE searchspaces DROP COLUMN IF EXISTS api_access_enabled")
`;
};
const BASE = `import sqlalchemy as sa
from alembic import op

revision = "165"
down_revision = None


def upgrade() -> None:
    op.create_table("searchspaces", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade() -> None:
    op.drop_table("searchspaces")
`;

async function mixed(question: "before" | "after"): Promise<Finding[]> {
  const cwd = fileTree({ "alembic/versions/165_searchspaces.py": BASE, "alembic/versions/166_add_pat_and_api_access.py": revision(question) }, "migguard-schema-question-");
  const { output } = await run(["lint", "--format", "json", "alembic/versions"], { cwd });
  return (JSON.parse(output) as { findings: Finding[] }).findings.filter((f) => f.rule === "mixed-ddl-dml");
}

describe("lint: an Alembic backfill decided by a schema question asked before its ADD COLUMN", () => {
  it("stays with its DDL: a note on the lock, the whole revision as the fix, no second revision", async () => {
    const [finding, ...rest] = await mixed("before");
    expect(rest).toEqual([]);
    expect(`${finding.line} ${finding.severity}`).toBe("18 info");
    expect(finding.message).toContain("This data change runs only as the schema question of line 9 (it reads information_schema.columns) decides, asked before the schema change of line 15");
    expect(finding.fix).toContain("# keep the data change with the schema change of line 15, in this migration, as written (the whole migration)");
    expect(finding.fix).not.toContain("revision 2");
    expect(finding.fix).toContain('    if not api_access_column_exists:\n        op.execute("UPDATE searchspaces SET api_access_enabled = true")');
  });

  it("the question asked after the ADD COLUMN keeps its meaning in a revision of its own: the split is offered", async () => {
    const [finding, ...rest] = await mixed("after");
    expect(rest).toEqual([]);
    expect(finding.severity).not.toBe("info");
    expect(finding.fix).toContain("# revision 2, new file");
  });
});

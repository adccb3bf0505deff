/**
 * `migguard lint` of an Alembic rename that also converts the values (SurfSense's 156: pages_awarded becomes
 * credit_micros_awarded, a BigInteger, and an UPDATE multiplies it by 1000): the expand fix must not keep the two
 * columns in step with a trigger and a backfill that copy pages into micros as they are; it says the conversion must
 * be written into both. A rename whose type only widens (no UPDATE, no USING) keeps the copying expand.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

type Finding = { path: string; line: number; rule: string; severity: string; message: string; fix: string };

const BASE = `import sqlalchemy as sa
from alembic import op

revision = "155"
down_revision = None


def upgrade():
    op.create_table("user_incentive_tasks", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("pages_awarded", sa.Integer(), nullable=False))


def downgrade():
    op.drop_table("user_incentive_tasks")
`;
const rename = (update: string) => `import sqlalchemy as sa
from alembic import op

revision = "156"
down_revision = "155"


def upgrade():
    op.alter_column("user_incentive_tasks", "pages_awarded", new_column_name="credit_micros_awarded", type_=sa.BigInteger())
${update}

def downgrade():
    pass
`;

async function renames(update: string): Promise<Finding[]> {
  const cwd = fileTree({ "alembic/versions/155_incentives.py": BASE, "alembic/versions/156_unify_credits_wallet.py": rename(update) }, "migguard-converted-rename-");
  const { output } = await run(["lint", "--format", "json", "alembic/versions"], { cwd });
  return (JSON.parse(output) as { findings: Finding[] }).findings.filter((f) => f.rule === "rename-column");
}

describe("lint: an Alembic rename that converts the values in the same revision", () => {
  it("no trigger or backfill copies the unconverted values: the fix says the conversion must be written into both", async () => {
    const [finding, ...rest] = await renames(`    op.execute("UPDATE user_incentive_tasks SET credit_micros_awarded = credit_micros_awarded * 1000")\n`);
    expect(rest).toEqual([]);
    expect(finding.line).toBe(9);
    expect(finding.message).toContain("The migration also converts the values (line 10 rewrites its values with UPDATE user_incentive_tasks SET credit_micros_awarded = credit_micros_awarded * 1000)");
    expect(finding.fix).not.toContain("CREATE FUNCTION");
    expect(finding.fix).not.toContain("SET credit_micros_awarded = pages_awarded");
    expect(finding.fix).toContain("keep the two in step with a trigger that converts");
  });

  it("only the type widened: the copying expand stays", async () => {
    const [finding, ...rest] = await renames("");
    expect(rest).toEqual([]);
    expect(finding.message).not.toContain("converts the values");
    expect(finding.fix).toContain("CREATE FUNCTION user_incentive_tasks_sync_credit_micros_awarded()");
  });
});

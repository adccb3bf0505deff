/**
 * `migguard lint` on funnel's shape (887db555cca9): a column added empty, filled row by row in a Python loop, then
 * made NOT NULL and UNIQUE in the same transaction. The ADD COLUMN's ACCESS EXCLUSIVE lock is held for the whole
 * backfill whatever follows, so the later scan and build add a fraction of it: notes, the long lock told once by
 * mixed-ddl-dml. Without the ADD COLUMN the UPDATEs take ROW EXCLUSIVE only and SET NOT NULL is the long lock.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

type Finding = { rule: string; line: number; severity: string };

const revision = (addColumn: string) => `from alembic import op
import sqlalchemy as sa
from uuid import uuid4

revision = "887db555cca9"
down_revision = None

commentset = sa.table("commentset", sa.column("id", sa.Integer), sa.column("uuid", sa.Uuid))


def upgrade():
${addColumn}    conn = op.get_bind()
    for item in conn.execute(sa.select(commentset.c.id)):
        conn.execute(sa.update(commentset).where(commentset.c.id == item.id).values(uuid=uuid4()))
    op.alter_column("commentset", "uuid", nullable=False)
    op.create_unique_constraint("commentset_uuid_key", "commentset", ["uuid"])


def downgrade():
    pass
`;

const lint = async (text: string): Promise<Finding[]> => {
  const cwd = fileTree({ "migrations/versions/887db555cca9_uuid.py": text }, "migguard-backfill-held-lock-");
  const { output } = await run(["lint", "--format", "json", "migrations/versions"], { cwd });
  return (JSON.parse(output) as { findings: Finding[] }).findings;
};

describe("lint: lock findings after a backfill held under the transaction's ACCESS EXCLUSIVE lock", () => {
  it("SET NOT NULL and UNIQUE after the row-by-row fill of a column added in the transaction are notes", async () => {
    const findings = await lint(revision(`    op.add_column("commentset", sa.Column("uuid", sa.Uuid(), nullable=True))\n`));
    const of = (rule: string) => findings.filter((f) => f.rule === rule).map((f) => f.severity);
    expect(of("set-not-null")).toEqual(["info"]);
    expect(of("unique-constraint-without-index")).toEqual(["info"]);
  });

  it("the same fill of a column added before: SET NOT NULL is the long lock, an error", async () => {
    const findings = await lint(revision(""));
    expect(findings.filter((f) => f.rule === "set-not-null").map((f) => f.severity)).toEqual(["error"]);
  });
});

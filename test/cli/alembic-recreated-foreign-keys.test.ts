/**
 * `migguard lint` on an Alembic revision that drops foreign keys, lowercases the keys on both of their sides, then adds
 * the keys back by the same names (Mailu 5aeb5811408e): the drops hold ACCESS EXCLUSIVE on both tables until commit,
 * so the keys' checks are no finding of their own, and the data change is a note (it needs the keys gone), never a
 * split that leaves the tables without them. A key dropped and added back with nothing else done keeps its finding.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";
import { MAILU_LOWERCASE_KEYS } from "../../src/engine/testing/python-fixtures.js";

type Finding = { rule: string; line: number; severity: string; fix?: string };


const FIRST = `from alembic import op
import sqlalchemy as sa

revision = "f1393877871d"
down_revision = None


def upgrade():
    op.create_table("domain", sa.Column("name", sa.String(80), primary_key=True))
    op.create_table(
        "user",
        sa.Column("email", sa.String(255), primary_key=True),
        sa.Column("domain_name", sa.String(80), sa.ForeignKey("domain.name", name="user_domain_name_fkey")),
    )


def downgrade():
    op.drop_table("user")
    op.drop_table("domain")
`;

const findings = async (revision: string): Promise<Finding[]> => {
  const cwd = fileTree({ "requirements.txt": "alembic==1.13.1\n", "migrations/versions/a1_first.py": FIRST, "migrations/versions/5aeb5811408e_lowercase.py": revision }, "migguard-recreated-fkeys-");
  const { output } = await run(["lint", "--format", "json", "migrations/versions/5aeb5811408e_lowercase.py"], { cwd });
  return (JSON.parse(output) as { findings: Finding[] }).findings;
};

describe("lint: foreign keys dropped and added back around a data change that needs them gone", () => {
  it("reports no check of the keys added back, and the data change as a note that keeps the three together", async () => {
    const found = await findings(MAILU_LOWERCASE_KEYS);
    expect(found.filter((f) => f.rule === "constraint-without-not-valid")).toEqual([]);
    const mixed = found.filter((f) => f.rule === "mixed-ddl-dml");
    expect(mixed.map((f) => [f.line, f.severity])).toEqual([[16, "info"]]);
    expect(mixed[0].fix).toContain("keep the drops (line 14), the data change and the re-adding in this migration, in one transaction");
  });

  it("a key dropped and added back with ON DELETE CASCADE and nothing else done keeps its finding", async () => {
    const alone = MAILU_LOWERCASE_KEYS.replace(/    for domain[\s\S]*?lower\(\)\)\)\n    for user[\s\S]*?lower\(\)\)\)\n/, "").replace('["name"])', '["name"], ondelete="CASCADE")');
    const found = await findings(alone);
    expect(found.filter((f) => f.rule === "constraint-without-not-valid").map((f) => f.line)).toEqual([16]);
  });
});

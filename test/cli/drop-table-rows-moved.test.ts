/**
 * A revision that selects a table's rows with SQL text on the connection, writes them into other tables, then drops
 * the table, through `migguard lint` (tasking-manager f86698c827cc, tags -> campaigns): the drop comes after a data
 * step that read its rows, a warning about old code rather than the data-loss error. Rows only counted before the
 * drop keep the error.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-rows-moved-");

type Finding = { rule: string; severity: string; line: number; message: string };
const lint = async (cwd: string) => (JSON.parse((await run(["lint", "--format", "json", "migrations/versions"], { cwd })).output) as { findings: Finding[] }).findings;

const create = `from alembic import op
import sqlalchemy as sa

revision = "e3282e2db2d7"
down_revision = None


def upgrade():
    op.create_table("tags", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("campaigns", sa.String()))
    op.create_table("campaigns", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("name", sa.String()))


def downgrade():
    op.drop_table("campaigns")
    op.drop_table("tags")
`;
const move = (loop: string) => `import sqlalchemy as sa
from alembic import op

revision = "f86698c827cc"
down_revision = "e3282e2db2d7"


def upgrade():
    conn = op.get_bind()
    campaign_tags = conn.execute(sa.text("select distinct(campaigns) from tags where campaigns is not null"))
${loop}
    op.drop_table("tags")


def downgrade():
    op.create_table("tags", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("campaigns", sa.String()))
`;

describe("lint: a table dropped after its rows were selected and written elsewhere", () => {
  const files = (loop: string) => ({ "migrations/versions/e3282e2db2d7_.py": create, "migrations/versions/f86698c827cc_.py": move(loop) });

  it("rows written into campaigns by a loop over the selected rows: a warning that names the step, no data-loss error", async () => {
    const loop = `    for campaign_tag in campaign_tags:\n        conn.execute(sa.text("insert into campaigns (name) values (:name)"), {"name": campaign_tag[0]})`;
    const drops = (await lint(repo(files(loop)))).filter((f) => f.rule === "drop-table");
    expect(drops.map((f) => `${f.severity} ${f.line}`)).toEqual(["warning 13"]);
    expect(drops[0].message).toContain("after the data step at line 10 (conn.execute(SELECT ... FROM tags)) read its rows");
  });

  it("the selected rows only counted: the data-loss error stays", async () => {
    const drops = (await lint(repo(files(`    print(len(campaign_tags.fetchall()))`)))).filter((f) => f.rule === "drop-table");
    expect(drops.map((f) => `${f.severity} ${f.line}`)).toEqual(["error 12"]);
  });
});

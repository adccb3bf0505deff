/**
 * `migguard lint` on an Alembic revision whose data change mixed-ddl-dml splits out: the statements after the data
 * change go to revision 3, and the downgrade statements that undo them go with them, so each revision's downgrade
 * undoes exactly its upgrade. Revision 3's downgrade runs before revision 1's statements the author wrote ahead of
 * them, so a table those rename back is named as it still is then (packit-service f5792581522c).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";

type Finding = { rule: string; line: number; fix: string };

const REVISION = `from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.rename_table("runs", "releases")
    op.add_column("releases", sa.Column("kind", sa.Text(), nullable=True))
    op.execute("UPDATE releases SET kind = 'sync'")
    op.alter_column("targets", "run_id", new_column_name="release_id")
    op.drop_constraint("targets_run_id_fkey", "targets", type_="foreignkey")
    op.create_foreign_key("targets_release_id_fkey", "targets", "releases", ["release_id"], ["id"])


def downgrade():
    op.drop_column("releases", "kind")
    op.rename_table("releases", "runs")
    op.alter_column("targets", "release_id", new_column_name="run_id")
    op.drop_constraint("targets_release_id_fkey", "targets", type_="foreignkey")
    op.create_foreign_key("targets_run_id_fkey", "targets", "runs", ["run_id"], ["id"])
`;

async function splitFix(): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), "migguard-alembic-split-down-"));
  const path = "alembic/versions/a1_releases.py";
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), REVISION);
  const { output } = await run(["lint", "--format", "json", path], { cwd: root });
  return (JSON.parse(output) as { findings: Finding[] }).findings.find((f) => f.rule === "mixed-ddl-dml")!.fix;
}

const downgradeOf = (text: string) => text.slice(text.indexOf("def downgrade():"));

describe("an Alembic split moves the downgrade with the upgrade", () => {
  it("revision 3's downgrade undoes its own upgrade, naming the table as it is before revision 1's downgrade runs; revision 1's no longer undoes it", async () => {
    const fix = await splitFix();
    const [first, , third] = fix.split(/^# revision \d, /m).slice(1);
    expect(downgradeOf(third)).toContain('op.alter_column("targets", "release_id", new_column_name="run_id")');
    expect(downgradeOf(third)).toContain('op.drop_constraint("targets_release_id_fkey", "targets", type_="foreignkey")');
    expect(downgradeOf(third)).toContain('op.create_foreign_key("targets_run_id_fkey", "targets", "releases", ["run_id"], ["id"])');
    const firstDown = downgradeOf(first.slice(0, first.indexOf("# revision") === -1 ? undefined : first.indexOf("# revision")));
    expect(firstDown).toContain('op.rename_table("releases", "runs")');
    expect(firstDown).not.toContain("alter_column");
    expect(firstDown).not.toContain("create_foreign_key");
  });
});

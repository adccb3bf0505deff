/**
 * `migguard lint` on the patterns an independent audit found misread (ckan's Alembic revisions, email-alert-api's
 * Rails migrations): loops over literal lists, SQLAlchemy DDL elements, names only known at run time, and code
 * after an unconditional `return`.
 */
import { run } from "../../src/cli/main.js";
import { optInRules } from "./support/opt-in-rules.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-cli-");

type Finding = { rule: string; line: number; message: string; fix: string };
const lint = async (root: string): Promise<Finding[]> => {
  const result = await run(["lint", "--format", "json", "."], { cwd: root });
  return (JSON.parse(result.output) as { findings: Finding[] }).findings;
};

describe("audit: loops, DDL elements and dead code", () => {
  it("an Alembic downgrade that drops in a loop over reversed() of a module list undoes the upgrade; its DropSequence is read as SQL", async () => {
    const root = repo({
      "ckan/migration/env.py": "from alembic import context\n",
      "ckan/migration/script.py.mako": '"""${message}"""\n',
      "ckan/migration/versions/01_extras.py": `from alembic import op
import sqlalchemy as sa
from sqlalchemy.schema import CreateSequence, DropSequence, Sequence

revision = "01"
down_revision = None

tables = ["package", "resource"]


def upgrade():
    for table in tables:
        op.add_column(table, sa.Column("extras", sa.Text()))
    op.execute(DropSequence(Sequence("package_id_seq")))


def downgrade():
    op.execute(CreateSequence(Sequence("package_id_seq")))
    for table in reversed(tables):
        op.drop_column(table, "extras")
`,
    });
    const findings = await lint(root);
    expect(findings.map((f) => f.rule)).not.toContain("down-does-not-undo-up");
    expect(findings.map((f) => f.rule)).not.toContain("hidden-operation");
  });

  it("a loop over tables only the database names: no placeholder in the message or the fix", async () => {
    const root = repo({
      "alembic/versions/02_drop.py": `from alembic import op
import sqlalchemy as sa

revision = "02"
down_revision = None


def upgrade():
    for table in sa.inspect(op.get_bind()).get_table_names():
        op.drop_column(table, "extras")


def downgrade():
    pass
`,
    });
    const drop = (await lint(root)).find((f) => f.rule === "drop-column");
    expect(drop?.message).toContain("extras (of a table named at run time)");
    expect(drop?.fix).not.toMatch(/"\\?"|\\?_|\\?\\./);
    expect(drop?.fix.split("\\n").every((line) => line.startsWith("#"))).toBe(true);
  });

  it("a Rails migration whose change returns on its first line does nothing; a conditional return stays a guard", async () => {
    const root = repo({
      // dml-without-where (opt-in) switched on: its finding on the guarded update_all shows the code after the guard is read
      ...optInRules("dml-without-where"),
      "db/migrate/20190101000000_backfill_slugs.rb": `class BackfillSlugs < ActiveRecord::Migration[5.2]
  def change
    return

    SubscriberList.update_all(slug: nil)
    remove_column :subscriber_lists, :legacy
  end
end
`,
      "db/migrate/20190102000000_reset_plans.rb": `class ResetPlans < ActiveRecord::Migration[5.2]
  def up
    return if Rails.env.test?

    Account.update_all(plan: "free")
  end

  def down
  end
end
`,
    });
    const findings = await lint(root);
    expect(findings.filter((f) => f.line > 0 && f.rule !== "require-lock-timeout").map((f) => [f.rule, f.line]).filter(([, line]) => line === 5 || line === 6)).toEqual([["dml-without-where", 5]]);
  });
});

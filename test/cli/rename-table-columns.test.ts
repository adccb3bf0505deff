/**
 * `migguard lint` on an Alembic revision that renames tables, then columns (funnel's ccfad4d5e383): a column rename on
 * a table the revision renamed is the same old-code hazard as the table's, told once by rename-table's finding; a
 * column of a table it did not rename keeps its own finding.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

type Finding = { rule: string; line: number; message: string };

const REVISION = `from alembic import op

revision = "ccfad4d5e383"
down_revision = None

renamed_columns = [
    ("project", "status", "state"),
    ("rsvp", "status", "state"),
]


def upgrade():
    op.rename_table("proposal_space", "project")
    for table, old, new in renamed_columns:
        op.alter_column(table, old, new_column_name=new)


def downgrade():
    pass
`;

describe("lint: columns renamed on a table the same revision renames", () => {
  it("rename-table tells the renamed table's column; the other table's column keeps its rename-column finding", async () => {
    const cwd = fileTree({ "migrations/versions/ccfad4d5e383_rename.py": REVISION }, "migguard-rename-table-columns-");
    const { output } = await run(["lint", "--format", "json", "migrations/versions"], { cwd });
    const findings = (JSON.parse(output) as { findings: Finding[] }).findings;
    const table = findings.filter((f) => f.rule === "rename-table");
    expect(table).toHaveLength(1);
    expect(table[0]!.message).toContain("This migration then renames a column of project too, status to state (line 15)");
    const columns = findings.filter((f) => f.rule === "rename-column").map((f) => f.message);
    expect(columns).toEqual([expect.stringContaining("Renaming rsvp.status to state")]);
  });
});

/**
 * SQL whose only run-time part is a schema prefix (rucio's `schema = version_table_schema + '.' if ... else ''`,
 * put before a table name with + or %) is the statement it names, read on its unqualified name through `migguard
 * lint`: no hidden-operation, and the rules that judge that statement run on it. A run-time part that is a whole
 * WHERE condition still leaves the statement unknown.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";

const REVISION = `from alembic import context, op

revision = '9eb936a81eb1'
down_revision = None


def upgrade():
    schema = context.get_context().version_table_schema + '.' if context.get_context().version_table_schema else ''
    op.execute("ALTER TABLE %sdid_meta ADD COLUMN did_type text" % schema)
    op.execute("UPDATE " + schema + "account_attr_map SET value='true'")
    op.execute("DELETE FROM " + schema + "sessions WHERE " + stale())


def downgrade():
    schema = context.get_context().version_table_schema + '.' if context.get_context().version_table_schema else ''
    op.execute("ALTER TABLE %sdid_meta DROP COLUMN did_type" % schema)
`;

interface Finding {
  rule: string;
  line: number;
  message: string;
  fix: string;
}

describe("migguard lint: a run-time schema prefix before a table name", () => {
  it("the statements are read on their unqualified names; a run-time WHERE condition stays hidden", async () => {
    const root = mkdtempSync(join(tmpdir(), "migguard-schema-prefix-"));
    const path = "alembic/versions/9eb936a81eb1_true_is_true.py";
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), REVISION);
    const result = await run(["lint", "--format", "json", path], { cwd: root });
    const findings = (JSON.parse(result.output) as { findings: Finding[] }).findings;
    expect(findings.filter((f) => f.rule === "hidden-operation").map((f) => f.line)).toEqual([11]);
    // both statements are read: the UPDATE is a data change made while the ALTER TABLE's lock is held, and the fix
    // moves it to a revision of its own as written, its schema prefix with it
    const mixed = findings.find((f) => f.rule === "mixed-ddl-dml");
    expect(mixed?.line).toBe(10);
    expect(mixed?.fix).toContain(`op.execute("UPDATE " + schema + "account_attr_map SET value='true'")`);
  });
});

/**
 * `migguard lint` on an Alembic project whose revision drops a column in a `try:` whose `except` goes on
 * (privacyidea 4238eac8ccab): the author guards against a database that no longer has the column. Under an env.py
 * whose connection is AUTOCOMMIT the revision goes on after the caught error: no finding. In Alembic's transaction
 * PostgreSQL has aborted the transaction, and the finding says so.
 */
import { run } from "../../src/cli/main.js";
import { flaskMigrateEnv } from "../../src/engine/testing/alembic-autocommit-env.js";
import { fileTree } from "./support/file-tree.js";

type Finding = { rule: string; line: number; message: string };

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-caught-failure-");

const CREATE = `from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.create_table("usercache", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("username", sa.Unicode(64)))


def downgrade():
    op.drop_table("usercache")
`;

const DROP = `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    try:
        op.drop_column("usercache", "realm")
    except Exception as exx:
        print("## Unnecessary columns in table usercache obviously do not exist anymore.")
        print(exx)


def downgrade():
    pass
`;

const dropFindings = async (autocommit: boolean): Promise<Finding[]> => {
  const cwd = repo({ "migrations/env.py": flaskMigrateEnv(autocommit), "migrations/versions/a1_create.py": CREATE, "migrations/versions/b2_drop.py": DROP });
  const { output } = await run(["lint", "--format", "json", "migrations/versions"], { cwd });
  return (JSON.parse(output) as { findings: Finding[] }).findings.filter((f) => f.rule === "drop-missing-column" || f.rule === "drop-column");
};

describe("lint: a drop in a try whose except goes on", () => {
  it("env.py's connection in AUTOCOMMIT: the caught failure leaves the revision going: no drop-missing-column, and no drop-column for values the column never held", async () => {
    expect(await dropFindings(true)).toEqual([]);
  });

  it("in Alembic's transaction: reported, saying PostgreSQL has aborted the transaction", async () => {
    const findings = await dropFindings(false);
    expect(findings.map((f) => [f.rule, f.line])).toEqual([["drop-missing-column", 10]]);
    expect(findings[0].message).toContain("current transaction is aborted");
  });
});

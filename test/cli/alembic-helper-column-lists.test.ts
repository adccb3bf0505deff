/**
 * SQL a helper of the migration builds from a flag the migration queried (SurfSense's zero_publication, audit 63:
 * `DOCUMENT_COLS + (['"_0_version"'] if has_zero_ver else [])` joined into `documents ({doc_col_list})`), through
 * `migguard lint` on an Alembic folder. The flag only decides which columns a column list holds: the statement and
 * its tables are known (no hidden-operation), and a rule that needs the columns says they are set at run time and
 * writes no fix with a made-up column. A flag that picks the tables themselves still leaves the statement hidden.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

const REVISION = `from alembic import op
import sqlalchemy as sa

revision = "139"
down_revision = None

PUBLICATION_NAME = "zero_publication"
DOCUMENT_COLS = ["id", "title", "status"]
USER_COLS = ["id", "pages_used"]


def _has_zero_version(conn, table: str) -> bool:
    return conn.execute(sa.text("SELECT 1 FROM information_schema.columns WHERE table_name = :tbl AND column_name = '_0_version'"), {"tbl": table}).fetchone() is not None


def _build_publication_ddl(documents_has_zero_ver: bool, user_has_zero_ver: bool) -> str:
    doc_cols = DOCUMENT_COLS + (['"_0_version"'] if documents_has_zero_ver else [])
    user_cols = USER_COLS + (['"_0_version"'] if user_has_zero_ver else [])
    doc_col_list = ", ".join(doc_cols)
    user_col_list = ", ".join(user_cols)
    return (
        f"CREATE PUBLICATION {PUBLICATION_NAME} FOR TABLE "
        f"notifications, "
        f"documents ({doc_col_list}), "
        f'"user" ({user_col_list})'
    )


def _unique_ddl(documents_has_zero_ver: bool) -> str:
    col_list = ", ".join(DOCUMENT_COLS + (['"_0_version"'] if documents_has_zero_ver else []))
    return f"ALTER TABLE documents ADD CONSTRAINT uq_documents_cols UNIQUE ({col_list})"


def _tables_ddl(with_user: bool) -> str:
    tables = ", ".join(["documents"] + (['"user"'] if with_user else []))
    return f"ALTER PUBLICATION {PUBLICATION_NAME} SET TABLE {tables}"


def upgrade() -> None:
    conn = op.get_bind()
    conn.execute(sa.text(f"DROP PUBLICATION IF EXISTS {PUBLICATION_NAME}"))
    documents_has_zero_ver = _has_zero_version(conn, "documents")
    user_has_zero_ver = _has_zero_version(conn, "user")
    conn.execute(sa.text(_build_publication_ddl(documents_has_zero_ver, user_has_zero_ver)))
    conn.execute(sa.text(_unique_ddl(documents_has_zero_ver)))
    conn.execute(sa.text(_tables_ddl(user_has_zero_ver)))


def downgrade() -> None:
    pass
`;

interface Finding {
  rule: string;
  line: number;
  message: string;
  fix: string;
}

describe("migguard lint: a column list an Alembic helper joins from a queried flag", () => {
  it("reads the statement; the rule that needs the columns says they are set at run time; run-time tables stay hidden", async () => {
    const root = new Repo().write({ "alembic.ini": "[alembic]\nscript_location = alembic\n", "alembic/versions/139_add_user_to_zero_publication.py": REVISION }).commit("app").root;
    const result = await run(["lint", "--format", "json", "alembic/versions"], { cwd: root });
    const findings = (JSON.parse(result.output) as { findings: Finding[] }).findings;
    const hidden = findings.filter((f) => f.rule === "hidden-operation");
    expect(hidden.map((f) => f.line)).toEqual([46]);
    expect(hidden[0].message).toContain("the name of its table or index is only known when it runs");
    // the publication is read as the DDL it is, not a statement that may change data (only the hidden one may)
    expect(findings.filter((f) => f.rule === "mixed-ddl-dml").map((f) => f.line)).toEqual([46]);
    const unique = findings.find((f) => f.rule === "unique-constraint-without-index");
    expect(unique?.line).toBe(45);
    expect(unique?.message).toContain("UNIQUE ((a name set at run time)) to documents");
    expect(unique?.fix).toContain("could not read a name this operation uses");
    expect(findings.map((f) => f.fix).join("\n")).not.toMatch(/__\w+__|"\?"|\\"\?\\"/);
  });
});

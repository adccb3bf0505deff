/**
 * Index builds and drops whose CONCURRENTLY is a run-time choice, through `migguard lint` on an Alembic folder like
 * phoenix's (audit 53): `postgresql_concurrently=concurrently`, where `concurrently = _use_concurrently()` reads an
 * opt-in environment variable and the migration leaves its transaction when it is set. migguard cannot know the
 * value: each build and drop is a note (info) that names the expression, not an error or a warning; so is the
 * op.execute of an f-string whose CONCURRENTLY is `'CONCURRENTLY ' if concurrently else ''`.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

const ENV = `from alembic import context


def run_migrations_online():
    context.configure(connection=None, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
`;

const REVISION = `import os

from alembic import op

revision = "4aad9107d196"
down_revision = None

_FK_INDEXES = [
    ("ix_spans_trace_rowid", "spans", ["trace_rowid"]),
    ("ix_span_costs_span_rowid", "span_costs", ["span_rowid"]),
]


def _use_concurrently() -> bool:
    connection = op.get_bind()
    if connection.dialect.name != "postgresql":
        return False
    return os.environ.get("APP_MIGRATE_INDEX_CONCURRENTLY", "").lower() == "true"


def _enable_autocommit() -> None:
    dbapi_conn = op.get_bind().connection.dbapi_connection
    dbapi_conn.commit()
    dbapi_conn.autocommit = True


def upgrade() -> None:
    concurrently = _use_concurrently()
    if concurrently:
        _enable_autocommit()
    op.execute(
        f"CREATE INDEX {'CONCURRENTLY ' if concurrently else ''}IF NOT EXISTS "
        "ix_sessions_project_id_end_time "
        "ON sessions (project_id, end_time DESC)"
    )
    for index_name, table_name, columns in _FK_INDEXES:
        op.create_index(
            index_name,
            table_name,
            columns,
            if_not_exists=True,
            postgresql_concurrently=concurrently,
        )
    op.drop_index(
        "ix_latency",
        table_name="spans",
        if_exists=True,
        postgresql_concurrently=concurrently,
    )
    op.create_index("ix_spans_kind", "spans", ["kind"])


def downgrade() -> None:
    op.create_index("ix_latency", "spans", ["latency_ms"])
`;

describe("migguard lint: CONCURRENTLY chosen at run time (Alembic)", () => {
  it("notes each build and drop under the flag, naming it, and keeps the plain build an error", async () => {
    const root = new Repo()
      .write({ "alembic.ini": "[alembic]\nscript_location = alembic\n", "alembic/env.py": ENV, "alembic/versions/4aad9107d196_fk_indexes.py": REVISION })
      .commit("app").root;
    const result = await run(["lint", "--format", "json", "alembic/versions"], { cwd: root });
    const findings = (JSON.parse(result.output) as { findings: Array<{ rule: string; line: number; severity: string; message: string }> }).findings;
    const index = findings.filter((f) => f.rule === "index-without-concurrently" || f.rule === "drop-index-without-concurrently");
    expect(index.map((f) => [f.rule, f.line, f.severity])).toEqual([
      ["index-without-concurrently", 32, "info"],
      ["index-without-concurrently", 37, "info"],
      ["index-without-concurrently", 37, "info"],
      ["drop-index-without-concurrently", 44, "info"],
      ["index-without-concurrently", 50, "error"],
    ]);
    expect(index.map((f) => f.message).join("\n")).toContain("ix_spans_trace_rowid is built CONCURRENTLY only when `concurrently` is true at run time");
    expect(index[3].message).toContain("ix_latency is dropped CONCURRENTLY only when `concurrently` is true at run time");
    expect(index.map((f) => f.message).join("\n")).toContain("ix_sessions_project_id_end_time is built CONCURRENTLY only when `concurrently` is true at run time");
    expect(findings.filter((f) => f.rule === "concurrently-in-transaction" || f.rule === "hidden-operation")).toEqual([]);
  });
});

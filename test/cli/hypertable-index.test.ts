/**
 * An index on a TimescaleDB hypertable through `migguard lint` (README: index-without-concurrently): TimescaleDB
 * refuses CREATE INDEX CONCURRENTLY on a hypertable, so where an earlier migration made the table one
 * (create_hypertable in SQL or in an Alembic op.execute) the fix builds it WITH (timescaledb.transaction_per_chunk)
 * outside a transaction, and says why; so it is where no migration creates the table and the application's SQLAlchemy
 * models run create_hypertable on it (datanommer's after_create DDL); a table that was never made one keeps the
 * CONCURRENTLY fix.
 */
import { join } from "node:path";
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-hypertable-index-");

type Finding = { rule: string; line: number; path: string; message: string; fix: string };
const lint = async (cwd: string, path: string) =>
  (JSON.parse((await run(["lint", "--format", "json", path], { cwd })).output) as { findings: Finding[] }).findings.filter((f) => f.rule === "index-without-concurrently");

const revision = (id: string, down: string, body: string) => `from alembic import op
import sqlalchemy as sa

revision = "${id}"
down_revision = ${down}


def upgrade():
${body}


def downgrade():
    pass
`;

const MESSAGES = `    op.create_table("messages", sa.Column("id", sa.Integer), sa.Column("timestamp", sa.DateTime, nullable=False), sa.Column("agent_name", sa.Text))`;
const INDEX = `    op.create_index(op.f("ix_messages_agent_name"), "messages", ["agent_name"], unique=False)`;

describe("an index on a TimescaleDB hypertable", () => {
  it("Alembic: a revision after the one that ran create_hypertable gets the per-chunk build, its create_index kept, in an autocommit block", async () => {
    const cwd = repo({
      "alembic/versions/a1_messages.py": revision("a1", "None", `${MESSAGES}\n    op.execute("SELECT create_hypertable('messages', 'timestamp')")`),
      "alembic/versions/b2_agent_name.py": revision("b2", `"a1"`, INDEX),
    });
    const [finding] = await lint(cwd, "alembic/versions");
    expect(finding).toMatchObject({ path: "alembic/versions/b2_agent_name.py", line: 9 });
    expect(finding.message).toContain("messages is a TimescaleDB hypertable, which refuses CONCURRENTLY");
    expect(finding.fix).toContain(`(create_hypertable at alembic/versions/a1_messages.py:10), which refuses CREATE INDEX CONCURRENTLY`);
    expect(finding.fix).toContain(
      `with op.get_context().autocommit_block():\n    op.create_index(op.f("ix_messages_agent_name"), "messages", ["agent_name"], unique=False, postgresql_with={"timescaledb.transaction_per_chunk": True})`,
    );
    expect(finding.fix).not.toContain("postgresql_concurrently");
  });

  it("Alembic: without create_hypertable the CONCURRENTLY fix stays", async () => {
    const cwd = repo({
      "alembic/versions/a1_messages.py": revision("a1", "None", MESSAGES),
      "alembic/versions/b2_agent_name.py": revision("b2", `"a1"`, INDEX),
    });
    const [finding] = await lint(cwd, "alembic/versions");
    expect(finding.fix).toContain("postgresql_concurrently=True");
    expect(finding.fix).not.toContain("transaction_per_chunk");
  });

  it("Alembic: no revision creates the table, the models' after_create DDL makes it a hypertable (datanommer): the per-chunk build, naming that code", async () => {
    const models = [
      "from sqlalchemy import Column, DateTime, Integer, Text, event",
      "from sqlalchemy.orm import declarative_base",
      "from sqlalchemy.schema import DDL",
      "",
      "Base = declarative_base()",
      "",
      "",
      "class Message(Base):",
      '    __tablename__ = "messages"',
      "    id = Column(Integer, primary_key=True)",
      "    timestamp = Column(DateTime, nullable=False)",
      "    agent_name = Column(Text)",
      "",
      "",
      "def _setup_hypertable(table_class):",
      '    event.listen(table_class.__table__, "after_create", DDL(f"SELECT create_hypertable(\'{table_class.__tablename__}\', \'timestamp\');"))',
      "",
      "",
      "_setup_hypertable(Message)",
      "",
    ].join("\n");
    const cwd = repo({
      "app/models.py": models,
      "app/alembic/versions/a1_init.py": revision("a1", "None", "    pass"),
      "app/alembic/versions/b2_agent_name.py": revision("b2", `"a1"`, INDEX),
    });
    const [finding] = await lint(cwd, "app/alembic/versions");
    expect(finding.message).toContain("messages is a TimescaleDB hypertable, which refuses CONCURRENTLY");
    expect(finding.fix).toContain("(create_hypertable at app/models.py:16, in the application's code; no migration creates the table)");
    expect(finding.fix).toContain(`postgresql_with={"timescaledb.transaction_per_chunk": True}`);
  });

  it("SQL: create_hypertable in an earlier file; a per-chunk build of the index is not reported", async () => {
    const table = "CREATE TABLE metrics (time timestamptz NOT NULL, device_id bigint);\nSELECT create_hypertable('metrics', 'time');\n";
    const cwd = repo({
      "db/migrations/001_metrics.sql": table,
      "db/migrations/002_metrics_device.sql": "CREATE INDEX metrics_device_idx ON metrics (device_id);\n",
      "db/migrations/003_metrics_time_device.sql": "CREATE INDEX metrics_time_device_idx ON metrics (time, device_id) WITH (timescaledb.transaction_per_chunk);\n",
    });
    const findings = await lint(cwd, "db/migrations");
    expect(findings.map((f) => f.path)).toEqual(["db/migrations/002_metrics_device.sql"]);
    expect(findings[0].fix.split("\n").at(-1)).toBe("CREATE INDEX metrics_device_idx ON metrics (device_id) WITH (timescaledb.transaction_per_chunk);");
  });
});

/**
 * `migguard lint` on an Alembic project whose env.py runs a statement on its connection before
 * context.configure (onyx's `connection.execute(text('SET search_path ...'))`): on SQLAlchemy 2.0 that begins a
 * transaction Alembic did not, so `op.get_context().autocommit_block()` alone would fail Alembic's assert. The
 * fix commits that transaction first and says why, naming env.py's line; where env.py commits, the fix stays as it was.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

type Finding = { rule: string; line: number; fix?: string };

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-env-transaction-");

const env = (afterSet: string) => `from alembic import context
from sqlalchemy import engine_from_config, pool, text

config = context.config


def run_migrations_online():
    engine = engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.", poolclass=pool.NullPool)
    with engine.connect() as connection:
        connection.execute(text('SET search_path TO "tenant"'))${afterSet}
        context.configure(connection=connection, target_metadata=None)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
`;

const REVISION = `from alembic import op

revision = "a1"
down_revision = None


def upgrade():
    op.create_index("ix_messages_session_id", "messages", ["session_id"])


def downgrade():
    op.drop_index("ix_messages_session_id", table_name="messages")
`;

const indexFix = async (envPy: string): Promise<string | undefined> => {
  const cwd = repo({ "requirements.txt": "sqlalchemy==2.0.41\n", "alembic/env.py": envPy, "alembic/versions/a1_messages_session.py": REVISION });
  const { output } = await run(["lint", "--format", "json", "alembic/versions"], { cwd });
  return (JSON.parse(output) as { findings: Finding[] }).findings.find((f) => f.rule === "index-without-concurrently")?.fix;
};

describe("lint: autocommit_block() under an env.py that began a transaction on its connection", () => {
  it("the fix commits the connection's transaction before the block and names env.py's line", async () => {
    const fix = (await indexFix(env(""))) ?? "";
    const lines = fix.split("\n");
    const block = lines.indexOf("with op.get_context().autocommit_block():");
    expect(block).toBeGreaterThan(0);
    expect(lines[block - 1]).toBe("op.get_bind().commit()");
    expect(fix).toContain("alembic/env.py line 10 runs connection.execute() before context.configure()");
  });

  it("env.py commits after its execute: the block runs as written, no commit added", async () => {
    const fix = (await indexFix(env("\n        connection.commit()"))) ?? "";
    expect(fix.startsWith("with op.get_context().autocommit_block():")).toBe(true);
    expect(fix).not.toContain("op.get_bind().commit()");
  });
});

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

/** funnel's env.py (Flask-Migrate's multidb template): it begins each connection's transaction itself, commits it after the last revision */
const HELD_ENV = `from alembic import context

USE_TWOPHASE = False


def run_migrations_online():
    engines = {"": {"engine": engine}}
    for rec in engines.values():
        rec["connection"] = conn = rec["engine"].connect()
        if USE_TWOPHASE:
            rec["transaction"] = conn.begin_twophase()
        else:
            rec["transaction"] = conn.begin()
    try:
        rec = next(iter(engines.values()))
        context.configure(connection=rec["connection"], target_metadata=None)
        context.run_migrations()
        for rec in engines.values():
            rec["transaction"].commit()
    except:
        for rec in engines.values():
            rec["transaction"].rollback()
        raise


run_migrations_online()
`;

const SET_NOT_NULL = `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.alter_column("messages", "session_id", existing_type=sa.Integer(), nullable=False)


def downgrade():
    op.alter_column("messages", "session_id", existing_type=sa.Integer(), nullable=True)
`;

describe("lint: an env.py that begins the upgrade's transaction itself (conn.begin())", () => {
  const findings = async (envPy = HELD_ENV): Promise<Finding[]> => {
    const cwd = repo({ "requirements.txt": "sqlalchemy==2.0.41\n", "migrations/env.py": envPy, "migrations/versions/a1_messages_session.py": REVISION, "migrations/versions/b2_session_not_null.py": SET_NOT_NULL });
    const { output } = await run(["lint", "--format", "json", "migrations/versions"], { cwd });
    return (JSON.parse(output) as { findings: Finding[] }).findings;
  };

  it("no commit before autocommit_block (env.py's own commit would then fail); the block is kept for the env.py change, shown as code", async () => {
    const fix = (await findings()).find((f) => f.rule === "index-without-concurrently")?.fix ?? "";
    expect(fix).not.toContain("op.get_bind().commit()");
    expect(fix).toContain("migrations/env.py line 13 begins the upgrade's transaction itself (conn.begin())");
    expect(fix).toContain("#     with context.begin_transaction():\n#         context.run_migrations()\nwith op.get_context().autocommit_block():");
  });

  it("a later revision's fix has no empty autocommit_block to commit the revisions before: it says to run that revision in an upgrade of its own", async () => {
    const fix = (await findings()).find((f) => f.rule === "set-not-null")?.fix ?? "";
    expect(fix).toContain("def upgrade():");
    expect(fix).not.toContain("autocommit_block");
    expect(fix).toContain("Run this revision in an upgrade of its own");
  });

  it("transaction_per_migration=True changes nothing there (Alembic begins no transaction inside one it did not begin): the same advice", async () => {
    const perRevision = HELD_ENV.replace("target_metadata=None)", "target_metadata=None, transaction_per_migration=True)");
    const fix = (await findings(perRevision)).find((f) => f.rule === "set-not-null")?.fix ?? "";
    expect(fix).toContain("Run this revision in an upgrade of its own");
  });
});

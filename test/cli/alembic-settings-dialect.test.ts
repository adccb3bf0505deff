/**
 * `migguard lint` on Alembic revisions guarded by the project's settings (letta's `if
 * settings.letta_pg_uri_no_default: return` in a SQLite-only baseline): env.py sets a SQLite URL exactly when a
 * settings condition says so, and the Settings class computes that condition from one field, so on PostgreSQL the
 * field's value is known and so is the branch the revision takes. The settings module is read from the repository;
 * when env.py or the property proves nothing, the revision is read whole.
 */
import { join } from "node:path";
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

type Finding = { path: string; rule: string; line: number };

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-settings-dialect-");

const lint = async (files: Record<string, string>): Promise<string[]> => {
  const { output } = await run(["lint", "--format", "json", "alembic/versions"], { cwd: repo(files) });
  return (JSON.parse(output) as { findings: Finding[] }).findings.filter((f) => f.rule === "index-without-concurrently").map((f) => `${f.path.split("/").pop()}:${f.line}`);
};

const SETTINGS = `from enum import Enum
from typing import Optional

from pydantic_settings import BaseSettings


class DatabaseChoice(str, Enum):
    POSTGRES = "postgres"
    SQLITE = "sqlite"


class Settings(BaseSettings):
    pg_uri: Optional[str] = None

    @property
    def pg_uri_no_default(self) -> Optional[str]:
        return self.pg_uri or None

    @property
    def database_engine(self) -> DatabaseChoice:
        """PostgreSQL when a URI is configured, else the local SQLite file."""
        return DatabaseChoice.POSTGRES if self.pg_uri_no_default else DatabaseChoice.SQLITE


settings = Settings()
`;

const ENV = `import os

from sqlalchemy import engine_from_config, pool

from alembic import context
from app.settings import DatabaseChoice, settings

config = context.config

if settings.database_engine is DatabaseChoice.POSTGRES:
    config.set_main_option("sqlalchemy.url", settings.pg_uri_no_default)
else:
    config.set_main_option("sqlalchemy.url", "sqlite:///" + os.path.join(os.path.expanduser("~"), "app.db"))


def run_migrations_online() -> None:
    connectable = engine_from_config(config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.", poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=None)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
`;

const SQLITE_BASELINE = `from alembic import op
import sqlalchemy as sa

from app.settings import settings

revision = "a1"
down_revision = None


def upgrade():
    # only SQLite: PostgreSQL databases have these from earlier revisions
    if settings.pg_uri_no_default:
        return
    op.create_index("ix_agents_name", "agents", ["name"])


def downgrade():
    if settings.pg_uri_no_default:
        return
    op.drop_index("ix_agents_name", table_name="agents")
`;

const POSTGRES_INDEXES = `from alembic import op
import sqlalchemy as sa

from app.settings import DatabaseChoice, settings

revision = "b2"
down_revision = "a1"


def upgrade():
    if not settings.pg_uri_no_default:
        return
    op.create_index("ix_agents_org", "agents", ["organization_id"])
    if settings.database_engine == DatabaseChoice.POSTGRES:
        op.create_index("ix_agents_created", "agents", ["created_at"])
    else:
        op.create_index("ix_agents_updated", "agents", ["updated_at"])


def downgrade():
    op.drop_index("ix_agents_org", table_name="agents")
`;

const project = (overrides: Record<string, string> = {}) => ({
  "app/__init__.py": "",
  "app/settings.py": SETTINGS,
  "alembic/env.py": ENV,
  "alembic/versions/a1_sqlite_baseline.py": SQLITE_BASELINE,
  "alembic/versions/b2_postgres_index.py": POSTGRES_INDEXES,
  ...overrides,
});

describe("Alembic revisions guarded by the project's settings", () => {
  it("on PostgreSQL a SQLite-only revision returns; one that returns without the setting goes on, and a branch on the engine takes PostgreSQL's way", async () => {
    expect(await lint(project())).toEqual(["b2_postgres_index.py:13", "b2_postgres_index.py:15"]);
  });

  it("an env.py whose URL both branches take from the environment proves nothing: every revision is read whole", async () => {
    const env = ENV.replace(`"sqlite:///" + os.path.join(os.path.expanduser("~"), "app.db")`, `os.environ["DATABASE_URL"]`);
    expect(env).not.toBe(ENV);
    expect(await lint(project({ "alembic/env.py": env }))).toEqual(["a1_sqlite_baseline.py:14", "b2_postgres_index.py:13", "b2_postgres_index.py:15", "b2_postgres_index.py:17"]);
  });

  it("a property that does more than return one of two members by a field proves nothing of that field", async () => {
    const settings = SETTINGS.replace("        return DatabaseChoice.POSTGRES if", "        print(self.pg_uri)\n        return DatabaseChoice.POSTGRES if");
    expect(settings).not.toBe(SETTINGS);
    // the branch on database_engine itself is still decided (env.py compares that very property)
    expect(await lint(project({ "app/settings.py": settings }))).toEqual(["a1_sqlite_baseline.py:14", "b2_postgres_index.py:13", "b2_postgres_index.py:15"]);
  });
});

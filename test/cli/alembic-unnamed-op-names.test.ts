/**
 * op.create_foreign_key / create_unique_constraint / create_index with None for a name, through `migguard lint`: the
 * database gets the name env.py's target_metadata naming convention gives (bitcart: `target_metadata = Model.metadata`,
 * a class whose body binds a MetaData with `"fk": "%(table_name)s_%(column_0_name)s_%(referred_table_name)s_fkey"`),
 * so a downgrade that drops those names undoes the upgrade, and a fix names them, not PostgreSQL's defaults.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

const ENV = `from alembic import context

from api.models import Model

target_metadata = Model.metadata


def run_migrations_online():
    context.configure(connection=None, target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
`;

const MODELS = `from sqlalchemy import MetaData

my_metadata = MetaData(
    naming_convention={
        "ix": "%(column_0_label)s_idx",
        "uq": "%(table_name)s_%(column_0_name)s_key",
        "fk": "%(table_name)s_%(column_0_name)s_%(referred_table_name)s_fkey",
    }
)


class Model:
    metadata = my_metadata
`;

const revision = (downgrade: string) => `from alembic import op

revision = "b2"
down_revision = None


def upgrade():
    op.create_foreign_key(None, "notifications", "users", ["user_id"], ["id"], ondelete="SET NULL")
    op.create_unique_constraint(None, "users", ["email"])


def downgrade():
${downgrade}
`;

const lint = async (downgrade: string) => {
  const root = new Repo().write({ "alembic.ini": "[alembic]\nscript_location = migrations\n", "migrations/env.py": ENV, "api/__init__.py": "", "api/models.py": MODELS, "migrations/versions/b2_keys.py": revision(downgrade) }).commit("app").root;
  return (JSON.parse((await run(["lint", "--format", "json", "migrations"], { cwd: root })).output) as { findings: Array<{ rule: string; message: string; fix: string }> }).findings;
};

describe("Alembic ops named None under env.py's naming convention", () => {
  it("a downgrade that drops the conventional names undoes the upgrade", async () => {
    const findings = await lint('    op.drop_constraint("users_email_key", "users", type_="unique")\n    op.drop_constraint("notifications_user_id_users_fkey", "notifications", type_="foreignkey")');
    expect(findings.filter((f) => f.rule === "down-does-not-undo-up")).toEqual([]);
  });

  it("a downgrade that forgets the foreign key is told its conventional name, and the fix drops that name", async () => {
    const findings = await lint('    op.drop_constraint("users_email_key", "users", type_="unique")');
    const undo = findings.filter((f) => f.rule === "down-does-not-undo-up");
    expect(undo).toHaveLength(1);
    expect(undo[0].message).toContain("notifications_user_id_users_fkey");
    expect(undo[0].fix).toContain("notifications_user_id_users_fkey");
    expect(undo[0].fix).not.toMatch(/notifications_user_id_fkey\b/);
  });
});

/**
 * `migguard lint` on an Alembic revision that replaces an index in a batch_alter_table block (spiff-arena's
 * efa7a9f771a6: drop_index, then create_index of the same name with unique=True). One finding, on the build, whose
 * fix is the swap: the batch block goes (the two calls were all it held), the new index is built CONCURRENTLY under a
 * temporary name beside the old one, the old one dropped CONCURRENTLY, the new one renamed. Where env.py says the
 * project also runs on SQLite, the swap runs on PostgreSQL only and the others run the two calls as written.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

const ENV = (dialectBranch: string) => `from alembic import context


def run_migrations_online():
    connectable = context.config.attributes.get("connection")
${dialectBranch}    context.configure(connection=connectable, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
`;

const CREATE = `from alembic import op
import sqlalchemy as sa

revision = "0ee3c2c7faf7"
down_revision = None


def upgrade():
    op.create_table("message_model", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("message_name", sa.String(255)))
    op.create_index("ix_message_model_message_name", "message_model", ["message_name"])


def downgrade():
    op.drop_table("message_model")
`;

const REPLACE = `from alembic import op
import sqlalchemy as sa

revision = "efa7a9f771a6"
down_revision = "0ee3c2c7faf7"


def upgrade():
    with op.batch_alter_table("message_model", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_message_model_message_name"))
        batch_op.create_index(batch_op.f("ix_message_model_message_name"), ["message_name"], unique=True)


def downgrade():
    with op.batch_alter_table("message_model", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_message_model_message_name"))
        batch_op.create_index(batch_op.f("ix_message_model_message_name"), ["message_name"], unique=False)
`;

type Finding = { path: string; rule: string; line: number; message: string; fix: string };

const lint = async (env: string): Promise<Finding[]> => {
  const root = new Repo()
    .write({
      "alembic.ini": "[alembic]\nscript_location = migrations\n",
      "migrations/env.py": env,
      "migrations/versions/0ee3c2c7faf7_create.py": CREATE,
      "migrations/versions/efa7a9f771a6_.py": REPLACE,
    })
    .commit("app").root;
  const { output } = await run(["lint", "--format", "json", "migrations/versions"], { cwd: root });
  return (JSON.parse(output) as { findings: Finding[] }).findings.filter((f) => f.path.endsWith("efa7a9f771a6_.py") && /index-without-concurrently/.test(f.rule));
};

const SWAP = [
  `with op.get_context().autocommit_block():`,
  `    op.execute("DROP INDEX CONCURRENTLY IF EXISTS ix_message_model_message_name_new")`,
  `    op.create_index("ix_message_model_message_name_new", "message_model", ["message_name"], unique=True, postgresql_concurrently=True)`,
  `    op.drop_index(op.f("ix_message_model_message_name"), table_name="message_model", postgresql_concurrently=True)`,
  `    op.execute("ALTER INDEX ix_message_model_message_name_new RENAME TO ix_message_model_message_name")`,
];

describe("an Alembic batch block that drops an index and creates it again under its name", () => {
  it("is one finding, on the create_index, whose fix replaces the whole block with the swap", async () => {
    const findings = await lint(ENV(""));
    expect(findings.map((f) => `${f.rule}:${f.line}`)).toEqual(["index-without-concurrently:11"]);
    expect(findings[0].message).toContain("It replaces the index ix_message_model_message_name dropped on line 10");
    expect(findings[0].fix).toBe(
      [
        "# in place of the whole with block (this was its only operation):",
        "# in place of line 10's drop_index of ix_message_model_message_name (the batch block goes without it) and this create_index:",
        "# ix_message_model_message_name_new is built beside ix_message_model_message_name, which serves its queries until the swap; a failed build leaves ix_message_model_message_name_new INVALID: the first statement drops it when the migration runs again",
        ...SWAP,
      ].join("\n"),
    );
    // the batch's drop_index is not kept anywhere: the only drop is the concurrent one, after the build
    expect(findings[0].fix).not.toContain("batch_op.drop_index");
  });

  it("in a project that also runs on SQLite, the swap runs on PostgreSQL only; the others run the drop and the create as written", async () => {
    const findings = await lint(ENV(`    if connectable.dialect.name == "sqlite":\n        connectable = connectable\n`));
    expect(findings.map((f) => `${f.rule}:${f.line}`)).toEqual(["index-without-concurrently:11"]);
    expect(findings[0].fix).toContain(
      [
        `if op.get_bind().dialect.name == "postgresql":`,
        ...SWAP.map((l) => `    ${l}`),
        `else:`,
        `    op.drop_index(op.f("ix_message_model_message_name"), table_name="message_model")`,
        `    op.create_index(op.f("ix_message_model_message_name"), "message_model", ["message_name"], unique=True)`,
      ].join("\n"),
    );
  });
});

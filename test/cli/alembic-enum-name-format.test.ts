/**
 * SQL formatted from the names of SQLAlchemy objects the file builds, through `migguard lint` on an Alembic folder
 * like tracim's (audit 55): a `replace_enum` helper of the migration, called with module-level
 * `sa.Enum(*types, name="entitytype")` constants, runs `"ALTER TYPE {} RENAME TO {}_old".format(from_enum.name, ...)`.
 * SQLAlchemy keeps the name it was given, so the statements are known: no hidden operation, and what they do is
 * judged as written (here an index built on `events` by a format of a Table's name).
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

const REVISION = `import typing

from alembic import op
import sqlalchemy as sa

revision = "5d3331933ef3"
down_revision = None

old_entity_types = ("USER", "WORKSPACE", "CONTENT")
old_entity_type_enum = sa.Enum(*old_entity_types, name="entitytype")
new_entity_type_enum = sa.Enum(*(old_entity_types + ("MENTION",)), name="entitytype")
events = sa.Table("events", sa.MetaData(), sa.Column("id", sa.Integer))


def replace_enum(table_name: str, column_name: str, from_enum: sa.Enum, to_enum: sa.Enum, default_value: typing.Any) -> None:
    if op.get_context().dialect.name == "postgresql":
        op.execute("ALTER TYPE {} RENAME TO {}_old".format(from_enum.name, from_enum.name))
        op.execute("ALTER TABLE {} alter {} drop default".format(table_name, column_name))
        to_enum.create(op.get_bind(), checkfirst=False)
        with op.batch_alter_table(table_name) as batch_op:
            batch_op.alter_column(
                column_name,
                type_=to_enum,
                postgresql_using="{}::text::{}".format(column_name, to_enum.name),
                server_default=default_value,
            )
        op.execute("DROP TYPE {}_old".format(from_enum.name))


def upgrade() -> None:
    replace_enum("events", "entity_type", old_entity_type_enum, new_entity_type_enum, None)
    op.execute("CREATE INDEX ix_events_entity_type ON %s (entity_type)" % events.name)


def downgrade() -> None:
    op.drop_index("ix_events_entity_type", table_name="events")
    replace_enum("events", "entity_type", new_entity_type_enum, old_entity_type_enum, None)
`;

const SQL_OF_AN_UNNAMED_ENUM = `from alembic import op
import sqlalchemy as sa

from app.models import EntityType

revision = "6e4442a1b2c3"
down_revision = "5d3331933ef3"

entity_type_enum = sa.Enum(EntityType)


def upgrade() -> None:
    op.execute("DROP TYPE {}_old".format(entity_type_enum.name))


def downgrade() -> None:
    pass
`;

describe("migguard lint: SQL formatted from the names of SQLAlchemy objects of the file (Alembic)", () => {
  it("reads the statements a format of an sa.Enum's or a Table's name makes, and keeps a name SQLAlchemy picks at run time hidden", async () => {
    const root = new Repo()
      .write({
        "alembic.ini": "[alembic]\nscript_location = alembic\n",
        "alembic/versions/5d3331933ef3_add_mention_in_entitytype_enum.py": REVISION,
        "alembic/versions/6e4442a1b2c3_drop_old_type.py": SQL_OF_AN_UNNAMED_ENUM,
      })
      .commit("app").root;
    const result = await run(["lint", "--format", "json", "alembic/versions"], { cwd: root });
    const findings = (JSON.parse(result.output) as { findings: Array<{ path: string; rule: string; line: number; message: string }> }).findings;
    const at = (file: string) => findings.filter((f) => f.path.endsWith(file)).map((f) => [f.rule, f.line]);
    expect(at("5d3331933ef3_add_mention_in_entitytype_enum.py")).toContainEqual(["index-without-concurrently", 32]);
    expect(at("5d3331933ef3_add_mention_in_entitytype_enum.py").filter(([rule]) => rule === "hidden-operation")).toEqual([]);
    expect(findings.find((f) => f.rule === "index-without-concurrently")?.message).toContain("events");
    expect(at("6e4442a1b2c3_drop_old_type.py")).toContainEqual(["hidden-operation", 13]);
  });
});

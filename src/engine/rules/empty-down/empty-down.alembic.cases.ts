import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "the fix is the inverse of each upgrade() operation, the dropped column added back with the type, nullability and default of the revision that created it",
      files: {
        "alembic/versions/a1_destinations.py": `from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.create_table(
        "destinations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("options", sa.Text(), nullable=False, server_default="{}"),
    )


def downgrade():
    op.drop_table("destinations")
`,
      },
      path: "alembic/versions/b2_encrypt_destinations.py",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("destinations", sa.Column("encrypted_options", sa.LargeBinary(), nullable=True))
    op.execute("UPDATE destinations SET encrypted_options = convert_to(options, 'UTF8')")
    op.drop_column("destinations", "options")
    op.alter_column("destinations", "encrypted_options", nullable=False)
    op.create_index("ix_destinations_name", "destinations", ["name"])
    op.alter_column("destinations", "name", new_column_name="title")
    op.create_table("destination_owners", sa.Column("id", sa.Integer(), primary_key=True))
    op.create_foreign_key("fk_owner", "destinations", "destination_owners", ["owner_id"], ["id"])


def downgrade():
    pass
`,
      lines: [19],
      fixes: [
        [
          "def downgrade():",
          '    op.drop_constraint("fk_owner", "destinations", type_="foreignkey")',
          '    op.drop_table("destination_owners")',
          '    op.alter_column("destinations", "title", new_column_name="name")',
          '    op.drop_index("ix_destinations_name", table_name="destinations")',
          '    op.alter_column("destinations", "encrypted_options", existing_type=sa.LargeBinary(), nullable=True)',
          "    # destinations.options comes back empty: the values upgrade() dropped are gone",
          '    op.add_column("destinations", sa.Column("options", sa.Text(), server_default=sa.text("\'{}\'"), nullable=False))',
          "    # line 10 changes data: restore the previous rows from a copy made in the up, or leave them if they can stay",
          '    op.drop_column("destinations", "encrypted_options")',
        ].join("\n"),
      ],
    },
    {
      framework: "alembic",
      name: "a dropped table nothing in the repository defines: the knowable part is written out, the unknown one raises",
      code: `from alembic import op
import sqlalchemy as sa

revision = "c3"
down_revision = "b2"


def upgrade():
    op.add_column("invoices", sa.Column("archived", sa.Boolean(), nullable=True))
    op.drop_table("legacy_invoices")


def downgrade():
    pass
`,
      lines: [13],
      fixes: [
        [
          "def downgrade():",
          "    # line 10 drops legacy_invoices: recreate it from its last definition in the earlier migrations (the rows cannot come back)",
          '    raise NotImplementedError("irreversible: line 10 drops legacy_invoices: recreate it from its last definition in the earlier migrations (the rows cannot come back)")',
          '    op.drop_column("invoices", "archived")',
        ].join("\n"),
      ],
    },
    {
      framework: "alembic",
      name: "downgrade() only passes",
      code: `from alembic import op

revision = "eca4694defa7"
down_revision = "5e4a03ef0bf0"


def upgrade():
    bind = op.get_bind()
    bind.execute("UPDATE dbs SET allow_run_sync = true")


def downgrade():
    pass
`,
      lines: [12],
      // dml-without-where reports the overwrite itself: here the empty down is a note
      severities: ["info"],
      // a one-way data change: the explicit no-op that says so, which the rule reports as a note again at most
      fixes: ["def downgrade():\n    pass  # one-way data change: upgrade() only rewrites rows of dbs, and there is no schema to put back"],
    },
    {
      framework: "alembic",
      name: "an ORM loop overwrites a column of every row and downgrade() only passes (Superset's sqllab_setting_defaults)",
      code: `from alembic import op
from sqlalchemy import Boolean, Column, Integer
from sqlalchemy.ext.declarative import declarative_base

from superset import db

revision = "eca4694defa7"
down_revision = "5e4a03ef0bf0"

Base = declarative_base()


class Database(Base):
    __tablename__ = "dbs"
    id = Column(Integer, primary_key=True)
    allow_run_sync = Column(Boolean, default=True)


def upgrade():
    bind = op.get_bind()
    session = db.Session(bind=bind)

    for obj in session.query(Database).all():
        obj.allow_run_sync = True

    session.commit()
    session.close()


def downgrade():
    pass
`,
      lines: [30],
      severities: ["warning"],
    },
    {
      framework: "alembic",
      name: "upgrade() only calls code outside the revision (Redis keys pruned): an empty downgrade is a note, not a gate",
      code: `from alembic import op

from myapp import redis_connection

revision = "e5c7a4e2df4d"
down_revision = "98af61feea92"


def prune(list_name):
    keys = redis_connection.zrange(list_name, 0, 99)
    redis_connection.delete(*keys)


def upgrade():
    prune("tracker:done")


def downgrade():
    pass
`,
      lines: [18],
      severities: ["info"],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "an upgrade that changes nothing may have an empty downgrade",
      code: `"""merge heads

Revision ID: c3
Revises: a1, b2
"""
revision = "c3"
down_revision = ("a1", "b2")


def upgrade():
    pass


def downgrade():
    pass
`,
    },
  ],
});

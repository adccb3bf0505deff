import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
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

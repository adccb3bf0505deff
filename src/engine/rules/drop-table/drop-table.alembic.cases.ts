import { defineCases } from "../support/rule.js";

/** a revision that drops legacy_events */
const DROP_LEGACY_EVENTS = `from alembic import op

revision = "e5"
down_revision = "d4"


def upgrade():
    op.drop_table("legacy_events")


def downgrade():
    pass
`;
/** a declarative SQLAlchemy model of another table */
const USER_MODEL = { "app/models/user.py": 'from sqlalchemy import Column, Integer\n\nfrom .base import Base\n\n\nclass User(Base):\n    __tablename__ = "users"\n    id = Column(Integer, primary_key=True)\n' };

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "sa.schema.DropTable given to op.execute is DROP TABLE (a SQLAlchemy DDL element, not hidden SQL)",
      path: "alembic/versions/e5_drop_legacy_events.py",
      code: `from alembic import op
import sqlalchemy as sa

revision = "e5"
down_revision = "d4"


def upgrade():
    op.execute(sa.schema.DropTable(sa.table("legacy_events"), if_exists=True))


def downgrade():
    pass
`,
      lines: [9],
      messages: ["Dropping table legacy_events"],
    },
    {
      framework: "alembic",
      name: "strong evidence, a note: no SQLAlchemy model maps the table any more and no code read names it or its class",
      path: "alembic/versions/e5_drop_legacy_events.py",
      code: DROP_LEGACY_EVENTS,
      files: {
        ...USER_MODEL,
        "app/views.py": "def home(session):\n    return session.query(User).count()\n",
      },
      lines: [8],
      severities: ["info"],
      messages: ["no SQLAlchemy model of the 1 model file read maps legacy_events"],
    },
    {
      framework: "alembic",
      name: "an imperative Table() still defines the table: the data-loss error",
      path: "alembic/versions/e5_drop_legacy_events.py",
      code: DROP_LEGACY_EVENTS,
      files: {
        ...USER_MODEL,
        "app/tables.py": "from sqlalchemy import Column, Integer, MetaData, Table\n\nmetadata = MetaData()\nlegacy = Table(\"legacy_events\", metadata, Column(\"id\", Integer))\n",
      },
      lines: [8],
      severities: ["error"],
    },
    {
      framework: "alembic",
      name: "code still names the table's class (LegacyEvent) though no model maps it: the data-loss error",
      path: "alembic/versions/e5_drop_legacy_events.py",
      code: DROP_LEGACY_EVENTS,
      files: {
        ...USER_MODEL,
        "app/views.py": "from .legacy import LegacyEvent\n\n\ndef events(session):\n    return session.query(LegacyEvent).all()\n",
      },
      lines: [8],
      severities: ["error"],
    },
    {
      framework: "alembic",
      name: "op.drop_table",
      code: `from alembic import op

revision = "5a8e2f0c6b13"
down_revision = "3f1c9a7b2d4e"


def upgrade():
    op.drop_table("legacy_invoice_lines")


def downgrade():
    op.execute("CREATE TABLE legacy_invoice_lines (id bigint PRIMARY KEY)")
`,
      lines: [8],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "the table was copied to a backup first",
      code: `from alembic import op

revision = "5a8e2f0c6b13"
down_revision = "3f1c9a7b2d4e"


def upgrade():
    op.execute("CREATE TABLE legacy_invoice_lines_backup AS TABLE legacy_invoice_lines")
    op.drop_table("legacy_invoice_lines")


def downgrade():
    op.execute("ALTER TABLE legacy_invoice_lines_backup RENAME TO legacy_invoice_lines")
`,
    },
  ],
});

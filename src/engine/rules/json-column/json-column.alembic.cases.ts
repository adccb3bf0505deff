import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "a json column with a default and NOT NULL: the fix keeps both and imports the JSONB it uses",
      code: `from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSON

revision = "0ec979123ba4"
down_revision = "e5c7a4e2df4d"


def upgrade():
    op.add_column('dashboards', sa.Column('options', JSON(astext_type=sa.Text()), server_default='{}', nullable=False))


def downgrade():
    op.drop_column('dashboards', 'options')
`,
      lines: [10],
      fixes: [
        "from sqlalchemy.dialects.postgresql import JSONB\n\nop.add_column('dashboards', sa.Column('options', JSONB(astext_type=sa.Text()), server_default='{}', nullable=False))",
      ],
    },
    {
      framework: "alembic",
      name: "sa.JSON named without a call: it becomes JSONB(), the nullable kept",
      code: `from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = "a0"


def upgrade():
    op.add_column("events", sa.Column("payload", sa.JSON, nullable=True))


def downgrade():
    op.drop_column("events", "payload")
`,
      lines: [9],
      fixes: ['from sqlalchemy.dialects.postgresql import JSONB\n\nop.add_column("events", sa.Column("payload", JSONB(), nullable=True))'],
    },
    {
      framework: "alembic",
      name: "a column given by keyword in a schema (indico's event_abstracts): the fix's add_column takes the table and schema= apart, never one quoted name",
      code: `from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = "a0"


def upgrade():
    op.add_column("abstract_field_values", column=sa.Column("data", sa.JSON(), nullable=True), schema="event_abstracts")


def downgrade():
    op.drop_column("abstract_field_values", "data", schema="event_abstracts")
`,
      lines: [9],
      fixes: ['from sqlalchemy.dialects.postgresql import JSONB\n\nop.add_column("abstract_field_values", column=sa.Column("data", JSONB(), nullable=True), schema="event_abstracts")'],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "jsonb",
      code: `from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "0ec979123ba4"
down_revision = "e5c7a4e2df4d"


def upgrade():
    op.add_column("dashboards", sa.Column("options", postgresql.JSONB(), server_default="{}", nullable=False))


def downgrade():
    op.drop_column("dashboards", "options")
`,
    },
  ],
});

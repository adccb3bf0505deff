import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "SQL built at run time in a loop and passed through a helper (skyvern's cdp_connect_headers): the fix cannot rewrite it in place and says so, never one op.add_column in the loop's place",
      code: `from alembic import op

revision = "0b0bd1875c6e"
down_revision = "a1"

_TABLES = ("tasks", "workflows")


def _execute_schema_change(statement: str) -> None:
    op.execute("SET LOCAL lock_timeout = '250ms'")
    op.execute(statement)


def upgrade() -> None:
    for table in _TABLES:
        _execute_schema_change(f'ALTER TABLE "{table}" ADD COLUMN IF NOT EXISTS cdp_connect_headers JSON')


def downgrade() -> None:
    for table in _TABLES:
        _execute_schema_change(f'ALTER TABLE "{table}" DROP COLUMN IF EXISTS cdp_connect_headers')
`,
      schema: "CREATE TABLE tasks (id bigint PRIMARY KEY);\nCREATE TABLE workflows (id bigint PRIMARY KEY);",
      lines: [11, 11],
      fixes: [
        "# line 11 runs SQL the migration builds at run time (a loop, a helper's argument), so it cannot be rewritten in place:\n# where that SQL is written, make json jsonb; for tasks it runs:\n#   ALTER TABLE tasks ADD COLUMN IF NOT EXISTS cdp_connect_headers jsonb;",
        "# line 11 runs SQL the migration builds at run time (a loop, a helper's argument), so it cannot be rewritten in place:\n# where that SQL is written, make json jsonb; for workflows it runs:\n#   ALTER TABLE workflows ADD COLUMN IF NOT EXISTS cdp_connect_headers jsonb;",
      ],
    },
    {
      framework: "alembic",
      name: "SQL written in the op.execute call: the same call with the column made jsonb",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade() -> None:
    op.execute("ALTER TABLE tasks ADD COLUMN cdp_connect_headers JSON")


def downgrade() -> None:
    op.execute("ALTER TABLE tasks DROP COLUMN cdp_connect_headers")
`,
      schema: "CREATE TABLE tasks (id bigint PRIMARY KEY);",
      lines: [8],
      fixes: ['op.execute("ALTER TABLE tasks ADD COLUMN cdp_connect_headers jsonb")'],
    },
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

import { defineCases } from "../support/rule.js";

/** codegrade's 159db3633c04: op.add_column('Work', sa.Column('extra_info', sa.JSON())) */
const ADD_EXTRA_INFO = `from alembic import op
import sqlalchemy as sa

revision = "159db3633c04"
down_revision = "a1"


def upgrade():
    op.add_column("Work", sa.Column("extra_info", sa.JSON(), nullable=True))


def downgrade():
    op.drop_column("Work", "extra_info")
`;

/** codegrade's psef/models/assignment.py, cut down: DISTINCT ON user_id, count(distinct user_id), distinct over assigned_to */
const OTHER_COLUMNS_DISTINCT = `from sqlalchemy import distinct, func

from . import work as work_models


class Assignment:
    def graders(self):
        query = self.get_from_latest_submissions(
            work_models.Work.assigned_to,
        ).distinct().filter(work_models.Work.assigned_to.isnot(None))
        return list(query)

    def amount(self):
        return self.submissions().with_entities(
            func.count(
                distinct(work_models.Work.user_id)
            )
        ).scalar()

    def latest(self, sql):
        return sql.distinct(work_models.Work.user_id).subquery("ids")
`;

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "codegrade 159db3633c04: the code's distincts are DISTINCT ON (Work.user_id), count(distinct(Work.user_id)) and a query of Work.assigned_to only: none compares extra_info, a note",
      path: "migrations/versions/159db3633c04_.py",
      code: ADD_EXTRA_INFO,
      schema: 'CREATE TABLE "Work" (id bigint PRIMARY KEY, user_id bigint, assigned_to bigint);',
      files: { "psef/models/assignment.py": OTHER_COLUMNS_DISTINCT },
      lines: [9],
      severities: ["info"],
      messages: ["found no SELECT DISTINCT or UNION over whole rows of Work"],
    },
    {
      framework: "alembic",
      name: "a query of whole Work rows with .distinct(), or DISTINCT ON (Work.extra_info): each compares the json column, the warning names them",
      path: "migrations/versions/159db3633c04_.py",
      code: ADD_EXTRA_INFO,
      schema: 'CREATE TABLE "Work" (id bigint PRIMARY KEY, user_id bigint, assigned_to bigint);',
      files: {
        "psef/models/assignment.py": `from . import work as work_models


class Assignment:
    def works(self, session):
        return session.query(work_models.Work).filter(work_models.Work.user_id.isnot(None)).distinct().all()

    def by_info(self, sql):
        return sql.distinct(work_models.Work.extra_info).all()
`,
      },
      lines: [9],
      severities: ["warning"],
      messages: ["The application's code runs such a query over Work: psef/models/assignment.py:6, psef/models/assignment.py:9"],
    },
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

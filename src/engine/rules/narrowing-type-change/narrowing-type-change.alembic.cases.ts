import { CI_MATRIX_SQLITE_POSTGRES } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "NUMERIC(25,10) -> BIGINT drops the fractional part",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.alter_column("pledges", "amount", existing_type=sa.NUMERIC(precision=25, scale=10), type_=sa.BigInteger())


def downgrade():
    op.alter_column("pledges", "amount", existing_type=sa.BigInteger(), type_=sa.NUMERIC(precision=25, scale=10))
`,
      lines: [9],
    },
    {
      framework: "alembic",
      name: "Mailu 12e9a4f6ed73: a loop over every row updates each one by its key with int() of its value, then NUMERIC -> INTEGER: a note",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"

user_table = sa.Table("user", sa.MetaData(), sa.Column("email", sa.String(255), primary_key=True), sa.Column("spam_threshold", sa.Numeric()))


def upgrade():
    connection = op.get_bind()
    for user in connection.execute(user_table.select()):
        connection.execute(user_table.update().where(user_table.c.email == user.email).values(spam_threshold=int(user.spam_threshold)))
    with op.batch_alter_table("user") as batch:
        batch.alter_column("spam_threshold", existing_type=sa.Numeric(), type_=sa.Integer())


def downgrade():
    with op.batch_alter_table("user") as batch:
        batch.alter_column("spam_threshold", existing_type=sa.Integer(), type_=sa.Numeric())
`,
      lines: [15],
      severities: ["info"],
      messages: ["narrows the type, but this migration converted every value of spam_threshold first (line 13)"],
    },
    {
      framework: "alembic",
      name: "the loop reads only some rows (a WHERE on the select): the others are not converted, a warning",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"

user_table = sa.Table("user", sa.MetaData(), sa.Column("email", sa.String(255), primary_key=True), sa.Column("spam_threshold", sa.Numeric()))


def upgrade():
    connection = op.get_bind()
    for user in connection.execute(user_table.select().where(user_table.c.spam_threshold > 10)):
        connection.execute(user_table.update().where(user_table.c.email == user.email).values(spam_threshold=int(user.spam_threshold)))
    with op.batch_alter_table("user") as batch:
        batch.alter_column("spam_threshold", existing_type=sa.Numeric(), type_=sa.Integer())


def downgrade():
    with op.batch_alter_table("user") as batch:
        batch.alter_column("spam_threshold", existing_type=sa.Integer(), type_=sa.Numeric())
`,
      lines: [15],
      severities: ["warning"],
    },
    {
      framework: "alembic",
      name: "Mailu 12e9a4f6ed73: where the project also runs on SQLite, the check that every value fits (a plpgsql DO block) is sent on PostgreSQL only",
      code: `from alembic import op
import sqlalchemy as sa

revision = "12e9a4f6ed73"
down_revision = "a1"


def upgrade():
    op.alter_column("user", "spam_threshold", existing_type=sa.Numeric(), type_=sa.Integer())


def downgrade():
    op.alter_column("user", "spam_threshold", existing_type=sa.Integer(), type_=sa.Numeric())
`,
      files: CI_MATRIX_SQLITE_POSTGRES,
      lines: [9],
      fixes: ["# stop if a value does not fit integer, and keep a copy of the old values (a column of the new type beside the old one is safer still):\nif op.get_bind().dialect.name == \"postgresql\":\n    op.execute(\"DO $$ BEGIN IF EXISTS (SELECT FROM \\\"user\\\" WHERE spam_threshold NOT BETWEEN -2147483648 AND 2147483647 OR spam_threshold <> trunc(spam_threshold)) THEN RAISE EXCEPTION 'some values of user.spam_threshold do not fit integer'; END IF; END $$\")\n# migguard found no primary key of user in the migrations: the whole table is copied (keeping only its key and spam_threshold is enough)\nop.execute(\"CREATE TABLE user_spam_threshold_backup_12e9a4f6ed73 AS SELECT * FROM \\\"user\\\"\")\nop.alter_column(\"user\", \"spam_threshold\", existing_type=sa.Numeric(), type_=sa.Integer())"],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "INTEGER -> BIGINT",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.alter_column("events", "id", existing_type=sa.Integer(), type_=sa.BigInteger())


def downgrade():
    op.alter_column("events", "id", existing_type=sa.BigInteger(), type_=sa.Integer())
`,
    },
  ],
});

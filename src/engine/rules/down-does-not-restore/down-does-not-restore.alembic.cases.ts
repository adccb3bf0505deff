import { defineCases } from "../support/rule.js";

/** A batch block that drops pk_block_data for pk_block; the downgrade drops pk_block, then runs `restore`. */
const primaryKeySwapped = (restore: string) => `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    with op.batch_alter_table("block", schema=None) as batch_op:
        batch_op.drop_constraint("pk_block_data")
        batch_op.create_primary_key("pk_block", ["id"])


def downgrade():
    with op.batch_alter_table("block", schema=None) as batch_op:
        batch_op.drop_constraint("pk_block")
${restore}`;

/** faraday 85aeb4185f98: the upgrade drops the table, then its enum types; the downgrade creates the table with `enumColumn`. */
const enumTypeDropped = (enumColumn: string) => `import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "b2"
down_revision = "a1"


def upgrade():
    op.drop_table("cvss_v3")
    op.execute("drop type cvss_scope")


def downgrade():
    op.create_table(
        "cvss_v3",
        sa.Column("id", sa.INTEGER(), autoincrement=False, nullable=False),
        sa.Column("scope", ${enumColumn}, autoincrement=False, nullable=True),
    )
`;

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "a primary key dropped in a batch block and never recreated by downgrade()",
      code: primaryKeySwapped(""),
      lines: [9],
    },
    {
      framework: "alembic",
      name: "a type dropped by the upgrade that downgrade()'s create_table uses with create_type=False: nothing creates it again",
      code: enumTypeDropped('postgresql.ENUM("CHANGED", "UNCHANGED", name="cvss_scope", create_type=False)'),
      lines: [11],
    },
    {
      framework: "alembic",
      name: "a type dropped by the upgrade that downgrade()'s create_table uses as sa.Enum(native_enum=False), a VARCHAR with a CHECK: nothing creates it again",
      code: enumTypeDropped('sa.Enum("CHANGED", "UNCHANGED", name="cvss_scope", native_enum=False)'),
      lines: [11],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "faraday 85aeb4185f98: downgrade()'s create_table with a postgresql.ENUM(name=...) column creates the dropped type again (SQLAlchemy's create_type defaults to True)",
      code: enumTypeDropped('postgresql.ENUM("CHANGED", "UNCHANGED", name="cvss_scope")'),
    },
    {
      framework: "alembic",
      name: "downgrade()'s create_table with a sa.Enum(name=...) column creates the dropped type again",
      code: enumTypeDropped('sa.Enum("CHANGED", "UNCHANGED", name="cvss_scope")'),
    },
    {
      framework: "alembic",
      name: "downgrade()'s create_table re-creates the dropped indexes through sa.Column(..., index=True), named ix_<table>_<column>",
      code: `import sqlalchemy as sa
from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.drop_index(op.f("ix_records_exception"), table_name="records")
    op.drop_index(op.f("ix_records_work_id"), table_name="records")
    op.drop_table("records")


def downgrade():
    op.create_table(
        "records",
        sa.Column("id", sa.Integer, nullable=False, primary_key=True),
        sa.Column("work_id", sa.Integer, sa.ForeignKey("works.id"), index=True),
        sa.Column("exception", sa.Unicode, index=True),
    )
`,
    },
    {
      framework: "alembic",
      name: "downgrade() recreates the dropped primary key with batch_op.create_primary_key under its old name",
      code: primaryKeySwapped('        batch_op.create_primary_key("pk_block_data", ["id"])\n'),
    },
    {
      framework: "alembic",
      name: "batch_op.create_unique_constraint, create_foreign_key and create_check_constraint in downgrade() restore what the up dropped",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    with op.batch_alter_table("block", schema=None) as batch_op:
        batch_op.drop_constraint("uq_block__name")
        batch_op.drop_constraint("fk_block__spec_id__block_spec")
        batch_op.drop_constraint("ck_block__name_not_empty")


def downgrade():
    with op.batch_alter_table("block", schema=None) as batch_op:
        batch_op.create_unique_constraint("uq_block__name", ["name"])
        batch_op.create_foreign_key("fk_block__spec_id__block_spec", "block_spec", ["spec_id"], ["id"])
        batch_op.create_check_constraint("ck_block__name_not_empty", "name <> ''")
`,
    },
  ],
});

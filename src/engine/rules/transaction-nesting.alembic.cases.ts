import { defineCases } from "./rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "op.execute(\"COMMIT\") ends Alembic's transaction behind its back",
      code: `from alembic import op

revision = "21f87f395e26"
down_revision = "0d4755a0d88b"


def upgrade():
    # Creating a concurrent index does not work inside a transaction
    op.execute("COMMIT")
    op.create_index(op.f("ix__group__name"), "group", ["name"], postgresql_concurrently=True)


def downgrade():
    op.drop_index(op.f("ix__group__name"), "group")
`,
      lines: [9],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "autocommit_block() instead",
      code: `from alembic import op

revision = "21f87f395e26"
down_revision = "0d4755a0d88b"


def upgrade():
    with op.get_context().autocommit_block():
        op.create_index(op.f("ix__group__name"), "group", ["name"], postgresql_concurrently=True)


def downgrade():
    with op.get_context().autocommit_block():
        op.drop_index(op.f("ix__group__name"), "group", postgresql_concurrently=True)
`,
    },
  ],
});

import { defineCases } from "../support/rule.js";

/** comments.post_id: a named foreign key ON DELETE CASCADE, and the index ix_comments_post_id_created_at leading with it */
const INITIAL = {
  "alembic/versions/a1_init.py": `from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.create_table("posts", sa.Column("id", sa.BigInteger(), primary_key=True))
    op.create_table(
        "comments",
        sa.Column("id", sa.BigInteger(), primary_key=True),
        sa.Column("post_id", sa.BigInteger()),
        sa.Column("created_at", sa.DateTime()),
    )
    op.create_foreign_key("fk_comments_post_id", "comments", "posts", ["post_id"], ["id"], ondelete="CASCADE")
    op.create_index("ix_comments_post_id_created_at", "comments", ["post_id", "created_at"])


def downgrade():
    op.drop_table("comments")
    op.drop_table("posts")
`,
};

const revision = (body: string) => `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
${body}


def downgrade():
    op.create_index("ix_comments_post_id_created_at", "comments", ["post_id", "created_at"])
`;

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "drop_index of the only index leading with the key's column: the fix builds one on post_id concurrently before dropping it concurrently",
      path: "alembic/versions/b2_drop.py",
      files: INITIAL,
      code: revision(`    op.drop_index("ix_comments_post_id_created_at", table_name="comments")`),
      lines: [9],
      severities: ["warning"],
      fixes: [
        [
          "# the foreign key fk_comments_post_id (post_id) -> posts keeps an index on its columns, built before the drop",
          "with op.get_context().autocommit_block():",
          '    op.create_index("comments_post_id_idx", "comments", ["post_id"], postgresql_concurrently=True)',
          '    op.drop_index("ix_comments_post_id_created_at", table_name="comments", postgresql_concurrently=True)',
        ].join("\n"),
      ],
    },
    {
      framework: "alembic",
      name: "MySQL: InnoDB refuses the drop, an error; the fix builds the key's index first",
      path: "alembic/versions/b2_drop.py",
      config: { database: "mysql" },
      files: INITIAL,
      code: revision(`    op.drop_index("ix_comments_post_id_created_at", table_name="comments")`),
      lines: [9],
      severities: ["error"],
      fixes: [
        [
          "# the foreign key fk_comments_post_id (post_id) -> posts keeps an index on its columns, built before the drop",
          'op.create_index("comments_post_id_idx", "comments", ["post_id"])',
          'op.drop_index("ix_comments_post_id_created_at", table_name="comments")',
        ].join("\n"),
      ],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "the foreign key is dropped first",
      path: "alembic/versions/b2_drop.py",
      files: INITIAL,
      code: revision(`    op.drop_constraint("fk_comments_post_id", "comments", type_="foreignkey")\n    op.drop_index("ix_comments_post_id_created_at", table_name="comments")`),
    },
    {
      framework: "alembic",
      name: "the replacement on post_id alone is built before the drop",
      path: "alembic/versions/b2_drop.py",
      files: INITIAL,
      code: revision(
        `    with op.get_context().autocommit_block():\n        op.create_index("ix_comments_post_id", "comments", ["post_id"], postgresql_concurrently=True)\n        op.drop_index("ix_comments_post_id_created_at", table_name="comments", postgresql_concurrently=True)`,
      ),
    },
    {
      framework: "alembic",
      name: "another index still covers the key: a unique constraint leading with post_id",
      path: "alembic/versions/b2_drop.py",
      files: {
        "alembic/versions/a1_init.py": INITIAL["alembic/versions/a1_init.py"].replace(
          '    op.create_index("ix_comments_post_id_created_at"',
          '    op.create_unique_constraint("uq_comments_post_id_id", "comments", ["post_id", "id"])\n    op.create_index("ix_comments_post_id_created_at"',
        ),
      },
      code: revision(`    op.drop_index("ix_comments_post_id_created_at", table_name="comments")`),
    },
  ],
});

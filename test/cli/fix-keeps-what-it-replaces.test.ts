/**
 * Fixes that rewrite an operation keep everything the operation did, through `migguard lint` (audit seed 67):
 * pagure's foreign keys re-created for their ON DELETE / ON UPDATE CASCADE (in a loop, with Alembic 0.x's name=)
 * come back NOT VALID with those options; an add_column whose sa.Column has a ForeignKey keeps its column; and
 * service-manual-publisher's down for a remove_column adds back the unique index the column took with it.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";
import { checkFixSyntax, loadFixParsers } from "../../src/engine/testing/fix-syntax.js";

await loadFixParsers();

type Finding = { rule: string; line: number; endLine?: number; fix: string };
const lint = async (files: Record<string, string>, path: string, rule: string) => {
  const cwd = fileTree(files, "migguard-fix-keeps-");
  return (JSON.parse((await run(["lint", "--format", "json", path], { cwd })).output) as { findings: Finding[] }).findings.filter((f) => f.rule === rule);
};

const PINS = { "requirements.txt": "alembic==0.8.3\nSQLAlchemy==1.0.9\n" };

const HOOKS = `from alembic import op

revision = "317a285e04a8"
down_revision = "2aa7b3958bc5"


def upgrade():
    for table in ["hook_irc", "hook_mail"]:
        op.drop_constraint("%s_project_id_fkey" % table, table, type_="foreignkey")
        op. create_foreign_key(
            name="%s_project_id_fkey" % table,
            source_table=table,
            referent_table="projects",
            local_cols=["project_id"],
            remote_cols=["id"],
            onupdate="cascade",
            ondelete="cascade",
        )


def downgrade():
    pass
`;

const EDITOR = `from alembic import op
import sqlalchemy as sa

revision = "15ea3c2cf83d"
down_revision = "1cd0a853c697"


def upgrade():
    op.add_column(
        "pull_request_comments",
        sa.Column(
            "editor_id",
            sa.Integer,
            sa.ForeignKey("users.id", onupdate="CASCADE"),
            nullable=True)
    )


def downgrade():
    op.drop_column("pull_request_comments", "editor_id")
`;

describe("a NOT VALID foreign key keeps the options of the key it replaces (Alembic)", () => {
  it("a loop's create_foreign_key: each item's key with ON DELETE and ON UPDATE CASCADE, in the loop's body", async () => {
    const findings = await lint({ ...PINS, "alembic/versions/317a285e04a8_delete_hooks.py": HOOKS }, "alembic/versions", "constraint-without-not-valid");
    expect(findings.map((f) => f.line)).toEqual([10, 10]);
    for (const f of findings) {
      expect(f.fix).toContain('"hook_irc": "ALTER TABLE hook_irc ADD CONSTRAINT hook_irc_project_id_fkey FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE ON UPDATE CASCADE NOT VALID"');
      expect(f.fix).toContain('"hook_mail": "ALTER TABLE hook_mail ADD CONSTRAINT hook_mail_project_id_fkey FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE ON UPDATE CASCADE NOT VALID"');
      expect(f.fix).toMatch(/^\}\[table\]\)$/m);
      expect(f.fix).not.toContain("names no constraint");
      expect(checkFixSyntax("python", f.fix)).toEqual({ ok: true });
    }
  });

  it("an add_column's sa.ForeignKey: the column stays, without its key, then the key with its ON UPDATE", async () => {
    const [finding, ...rest] = await lint({ ...PINS, "alembic/versions/15ea3c2cf83d_pr_comment_editing.py": EDITOR }, "alembic/versions", "constraint-without-not-valid");
    expect(rest).toEqual([]);
    expect([finding.line, finding.endLine]).toEqual([9, 16]);
    expect(finding.fix).toContain('op.add_column(\n    "pull_request_comments",\n    sa.Column(\n        "editor_id",\n        sa.Integer,\n        nullable=True)\n)\n');
    expect(finding.fix).toContain("FOREIGN KEY (editor_id) REFERENCES users (id) ON UPDATE CASCADE NOT VALID");
    expect(checkFixSyntax("python", finding.fix)).toEqual({ ok: true });
  });
});

describe("a Rails down for a remove_column (up without down)", () => {
  it("adds back the unique index the column took with it", async () => {
    const files = {
      "db/migrate/20160816150906_add_email_alert_signup_content_ids_to_topics.rb": `class AddEmailAlertSignupContentIdsToTopics < ActiveRecord::Migration[5.0]
  def change
    add_column :topics, :email_alert_signup_content_id, :string
    add_index :topics, :email_alert_signup_content_id, unique: true
  end
end
`,
      "db/migrate/20200604155614_remove_topic_email_signup.rb": `class RemoveTopicEmailSignup < ActiveRecord::Migration[5.2]
  def up
    remove_column :topics, :email_alert_signup_content_id
  end
end
`,
    };
    const [finding] = (await lint(files, "db/migrate", "irreversible-migration")).filter((f) => f.line === 3);
    expect(finding.fix).toBe(
      [
        "def down",
        "  # topics.email_alert_signup_content_id comes back empty: the values up removed are gone",
        "  add_column :topics, :email_alert_signup_content_id, :string",
        '  add_index :topics, :email_alert_signup_content_id, name: "index_topics_on_email_alert_signup_content_id", unique: true',
        "end",
      ].join("\n"),
    );
    expect(checkFixSyntax("ruby", finding.fix)).toEqual({ ok: true });
  });
});

describe("an Alembic downgrade for a drop_column (downgrade() is pass)", () => {
  it("adds back the unique index the column took with it", async () => {
    const files = {
      "alembic/versions/a1_topics.py": `from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.create_table("topics", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("signup_id", sa.String(), nullable=True))
    op.create_index("ix_topics_signup_id", "topics", ["signup_id"], unique=True)


def downgrade():
    op.drop_table("topics")
`,
      "alembic/versions/b2_drop_signup.py": `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.drop_column("topics", "signup_id")


def downgrade():
    pass
`,
    };
    const [finding] = await lint(files, "alembic/versions", "empty-down");
    expect(finding.fix).toContain('    op.add_column("topics", sa.Column("signup_id", sa.String(), nullable=True))\n    op.create_index("ix_topics_signup_id", "topics", ["signup_id"], unique=True)');
    expect(checkFixSyntax("python", finding.fix)).toEqual({ ok: true });
  });
});

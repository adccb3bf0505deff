import { defineReviewCases } from "../../review-rule.js";

const rails = `class AddPhone < ActiveRecord::Migration[7.1]
  def change
    add_column :users, :phone, :string
  end
end
`;

const djangoMigration = (deps: string, body = "") =>
  `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [${deps}]\n    operations = [${body}]\n`;
const alembic = (revision: string) =>
  `"""add phone"""\nfrom alembic import op\nimport sqlalchemy as sa\n\nrevision = "${revision}"\ndown_revision = None\n\n\ndef upgrade():\n    op.add_column("users", sa.Column("phone", sa.Text()))\n\n\ndef downgrade():\n    op.drop_column("users", "phone")\n`;
const removeFields = '\n        migrations.RemoveField(model_name="build", name="output"),\n    ';

export default defineReviewCases({
  invalid: [
    {
      name: "Rails (caseflow e34da001d7): migrations moved unchanged from db/etl/migrate, a folder migguard does not read as one, to db/etl_migrate: one note for the move",
      base: {
        "db/etl/migrate/20191111164808_create_etl_appeals.rb": "class CreateEtlAppeals < ActiveRecord::Migration[5.1]\n  def change\n    create_table :appeals\n  end\nend\n",
        "db/etl/migrate/20191126203511_add_appeal_timestamps.rb": "class AddAppealTimestamps < ActiveRecord::Migration[5.1]\n  def change\n    add_column :appeals, :appeal_created_at, :datetime, null: false\n  end\nend\n",
      },
      head: {},
      renames: {
        "db/etl_migrate/20191111164808_create_etl_appeals.rb": "db/etl/migrate/20191111164808_create_etl_appeals.rb",
        "db/etl_migrate/20191126203511_add_appeal_timestamps.rb": "db/etl/migrate/20191126203511_add_appeal_timestamps.rb",
      },
      findings: [{ path: "db/etl_migrate/20191111164808_create_etl_appeals.rb", line: 1, severity: "info", message: "2 migrations (20191111164808_create_etl_appeals.rb, 20191126203511_add_appeal_timestamps.rb) moved unchanged from db/etl/migrate to db/etl_migrate" }],
    },
    {
      name: "gobuffalo/pop (supabase/auth 61ef4dbb51, a version renamed before any release): a warning saying pop re-runs it only where the old version ran",
      base: {
        "go.mod": "module github.com/supabase/auth\n\ngo 1.23\n\nrequire (\n\tgithub.com/gobuffalo/pop/v6 v6.1.1\n\tgithub.com/gofrs/uuid v4.4.0+incompatible // indirect\n)\n",
        "migrations/20251216000000_add_token_endpoint_auth_method.up.sql": "ALTER TABLE oauth_clients ADD COLUMN IF NOT EXISTS token_endpoint_auth_method text;\n",
      },
      head: {},
      renames: { "migrations/20260121000000_add_token_endpoint_auth_method.up.sql": "migrations/20251216000000_add_token_endpoint_auth_method.up.sql" },
      findings: [{ path: "migrations/20260121000000_add_token_endpoint_auth_method.up.sql", line: 1, severity: "warning", message: "gobuffalo/pop identifies a migration by its version" }],
    },
    {
      name: "a Rails migration gets a new timestamp",
      base: { "db/migrate/20240101000000_add_phone.rb": rails },
      head: {},
      renames: { "db/migrate/20240301000000_add_phone.rb": "db/migrate/20240101000000_add_phone.rb" },
      findings: [{ path: "db/migrate/20240301000000_add_phone.rb", line: 1 }],
    },
    {
      name: "a Rails migration renumbered before any release tag: production never ran it under its old version, a note with the schema_migrations row to move",
      base: { "db/migrate/20240101000000_add_phone.rb": rails },
      head: {},
      renames: { "db/migrate/20240301000000_add_phone.rb": "db/migrate/20240101000000_add_phone.rb" },
      releases: { onBase: ["v1.4.0"], shippedIn: { "db/migrate/20240101000000_add_phone.rb": [] } },
      findings: [{ path: "db/migrate/20240301000000_add_phone.rb", line: 1, severity: "info", message: "before any release: the commit that added it to the base branch is in no version tag (the newest is v1.4.0)" }],
    },
    {
      name: "the same rename once a version tag contains the commit that added it: released, an error",
      base: { "db/migrate/20240101000000_add_phone.rb": rails },
      head: {},
      renames: { "db/migrate/20240301000000_add_phone.rb": "db/migrate/20240101000000_add_phone.rb" },
      releases: { onBase: ["v1.5.0"], shippedIn: { "db/migrate/20240101000000_add_phone.rb": ["v1.5.0"] } },
      findings: [{ path: "db/migrate/20240301000000_add_phone.rb", line: 1, severity: "error" }],
    },
    {
      name: "a Flyway version is renumbered",
      base: { "db/migration/V3__accounts.sql": "CREATE TABLE accounts (id bigint);\n" },
      head: {},
      renames: { "db/migration/V4__accounts.sql": "db/migration/V3__accounts.sql" },
      findings: [{ path: "db/migration/V4__accounts.sql", line: 1 }],
    },
    {
      name: "Django: an app's folder moved and one migration renumbered in the move: that one is renamed",
      base: {
        "backend/apps/github/migrations/0001_initial.py": djangoMigration(""),
        "backend/apps/github/migrations/0002_phone.py": djangoMigration('("github", "0001_initial")'),
      },
      head: {},
      renames: {
        "backend/src/apps/github/migrations/0001_initial.py": "backend/apps/github/migrations/0001_initial.py",
        "backend/src/apps/github/migrations/0003_phone.py": "backend/apps/github/migrations/0002_phone.py",
      },
      findings: [{ path: "backend/src/apps/github/migrations/0003_phone.py", line: 1 }],
    },
    {
      name: "Alembic: a revision file renamed and given a new revision id: Alembic sees a new revision",
      base: { "alembic/versions/ab12cd34ef56_add_phone.py": alembic("ab12cd34ef56") },
      head: { "alembic/versions/ff00ee11dd22_add_phone.py": alembic("ff00ee11dd22") },
      renames: { "alembic/versions/ff00ee11dd22_add_phone.py": "alembic/versions/ab12cd34ef56_add_phone.py" },
      findings: [{ path: "alembic/versions/ff00ee11dd22_add_phone.py", line: 1 }],
    },
    {
      name: "a Django migration is renamed (Django knows it by name)",
      base: { "shop/migrations/0002_phone.py": "from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = []\n    operations = []\n" },
      head: {},
      renames: { "shop/migrations/0002_add_phone.py": "shop/migrations/0002_phone.py" },
      findings: [{ path: "shop/migrations/0002_add_phone.py", line: 1 }],
    },
  ],
  valid: [
    {
      name: "Django, Baserow 9758c56eb0: git pairs a deleted squashed-away migration (the squash replaces it) with an unrelated new one of another name: a deletion and an addition",
      base: {
        "builder/migrations/0001_initial.py": djangoMigration(""),
        "builder/migrations/0002_flags.py": djangoMigration('("builder", "0001_initial")'),
        "builder/migrations/0001_squashed_0002_initial.py": `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    replaces = [("builder", "0001_initial"), ("builder", "0002_flags")]\n    dependencies = []\n    operations = []\n`,
        "builder/migrations/0002_theme.py": djangoMigration('("builder", "0001_squashed_0002_initial")'),
      },
      head: { "builder/migrations/0003_refresh.py": djangoMigration('("builder", "0002_theme")') },
      renames: { "builder/migrations/0003_refresh.py": "builder/migrations/0002_flags.py" },
    },
    {
      name: "Django: an app's folder moved with its migrations (OWASP Nest #5068, backend/apps/ → backend/src/apps/ with src/ on the import path): the same app label and names, nothing",
      base: {
        "backend/apps/github/migrations/0001_initial.py": djangoMigration(""),
        "backend/apps/github/migrations/0002_remove_build_output.py": djangoMigration('("github", "0001_initial")', removeFields),
      },
      head: {},
      renames: {
        "backend/src/apps/github/migrations/0001_initial.py": "backend/apps/github/migrations/0001_initial.py",
        "backend/src/apps/github/migrations/0002_remove_build_output.py": "backend/apps/github/migrations/0002_remove_build_output.py",
      },
    },
    {
      name: "Rails: a migration moved into a subfolder of db/migrate (panoptes 0ac1f70004, db/migrate/archive/): Rails loads every folder below its migrations path, the same version, nothing",
      base: { "db/migrate/20240101000000_add_phone.rb": rails },
      head: {},
      renames: { "db/migrate/archive/20240101000000_add_phone.rb": "db/migrate/20240101000000_add_phone.rb" },
    },
    {
      name: "Alembic: a revision file renamed with the same revision id (Alembic knows it by that id): a note",
      base: { "alembic/versions/ab12cd34ef56_add_phone.py": alembic("ab12cd34ef56") },
      head: {},
      renames: { "alembic/versions/2024_01_01_ab12cd34ef56_add_phone.py": "alembic/versions/ab12cd34ef56_add_phone.py" },
    },
    {
      name: "Django: renamed to resolve two leaf nodes on the base branch (migrate refused to run there) and put after the other leaf: a note",
      base: {
        "builds/migrations/0001_initial.py": djangoMigration(""),
        "builds/migrations/0002_alter_rule_fk.py": djangoMigration('("builds", "0001_initial")'),
        "builds/migrations/0002_remove_build_output.py": djangoMigration('("builds", "0001_initial")', removeFields),
      },
      head: { "builds/migrations/0003_remove_build_output.py": djangoMigration('("builds", "0002_alter_rule_fk")', removeFields) },
      renames: { "builds/migrations/0003_remove_build_output.py": "builds/migrations/0002_remove_build_output.py" },
    },
    {
      name: "Django: renamed when on the base branch it depends on a migration that no longer exists (NodeNotFoundError: it never ran): a note",
      base: {
        "builds/migrations/0001_initial.py": djangoMigration(""),
        "builds/migrations/0003_remove_build_output.py": djangoMigration('("builds", "0001_initial")'),
        "builds/migrations/0003_change_label.py": djangoMigration('("builds", "0002_remove_build_output")'),
      },
      head: { "builds/migrations/0004_change_label.py": djangoMigration('("builds", "0003_remove_build_output")') },
      renames: { "builds/migrations/0004_change_label.py": "builds/migrations/0003_change_label.py" },
    },
    {
      name: "a Django migration moved into another app (mit-learn 866c95733d, articles' 0002 matched to website_content's new 0004 at 66% similarity): a new migration of that app, not a rename",
      base: {
        "articles/migrations/0001_initial.py": djangoMigration(""),
        "articles/migrations/0002_alter_article_created_on.py": djangoMigration('("articles", "0001_initial")'),
        "website_content/migrations/0001_initial.py": djangoMigration(""),
      },
      head: { "website_content/migrations/0002_alter_websitecontent_created_on.py": djangoMigration('("website_content", "0001_initial")') },
      renames: { "website_content/migrations/0002_alter_websitecontent_created_on.py": "articles/migrations/0002_alter_article_created_on.py" },
    },
    {
      name: "a file moved into the migrations folder is a new migration, not a rename",
      base: { "drafts/20240101000000_add_phone.rb": rails },
      head: {},
      renames: { "db/migrate/20240101000000_add_phone.rb": "drafts/20240101000000_add_phone.rb" },
    },
    {
      name: "renaming something that is not a migration",
      base: { "app/models/user.rb": "class User < ApplicationRecord\nend\n" },
      head: {},
      renames: { "app/models/account.rb": "app/models/user.rb" },
    },
  ],
});

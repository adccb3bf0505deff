import { defineReviewCases } from "../../review-rule.js";

const django = (deps: string, extra = "") => `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n${extra}    dependencies = [${deps}]\n    operations = []\n`;

const rails = (klass: string, body: string, down = "") => `class ${klass} < ActiveRecord::Migration[8.1]
  disable_ddl_transaction!

  def up
${body}
  end

  def down;${down} end
end
`;

/** An Alembic revision: `after` is its down_revision (None for a root). */
const alembic = (id: string, after: string | null, body = "pass") =>
  `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "${id}"\ndown_revision = ${after ? `"${after}"` : "None"}\n\n\ndef upgrade():\n    ${body}\n\n\ndef downgrade():\n    pass\n`;
/** Netflix dispatch's single chain before its multi-tenant reset: three revisions, head c3 */
const oldChain = {
  "src/app/alembic/versions/a1_accounts.py": alembic("a1", null, 'op.create_table("account", sa.Column("id", sa.Integer, primary_key=True))'),
  "src/app/alembic/versions/b2_email.py": alembic("b2", "a1", 'op.add_column("account", sa.Column("email", sa.String))'),
  "src/app/alembic/versions/c3_name.py": alembic("c3", "b2", 'op.add_column("account", sa.Column("name", sa.String))'),
};
const deleteAll = { "src/app/alembic/versions/a1_accounts.py": null, "src/app/alembic/versions/b2_email.py": null, "src/app/alembic/versions/c3_name.py": null };

const pgStat = "db/migrate/20240209150818_enable_pg_stat_statements.rb";
const enable = `class EnablePgStatStatements < ActiveRecord::Migration[7.1]\n  def change\n    enable_extension "pg_stat_statements"\n  end\nend\n`;
const indexPath = "db/migrate/20240209150818_add_index_to_links.rb";
const index = (options: string) => `class AddIndexToLinks < ActiveRecord::Migration[7.1]\n  disable_ddl_transaction!\n\n  def change\n    add_index :links, :link_type, algorithm: :concurrently${options}\n  end\nend\n`;
const createCampaign = "db/migrate/20260108220043_create_campaign_contact.rb";
const createCampaignContact = `class CreateCampaignContact < ActiveRecord::Migration[7.1]\n  def change\n    create_table :campaign_contacts do |t|\n      t.string :email\n    end\n  end\nend\n`;

/** dawarich 653a4bb843: the rails_pulse gem's install migration, which loads the gem's schema file (its tables are in that file) */
const pulseInstall = "db/migrate/20251228163703_install_rails_pulse_tables.rb";
const installPulse = `class InstallRailsPulseTables < ActiveRecord::Migration[8.0]
  def change
    schema_file = Rails.root.join('db/rails_pulse_schema.rb').to_s
    raise 'Rails Pulse schema file not found at db/rails_pulse_schema.rb' unless File.exist?(schema_file)

    load schema_file
    RailsPulse::Schema.call(connection)
  end
end
`;
const pulseSchema = "db/rails_pulse_schema.rb";
const pulseDrop = "db/migrate/20260429180000_drop_rails_pulse_tables.rb";
const dropPulse = (ifExists: string) => `class DropRailsPulseTables < ActiveRecord::Migration[8.0]
  TABLES = %w[
    rails_pulse_operations
    rails_pulse_requests
  ].freeze

  def up
    TABLES.each { |t| drop_table t${ifExists}, force: :cascade }
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`;
const pulseSchemaFile = `RailsPulse::Schema = lambda do |connection|\n  connection.create_table :rails_pulse_requests do |t|\n    t.string :route\n  end\nend\n`;

/** A settings module installing `apps` (mit-learn's main/settings.py). */
const settings = (...apps: string[]) => `INSTALLED_APPS = (\n    "django.contrib.auth",\n${apps.map((a) => `    "${a}",\n`).join("")})\n`;
const createModel = (app: string, model: string, deps = "") =>
  `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [${deps}]\n\n    operations = [\n        migrations.CreateModel(name="${model}", fields=[("id", models.AutoField(primary_key=True)), ("title", models.CharField(max_length=255))]),\n    ]\n`;
const deleteModel = (app: string, model: string, after: string) =>
  `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("${app}", "${after}")]\n\n    operations = [migrations.DeleteModel(name="${model}")]\n`;
/** mit-learn's video_shorts before phase 2: a model created, then deleted by a merged migration. */
const videoShorts = {
  "video_shorts/__init__.py": "",
  "video_shorts/migrations/__init__.py": "",
  "video_shorts/migrations/0001_initial.py": createModel("video_shorts", "VideoShort"),
  "video_shorts/migrations/0002_delete_videoshort.py": deleteModel("video_shorts", "VideoShort", "0001_initial"),
};
const goneVideoShorts = { "video_shorts/__init__.py": null, "video_shorts/migrations/__init__.py": null, "video_shorts/migrations/0001_initial.py": null, "video_shorts/migrations/0002_delete_videoshort.py": null };
const articles = {
  "articles/__init__.py": "",
  "articles/migrations/__init__.py": "",
  "articles/migrations/0001_initial.py": createModel("articles", "Article"),
};
const goneArticles = { "articles/__init__.py": null, "articles/migrations/__init__.py": null, "articles/migrations/0001_initial.py": null };
const copyArticles = `from django.db import migrations\n\n\ndef copy(apps, schema_editor):\n    with schema_editor.connection.cursor() as cursor:\n        cursor.execute("INSERT INTO website_content_websitecontent (id, title) SELECT id, title FROM articles_article")\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("website_content", "0001_initial")]\n\n    operations = [migrations.RunPython(copy, migrations.RunPython.noop)]\n`;

/** galaxy_ng before fdfbee475d: django-automated-logging vendored in galaxy_ng/_vendor/automated_logging, two of its migrations. */
const vendoredLogging = {
  "galaxy_ng/__init__.py": "",
  "galaxy_ng/_vendor/__init__.py": "",
  "galaxy_ng/_vendor/automated_logging/__init__.py": "",
  "galaxy_ng/_vendor/automated_logging/migrations/__init__.py": "",
  "galaxy_ng/_vendor/automated_logging/migrations/0001_initial.py": createModel("automated_logging", "Application"),
  "galaxy_ng/_vendor/automated_logging/migrations/0002_auto_20180215_1540.py": deleteModel("automated_logging", "Application", "0001_initial"),
};
const unvendored = Object.fromEntries(Object.keys(vendoredLogging).filter((p) => p.includes("_vendor/")).map((p) => [p, null]));
const galaxySetup = (requirements: string) => `from setuptools import setup\n\nrequirements = [\n    "django-crum==0.7.9",\n${requirements}]\n\nsetup(name="galaxy-ng", install_requires=requirements)\n`;

/** lego's users app before 0e4fcc7e14: 0050_alter_role -> 0051 on 0049, and 0050_user_command_suggestions on 0049 beside them */
const usersDir = "lego/apps/users/migrations";
const usersField = (deps: string, field: string) =>
  `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [${deps}]\n    operations = [\n        migrations.AddField(model_name="user", name="${field}", field=models.TextField(null=True)),\n    ]\n`;
const commandSuggestions = `${usersDir}/0050_user_command_suggestions.py`;
const usersConflict = {
  [`${usersDir}/0049_user_index.py`]: usersField("", "theme"),
  [`${usersDir}/0050_alter_role.py`]: usersField('("users", "0049_user_index")', "role_note"),
  [`${usersDir}/0051_alter_role_again.py`]: usersField('("users", "0050_alter_role")', "role_again"),
  [commandSuggestions]: usersField('("users", "0049_user_index")', "command_suggestions"),
};
/** when each reached the branch: the other line first (0050_alter_role, 0051), the command palette last (`palette`) */
const usersAdded = (palette: string) => ({
  [`${usersDir}/0050_alter_role.py`]: "2025-10-01T12:00:00+02:00",
  [`${usersDir}/0051_alter_role_again.py`]: "2025-10-06T16:00:00+02:00",
  [commandSuggestions]: palette,
});

export default defineReviewCases({
  invalid: [
    {
      name: "Rails: a squash of migrations older than db/schema.rb's version, whose table the dump holds: a note that fresh databases load the dump",
      base: {
        "db/migrate/20240101000000_create_users.rb": `class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users do |t|\n      t.string :email\n    end\n  end\nend\n`,
        "db/schema.rb": `ActiveRecord::Schema[7.1].define(version: 2024_06_01_000000) do\n  create_table "users", force: :cascade do |t|\n    t.string "email"\n  end\nend\n`,
      },
      head: { "db/migrate/20240101000000_create_users.rb": null },
      findings: [{ path: "db/migrate/20240101000000_create_users.rb", line: 1, severity: "info", message: "fresh databases load the dump (db:prepare, db:schema:load" }],
    },
    {
      name: "Rails: the dump's own newest migration deleted (signon a39f7542: its version is db/schema.rb's): loading the dump records that version too, a note",
      base: {
        "db/migrate/20240601000000_create_users.rb": `class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users do |t|\n      t.string :email\n    end\n  end\nend\n`,
        "db/schema.rb": `ActiveRecord::Schema[7.1].define(version: 2024_06_01_000000) do\n  create_table "users", force: :cascade do |t|\n    t.string "email"\n  end\nend\n`,
      },
      head: { "db/migrate/20240601000000_create_users.rb": null },
      findings: [{ path: "db/migrate/20240601000000_create_users.rb", line: 1, severity: "info", message: "fresh databases load the dump (db:prepare, db:schema:load" }],
    },
    {
      name: "Rails: the same squash with a column the dump lacks: fresh databases never get it, an error",
      base: {
        "db/migrate/20240101000000_create_users.rb": `class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users do |t|\n      t.string :email\n      t.string :locale\n    end\n  end\nend\n`,
        "db/schema.rb": `ActiveRecord::Schema[7.1].define(version: 2024_06_01_000000) do\n  create_table "users", force: :cascade do |t|\n    t.string "email"\n  end\nend\n`,
      },
      head: { "db/migrate/20240101000000_create_users.rb": null },
      findings: [{ path: "db/migrate/20240101000000_create_users.rb", line: 1, severity: "error", message: "fresh databases (CI, new environments) never get them" }],
    },
    {
      name: "Django: a deletion beside an addition of the same file name in another app's folder (another app label): still deleted",
      base: { "shop/migrations/0001_initial.py": django(""), "shop/migrations/0002_phone.py": django('("shop", "0001_initial")') },
      head: { "shop/migrations/0002_phone.py": null, "store/migrations/0002_phone.py": django('("store", "0001_initial")') },
      findings: [{ path: "shop/migrations/0002_phone.py", line: 1 }],
    },
    {
      name: "Rails: enable_extension merged 28 minutes before the revert (publishing-api 7ab431cdba): environment-only work, a warning whose fix drops the extension where it ran",
      base: { [pgStat]: enable },
      head: { [pgStat]: null },
      dates: { change: "2024-02-13T15:49:05Z", addedOnBase: { [pgStat]: "2024-02-13T15:21:29Z" } },
      findings: [{ path: pgStat, line: 1, severity: "warning", message: "added to the base branch 28 minutes before this change" }],
    },
    {
      name: "Rails: a non-unique index added 3 days before (by its version date, no commit date known) and deleted: a warning naming DROP INDEX CONCURRENTLY",
      base: { [indexPath]: index(', name: "index_links_on_link_type"') },
      head: { [indexPath]: null },
      dates: { change: "2024-02-12T15:08:18Z" },
      findings: [{ path: indexPath, line: 1, severity: "warning", message: "by its version date" }],
    },
    {
      name: "Rails: a table comment added the day before and deleted: documentation in the catalog, a warning",
      base: { "db/migrate/20240209150818_comment_links.rb": `class CommentLinks < ActiveRecord::Migration[7.1]\n  def change\n    change_table_comment :links, from: nil, to: "edition links"\n  end\nend\n` },
      head: { "db/migrate/20240209150818_comment_links.rb": null },
      dates: { change: "2024-02-10T15:08:18Z", addedOnBase: { "db/migrate/20240209150818_comment_links.rb": "2024-02-09T16:00:00Z" } },
      findings: [{ path: "db/migrate/20240209150818_comment_links.rb", line: 1, severity: "warning", message: "keep the comment" }],
    },
    {
      name: "Rails: a unique index changes what the application can write: deleting it is an error however young",
      base: { [indexPath]: index(', unique: true, name: "index_links_on_link_type"') },
      head: { [indexPath]: null },
      dates: { change: "2024-02-09T16:00:00Z", addedOnBase: { [indexPath]: "2024-02-09T15:30:00Z" } },
      findings: [{ path: indexPath, line: 1, severity: "error" }],
    },
    {
      name: "Rails: the same extension migration merged more than young_table.days before: an error",
      base: { [pgStat]: enable },
      head: { [pgStat]: null },
      dates: { change: "2024-06-13T15:49:05Z", addedOnBase: { [pgStat]: "2024-02-13T15:21:29Z" } },
      findings: [{ path: pgStat, line: 1, severity: "error" }],
    },
    {
      name: "gobuffalo/pop (a *.postgres.up.sql file, pop's per-dialect shape): pop checks no missing files, so a warning saying it matters only where a database ran it",
      base: {
        "persistence/sql/migrations/20240101000000_identities.postgres.up.sql": "CREATE TABLE identities (id uuid PRIMARY KEY);\n",
        "persistence/sql/migrations/20240201000000_identities_state.postgres.up.sql": "ALTER TABLE identities ADD COLUMN state text;\n",
      },
      head: { "persistence/sql/migrations/20240201000000_identities_state.postgres.up.sql": null },
      findings: [{ path: "persistence/sql/migrations/20240201000000_identities_state.postgres.up.sql", line: 1, severity: "warning", message: "gobuffalo/pop never checks" }],
    },
    {
      name: "Rails: two merged migrations deleted, each undone where it ran by a guarded revert (Mastodon's keypairs indexes): a note",
      base: {
        "db/migrate/20260629124055_add_new_index_on_uri_to_keypairs.rb": rails("AddNewIndexOnUriToKeypairs", "    add_index :keypairs, :uri, name: :index_keypairs_on_non_null_uri, unique: true, where: 'uri IS NOT NULL', algorithm: :concurrently"),
        "db/migrate/20260629124613_remove_old_index_on_uri_from_keypair.rb": rails("RemoveOldIndexOnUriFromKeypair", "    remove_index :keypairs, :uri, name: :index_keypairs_on_uri, unique: true, algorithm: :concurrently"),
      },
      head: {
        "db/migrate/20260629124055_add_new_index_on_uri_to_keypairs.rb": null,
        "db/migrate/20260629124613_remove_old_index_on_uri_from_keypair.rb": null,
        "db/migrate/20260630070531_revert_add_new_index_on_uri_to_keypairs.rb": rails(
          "RevertAddNewIndexOnUriToKeypairs",
          "    return unless index_exists?(:keypairs, :uri, name: :index_keypairs_on_non_null_uri)\n\n    remove_index :keypairs, :uri, name: :index_keypairs_on_non_null_uri, algorithm: :concurrently",
        ),
        "db/migrate/20260630070600_revert_remove_old_index_on_uri_from_keypair.rb": rails(
          "RevertRemoveOldIndexOnUriFromKeypair",
          "    return if index_exists?(:keypairs, :uri, name: :index_keypairs_on_uri)\n\n    add_index :keypairs, :uri, name: :index_keypairs_on_uri, unique: true, algorithm: :concurrently",
        ),
      },
      findings: [
        { path: "db/migrate/20260629124055_add_new_index_on_uri_to_keypairs.rb", line: 1, severity: "info" },
        { path: "db/migrate/20260629124613_remove_old_index_on_uri_from_keypair.rb", line: 1, severity: "info" },
      ],
    },
    {
      name: "Rails: a merged migration deleted, and the new one drops its index without checking that it exists: an error",
      base: { "db/migrate/20260629124055_add_new_index_on_uri_to_keypairs.rb": rails("AddNewIndexOnUriToKeypairs", "    add_index :keypairs, :uri, name: :index_keypairs_on_non_null_uri, algorithm: :concurrently") },
      head: {
        "db/migrate/20260629124055_add_new_index_on_uri_to_keypairs.rb": null,
        "db/migrate/20260630070531_revert_add_new_index_on_uri_to_keypairs.rb": rails("RevertAddNewIndexOnUriToKeypairs", "    remove_index :keypairs, name: :index_keypairs_on_non_null_uri, algorithm: :concurrently"),
      },
      findings: [{ path: "db/migrate/20260629124055_add_new_index_on_uri_to_keypairs.rb", line: 1, severity: "error" }],
    },
    {
      name: "Alembic: a history reset whose new chain's root reuses the old head's id (Netflix dispatch): one warning for the whole deletion, only older installations lose their upgrade path",
      base: oldChain,
      head: {
        ...deleteAll,
        "src/app/database/revisions/env.py": "from alembic import context\n",
        "src/app/database/revisions/script.py.mako": "revision = ${repr(up_revision)}\n",
        "src/app/database/revisions/versions/2021-06-02_c3.py": alembic("c3", null),
        "src/app/database/revisions/versions/2021-06-14_d4.py": alembic("d4", "c3", 'op.add_column("account", sa.Column("project_id", sa.Integer))'),
      },
      findings: [{ path: "src/app/alembic/versions/a1_accounts.py", line: 1, severity: "warning", message: "3 migrations of src/app/alembic/versions" }],
    },
    {
      name: "Alembic: a squash that keeps the head revision and makes it the root: one warning",
      base: oldChain,
      head: {
        "src/app/alembic/versions/a1_accounts.py": null,
        "src/app/alembic/versions/b2_email.py": null,
        "src/app/alembic/versions/c3_name.py": alembic("c3", null, 'op.create_table("account", sa.Column("id", sa.Integer, primary_key=True), sa.Column("email", sa.String), sa.Column("name", sa.String))'),
      },
      findings: [{ path: "src/app/alembic/versions/a1_accounts.py", line: 1, severity: "warning", message: "was built on it" }],
    },
    {
      name: "Alembic: every revision deleted and a new chain with new ids: the databases' alembic_version names a revision that is gone, one error for the deletion",
      base: oldChain,
      head: { ...deleteAll, "src/app/alembic/versions/e5_initial.py": alembic("e5", null) },
      findings: [{ path: "src/app/alembic/versions/a1_accounts.py", line: 1, severity: "error", message: "3 migrations of src/app/alembic/versions" }],
    },
    {
      name: "Alembic: the old head deleted too while its id is reused only for an older revision: an error",
      base: oldChain,
      head: { ...deleteAll, "src/app/alembic/versions/b2_initial.py": alembic("b2", null) },
      findings: [{ path: "src/app/alembic/versions/a1_accounts.py", line: 1, severity: "error" }],
    },
    {
      name: "a merged golang-migrate migration is deleted",
      base: {
        "db/migrations/001_accounts.up.sql": "CREATE TABLE accounts (id bigint);\n",
        "db/migrations/001_accounts.down.sql": "DROP TABLE accounts;\n",
      },
      head: { "db/migrations/001_accounts.up.sql": null, "db/migrations/001_accounts.down.sql": null },
      findings: [
        { path: "db/migrations/001_accounts.down.sql", line: 1, severity: "warning" },
        { path: "db/migrations/001_accounts.up.sql", line: 1, severity: "error" },
      ],
    },
    {
      name: "Rails: a table created and reverted before any release tag (vita-min f067826b9e): production never ran it, a note naming the newest tag and the schema_migrations row to clear",
      base: { [createCampaign]: createCampaignContact },
      head: { [createCampaign]: null },
      releases: { onBase: ["version-7.71.130", "y"], shippedIn: { [createCampaign]: ["y"] } },
      findings: [{ path: createCampaign, line: 1, severity: "info", message: "in no version tag (the newest is version-7.71.130)" }],
    },
    {
      name: "Rails: the same deletion when the newest version tag is years older than the change (lego's v1.0.0 of 2017, deployed from master since): the tags were left behind, the branch is deployed, an error",
      base: { [createCampaign]: createCampaignContact },
      head: { [createCampaign]: null },
      dates: { change: "2025-09-11T10:00:00Z" },
      releases: { onBase: ["v1.0.0"], shippedIn: { [createCampaign]: [] }, newestReleaseDate: "2017-10-20T06:43:25+02:00" },
      findings: [{ path: createCampaign, line: 1, severity: "error" }],
    },
    {
      name: "Rails: the same deletion when the newest version tag is under a year older than the change: releases still happen, a note",
      base: { [createCampaign]: createCampaignContact },
      head: { [createCampaign]: null },
      dates: { change: "2025-09-11T10:00:00Z" },
      releases: { onBase: ["v1.0.0"], shippedIn: { [createCampaign]: [] }, newestReleaseDate: "2024-10-20T06:43:25+02:00" },
      findings: [{ path: createCampaign, line: 1, severity: "info", message: "in no version tag (the newest is v1.0.0)" }],
    },
    {
      name: "Rails: the same deletion once a version tag contains the commit that added it: released, an error",
      base: { [createCampaign]: createCampaignContact },
      head: { [createCampaign]: null },
      releases: { onBase: ["version-7.71.131"], shippedIn: { [createCampaign]: ["version-7.71.131"] } },
      findings: [{ path: createCampaign, line: 1, severity: "error" }],
    },
    {
      name: "Rails: a repository whose tags are no versions (deploy markers) does not release by tags: today's rule, an error",
      base: { [createCampaign]: createCampaignContact },
      head: { [createCampaign]: null },
      releases: { onBase: ["deployed", "y"], shippedIn: { [createCampaign]: [] } },
      findings: [{ path: createCampaign, line: 1, severity: "error" }],
    },
    {
      name: "Django: 0408 replaced by another 0408 before any release (rapidpro b1e19b1526): a note with the django_migrations row to clear",
      base: { "flows/migrations/0407_a.py": django(""), "flows/migrations/0408_fix_activity_counts.py": django('("flows", "0407_a")') },
      head: { "flows/migrations/0408_fix_activity_counts.py": null, "flows/migrations/0408_recount.py": django('("flows", "0407_a")') },
      releases: { onBase: ["v26.3.49"], shippedIn: { "flows/migrations/0408_fix_activity_counts.py": [] } },
      findings: [{ path: "flows/migrations/0408_fix_activity_counts.py", line: 1, severity: "info", message: "the newest is v26.3.49" }],
    },
    {
      name: "Django: an unreleased migration a newer one on the base branch still depends on: every database breaks, an error",
      base: { "flows/migrations/0407_a.py": django(""), "flows/migrations/0408_fix.py": django('("flows", "0407_a")'), "flows/migrations/0409_b.py": django('("flows", "0408_fix")') },
      head: { "flows/migrations/0408_fix.py": null },
      releases: { onBase: ["v26.3.49"], shippedIn: { "flows/migrations/0408_fix.py": [] } },
      findings: [{ path: "flows/migrations/0408_fix.py", line: 1, severity: "error" }],
    },
    {
      name: "Alembic: an unreleased revision may still be another's down_revision (not all are read): an error",
      base: { "src/app/alembic/versions/a1_accounts.py": oldChain["src/app/alembic/versions/a1_accounts.py"] },
      head: { "src/app/alembic/versions/a1_accounts.py": null },
      releases: { onBase: ["v1.0.0"], shippedIn: { "src/app/alembic/versions/a1_accounts.py": [] } },
      findings: [{ path: "src/app/alembic/versions/a1_accounts.py", line: 1, severity: "error" }],
    },
    {
      name: "Django: a merged migration moved into another app (listed as a rename): gone from its own app, an error there",
      base: {
        "articles/migrations/0001_initial.py": django(""),
        "articles/migrations/0002_alter_article_created_on.py": django('("articles", "0001_initial")'),
        "website_content/migrations/0001_initial.py": django(""),
      },
      head: { "website_content/migrations/0002_alter_websitecontent_created_on.py": django('("website_content", "0001_initial")') },
      renames: { "website_content/migrations/0002_alter_websitecontent_created_on.py": "articles/migrations/0002_alter_article_created_on.py" },
      findings: [{ path: "articles/migrations/0002_alter_article_created_on.py", line: 1 }],
    },
    {
      name: "Django: a whole app removed with INSTALLED_APPS (mit-learn's documented removal) while its table stays: a warning naming the table, whose fix is Django's documented order",
      base: { "main/settings.py": settings("articles", "news"), ...articles },
      head: { "main/settings.py": settings("news"), ...goneArticles },
      findings: [{ path: "articles/migrations/0001_initial.py", line: 1, severity: "warning", message: "Its tables stay in the database with their rows: articles_article." }],
    },
    {
      name: "Django: a whole app's migrations deleted while INSTALLED_APPS still names it: an error",
      base: { "main/settings.py": settings("articles"), ...articles },
      head: goneArticles,
      findings: [{ path: "articles/migrations/0001_initial.py", line: 1, severity: "error" }],
    },
    {
      name: "Django: a whole app removed with INSTALLED_APPS, but a migration that stays depends on it (NodeNotFoundError): an error",
      base: {
        "main/settings.py": settings("video_shorts", "news"),
        ...videoShorts,
        "news/migrations/0001_initial.py": createModel("news", "Item", '("video_shorts", "0001_initial")'),
      },
      head: { "main/settings.py": settings("news"), ...goneVideoShorts },
      findings: [{ path: "video_shorts/migrations/0001_initial.py", line: 1, severity: "error" }],
    },
    {
      name: "Rails: a merged migration that loads another file deleted, and the new one drops tables without if_exists: nothing says the removal is safe where it never ran, an error",
      base: { [pulseInstall]: installPulse, [pulseSchema]: pulseSchemaFile },
      head: { [pulseInstall]: null, [pulseSchema]: null, [pulseDrop]: dropPulse("") },
      findings: [{ path: pulseInstall, line: 1, severity: "error" }],
    },
    {
      name: "Rails: a gem's install migration (it loads the gem's schema file) deleted, the new one drops other tables if_exists: an error",
      base: { [pulseInstall]: installPulse, [pulseSchema]: pulseSchemaFile },
      head: { [pulseInstall]: null, [pulseSchema]: null, [pulseDrop]: dropPulse(", if_exists: true").replace(/rails_pulse_/g, "audit_") },
      findings: [{ path: pulseInstall, line: 1, severity: "error" }],
    },
    {
      name: "Rails: a gem removed (dawarich 653a4bb843): its install migration, which loads the gem's schema file, deleted with that file, and the change adds a migration that drops the gem's tables if_exists: a note, no restore",
      base: { [pulseInstall]: installPulse, [pulseSchema]: pulseSchemaFile },
      head: { [pulseInstall]: null, [pulseSchema]: null, [pulseDrop]: dropPulse(", if_exists: true") },
      findings: [{ path: pulseInstall, line: 1, severity: "info", message: "drops its tables if they exist (rails_pulse_operations, rails_pulse_requests; " }],
    },
    {
      name: "a Django migration others depend on is deleted",
      base: { "shop/migrations/0001_initial.py": django(""), "shop/migrations/0002_phone.py": django('("shop", "0001_initial")') },
      head: { "shop/migrations/0001_initial.py": null },
      findings: [{ path: "shop/migrations/0001_initial.py", line: 1 }],
    },
    {
      name: "Django: a vendored app deleted with its package while this change adds the package it was copied from to setup.py (galaxy_ng fdfbee475d, django-automated-logging): a note naming the package",
      base: { ...vendoredLogging, "setup.py": galaxySetup('    "marshmallow<4.0.0,>=3.6.1",\n') },
      head: { ...unvendored, "setup.py": galaxySetup('    "django-automated-logging~=6.2",\n') },
      findings: [{ path: "galaxy_ng/_vendor/automated_logging/migrations/0001_initial.py", line: 1, severity: "info", message: "this change adds the package django-automated-logging (setup.py)" }],
    },
    {
      name: "Django: the same un-vendoring with the package already in pyproject.toml's [project] dependencies: a note that the project already declares it",
      base: { ...vendoredLogging, "pyproject.toml": '[project]\nname = "galaxy-ng"\ndependencies = ["Django>=4.2", "django-automated-logging>=6.2"]\n' },
      head: unvendored,
      findings: [{ path: "galaxy_ng/_vendor/automated_logging/migrations/0001_initial.py", line: 1, severity: "info", message: "the project already declares the package django-automated-logging (pyproject.toml)" }],
    },
    {
      name: "Django: a vendored app deleted with no dependency file declaring a package of its name: the migrations may be gone, an error",
      base: { ...vendoredLogging, "setup.py": galaxySetup("") },
      head: { ...unvendored, "setup.py": galaxySetup('    "django-auditlog>=3",\n') },
      findings: [{ path: "galaxy_ng/_vendor/automated_logging/migrations/0001_initial.py", line: 1, severity: "error" }],
    },
    {
      name: "Django: the migrations deleted while the vendored package stays in the repository (its __init__.py kept): still the repository's app, an error",
      base: { ...vendoredLogging, "setup.py": galaxySetup('    "django-automated-logging~=6.2",\n') },
      head: Object.fromEntries(Object.keys(unvendored).filter((p) => p.includes("/migrations/")).map((p) => [p, null])),
      findings: [{ path: "galaxy_ng/_vendor/automated_logging/migrations/0001_initial.py", line: 1, severity: "error" }],
    },
    {
      name: "Django: one of two leaves of the base branch's users graph, merged after the other line (lego 0e4fcc7e14 reverts 0050_user_command_suggestions, merged on 0049 beside 0050_alter_role -> 0051): migrate refused to run from its merge on, no database ran it, a note",
      base: usersConflict,
      head: { [commandSuggestions]: null },
      dates: { change: "2025-10-08T14:12:18+02:00", addedOnBase: usersAdded("2025-10-08T13:05:00+02:00") },
      findings: [{ path: commandSuggestions, line: 1, severity: "info", message: "it was a leaf node of the users migrations beside 0051_alter_role_again, with no merge migration joining them" }],
    },
    {
      name: "Django: the same leaf merged before the other line began: a deploy may have applied it before the conflict appeared, the error stays",
      base: usersConflict,
      head: { [commandSuggestions]: null },
      dates: { change: "2025-10-08T14:12:18+02:00", addedOnBase: usersAdded("2025-09-20T10:00:00+02:00") },
      findings: [{ path: commandSuggestions, line: 1, severity: "error" }],
    },
    {
      name: "Django: the same leaf when nobody says when the migrations reached the branch (the App reads no history): the error stays",
      base: usersConflict,
      head: { [commandSuggestions]: null },
      findings: [{ path: commandSuggestions, line: 1, severity: "error" }],
    },
    {
      name: "Django: the same two lines joined by a merge migration: the deleted one is no leaf, 0052_merge depends on it, the error stays",
      base: { ...usersConflict, [`${usersDir}/0052_merge.py`]: django('("users", "0051_alter_role_again"), ("users", "0050_user_command_suggestions")') },
      head: { [commandSuggestions]: null },
      dates: { change: "2025-10-08T14:12:18+02:00", addedOnBase: { ...usersAdded("2025-10-08T13:05:00+02:00"), [`${usersDir}/0052_merge.py`]: "2025-10-08T13:30:00+02:00" } },
      findings: [{ path: commandSuggestions, line: 1, severity: "error" }],
    },
    {
      name: "Django: the newest migration of a one-line graph deleted (0051 on 0050_alter_role, no other line): no conflict, the error stays",
      base: { [`${usersDir}/0049_user_index.py`]: usersField("", "theme"), [`${usersDir}/0050_alter_role.py`]: usersField('("users", "0049_user_index")', "role_note"), [`${usersDir}/0050_alter_role_more.py`]: usersField('("users", "0050_alter_role")', "role_more") },
      head: { [`${usersDir}/0050_alter_role_more.py`]: null },
      dates: { change: "2025-10-08T14:12:18+02:00", addedOnBase: { [`${usersDir}/0050_alter_role.py`]: "2025-10-01T12:00:00+02:00", [`${usersDir}/0050_alter_role_more.py`]: "2025-10-02T12:00:00+02:00" } },
      findings: [{ path: `${usersDir}/0050_alter_role_more.py`, line: 1, severity: "error" }],
    },
  ],
  valid: [
    {
      name: "Django: an app folder moved, its migration listed as a deletion and an addition under the same name (the text changed too much for git to pair them): the same migration, moved, not deleted",
      base: { "backend/apps/github/migrations/0001_initial.py": django(""), "backend/apps/github/migrations/0002_phone.py": django('("github", "0001_initial")') },
      head: {
        "backend/apps/github/migrations/0001_initial.py": null,
        "backend/apps/github/migrations/0002_phone.py": null,
        "backend/src/apps/github/migrations/0001_initial.py": `# moved with the app\n${django("")}`,
        "backend/src/apps/github/migrations/0002_phone.py": `# moved with the app\n${django('("github", "0001_initial")')}`,
      },
    },
    {
      name: "Rails: old migrations moved into a subfolder of db/migrate (panoptes 0ac1f70004, db/migrate/archive/), listed as deletions and additions: Rails loads every folder below db/migrate, the same versions, moved, not deleted",
      base: {
        "db/migrate/20150210025312_create_database.rb": rails("CreateDatabase", "    create_table :users"),
        "db/migrate/20150216192914_add_name_to_users.rb": rails("AddNameToUsers", "    add_column :users, :name, :string"),
      },
      head: {
        "db/migrate/20150210025312_create_database.rb": null,
        "db/migrate/20150216192914_add_name_to_users.rb": null,
        "db/migrate/archive/20150210025312_create_database.rb": `# archived\n${rails("CreateDatabase", "    create_table :users")}`,
        "db/migrate/archive/20150216192914_add_name_to_users.rb": `# archived\n${rails("AddNameToUsers", "    add_column :users, :name, :string")}`,
      },
    },
    {
      name: "Django: a whole app removed with INSTALLED_APPS after a merged migration dropped its table (mit-learn 34149af696, video_shorts phase 2): a note",
      base: { "main/settings.py": settings("video_shorts", "news"), ...videoShorts },
      head: { "main/settings.py": settings("news"), ...goneVideoShorts },
    },
    {
      name: "Django: a whole app replaced, its rows read by a data step of the new app (mit-learn 866c95733d, articles -> website_content): a note, the tables stay on purpose",
      base: { "main/settings.py": settings("articles"), ...articles },
      head: {
        "main/settings.py": settings("website_content.apps.WebsiteContentConfig"),
        ...goneArticles,
        "website_content/__init__.py": "",
        "website_content/migrations/__init__.py": "",
        "website_content/migrations/0001_initial.py": createModel("website_content", "WebsiteContent"),
        "website_content/migrations/0002_migrate_from_articles.py": copyArticles,
      },
    },
    {
      name: "Django: deleting migrations a squashed migration replaces",
      base: {
        "shop/migrations/0001_initial.py": django(""),
        "shop/migrations/0002_phone.py": django('("shop", "0001_initial")'),
        "shop/migrations/0001_squashed_0002_phone.py": django("", '    replaces = [("shop", "0001_initial"), ("shop", "0002_phone")]\n'),
      },
      head: { "shop/migrations/0001_initial.py": null, "shop/migrations/0002_phone.py": null },
    },
    {
      name: "deleting a file that is not a migration",
      base: { "db/seeds.rb": "User.create!(name: 'admin')\n" },
      head: { "db/seeds.rb": null },
    },
  ],
});

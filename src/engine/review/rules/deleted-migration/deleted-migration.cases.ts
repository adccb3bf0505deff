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

export default defineReviewCases({
  invalid: [
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
      name: "a Django migration others depend on is deleted",
      base: { "shop/migrations/0001_initial.py": django(""), "shop/migrations/0002_phone.py": django('("shop", "0001_initial")') },
      head: { "shop/migrations/0001_initial.py": null },
      findings: [{ path: "shop/migrations/0001_initial.py", line: 1 }],
    },
  ],
  valid: [
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

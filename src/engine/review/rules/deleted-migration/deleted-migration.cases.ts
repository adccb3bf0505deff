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

export default defineReviewCases({
  invalid: [
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

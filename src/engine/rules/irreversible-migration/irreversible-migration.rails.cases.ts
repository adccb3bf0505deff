import { defineCases } from "../support/rule.js";

/** ifme's copy of Active Storage's framework migration: its key is added only where Active Storage's tables exist. */
const ACTIVE_STORAGE_KEY = `# This migration comes from active_storage (originally 20180723000244)
class AddForeignKeyConstraintToActiveStorageAttachmentsForBlobId < ActiveRecord::Migration[6.0]
  def up
    return if foreign_key_exists?(:active_storage_attachments, column: :blob_id)

    if table_exists?(:active_storage_blobs)
      add_foreign_key :active_storage_attachments, :active_storage_blobs, column: :blob_id
    end
  end
end
`;

/** A project that never installed Active Storage: its earlier migrations and its db/schema.rb have no active_storage_blobs. */
const WITHOUT_ACTIVE_STORAGE = {
  "db/migrate/20190101000000_create_users.rb": `class CreateUsers < ActiveRecord::Migration[6.0]
  def change
    create_table :users do |t|
      t.string :email
    end
  end
end
`,
  "db/schema.rb": `ActiveRecord::Schema[6.0].define(version: 2020_05_09_110917) do
  create_table "users", force: :cascade do |t|
    t.string "email"
  end
end
`,
};

import { SEED_QUICK_PATCH } from "../../testing/rails-fixtures.js";

/** kitsu's 20151213075316: dramas created with paperclip's t.attachment :cover_image (four columns) */
const DRAMA = `class CreateDrama < ActiveRecord::Migration[4.2]
  def change
    create_table :dramas do |t|
      t.string :title
      t.attachment :cover_image
    end
  end
end
`;

/** Reversibility as ActiveRecord::Migration::CommandRecorder decides it. */
/** keygen's 20160606164154: products_users, and a unique index added after its create_table */
const PRODUCTS_USERS_CREATED = {
  "db/migrate/20160606164154_create_products_users.rb": `class CreateProductsUsers < ActiveRecord::Migration[5.0]
  def change
    create_table :products_users do |t|
      t.references :product
      t.references :user
    end
    add_index :products_users, [:user_id, :product_id], unique: true
  end
end
`,
};

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "Foreman's clean_trends_and_foreman_docker_data: a down its author wrote to raise over an up that calls an app helper migguard cannot read: a note, and the fix keeps the raise (never an empty down claiming the up changes nothing)",
      path: "db/migrate/20220907145552_clean_trends_data.rb",
      code: `class CleanTrendsData < ActiveRecord::Migration[6.1]
  def up
    ::CleanupHelper.clean_trends
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`,
      lines: [7],
      severities: ["info"],
      fixes: ["def down\n  # keep the raise: a rollback past this migration stops here, loudly, and what the up changed comes back only from a backup.\n  raise ActiveRecord::IrreversibleMigration\nend"],
    },
    {
      framework: "rails",
      name: "Foreman's fix_facet_audits: an up-only data fix whose relation is held in a local (broken = Audit.where(...); broken.where(...).update_all(...)) is read as the data change it is: a note like any data-only up without down, not an error over an up migguard could not read",
      path: "db/migrate/20220630104300_fix_facet_audits.rb",
      code: `class FixFacetAudits < ActiveRecord::Migration[6.0]
  def up
    broken_audits = Audit.where(auditable_type: 'Host::Base')
    broken_audits.where("audited_changes LIKE '%uuid:%'").update_all(auditable_type: 'ContentFacet')
  end
end
`,
      lines: [4],
      severities: ["info"],
      messages: ["only changes data"],
    },
    {
      framework: "rails",
      name: "an up without down that only calls an app helper: migguard cannot read what it changes, so the down it proposes raises instead of claiming the up changes nothing",
      path: "db/migrate/20230601000000_unread_up.rb",
      code: `class UnreadUp < ActiveRecord::Migration[6.1]
  def up
    ::CleanupHelper.clean_trends
  end
end
`,
      lines: [1],
      fixes: ["def down\n  # migguard could not read what the up changes (code it cannot follow): undo each of its changes here;\n  # until then a rollback stops here instead of reporting the migration reverted while its changes stay\n  raise ActiveRecord::IrreversibleMigration\nend"],
    },
    {
      framework: "rails",
      name: "Foreman's rename_append_domain_setting: a setting renamed as data in change (find_by(name: old)&.update_attribute(:name, new)): run again it finds nothing, but the rollback leaves the new name; a warning whose fix renames it back on the way down",
      path: "db/migrate/20230414091257_rename_append_domain_setting.rb",
      code: `class RenameAppendDomainSetting < ActiveRecord::Migration[6.1]
  def change
    Setting.find_by(name: 'append_domain_name_for_hosts')&.update_attribute(:name, 'display_fqdn_for_hosts')
  end
end
`,
      lines: [3],
      severities: ["warning"],
      fixes: ["# rename it back on rollback: the old code looks the record up by its old value\nreversible do |dir|\n  dir.up do\n    Setting.find_by(name: 'append_domain_name_for_hosts')&.update_attribute(:name, 'display_fqdn_for_hosts')\n  end\n  dir.down do\n    Setting.find_by(name: 'display_fqdn_for_hosts')&.update_attribute(:name, 'append_domain_name_for_hosts')\n  end\nend"],
    },
    {
      framework: "rails",
      name: "two data statements in change that a rollback runs again: the up_only of the fix wraps both, not only the one reported (one left outside still runs again)",
      path: "db/migrate/20230501000000_backfill_roles.rb",
      code: `class BackfillRoles < ActiveRecord::Migration[6.1]
  def change
    User.update_all(role: "member")
    Account.update_all(plan: "free")
  end
end
`,
      lines: [3],
      fixes: ["# Rails runs data code in `change` again on rollback: run it on the way up only\n# (or: reversible { |dir| dir.up { ... } }, with dir.down restoring the old values when they matter)\nup_only do\n  User.update_all(role: \"member\")\n  Account.update_all(plan: \"free\")\nend"],
    },
    {
      framework: "rails",
      name: "a backfill in change that sets a value on every row (demarches-simplifiees' opendata): run again on rollback it overwrites the values written since, a warning",
      path: "db/migrate/20220622183305_backfill_opendata.rb",
      code: `class BackfillOpendata < ActiveRecord::Migration[6.1]
  def change
    Procedure.in_batches do |relation|
      relation.update_all(opendata: true)
    end
  end
end
`,
      lines: [3],
      severities: ["warning"],
    },
    {
      framework: "rails",
      name: "an up without down that enqueues jobs but also calls a service, which may write: still reported",
      code: `class PopulateGroupMembersCompletionScore < ActiveRecord::Migration[4.2]
  def up
    Group.where(members_completion_score: nil).each do |group|
      ScoreRecalculation.new(group).call
      UpdateGroupMembersCompletionScoreJob.perform_later(group)
    end
  end
end
`,
      lines: [1],
    },
    {
      framework: "rails",
      name: "demarches-simplifiees' 20220405100354: up removes an index, then an application helper (add_concurrent_index) builds one that may take its name: the down frees the name before add_index takes it back",
      path: "db/migrate/20220405100354_add_uniq_index_on_attestation_dossier_id.rb",
      code: `class AddUniqIndexOnAttestationDossierId < ActiveRecord::Migration[6.1]
  include Database::MigrationHelpers
  disable_ddl_transaction!

  def up
    remove_index :attestations, :dossier_id
    add_concurrent_index :attestations, :dossier_id, unique: true
  end
end
`,
      lines: [6],
      fixes: [
        [
          "def down",
          "  # line 7 (add_concurrent_index): undo it by hand, migguard cannot derive its inverse",
          "  # line 7 (add_concurrent_index) may have built an index named index_attestations_on_dossier_id: it goes first, so the add_index below can take the name back",
          '  remove_index :attestations, name: "index_attestations_on_dossier_id" if index_name_exists?(:attestations, "index_attestations_on_dossier_id")',
          '  add_index :attestations, :dossier_id, name: "index_attestations_on_dossier_id"',
          '  raise ActiveRecord::IrreversibleMigration, "irreversible: line 7 (add_concurrent_index): undo it by hand, migguard cannot derive its inverse"',
          "end",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "remove_index by name of a unique partial index (content-data-api 20180725104938): the fix names its columns, unique: and where: as the migration that created it wrote them, so the rollback rebuilds that index, not a plain one",
      path: "db/migrate/20180725104938_remove_index_base_path_latest.rb",
      code: `class RemoveIndexBasePathLatest < ActiveRecord::Migration[5.1]
  def change
    remove_index :dimensions_items, name: "index_dimensions_items_on_base_path_and_latest"
  end
end
`,
      files: {
        "db/migrate/20180610081625_update_indexes_dimensions_items.rb": `class UpdateIndexesDimensionsItems < ActiveRecord::Migration[5.1]
  def change
    add_index :dimensions_items, %i(base_path latest), unique: true, where: "latest = 'true'"
  end
end
`,
      },
      lines: [3],
      fixes: ["# Name the index as the migration that created it defined it (its columns and unique, where), so Rails rebuilds that index on rollback:\nremove_index :dimensions_items, column: [:base_path, :latest], name: \"index_dimensions_items_on_base_path_and_latest\", unique: true, where: \"latest = 'true'\""],
    },
    {
      framework: "rails",
      name: "execute in change beside a call that reads a local change assigns: the up beside the down keeps change's statements, since the call cannot be lifted out without the local",
      code: `class RenameInvoiceListsToInvoiceRuns < ActiveRecord::Migration[8.0]
  def change
    old_pkey = find_pkey_index_name
    unless old_pkey.to_sym == :invoice_lists_pkey
      rename_index(:invoice_lists, old_pkey, :invoice_lists_pkey)
    end
    rename_table(:invoice_lists, :invoice_runs)
  end

  def find_pkey_index_name
    result = execute <<~SQL
      SELECT i.relname AS name FROM pg_constraint c JOIN pg_class i ON c.conindid = i.oid WHERE c.contype = 'p'
    SQL
    result.first["name"]
  end
end
`,
      lines: [11],
      fixes: [
        `# Rails ignores a \`down\` beside \`change\` (it runs change backwards): replace \`change\` with up and down.
def up
  # every statement of change, as it is now, in the same order
end

def down
  rename_table :invoice_runs, :invoice_lists
  # line 5 (rename_index): undo it by hand, migguard cannot derive its inverse
  raise ActiveRecord::IrreversibleMigration, "irreversible: line 5 (rename_index): undo it by hand, migguard cannot derive its inverse"
end`,
      ],
    },
    {
      framework: "rails",
      name: "kitsu 20161003225612: execute in change whose SQL Ruby interpolates (#{Substory.substory_types[:comment]}): def up keeps the call as written, the interpolation with it, never the placeholder migguard read it with",
      code: `class MoveOldStories < ActiveRecord::Migration[4.2]
  def change
    add_column :posts, :deleted_at, :datetime
    execute <<-SQL.squish
      INSERT INTO posts (id, content) SELECT id, data->'comment' FROM substories
      WHERE substory_type = #{Substory.substory_types[:comment]}
    SQL
  end
end
`,
      lines: [4],
      fixes: [
        `# Rails ignores a \`down\` beside \`change\` (it runs change backwards): replace \`change\` with up and down.
def up
  add_column :posts, :deleted_at, :datetime
  execute <<-SQL.squish
    INSERT INTO posts (id, content) SELECT id, data->'comment' FROM substories
    WHERE substory_type = #{Substory.substory_types[:comment]}
  SQL
end

def down
  # line 5 changes data: restore the previous rows from a copy made in the up, or leave them if they can stay
  remove_column :posts, :deleted_at
end`,
      ],
    },
    {
      framework: "rails",
      name: "execute in change beside a change_table block: the up beside the down keeps change's statements, since a t. call cannot be lifted out of its block",
      code: `class AddNicknameToUsers < ActiveRecord::Migration[7.1]
  def change
    change_table :users do |t|
      t.string :nickname
    end
    execute <<-SQL
      CREATE INDEX index_users_on_nickname ON users (nickname)
    SQL
  end
end
`,
      lines: [6],
      fixes: [
        `# Rails ignores a \`down\` beside \`change\` (it runs change backwards): replace \`change\` with up and down.
def up
  # every statement of change, as it is now, in the same order
end

def down
  execute "DROP INDEX index_users_on_nickname;"
  remove_column :users, :nickname
end`,
      ],
    },
    {
      framework: "rails",
      name: "data code re-run on rollback still matches rows: where(column: nil) on a NOT NULL column, widened by or",
      code: `class FillSubmitterMetadata < ActiveRecord::Migration[7.0]
  class MigrationSubmitter < ApplicationRecord
    self.table_name = 'submitters'
  end

  def change
    MigrationSubmitter.where(metadata: nil).or(MigrationSubmitter.where(archived: true)).update_all(metadata: '[]')
    change_column_null :submitters, :metadata, false
  end
end
`,
      lines: [7],
    },
    {
      framework: "rails",
      name: "remove_check_constraint without its expression in change: the down adds it back as the earlier migration's SQL made it",
      path: "db/migrate/20240306000000_drop_total_check.rb",
      files: {
        "db/migrate/20240301000000_add_total_check.rb": `class AddTotalCheck < ActiveRecord::Migration[7.1]
  def up
    create_table :orders do |t|
      t.integer :total
    end
    execute "ALTER TABLE orders ADD CONSTRAINT chk_orders_total CHECK (total >= 0)"
  end
end
`,
      },
      code: `class DropTotalCheck < ActiveRecord::Migration[7.1]
  def change
    remove_check_constraint :orders, name: "chk_orders_total"
  end
end
`,
      lines: [3],
      fixes: [
        `# Name what Rails needs to add the constraint back:
reversible do |dir|
  dir.up { remove_check_constraint :orders, name: "chk_orders_total" }
  dir.down { execute "ALTER TABLE orders ADD CONSTRAINT chk_orders_total CHECK (total >= 0)" }
end`,
      ],
    },
    {
      framework: "rails",
      name: "teaching-vacancies 5cf7137cdd: online_migrations' add_not_null_constraint, validated, SET NOT NULL, then remove_check_constraint by name: the fix gives the expression the same migration added",
      path: "db/migrate/20260622154520_publisher_oid_not_null.rb",
      code: `class PublisherOidNotNull < ActiveRecord::Migration[8.0]
  disable_ddl_transaction!

  def change
    add_not_null_constraint :publishers, :oid, name: "publishers_oid_null", validate: false
    validate_not_null_constraint :publishers, :oid, name: "publishers_oid_null"

    change_column_null :publishers, :oid, false
    remove_check_constraint :publishers, name: "publishers_oid_null"
  end
end
`,
      lines: [9],
      fixes: [
        `# Give the CHECK expression (added on line 5) so Rails can add the constraint back:
remove_check_constraint :publishers, "oid IS NOT NULL", name: "publishers_oid_null"`,
      ],
    },
    {
      framework: "rails",
      name: "remove_check_constraint by name of a CHECK the same migration added with add_check_constraint: the fix passes its expression, and the validate_check_constraint between (run at once when Rails reverts change, after the constraint is gone) runs on the way up only",
      code: `class SwapAgeCheck < ActiveRecord::Migration[7.1]
  def change
    add_check_constraint :members, "age >= 0", name: "members_age_positive", validate: false
    validate_check_constraint :members, name: "members_age_positive"
    remove_check_constraint :members, name: "members_age_positive"
  end
end
`,
      lines: [5],
      fixes: [
        `# Give the CHECK expression (added on line 3) so Rails can add the constraint back; validate_check_constraint has no inverse: reverting change, Rails runs it at once, before the constraint is back, and it fails. Run it on the way up only:
def change
  add_check_constraint :members, "age >= 0", name: "members_age_positive", validate: false
  up_only { validate_check_constraint :members, name: "members_age_positive" }
  remove_check_constraint :members, "age >= 0", name: "members_age_positive"
end`,
      ],
    },
    {
      framework: "rails",
      name: "pet-rescue 20240819001356: validate_check_constraint, change_column_null, then remove_check_constraint by name of a CHECK an earlier migration added NOT VALID: the down adds it back as that migration made it, and the validation runs on the way up only (reverting change, Rails runs it at once, when the constraint is gone)",
      path: "db/migrate/20240819001356_validate_first_name_not_null_in_people.rb",
      files: {
        "db/migrate/20240818000000_create_people.rb": `class CreatePeople < ActiveRecord::Migration[7.1]
  def change
    create_table :people do |t|
      t.string :first_name
    end
  end
end
`,
        "db/migrate/20240818235259_set_first_name_not_null.rb": `class SetFirstNameNotNull < ActiveRecord::Migration[7.1]
  def change
    add_check_constraint :people, "first_name IS NOT NULL", name: "people_first_name_null", validate: false
  end
end
`,
      },
      code: `class ValidateFirstNameNotNullInPeople < ActiveRecord::Migration[7.1]
  def change
    validate_check_constraint :people, name: "people_first_name_null"
    change_column_null :people, :first_name, false
    remove_check_constraint :people, name: "people_first_name_null"
  end
end
`,
      lines: [5],
      fixes: [
        `# Name what Rails needs to add the constraint back; validate_check_constraint has no inverse: reverting change, Rails runs it at once, before the constraint is back, and it fails. Run it on the way up only:
def change
  up_only { validate_check_constraint :people, name: "people_first_name_null" }
  change_column_null :people, :first_name, false
  reversible do |dir|
    dir.up { remove_check_constraint :people, name: "people_first_name_null" }
    dir.down { execute "ALTER TABLE people ADD CONSTRAINT people_first_name_null CHECK (first_name IS NOT NULL) NOT VALID" }
  end
end`,
      ],
    },
    {
      framework: "rails",
      name: "remove_check_constraint by name alone, added by no migration it sees: the down says what it lacks and raises, no placeholder for it",
      code: `class DropRemoveCheckConstraint < ActiveRecord::Migration[7.1]
  def change
    remove_check_constraint :members, name: "members_age_positive"
  end
end
`,
      lines: [3],
      fixes: [
        `# Name what Rails needs to add the constraint back:
reversible do |dir|
  dir.up { remove_check_constraint :members, name: "members_age_positive" }
  dir.down do
    # its CHECK expression: add members_age_positive back as it was (migguard found no migration that adds it)
    raise ActiveRecord::IrreversibleMigration, "members_age_positive: no migration migguard read gives its CHECK expression"
  end
end`,
      ],
    },
    {
      framework: "rails",
      name: "remove_foreign_key by name alone, added by no migration it sees: the down says what it lacks and raises, no placeholder for it",
      code: `class DropRemoveForeignKey < ActiveRecord::Migration[7.1]
  def change
    remove_foreign_key :orders, name: "fk_orders_user"
  end
end
`,
      lines: [3],
      fixes: [
        `# Name what Rails needs to add the constraint back:
reversible do |dir|
  dir.up { remove_foreign_key :orders, name: "fk_orders_user" }
  dir.down do
    # the table its foreign key references: add fk_orders_user back as it was (migguard found no migration that adds it)
    raise ActiveRecord::IrreversibleMigration, "fk_orders_user: no migration migguard read gives the table its foreign key references"
  end
end`,
      ],
    },
    {
      framework: "rails",
      name: "content-tagger 20160905103610: remove_foreign_key by column: of a key added (on_delete: :cascade) before its column was renamed: found through the rename, the fix is the call Rails can invert, with its table, options and name",
      path: "db/migrate/20160905103610_delete_foreign_key_in_tag_mappings.rb",
      files: {
        "db/migrate/20160718104316_create_tagging_spreadsheets.rb": `class CreateTaggingSpreadsheets < ActiveRecord::Migration[6.0]
  def change
    create_table :tagging_spreadsheets do |t|
      t.string :url
    end
  end
end
`,
        "db/migrate/20160719142645_create_tag_mappings.rb": `class CreateTagMappings < ActiveRecord::Migration[6.0]
  def change
    create_table :tag_mappings do |t|
      t.references :tagging_spreadsheet, index: true, foreign_key: true
    end
  end
end
`,
        "db/migrate/20160727095240_modify_foreign_key_on_tag_mappings.rb": `class ModifyForeignKeyOnTagMappings < ActiveRecord::Migration[6.0]
  def change
    remove_foreign_key :tag_mappings, :tagging_spreadsheets
    add_foreign_key :tag_mappings, :tagging_spreadsheets, on_delete: :cascade
  end
end
`,
        "db/migrate/20160902132101_make_tag_mapping_polymorphic.rb": `class MakeTagMappingPolymorphic < ActiveRecord::Migration[6.0]
  def change
    rename_column :tag_mappings, :tagging_spreadsheet_id, :tagging_source_id
  end
end
`,
      },
      code: `class DeleteForeignKeyInTagMappings < ActiveRecord::Migration[6.0]
  def change
    remove_foreign_key :tag_mappings, column: :tagging_source_id
  end
end
`,
      lines: [3],
      fixes: [
        `# Name what Rails needs to add the constraint back:
remove_foreign_key :tag_mappings, :tagging_spreadsheets, column: :tagging_source_id, on_delete: :cascade, name: "fk_rails_f9947d86dd"`,
      ],
    },
    {
      framework: "rails",
      name: "remove_foreign_key by column: of the key add_reference ... foreign_key: true added: the call Rails can invert, without a name (the column's own)",
      path: "db/migrate/20240102000000_drop_comments_post_key.rb",
      files: {
        "db/migrate/20240101000000_add_post_to_comments.rb": `class AddPostToComments < ActiveRecord::Migration[7.1]
  def change
    create_table :posts
    create_table :comments
    add_reference :comments, :post, foreign_key: true
  end
end
`,
      },
      code: `class DropCommentsPostKey < ActiveRecord::Migration[7.1]
  def change
    remove_foreign_key :comments, column: :post_id
  end
end
`,
      lines: [3],
      fixes: [
        `# Name what Rails needs to add the constraint back:
remove_foreign_key :comments, :posts, column: :post_id`,
      ],
    },
    {
      framework: "rails",
      name: "remove_foreign_key by column: on Rails 5.2 (its remove_foreign_key takes the table or the options, not both): the down adds the key back as the history made it",
      path: "db/migrate/20180102000000_drop_comments_post_key.rb",
      files: {
        "db/migrate/20180101000000_add_post_to_comments.rb": `class AddPostToComments < ActiveRecord::Migration[5.2]
  def change
    create_table :posts
    create_table :comments
    add_reference :comments, :post, foreign_key: true
  end
end
`,
      },
      code: `class DropCommentsPostKey < ActiveRecord::Migration[5.2]
  def change
    remove_foreign_key :comments, column: :post_id
  end
end
`,
      lines: [3],      fixes: [
        `# Name what Rails needs to add the constraint back:
reversible do |dir|
  dir.up { remove_foreign_key :comments, column: :post_id }
  dir.down { execute "ALTER TABLE comments ADD CONSTRAINT fk_rails_2fd19c0db7 FOREIGN KEY (post_id) REFERENCES posts (id)" }
end`,
      ],
    },
    {
      framework: "rails",
      name: "remove_unique_constraint by name alone, added by no migration it sees: the down says what it lacks and raises, no placeholder for it",
      code: `class DropRemoveUniqueConstraint < ActiveRecord::Migration[7.1]
  def change
    remove_unique_constraint :members, name: "members_email_unique"
  end
end
`,
      lines: [3],
      fixes: [
        `# Name what Rails needs to add the constraint back:
reversible do |dir|
  dir.up { remove_unique_constraint :members, name: "members_email_unique" }
  dir.down do
    # its columns: add members_email_unique back as it was (migguard found no migration that adds it)
    raise ActiveRecord::IrreversibleMigration, "members_email_unique: no migration migguard read gives its columns"
  end
end`,
      ],
    },
    {
      framework: "rails",
      name: "remove_exclusion_constraint by name alone, added by no migration it sees: the down says what it lacks and raises, no placeholder for it",
      code: `class DropRemoveExclusionConstraint < ActiveRecord::Migration[7.1]
  def change
    remove_exclusion_constraint :bookings, name: "bookings_no_overlap"
  end
end
`,
      lines: [3],
      fixes: [
        `# Name what Rails needs to add the constraint back:
reversible do |dir|
  dir.up { remove_exclusion_constraint :bookings, name: "bookings_no_overlap" }
  dir.down do
    # its EXCLUDE expression: add bookings_no_overlap back as it was (migguard found no migration that adds it)
    raise ActiveRecord::IrreversibleMigration, "bookings_no_overlap: no migration migguard read gives its EXCLUDE expression"
  end
end`,
      ],
    },
    {
      framework: "rails",
      name: "remove_index by a name that spells no columns, created by no migration it sees: the down says its columns are unknown and raises, no :column_name for them",
      code: `class DropShopsCityIndex < ActiveRecord::Migration[7.1]
  def change
    remove_index :shops, name: "shops_city_idx"
  end
end
`,
      lines: [3],
      fixes: [
        `reversible do |dir|
  dir.up { remove_index :shops, name: "shops_city_idx" }
  dir.down do
    # add_index :shops with the columns it had, name: "shops_city_idx"
    raise ActiveRecord::IrreversibleMigration, "shops_city_idx: its columns are in no migration migguard read"
  end
end`,
      ],
    },
    {
      framework: "rails",
      name: "execute of SQL whose inverse migguard cannot derive, in change: the down raises and says so instead of running an empty statement",
      code: `class BackfillAdmins < ActiveRecord::Migration[7.1]
  def change
    execute "UPDATE users SET admin = false WHERE admin IS NULL"
  end
end
`,
      lines: [3],
      fixes: [
        `# Tell Rails what rollback does (write the SQL that undoes it in place of the raise):
reversible do |dir|
  dir.up { execute "UPDATE users SET admin = false WHERE admin IS NULL" }
  dir.down { raise ActiveRecord::IrreversibleMigration, "line 3: migguard cannot derive the SQL that undoes it" }
end`,
      ],
    },
    {
      framework: "rails",
      name: "an up-only clean-up that deletes rows: the raise on rollback is right, the deletion without a copy is the hazard: a warning whose fix copies the table first",
      code: `class CleanupInvalidPolls < ActiveRecord::Migration[7.1]
  def up
    execute "DELETE FROM polls WHERE status_message_id IS NULL"
  end
end
`,
      lines: [3],
      severities: ["warning"],
      messages: ["deletes rows (`DELETE FROM polls WHERE status_message_id IS NULL`) and keeps no copy"],
      fixes: [
        'def up\n  # keep a copy of the rows first, so they can be restored (copy only the rows it deletes if the table is large):\n  execute "CREATE TABLE polls_backup_20240101000000 AS TABLE polls"  # restore: INSERT INTO polls SELECT * FROM polls_backup_20240101000000\n  # then the up as it is\nend\n\ndef down\n  # the deleted rows come back only from the copy, by hand: a rollback stops here instead of reporting them restored\n  raise ActiveRecord::IrreversibleMigration\nend',
      ],
    },
    {
      framework: "rails",
      name: "publishing-api 721a72e363: an up-only loop that destroys each document's editions, the document and its path reservation: the deletion is the hazard; the tables an association or a found record deletes from are said to be unknown",
      code: `class DeleteHistoryPageDocumentsAndEditions < ActiveRecord::Migration[8.0]
  def up
    Edition.where(document_type: "history").pluck(:document_id).uniq.each do |document_id|
      document = Document.find(document_id)
      base_path = document.editions.last.base_path
      document.editions.destroy_all
      document.destroy!
      PathReservation.find_by(base_path: base_path).destroy!
    end
  end
end
`,
      lines: [3],
      severities: ["warning"],
      messages: ["deletes rows (`document.editions.destroy_all`, `document.destroy!`, `PathReservation.find_by(base_path: base_path).destroy!`) and keeps no copy"],
      fixes: [
        'def up\n  # keep a copy of the rows first, so they can be restored (copy only the rows it deletes if the table is large):\n  execute "CREATE TABLE path_reservations_backup_20240101000000 AS TABLE path_reservations"  # restore: INSERT INTO path_reservations SELECT * FROM path_reservations_backup_20240101000000\n  # document.editions.destroy_all, document.destroy!: the table they delete from is not known from the code (an association, a record found at run time): copy it the same way\n  # then the up as it is\nend\n\ndef down\n  # the deleted rows come back only from the copy, by hand: a rollback stops here instead of reporting them restored\n  raise ActiveRecord::IrreversibleMigration\nend',
      ],
    },
    {
      framework: "rails",
      name: "publishing-api c5ca22a3e8: an up-only find_each(&:substitute) (a model method that unpublishes) is one-way data work: a rollback runs nothing and reports it reverted, harmless with no schema to put back, a note",
      code: `class RemoveWorldwideOffices < ActiveRecord::Migration[7.1]
  def up
    Edition.where(document_type: "worldwide_office", state: "published").find_each(&:substitute)
  end
end
`,
      lines: [3],
      severities: ["info"],
      messages: ["only changes data and is one-way"],
    },
    {
      framework: "rails",
      name: "an up-only find_each(&:destroy) deletes the loop's own rows: their table is the model's",
      code: `class PurgeOrphans < ActiveRecord::Migration[7.1]
  def up
    Attachment.where(record_id: nil).find_each(&:destroy)
  end
end
`,
      lines: [3],
      severities: ["warning"],
      messages: ["deletes rows (`Attachment.where(record_id: nil).find_each(&:destroy)`)"],
    },
    {
      framework: "rails",
      name: "a down that raises after columns are removed: the fix keeps the raise (a down that adds them back would bring them back empty and let a rollback succeed over them) and names the copies the up would keep for a real way back",
      path: "db/migrate/20240306000000_decrypt_secret.rb",
      files: {
        "db/migrate/20240301000000_add_secret.rb": `class AddSecret < ActiveRecord::Migration[7.1]
  def change
    add_column :users, :encrypted_secret, :string
    add_column :users, :encrypted_secret_iv, :string
  end
end
`,
      },
      code: `class DecryptSecret < ActiveRecord::Migration[7.1]
  def up
    add_column :users, :plain_secret, :string
    change_column_null :users, :email, false
    remove_column :users, :encrypted_secret
    remove_column :users, :encrypted_secret_iv
    drop_table :legacy_secrets
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`,
      lines: [11],
      severities: ["warning"],
      fixes: [
        [
          "def down",
          '  # keep the raise: recreating what the up drops would bring it back empty, and a rollback would "succeed" with it',
          "  # empty where the old code expects it filled. A real way back needs a copy the up keeps before the drop:",
          "  #   CREATE TABLE users_encrypted_secret_backup_20240306000000 AS SELECT id, encrypted_secret FROM users",
          "  #   CREATE TABLE users_encrypted_secret_iv_backup_20240306000000 AS SELECT id, encrypted_secret_iv FROM users",
          "  #   CREATE TABLE legacy_secrets_backup_20240306000000 AS TABLE legacy_secrets",
          "  # and a down that recreates the schema and fills it from that copy.",
          "  raise ActiveRecord::IrreversibleMigration",
          "end",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "change: remove_column guarded by a check of another column: the check may hold on rollback, and then Rails cannot invert the call",
      code: `class RemoveMetadataField < ActiveRecord::Migration[7.1]
  def change
    if column_exists?(:items, :summary)
      remove_column :items, :metadata
    end
  end
end
`,
      lines: [4],
    },
    {
      framework: "rails",
      name: "change: remove_column without a type (the finding points at the call Rails cannot invert)",
      code: `class RemoveMetadataField < ActiveRecord::Migration[7.1]
  def change
    add_column :items, :summary, :text
    remove_column :items, :metadata
  end
end
`,
      lines: [4],
    },
    {
      framework: "rails",
      name: "change: remove_columns without type: (theodinproject 20220915061812): one remove_column per column, each with its type from db/schema.rb and the default of the migration that added it, the one neither shows said so",
      path: "db/migrate/20220915061812_remove_user_confirmation_columns.rb",
      files: {
        "db/migrate/20220901000000_add_confirmed_to_users.rb": `class AddConfirmedToUsers < ActiveRecord::Migration[6.1]
  def change
    add_column :users, :confirmed, :boolean, default: false, null: false
  end
end
`,
        "db/schema.rb": `ActiveRecord::Schema[6.1].define(version: 2022_09_01_000000) do
  create_table "users", force: :cascade do |t|
    t.string "email", default: "", null: false
    t.string "confirmation_token"
    t.datetime "confirmed_at"
    t.boolean "confirmed", default: false, null: false
  end
end
`,
      },
      code: `class RemoveUserConfirmationColumns < ActiveRecord::Migration[6.1]
  def change
    remove_columns :users, :confirmation_token, :confirmed_at, :confirmed, :unconfirmed_email # rubocop:disable Rails/ReversibleMigration
  end
end
`,
      lines: [3],
      fixes: [
        [
          "# remove_columns cannot be reversed without a type: one remove_column per column, each with its type, so Rails can re-add them on rollback:",
          "remove_column :users, :confirmation_token, :string",
          "remove_column :users, :confirmed_at, :datetime",
          "remove_column :users, :confirmed, :boolean, null: false, default: false",
          "remove_column :users, :unconfirmed_email  # migguard found no type for users.unconfirmed_email in the earlier migrations or the schema dump (a dump made after the drop no longer lists it): give remove_column the type it had as its third argument, or a rollback raises IrreversibleMigration",
          "# (the values still cannot come back: keep a copy first if they may be needed)",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "change: change_column of a uuid column to integer (osem 20171118113113): PostgreSQL has no cast from integer back to uuid (nor from uuid to integer), so the down says so and raises, never a USING PostgreSQL rejects",
      path: "db/migrate/20171118113113_change_visit_id_type_of_ahoy_events_to_integer.rb",
      files: {
        "db/migrate/20140623101032_create_ahoy_events.rb": `class CreateAhoyEvents < ActiveRecord::Migration
  def change
    create_table :ahoy_events, id: false do |t|
      t.uuid :id, default: nil, primary_key: true
      t.uuid :visit_id, default: nil
      t.string :name
    end
  end
end
`,
      },
      code: `class ChangeVisitIdTypeOfAhoyEventsToInteger < ActiveRecord::Migration[5.0]
  def change
    change_column :ahoy_events, :visit_id, :integer, limit: nil
  end
end
`,
      lines: [3],
      fixes: [
        [
          "# change_column cannot be inverted: say what the type was.",
          "def up",
          "  change_column :ahoy_events, :visit_id, :integer, limit: nil",
          "end",
          "",
          "def down",
          "  # PostgreSQL has no cast from integer to uuid: no USING computes the values visit_id had from the integer ones (the up fails there too: uuid has no cast to integer, with or without USING).",
          "  # A way back needs a copy of ahoy_events.visit_id kept before the up; without one the rollback stops here",
          '  raise ActiveRecord::IrreversibleMigration, "ahoy_events.visit_id cannot be converted back from integer to uuid: restore it from a copy kept before the up"',
          "end",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "change: change_column of a column no earlier migration defines (support-api 20141002153042): db/schema.rb shows the type after the up, so the down does not repeat it but says the type before is unknown",
      path: "db/migrate/20141002153042_make_path_a_string.rb",
      files: {
        "db/schema.rb": `ActiveRecord::Schema[5.0].define(version: 2014_10_02_153042) do
  create_table "anonymous_contacts", force: :cascade do |t|
    t.string "path", limit: 2048
  end
end
`,
      },
      code: `class MakePathAString < ActiveRecord::Migration[5.0]
  def change
    change_column :anonymous_contacts, :path, :string, limit: 2048
  end
end
`,
      lines: [3],
      fixes: [
        [
          "# change_column cannot be inverted: say what the type was.",
          "def up",
          "  change_column :anonymous_contacts, :path, :string, limit: 2048",
          "end",
          "",
          "def down",
          "  raise ActiveRecord::IrreversibleMigration, \"migguard found no type anonymous_contacts.path had before the up in the earlier migrations (the schema dump shows the type after): change_column it back to that type\"",
          "end",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "kitsu 20210914024137: a column paperclip's t.attachment :cover_image created (the earlier create_table): cover_image_file_name is a string",
      path: "db/migrate/20210914024137_remove_paperclip_columns_from_dramas.rb",
      files: { "db/migrate/20151213075316_create_drama.rb": DRAMA },
      code: `class RemovePaperclipColumnsFromDramas < ActiveRecord::Migration[5.2]
  def change
    remove_column :dramas, :cover_image_file_name
  end
end
`,
      lines: [3],
      fixes: [
        [
          "# Give remove_column the column's type (and options such as null:/default:) so Rails can re-add it on rollback:",
          "remove_column :dramas, :cover_image_file_name, :string",
          "# (the values still cannot come back: keep a copy first if they may be needed)",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "paperclip's t.attachment's x_file_size: an integer or a bigint by paperclip's version, unknown here: no type argument, a comment",
      path: "db/migrate/20210914024137_remove_paperclip_columns_from_dramas.rb",
      files: { "db/migrate/20151213075316_create_drama.rb": DRAMA },
      code: `class RemovePaperclipColumnsFromDramas < ActiveRecord::Migration[5.2]
  def change
    remove_column :dramas, :cover_image_file_size
  end
end
`,
      lines: [3],
      fixes: [
        [
          "# Give remove_column the column's type (and options such as null:/default:) so Rails can re-add it on rollback:",
          "remove_column :dramas, :cover_image_file_size  # migguard found no type for dramas.cover_image_file_size in the earlier migrations or the schema dump (a dump made after the drop no longer lists it): give remove_column the type it had as its third argument, or a rollback raises IrreversibleMigration",
          "# (the values still cannot come back: keep a copy first if they may be needed)",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "change: remove_column without a type of a column no earlier migration defines and db/schema.rb (written after the drop) no longer lists (support-api 20150513094727): no type argument, a comment saying where migguard looked",
      path: "db/migrate/20150513094727_drop_anonymous_contacts_url.rb",
      files: {
        "db/schema.rb": `ActiveRecord::Schema[7.0].define(version: 2024_01_01_000000) do
  create_table "anonymous_contacts", id: :serial, force: :cascade do |t|
    t.string "path", limit: 2048, null: false
    t.string "referrer", limit: 2048
  end
end
`,
      },
      code: `class DropAnonymousContactsUrl < ActiveRecord::Migration[5.0]
  def change
    remove_column :anonymous_contacts, :url
  end
end
`,
      lines: [3],
      fixes: [
        [
          "# Give remove_column the column's type (and options such as null:/default:) so Rails can re-add it on rollback:",
          "remove_column :anonymous_contacts, :url  # migguard found no type for anonymous_contacts.url in the earlier migrations or the schema dump (a dump made after the drop no longer lists it): give remove_column the type it had as its third argument, or a rollback raises IrreversibleMigration",
          "# (the values still cannot come back: keep a copy first if they may be needed)",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "change: remove_column without a type of a column db/structure.sql defines: its type and limit from the dump",
      path: "db/migrate/20150513094727_drop_anonymous_contacts_url.rb",
      files: { "db/structure.sql": "CREATE TABLE public.anonymous_contacts (\n    id integer NOT NULL,\n    url character varying(2048)\n);\n" },
      code: `class DropAnonymousContactsUrl < ActiveRecord::Migration[5.0]
  def change
    remove_column :anonymous_contacts, :url
  end
end
`,
      lines: [3],
      fixes: [
        [
          "# Give remove_column the column's type (and options such as null:/default:) so Rails can re-add it on rollback:",
          "remove_column :anonymous_contacts, :url, :string, limit: 2048",
          "# (the values still cannot come back: keep a copy first if they may be needed)",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "change: remove_column with options but no positional type",
      code: `class RemoveLegacy < ActiveRecord::Migration[7.1]
  def change
    remove_column :users, :legacy, type: :string
  end
end
`,
      lines: [3],
    },
    {
      framework: "rails",
      name: "change: change_column that keeps the type and sets default: and null: (schools-experience 20190125085522): the fix is change_column_default from:/to: and change_column_null, which Rails reverses, with the default and NULL-ness the column had (nullable, no default), not a change_column back that keeps default 0 and NOT NULL",
      path: "db/migrate/20190125085522_make_bookings_schools_fees_default_to_zero.rb",
      files: {
        "db/migrate/20190124161809_add_fees_to_bookings_school.rb": `class AddFeesToBookingsSchool < ActiveRecord::Migration[5.2]
  def change
    add_column :bookings_schools, :fee, :integer, null: true
  end
end
`,
      },
      code: `class MakeBookingsSchoolsFeesDefaultToZero < ActiveRecord::Migration[5.2]
  def change
    change_column :bookings_schools, :fee, :integer, default: 0, null: false
  end
end
`,
      lines: [3],
      fixes: [
        [
          "# change_column cannot be inverted, and fee keeps its type (:integer): set the default and NULL-ness with the calls Rails reverses",
          "change_column_default :bookings_schools, :fee, from: nil, to: 0",
          "change_column_null :bookings_schools, :fee, false",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "change: change_column that drops a default and NOT NULL (schools-experience 20191031105854): from: true, and change_column_null back to what the column had",
      path: "db/migrate/20191031105854_remove_column_default_from_bookings_placement_dates_subject_specific.rb",
      files: {
        "db/migrate/20190930142055_add_supports_subjects_flag_to_bookings_placement_dates.rb": `class AddSupportsSubjectsFlagToBookingsPlacementDates < ActiveRecord::Migration[5.2]
  def change
    add_column :bookings_placement_dates, :supports_subjects, :boolean, null: false, default: true
  end
end
`,
      },
      code: `class RemoveColumnDefaultFromBookingsPlacementDatesSubjectSpecific < ActiveRecord::Migration[5.2]
  def change
    change_column :bookings_placement_dates, :supports_subjects, :boolean, null: true, default: nil
  end
end
`,
      lines: [3],
      fixes: [
        [
          "# change_column cannot be inverted, and supports_subjects keeps its type (:boolean): set the default and NULL-ness with the calls Rails reverses",
          "change_column_default :bookings_placement_dates, :supports_subjects, from: true, to: nil",
          "change_column_null :bookings_placement_dates, :supports_subjects, true",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "change: change_column to a new type with default: and null:: the down puts back the type, the default and the NULL-ness the column had (a bare change_column back keeps the new default and NOT NULL)",
      path: "db/migrate/20240206000000_fee_to_bigint.rb",
      files: {
        "db/migrate/20240202000000_add_fee.rb": `class AddFee < ActiveRecord::Migration[7.1]
  def change
    add_column :schools, :fee, :integer, default: 5
  end
end
`,
      },
      code: `class FeeToBigint < ActiveRecord::Migration[7.1]
  def change
    change_column :schools, :fee, :bigint, default: 0, null: false
  end
end
`,
      lines: [3],
      fixes: [
        [
          "# change_column cannot be inverted: say what the column was (its type, and the default and NULL-ness it also changes).",
          "def up",
          "  change_column :schools, :fee, :bigint, default: 0, null: false",
          "end",
          "",
          "def down",
          "  change_column :schools, :fee, :integer",
          "  change_column_default :schools, :fee, 5",
          "  change_column_null :schools, :fee, true",
          "end",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "change: change_column with default: and null: of a column no earlier migration defines: the down says the type, the default and the NULL-ness before are unknown instead of keeping the up's",
      path: "db/migrate/20240206000000_fee_default.rb",
      code: `class FeeDefault < ActiveRecord::Migration[7.1]
  def change
    change_column :schools, :fee, :integer, default: 0, null: false
  end
end
`,
      lines: [3],
      fixes: [
        [
          "# change_column cannot be inverted: say what the column was (its type, and the default and NULL-ness it also changes).",
          "def up",
          "  change_column :schools, :fee, :integer, default: 0, null: false",
          "end",
          "",
          "def down",
          "  raise ActiveRecord::IrreversibleMigration, \"migguard found no type schools.fee had before the up in the earlier migrations (the schema dump shows the type after): change_column it back to that type\"",
          "  # the default fee had before the up is unknown to migguard (no earlier migration it read defines it, or one changed it since): put it back with change_column_default :schools, :fee, ...",
          "  # whether fee was NOT NULL before the up is unknown to migguard (no earlier migration it read defines it): put it back with change_column_null :schools, :fee, true or false",
          "end",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "change: change_column has no inverse",
      code: `class HotnessModToFloat < ActiveRecord::Migration[7.1]
  def change
    change_column :tags, :hotness_mod, :float
  end
end
`,
      lines: [3],
    },
    {
      framework: "rails",
      name: "change: change_column of a jsonb column to text: the down's text -> jsonb has no assignment cast, so change_column carries using:, and the default is dropped before and set again after",
      path: "db/migrate/20240206000000_payload_to_text.rb",
      files: {
        "db/migrate/20240202000000_create_reports.rb": `class CreateReports < ActiveRecord::Migration[7.2]
  def change
    create_table :reports do |t|
      t.jsonb :payload, null: false, default: {}
    end
  end
end
`,
      },
      code: `class PayloadToText < ActiveRecord::Migration[7.2]
  def change
    change_column :reports, :payload, :text
  end
end
`,
      lines: [3],
      fixes: [
        [
          "# change_column cannot be inverted: say what the type was.",
          "def up",
          "  change_column :reports, :payload, :text",
          "end",
          "",
          "def down",
          "  change_column_default :reports, :payload, nil  # a default of type text is not converted to jsonb with the column: it would fail",
          '  change_column :reports, :payload, :jsonb, using: "payload::jsonb"',
          // as the create_table wrote it: the Ruby string '{}' would be stored as the JSON string "{}"
          "  change_column_default :reports, :payload, {}",
          "end",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "change: change_column among other statements: up keeps every statement in order, down undoes each with the types of the history",
      path: "db/migrate/20240206000000_replace_money_field.rb",
      files: {
        "db/migrate/20240202000000_create_wallets.rb": `class CreateWallets < ActiveRecord::Migration[7.2]
  def change
    create_table :wallets do |t|
      t.bigint :balance, default: 0
    end
  end
end
`,
      },
      code: `class ReplaceMoneyField < ActiveRecord::Migration[7.2]
  def change
    add_column :wallets, :balance_cents, :integer
    change_column :wallets, :balance_cents, :integer, limit: 8
    remove_column :wallets, :balance
  end
end
`,
      lines: [4],
      fixes: [
        [
          "# change_column cannot be inverted: replace `change` with up and down, each statement kept in order.",
          "def up",
          "  add_column :wallets, :balance_cents, :integer",
          "  change_column :wallets, :balance_cents, :integer, limit: 8",
          "  remove_column :wallets, :balance",
          "end",
          "",
          "def down",
          "  add_column :wallets, :balance, :bigint",
          "  change_column :wallets, :balance_cents, :integer",
          "  remove_column :wallets, :balance_cents",
          "end",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "change: change_column in a loop over a local's tables (codeocean 20221204120508): up lists each iteration with its table, never the loop's `table` outside its loop",
      path: "db/migrate/20240206000000_add_precision_to_timestamps.rb",
      files: {
        "db/migrate/20240202000000_create_tips.rb": `class CreateTips < ActiveRecord::Migration[7.0]
  def change
    create_table :tips do |t|
      t.datetime :created_at
    end
    create_table :tags do |t|
      t.datetime :created_at
    end
    create_table :tokens do |t|
      t.datetime :expire_at
    end
  end
end
`,
      },
      code: `class AddPrecisionToTimestamps < ActiveRecord::Migration[7.0]
  def change
    tables = %i[tips tags]

    tables.each do |table|
      change_column table, :created_at, :datetime, precision: 6
    end

    change_column :tokens, :expire_at, :datetime, precision: 6
  end
end
`,
      lines: [6],
      fixes: [
        [
          "# change_column cannot be inverted: replace `change` with up and down, each statement kept in order.",
          "def up",
          "  change_column :tips, :created_at, :datetime, precision: 6",
          "  change_column :tags, :created_at, :datetime, precision: 6",
          "  change_column :tokens, :expire_at, :datetime, precision: 6",
          "end",
          "",
          "def down",
          "  change_column :tokens, :expire_at, :datetime",
          "  change_column :tags, :created_at, :datetime",
          "  change_column :tips, :created_at, :datetime",
          "end",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "change: change_column of a column whose type nothing tells, beside another statement: the down says it is unknown, in a comment",
      code: `class WidenScore < ActiveRecord::Migration[7.2]
  def change
    add_index :games, :score
    change_column :games, :score, :bigint
  end
end
`,
      lines: [4],
      fixes: [
        [
          "# change_column cannot be inverted: replace `change` with up and down, each statement kept in order.",
          "def up",
          "  add_index :games, :score",
          "  change_column :games, :score, :bigint",
          "end",
          "",
          "def down",
          "  raise ActiveRecord::IrreversibleMigration, \"migguard found no type games.score had before the up in the earlier migrations (the schema dump shows the type after): change_column it back to that type\"",
          "  remove_index :games, name: \"index_games_on_score\"",
          "end",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "change: execute (a heredoc) has no inverse",
      code: `class AddSearchTrigger < ActiveRecord::Migration[7.1]
  def change
    execute <<~SQL
      CREATE TRIGGER search_update BEFORE INSERT ON posts
      FOR EACH ROW EXECUTE FUNCTION tsvector_update_trigger(search, 'pg_catalog.english', body)
    SQL
  end
end
`,
      lines: [3],
    },
    {
      framework: "rails",
      name: "danbooru: change runs a session SET before its schema changes: the fix runs it on rollback too (no placeholder down)",
      code: `class AddTagsToSavedSearches < ActiveRecord::Migration[4.2]
  def change
    execute "set statement_timeout = 0"
    add_column :saved_searches, :labels, "text", array: true, null: false, default: []
  end
end
`,
      lines: [3],
      fixes: ['# a session setting: the rollback\'s statements run under it too, so run it both ways:\nreversible do |dir|\n  dir.up { execute "set statement_timeout = 0" }\n  dir.down { execute "set statement_timeout = 0" }\nend'],
    },
    {
      framework: "rails",
      name: "change: execute of SQL whose inverse migguard writes (an index by name): the down runs it",
      code: `class AddLabelsIndex < ActiveRecord::Migration[7.1]
  def change
    execute "CREATE INDEX index_saved_searches_on_labels ON saved_searches USING gin (labels)"
  end
end
`,
      lines: [3],
      fixes: ['# Tell Rails what to run on rollback:\nreversible do |dir|\n  dir.up { execute "CREATE INDEX index_saved_searches_on_labels ON saved_searches USING gin (labels)" }\n  dir.down { execute "DROP INDEX index_saved_searches_on_labels;" }\nend'],
    },
    {
      framework: "rails",
      name: "change: drop_table without a block or options",
      code: `class DropWeblogs < ActiveRecord::Migration[7.1]
  def change
    drop_table :weblogs
  end
end
`,
      lines: [3],
    },
    {
      framework: "rails",
      name: "change: change_column_default without from:/to:",
      code: `class DefaultRole < ActiveRecord::Migration[7.1]
  def change
    change_column_default :users, :role, "member"
  end
end
`,
      lines: [3],
    },
    {
      framework: "rails",
      name: "caesar 20211006171600: change_column_default to {} on a jsonb column an earlier migration created without a default: to: is the {} the migration sets (not nil), from: nil as the history has it",
      path: "db/migrate/20211006171600_change_subject_metadata_default.rb",
      files: {
        "db/migrate/20170111161040_create_subjects.rb": `class CreateSubjects < ActiveRecord::Migration[5.0]
  def change
    create_table :subjects do |t|
      t.jsonb :metadata
      t.timestamps
    end
  end
end
`,
      },
      code: `class ChangeSubjectMetadataDefault < ActiveRecord::Migration[5.2]
  def change
    change_column_default :subjects, :metadata, {}
  end
end
`,
      lines: [3],
      fixes: ["# Name the old and the new default so Rails can swap them back:\nchange_column_default :subjects, :metadata, from: nil, to: {}"],
    },
    {
      framework: "rails",
      name: "change_column_default to a filled hash on a column no migration it read defines: to: is the hash as written, from: unknown in a comment",
      code: `class ChangeSettingsDefault < ActiveRecord::Migration[7.1]
  def change
    change_column_default :accounts, :settings, { "theme" => "light" }
  end
end
`,
      lines: [3],
      fixes: ['# Name the old and the new default so Rails can swap them back:\nchange_column_default :accounts, :settings, from: nil, to: { "theme" => "light" }  # from: the default it had before (migguard found none written)'],
    },
    {
      framework: "rails",
      name: "hcb: change_column_default right after the add_column that set the default: from: is that default, not a nil to fill in",
      code: `class AddIncreaseAccountIdToEvents < ActiveRecord::Migration[7.0]
  def change
    add_column :events, :increase_account_id, :string, null: false, default: "account_phqksuhybmwhepzeyjcb"
    change_column_default :events, :increase_account_id, nil
  end
end
`,
      lines: [4],
      fixes: ["# Name the old and the new default so Rails can swap them back:\nchange_column_default :events, :increase_account_id, from: 'account_phqksuhybmwhepzeyjcb', to: nil"],
    },
    {
      framework: "rails",
      name: "link-checker-api 20170629094931: change_column_default without from:/to: beside change_column calls, which Rails cannot invert either: up and down for the whole migration, the down taking each column back to json with to_json (no cast from an array) and to the default {} an earlier migration's change_column set",
      path: "db/migrate/20170629094931_check_errors_and_warnings_to_arrays.rb",
      files: {
        "db/migrate/20170403153631_create_checks.rb": `class CreateChecks < ActiveRecord::Migration[5.0]
  def change
    create_table :checks do |t|
      t.json :link_warnings
      t.json :link_errors

      t.timestamps
    end
  end
end
`,
        "db/migrate/20170405124028_add_defaults.rb": `class AddDefaults < ActiveRecord::Migration[5.0]
  def up
    change_column :checks, :link_errors, :json, default: {}, null: false
    change_column :checks, :link_warnings, :json, default: {}, null: false
  end

  def down
    change_column :checks, :link_errors, :json
    change_column :checks, :link_warnings, :json
  end
end
`,
      },
      code: `class CheckErrorsAndWarningsToArrays < ActiveRecord::Migration[5.0]
  def change
    change_column_default :checks, :link_warnings, nil
    change_column_default :checks, :link_errors, nil

    change_column :checks, :link_warnings, "character varying[] USING array[]::character varying[]"
    change_column :checks, :link_errors, "character varying[] USING array[]::character varying[]"

    change_column_default :checks, :link_warnings, []
    change_column_default :checks, :link_errors, []
  end
end
`,
      lines: [3],
      fixes: [
        [
          "# change_column cannot be inverted: replace `change` with up and down, each statement kept in order.",
          "def up",
          "  change_column_default :checks, :link_warnings, nil",
          "  change_column_default :checks, :link_errors, nil",
          '  change_column :checks, :link_warnings, "character varying[] USING array[]::character varying[]"',
          '  change_column :checks, :link_errors, "character varying[] USING array[]::character varying[]"',
          "  change_column_default :checks, :link_warnings, []",
          "  change_column_default :checks, :link_errors, []",
          "end",
          "",
          "def down",
          "  change_column_default :checks, :link_errors, nil",
          "  change_column_default :checks, :link_warnings, nil",
          '  change_column :checks, :link_errors, :json, using: "to_json(link_errors)"',
          '  change_column :checks, :link_warnings, :json, using: "to_json(link_warnings)"',
          "  change_column_default :checks, :link_errors, {}",
          "  change_column_default :checks, :link_warnings, {}",
          "end",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "change_column_default alone of a column whose default an earlier migration's change_column set (default: {} on json): from: is that default, as Ruby wrote it",
      path: "db/migrate/20170629094931_drop_link_errors_default.rb",
      files: {
        "db/migrate/20170403153631_create_checks.rb": `class CreateChecks < ActiveRecord::Migration[5.0]
  def change
    create_table :checks do |t|
      t.json :link_errors
    end
  end
end
`,
        "db/migrate/20170405124028_add_defaults.rb": `class AddDefaults < ActiveRecord::Migration[5.0]
  def up
    change_column :checks, :link_errors, :json, default: {}, null: false
  end

  def down
    change_column :checks, :link_errors, :json
  end
end
`,
      },
      code: `class DropLinkErrorsDefault < ActiveRecord::Migration[5.0]
  def change
    change_column_default :checks, :link_errors, nil
  end
end
`,
      lines: [3],
      fixes: ["# Name the old and the new default so Rails can swap them back:\nchange_column_default :checks, :link_errors, from: {}, to: nil"],
    },
    {
      framework: "rails",
      name: "change_column_default of a column an earlier migration added with a default: from: is that default",
      path: "db/migrate/20240201000000_drop_role_default.rb",
      files: {
        "db/migrate/20240101000000_add_role.rb": `class AddRole < ActiveRecord::Migration[7.1]
  def change
    add_column :users, :role, :string, default: "member"
  end
end
`,
      },
      code: `class DropRoleDefault < ActiveRecord::Migration[7.1]
  def change
    change_column_default :users, :role, "guest"
  end
end
`,
      lines: [3],
      fixes: ["# Name the old and the new default so Rails can swap them back:\nchange_column_default :users, :role, from: 'member', to: 'guest'"],
    },
    {
      framework: "rails",
      name: "hcb raffles: remove_index if_exists: true of an index no earlier migration creates, before add_index builds it: the guard runs on the way up only (naming columns would fail forward and rebuild on rollback an index that never was)",
      path: "db/migrate/20250608034034_add_unique_index_to_raffles_on_program_and_user_id.rb",
      files: {
        "db/migrate/20250416150425_create_raffles.rb": `class CreateRaffles < ActiveRecord::Migration[7.2]
  def change
    create_table :raffles do |t|
      t.string :program, null: false
      t.references :user, null: false, foreign_key: true

      t.timestamps
    end
  end
end
`,
      },
      code: `class AddUniqueIndexToRafflesOnProgramAndUserId < ActiveRecord::Migration[7.2]
  disable_ddl_transaction!

  def change
    remove_index :raffles, name: :index_raffles_on_program_and_user_id, if_exists: true

    add_index :raffles, [:program, :user_id], unique: true, algorithm: :concurrently, name: :index_raffles_on_program_and_user_id
  end
end
`,
      lines: [5],
      fixes: ["# no earlier migration creates index_raffles_on_program_and_user_id: the if_exists: guard only clears a leftover before this migration builds it, so it runs on the way up only (rollback removes what add_index builds):\nup_only { remove_index :raffles, name: :index_raffles_on_program_and_user_id, if_exists: true }"],
    },
    {
      framework: "rails",
      name: "keygen's up-only drop_table of a table whose unique index a later add_index of its creating migration built: the down rebuilds the table and that index (t.references' own indexes come with the block)",
      path: "db/migrate/20161014211305_drop_products_users_table.rb",
      files: PRODUCTS_USERS_CREATED,
      code: `class DropProductsUsersTable < ActiveRecord::Migration[5.0]
  def up
    drop_table :products_users
  end
end
`,
      lines: [3],
      fixes: ["def down\n  # products_users as the earlier migration created it (the rows cannot come back)\n  create_table :products_users do |t|\n    t.references :product\n    t.references :user\n  end\n  add_index :products_users, [:user_id, :product_id], name: \"index_products_users_on_user_id_and_product_id\", unique: true\nend"],
    },
    {
      framework: "rails",
      name: "change: drop_table without a block of a table given a unique index after its create_table: the block carries it as t.index, so the rollback rebuilds the table with it",
      path: "db/migrate/20161014211305_drop_products_users_table.rb",
      files: PRODUCTS_USERS_CREATED,
      code: `class DropProductsUsersTable < ActiveRecord::Migration[5.0]
  def change
    drop_table :products_users
  end
end
`,
      lines: [3],
      fixes: ["# Give drop_table the table's definition (as the migration that created it wrote it, with the indexes later steps gave it) so Rails can recreate it on rollback:\ndrop_table :products_users do |t|\n  t.references :product\n  t.references :user\n  t.index [:user_id, :product_id], name: \"index_products_users_on_user_id_and_product_id\", unique: true\nend"],
    },
    {
      framework: "rails",
      name: "change: drop_table without a block of a table the history defines: the fix is drop_table with that create_table's block, not a template",
      path: "db/migrate/20240920170139_drop_login_tokens.rb",
      files: {
        "db/migrate/20230101000000_create_login_tokens.rb": `class CreateLoginTokens < ActiveRecord::Migration[7.0]
  def change
    create_table :login_tokens do |t|
      t.text :token, null: false
      t.references :user, null: false, foreign_key: true

      t.timestamps
    end
  end
end
`,
      },
      code: `class DropLoginTokens < ActiveRecord::Migration[7.2]
  def change
    drop_table :login_tokens
  end
end
`,
      lines: [3],
      fixes: ["# Give drop_table the table's definition (as the migration that created it wrote it) so Rails can recreate it on rollback:\ndrop_table :login_tokens do |t|\n  t.text :token, null: false\n  t.references :user, null: false, foreign_key: true\n\n  t.timestamps\nend"],
    },
    {
      framework: "rails",
      name: "change: remove_index by name only",
      code: `class RemoveEmailIndex < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def change
    remove_index :users, name: "index_users_on_email", algorithm: :concurrently
  end
end
`,
      lines: [5],
    },
    {
      framework: "rails",
      name: "change: remove_columns without type:, inside change_table",
      code: `class TrimAccounts < ActiveRecord::Migration[7.1]
  def change
    change_table :accounts do |t|
      t.remove :fax, :telex
    end
  end
end
`,
      lines: [4],
    },
    {
      framework: "rails",
      name: "change with enable_extension and an irreversible change_column (tutor-server 20171109210427): the up and down keep the extension on the way back (an earlier migration enabled pgcrypto, and column defaults call it: DROP EXTENSION would fail or take them with it)",
      path: "db/migrate/20171109210427_assign_missing_uuids.rb",
      files: {
        "db/migrate/20170101000000_create_accounts.rb": 'class CreateAccounts < ActiveRecord::Migration[5.2]\n  def change\n    enable_extension "pgcrypto"\n    create_table :accounts do |t|\n      t.string :uuid\n    end\n  end\nend\n',
      },
      code: `class AssignMissingUuids < ActiveRecord::Migration[5.2]
  def change
    enable_extension "pgcrypto"
    change_column :accounts, :uuid, :uuid, using: "uuid::uuid", default: -> { "gen_random_uuid()" }, null: false
  end
end
`,
      lines: [4],
      severities: ["error"],
      fixes: [
        '# change_column cannot be inverted: replace `change` with up and down, each statement kept in order.\ndef up\n  enable_extension "pgcrypto"\n  change_column :accounts, :uuid, :uuid, using: "uuid::uuid", default: -> { "gen_random_uuid()" }, null: false\nend\n\ndef down\n  change_column :accounts, :uuid, :string\n  change_column_default :accounts, :uuid, nil\n  change_column_null :accounts, :uuid, true\n  # line 3 makes sure the extension pgcrypto is there; it may have been before this migration, and other objects may use it: the down leaves it\nend',
      ],
    },
    {
      framework: "rails",
      name: "change: update_all is not recorded, so Rails runs it again on rollback (not refused): a warning whose fix runs it on the way up only",
      code: `class RenamePutLinksToPatchLinks < ActiveRecord::Migration[7.1]
  class Event < ApplicationRecord
  end

  def change
    Event.where(action: "PutLinkSet").update_all(action: "PatchLinkSet")
  end
end
`,
      lines: [6],
      severities: ["warning"],
      fixes: [
        [
          "# Rails runs data code in `change` again on rollback: run it on the way up only",
          "# (or: reversible { |dir| dir.up { ... } }, with dir.down restoring the old values when they matter)",
          "up_only do",
          '  Event.where(action: "PutLinkSet").update_all(action: "PatchLinkSet")',
          "end",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "change: a loop over records beside a schema change runs again on rollback, before the column is removed: it also rewrites a column the rollback keeps (name)",
      code: `class AddRegionCodeToCounties < ActiveRecord::Migration[7.0]
  def change
    add_column :counties, :region_code, :string
    County.find_each do |county|
      county.update!(region_code: county.region.strip.upcase, name: county.name.titleize)
    end
  end
end
`,
      lines: [4],
      severities: ["warning"],
      fixes: [
        [
          "# Rails runs data code in `change` again on rollback: run it on the way up only",
          "# (or: reversible { |dir| dir.up { ... } }, with dir.down restoring the old values when they matter)",
          "up_only do",
          "  County.find_each do |county|",
          "    county.update!(region_code: county.region.strip.upcase, name: county.name.titleize)",
          "  end",
          "end",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "change: SQL through ActiveRecord::Base.connection is not recorded: run again on rollback, where it overwrites every row's updated_at, a warning",
      code: `class FillVoteTimestamps < ActiveRecord::Migration[7.1]
  def change
    ActiveRecord::Base.connection.execute("UPDATE votes SET updated_at = created_at")
  end
end
`,
      lines: [3],
      severities: ["warning"],
    },
    {
      framework: "rails",
      name: "change: the migration's own connection.execute is recorded, and Rails cannot invert it: the rollback raises (an error)",
      code: `class TimestampVotes < ActiveRecord::Migration[7.1]
  def change
    add_column :votes, :updated_at, :datetime
    connection.execute("UPDATE votes SET updated_at = created_at WHERE updated_at IS NULL")
  end
end
`,
      lines: [4],
      severities: ["error"],
    },
    {
      framework: "rails",
      name: "up without down under `if using_mysql?` with an else: the else runs on PostgreSQL, so there is something to undo",
      code: `class ChangeCollationForTagNames < ActiveRecord::Migration[4.2]
  def up
    if ActsAsTaggableOn::Utils.using_mysql?
      execute("ALTER TABLE tags MODIFY name varchar(255) CHARACTER SET utf8 COLLATE utf8_bin;")
    else
      add_column :tags, :name_key, :string
    end
  end
end
`,
      lines: [6],
      messages: ["a rollback runs nothing (Rails' Migration#down returns when the class defines no down)"],
    },
    {
      framework: "rails",
      name: "up without down: a rollback runs nothing yet deletes the version (a whole-file finding), and the down can put the column back (its type is written)",
      code: `class RemoveDocumentId < ActiveRecord::Migration[7.1]
  def up
    remove_column :change_notes, :document_id, :integer
  end
end
`,
      lines: [3],
      messages: ["a rollback runs nothing (Rails' Migration#down returns when the class defines no down) yet deletes the version from schema_migrations"],
      fixes: ["def down\n  # change_notes.document_id comes back empty: the values up removed are gone\n  add_column :change_notes, :document_id, :integer\nend"],
    },
    {
      framework: "rails",
      name: "service-manual-publisher 20200604155614: remove_column drops the column's unique index with it, so the down adds the column back and then the index, as the earlier migration defined it",
      files: {
        "db/migrate/20160816150906_add_email_alert_signup_content_ids_to_topics.rb": `class AddEmailAlertSignupContentIdsToTopics < ActiveRecord::Migration[5.0]
  def change
    add_column :topics, :email_alert_signup_content_id, :string
    add_index :topics, :email_alert_signup_content_id, unique: true
    add_index :topics, [:title, :email_alert_signup_content_id], name: "index_topics_on_live_signup", where: "title IS NOT NULL"
  end
end
`,
      },
      code: `class RemoveTopicEmailSignup < ActiveRecord::Migration[5.2]
  def up
    remove_column :topics, :email_alert_signup_content_id
  end
end
`,
      lines: [3],
      fixes: [
        [
          "def down",
          "  # topics.email_alert_signup_content_id comes back empty: the values up removed are gone",
          "  add_column :topics, :email_alert_signup_content_id, :string",
          '  add_index :topics, :email_alert_signup_content_id, name: "index_topics_on_email_alert_signup_content_id", unique: true',
          '  add_index :topics, [:title, :email_alert_signup_content_id], name: "index_topics_on_live_signup", where: "title IS NOT NULL"',
          "end",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "a backfill with up only (OpenStreetMap's backfill_note_subscriptions): no schema to put back, a rollback runs nothing (Rails' Migration#down returns without a down): a note",
      code: `class BackfillNoteSubscriptions < ActiveRecord::Migration[7.2]
  class Note < ApplicationRecord; end

  def up
    Note.where(subscribed: nil).in_batches.update_all(subscribed: true)
  end
end
`,
      lines: [5],
      severities: ["info"],
      messages: ["Rails reports the migration reverted"],
    },
    {
      framework: "rails",
      name: "a data-only re-encryption (Open Food Network's find_each(&:encrypt)) whose down raises: the author's one-way choice, a note that a rollback stops here (an empty down would let it succeed over data the old code cannot read)",
      code: `class UpgradeEncryption < ActiveRecord::Migration[7.1]
  class ConnectedApp < ActiveRecord::Base
    encrypts :data
  end

  def up
    ConnectedApp.where(type: "Vine").find_each(&:encrypt)
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`,
      lines: [11],
      severities: ["info"],
    },
    {
      framework: "rails",
      name: "an up that only adds an enum value, with a down that raises (Lago's e0afdb2584): PostgreSQL cannot drop an enum value, a note",
      code: `class AddQuoteToInvoiceType < ActiveRecord::Migration[7.1]
  def up
    execute "ALTER TYPE invoice_type ADD VALUE IF NOT EXISTS 'quote'"
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`,
      lines: [7],
      severities: ["info"],
    },
    {
      framework: "rails",
      name: "add_enum_value in change (Rails 7.1+; itt-mentor-services 20250813103610): Rails raises IrreversibleMigration on rollback as loudly as an explicit raise, and PostgreSQL cannot drop the value: a note",
      code: `class AddClawbackRequiresApprovalStatusToClaims < ActiveRecord::Migration[8.0]
  def change
    add_enum_value :claim_status, "clawback_requires_approval"
  end
end
`,
      lines: [3],
      severities: ["info"],
    },
    {
      framework: "rails",
      name: "a NULL -> {} backfill run over a literal list of model classes (govuk-chat 20260326122659) with a raising down: data only, the same note as any one-way data change",
      code: `class BackfillNilvaluesForLlmResponsesAndMetrics < ActiveRecord::Migration[8.0]
  class AnswerAnalysisCoherenceRun < ApplicationRecord; end

  MODELS = [AnswerAnalysisCoherenceRun, Answer].freeze

  def up
    MODELS.each do |model|
      model.where(metrics: nil).update_all(metrics: {})
    end
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`,
      lines: [13],
      severities: ["info"],
    },
    {
      framework: "rails",
      name: "an enum swapped for a new one of the same name with a raising down (govuk-chat 20260417081153): the suggested down drops neither the new type a column still uses nor renames the old one back onto its name",
      code: `class SwapOrderStatus < ActiveRecord::Migration[8.0]
  def up
    execute <<-SQL
    ALTER TYPE order_status RENAME TO order_status_old;
    CREATE TYPE order_status AS ENUM ('open', 'closed');
    ALTER TABLE orders ALTER COLUMN status TYPE order_status USING status::text::order_status;
    DROP TYPE order_status_old;
    SQL
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`,
      lines: [12],
      severities: ["info"],
      fixes: [
        "def down\n  # line 7 drops type order_status_old: recreate it from its earlier definition\n  # line 6 changes the type of orders.status: migguard found no earlier type in the repository; change it back to the type it had before\n  # line 5 creates type order_status: not dropped, since orders.status still uses it (put its type back first, then DROP TYPE order_status)\n  # line 4 renames type order_status to order_status_old: not renamed back while the new order_status stays (drop it first, then ALTER TYPE order_status_old RENAME TO order_status)\n  raise ActiveRecord::IrreversibleMigration, \"irreversible: line 7 drops type order_status_old: recreate it from its earlier definition; line 6 changes the type of orders.status: migguard found no earlier type in the repository; change it back to the type it had before; line 5 creates type order_status: not dropped, since orders.status still uses it (put its type back first, then DROP TYPE order_status); line 4 renames type order_status to order_status_old: not renamed back while the new order_status stays (drop it first, then ALTER TYPE order_status_old RENAME TO order_status)\"\nend",
      ],
    },
    {
      framework: "rails",
      name: "a new enum for a column the up adds, with a raising down: the down drops the column first, so the type's DROP TYPE is written",
      code: `class AddOrderKind < ActiveRecord::Migration[8.0]
  def up
    execute <<-SQL
    CREATE TYPE order_kind AS ENUM ('retail', 'trade');
    ALTER TABLE orders ADD COLUMN kind order_kind;
    SQL
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`,
      lines: [10],
      severities: ["info"],
      fixes: ["def down\n  execute \"ALTER TABLE orders DROP COLUMN kind;\"\n  execute \"DROP TYPE order_kind;\"\nend"],
    },
    {
      framework: "rails",
      name: "a down raising where 5 other migrations of db/migrate do the same: the project's policy, a warning that names it and keeps the raise",
      path: "db/migrate/20240310000000_drop_stream_entries.rb",
      files: {
        "db/migrate/20240301000000_drop_old_1.rb": `class DropOld1 < ActiveRecord::Migration[7.1]
  def up
    remove_column :users, :old_1, :string
  end

  def down
    raise ActiveRecord::IrreversibleMigration, "one-way"
  end
end
`,
        "db/migrate/20240302000000_drop_old_2.rb": `class DropOld2 < ActiveRecord::Migration[7.1]
  def up
    remove_column :users, :old_2, :string
  end

  def down
    raise ActiveRecord::IrreversibleMigration, "one-way"
  end
end
`,
        "db/migrate/20240303000000_drop_old_3.rb": `class DropOld3 < ActiveRecord::Migration[7.1]
  def up
    remove_column :users, :old_3, :string
  end

  def down
    raise ActiveRecord::IrreversibleMigration, "one-way"
  end
end
`,
        "db/migrate/20240304000000_drop_old_4.rb": `class DropOld4 < ActiveRecord::Migration[7.1]
  def up
    remove_column :users, :old_4, :string
  end

  def down
    raise ActiveRecord::IrreversibleMigration, "one-way"
  end
end
`,
        "db/migrate/20240305000000_drop_old_5.rb": `class DropOld5 < ActiveRecord::Migration[7.1]
  def up
    remove_column :users, :old_5, :string
  end

  def down
    raise ActiveRecord::IrreversibleMigration, "one-way"
  end
end
`,
      },
      code: `class DropStreamEntries < ActiveRecord::Migration[7.1]
  def up
    drop_table :stream_entries
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`,
      lines: [7],
      severities: ["warning"],
      messages: ["5 of the 5 other migrations in db/migrate/ refuse to roll back the same way"],
    },
    {
      framework: "rails",
      name: "a down raising over an up that only adds a column and its index: the raise blocks a rollback for nothing, a note whose down removes them",
      path: "db/migrate/20240310000000_add_digest.rb",
      code: `class AddDigest < ActiveRecord::Migration[7.1]
  def up
    add_column :users, :digest, :string
    add_index :users, :digest
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`,
      lines: [8],
      severities: ["info"],
      messages: ["a down could simply drop them"],
    },
    {
      framework: "rails",
      name: "down raising ActiveRecord::IrreversibleMigration: the author's statement that it is one-way (casa's follow-up drop): a warning that a rollback stops here",
      code: `class DropStreamEntries < ActiveRecord::Migration[7.1]
  def up
    drop_table :stream_entries
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`,
      lines: [7],
      severities: ["warning"],
    },
    {
      framework: "rails",
      name: "a down that undoes part of the up and then raises leaves the database half rolled back: an error",
      code: `class SplitNames < ActiveRecord::Migration[7.1]
  def up
    add_column :users, :first_name, :string
    remove_column :users, :name
  end

  def down
    remove_column :users, :first_name
    raise ActiveRecord::IrreversibleMigration
  end
end
`,
      lines: [9],
    },
    {
      framework: "rails",
      name: "inside safety_assured the finding is still there, as a note (info)",
      code: `class RemoveLegacyTrigger < ActiveRecord::Migration[7.1]
  def change
    safety_assured { execute "DROP TRIGGER IF EXISTS legacy_sync ON users" }
  end
end
`,
      lines: [3],
    },
    {
      framework: "rails",
      name: "old-style class methods without a version: self.up only",
      code: `class AddPositions < ActiveRecord::Migration
  def self.up
    add_column :links, :position, :integer
  end
end
`,
      lines: [3],
    },
    {
      framework: "rails",
      name: "change: an unfiltered delete_all runs again on rollback and deletes every row written since the migration (codeocean 20140826073318)",
      code: `class SorceryCore < ActiveRecord::Migration[4.2]
  class InternalUser < ApplicationRecord
  end

  def change
    InternalUser.delete_all
    add_column :internal_users, :crypted_password, :string
  end
end
`,
      lines: [6],
      severities: ["warning"],
    },
    {
      framework: "rails",
      name: "change: a create inserts its row again on rollback (not found first)",
      code: `class AddTipsIntervention < ActiveRecord::Migration[7.0]
  class Intervention < ApplicationRecord
  end

  def change
    Intervention.create!(name: 'TipsIntervention')
  end
end
`,
      lines: [6],
      severities: ["warning"],
    },
    {
      framework: "rails",
      name: "change: a loop over where(column: nil) that sets the column only under a condition: rows it skipped are tried again on rollback",
      code: `class FillFileExtensions < ActiveRecord::Migration[7.0]
  class FileType < ApplicationRecord
  end

  def change
    FileType.where(file_extension: nil).find_each do |file_type|
      file_type.update!(file_extension: file_type.name.downcase) if file_type.name.present?
    end
  end
end
`,
      lines: [6],
      severities: ["warning"],
    },
    {
      framework: "rails",
      name: "change: where.not(column: value) updated to another value: the rows it wrote still match, run again on rollback",
      code: `class ResetRoles < ActiveRecord::Migration[7.0]
  class User < ApplicationRecord
  end

  def change
    User.where.not(role: "admin").update_all(role: "member")
  end
end
`,
      lines: [6],
      severities: ["warning"],
    },
    {
      framework: "rails",
      name: "change: a fill that excludes what it sets, of a column the change then renames: the rollback runs it again in the up's schema, where that column is gone, and fails",
      code: `class RenameDisplayName < ActiveRecord::Migration[7.1]
  class User < ApplicationRecord
  end

  def change
    User.where(display_name: nil).update_all(display_name: "anonymous")
    rename_column :users, :display_name, :public_name
  end
end
`,
      lines: [6],
      severities: ["warning"],
    },
    {
      framework: "rails",
      name: "ifme's (and alphagov/content-publisher's) Active Storage key added only under existence checks, with no down: the up returns once the key exists, so the next migrate after a rollback runs it again and changes nothing: a note that the rollback leaves the key, the repair's intent, naming the engine Rails copied it from",
      path: "db/migrate/20200509110917_add_foreign_key_constraint_to_active_storage_attachments_for_blob_id.active_storage.rb",
      code: `# This migration comes from active_storage (originally 20180723000244)
class AddForeignKeyConstraintToActiveStorageAttachmentsForBlobId < ActiveRecord::Migration[6.0]
  def up
    return if foreign_key_exists?(:active_storage_attachments, column: :blob_id)

    if table_exists?(:active_storage_blobs)
      add_foreign_key :active_storage_attachments, :active_storage_blobs, column: :blob_id
    end
  end
end
`,
      lines: [7],
      severities: ["info"],
      fixes: ["def down\n  # nothing to undo: running the up again changes nothing, so a rollback leaves its changes in place\nend"],
      messages: ["It is the active_storage engine's migration 20180723000244, which Rails copied into this app."],
    },
    {
      framework: "rails",
      name: "ifme's Active Storage key in a project that never has active_storage_blobs (no earlier migration, nor db/schema.rb): the up does nothing there, and runs again as a no-op anyway: the note that a rollback is harmless",
      path: "db/migrate/20200509110917_add_foreign_key_constraint_to_active_storage_attachments_for_blob_id.active_storage.rb",
      files: WITHOUT_ACTIVE_STORAGE,
      code: ACTIVE_STORAGE_KEY,
      lines: [7],
      severities: ["info"],
      fixes: ["def down\n  # nothing to undo: running the up again changes nothing, so a rollback leaves its changes in place\nend"],
    },
    {
      framework: "rails",
      name: "ifme's Active Storage key where an earlier migration creates active_storage_blobs although db/schema.rb has none: the key may be added, and the up still runs again as a no-op: the same note",
      path: "db/migrate/20200509110917_add_foreign_key_constraint_to_active_storage_attachments_for_blob_id.active_storage.rb",
      files: {
        ...WITHOUT_ACTIVE_STORAGE,
        "db/migrate/20190601000000_create_active_storage_tables.active_storage.rb": `class CreateActiveStorageTables < ActiveRecord::Migration[5.2]
  def change
    create_table :active_storage_blobs do |t|
      t.string :key, null: false
    end

    create_table :active_storage_attachments do |t|
      t.references :blob, null: false
    end
  end
end
`,
      },
      code: ACTIVE_STORAGE_KEY,
      lines: [7],
      severities: ["info"],
      fixes: ["def down\n  # nothing to undo: running the up again changes nothing, so a rollback leaves its changes in place\nend"],
      messages: ["Running the up again is harmless: each of its changes runs only while it is still to be done (`foreign_key_exists?(:active_storage_attachments, column: :blob_id)`), so the next migrate finds them in place and changes nothing."],
    },
    {
      framework: "rails",
      name: "Active Storage's copied service_name migration: a column added only under `unless column_exists?` of that column, with no down: running it again changes nothing, a note",
      path: "db/migrate/20200509110918_add_service_name_to_active_storage_blobs.active_storage.rb",
      code: `# This migration comes from active_storage (originally 20190112182829)
class AddServiceNameToActiveStorageBlobs < ActiveRecord::Migration[6.0]
  def up
    return unless table_exists?(:active_storage_blobs)

    unless column_exists?(:active_storage_blobs, :service_name)
      add_column :active_storage_blobs, :service_name, :string
    end
  end
end
`,
      lines: [7],
      severities: ["info"],
      fixes: ["def down\n  # nothing to undo: running the up again changes nothing, so a rollback leaves its changes in place\nend"],
      messages: ["(`column_exists?(:active_storage_blobs, :service_name)`)"],
    },
    {
      framework: "rails",
      name: "a column added in a change_table block `unless t.column_exists?` of it, with no down: the table object's check makes a second run a no-op, a note",
      code: `class AddMetadataToUsers < ActiveRecord::Migration[7.1]
  def up
    change_table :users do |t|
      t.jsonb(:customer_metadata, default: {}) unless t.column_exists?(:customer_metadata)
    end
  end
end
`,
      lines: [4],
      severities: ["info"],
      messages: ["(`t.column_exists?(:customer_metadata)`)"],
    },
    {
      framework: "rails",
      name: "a column and an index added `if_not_exists: true`, with no down: the options Rails turns into checks make a second run a no-op, a note",
      code: `class AddNicknameToUsers < ActiveRecord::Migration[7.1]
  def up
    add_column :users, :nickname, :string, if_not_exists: true
    add_index :users, :nickname, if_not_exists: true
  end
end
`,
      lines: [3],
      severities: ["info"],
      fixes: ["def down\n  # nothing to undo: running the up again changes nothing, so a rollback leaves its changes in place\nend"],
      messages: ["(`if_not_exists: true`)"],
    },
    {
      framework: "rails",
      name: "a stray index an earlier migration made, removed `if_exists: true`, with no down: a second run finds nothing to remove, a note",
      path: "db/migrate/20240201000000_remove_stray_index_from_users.rb",
      files: {
        "db/migrate/20240101000000_create_users.rb": `class CreateUsers < ActiveRecord::Migration[7.1]
  def change
    create_table :users do |t|
      t.string :email
      t.string :legacy
    end
    add_index :users, :legacy, name: :index_users_on_legacy
  end
end
`,
      },
      code: `class RemoveStrayIndexFromUsers < ActiveRecord::Migration[7.1]
  def up
    remove_index :users, name: :index_users_on_legacy, if_exists: true
  end
end
`,
      lines: [3],
      severities: ["info"],
      fixes: ["def down\n  # nothing to undo: running the up again changes nothing, so a rollback leaves its changes in place\nend"],
    },
    {
      framework: "rails",
      name: "a column an earlier migration made, removed only where it exists, with no down: a second run skips it, but the rollback brings back code that may read the column while Rails reports it reverted: the error stays",
      path: "db/migrate/20240201000000_remove_legacy_from_users.rb",
      files: {
        "db/migrate/20240101000000_create_users.rb": `class CreateUsers < ActiveRecord::Migration[7.1]
  def change
    create_table :users do |t|
      t.string :email
      t.string :legacy
    end
    add_index :users, :legacy, name: :index_users_on_legacy
  end
end
`,
      },
      code: `class RemoveLegacyFromUsers < ActiveRecord::Migration[7.1]
  def up
    remove_column :users, :legacy if column_exists?(:users, :legacy)
  end
end
`,
      lines: [3],
      severities: ["error"],
      messages: ["the next migrate runs the up again over them"],
    },
    {
      framework: "rails",
      name: "an early return on another table's existence: adding the column does not make it exist, so the next migrate adds the column again: the error stays",
      code: `class AddScoreToPosts < ActiveRecord::Migration[7.1]
  def up
    return if table_exists?(:legacy_posts)

    add_column :posts, :score, :integer
  end
end
`,
      lines: [5],
      severities: ["error"],
      messages: ["the next migrate runs the up again over them"],
    },
    {
      framework: "rails",
      name: "a key added only where missing beside a column added unconditionally, with no down: the column is added again on the next migrate, the error stays",
      code: `class AddAuthorKeyToPosts < ActiveRecord::Migration[7.1]
  def up
    add_column :posts, :editor_id, :bigint
    add_foreign_key :posts, :users, column: :author_id unless foreign_key_exists?(:posts, column: :author_id)
  end
end
`,
      lines: [3],
      severities: ["error"],
    },
    {
      framework: "rails",
      name: "an engine's migration Rails copied, without existence checks: the first line says where it comes from, nothing changes, the error stays",
      path: "db/migrate/20200509110919_add_metadata_to_blobs.active_storage.rb",
      code: `# This migration comes from active_storage (originally 20170806125915)
class AddMetadataToBlobs < ActiveRecord::Migration[6.0]
  def up
    add_column :active_storage_blobs, :extra, :text
  end
end
`,
      lines: [4],
      severities: ["error"],
      messages: ["it defines `up` without `down`"],
    },
    {
      framework: "rails",
      name: "change: a loop that moves values into columns the change adds and destroys the rows it cannot move (splits-io 20201023153752): a rollback drops those columns, so the fix is no up_only but a reversible whose down raises until the values are put back",
      code: `class RefactorFollows < ActiveRecord::Migration[6.0]
  def change
    add_column :follows, :from_account_id, :uuid

    Follow.where.not(from_user_id: nil).find_each do |follow|
      account = Account.find_by(user_id: follow.from_user_id)
      if account.nil?
        follow.destroy
        next
      end

      follow.update(from_user_id: nil, from_account_id: account.id)
    end
  end
end
`,
      lines: [5],
      severities: ["warning"],
      fixes: [
        [
          "# This data code writes rows of follows, to which this change adds from_account_id, and deletes rows (`follow.destroy`): a rollback drops",
          "# that column, and whatever it moved into it goes too (the rows it deletes come back only from a copy kept before). up_only alone would let",
          "# that rollback report success: on the way down, put the values back where the old code reads them before the columns go;",
          "# migguard cannot derive that from the code, so until it is written the rollback stops here.",
          "reversible do |dir|",
          "  dir.up do",
          "    Follow.where.not(from_user_id: nil).find_each do |follow|",
          "      account = Account.find_by(user_id: follow.from_user_id)",
          "      if account.nil?",
          "        follow.destroy",
          "        next",
          "      end",
          "",
          "      follow.update(from_user_id: nil, from_account_id: account.id)",
          "    end",
          "  end",
          "  dir.down do",
          '    raise ActiveRecord::IrreversibleMigration, "copy the values back out of from_account_id of follows before the rollback drops it"',
          "  end",
          "end",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "change: every row updated in batches (in_batches do |batch| batch.update_all(...) end): run again on rollback, it overwrites what was written since",
      code: `class ResetPlans < ActiveRecord::Migration[7.0]
  def change
    Account.in_batches do |batch|
      batch.update_all(plan: "free")
    end
  end
end
`,
      lines: [3],
      severities: ["warning"],
    },
    {
      framework: "rails",
      name: "change: a batch block that also writes another way (a record's save): not only its batch's filtered update, the warning stays",
      code: `class FillOffsets < ActiveRecord::Migration[7.0]
  def change
    Video.where(start_offset_ms: nil).in_batches do |records|
      records.update_all(start_offset_ms: 10_000)
      Stat.first.save!
    end
  end
end
`,
      lines: [3],
      severities: ["warning"],
    },
    {
      framework: "rails",
      name: "keygen 20240424022606: an up that only validates a NOT VALID check constraint, with no down: validating has nothing to undo and a rollback that runs nothing is the right one, a note whose fix is the empty down",
      path: "db/migrate/20240424022606_validate_account_id_not_null_constraint_for_machines.rb",
      code: `class ValidateAccountIdNotNullConstraintForMachines < ActiveRecord::Migration[7.1]
  def up
    validate_check_constraint :machines, name: 'machines_account_id_not_null'
  end
end
`,
      lines: [3],
      severities: ["info"],
      messages: ["but its up only validates machines_account_id_not_null on machines"],
      fixes: ["def down\n  # nothing to undo: the up only validates constraints, which changes no schema and no row\nend"],
    },
    {
      framework: "rails",
      name: "change: a loop over every record that deletes each one (no filter): run again on rollback it deletes every row written since, the warning stays",
      code: `class PurgeSessions < ActiveRecord::Migration[7.1]
  def change
    Session.find_each do |session|
      session.destroy
    end
  end
end
`,
      lines: [3],
      severities: ["warning"],
    },
    {
      framework: "rails",
      name: "change: a loop that sets a column from another one (not its own value normalised): run again on rollback it overwrites what was written since, the warning stays",
      code: `class CopyNames < ActiveRecord::Migration[7.1]
  def change
    User.where("name REGEXP ?", "^\\\\s+").each do |u|
      u.update_attribute(:name, u.login.strip)
    end
  end
end
`,
      lines: [3],
      severities: ["warning"],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "signon 9da737ca: change strips the names a REGEXP filter picks (update_attribute(:name, u.name&.strip)): run again on rollback it writes the stripped value that is already there",
      path: "db/migrate/20230925104847_strip_whitespace_from_user_name.rb",
      code: `class StripWhitespaceFromUserName < ActiveRecord::Migration[7.0]
  def change
    User.where("name REGEXP ? OR name REGEXP ?", "^\\\\s+", "\\\\s+$").each do |u|
      u.update_attribute(:name, u.name&.strip) # rubocop:disable Rails/SkipsModelValidations
    end
  end
end
`,
    },
    {
      framework: "rails",
      name: "signon 4290aa91: change re-encrypts every user (find_each(&:encrypt), ActiveRecord::Encryption): run again on rollback it re-encrypts the same plain values",
      path: "db/migrate/20240228080000_reencrypt_user_otp_keys.rb",
      code: `class ReencryptUserOtpKeys < ActiveRecord::Migration[7.1]
  def change
    User.find_each(&:encrypt)
  end
end
`,
    },
    {
      framework: "rails",
      name: "signon 21c96fb5: change destroys, in a loop over a filtered relation a local holds, each permission of a deleted supported permission (and logs it): run again on rollback the filter finds none of them",
      path: "db/migrate/20240429130154_remove_user_permissions_with_deleted_permission.rb",
      code: `class RemoveUserPermissionsWithDeletedPermission < ActiveRecord::Migration[7.1]
  def change
    undeleted_permission = 1152
    return unless SupportedPermission.find_by(id: undeleted_permission).nil?

    user_application_permissions_to_destroy = UserApplicationPermission.where(supported_permission_id: undeleted_permission)

    ActiveRecord::Base.transaction do
      user_application_permissions_to_destroy.each do |user_application_permission|
        user = user_application_permission.user
        raise "Could not destroy UserApplicationPermission with ID #{user_application_permission.id}" unless user_application_permission.destroy

        next unless user

        EventLog.record_event(user, EventLog::PERMISSIONS_REMOVED, trailing_message: "removed via migration")
      end
    end
  end
end
`,
    },
    {
      framework: "rails",
      name: "change lower-cases every user's email through an assignment and a save: run again on rollback it saves what is already lower-case",
      code: `class DowncaseEmails < ActiveRecord::Migration[7.1]
  def change
    User.find_each do |user|
      user.email = user.email.downcase
      user.save!
    end
  end
end
`,
    },
    {
      framework: "rails",
      name: "data code re-run on rollback that excludes what it sets, in batches: where(column: nil).in_batches do |batch| batch.update_all(column: value) end, then NOT NULL (splits-io 20200705172000)",
      code: `class BackfillAddStartOffsetMsToVideos < ActiveRecord::Migration[6.0]
  disable_ddl_transaction!

  def change
    Video.where(start_offset_ms: nil).in_batches do |records|
      records.update_all start_offset_ms: 10_000
      sleep(0.01)
    end
    safety_assured do
      change_column_null :videos, :start_offset_ms, false
    end
  end
end
`,
    },
    {
      framework: "rails",
      name: "Foreman's remove_subscription_entitlements_report: a clean-up in change guarded by find_by / return unless, deleting through &. and a held where: run again on rollback it finds nothing and deletes nothing",
      path: "db/migrate/20240215150131_remove_entitlements_report.rb",
      code: `class RemoveEntitlementsReport < ActiveRecord::Migration[6.1]
  def change
    report = ReportTemplate.unscoped.find_by(name: "Entitlement Report")
    return unless report
    template_inputs = TemplateInput.where(template_id: report.id)
    template_inputs&.delete_all
    report&.delete
  end
end
`,
    },
    {
      framework: "rails",
      name: "helpy's convert_admin_to_admin: a loop over a scope that sets a literal role on each record an if selects: idempotent, run again on rollback it writes the value already there",
      path: "db/migrate/20160518134813_convert_admin_to_admin.rb",
      code: `class ConvertAdminToAdmin < ActiveRecord::Migration
  def change
    # Iterate through users and give them an admin role if they have the flag
    User.admins.each do |admin|
      admin.update_attribute(:role, 'admin') if admin.admin?
    end
  end
end
`,
    },
    {
      framework: "rails",
      name: "change: remove_column (type: given as an option) guarded by column_exists? of that column (refer-serious-misconduct 20230217122304): on rollback Rails' recorder asks the live database, where the up removed the column, so it records nothing and raises nothing",
      code: `class RemoveReferralEvidencesCategoriesOther < ActiveRecord::Migration[7.0]
  def change
    if column_exists?(:referral_evidences, :categories_other)
      remove_column :referral_evidences, :categories_other, type: :string
    end
  end
end
`,
    },
    {
      framework: "rails",
      name: "change: a change_table block's `t.remove` (no type) guarded by `t.column_exists?` of that column (Rails' Table asks its table): on rollback the recorder's check reads the live database, where the column is gone, so nothing is recorded",
      code: `class RemoveLegacyFromUsers < ActiveRecord::Migration[7.1]
  def change
    change_table :users do |t|
      t.remove :legacy if t.column_exists?(:legacy)
    end
  end
end
`,
    },
    {
      framework: "rails",
      name: "change: drop_table without a block guarded by table_exists? of that table: the check is false on rollback, nothing is recorded",
      code: `class DropLegacyReports < ActiveRecord::Migration[7.1]
  def change
    drop_table :legacy_reports if table_exists?(:legacy_reports)
  end
end
`,
    },
    {
      framework: "rails",
      name: "up without down whose code all runs on MySQL only (helpy's vendored acts_as_taggable_on migration: `if ActsAsTaggableOn::Utils.using_mysql?`; a `return unless mysql?` of a method testing the adapter): on PostgreSQL it runs nothing, so there is nothing to undo",
      code: `class ChangeCollationForTagNames < ActiveRecord::Migration[4.2]
  def up
    if ActsAsTaggableOn::Utils.using_mysql?
      execute("ALTER TABLE tags MODIFY name varchar(255) CHARACTER SET utf8 COLLATE utf8_bin;")
    end
    return unless legacy_database?

    execute("ALTER TABLE taggings MODIFY context varchar(128) CHARACTER SET utf8 COLLATE utf8_bin;")
  end

  def legacy_database?
    ActiveRecord::Base.connection.adapter_name =~ /mysql/i
  end
end
`,
    },
    {
      framework: "rails",
      name: "an up without down that only reads records and enqueues jobs (peoplefinder's populate_group_members_completion_score): the migration writes nothing, so a rollback that runs nothing loses nothing",
      code: `class PopulateGroupMembersCompletionScore < ActiveRecord::Migration[4.2]
  def up
    Group.where(members_completion_score: nil).each do |group|
      UpdateGroupMembersCompletionScoreJob.perform_later(group)
    end
  end
end
`,
    },
    {
      framework: "rails",
      name: "up without down, removing a column of unknown type: a down could only raise (without one, the rollback runs nothing and deletes the version)",
      code: `class RemoveDocumentId < ActiveRecord::Migration[7.1]
  def up
    remove_column :change_notes, :document_id
  end
end
`,
    },
    {
      framework: "rails",
      name: "an up-only migration dropping tables no earlier migration defines (growstuff's RemoveShop): a down could only raise (without one, the rollback runs nothing and deletes the version), and the lost rows are drop-table's finding",
      code: `class RemoveShop < ActiveRecord::Migration[4.2]
  def up
    drop_table :order_items
    drop_table :orders
  end
end
`,
    },
    {
      framework: "rails",
      name: "data code re-run on rollback that excludes what it sets: where(column: nil).update_all(column: value) matches none of the rows it filled (codeocean 20241116105338)",
      code: `class BackfillUserTypeToCodeharborLinks < ActiveRecord::Migration[7.2]
  class CodeharborLink < ApplicationRecord
  end

  class InternalUser < ApplicationRecord
  end

  def change
    CodeharborLink.where(user_type: nil).update_all(user_type: InternalUser.name.demodulize)
  end
end
`,
    },
    {
      framework: "rails",
      name: "data code re-run on rollback that excludes what it sets: where(column: nil) on a column left nullable, beside the add_column",
      code: `class AddPreferencesToSubmitters < ActiveRecord::Migration[7.0]
  class MigrationSubmitter < ApplicationRecord
    self.table_name = 'submitters'
  end

  def change
    add_column :submitters, :preferences, :text

    MigrationSubmitter.where(preferences: nil).update_all(preferences: '{}')
  end
end
`,
    },
    {
      framework: "rails",
      name: "data code re-run on rollback that excludes what it sets: where.not(column: value).update_all(column: value)",
      code: `class NormalizeStates < ActiveRecord::Migration[7.0]
  class Import < ApplicationRecord
  end

  def change
    Import.where.not(state: :finished).where(finished_at: ...1.year.ago).update_all(state: :finished)
  end
end
`,
    },
    {
      framework: "rails",
      name: "data code re-run on rollback that excludes what it sets: a loop over find_all { |r| r.column.nil? } updating that column (codeocean 20230206203117)",
      code: `class MigrateFiletypeExtensionsNotNil < ActiveRecord::Migration[7.0]
  class FileType < ApplicationRecord
  end

  def change
    FileType.all.find_all {|file_type| file_type.file_extension.nil? }.each do |file_type|
      file_type.update file_extension: ''
    end
  end
end
`,
    },
    {
      framework: "rails",
      name: "data code re-run on rollback: a filtered delete_all deletes again only rows matching its filter (codeocean 20250513141128)",
      code: `class DeleteInvalidAssessTestruns < ActiveRecord::Migration[7.2]
  class Testrun < ApplicationRecord
  end

  disable_ddl_transaction!

  def change
    Testrun.where(
      cause: 'assess',
      passed: nil,
      exit_code: nil
    ).delete_all
  end
end
`,
    },
    {
      framework: "rails",
      name: "data code re-run on rollback: find_or_create_by finds the row the first run created (codeocean 20211114145024)",
      code: `class CreateTipsIntervention < ActiveRecord::Migration[6.1]
  class Intervention < ApplicationRecord
  end

  def change
    Intervention.find_or_create_by(name: 'TipsIntervention')
  end
end
`,
    },
    {
      framework: "rails",
      name: "data code re-run on rollback: a loop that saves a found-or-built record only when it is new adds nothing the second time",
      code: `class CreateDefaultAccountConfigs < ActiveRecord::Migration[7.1]
  class Account < ApplicationRecord
  end

  class AccountConfig < ApplicationRecord
  end

  def change
    Account.find_each do |account|
      config = AccountConfig.find_or_initialize_by(account_id: account.id, key: 'locale')
      next if config.persisted?

      config.value = 'en'
      config.save!
    end
  end
end
`,
    },
    {
      framework: "rails",
      name: "data code re-run on rollback that writes only the column the change adds: the rollback drops it right after (docuseal 20241028162000)",
      code: `class AddSecretToWebhookUrls < ActiveRecord::Migration[7.2]
  class MigrationWebhookUrl < ApplicationRecord
    self.table_name = 'webhook_urls'
  end

  def change
    add_column :webhook_urls, :secret, :text

    MigrationWebhookUrl.all.each do |url|
      url.update_columns(secret: {})
    end

    change_column_null :webhook_urls, :secret, false
  end
end
`,
    },
    {
      framework: "rails",
      name: "data code re-run on rollback that matches no row: where(column: nil) on a column the change made NOT NULL (docuseal 20231122203341)",
      code: `class AddPreferencesToSubmitters < ActiveRecord::Migration[7.0]
  class MigrationSubmitter < ApplicationRecord
    self.table_name = 'submitters'
  end

  def change
    add_column :submitters, :preferences, :text

    MigrationSubmitter.where(preferences: nil).update_all(preferences: '{}')

    change_column_null :submitters, :preferences, false
  end
end
`,
    },
    {
      framework: "rails",
      name: "change: a data step inside up_only runs on the way up only",
      code: `class AddRegionCodeToCounties < ActiveRecord::Migration[7.0]
  def change
    add_column :counties, :region_code, :string
    up_only do
      County.find_each { |county| county.update!(region_code: county.region.strip.upcase) }
    end
  end
end
`,
    },
    {
      framework: "rails",
      name: "change: a data step in reversible's dir.up",
      code: `class AddRegionCodeToCounties < ActiveRecord::Migration[7.0]
  def change
    add_column :counties, :region_code, :string
    reversible { |dir| dir.up { County.update_all("region_code = upper(region)") } }
  end
end
`,
    },
    {
      framework: "rails",
      name: "remove_column with its type: Rails re-adds the column on rollback",
      code: `class RemoveAccessLimited < ActiveRecord::Migration[7.1]
  def change
    safety_assured { remove_column :drafts, :access_limited, :json, default: {} }
  end
end
`,
    },
    {
      framework: "rails",
      name: "drop_table with a block describing the table",
      code: `class DropWeblogs < ActiveRecord::Migration[7.1]
  def change
    drop_table :weblogs do |t|
      t.string :url, null: false
      t.timestamps
    end
  end
end
`,
    },
    {
      framework: "rails",
      name: "execute inside reversible with dir.up and dir.down",
      code: `class AddSearchTrigger < ActiveRecord::Migration[7.1]
  def change
    reversible do |dir|
      dir.up { execute "CREATE EXTENSION IF NOT EXISTS pg_trgm" }
      dir.down { execute "DROP EXTENSION IF EXISTS pg_trgm" }
    end
  end
end
`,
    },
    {
      framework: "rails",
      name: "change: a fill of NULLs through ActiveRecord::Base.connection before change_column_null (dor-services-app 20220422143440): run again on rollback it finds no NULL to fill, the NOT NULL is then dropped, and the old schema holds the filled values: nothing to report",
      code: `class RequireObjectVersions < ActiveRecord::Migration[5.2]
  def change
    ActiveRecord::Base.connection.execute("update object_versions set tag = concat(version::varchar, '.0.0') where tag is null;")
    ActiveRecord::Base.connection.execute("update object_versions set description = concat('Version ', tag) where description is null;")
    change_column_null :object_versions, :tag, false
    change_column_null :object_versions, :description, false
  end
end
`,
    },
    {
      framework: "rails",
      name: "data change wrapped in up_only",
      code: `class BackfillRoles < ActiveRecord::Migration[7.1]
  def change
    up_only { execute "UPDATE users SET role = 'member' WHERE role IS NULL" }
  end
end
`,
    },
    {
      framework: "rails",
      name: "change_column_default with from:/to:, change_column_null, rename, indexes, references",
      code: `class TidyUsers < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def change
    change_column_default :users, :role, from: nil, to: "member"
    change_column_null :users, :role, true
    rename_index :users, "index_users_on_mail", "index_users_on_email"
    add_reference :posts, :editor, index: { algorithm: :concurrently }
    remove_index :users, :nickname, algorithm: :concurrently
  end
end
`,
    },
    { framework: "rails", name: "the seed's quick patch: explicit up and down", code: SEED_QUICK_PATCH },
    {
      framework: "rails",
      name: "a MySQL-only branch never runs on PostgreSQL",
      code: `class ChangeCollationForTagNames < ActiveRecord::Migration[4.2]
  def change
    if ActsAsTaggableOn::Utils.using_mysql?
      execute("ALTER TABLE tags MODIFY name varchar(255) CHARACTER SET utf8 COLLATE utf8_bin;")
    end
  end
end
`,
    },
    {
      framework: "rails",
      name: "change takes precedence over up (as in Rails)",
      code: `class AddFlags < ActiveRecord::Migration[7.1]
  def change
    add_column :users, :flag, :boolean
  end

  def up
    add_column :users, :flag, :boolean
  end
end
`,
    },
  ],
});

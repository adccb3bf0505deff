import { SOLIDUS_TABLES, STORE_CREDIT_BACKFILL, STORE_CREDIT_CLASSES, STORE_CREDIT_LOOP, STORE_CREDIT_PATH } from "../../testing/seed72-fixtures.js";
import { CI_MATRIX_SQLITE_POSTGRES } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "a move in Rails: add_column, tokens copied in with execute UPDATE ... FROM tokens, then drop_table :tokens: the copy stays with the drop of its source, a note on the lock held through it",
      code: `class MoveTokensToEmails < ActiveRecord::Migration[7.0]
  def up
    add_column :emails, :token, :string
    execute "UPDATE emails SET token = tokens.token FROM tokens WHERE tokens.email_id = emails.id"
    drop_table :tokens
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`,
      lines: [4],
      severities: ["info"],
      messages: ["This data change copies values out of tokens, which line 5 then drops: a move, whose copy and drop belong in one transaction, as written."],
    },
    {
      framework: "rails",
      name: "a move through models: each token's value copied onto its email with update_columns, then drop_table :tokens: the same note",
      code: `class MoveTokensToEmails < ActiveRecord::Migration[7.0]
  class Token < ActiveRecord::Base; end
  class Email < ActiveRecord::Base; end

  def up
    add_column :emails, :token, :string
    Token.find_each { |t| Email.where(id: t.email_id).update_all(token: t.token) }
    drop_table :tokens
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`,
      lines: [7],
      severities: ["info"],
      messages: ["which line 8 then drops: a move"],
    },
    {
      framework: "rails",
      name: "ids collected while duplicates are deleted, reindexed after the loop, then a unique index (inaturalist 7512161921 votes): the delete only removes the rows the unique index would reject, and runs before any lock of the migration (the SELECT before it only reads): a note whose fix keeps the migration as written, as a split would let new duplicates in between",
      code: `class AddUniqueIndexToVotes < ActiveRecord::Migration[6.1]
  def up
    observation_ids_to_index = []
    rows = ActiveRecord::Base.connection.execute("SELECT votable_id FROM votes GROUP BY votable_id, voter_id HAVING count(*) > 1")
    rows.each do |r|
      Vote.where(votable_id: r["votable_id"]).order("created_at asc").each_with_index do |vote, index|
        next if index.zero?

        observation_ids_to_index << vote.votable_id
        vote.destroy
      end
    end
    Observation.elastic_index!(ids: observation_ids_to_index, delay: true)

    add_index :votes, [:votable_id, :voter_id], unique: true, name: "index_votes_on_votable_voter"
  end

  def down
    remove_index :votes, name: "index_votes_on_votable_voter"
  end
end
`,
      lines: [5],
      severities: ["info"],
      fixes: [
        `# keep the data change and the add index it prepares in this migration, in this order and in one
# transaction, as written (the whole migration):
class AddUniqueIndexToVotes < ActiveRecord::Migration[6.1]
  def up
    observation_ids_to_index = []
    rows = ActiveRecord::Base.connection.execute("SELECT votable_id FROM votes GROUP BY votable_id, voter_id HAVING count(*) > 1")
    rows.each do |r|
      Vote.where(votable_id: r["votable_id"]).order("created_at asc").each_with_index do |vote, index|
        next if index.zero?

        observation_ids_to_index << vote.votable_id
        vote.destroy
      end
    end
    Observation.elastic_index!(ids: observation_ids_to_index, delay: true)

    add_index :votes, [:votable_id, :voter_id], unique: true, name: "index_votes_on_votable_voter"
  end

  def down
    remove_index :votes, name: "index_votes_on_votable_voter"
  end
end`,
      ],
    },
    {
      framework: "rails",
      name: "the comment above the data change says the table has fewer than 200 rows, and the migration changes courses alone: a note quoting it",
      code: `class AddLevelToCourses < ActiveRecord::Migration[7.1]
  def up
    add_column :courses, :level, :string
    # fewer than 200 rows in production
    execute "UPDATE courses SET level = lower(name)"
  end

  def down
    remove_column :courses, :level
  end
end
`,
      lines: [5],
      severities: ["info"],
      messages: ['Its author says the table is small: "fewer than 200 rows in production" (line 4)'],
    },
    {
      framework: "rails",
      name: "the comment above the data change gives the batch's size, not the table's (\"batches of less than 1000 rows\"): the error stays",
      code: `class AddLevelToCourses < ActiveRecord::Migration[7.1]
  def up
    add_column :courses, :level, :string
    # in batches of less than 1000 rows
    execute "UPDATE courses SET level = lower(name)"
  end

  def down
    remove_column :courses, :level
  end
end
`,
      lines: [5],
      severities: ["error"],
    },
    {
      framework: "rails",
      name: "config/application.rb sets pluralize_table_names = false: Course.update_all writes course, the table line 3 locks",
      path: "db/migrate/20250101000000_add_level_to_course.rb",
      code: `class AddLevelToCourse < ActiveRecord::Migration[8.0]
  def change
    add_column :course, :level, :string
    Course.update_all(level: "secondary")
  end
end
`,
      files: {
        "config/application.rb": "module Publish\n  class Application < Rails::Application\n    config.active_record.pluralize_table_names = false\n  end\nend\n",
        "db/migrate/20240101000000_create_course.rb": "class CreateCourse < ActiveRecord::Migration[8.0]\n  def change\n    create_table :course do |t|\n      t.string :name\n    end\n  end\nend\n",
      },
      lines: [4],
      messages: ["This data change runs in the same transaction as the schema change of course on line 3"],
    },
    {
      framework: "rails",
      name: "add_column, update_all of one constant on every row, change_column_null: a warning whose fix adds the column null: false with the constant as default, then drops the default (the column had none)",
      code: `class AddPositionToFields < ActiveRecord::Migration[7.1]
  def change
    add_column :fields, :position, :float
    Field.update_all(position: 0)
    change_column_null :fields, :position, false
  end
end
`,
      lines: [4],
      severities: ["warning"],
      messages: ["the UPDATE rewrites every row of fields under the ACCESS EXCLUSIVE lock of line 3"],
      fixes: [
        `# fields.position: added NOT NULL with the backfill's constant as its default, which gives every row the value without a
# rewrite and the NOT NULL without a scan (PostgreSQL 11+); the UPDATE and the separate NOT NULL go:
class AddPositionToFields < ActiveRecord::Migration[7.1]
  def change
    add_column :fields, :position, :float, null: false, default: 0
    # position had no default as written: dropped again, so the table ends as the migration left it (delete this line to keep it, if code that does not set position inserts rows)
    change_column_default :fields, :position, from: 0, to: nil
  end
end`,
      ],
    },
    {
      framework: "rails",
      name: "the same through execute and a where(col: nil) of the new column: the constant comes from the SQL",
      code: `class AddStatusToOrders < ActiveRecord::Migration[7.1]
  def up
    add_column :orders, :status, :string
    execute "UPDATE orders SET status = 'open' WHERE status IS NULL"
    change_column_null :orders, :status, false
  end

  def down
    remove_column :orders, :status
  end
end
`,
      lines: [4],
      severities: ["warning"],
      fixes: [
        `# orders.status: added NOT NULL with the backfill's constant as its default, which gives every row the value without a
# rewrite and the NOT NULL without a scan (PostgreSQL 11+); the UPDATE and the separate NOT NULL go:
class AddStatusToOrders < ActiveRecord::Migration[7.1]
  def up
    add_column :orders, :status, :string, null: false, default: "open"
    # status had no default as written: dropped again, so the table ends as the migration left it (delete this line to keep it, if code that does not set status inserts rows)
    change_column_default :orders, :status, from: "open", to: nil
  end

  def down
    remove_column :orders, :status
  end
end`,
      ],
    },
    {
      framework: "rails",
      name: "Model.where(col: nil).update_all(col: true) on the new column: every row, a constant: the warning",
      code: `class AddActiveToUsers < ActiveRecord::Migration[7.1]
  def up
    add_column :users, :active, :boolean
    User.where(active: nil).update_all(active: true)
    change_column_null :users, :active, false
  end

  def down
    remove_column :users, :active
  end
end
`,
      lines: [4],
      severities: ["warning"],
    },
    {
      framework: "rails",
      name: "update_all with a value per row (SQL that reads another column), then change_column_null: the keep-together note stays",
      code: `class AddRankToFields < ActiveRecord::Migration[7.1]
  def up
    add_column :fields, :rank, :integer
    Field.update_all("rank = position")
    change_column_null :fields, :rank, false
  end

  def down
    remove_column :fields, :rank
  end
end
`,
      lines: [4],
      severities: ["info"],
    },
    {
      framework: "rails",
      name: "the same in a project whose CI matrix also runs SQLite: the CHECK ... NOT VALID way is said to be for a PostgreSQL installation's large table",
      code: `class RemoveEmptyPod < ActiveRecord::Migration[5.1]
  def up
    Pod.where(host: nil).delete_all
    change_column_null :pods, :host, false
  end

  def down
    change_column_null :pods, :host, true
  end
end
`,
      files: CI_MATRIX_SQLITE_POSTGRES,
      lines: [3],
      severities: ["info"],
      fixes: [
        `# keep the data change and the set not null it prepares in this migration, in this order and in one
# transaction, as written (the whole migration); on a large table of a PostgreSQL installation, take the NOT NULL as set-not-null shows (a CHECK ... NOT VALID, then VALIDATE), after the data change:
class RemoveEmptyPod < ActiveRecord::Migration[5.1]
  def up
    Pod.where(host: nil).delete_all
    change_column_null :pods, :host, false
  end

  def down
    change_column_null :pods, :host, true
  end
end`,
      ],
    },
    {
      framework: "rails",
      name: "NULL rows deleted right before NOT NULL on the same table (diaspora's remove_empty_pod): the delete prepares the NOT NULL, so no split, a note whose fix is the whole migration as written (the down included), every statement once",
      code: `class RemoveEmptyPod < ActiveRecord::Migration[5.1]
  def up
    Pod.where(host: nil).delete_all
    change_column_null :pods, :host, false
  end

  def down
    change_column_null :pods, :host, true
  end
end
`,
      lines: [3],
      severities: ["info"],
      fixes: [
        `# keep the data change and the set not null it prepares in this migration, in this order and in one
# transaction, as written (the whole migration); on a large table, take the NOT NULL as set-not-null shows (a CHECK ... NOT VALID, then VALIDATE), after the data change:
class RemoveEmptyPod < ActiveRecord::Migration[5.1]
  def up
    Pod.where(host: nil).delete_all
    change_column_null :pods, :host, false
  end

  def down
    change_column_null :pods, :host, true
  end
end`,
      ],
    },
    {
      framework: "rails",
      name: "a data change under an if whose condition assigns the local it reads (active_storage's service_name), then NOT NULL on the column it fills: kept in one migration, and the fix is the whole migration as written (the unless around the add_column, the if), every statement once",
      code: `class AddServiceNameToBlobs < ActiveRecord::Migration[6.0]
  def up
    unless column_exists?(:active_storage_blobs, :service_name)
      add_column :active_storage_blobs, :service_name, :string

      if configured_service = ActiveStorage::Blob.service.name
        ActiveStorage::Blob.unscoped.update_all(service_name: configured_service)
      end

      change_column :active_storage_blobs, :service_name, :string, null: false
    end
  end
end
`,
      lines: [7],
      severities: ["info"],
      fixes: [
        `# keep the backfill of active_storage_blobs.service_name and the statements after it in this migration, in one transaction, as written (the whole migration):
# line 10 makes service_name NOT NULL: it needs every row filled.
# Split into migrations, rows the running code writes after the backfill get no service_name (that code does not know
# the column), and line 10 then fails on them or loses their values.
# On a table too large to lock for the backfill, split only with every write covered until the swap: a trigger on active_storage_blobs
# that sets service_name on INSERT and UPDATE as the backfill does, created before the backfill and dropped with the swap.
class AddServiceNameToBlobs < ActiveRecord::Migration[6.0]
  def up
    unless column_exists?(:active_storage_blobs, :service_name)
      add_column :active_storage_blobs, :service_name, :string

      if configured_service = ActiveStorage::Blob.service.name
        ActiveStorage::Blob.unscoped.update_all(service_name: configured_service)
      end

      change_column :active_storage_blobs, :service_name, :string, null: false
    end
  end
end`,
      ],
    },
    {
      framework: "rails",
      name: "a data change kept with the schema change it prepares reads a local assigned earlier in the same branch: the code shown is the whole migration, the assignment and the if around it included",
      code: `class AddLanguageToGroups < ActiveRecord::Migration[8.0]
  def up
    if column_exists? :groups, :language
      available = %w[de fr it]
      Group.where.not(language: available).update_all(language: "de")
      change_column :groups, :language, :string, default: "de", null: false
    end
  end
end
`,
      lines: [5],
      severities: ["info"],
      fixes: [
        `# keep the data change and the alter column type it prepares in this migration, in this order and in one
# transaction, as written (the whole migration):
class AddLanguageToGroups < ActiveRecord::Migration[8.0]
  def up
    if column_exists? :groups, :language
      available = %w[de fr it]
      Group.where.not(language: available).update_all(language: "de")
      change_column :groups, :language, :string, default: "de", null: false
    end
  end
end`,
      ],
    },
    {
      framework: "rails",
      name: "a data change in a helper method that up calls once (the relation it deletes held in a local, read as the table it prepares the drop of): the code shown is the whole migration, the helper that up calls kept as written (its parameter bound by the call, every statement once)",
      code: `class DropDownloads < ActiveRecord::Migration[8.0]
  def up
    purge_attachments("Download")

    drop_table :downloads
  end

  private

  def purge_attachments(record_type)
    attachments = Download.where(kind: record_type)

    attachments.in_batches do |batch|
      batch.delete_all
    end
  end
end
`,
      lines: [13],
      severities: ["info"],
      fixes: [
        `# keep the data change and the drop table it prepares in this migration, in this order and in one
# transaction, as written (the whole migration):
class DropDownloads < ActiveRecord::Migration[8.0]
  def up
    purge_attachments("Download")

    drop_table :downloads
  end

  private

  def purge_attachments(record_type)
    attachments = Download.where(kind: record_type)

    attachments.in_batches do |batch|
      batch.delete_all
    end
  end
end`,
      ],
    },
    {
      framework: "rails",
      name: "an UPDATE assigned to a local, then run by execute(sql): both statements move to migration 2 (migration 1 would read a local it no longer assigns)",
      code: `class AddScoreToPosts < ActiveRecord::Migration[7.1]
  def up
    add_column :posts, :score, :integer, default: 0, null: false
    sql = <<-SQL
      UPDATE posts SET score = 1 WHERE published
    SQL
    execute(sql)
  end

  def down
    remove_column :posts, :score
  end
end
`,
      lines: [5],
      fixes: [
        `# migration 1, db/migrate/20240101000000_case.rb as it becomes: without the data change
class AddScoreToPosts < ActiveRecord::Migration[7.1]
  def up
    add_column :posts, :score, :integer, default: 0, null: false
  end

  def down
    remove_column :posts, :score
  end
end

# migration 2, new file db/migrate/20240101000001_backfill_posts.rb: the data change, once migration 1 is deployed (rolling back migration 1 drops what this fills; on a large table, in batches)
# until migration 2 has run, posts.score holds only its default: deploy the code that reads it after migration 2, not with migration 1
class BackfillPosts < ActiveRecord::Migration[7.1]
  def up
    sql = <<-SQL
      UPDATE posts SET score = 1 WHERE published
    SQL
    execute(sql)
  end

  def down
    # nothing to undo: rolling back migration 1 drops posts.score, which this fills
  end
end`,
      ],
    },
    {
      framework: "rails",
      name: "a backfill that reads the migration's stub model and a local: migration 2 carries the stub class and the local, which migration 1 no longer computes",
      code: `class FillSlugs < ActiveRecord::Migration[7.1]
  class Post < ActiveRecord::Base
    self.table_name = "posts"
  end

  def up
    add_column :posts, :slug, :string
    prefix = "post-"
    Post.find_each { |post| post.update_columns(slug: prefix + post.id.to_s) }
  end

  def down
    remove_column :posts, :slug
  end
end
`,
      lines: [9],
      fixes: ["# migration 1, db/migrate/20240101000000_case.rb as it becomes: without the data change\nclass FillSlugs < ActiveRecord::Migration[7.1]\n  class Post < ActiveRecord::Base\n    self.table_name = \"posts\"\n  end\n\n  def up\n    add_column :posts, :slug, :string\n  end\n\n  def down\n    remove_column :posts, :slug\n  end\nend\n\n# migration 2, new file db/migrate/20240101000001_backfill_posts.rb: the data change, once migration 1 is deployed (rollback does not bring the old values back: keep a copy first if they may be needed; on a large table, in batches)\nclass BackfillPosts < ActiveRecord::Migration[7.1]\n  disable_ddl_transaction!\n\n  class Post < ActiveRecord::Base\n    self.table_name = \"posts\"\n  end\n\n  def up\n    prefix = \"post-\"\n    Post.find_each { |post| post.update_columns(slug: prefix + post.id.to_s) }\n  end\n\n  def down\n    # the values this data change overwrote stay as they are: the migration's own down did not put them back either\n  end\nend"],
    },
    {
      framework: "rails",
      name: "a backfill over a Hash filled before it from the comments (fat_free_crm's add_subscribed_users_to_entities): the loop that fills the Hash moves with the backfill into migration 2, which would otherwise loop over an empty Hash, and leaves migration 1",
      code: `class AddSubscribedUsersToAccounts < ActiveRecord::Migration[7.1]
  def change
    add_column :accounts, :subscribed_users, :text

    subscribers = Hash.new([])
    Comment.find_each do |comment|
      subscribers[comment.account_id] += [comment.user_id]
    end

    subscribers.each do |account_id, user_ids|
      execute "UPDATE accounts SET subscribed_users = '#{user_ids.join(",")}' WHERE id = #{account_id}"
    end
  end
end
`,
      lines: [10],
      fixes: ["# migration 1, db/migrate/20240101000000_case.rb as it becomes: without the data change\nclass AddSubscribedUsersToAccounts < ActiveRecord::Migration[7.1]\n  def change\n    add_column :accounts, :subscribed_users, :text\n  end\nend\n\n# migration 2, new file db/migrate/20240101000001_backfill_data.rb: the data change, once migration 1 is deployed (rollback does not bring the old values back: keep a copy first if they may be needed; on a large table, in batches)\nclass BackfillData < ActiveRecord::Migration[7.1]\n  def up\n    subscribers = Hash.new([])\n    Comment.find_each do |comment|\n      subscribers[comment.account_id] += [comment.user_id]\n    end\n    subscribers.each do |account_id, user_ids|\n      execute \"UPDATE accounts SET subscribed_users = '#{user_ids.join(\",\")}' WHERE id = #{account_id}\"\n    end\n  end\n\n  def down\n    raise ActiveRecord::IrreversibleMigration, \"the values this data change overwrote are not kept: restore them from a copy\"\n  end\nend"],
    },
    {
      framework: "rails",
      name: "add_column, UPDATE, then add_column of another table and its UPDATE (feeder's add_prx_updated_at): both add_columns stay in migration 1, whose down drops both, and migration 2 holds the two UPDATEs alone",
      code: `class AddSourceUpdatedAt < ActiveRecord::Migration[7.1]
  def up
    add_column :podcasts, :source_updated_at, :datetime
    execute "UPDATE podcasts SET source_updated_at = updated_at"

    add_column :episodes, :source_updated_at, :datetime
    execute "UPDATE episodes SET source_updated_at = updated_at"
  end

  def down
    remove_column :podcasts, :source_updated_at
    remove_column :episodes, :source_updated_at
  end
end
`,
      lines: [4],
      fixes: ["# migration 1, db/migrate/20240101000000_case.rb as it becomes: without the data change\nclass AddSourceUpdatedAt < ActiveRecord::Migration[7.1]\n  def up\n    add_column :podcasts, :source_updated_at, :datetime\n\n    add_column :episodes, :source_updated_at, :datetime\n  end\n\n  def down\n    remove_column :podcasts, :source_updated_at\n    remove_column :episodes, :source_updated_at\n  end\nend\n\n# migration 2, new file db/migrate/20240101000001_backfill_podcasts.rb: the data change, once migration 1 is deployed (rolling back migration 1 drops what this fills; on a large table, in batches)\n# until migration 2 has run, podcasts.source_updated_at, episodes.source_updated_at hold only their defaults: deploy the code that reads them after migration 2, not with migration 1\nclass BackfillPodcasts < ActiveRecord::Migration[7.1]\n  def up\n    execute \"UPDATE podcasts SET source_updated_at = updated_at\"\n    execute \"UPDATE episodes SET source_updated_at = updated_at\"\n  end\n\n  def down\n    # nothing to undo: rolling back migration 1 drops podcasts.source_updated_at, episodes.source_updated_at, which this fills\n  end\nend"],
    },
    {
      framework: "rails",
      name: "a written self.down and schema changes after the backfill (fat_free_crm's authlogic_to_devise): migration 3 gets the statements of the down that undo its renames and removal, and a remove_index for its index; migration 1's down keeps only what undoes its own add_column",
      code: `class AuthlogicToDevise < ActiveRecord::Migration[7.1]
  def self.up
    add_column :users, :confirmed_at, :timestamp
    execute "UPDATE users SET confirmed_at = created_at"

    rename_column :users, :password_hash, :encrypted_password
    remove_column :users, :persistence_token
    add_index :users, :confirmed_at
  end

  def self.down
    add_column :users, :persistence_token, :string
    rename_column :users, :encrypted_password, :password_hash
    remove_column :users, :confirmed_at
  end
end
`,
      lines: [4],
      fixes: ["# migration 1, db/migrate/20240101000000_case.rb as it becomes: without the data change and the statements after it\nclass AuthlogicToDevise < ActiveRecord::Migration[7.1]\n  def self.up\n    add_column :users, :confirmed_at, :timestamp\n  end\n\n  def self.down\n    remove_column :users, :confirmed_at\n  end\nend\n\n# migration 2, new file db/migrate/20240101000001_backfill_users.rb: the data change, once migration 1 is deployed (rolling back migration 1 drops what this fills; on a large table, in batches)\n# until migration 2 has run, users.confirmed_at holds only its default: deploy the code that reads it after migration 2, not with migration 1\nclass BackfillUsers < ActiveRecord::Migration[7.1]\n  def up\n    execute \"UPDATE users SET confirmed_at = created_at\"\n  end\n\n  def down\n    # nothing to undo: rolling back migration 1 drops users.confirmed_at, which this fills\n  end\nend\n\n# migration 3, new file db/migrate/20240101000002_after_backfill_users.rb: the statements after the data change, once migration 2 has run (they need it done; its down undoes them)\nclass AfterBackfillUsers < ActiveRecord::Migration[7.1]\n  def up\n    rename_column :users, :password_hash, :encrypted_password\n    remove_column :users, :persistence_token\n    add_index :users, :confirmed_at\n  end\n\n  def down\n    remove_index :users, name: \"index_users_on_confirmed_at\"\n    add_column :users, :persistence_token, :string\n    rename_column :users, :encrypted_password, :password_hash\n  end\nend"],
    },
    {
      framework: "rails",
      name: "an UPDATE whose table Ruby interpolates (human-essentials' move_partner_for_families): the moved data migration keeps the execute as written, #{...} and all",
      path: "db/migrate/20250201000000_move_partner_for_families.rb",
      code: `class MovePartnerForFamilies < ActiveRecord::Migration[7.1]
  def up
    add_column :families, :old_partner_id, :bigint
    execute "UPDATE #{Partners::Family.table_name} SET old_partner_id = partner_id"
  end

  def down
    remove_column :families, :old_partner_id
  end
end
`,
      files: {
        "db/migrate/20250101000000_create_families.rb": "class CreateFamilies < ActiveRecord::Migration[7.1]\n  def change\n    create_table :families do |t|\n      t.bigint :partner_id\n    end\n  end\nend\n",
      },
      lines: [4],
      fixes: ["# migration 1, db/migrate/20250201000000_move_partner_for_families.rb as it becomes: without the data change\nclass MovePartnerForFamilies < ActiveRecord::Migration[7.1]\n  def up\n    add_column :families, :old_partner_id, :bigint\n  end\n\n  def down\n    remove_column :families, :old_partner_id\n  end\nend\n\n# migration 2, new file db/migrate/20250201000001_backfill_data.rb: the data change, once migration 1 is deployed (rollback does not bring the old values back: keep a copy first if they may be needed; on a large table, in batches)\nclass BackfillData < ActiveRecord::Migration[7.1]\n  def up\n    execute \"UPDATE #{Partners::Family.table_name} SET old_partner_id = partner_id\"\n  end\n\n  def down\n    # the values this data change overwrote stay as they are: the migration's own down did not put them back either\n  end\nend"],
    },
    {
      framework: "rails",
      name: "the data change reads the table dropped afterwards (through its model): the drop waits for it, in the same transaction",
      code: `class MoveDiscrepancies < ActiveRecord::Migration[7.0]
  def up
    InventoryDiscrepancy.find_each { |d| Event.create!(kind: "discrepancy", data: d.attributes) }
    drop_table :inventory_discrepancies
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`,
      lines: [3],
    },
    {
      framework: "rails",
      name: "rename_table beside an update_all of a _type column to a class that is not the renamed table's: reported",
      code: `class RenameTransactionsTable < ActiveRecord::Migration[7.2]
  def up
    rename_table :transactions, :account_transactions
    Tagging.where(taggable_type: "Transaction").update_all(taggable_type: "Entry")
  end

  def down
    rename_table :account_transactions, :transactions
  end
end
`,
      lines: [4],
    },
    {
      framework: "rails",
      name: "MySQL: no transactional DDL, so a failed backfill leaves the column added and the migration unrecorded",
      config: { database: "mysql" },
      code: `class AddAndFillState < ActiveRecord::Migration[7.1]
  def up
    add_column :orders, :state, :string
    execute "UPDATE orders SET state = 'open'"
  end

  def down
    remove_column :orders, :state
  end
end
`,
      lines: [4],
    },
    {
      framework: "rails",
      name: "backfill with update_all in the migration that adds the column (same transaction: error)",
      code: `class AddStatusToOrders < ActiveRecord::Migration[7.1]
  def up
    add_column :orders, :status, :string
    Order.reset_column_information
    Order.update_all(status: "open")
  end

  def down
    remove_column :orders, :status
  end
end
`,
      lines: [5],
    },
    {
      framework: "rails",
      name: "UPDATE through connection.execute after change_column_null's table lock",
      code: `class TimestampVotes < ActiveRecord::Migration[7.1]
  def up
    add_column :votes, :updated_at, :datetime, null: true
    ActiveRecord::Base.connection.execute("UPDATE votes SET updated_at = created_at WHERE updated_at IS NULL")
    change_column_null :votes, :updated_at, false
  end

  def down
    remove_column :votes, :updated_at
  end
end
`,
      lines: [4],
      // the NOT NULL after it needs every row filled: kept as written, a note that says what the lock costs
      severities: ["info"],
      messages: ["This backfill of votes.updated_at runs in one transaction with what needs it to cover every row (line 5, which makes updated_at NOT NULL), as it must: split apart, rows the running code writes in between get no updated_at, and that statement then fails on them or loses their values. Kept as written, votes stays locked (the ACCESS EXCLUSIVE lock of line 3) until the backfill has written every row"],
    },
    {
      framework: "rails",
      name: "a find_each loop that writes, next to a schema change",
      code: `class NormalizeEmails < ActiveRecord::Migration[7.1]
  def up
    add_index :users, :email_normalized, algorithm: :concurrently
    User.find_each { |user| user.update_column(:email_normalized, user.email.downcase) }
  end

  def down
    remove_index :users, :email_normalized
  end
end
`,
      lines: [4],
    },
    {
      framework: "rails",
      name: "deduplicating rows so a unique index can be built, outside the DDL transaction (a note: no lock is held across the data change)",
      code: `class AddUniqueIndexOnAccountsUri < ActiveRecord::Migration[8.1]
  disable_ddl_transaction!

  class Account < ApplicationRecord; end

  def up
    add_index :accounts, :uri, algorithm: :concurrently, unique: true
  rescue ActiveRecord::RecordNotUnique
    remove_index :accounts, name: :index_accounts_on_uri, algorithm: :concurrently
    Account.where(uri: duplicates).delete_all
    retry
  end

  def down
    remove_index :accounts, name: :index_accounts_on_uri
  end
end
`,
      lines: [10],
      severities: ["info"],
      messages: ["outside a transaction (disable_ddl_transaction!): each statement commits on its own, so no lock outlives its statement"],
    },
    {
      framework: "rails",
      name: "an UPDATE before add_column in one transaction: its row locks are held until commit while add_column waits for the table lock",
      code: `class EndTrials < ActiveRecord::Migration[7.1]
  def up
    execute "UPDATE accounts SET plan = 'free' WHERE plan = 'trial'"
    add_column :accounts, :trial_ended_at, :datetime
  end

  def down
    remove_column :accounts, :trial_ended_at
  end
end
`,
      lines: [3],
      messages: ["runs before the schema change of line 4, in the same transaction: the rows it writes stay locked until the commit, while the schema change then waits for its ACCESS EXCLUSIVE lock on accounts"],
    },
    {
      framework: "rails",
      name: "a find_each backfill whose updates a second run redoes alike (values from other columns, a second table's too): migration 2 runs outside a transaction, so no row stays locked until the end",
      code: `class AddDiagnosisTimestamps < ActiveRecord::Migration[6.1]
  def up
    add_column :medical_histories, :htn_diagnosed_at, :datetime

    MedicalHistory.includes(:patient).find_each(batch_size: 1000) do |mh|
      mh.update_columns(htn_diagnosed_at: mh.device_created_at)
      mh.patient.update_columns(diagnosed_confirmed_at: mh.device_created_at) if mh.patient
    end
  end

  def down
    remove_column :medical_histories, :htn_diagnosed_at
  end
end
`,
      lines: [5],
      fixes: ["# migration 1, db/migrate/20240101000000_case.rb as it becomes: without the data change\nclass AddDiagnosisTimestamps < ActiveRecord::Migration[6.1]\n  def up\n    add_column :medical_histories, :htn_diagnosed_at, :datetime\n  end\n\n  def down\n    remove_column :medical_histories, :htn_diagnosed_at\n  end\nend\n\n# migration 2, new file db/migrate/20240101000001_backfill_medical_histories.rb: the data change, once migration 1 is deployed (rollback does not bring the old values back: keep a copy first if they may be needed; on a large table, in batches)\nclass BackfillMedicalHistories < ActiveRecord::Migration[6.1]\n  disable_ddl_transaction!\n\n  def up\n    MedicalHistory.includes(:patient).find_each(batch_size: 1000) do |mh|\n      mh.update_columns(htn_diagnosed_at: mh.device_created_at)\n      mh.patient.update_columns(diagnosed_confirmed_at: mh.device_created_at) if mh.patient\n    end\n  end\n\n  def down\n    # the values this data change overwrote stay as they are: the migration's own down did not put them back either\n  end\nend"],
    },
    {
      framework: "rails",
      name: "a foreign key re-added after the rows are re-pointed (its table named at run time): it waits for the data change, in migration 3",
      code: `class RepointOrdersToAccounts < ActiveRecord::Migration[7.1]
  def up
    table_name = Order.table_name
    remove_foreign_key :orders, :customers
    Order.find_each do |order|
      order.update!(customer_id: Account.find_by!(legacy_customer_id: order.customer_id).id)
    end
    add_foreign_key table_name, :accounts, column: :customer_id
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`,
      lines: [5],
      fixes: ["# migration 1, db/migrate/20240101000000_case.rb as it becomes: without the data change and the statements after it\nclass RepointOrdersToAccounts < ActiveRecord::Migration[7.1]\n  def up\n    remove_foreign_key :orders, :customers\n  end\n\n  def down\n    raise ActiveRecord::IrreversibleMigration\n  end\nend\n\n# migration 2, new file db/migrate/20240101000001_backfill_orders.rb: the data change, once migration 1 is deployed (rollback does not bring the old values back: keep a copy first if they may be needed; on a large table, in batches)\nclass BackfillOrders < ActiveRecord::Migration[7.1]\n  def up\n    Order.find_each do |order|\n      order.update!(customer_id: Account.find_by!(legacy_customer_id: order.customer_id).id)\n    end\n  end\n\n  def down\n    raise ActiveRecord::IrreversibleMigration, \"the values this data change overwrote are not kept: restore them from a copy\"\n  end\nend\n\n# migration 3, new file db/migrate/20240101000002_after_backfill_orders.rb: the statements after the data change, once migration 2 has run (they need it done; rolling back migration 1 undoes them)\nclass AfterBackfillOrders < ActiveRecord::Migration[7.1]\n  def up\n    table_name = Order.table_name\n    add_foreign_key table_name, :accounts, column: :customer_id\n  end\nend"],
    },
    {
      framework: "rails",
      name: "an UPDATE in a heredoc Ruby interpolates, then an index: the moved execute keeps the heredoc's body",
      code: `class AddConfirmableToPeople < ActiveRecord::Migration[6.1]
  def up
    add_column :people, :confirmed_at, :datetime
    execute <<-SQL
      UPDATE people
      SET confirmed_at = '#{Time.now.utc}'
    SQL
    add_index :people, :confirmed_at
  end

  def down
    remove_column :people, :confirmed_at
  end
end
`,
      lines: [5],
      fixes: ["# migration 1, db/migrate/20240101000000_case.rb as it becomes: without the data change and the statements after it\nclass AddConfirmableToPeople < ActiveRecord::Migration[6.1]\n  def up\n    add_column :people, :confirmed_at, :datetime\n  end\n\n  def down\n    remove_column :people, :confirmed_at\n  end\nend\n\n# migration 2, new file db/migrate/20240101000001_backfill_people.rb: the data change, once migration 1 is deployed (rolling back migration 1 drops what this fills; on a large table, in batches)\n# until migration 2 has run, people.confirmed_at holds only its default: deploy the code that reads it after migration 2, not with migration 1\nclass BackfillPeople < ActiveRecord::Migration[6.1]\n  def up\n    execute <<-SQL\n      UPDATE people\n      SET confirmed_at = '#{Time.now.utc}'\n    SQL\n  end\n\n  def down\n    # nothing to undo: rolling back migration 1 drops people.confirmed_at, which this fills\n  end\nend\n\n# migration 3, new file db/migrate/20240101000002_after_backfill_people.rb: the statements after the data change, once migration 2 has run (they need it done; its down undoes them)\nclass AfterBackfillPeople < ActiveRecord::Migration[6.1]\n  def up\n    add_index :people, :confirmed_at\n  end\n\n  def down\n    remove_index :people, name: \"index_people_on_confirmed_at\"\n  end\nend"],
    },
    {
      framework: "rails",
      name: "select_rows of a SELECT over a data-modifying WITH (DELETE ... RETURNING): the DELETE is a data change, not a read",
      code: `class AddRevokedAtToSessions < ActiveRecord::Migration[7.1]
  def up
    add_column :sessions, :revoked_at, :datetime
    select_rows("WITH expired AS (DELETE FROM sessions WHERE expires_at < now() RETURNING id) SELECT id FROM expired").each { |row| say row.first.to_s }
  end

  def down
    remove_column :sessions, :revoked_at
  end
end
`,
      lines: [4],
    },
    {
      framework: "rails",
      name: "content-tagger 20160815093345: every tag mapping deleted, then a NOT NULL column without a default (added only to an empty table) and another column: the delete prepares the ADD COLUMN, the keep-together note, not a split",
      code: `class AddStateAndMessageToTagMappings < ActiveRecord::Migration[4.2]
  def change
    BulkTagging::TagMapping.delete_all
    add_column :tag_mappings, :state, :string, null: false
    add_column :tag_mappings, :message, :string
  end
end
`,
      lines: [3],
      severities: ["info"],
      messages: ["This data change prepares the schema change of line 4 (add column on tag_mappings)"],
    },
    {
      framework: "rails",
      name: "an update_all of another column before a unique index on other columns: it makes no row fit the index, a real data change whose finding stays",
      code: `class AddUniqueIndexToTagMappings < ActiveRecord::Migration[4.2]
  def change
    BulkTagging::TagMapping.update_all(message: nil)
    add_index :tag_mappings, [:content_base_path, :link_content_id], unique: true
  end
end
`,
      lines: [3],
      severities: ["warning"],
    },
    {
      framework: "rails",
      name: "an ORM dedupe (Vote.group(:votable_id, :voter_id).having(\"count(*) > 1\"), all but the first of each group destroyed), then a unique index on those columns: it prepares the index, the keep-together note",
      code: `class AddUniqueIndexToVotes < ActiveRecord::Migration[7.1]
  class Vote < ActiveRecord::Base; end

  def up
    Vote.group(:votable_id, :voter_id).having("count(*) > 1").pluck(:votable_id, :voter_id).each do |votable_id, voter_id|
      Vote.where(votable_id: votable_id, voter_id: voter_id).order(:id).offset(1).destroy_all
    end
    add_index :votes, [:votable_id, :voter_id], unique: true
  end

  def down
    remove_index :votes, [:votable_id, :voter_id]
  end
end
`,
      lines: [5],
      severities: ["info"],
      messages: ["This data change prepares the schema change of line 8 (add index on votes)"],
    },
    {
      framework: "rails",
      name: "an ORM dedupe keeping min(id) of each group (where.not(id: Vote.group(\"votable_id, voter_id\").select(\"min(id)\")).delete_all) in change, then the unique index on those columns: the keep-together note",
      code: `class DedupeVotes < ActiveRecord::Migration[7.1]
  class Vote < ActiveRecord::Base; end

  def change
    Vote.where.not(id: Vote.group("votable_id, voter_id").select("min(id)")).delete_all
    add_index :votes, [:votable_id, :voter_id], unique: true
  end
end
`,
      lines: [5],
      severities: ["info"],
      messages: ["This data change prepares the schema change of line 6 (add index on votes)"],
    },
    {
      framework: "rails",
      name: "an ORM dedupe grouped by another column (kind) than the unique index after it: it makes no room for the index, the warning stays",
      code: `class DedupeVotes < ActiveRecord::Migration[7.1]
  class Vote < ActiveRecord::Base; end

  def change
    Vote.where.not(id: Vote.group(:kind).select("min(id)")).delete_all
    add_index :votes, [:votable_id, :voter_id], unique: true
  end
end
`,
      lines: [5],
      severities: ["warning"],
      messages: ["This data change runs before the schema change of line 6, in the same transaction"],
    },
    {
      framework: "rails",
      name: "an ORM dedupe grouped by more columns than the unique index (votable_id, voter_id, kind): two votes alike on the key but not on kind both stay, so it does not prepare the index, the warning stays",
      code: `class AddUniqueIndexToVotes < ActiveRecord::Migration[7.1]
  class Vote < ActiveRecord::Base; end

  def up
    duplicates = Vote.group(:votable_id, :voter_id, :kind).having("count(*) > 1").count
    duplicates.each do |(votable_id, voter_id, kind), count|
      Vote.where(votable_id: votable_id, voter_id: voter_id, kind: kind).order(:id).limit(count - 1).delete_all
    end
    add_index :votes, [:votable_id, :voter_id], unique: true
  end

  def down
    remove_index :votes, [:votable_id, :voter_id]
  end
end
`,
      lines: [6],
      severities: ["warning"],
      messages: ["This data change runs before the schema change of line 9, in the same transaction"],
    },
    {
      framework: "rails",
      name: "solidus 20180322142651: the backfill reads a local model's association (StoreCredit has_many :store_credit_events) and a scope of the local class it names (StoreCreditEvent.chronological): the split-out migration copies both classes",
      path: STORE_CREDIT_PATH,
      files: SOLIDUS_TABLES,
      code: STORE_CREDIT_BACKFILL,
      lines: [19],
      fixes: [
        `# migration 1, db/migrate/20180322142651_add_amount_remaining_to_store_credit_events.rb as it becomes: without the data change
class AddAmountRemainingToStoreCreditEvents < ActiveRecord::Migration[5.0]
${STORE_CREDIT_CLASSES}
  def up
    add_column :spree_store_credit_events, :amount_remaining, :decimal, precision: 8, scale: 2, default: nil, null: true
  end

  def down
    remove_column :spree_store_credit_events, :amount_remaining
  end
end

# migration 2, new file db/migrate/20180322142652_backfill_spree_store_credits.rb: the data change, once migration 1 is deployed (rollback does not bring the old values back: keep a copy first if they may be needed; on a large table, in batches)
class BackfillSpreeStoreCredits < ActiveRecord::Migration[5.0]
  disable_ddl_transaction!

${STORE_CREDIT_CLASSES}
  def up
${STORE_CREDIT_LOOP}  end

  def down
    # the values this data change overwrote stay as they are: the migration's own down did not put them back either
  end
end`,
      ],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "the ORM's duplicate read (group(:votable_id, :voter_id).having(\"count(*) > 1\").exists?) only refuses to run before the unique index: it deletes nothing, no data change",
      code: `class AddUniqueIndexToVotes < ActiveRecord::Migration[7.1]
  class Vote < ActiveRecord::Base; end

  def up
    raise "duplicate votes: remove them first" if Vote.group(:votable_id, :voter_id).having("count(*) > 1").exists?
    add_index :votes, [:votable_id, :voter_id], unique: true
  end

  def down
    remove_index :votes, [:votable_id, :voter_id]
  end
end
`,
    },
    {
      framework: "rails",
      name: "every schema change is on a table created here: the data change's lock is only its own",
      code: `class ArchiveUsers < ActiveRecord::Migration[7.1]
  def change
    create_table :archived_users do |t|
      t.string :name
    end
    add_index :archived_users, :name
    execute "INSERT INTO archived_users (id, name) SELECT id, name FROM users WHERE archived"
    execute "DELETE FROM users WHERE archived"
  end
end
`,
    },
    {
      framework: "rails",
      name: "the update is on a table add_column null: false without a default proves empty",
      code: `class AddTenantToOrders < ActiveRecord::Migration[7.1]
  def up
    add_column :orders, :tenant_id, :integer, null: false
    execute "UPDATE orders SET tenant_id = 1"
  end

  def down
    remove_column :orders, :tenant_id
  end
end
`,
    },
    {
      framework: "rails",
      name: "the only schema change drops a table the data change does not touch: its lock is on the dropped table alone",
      code: `class ClearEventsOnceAgain < ActiveRecord::Migration[7.0]
  def change
    execute('drop table inventory_discrepancies')
    Event.delete_all
    Organization.all.each do |org|
      SnapshotEvent.publish(org)
    end
  end
end
`,
    },
    {
      framework: "rails",
      name: "rename_table with the polymorphic taggable_type renamed from the old class to the new one: atomic with the rename, not a data change to split",
      code: `class RenameTransactionsTable < ActiveRecord::Migration[7.2]
  def change
    rename_table :transactions, :account_transactions

    reversible do |dir|
      dir.up do
        Tagging.where(taggable_type: 'Transaction').update_all(taggable_type: "Account::Transaction")
      end

      dir.down do
        Tagging.where(taggable_type: 'Account::Transaction').update_all(taggable_type: "Transaction")
      end
    end
  end
end
`,
    },
    {
      framework: "rails",
      name: "a loop over old rows that only creates rows of a table created here: seeding it is part of creating it",
      code: `class CreateUserRoles < ActiveRecord::Migration[7.1]
  def up
    create_table :user_roles do |t|
      t.references :user, null: false
      t.string :role, null: false
    end

    User.where(administrator: true).find_each do |user|
      UserRole.create!(user_id: user.id, role: "administrator")
    end
  end

  def down
    drop_table :user_roles
  end
end
`,
    },
    {
      framework: "rails",
      name: "a backfill in its own migration, in batches, outside the DDL transaction",
      code: `class BackfillAuthBypassIds < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def up
    Edition.in_batches(of: 5000).each_with_index do |batch, index|
      batch.update_all(auth_bypass_ids: [])
      puts "Updated #{(index + 1) * 5000} auth_bypass_ids"
    end
  end

  def down
    Edition.in_batches(of: 5000) { |batch| batch.update_all(auth_bypass_ids: nil) }
  end
end
`,
    },
    {
      framework: "rails",
      name: "seeding a table the migration creates",
      code: `class CreatePlans < ActiveRecord::Migration[7.1]
  def up
    create_table :plans do |t|
      t.string :name
    end
    execute "INSERT INTO plans (name) VALUES ('free'), ('pro')"
  end

  def down
    drop_table :plans
  end
end
`,
    },
  ],
});

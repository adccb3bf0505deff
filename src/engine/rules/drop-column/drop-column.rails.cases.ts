import { defineCases } from "../support/rule.js";
import { CF_PUSH_THEN_MIGRATE } from "../../testing/deploy-fixtures.js";
import { SEED_ANTI_PATTERN, SEED_QUICK_PATCH } from "../../testing/rails-fixtures.js";

/** danbooru's drop_unused_columns_from_users: one remove_column with an explicit down. */
const DROP_UNUSED_COLUMNS = `class DropUnusedColumnsFromUsers < ActiveRecord::Migration[6.0]
  def up
    remove_column :users, :email_verification_key
  end

  def down
    add_column :users, :email_verification_key, :string
  end
end
`;

/**
 * timeoverflow's move of users.registration_date into members.entry_date, in an earlier migration than the previous
 * one (a migration adding users.bio runs between): `model` is app/models/user.rb's body.
 */
const MEMBERSHIP_MOVE = (model: string) => ({
  "db/migrate/20131101000000_create_users.rb": "class CreateUsers < ActiveRecord::Migration\n  def change\n    create_table :users do |t|\n      t.integer :organization_id\n      t.date :registration_date\n    end\n    create_table :members do |t|\n      t.integer :user_id\n      t.integer :organization_id\n      t.date :entry_date\n    end\n  end\nend\n",
  "db/migrate/20131104013829_migrate_membership_data.rb": "class MigrateMembershipData < ActiveRecord::Migration\n  class User < ActiveRecord::Base\n    has_many :members\n  end\n\n  class Member < ActiveRecord::Base\n    belongs_to :user\n  end\n\n  def up\n    User.transaction do\n      User.all.each do |u|\n        member = u.members.create(\n          organization_id: u.organization_id,\n          entry_date: u.registration_date\n        )\n      end\n    end\n  end\nend\n",
  "db/migrate/20131104020000_add_bio_to_users.rb": "class AddBioToUsers < ActiveRecord::Migration\n  def change\n    add_column :users, :bio, :text\n  end\nend\n",
  "app/models/user.rb": `class User < ApplicationRecord\n${model}end\n`,
});

/** the contract step of that move, remove_column on line 3 */
const REMOVE_REGISTRATION_DATE = `class RemoveRegistrationDateFromUsers < ActiveRecord::Migration
  def up
    remove_column :users, :registration_date
  end

  def down
    add_column :users, :registration_date, :date
  end
end
`;

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "an earlier migration (not the previous one) copied the column into another table with a model loop, and the model lists it in ignored_columns: the last step of a planned move, a note that keeps the backup fix",
      path: "db/migrate/20131110000000_remove_registration_date_from_users.rb",
      code: REMOVE_REGISTRATION_DATE,
      files: MEMBERSHIP_MOVE('  self.ignored_columns += ["registration_date"]\n'),
      lines: [3],
      severities: ["info"],
      messages: ["Dropping column users.registration_date is the last step of a planned move: its values were copied by db/migrate/20131104013829_migrate_membership_data.rb (User.all.each do |u| read registration_date and wrote members, line 12), and User lists it in ignored_columns (app/models/user.rb). Values written to registration_date since that migration ran are lost: keep the backup step."],
    },
    {
      framework: "rails",
      name: "an earlier migration's loop copied the column, but the model still reads it (no ignored_columns, the code names it): the data-loss error",
      path: "db/migrate/20131110000000_remove_registration_date_from_users.rb",
      code: REMOVE_REGISTRATION_DATE,
      files: { ...MEMBERSHIP_MOVE("  def joined\n    registration_date\n  end\n"), "app/views/users/show.html.erb": "<%= @user.registration_date %>\n" },
      lines: [3],
      severities: ["error"],
      messages: ["Dropping column users.registration_date deletes its data"],
    },
    {
      framework: "rails",
      name: "under an offline deploy (the container's entrypoint runs db:migrate, then starts the server): no old code reads the column, only the data loss is left, a warning with the copy before the drop",
      path: "db/migrate/20240102000000_remove_nickname_from_users.rb",
      code: `class RemoveNicknameFromUsers < ActiveRecord::Migration[7.1]
  def up
    remove_column :users, :nickname
  end

  def down
    add_column :users, :nickname, :string
  end
end
`,
      files: {
        "db/migrate/20240101000000_create_users.rb": "class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users do |t|\n      t.string :nickname\n    end\n  end\nend\n",
        Dockerfile: 'FROM ruby:3.3\nCOPY bin/docker-entrypoint /rails/bin/\nENTRYPOINT ["/rails/bin/docker-entrypoint"]\nCMD ["./bin/rails", "server"]\n',
        "bin/docker-entrypoint": '#!/bin/bash -e\n./bin/rails db:migrate\nexec "${@}"\n',
      },
      lines: [3],
      severities: ["warning"],
      messages: ["Dropping column users.nickname deletes its data, and a rollback cannot restore the values. No running code reads it then (bin/docker-entrypoint:2: "],
    },
    {
      framework: "rails",
      name: "a loop over the model's records creates rows of another model from the dropped column (osem's 20140801170430, event.media_id into commercials): the values moved, what is left is old code reading the column",
      path: "db/migrate/20140801170430_move_event_media_to_commercial.rb",
      code: `class MoveEventMediaToCommercial < ActiveRecord::Migration[5.0]
  class TempEvent < ActiveRecord::Base
    self.table_name = "events"
  end

  class TempCommercial < ActiveRecord::Base
    self.table_name = "commercials"
  end

  def up
    TempEvent.all.each do |event|
      TempCommercial.create(commercial_id: event.media_id, commercialable_id: event.id)
    end
    remove_column :events, :media_id
  end

  def down
    add_column :events, :media_id, :string
  end
end
`,
      lines: [14],
      severities: ["warning"],
      messages: ["copied every row's value into commercials.commercial_id: the data lives on there, but servers still running the old code read media_id"],
    },
    {
      framework: "rails",
      name: "an earlier migration's loop creates rows through an association its own model class declares (timeoverflow's 20131104013829: `u.members.create(entry_date: u.registration_date)` with `has_many :members`), then this one drops the column: the contract step of the move, naming the migration and the target column",
      path: "db/migrate/20131104032622_remove_member_fields_from_user.rb",
      files: {
        "db/migrate/20131104013829_migrate_membership_data.rb": "class MigrateMembershipData < ActiveRecord::Migration\n  class User < ActiveRecord::Base\n    has_many :members\n  end\n\n  class Member < ActiveRecord::Base\n    belongs_to :user\n  end\n\n  def up\n    User.transaction do\n      User.all.each do |u|\n        member = u.members.create(\n          organization_id: u.organization_id,\n          entry_date: u.registration_date\n        )\n      end\n    end\n  end\nend\n",
      },
      code: `class RemoveMemberFieldsFromUser < ActiveRecord::Migration
  def up
    remove_column :users, :registration_date
  end

  def down
    add_column :users, :registration_date, :date
  end
end
`,
      lines: [3],
      severities: ["warning"],
      messages: ["after the data step at db/migrate/20131104013829_migrate_membership_data.rb:12 (User.all.each do |u|) copied every row's value into members.entry_date: the data lives on there"],
    },
    {
      framework: "rails",
      name: "the association goes through another table (`has_many :members, through: :memberships`): the create writes the join's rows too, the copy is not proven and the data-loss error stays",
      path: "db/migrate/20131104032622_remove_member_fields_from_user.rb",
      files: {
        "db/migrate/20131104013829_migrate_membership_data.rb": "class MigrateMembershipData < ActiveRecord::Migration\n  class User < ActiveRecord::Base\n    has_many :memberships\n    has_many :members, through: :memberships\n  end\n\n  class Member < ActiveRecord::Base\n    belongs_to :user\n  end\n\n  def up\n    User.transaction do\n      User.all.each do |u|\n        member = u.members.create(\n          organization_id: u.organization_id,\n          entry_date: u.registration_date\n        )\n      end\n    end\n  end\nend\n",
      },
      code: `class RemoveMemberFieldsFromUser < ActiveRecord::Migration
  def up
    remove_column :users, :registration_date
  end

  def down
    add_column :users, :registration_date, :date
  end
end
`,
      lines: [3],
      severities: ["error"],
      messages: ["Dropping column users.registration_date deletes its data"],
    },
    {
      framework: "rails",
      name: "the loop creates the other model's rows only for some records (a create under `unless`): the message says it copied the values of the rows it picks, not every row's",
      path: "db/migrate/20140801170430_move_event_media_to_commercial.rb",
      code: `class MoveEventMediaToCommercial < ActiveRecord::Migration[5.0]
  class TempEvent < ActiveRecord::Base
    self.table_name = "events"
  end

  class TempCommercial < ActiveRecord::Base
    self.table_name = "commercials"
  end

  def up
    TempEvent.all.each do |event|
      unless event.media_id.blank?
        TempCommercial.create(commercial_id: event.media_id, commercialable_id: event.id)
      end
    end
    remove_column :events, :media_id
  end

  def down
    add_column :events, :media_id, :string
  end
end
`,
      lines: [16],
      severities: ["warning"],
      messages: ["copied the values of the rows it picks into commercials.commercial_id"],
    },
    {
      framework: "rails",
      name: "the loop creates rows of another model from other attributes of the record, not from the dropped column: its values are lost",
      path: "db/migrate/20140801170430_move_event_media_to_commercial.rb",
      code: `class MoveEventMediaToCommercial < ActiveRecord::Migration[5.0]
  class TempEvent < ActiveRecord::Base
    self.table_name = "events"
  end

  class TempCommercial < ActiveRecord::Base
    self.table_name = "commercials"
  end

  def up
    TempEvent.all.each do |event|
      TempCommercial.create(commercialable_id: event.id, commercialable_type: "Event")
    end
    remove_column :events, :media_id
  end

  def down
    add_column :events, :media_id, :string
  end
end
`,
      lines: [14],
      severities: ["error"],
      messages: ["Dropping column events.media_id deletes its data"],
    },
    {
      framework: "rails",
      name: "remove_column without a type of a column an earlier migration created with a limit, a default and null: false: the fix removes it with all of them (the reader irreversible-migration's fix uses), so a rollback re-adds it as it was",
      path: "db/migrate/20240201000000_remove_state_from_posts.rb",
      files: {
        "db/migrate/20240101000000_create_posts.rb": 'class CreatePosts < ActiveRecord::Migration[7.1]\n  def change\n    create_table :posts do |t|\n      t.string :state, limit: 20, null: false, default: "draft"\n    end\n  end\nend\n',
        "app/models/post.rb": "class Post < ApplicationRecord\nend\n",
      },
      code: "class RemoveStateFromPosts < ActiveRecord::Migration[7.1]\n  def change\n    remove_column :posts, :state\n  end\nend\n",
      lines: [3],
      fixes: [
        [
          "# 1. Tell Active Record to ignore the column, and deploy:",
          "# in app/models/post.rb:",
          "class Post < ApplicationRecord",
          '  self.ignored_columns += ["state"]',
          "end",
          "# 2. Then, in a later migration, keep a copy and remove the column with its type so it can be rolled back:",
          "def change",
          '  reversible do |dir|',
          '    dir.up { execute "CREATE TABLE posts_state_backup_20240201000000 AS SELECT id, state FROM posts" }',
          '    # on rollback this runs after the remove_column below is undone (the column is back): the values come back from the copy',
          '    dir.down { execute "UPDATE posts SET state = b.state FROM posts_state_backup_20240201000000 b WHERE posts.id = b.id"; execute "DROP TABLE posts_state_backup_20240201000000" }',
          '  end',
          "  remove_column :posts, :state, :string, limit: 20, null: false, default: 'draft'",
          "end",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "flexile 20240629045703: t.remove of a column an earlier add_column created generated (:bigint with as: and stored: true, no :virtual): the same note as t.virtual's",
      path: "db/migrate/20240629045703_update_virtual_attributes_in_equity_grant.rb",
      files: {
        "db/migrate/20231019052937_add_vested_amount_in_cents_to_equity_grant.rb": `class AddVestedAmountInCentsToEquityGrant < ActiveRecord::Migration[7.1]
  def change
    add_column :equity_grants, :vested_amount_in_cents, :bigint,
               as: "(vested_shares * share_price_in_cents)", stored: true
  end
end
`,
      },
      code: `class UpdateVirtualAttributesInEquityGrant < ActiveRecord::Migration[7.1]
  def up
    change_table :equity_grants, bulk: true do |t|
      t.virtual "vested_amount_usd", type: :decimal, as: "(vested_shares * share_price_usd)", stored: true
      t.remove :vested_amount_in_cents
    end
  end

  def down
    change_table :equity_grants, bulk: true do |t|
      t.virtual "vested_amount_in_cents", type: :bigint, as: "(vested_shares * share_price_in_cents)", stored: true
      t.remove :vested_amount_usd
    end
  end
end
`,
      lines: [5],
      severities: ["info"],
      messages: ["Dropping column equity_grants.vested_amount_in_cents loses no data: it is GENERATED ALWAYS AS ((vested_shares * share_price_in_cents)) STORED, computed from vested_shares, share_price_in_cents of the same row"],
    },
    {
      framework: "rails",
      name: "a plain :bigint column (no as:) an earlier add_column created: its values are lost, the error stays",
      path: "db/migrate/20240629045703_remove_vested_amount_in_cents.rb",
      files: {
        "db/migrate/20231019052937_add_vested_amount_in_cents_to_equity_grant.rb": `class AddVestedAmountInCentsToEquityGrant < ActiveRecord::Migration[7.1]
  def change
    add_column :equity_grants, :vested_amount_in_cents, :bigint, null: true
  end
end
`,
      },
      code: `class RemoveVestedAmountInCents < ActiveRecord::Migration[7.1]
  def up
    remove_column :equity_grants, :vested_amount_in_cents
  end

  def down
    add_column :equity_grants, :vested_amount_in_cents, :bigint
  end
end
`,
      lines: [3],
      severities: ["error"],
    },
    {
      framework: "rails",
      name: "disable_ddl_transaction!: the remove_column before the add_column null: false commits on its own, on the rows the table had",
      code: `class RefineProjectFields < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def up
    remove_column :projects, :created
    add_column :projects, :created_at, :datetime, null: false
  end

  def down
    add_column :projects, :created, :datetime
    remove_column :projects, :created_at
  end
end
`,
      lines: [5],
    },
    {
      framework: "rails",
      name: "remove_column of a stored virtual column (t.virtual ... stored: true in an earlier create_table) whose source stays: a note, no copy",
      path: "db/migrate/20240301000000_remove_search_vector.rb",
      files: {
        "db/migrate/20240101000000_create_articles.rb": `class CreateArticles < ActiveRecord::Migration[7.1]
  def change
    create_table :articles do |t|
      t.text :body
      t.virtual :search_vector, type: :tsvector, as: "to_tsvector('simple', body)", stored: true
    end
  end
end
`,
      },
      code: `class RemoveSearchVector < ActiveRecord::Migration[7.1]
  def up
    remove_column :articles, :search_vector
  end

  def down
    add_column :articles, :search_vector, :virtual, type: :tsvector, as: "to_tsvector('simple', body)", stored: true
  end
end
`,
      lines: [3],
      severities: ["info"],
      messages: ["Dropping column articles.search_vector loses no data: it is GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED, computed from body of the same row"],
    },
    {
      framework: "rails",
      name: "a Rails 4.2 project (Gemfile.lock): no ignored_columns before 5.0, so the model leaves the column out of its columns",
      code: `class RemoveCreditsFromUsers < ActiveRecord::Migration
  def up
    remove_column :users, :credits
  end

  def down
    add_column :users, :credits, :numeric, default: 0
  end
end
`,
      files: {
        "Gemfile.lock": "GEM\n  remote: https://rubygems.org/\n  specs:\n    activerecord (4.2.11)\n    rails (4.2.11)\n",
        "app/models/user.rb": "class User < ActiveRecord::Base\n  def credits_amount\n    credits\n  end\nend\n",
      },
      lines: [3],
      fixes: ["# 1. Tell Active Record to ignore the column, and deploy:\n# in app/models/user.rb:\nclass User < ActiveRecord::Base\n  # Rails 4.2 has no ignored_columns (5.0+): the model leaves the columns out of the ones it reads\n  def self.columns\n    super.reject { |column| [\"credits\"].include?(column.name) }\n  end\nend\n# 2. Then, in a later migration, keep a copy and remove the column; the down puts it back with its values:\ndef up\n  # users's primary key is not in the migrations migguard read: the framework's id is assumed\n  execute \"CREATE TABLE users_credits_backup_20240101000000 AS SELECT id, credits FROM users\"\n  remove_column :users, :credits, :decimal\nend\n\ndef down\n  add_column :users, :credits, :decimal\n  execute \"UPDATE users SET credits = b.credits FROM users_credits_backup_20240101000000 b WHERE users.id = b.id\"\nend"],
    },
    {
      framework: "rails",
      name: "code-first deploy: Active Record's new processes, started before the migration, cached the column list with the column: the claim about running code stays",
      path: "db/migrate/20240102000000_remove_kind_from_charges.rb",
      files: {
        "db/migrate/20240101000000_create_charges.rb": "class CreateCharges < ActiveRecord::Migration[7.1]\n  def change\n    create_table :charges do |t|\n      t.string :kind\n    end\n  end\nend\n",
        ...CF_PUSH_THEN_MIGRATE,
      },
      code: "class RemoveKindFromCharges < ActiveRecord::Migration[7.1]\n  def up\n    remove_column :charges, :kind\n  end\n\n  def down\n    add_column :charges, :kind, :string\n  end\nend\n",
      lines: [3],
      messages: ["Dropping column charges.kind deletes its data; code that still reads it breaks"],
    },
    {
      framework: "rails",
      name: "remove_column of a column a later migration adds again (as another type): the fix keeps a copy and removes it as written, since ignored_columns and a later removal keep the column the add_column then finds",
      path: "db/migrate/20240102000000_remove_kind_from_charges.rb",
      files: {
        "db/migrate/20240101000000_create_charges.rb": "class CreateCharges < ActiveRecord::Migration[7.1]\n  def change\n    create_table :charges do |t|\n      t.string :kind\n    end\n  end\nend\n",
        "db/migrate/20240103000000_add_kind_to_charges.rb": "class AddKindToCharges < ActiveRecord::Migration[7.1]\n  def change\n    add_column :charges, :kind, :integer\n  end\nend\n",
      },
      code: "class RemoveKindFromCharges < ActiveRecord::Migration[7.1]\n  def up\n    remove_column :charges, :kind\n  end\n\n  def down\n    add_column :charges, :kind, :string\n  end\nend\n",
      lines: [3],
      messages: ["db/migrate/20240103000000_add_kind_to_charges.rb:3 adds kind to charges again (integer). Code that used the dropped one can only have run between the two migrations"],
      fixes: [
        '# db/migrate/20240103000000_add_kind_to_charges.rb:3 adds kind to charges again (integer): a column kept here (left for the old code, dropped in a later migration) makes it fail with "already exists", so the drop stays. Keep a copy of the values, then drop it as written:\nexecute "CREATE TABLE charges_kind_backup_20240102000000 AS SELECT id, kind FROM charges"\nremove_column :charges, :kind',
      ],
    },
    {
      framework: "rails",
      name: "where.not(deleted_at: nil).delete_all before remove_column: only NULLs go, no data-loss claim; ignore the column first, then remove it without a copy",
      path: "db/migrate/20250702000000_hard_delete_alerts.rb",
      code: `class HardDeleteAlerts < ActiveRecord::Migration[7.1]
  def up
    Alert.where.not(deleted_at: nil).delete_all
    remove_column :alerts, :deleted_at
  end

  def down
    add_column :alerts, :deleted_at, :datetime
  end
end
`,
      lines: [4],
      severities: ["warning"],
      messages: ["loses no data: the DELETE on line 3 removed every row where it was set"],
    },
    {
      framework: "rails",
      name: "feeder 20260714185049: the up raises if Feed.where.not(enclosure_template: nil).any? before remove_column: only NULLs go, no data-loss claim (the old code's part stays: Rails 7.1 inserts every cached column)",
      path: "db/migrate/20260714185049_remove_enclosure_template.rb",
      files: { "app/models/feed.rb": "class Feed < ApplicationRecord\n  has_many :episodes\nend\n" },
      code: `class RemoveEnclosureTemplate < ActiveRecord::Migration[7.2]
  def up
    if Feed.where.not(enclosure_template: nil).any?
      raise "you must nil out all enclosure templates before running this"
    end

    remove_column :feeds, :enclosure_template
  end

  def down
    add_column :feeds, :enclosure_template, :string
  end
end
`,
      lines: [7],
      severities: ["warning"],
      messages: ["loses no data: the migration stops on line 3 when enclosure_template holds a value (`Feed.where.not(enclosure_template: nil).any?`)"],
    },
    {
      framework: "rails",
      name: "`raise ... unless Alert.where.not(deleted_at: nil).none?` and nothing names the column (Rails 6.0, partial inserts on): a note naming the check's line",
      path: "db/migrate/20250702000000_drop_deleted_at.rb",
      files: {
        "app/models/alert.rb": "class Alert < ApplicationRecord\nend\n",
        "app/controllers/alerts_controller.rb": "class AlertsController < ApplicationController\n  def show\n    @alert = Alert.find(params[:id])\n  end\nend\n",
      },
      code: `class DropDeletedAt < ActiveRecord::Migration[6.0]
  def up
    raise "hard-delete the soft-deleted alerts first" unless Alert.where.not(deleted_at: nil).none?
    remove_column :alerts, :deleted_at
  end

  def down
    add_column :alerts, :deleted_at, :datetime
  end
end
`,
      lines: [4],
      severities: ["info"],
      messages: ["loses no data: the migration stops on line 3 when deleted_at holds a value"],
    },
    {
      framework: "rails",
      name: "a raise on another column's values (where.not(archived_at: nil)) proves nothing of this one: the data-loss error stays",
      path: "db/migrate/20250702000000_drop_deleted_at.rb",
      code: `class DropDeletedAt < ActiveRecord::Migration[7.1]
  def up
    raise "unarchive first" if Alert.where.not(archived_at: nil).exists?
    remove_column :alerts, :deleted_at
  end

  def down
    add_column :alerts, :deleted_at, :datetime
  end
end
`,
      lines: [4],
      severities: ["error"],
    },
    {
      framework: "rails",
      name: "a check that only logs (no raise) stops nothing: the data-loss error stays",
      path: "db/migrate/20250702000000_drop_deleted_at.rb",
      code: `class DropDeletedAt < ActiveRecord::Migration[7.1]
  def up
    if Alert.where.not(deleted_at: nil).any?
      say "some alerts are still soft-deleted"
    end
    remove_column :alerts, :deleted_at
  end

  def down
    add_column :alerts, :deleted_at, :datetime
  end
end
`,
      lines: [6],
      severities: ["error"],
    },
    {
      framework: "rails",
      name: "where(kind: 'mail').where.not(deleted_at: nil).delete_all keeps other rows with a value: the data-loss error stays",
      path: "db/migrate/20250702000000_hard_delete_alerts.rb",
      code: `class HardDeleteAlerts < ActiveRecord::Migration[7.1]
  def up
    Alert.where(kind: "mail").where.not(deleted_at: nil).delete_all
    remove_column :alerts, :deleted_at
  end

  def down
    add_column :alerts, :deleted_at, :datetime
  end
end
`,
      lines: [4],
      severities: ["error"],
    },
    {
      framework: "rails",
      name: "the copy keeps the table's primary key as the migration that created it declared it (primary_key: :code) and the column, not the whole table; up and down as the migration has them, the down restoring the values",
      path: "db/migrate/20250702000000_remove_label_from_countries.rb",
      code: `class RemoveLabelFromCountries < ActiveRecord::Migration[7.1]
  def up
    remove_column :countries, :label
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`,
      files: {
        "db/migrate/20250601000000_create_countries.rb": `class CreateCountries < ActiveRecord::Migration[7.1]
  def change
    create_table :countries, id: :string, primary_key: :code do |t|
      t.string :label
    end
  end
end
`,
      },
      lines: [3],
      fixes: [
        [
          "# 1. Tell Active Record to ignore the column, and deploy:",
          "# Country: Rails' name for the model of countries (migguard did not find the model in app/models; its superclass is unknown: keep the one it has)",
          "class Country < ApplicationRecord",
          '  self.ignored_columns += ["label"]',
          "end",
          "# 2. Then, in a later migration, keep a copy and remove the column; the down puts it back with its values:",
          "def up",
          '  execute "CREATE TABLE countries_label_backup_20250702000000 AS SELECT code, label FROM countries"',
          "  remove_column :countries, :label, :string",
          "end",
          "",
          "def down",
          "  add_column :countries, :label, :string",
          '  execute "UPDATE countries SET label = b.label FROM countries_label_backup_20250702000000 b WHERE countries.code = b.code"',
          "end",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "remove_column of the primary key id: the model needs another key first (it cannot ignore its primary key), the copy is the whole table, and it runs on the way up only",
      path: "db/migrate/20141110225053_remove_id_from_read_marks.rb",
      code: `class RemoveIdFromReadMarks < ActiveRecord::Migration[4.2]
  def change
    remove_column :read_marks, :id
  end
end
`,
      lines: [3],
      fixes: [
        [
          "# 1. Stop using id as the model's primary key (Active Record cannot ignore its primary key), and deploy:",
          "# ReadMark: Rails' name for the model of read_marks (migguard did not find the model in app/models; its superclass is unknown: keep the one it has)",
          "class ReadMark < ApplicationRecord",
          "  self.primary_key = nil  # id is the primary key: name the column(s) that identify a row once it is gone, if any (Rails 7.1+ takes a list)",
          "end",
          "# 2. Then, in a later migration, keep a copy and remove the column with its type so it can be rolled back:",
          "def change",
          '  reversible { |dir| dir.up { execute "CREATE TABLE read_marks_id_backup_20141110225053 AS TABLE read_marks" } }',
          "  # the copy is the whole of read_marks (no key to join it back by): on rollback restore the values from read_marks_id_backup_20141110225053 by hand",
          "  remove_column :read_marks, :id  # migguard found no type for read_marks.id in the earlier migrations or the schema dump (a dump made after the drop no longer lists it): give remove_column the type it had as its third argument, or a rollback raises IrreversibleMigration",
          "end",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "the seed's column dropped in `def up` (the fix is the two-phase drop with ignored_columns)",
      code: `class DropPhoneNumber < ActiveRecord::Migration[7.0]
  def up
    remove_column :users, :phone_number
  end

  def down
    add_column :users, :phone_number, :string
  end
end
`,
      lines: [3],
    },
    {
      framework: "rails",
      name: "a bulk change_table removing five columns (up and down): the fix ignores all five, copies them in one backup table, removes each with its type from the history, and the down restores them",
      path: "db/migrate/20201215143727_remove_redundant_fields_from_trainees.rb",
      code: `class RemoveRedundantFieldsFromTrainees < ActiveRecord::Migration[6.0]
  def up
    change_table :trainees, bulk: true do |t|
      t.remove :ethnicity
      t.remove :disability
      t.remove :full_time_part_time
      t.remove :teaching_scholars
      t.remove :start_date
    end
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`,
      files: {
        "db/migrate/20200601000000_create_trainees.rb": `class CreateTrainees < ActiveRecord::Migration[6.0]
  def change
    create_table :trainees do |t|
      t.text :ethnicity
      t.text :disability
      t.text :full_time_part_time
      t.boolean :teaching_scholars
      t.date :start_date
    end
  end
end
`,
      },
      lines: [4, 5, 6, 7, 8],
      fixes: Array(5).fill(
        [
          "# 1. Tell Active Record to ignore the columns, and deploy:",
          "# Trainee: Rails' name for the model of trainees (migguard did not find the model in app/models; its superclass is unknown: keep the one it has)",
          "class Trainee < ApplicationRecord",
          '  self.ignored_columns += ["ethnicity", "disability", "full_time_part_time", "teaching_scholars", "start_date"]',
          "end",
          "# 2. Then, in a later migration, keep a copy and remove the columns; the down puts them back with their values:",
          "def up",
          '  execute "CREATE TABLE trainees_dropped_columns_backup_20201215143727 AS SELECT id, ethnicity, disability, full_time_part_time, teaching_scholars, start_date FROM trainees"',
          "  remove_column :trainees, :ethnicity, :text",
          "  remove_column :trainees, :disability, :text",
          "  remove_column :trainees, :full_time_part_time, :text",
          "  remove_column :trainees, :teaching_scholars, :boolean",
          "  remove_column :trainees, :start_date, :date",
          "end",
          "",
          "def down",
          "  add_column :trainees, :ethnicity, :text",
          "  add_column :trainees, :disability, :text",
          "  add_column :trainees, :full_time_part_time, :text",
          "  add_column :trainees, :teaching_scholars, :boolean",
          "  add_column :trainees, :start_date, :date",
          '  execute "UPDATE trainees SET ethnicity = b.ethnicity, disability = b.disability, full_time_part_time = b.full_time_part_time, teaching_scholars = b.teaching_scholars, start_date = b.start_date FROM trainees_dropped_columns_backup_20201215143727 b WHERE trainees.id = b.id"',
          "end",
        ].join("\n"),
      ),
    },
    {
      framework: "rails",
      name: "the same bulk removal with no history of the table: each column's type is the one the migration's own down adds it back with",
      path: "db/migrate/20201215143727_remove_redundant_fields_from_trainees.rb",
      code: `class RemoveRedundantFieldsFromTrainees < ActiveRecord::Migration[6.0]
  def up
    change_table :trainees, bulk: true do |t|
      t.remove :ethnicity
      t.remove :start_date
    end
  end

  def down
    change_table :trainees, bulk: true do |t|
      t.column :ethnicity, :text
      t.column :start_date, :date
    end
  end
end
`,
      lines: [4, 5],
      fixes: Array(2).fill(
        [
          "# 1. Tell Active Record to ignore the columns, and deploy:",
          "# Trainee: Rails' name for the model of trainees (migguard did not find the model in app/models; its superclass is unknown: keep the one it has)",
          "class Trainee < ApplicationRecord",
          '  self.ignored_columns += ["ethnicity", "start_date"]',
          "end",
          "# 2. Then, in a later migration, keep a copy and remove the columns; the down puts them back with their values:",
          "def up",
          "  # trainees's primary key is not in the migrations migguard read: the framework's id is assumed",
          '  execute "CREATE TABLE trainees_dropped_columns_backup_20201215143727 AS SELECT id, ethnicity, start_date FROM trainees"',
          "  remove_column :trainees, :ethnicity, :text",
          "  remove_column :trainees, :start_date, :date",
          "end",
          "",
          "def down",
          "  add_column :trainees, :ethnicity, :text",
          "  add_column :trainees, :start_date, :date",
          '  execute "UPDATE trainees SET ethnicity = b.ethnicity, start_date = b.start_date FROM trainees_dropped_columns_backup_20201215143727 b WHERE trainees.id = b.id"',
          "end",
        ].join("\n"),
      ),
    },
    {
      framework: "rails",
      name: "remove_columns of two columns in change: one fix for both, in change (typed remove_column is reversible, the copy runs up only)",
      path: "db/migrate/20240101000000_remove_contact_fields_from_users.rb",
      code: `class RemoveContactFieldsFromUsers < ActiveRecord::Migration[7.1]
  def change
    remove_columns :users, :fax, :telex
  end
end
`,
      files: {
        "db/migrate/20230101000000_create_users.rb": `class CreateUsers < ActiveRecord::Migration[7.1]
  def change
    create_table :users do |t|
      t.string :fax
      t.string :telex
    end
  end
end
`,
      },
      lines: [3, 3],
      fixes: Array(2).fill(
        [
          "# 1. Tell Active Record to ignore the columns, and deploy:",
          "# User: Rails' name for the model of users (migguard did not find the model in app/models; its superclass is unknown: keep the one it has)",
          "class User < ApplicationRecord",
          '  self.ignored_columns += ["fax", "telex"]',
          "end",
          "# 2. Then, in a later migration, keep a copy and remove the columns with their types so it can be rolled back:",
          "def change",
          '  reversible do |dir|',
          '    dir.up { execute "CREATE TABLE users_dropped_columns_backup_20240101000000 AS SELECT id, fax, telex FROM users" }',
          '    # on rollback this runs after the remove_column calls below are undone (the columns are back): the values come back from the copy',
          '    dir.down { execute "UPDATE users SET fax = b.fax, telex = b.telex FROM users_dropped_columns_backup_20240101000000 b WHERE users.id = b.id"; execute "DROP TABLE users_dropped_columns_backup_20240101000000" }',
          '  end',
          "  remove_column :users, :fax, :string",
          "  remove_column :users, :telex, :string",
          "end",
        ].join("\n"),
      ),
    },
    {
      framework: "rails",
      name: "remove_columns, remove_reference and t.remove: one finding per column",
      code: `class TrimUsers < ActiveRecord::Migration[7.1]
  def up
    remove_columns :users, :fax, :telex
    remove_reference :users, :team, index: true
    change_table :accounts do |t|
      t.remove :pager
    end
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`,
      lines: [3, 3, 4, 6],
    },
    {
      framework: "rails",
      name: "a table no model of app/models maps (comfortable_mexican_sofa's comfy_cms_layouts, its model the gem's Comfy::Cms::Layout): the fix invents no class, it says the model is not in the repository and names the table",
      code: `class UpgradeCms < ActiveRecord::Migration[5.2]
  def up
    remove_column :comfy_cms_layouts, :is_shared
  end

  def down
    add_column :comfy_cms_layouts, :is_shared, :boolean, null: false, default: false
  end
end
`,
      files: { "app/models/harvest.rb": "class Harvest < ApplicationRecord\n  belongs_to :crop\nend\n" },
      lines: [3],
      fixes: ["# 1. Tell Active Record to ignore the column, and deploy:\n# no model in app/models maps comfy_cms_layouts (a gem's model, or one the project's inflections name?): its class is not in the repository, so this names none.\n# In the model of comfy_cms_layouts, wherever it is defined (reopen it in an initializer if a gem defines it):\n#   self.ignored_columns += [\"is_shared\"]\n# 2. Then, in a later migration, keep a copy and remove the column; the down puts it back with its values:\ndef up\n  # comfy_cms_layouts's primary key is not in the migrations migguard read: the framework's id is assumed\n  execute \"CREATE TABLE comfy_cms_layouts_is_shared_backup_20240101000000 AS SELECT id, is_shared FROM comfy_cms_layouts\"\n  remove_column :comfy_cms_layouts, :is_shared, :boolean\nend\n\ndef down\n  add_column :comfy_cms_layouts, :is_shared, :boolean\n  execute \"UPDATE comfy_cms_layouts SET is_shared = b.is_shared FROM comfy_cms_layouts_is_shared_backup_20240101000000 b WHERE comfy_cms_layouts.id = b.id\"\nend"],
    },
    {
      framework: "rails",
      name: "the planned last step: the model already ignores the column (a note with a backup: nothing reads it)",
      code: `class DropPhoneNumber < ActiveRecord::Migration[7.0]
  def up
    safety_assured { remove_column :users, :phone_number }
  end

  def down
    add_column :users, :phone_number, :string
  end
end
`,
      files: { "app/models/user.rb": 'class User < ApplicationRecord\n  self.ignored_columns += ["phone_number"]\nend\n' },
      lines: [3],
      severities: ["info"],
    },
    {
      framework: "rails",
      name: "the planned last step: the table's model and the code read never name the column (danbooru's drop_unused_columns_from_users)",
      code: DROP_UNUSED_COLUMNS,
      files: { "app/models/user.rb": "class User < ApplicationRecord\n  has_many :posts\n  def verified?\n    email_verified_at.present?\n  end\nend\n" },
      lines: [3],
      severities: ["warning"],
      messages: ["never name email_verification_key"],
    },
    {
      framework: "rails",
      name: "strong evidence, a note: the model and the application's code read (a controller, a job) never name the column (danbooru's drop_unused_columns_from_users with app/ read)",
      code: DROP_UNUSED_COLUMNS,
      files: {
        "app/models/user.rb": "class User < ApplicationRecord\n  has_many :posts\nend\n",
        "app/controllers/users_controller.rb": "class UsersController < ApplicationController\n  def show\n    @user = User.find(params[:id])\n  end\nend\n",
      },
      lines: [3],
      severities: ["info"],
      messages: ["the 2 files of its code read never name email_verification_key"],
    },
    {
      framework: "rails",
      name: "the application's code still names the column (a controller sets it): the data-loss error, even though the model does not",
      code: DROP_UNUSED_COLUMNS,
      files: {
        "app/models/user.rb": "class User < ApplicationRecord\n  has_many :posts\nend\n",
        "app/controllers/users_controller.rb": "class UsersController < ApplicationController\n  def verify\n    current_user.update!(email_verification_key: nil)\n  end\nend\n",
      },
      lines: [3],
      severities: ["error"],
    },
    {
      framework: "rails",
      name: "Rails 7.0+: a column no code names keeps the error, since every INSERT names the columns Active Record cached at boot (partial_inserts off) until the servers restart",
      code: DROP_UNUSED_COLUMNS.replace("Migration[6.0]", "Migration[7.1]"),
      files: { "app/models/user.rb": "class User < ApplicationRecord\n  has_many :posts\nend\n" },
      lines: [3],
      severities: ["error"],
    },
    {
      framework: "rails",
      name: "a column the model still names keeps the data-loss error",
      code: DROP_UNUSED_COLUMNS,
      files: { "app/models/user.rb": "class User < ApplicationRecord\n  before_create { self.email_verification_key = SecureRandom.hex }\nend\n" },
      lines: [3],
      severities: ["error"],
    },
    {
      framework: "rails",
      name: "a foreign key a belongs_to reads by its association's name keeps the error",
      code: `class DropCreatorFromNotes < ActiveRecord::Migration[6.0]
  def up
    remove_column :notes, :creator_id
  end

  def down
    add_column :notes, :creator_id, :integer
  end
end
`,
      files: { "app/models/note.rb": "class Note < ApplicationRecord\n  belongs_to :creator, class_name: \"User\"\nend\n" },
      lines: [3],
      severities: ["error"],
    },
    {
      framework: "rails",
      name: "no model of the table read (plain migrations folder): the error stays",
      code: DROP_UNUSED_COLUMNS,
      lines: [3],
      severities: ["error"],
    },
    {
      framework: "rails",
      name: "a multi-byte comment before the call does not shift the line",
      code: `# Supprimer le numéro — déprécié ✓ 😀
class DropPhoneNumber < ActiveRecord::Migration[7.0]
  def up
    remove_column :users, :phone_number
  end

  def down
    add_column :users, :phone_number, :string
  end
end
`,
      lines: [4],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "add_column null: false without a default in the same migration: PostgreSQL runs it only on an empty projects, so the removed column held no values",
      code: `class RefineProjectFields < ActiveRecord::Migration[7.1]
  def up
    add_column :projects, :created_at, :datetime, null: false
    remove_column :projects, :created
  end

  def down
    add_column :projects, :created, :datetime
    remove_column :projects, :created_at
  end
end
`,
    },
    {
      framework: "rails",
      name: "a scratch column added and removed by the same migration",
      code: `class MoveTeamsToOrganisations < ActiveRecord::Migration[7.1]
  def up
    add_column :teams, :personal, :boolean, null: false, default: false
    execute "UPDATE organisations SET personal = teams.personal FROM teams WHERE teams.id = organisations.id"
    remove_column :teams, :personal
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`,
    },
    {
      framework: "rails",
      name: "one hazard, one finding: remove_column on a table the migration drops afterwards",
      code: `class RemoveStaging < ActiveRecord::Migration[7.1]
  def up
    remove_column :staged_changes, :branch_id
    drop_table :staged_changes
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`,
    },
    { framework: "rails", name: "the seed's quick patch: the values are copied before the column goes", code: SEED_QUICK_PATCH },
    {
      framework: "rails",
      name: "the seed's anti-pattern, a typed remove_column in `change`: remove-column-in-change reports it, rollback included",
      code: SEED_ANTI_PATTERN,
    },
    {
      framework: "rails",
      name: "a column of a table created in the same migration",
      code: `class CreateDrafts < ActiveRecord::Migration[7.1]
  def change
    create_table :drafts do |t|
      t.text :body
      t.string :title
    end
    remove_column :drafts, :title, :string
  end
end
`,
    },
    {
      framework: "rails",
      name: "waived with a reason",
      code: `class DropPhoneNumber < ActiveRecord::Migration[7.0]
  def change
    # migguard:ignore drop-column,remove-column-in-change the column was never written, see #42
    remove_column :users, :phone_number, :string
  end
end
`,
    },
  ],
});

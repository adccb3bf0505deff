import { defineCases } from "../support/rule.js";
import { SEED_ANTI_PATTERN, SEED_QUICK_PATCH } from "../../testing/rails-fixtures.js";

/** danbooru's drop_keeper_data_from_posts, written for Rails `version` (its bracket decides partial inserts) */
const dropKeeperData = (version: string) => `class DropKeeperDataFromPosts < ActiveRecord::Migration[${version}]
  def change
    remove_column :posts, :keeper_data, :text
  end
end
`;
/** the Post model, which does not name keeper_data */
const POST_MODEL = { "app/models/post.rb": 'class Post < ApplicationRecord\n  belongs_to :uploader, class_name: "User"\nend\n' };
/** the model and a controller: the application's code read beyond the model files, none naming keeper_data */
const POST_CODE = {
  ...POST_MODEL,
  "app/controllers/posts_controller.rb": "class PostsController < ApplicationController\n  def show\n    @post = Post.find(params[:id])\n  end\nend\n",
};
/** config/application.rb with `config.load_defaults version` */
const loadDefaults = (version: string) => ({ "config/application.rb": `module Danbooru\n  class Application < Rails::Application\n    config.load_defaults ${version}\n  end\nend\n` });

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "an engine gem's folder (solidus' core/db/migrate) read with the root Gemfile, which installs mysql2, pg and sqlite3: the copy and its restore are SQL every one of them reads (no UPDATE ... FROM, no double-quoted position)",
      path: "core/db/migrate/20230425103509_remove_taxon_position.rb",
      code: `class RemoveTaxonPosition < ActiveRecord::Migration[7.0]
  def change
    remove_column :spree_taxons, :position, :integer, default: 0
  end
end
`,
      files: {
        "core/db/migrate/20230101000000_create_spree_taxons.rb": "class CreateSpreeTaxons < ActiveRecord::Migration[7.0]\n  def change\n    create_table :spree_taxons do |t|\n      t.integer :position, default: 0\n    end\n  end\nend\n",
        Gemfile: 'dbs = ENV.fetch("DB", "sqlite")\ngem "mysql2", require: false if dbs.match?(/mysql/)\ngem "pg", require: false if dbs.match?(/postgres/)\ngem "sqlite3", require: false if dbs.match?(/sqlite/)\n',
      },
      lines: [3],
      // the fix (a restore as a correlated subquery, position bare): test/cli/database-project-evidence.test.ts
      messages: ["Removing spree_taxons.position deletes its values"],
    },
    {
      framework: "rails",
      name: "under an offline deploy (the container's entrypoint runs db:migrate, then starts the server): no old code reads the column, so no ignored_columns step; the values the rollback cannot bring back are left, a warning whose fix keeps a copy in an explicit up/down",
      path: "db/migrate/20240102000000_remove_nickname_from_users.rb",
      code: `class RemoveNicknameFromUsers < ActiveRecord::Migration[7.1]
  def change
    remove_column :users, :nickname, :string
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
      messages: [
        "Removing users.nickname deletes its values, and rolling back this `change` re-adds the column empty: Rails reverses the schema, not the values. No running code reads it then (bin/docker-entrypoint:2: the container's start script runs the migrations and then starts the server).",
      ],
      fixes: [
        '# Drop it with explicit up/down, keeping a copy so the down can restore the values:\ndef up\n  execute "CREATE TABLE users_nickname_backup_20240102000000 AS SELECT id, nickname FROM users"\n  remove_column :users, :nickname\nend\n\ndef down\n  add_column :users, :nickname, :string\n  execute "UPDATE users SET nickname = b.nickname FROM users_nickname_backup_20240102000000 b WHERE users.id = b.id"\nend',
      ],
    },
    {
      framework: "rails",
      name: "remove_column of a stored virtual column with its options in `change`: the rollback adds it back generated and PostgreSQL computes the values again, a note",
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
  def change
    remove_column :articles, :search_vector, :virtual, type: :tsvector, as: "to_tsvector('simple', body)", stored: true
  end
end
`,
      lines: [3],
      severities: ["info"],
      messages: ["Removing articles.search_vector loses no data: it is GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED, and rolling back this `change` adds it back generated"],
    },
    {
      framework: "rails",
      name: "remove_column of a stored virtual column with its source removed too: its values cannot be computed again, the error stays",
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
  def change
    remove_column :articles, :search_vector, :virtual, type: :tsvector, as: "to_tsvector('simple', body)", stored: true
    remove_column :articles, :body, :text
  end
end
`,
      lines: [3, 4],
      severities: ["error", "error"],
    },
    {
      framework: "rails",
      name: "the model of facts_editions is Facts::Edition, through the table_name_prefix its module defines (content-data-api 20180509100804): the fix names that model, not 'no model maps' (remove-column-without-ignored-columns off: otherwise its finding tells this one too)",
      config: { rules: { "remove-column-without-ignored-columns": false } },
      code: `class RemoveMetadataFromFactsEditions < ActiveRecord::Migration[5.1]
  def change
    remove_column :facts_editions, :status, :string, default: "live"
  end
end
`,
      files: {
        "app/models/facts.rb": 'module Facts\n  def self.table_name_prefix\n    "facts_"\n  end\nend\n',
        "app/models/facts/edition.rb": "class Facts::Edition < ApplicationRecord\n  def live?\n    status == \"live\"\n  end\nend\n",
        "app/models/user.rb": "class User < ApplicationRecord\nend\n",
      },
      lines: [3],
      fixes: ["# 1. Deploy the model without the column first:\n# in app/models/facts/edition.rb:\nclass Facts::Edition < ApplicationRecord\n  self.ignored_columns += [\"status\"]\nend\n\n# 2. Then drop it with explicit up/down, keeping a copy so the down can restore the values:\ndef up\n  # facts_editions's primary key is not in the migrations migguard read: the framework's id is assumed\n  execute \"CREATE TABLE facts_editions_status_backup_20240101000000 AS SELECT id, status FROM facts_editions\"\n  remove_column :facts_editions, :status\nend\n\ndef down\n  add_column :facts_editions, :status, :string, default: 'live'\n  execute \"UPDATE facts_editions SET status = b.status FROM facts_editions_status_backup_20240101000000 b WHERE facts_editions.id = b.id\"\nend"],
    },
    {
      framework: "rails",
      name: "an abstract base class sets self.table_name_prefix = \"legacy_\" (a class attribute its subclasses inherit): legacy_widgets maps to Widget < LegacyRecord, and the fix names it (remove-column-without-ignored-columns off: otherwise its finding tells this one too)",
      config: { rules: { "remove-column-without-ignored-columns": false } },
      code: `class RemoveColorFromLegacyWidgets < ActiveRecord::Migration[7.1]
  def change
    remove_column :legacy_widgets, :color, :string
  end
end
`,
      files: {
        "app/models/legacy_record.rb": 'class LegacyRecord < ApplicationRecord\n  self.abstract_class = true\n  self.table_name_prefix = "legacy_"\nend\n',
        "app/models/widget.rb": "class Widget < LegacyRecord\nend\n",
        "app/models/user.rb": "class User < ApplicationRecord\nend\n",
      },
      lines: [3],
      fixes: ["# 1. Deploy the model without the column first:\n# in app/models/widget.rb:\nclass Widget < LegacyRecord\n  self.ignored_columns += [\"color\"]\nend\n\n# 2. Then drop it with explicit up/down, keeping a copy so the down can restore the values:\ndef up\n  # legacy_widgets's primary key is not in the migrations migguard read: the framework's id is assumed\n  execute \"CREATE TABLE legacy_widgets_color_backup_20240101000000 AS SELECT id, color FROM legacy_widgets\"\n  remove_column :legacy_widgets, :color\nend\n\ndef down\n  add_column :legacy_widgets, :color, :string\n  execute \"UPDATE legacy_widgets SET color = b.color FROM legacy_widgets_color_backup_20240101000000 b WHERE legacy_widgets.id = b.id\"\nend"],
    },
    {
      framework: "rails",
      name: "a module defines table_name_prefix and table_name_suffix (def self.table_name_suffix): archive_orders_v2 maps to Archive::Order, and the fix names it (remove-column-without-ignored-columns off: otherwise its finding tells this one too)",
      config: { rules: { "remove-column-without-ignored-columns": false } },
      code: `class RemoveNoteFromArchiveOrders < ActiveRecord::Migration[7.1]
  def change
    remove_column :archive_orders_v2, :note, :text
  end
end
`,
      files: {
        "app/models/archive.rb": 'module Archive\n  def self.table_name_prefix\n    "archive_"\n  end\n\n  def self.table_name_suffix\n    "_v2"\n  end\nend\n',
        "app/models/archive/order.rb": "module Archive\n  class Order < ApplicationRecord\n  end\nend\n",
      },
      lines: [3],
      fixes: ["# 1. Deploy the model without the column first:\n# in app/models/archive/order.rb:\nmodule Archive\n  class Order < ApplicationRecord\n    self.ignored_columns += [\"note\"]\n  end\nend\n\n# 2. Then drop it with explicit up/down, keeping a copy so the down can restore the values:\ndef up\n  # archive_orders_v2's primary key is not in the migrations migguard read: the framework's id is assumed\n  execute \"CREATE TABLE archive_orders_v2_note_backup_20240101000000 AS SELECT id, note FROM archive_orders_v2\"\n  remove_column :archive_orders_v2, :note\nend\n\ndef down\n  add_column :archive_orders_v2, :note, :text\n  execute \"UPDATE archive_orders_v2 SET note = b.note FROM archive_orders_v2_note_backup_20240101000000 b WHERE archive_orders_v2.id = b.id\"\nend"],
    },
    {
      framework: "rails",
      name: "the same migration adds the column back as another type: no code finds it missing, a warning for the values; the fix has no ignored_columns step, which would hide the new column",
      path: "db/migrate/20240201000000_change_keeper_data.rb",
      files: { "db/migrate/20240101000000_create_posts.rb": "class CreatePosts < ActiveRecord::Migration[7.1]\n  def change\n    create_table :posts do |t|\n      t.text :keeper_data\n    end\n  end\nend\n" },
      code: "class ChangeKeeperData < ActiveRecord::Migration[7.1]\n  def change\n    remove_column :posts, :keeper_data, :text\n    add_column :posts, :keeper_data, :jsonb\n  end\nend\n",
      lines: [3],
      severities: ["warning"],
      messages: ["This migration, at line 4, adds keeper_data to posts again (jsonb). Code that names it finds it when the migration ends, so only the values are lost."],
      fixes: [
        '# line 4 adds keeper_data to posts again (jsonb): ignored_columns would hide that column from the model too, so the column goes here.\n# Drop it with explicit up/down, keeping a copy so the down can restore the values (line 4 goes into this up after it, and its inverse first into the down):\ndef up\n  execute "CREATE TABLE posts_keeper_data_backup_20240201000000 AS SELECT id, keeper_data FROM posts"\n  remove_column :posts, :keeper_data\nend\n\ndef down\n  add_column :posts, :keeper_data, :text\n  execute "UPDATE posts SET keeper_data = b.keeper_data FROM posts_keeper_data_backup_20240201000000 b WHERE posts.id = b.id"\nend',
      ],
    },
    { framework: "rails", name: "the seed's anti-pattern: change removes users.phone_number", code: SEED_ANTI_PATTERN, lines: [3] },
    {
      framework: "rails",
      name: "strong evidence, a note (danbooru's drop_keeper_data_from_posts): Rails 6.0 inserts only the columns it set, and neither the model nor the application's other code read name the column",
      code: dropKeeperData("6.0"),
      files: POST_CODE,
      lines: [3],
      severities: ["info"],
      messages: ["never name keeper_data"],
    },
    {
      framework: "rails",
      name: "partial evidence, a warning: only the model files were read (no other code to search)",
      code: dropKeeperData("6.0"),
      files: POST_MODEL,
      lines: [3],
      severities: ["warning"],
    },
    {
      framework: "rails",
      name: "a helper of the application still reads the column: the error (remove-column-without-ignored-columns off: otherwise its finding tells this one too)",
      config: { rules: { "remove-column-without-ignored-columns": false } },
      code: dropKeeperData("6.0"),
      files: {
        "app/models/post.rb": "class Post < ApplicationRecord\nend\n",
        "app/helpers/posts_helper.rb": "module PostsHelper\n  def keeper(post)\n    post.keeper_data&.fetch(\"uid\")\n  end\nend\n",
      },
      lines: [3],
      severities: ["error"],
    },
    {
      framework: "rails",
      name: "the model still loads the column under an offline deploy: remove-column-without-ignored-columns' finding is a note there, so this one tells the empty rollback itself",
      config: { deploy: "offline" },
      code: dropKeeperData("7.1"),
      files: { ...POST_CODE, ...loadDefaults("7.1") },
      lines: [3],
      messages: ["rolling back this `change` re-adds the column empty"],
    },
    {
      framework: "rails",
      name: "Rails 7.1 under load_defaults 6.1 still inserts only the attributes set: no code names the column, a note",
      code: dropKeeperData("7.1"),
      files: {
        ...POST_CODE,
        ...loadDefaults("6.1"),
      },
      lines: [3],
      severities: ["info"],
      messages: ["config/application.rb keeps load_defaults 6.1"],
    },
    {
      framework: "rails",
      name: "Rails 7.1 with partial_inserts switched back on in an initializer: a note",
      code: dropKeeperData("7.1"),
      files: {
        ...POST_CODE,
        ...loadDefaults("7.1"),
        "config/initializers/active_record.rb": "Rails.application.config.active_record.partial_inserts = true\n",
      },
      lines: [3],
      severities: ["info"],
      messages: ["sets partial_inserts = true"],
    },
    {
      framework: "rails",
      name: "Rails 7.1 under load_defaults 7.1 names every cached column in each INSERT: the error, however little code names the column (remove-column-without-ignored-columns off: otherwise its finding tells this one too)",
      config: { rules: { "remove-column-without-ignored-columns": false } },
      code: dropKeeperData("7.1"),
      files: {
        ...POST_CODE,
        ...loadDefaults("7.1"),
      },
      lines: [3],
      severities: ["error"],
    },
    {
      framework: "rails",
      name: "a Rails 6.0 migration in a project that locks Rails 8.1 and load_defaults 8.0 today: the version that ran it did partial inserts, a note",
      code: dropKeeperData("6.0"),
      files: {
        ...POST_CODE,
        ...loadDefaults("8.0"),
        "Gemfile.lock": "GEM\n  remote: https://rubygems.org/\n  specs:\n    activerecord (8.1.3)\n    rails (8.1.3)\n",
      },
      lines: [3],
      severities: ["info"],
      messages: ["written for Rails 6.0"],
    },
    {
      framework: "rails",
      name: "partial_inserts = false in production.rb before Rails 7.0: every INSERT names the cached columns, the error (remove-column-without-ignored-columns off: otherwise its finding tells this one too)",
      config: { rules: { "remove-column-without-ignored-columns": false } },
      code: dropKeeperData("6.0"),
      files: {
        ...POST_CODE,
        "config/environments/production.rb": "Rails.application.configure do\n  config.active_record.partial_inserts = false\nend\n",
      },
      lines: [3],
      severities: ["error"],
    },
    {
      framework: "rails",
      name: "remove_columns and t.remove with a type",
      code: `class TrimAccounts < ActiveRecord::Migration[7.1]
  def change
    remove_columns :accounts, :fax, :telex, type: :string
    change_table :users do |t|
      t.remove :pager, type: :string
    end
  end
end
`,
      lines: [3, 3, 5],
    },
    {
      framework: "rails",
      name: "the model's own nesting and superclass in the ignored_columns step (reopening with another superclass raises TypeError) (remove-column-without-ignored-columns off: otherwise its finding tells this one too)",
      config: { rules: { "remove-column-without-ignored-columns": false } },
      path: "core/db/migrate/20260807120001_remove_claim_type_from_spree_claims.rb",
      code: `class RemoveClaimTypeFromSpreeClaims < ActiveRecord::Migration[8.1]
  def change
    remove_column :spree_claims, :claim_type, :string, null: false
  end
end
`,
      files: { "core/app/models/spree/claim.rb": "module Spree\n  class Claim < Spree.base_class\n    belongs_to :order\n    validates :claim_type, presence: true\n  end\nend\n" },
      lines: [3],
      fixes: [
        `# 1. Deploy the model without the column first:
# in core/app/models/spree/claim.rb:
module Spree
  class Claim < Spree.base_class
    self.ignored_columns += ["claim_type"]
  end
end

# 2. Then drop it with explicit up/down, keeping a copy so the down can restore the values:
def up
  # spree_claims's primary key is not in the migrations migguard read: the framework's id is assumed
  execute "CREATE TABLE spree_claims_claim_type_backup_20260807120001 AS SELECT id, claim_type FROM spree_claims"
  remove_column :spree_claims, :claim_type
end

def down
  add_column :spree_claims, :claim_type, :string
  execute "UPDATE spree_claims SET claim_type = b.claim_type FROM spree_claims_claim_type_backup_20260807120001 b WHERE spree_claims.id = b.id"
  # claim_type was NOT NULL: it stays nullable here, since rows created after up have no copy in spree_claims_claim_type_backup_20260807120001;
  # fill those rows, then make it NOT NULL in a migration of its own (change_column_null :spree_claims, :claim_type, false)
end`,
      ],
    },
    {
      framework: "rails",
      name: "the down adds the column back with the options remove_column carried (null: false, default: 0)",
      path: "db/migrate/20191117200404_drop_post_count_from_tag_aliases.rb",
      code: `class DropPostCountFromTagAliases < ActiveRecord::Migration[6.0]
  def change
    remove_column :tag_aliases, :post_count, :integer, null: false, default: 0
  end
end
`,
      files: { "db/migrate/20150403224949_create_tag_aliases.rb": "class CreateTagAliases < ActiveRecord::Migration[4.2]\n  def change\n    create_table :tag_aliases do |t|\n      t.string :antecedent_name, null: false\n      t.integer :post_count, null: false, default: 0\n    end\n  end\nend\n" },
      lines: [3],
      fixes: [
        `# 1. Deploy the model without the column first:
# TagAlias: Rails' name for the model of tag_aliases (migguard did not find the model in app/models; its superclass is unknown: keep the one it has)
class TagAlias < ApplicationRecord
  self.ignored_columns += ["post_count"]
end

# 2. Then drop it with explicit up/down, keeping a copy so the down can restore the values:
def up
  execute "CREATE TABLE tag_aliases_post_count_backup_20191117200404 AS SELECT id, post_count FROM tag_aliases"
  remove_column :tag_aliases, :post_count
end

def down
  add_column :tag_aliases, :post_count, :integer, default: 0, null: false
  execute "UPDATE tag_aliases SET post_count = b.post_count FROM tag_aliases_post_count_backup_20191117200404 b WHERE tag_aliases.id = b.id"
end`,
      ],
    },
    {
      framework: "rails",
      name: "the down adds the column back as the earlier migration defined it, when remove_column gives only the type",
      path: "db/migrate/20191117200405_drop_status_from_tag_aliases.rb",
      code: `class DropStatusFromTagAliases < ActiveRecord::Migration[6.0]
  def change
    remove_column :tag_aliases, :status, :string
  end
end
`,
      files: { "db/migrate/20150403224949_create_tag_aliases.rb": "class CreateTagAliases < ActiveRecord::Migration[4.2]\n  def change\n    create_table :tag_aliases do |t|\n      t.string :status, null: false, default: 'pending'\n    end\n  end\nend\n" },
      lines: [3],
      fixes: [
        `# 1. Deploy the model without the column first:
# TagAlias: Rails' name for the model of tag_aliases (migguard did not find the model in app/models; its superclass is unknown: keep the one it has)
class TagAlias < ApplicationRecord
  self.ignored_columns += ["status"]
end

# 2. Then drop it with explicit up/down, keeping a copy so the down can restore the values:
def up
  execute "CREATE TABLE tag_aliases_status_backup_20191117200405 AS SELECT id, status FROM tag_aliases"
  remove_column :tag_aliases, :status
end

def down
  add_column :tag_aliases, :status, :string, default: 'pending', null: false
  execute "UPDATE tag_aliases SET status = b.status FROM tag_aliases_status_backup_20191117200405 b WHERE tag_aliases.id = b.id"
end`,
      ],
    },
    {
      framework: "rails",
      name: "remove_reference without type: of a uuid reference: the down adds the column back as the history's uuid, not Rails' default bigint",
      path: "db/migrate/20210208174025_remove_old_fields_from_schools.rb",
      code: `class RemoveOldFieldsFromSchools < ActiveRecord::Migration[6.1]
  def change
    remove_reference :schools, :local_authority, foreign_key: true
  end
end
`,
      files: {
        "db/migrate/20210128134938_add_gias_fields_to_schools.rb":
          "class AddGiasFieldsToSchools < ActiveRecord::Migration[6.1]\n  def change\n    create_table :local_authorities, id: :uuid do |t|\n      t.string :name\n    end\n    create_table :schools, id: :uuid do |t|\n      t.string :urn\n    end\n    add_reference :schools, :local_authority, foreign_key: true, type: :uuid\n  end\nend\n",
      },
      lines: [3],
      fixes: [
        `# 1. Deploy the model without the column first:
# School: Rails' name for the model of schools (migguard did not find the model in app/models; its superclass is unknown: keep the one it has)
class School < ApplicationRecord
  self.ignored_columns += ["local_authority_id"]
end

# 2. Then drop it with explicit up/down, keeping a copy so the down can restore the values:
def up
  execute "CREATE TABLE schools_local_authority_id_backup_20210208174025 AS SELECT id, local_authority_id FROM schools"
  remove_column :schools, :local_authority_id
end

def down
  add_column :schools, :local_authority_id, :uuid
  execute "UPDATE schools SET local_authority_id = b.local_authority_id FROM schools_local_authority_id_backup_20210208174025 b WHERE schools.id = b.id"
end`,
      ],
    },
    {
      framework: "rails",
      name: "remove_reference without type: of a column no migration read defines: the down says its type is unknown instead of guessing bigint",
      code: `class RemoveOwnerFromWidgets < ActiveRecord::Migration[6.1]
  def change
    remove_reference :widgets, :owner
  end
end
`,
      lines: [3],
      messages: ["Removing widgets.owner_id deletes its values"],
      fixes: [
        `# 1. Deploy the model without the column first:
# Widget: Rails' name for the model of widgets (migguard did not find the model in app/models; its superclass is unknown: keep the one it has)
class Widget < ApplicationRecord
  self.ignored_columns += ["owner_id"]
end

# 2. Then drop it with explicit up/down, keeping a copy so the down can restore the values:
def up
  # widgets's primary key is not in the migrations migguard read: the framework's id is assumed
  execute "CREATE TABLE widgets_owner_id_backup_20240101000000 AS SELECT id, owner_id FROM widgets"
  remove_column :widgets, :owner_id
end

def down
  raise ActiveRecord::IrreversibleMigration, "migguard found no type for widgets.owner_id in the earlier migrations or the schema dump: add_column it back with the type it had"
  execute "UPDATE widgets SET owner_id = b.owner_id FROM widgets_owner_id_backup_20240101000000 b WHERE widgets.id = b.id"
end`,
      ],
    },
    {
      framework: "rails",
      name: "simple-server's remove_title_from_dr_rai_indicators: the table was created 4 hours earlier (the same pull request, #5621) and nothing wrote to it: it ships empty in the same deploy, so the column held no values to lose, a note",
      path: "db/migrate/20250619152733_remove_title_from_dr_rai_indicators.rb",
      files: {
        "db/migrate/20250619104804_create_dr_rai_indicators.rb": `class CreateDrRaiIndicators < ActiveRecord::Migration[6.1]
  def change
    create_table :dr_rai_indicators do |t|
      t.string :title
      t.timestamp :deleted_at

      t.timestamps
    end
  end
end
`,
      },
      code: `class RemoveTitleFromDrRaiIndicators < ActiveRecord::Migration[6.1]
  def change
    remove_column :dr_rai_indicators, :title, :string
  end
end
`,
      lines: [3],
      severities: ["info"],
      messages: ["dr_rai_indicators was created 4 hours earlier by 20250619104804_create_dr_rai_indicators.rb, and nothing has written to it since"],
    },
    {
      framework: "rails",
      name: "the same removal a week after the table was created: it may hold rows by now, the error stays",
      path: "db/migrate/20250626152733_remove_title_from_dr_rai_indicators.rb",
      files: {
        "db/migrate/20250619104804_create_dr_rai_indicators.rb": `class CreateDrRaiIndicators < ActiveRecord::Migration[6.1]
  def change
    create_table :dr_rai_indicators do |t|
      t.string :title
      t.timestamps
    end
  end
end
`,
      },
      code: `class RemoveTitleFromDrRaiIndicators < ActiveRecord::Migration[6.1]
  def change
    remove_column :dr_rai_indicators, :title, :string
  end
end
`,
      lines: [3],
      severities: ["error"],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "the model still loads the column (Rails 7.1, every INSERT names it): remove-column-without-ignored-columns' finding on the line tells the empty rollback too, one finding (publish-teacher-training's remove_modular_from_course)",
      code: dropKeeperData("7.1"),
      files: { ...POST_CODE, ...loadDefaults("7.1") },
    },
    {
      framework: "rails",
      name: "a stored virtual column removed and added back generated in the same `change`: every value is computed again",
      path: "db/migrate/20240301000000_rebuild_search_vector.rb",
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
      code: `class RebuildSearchVector < ActiveRecord::Migration[7.1]
  def change
    remove_column :articles, :search_vector, :virtual, type: :tsvector, as: "to_tsvector('simple', body)", stored: true
    add_column :articles, :search_vector, :virtual, type: :tsvector, as: "to_tsvector('english', body)", stored: true
  end
end
`,
    },
    {
      framework: "rails",
      name: "where.not(deleted_at: nil).delete_all first: the column holds only NULLs, so re-adding it empty on rollback restores it as it was",
      path: "db/migrate/20250702000000_hard_delete_alerts.rb",
      code: `class HardDeleteAlerts < ActiveRecord::Migration[7.1]
  def change
    reversible { |dir| dir.up { Alert.where.not(deleted_at: nil).delete_all } }
    remove_column :alerts, :deleted_at, :datetime
  end
end
`,
    },
    {
      framework: "rails",
      name: "a scratch column the same change added: the rollback has no values to lose",
      code: `class MoveUsers < ActiveRecord::Migration[7.1]
  def change
    add_column :users, :legacy_flag, :boolean
    remove_column :users, :legacy_flag, :boolean
  end
end
`,
    },
    {
      framework: "rails",
      name: "one hazard, one finding: a column of a table the same `change` drops afterwards (drop-table reports it)",
      code: `class RemoveStaging < ActiveRecord::Migration[7.1]
  def change
    remove_column :staged_changes, :branch_id, :bigint
    drop_table :staged_changes do |t|
      t.string :name
    end
  end
end
`,
    },
    {
      framework: "rails",
      name: "removed in a reversible block whose dir.down re-adds the column and puts its values back",
      code: `class RemoveOldColumnsFromTransactions < ActiveRecord::Migration[7.2]
  def change
    reversible do |dir|
      dir.up do
        remove_column :account_transactions, :date
      end

      dir.down do
        add_column :account_transactions, :date, :date
        execute <<-SQL.squish
          UPDATE account_transactions at SET date = ae.date
          FROM account_entries ae
          WHERE ae.entryable_type = 'Account::Transaction' AND ae.entryable_id = at.id
        SQL
      end
    end
  end
end
`,
    },
    { framework: "rails", name: "the seed's quick patch: explicit up/down with a backup", code: SEED_QUICK_PATCH },
    {
      framework: "rails",
      name: "remove_column without a type is irreversible (reported by irreversible-migration instead)",
      code: `class DropPhoneNumber < ActiveRecord::Migration[7.0]
  def change
    remove_column :users, :phone_number
  end
end
`,
    },
    {
      framework: "rails",
      name: "a column of a table created in the same migration",
      code: `class CreateDrafts < ActiveRecord::Migration[7.1]
  def change
    create_table :drafts do |t|
      t.text :body
    end
    remove_column :drafts, :body, :text
  end
end
`,
    },
    {
      framework: "rails",
      name: "the values are copied to a backup table first",
      code: `class DropPhoneNumber < ActiveRecord::Migration[7.0]
  def change
    create_table :users_phone_backup, as: "SELECT id, phone_number FROM users"
    remove_column :users, :phone_number, :string
  end
end
`,
    },
  ],
});

import { defineCases } from "../support/rule.js";

/** create_table :settings with force:, after an earlier migration of the case's `files` made settings. */
const RECREATE_SETTINGS = `class RecreateSettings < ActiveRecord::Migration[7.1]
  def change
    create_table :settings, force: true do |t|
      t.string :key, null: false
    end
  end
end
`;

/** danbooru's drop_key_values */
const DROP_KEY_VALUES = `class DropKeyValues < ActiveRecord::Migration[5.1]
  def change
    drop_table :key_values
  end
end
`;
/** a model and application code, neither naming key_values or KeyValue */
const KEY_VALUES_FREE_CODE = {
  "app/models/user.rb": "class User < ApplicationRecord\n  has_many :posts\nend\n",
  "app/logical/cache.rb": "module Cache\n  def self.get(key)\n    Rails.cache.fetch(key)\n  end\nend\n",
};

/** identity-idp's drop of proofing_components, whose model left in an earlier change */
const DROP_PROOFING_COMPONENTS = `class DropProofingComponentsTable < ActiveRecord::Migration[7.2]
  def change
    drop_table :proofing_components do |t|
      t.integer "user_id", null: false
      t.string "document_check"
    end
  end
end
`;
/** code where proofing_components is a local, a method, a keyword argument, an attr_reader and a %w word: none is the table */
const PROOFING_WORDS_CODE = {
  "app/models/user.rb": "class User < ApplicationRecord\n  has_many :profiles\nend\n",
  "app/jobs/proofing_agent_job.rb":
    "class ProofingAgentJob < ApplicationJob\n  attr_reader :proofing_components\n\n  def perform(proofing_components: {})\n    @proofing_components = proofing_components\n    proofing_components[:document_check] = 'vendor'\n    Profile.create!(proofing_components: proofing_components.to_json)\n  end\nend\n",
  "lib/analytics_events_documenter.rb": "class AnalyticsEventsDocumenter\n  OPTIONAL = %w[\n    proofing_components\n  ].freeze\nend\n",
};

/** panoptes' drop of subject_groups: the model left earlier, and app/models/subject_group.rb is now a plain Ruby class built in memory */
const DROP_SUBJECT_GROUPS = "class DropSubjectGroups < ActiveRecord::Migration[7.0]\n  def change\n    drop_table :subject_groups\n  end\nend\n";
const PLAIN_SUBJECT_GROUP = (superclass: string) => ({
  "app/models/subject.rb": "class Subject < ApplicationRecord\n  belongs_to :project\nend\n",
  "app/models/subject_group.rb": `class SubjectGroup${superclass}\n  def self.from_member_subjects(subjects)\n    new(subjects.map(&:id))\n  end\nend\n`,
  "app/controllers/subjects_controller.rb": "class SubjectsController < ApplicationController\n  def grouped\n    render json: SubjectGroup.from_member_subjects(Subject.where(id: params[:ids]))\n  end\nend\n",
});

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "execute \"DELETE FROM key_values\" earlier in the up, then drop_table: the drop loses no rows; the model is still there, so servers running the old code use it",
      path: "db/migrate/20170101000000_drop_key_values.rb",
      files: { "app/models/key_value.rb": "class KeyValue < ApplicationRecord\nend\n" },
      code: `class DropKeyValues < ActiveRecord::Migration[5.1]
  def up
    execute "DELETE FROM key_values"
    drop_table :key_values
  end

  def down
    create_table :key_values do |t|
      t.string :key
    end
  end
end
`,
      lines: [4],
      severities: ["warning"],
      messages: ["Dropping table key_values loses no data: line 3 of this migration removes every row of it first (a DELETE without WHERE)"],
    },
    {
      framework: "rails",
      name: "the up raises if KeyValue.exists? before drop_table: only an empty table goes, no data-loss claim; the model is still there, so servers running the old code use it: a warning",
      path: "db/migrate/20170101000000_drop_key_values.rb",
      files: { "app/models/key_value.rb": "class KeyValue < ApplicationRecord\nend\n" },
      code: `class DropKeyValues < ActiveRecord::Migration[5.1]
  def up
    raise "key_values still holds rows: move them first" if KeyValue.exists?
    drop_table :key_values
  end

  def down
    create_table :key_values do |t|
      t.string :key
    end
  end
end
`,
      lines: [4],
      severities: ["warning"],
      messages: ["Dropping table key_values loses no data: the migration stops on line 3 when key_values has a row (`KeyValue.exists?`)"],
    },
    {
      framework: "rails",
      name: "`if KeyValue.count > 0 then raise` and no model or code names the table: a note naming the check's line",
      path: "db/migrate/20170101000000_drop_key_values.rb",
      files: KEY_VALUES_FREE_CODE,
      code: `class DropKeyValues < ActiveRecord::Migration[5.1]
  class KeyValue < ActiveRecord::Base; end

  def up
    if KeyValue.count > 0
      raise "key_values still holds rows"
    end
    drop_table :key_values
  end
end
`,
      lines: [8],
      severities: ["info"],
      messages: ["loses no data: the migration stops on line 5 when key_values has a row"],
    },
    {
      framework: "rails",
      name: "a raise on a scoped relation (KeyValue.where(kind: 'a').exists?) leaves other rows: the data-loss error stays",
      path: "db/migrate/20170101000000_drop_key_values.rb",
      code: `class DropKeyValues < ActiveRecord::Migration[5.1]
  def up
    raise "move the a's first" if KeyValue.where(kind: "a").exists?
    drop_table :key_values
  end
end
`,
      lines: [4],
      severities: ["error"],
    },
    {
      framework: "rails",
      name: "a class of the table's model name under app/models that is a plain Ruby object (panoptes' in-memory SubjectGroup): its constant names no table, the planned last step",
      path: "db/migrate/20260122212801_drop_subject_groups.rb",
      code: DROP_SUBJECT_GROUPS,
      files: PLAIN_SUBJECT_GROUP(""),
      lines: [3],
      severities: ["info"],
      messages: ["SubjectGroup is a plain Ruby class (no Active Record superclass), so its constant names no table"],
    },
    {
      framework: "rails",
      name: "the same class on ApplicationRecord: the model of the table, still used, the data-loss error",
      path: "db/migrate/20260122212801_drop_subject_groups.rb",
      code: DROP_SUBJECT_GROUPS,
      files: PLAIN_SUBJECT_GROUP(" < ApplicationRecord"),
      lines: [3],
      severities: ["error"],
    },
    {
      framework: "rails",
      name: "no model maps to the table, and the code names proofing_components only as a local, a method, a keyword argument, an attr_reader and a %w word (identity-idp): the planned last step, a note that says how it knew",
      path: "db/primary_migrate/20250106232958_drop_proofing_components_table.rb",
      code: DROP_PROOFING_COMPONENTS,
      files: PROOFING_WORDS_CODE,
      lines: [3],
      severities: ["info"],
      messages: ["its Ruby read with Prism: no ProofingComponent constant, no association, query or string naming proofing_components"],
    },
    {
      framework: "rails",
      name: "the same code, and a query that still joins the table by its association: the data-loss error",
      path: "db/primary_migrate/20250106232958_drop_proofing_components_table.rb",
      code: DROP_PROOFING_COMPONENTS,
      files: { ...PROOFING_WORDS_CODE, "app/services/verified_profiles.rb": "class VerifiedProfiles\n  def self.call = Profile.joins(:proofing_component).where.not(proofing_components: { verified_at: nil })\nend\n" },
      lines: [3],
      severities: ["error"],
    },
    {
      framework: "rails",
      name: "the same code, and a constant of the old model: the data-loss error",
      path: "db/primary_migrate/20250106232958_drop_proofing_components_table.rb",
      code: DROP_PROOFING_COMPONENTS,
      files: { ...PROOFING_WORDS_CODE, "app/services/cleanup.rb": "class Cleanup\n  def self.call = ProofingComponent.where(user_id: nil).delete_all\nend\n" },
      lines: [3],
      severities: ["error"],
    },
    {
      framework: "rails",
      name: "drop_table of a table a later migration creates again (a new key): no claim about today's model, which maps the new table; the fix keeps a copy and drops as written",
      path: "db/migrate/20240201000000_drop_zones.rb",
      files: {
        "db/migrate/20240101000000_create_zones.rb": "class CreateZones < ActiveRecord::Migration[7.1]\n  def change\n    create_table :zones do |t|\n      t.string :name\n    end\n  end\nend\n",
        "db/migrate/20240301000000_create_zones_again.rb": "class CreateZonesAgain < ActiveRecord::Migration[7.1]\n  def change\n    create_table :zones, id: :uuid do |t|\n      t.string :name\n    end\n  end\nend\n",
        "app/models/zone.rb": "class Zone < ApplicationRecord\nend\n",
      },
      code: "class DropZones < ActiveRecord::Migration[7.1]\n  def up\n    drop_table :zones\n  end\n\n  def down\n    raise ActiveRecord::IrreversibleMigration\n  end\nend\n",
      lines: [3],
      severities: ["error"],
      messages: ["db/migrate/20240301000000_create_zones_again.rb:3 creates table zones again. Code that used the dropped one can only have run between the two migrations"],
      fixes: [
        '# db/migrate/20240301000000_create_zones_again.rb:3 creates table zones again, so zones cannot stay under its name, and a copy has none of its indexes to collide with it. Keep a copy of the rows, then drop it as written:\nexecute "CREATE TABLE zones_backup_20240201000000 AS TABLE zones"\ndrop_table :zones',
      ],
    },
    {
      framework: "rails",
      name: "content-publisher's delete_pre_versioning_tables: a later migration renames versioned_timeline_entries, which stood beside it, onto the name: another table, not this one coming back; today's model reads the replacement, so a warning that the drop looks superseded, never the between-two-migrations claim",
      path: "db/migrate/20190122104549_delete_pre_versioning_tables.rb",
      files: {
        "db/migrate/20181101000000_create_timeline_entries.rb": "class CreateTimelineEntries < ActiveRecord::Migration[5.2]\n  def change\n    create_table :timeline_entries do |t|\n      t.string :entry_type\n    end\n  end\nend\n",
        "db/migrate/20190108111128_create_versioned_timeline_entry.rb": "class CreateVersionedTimelineEntry < ActiveRecord::Migration[5.2]\n  def change\n    create_table :versioned_timeline_entries do |t|\n      t.string :entry_type\n    end\n  end\nend\n",
        "db/migrate/20190123140850_remove_versioned_prefix_from_tables.rb": "class RemoveVersionedPrefixFromTables < ActiveRecord::Migration[5.2]\n  def change\n    rename_table :versioned_timeline_entries, :timeline_entries\n  end\nend\n",
        "app/models/timeline_entry.rb": "class TimelineEntry < ApplicationRecord\nend\n",
      },
      code: "class DeletePreVersioningTables < ActiveRecord::Migration[5.2]\n  def change\n    drop_table :timeline_entries # rubocop:disable Rails/ReversibleMigration\n  end\nend\n",
      lines: [3],
      severities: ["warning"],
      messages: [
        "It looks superseded: versioned_timeline_entries, created by db/migrate/20190108111128_create_versioned_timeline_entry.rb, stands beside it when this runs and takes its name later (db/migrate/20190123140850_remove_versioned_prefix_from_tables.rb:3 renames table versioned_timeline_entries to timeline_entries). What names timeline_entries in today's code (the TimelineEntry model, app/models/timeline_entry.rb) reads that table, not this one",
      ],
      fixes: [
        '# db/migrate/20190123140850_remove_versioned_prefix_from_tables.rb:3 renames table versioned_timeline_entries to timeline_entries, so timeline_entries cannot stay under its name, and a copy has none of its indexes to collide with it. Keep a copy of the rows, then drop it as written:\nexecute "CREATE TABLE timeline_entries_backup_20190122104549 AS TABLE timeline_entries"\ndrop_table :timeline_entries',
      ],
    },
    {
      framework: "rails",
      name: "the same, the renamed table created only after the drop: nothing stood beside the dropped table, so the recreation's error stays",
      path: "db/migrate/20190122104549_delete_pre_versioning_tables.rb",
      files: {
        "db/migrate/20181101000000_create_timeline_entries.rb": "class CreateTimelineEntries < ActiveRecord::Migration[5.2]\n  def change\n    create_table :timeline_entries do |t|\n      t.string :entry_type\n    end\n  end\nend\n",
        "db/migrate/20190122200000_create_versioned_timeline_entry.rb": "class CreateVersionedTimelineEntry < ActiveRecord::Migration[5.2]\n  def change\n    create_table :versioned_timeline_entries do |t|\n      t.string :entry_type\n    end\n  end\nend\n",
        "db/migrate/20190123140850_remove_versioned_prefix_from_tables.rb": "class RemoveVersionedPrefixFromTables < ActiveRecord::Migration[5.2]\n  def change\n    rename_table :versioned_timeline_entries, :timeline_entries\n  end\nend\n",
        "app/models/timeline_entry.rb": "class TimelineEntry < ApplicationRecord\nend\n",
      },
      code: "class DeletePreVersioningTables < ActiveRecord::Migration[5.2]\n  def change\n    drop_table :timeline_entries # rubocop:disable Rails/ReversibleMigration\n  end\nend\n",
      lines: [3],
      severities: ["error"],
      messages: ["db/migrate/20190123140850_remove_versioned_prefix_from_tables.rb:3 renames table versioned_timeline_entries to timeline_entries."],
    },
    {
      framework: "rails",
      name: "the planned removal (hcb's drop_mfa): no model maps to the tables and no model names them, so the code left first; a warning to keep a copy",
      code: `class DropMfa < ActiveRecord::Migration[7.0]
  def change
    drop_table :mfa_codes, force: :cascade
    drop_table :mfa_requests, force: :cascade
  end
end
`,
      files: {
        "app/models/user.rb": "class User < ApplicationRecord\n  has_many :events\nend\n",
        "app/models/event.rb": "class Event < ApplicationRecord\n  belongs_to :user\nend\n",
      },
      lines: [3, 4],
      severities: ["warning", "warning"],
      messages: ["no model of the application maps to mfa_codes", "keep a copy if anyone may need the rows"],
    },
    {
      framework: "rails",
      name: "the planned removal in change, with the tables' history: the copy runs up only (a bare execute makes rollback raise) and drop_table carries the definition, in the order rollback needs",
      path: "db/migrate/20231130210710_drop_mfa.rb",
      code: `class DropMfa < ActiveRecord::Migration[7.0]
  def change
    drop_table :mfa_codes, force: :cascade
    drop_table :mfa_requests, force: :cascade
  end
end
`,
      files: {
        "app/models/user.rb": "class User < ApplicationRecord\n  has_many :events\nend\n",
        "db/migrate/20230101000000_create_mfa_codes.rb": `class CreateMfaCodes < ActiveRecord::Migration[7.0]
  def change
    create_table :mfa_codes do |t|
      t.string :code
    end
  end
end
`,
        "db/migrate/20230101000001_create_mfa_requests.rb": `class CreateMfaRequests < ActiveRecord::Migration[7.0]
  def change
    create_table :mfa_requests do |t|
      t.references :mfa_code, foreign_key: true
    end
  end
end
`,
      },
      lines: [3, 4],
      severities: ["warning", "warning"],
      fixes: ["# mfa_requests references mfa_codes: write this drop_table after drop_table :mfa_requests (line 4), since rollback recreates the tables in reverse order and mfa_codes must exist again first\n# 1. Done already: no model of the application maps to mfa_codes, and its 1 model file never name mfa_codes or MfaCode (its Ruby read with Prism: no MfaCode constant, no association, query or string naming mfa_codes).\n# 2. Keep a copy, then drop the table with its definition (as the migration that created it wrote it) so the migration can be reversed:\nup_only { execute \"CREATE TABLE mfa_codes_backup_20231130210710 AS TABLE mfa_codes\" }\ndrop_table :mfa_codes, force: :cascade do |t|\n  t.string :code\nend\n# (rollback recreates the columns; add its indexes to the block as t.index if they matter)", "# mfa_requests references mfa_codes: write this drop_table before drop_table :mfa_codes (line 3), since rollback recreates the tables in reverse order and mfa_codes must exist again first\n# 1. Done already: no model of the application maps to mfa_requests, and its 1 model file never name mfa_requests or MfaRequest (its Ruby read with Prism: no MfaRequest constant, no association, query or string naming mfa_requests).\n# 2. Keep a copy, then drop the table with its definition (as the migration that created it wrote it) so the migration can be reversed:\nup_only { execute \"CREATE TABLE mfa_requests_backup_20231130210710 AS TABLE mfa_requests\" }\ndrop_table :mfa_requests, force: :cascade do |t|\n  t.references :mfa_code, foreign_key: true\nend\n# (rollback recreates the columns; add its indexes to the block as t.index if they matter)"],
    },
    {
      framework: "rails",
      name: "strong evidence, a note: no model maps to the table and neither the models nor the application's other code read name it (danbooru's drop_key_values)",
      code: DROP_KEY_VALUES,
      files: {
        ...KEY_VALUES_FREE_CODE,
      },
      lines: [3],
      severities: ["info"],
      messages: ["the 2 files of its code read never name key_values or KeyValue"],
    },
    {
      framework: "rails",
      name: "configuration that lists the table's name as a word (friendly_id's reserved slugs) is not a use of the table: still a note",
      code: DROP_KEY_VALUES,
      files: {
        ...KEY_VALUES_FREE_CODE,
        "config/initializers/friendly_id.rb": "FriendlyId.defaults do |config|\n  config.reserved_words = %w[\n    key_values\n    new\n  ]\nend\n",
      },
      lines: [3],
      severities: ["info"],
    },
    {
      framework: "rails",
      name: "no model maps to the table but other code still queries it (raw SQL in a service): the data-loss error",
      code: DROP_KEY_VALUES,
      files: {
        "app/models/user.rb": "class User < ApplicationRecord\n  has_many :posts\nend\n",
        "app/logical/cache.rb": "module Cache\n  def self.get(key)\n    ApplicationRecord.connection.select_value(\"SELECT value FROM key_values WHERE key = 'x'\")\n  end\nend\n",
      },
      lines: [3],
      severities: ["error"],
    },
    {
      framework: "rails",
      name: "a model still names the table (has_many :mfa_codes): not a planned removal, the data-loss error",
      code: `class DropMfaCodes < ActiveRecord::Migration[7.0]
  def change
    drop_table :mfa_codes
  end
end
`,
      files: { "app/models/user.rb": "class User < ApplicationRecord\n  has_many :mfa_codes\nend\n" },
      lines: [3],
      severities: ["error"],
    },
    {
      framework: "rails",
      name: "a table whose model still exists: the data-loss error",
      code: `class DropMfaCodes < ActiveRecord::Migration[7.0]
  def change
    drop_table :mfa_codes
  end
end
`,
      files: { "app/models/mfa_code.rb": "class MfaCode < ApplicationRecord\nend\n" },
      lines: [3],
      severities: ["error"],
    },
    {
      framework: "rails",
      name: "a join table two models may share through has_and_belongs_to_many (no model of its own): the data-loss error",
      code: `class DropRolesUsers < ActiveRecord::Migration[7.0]
  def change
    drop_table :roles_users
  end
end
`,
      files: {
        "app/models/user.rb": "class User < ApplicationRecord\n  has_and_belongs_to_many :roles\nend\n",
        "app/models/role.rb": "class Role < ApplicationRecord\n  has_and_belongs_to_many :users\nend\n",
      },
      lines: [3],
      severities: ["error"],
    },
    {
      framework: "rails",
      name: "without the application's models, nothing says the code left: the data-loss error",
      code: `class DropMfaCodes < ActiveRecord::Migration[7.0]
  def change
    drop_table :mfa_codes
  end
end
`,
      lines: [3],
      severities: ["error"],
    },
    {
      framework: "rails",
      name: "the guard checks a table this migration does not create: the other tables' force: drops may still hit populated tables",
      code: `class InstallReports < ActiveRecord::Migration[7.1]
  def up
    return if data_source_exists?(:legacy_reports)

    create_table :reports, force: :cascade do |t|
      t.string :title
    end
  end

  def down
    drop_table :reports
  end
end
`,
      lines: [5],
    },
    {
      framework: "rails",
      name: "drop_table in `def up` with an empty `def down` (human-essentials' drop_item_requests_table): the create_table goes into down, where rollback runs it; the table is named, not today's model of that name",
      path: "db/migrate/20190608022706_drop_item_requests_table.rb",
      code: `class DropItemRequestsTable < ActiveRecord::Migration[5.2]
  def up
    drop_table :item_requests
  end

  def down
  end
end
`,
      files: {
        "db/migrate/20190331000000_create_item_requests.rb": `class CreateItemRequests < ActiveRecord::Migration[5.2]
  def change
    create_table :item_requests do |t|
      t.string :name
      t.integer :quantity
      t.timestamps
    end
  end
end
`,
        "app/models/partners/item_request.rb": 'module Partners\n  class ItemRequest < ApplicationRecord\n    self.table_name = "item_requests"\n  end\nend\n',
      },
      lines: [3],
      fixes: [
        [
          "# 1. Remove every use of the item_requests table (its model, queries and associations) and deploy.",
          "# 2. Keep a copy, then drop the table; the down creates it again (as the migration that created it wrote it), so a rollback restores the table (its rows stay in the copy):",
          "def up",
          '  execute "CREATE TABLE item_requests_backup_20190608022706 AS TABLE item_requests"',
          "  drop_table :item_requests",
          "end",
          "",
          "def down",
          "  create_table :item_requests do |t|",
          "    t.string :name",
          "    t.integer :quantity",
          "    t.timestamps",
          "  end",
          "  # (add the table's indexes to the block as t.index if they matter)",
          "end",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "drop_table of live tables",
      code: `class DropOldTables < ActiveRecord::Migration[7.1]
  def change
    drop_table :draft_content_items
    drop_table :versions do |t|
      t.integer :target_id
    end
  end
end
`,
      lines: [3, 4],
      fixes: [
        [
          "# 1. Remove every use of the draft_content_items table (its model, queries and associations) and deploy.",
          "# 2. Keep a copy, then drop the table with its definition so the migration can be reversed:",
          'up_only { execute "CREATE TABLE draft_content_items_backup_20240101000000 AS TABLE draft_content_items" }',
          "drop_table :draft_content_items do |t|",
          "  # migguard found no create_table of draft_content_items in the earlier migrations: copy its columns from db/schema.rb so rollback can recreate it",
          "end",
        ].join("\n"),
        ["# 1. Remove every use of the versions table (its model, queries and associations) and deploy.", "# 2. Keep a copy before dropping:", 'up_only { execute "CREATE TABLE versions_backup_20240101000000 AS TABLE versions" }', "drop_table :versions do |t|", "  t.integer :target_id", "end"].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "drop_table of a table whose columns later migrations extended, in `def up` with an irreversible down: the down creates it again as its create_table with the columns added since (add_column, change_table)",
      path: "db/migrate/20250318000000_remove_jobs.rb",
      files: {
        "db/migrate/20240210000000_create_jobs.rb": `class CreateJobs < ActiveRecord::Migration[7.2]
  def change
    create_table :jobs, id: :uuid do |t|
      t.text :queue_name
    end
  end
end
`,
        "db/migrate/20240709000000_add_job_backtrace.rb": `class AddJobBacktrace < ActiveRecord::Migration[7.2]
  def change
    add_column :jobs, :error_backtrace, :text, array: true
    change_table :jobs do |t|
      t.integer :priority, limit: 2
    end
  end
end
`,
      },
      code: `class RemoveJobs < ActiveRecord::Migration[7.2]
  def up
    drop_table :jobs
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`,
      lines: [3],
      fixes: [
        [
          "# 1. Remove every use of the jobs table (its model, queries and associations) and deploy.",
          "# 2. Keep a copy, then drop the table; the down creates it again (as the migration that created it wrote it), so a rollback restores the table (its rows stay in the copy):",
          "def up",
          '  execute "CREATE TABLE jobs_backup_20250318000000 AS TABLE jobs"',
          "  drop_table :jobs",
          "end",
          "",
          "def down",
          "  create_table :jobs, id: :uuid do |t|",
          "    t.text :queue_name",
          "    t.column :error_backtrace, :text, array: true",
          "    t.integer :priority, limit: 2",
          "  end",
          "  # (add the table's indexes to the block as t.index if they matter)",
          "end",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "drop_table of a table a later migration changed otherwise (a column removed): the fix says it cannot write the create_table again",
      path: "db/migrate/20250318000000_remove_jobs.rb",
      files: {
        "db/migrate/20240210000000_create_jobs.rb": `class CreateJobs < ActiveRecord::Migration[7.2]
  def change
    create_table :jobs do |t|
      t.text :queue_name
      t.text :error
    end
  end
end
`,
        "db/migrate/20240709000000_remove_job_error.rb": `class RemoveJobError < ActiveRecord::Migration[7.2]
  def change
    remove_column :jobs, :error, :text
  end
end
`,
      },
      code: `class RemoveJobs < ActiveRecord::Migration[7.2]
  def change
    drop_table :jobs
  end
end
`,
      lines: [3],
      fixes: [
        [
          "# 1. Remove every use of the jobs table (its model, queries and associations) and deploy.",
          "# 2. Keep a copy, then drop the table with its definition so the migration can be reversed:",
          'up_only { execute "CREATE TABLE jobs_backup_20250318000000 AS TABLE jobs" }',
          "drop_table :jobs do |t|",
          "  # migguard found no create_table of jobs in the earlier migrations that it could write again with the later changes of its columns: copy its columns from db/schema.rb so rollback can recreate it",
          "end",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "drop_table in change: the fix's block is the create_table of the earlier migration that defined the table, as written",
      path: "db/migrate/20250117094633_drop_thumbnails.rb",
      files: {
        "db/migrate/20240502090914_create_thumbnails.rb": `class CreateThumbnails < ActiveRecord::Migration[7.1]
  def change
    create_table :thumbnails do |t|
      t.text  :url,   null: false
      t.jsonb :data,  null: false, default: {}

      t.timestamps
    end
    add_index :thumbnails, :url
  end
end
`,
      },
      code: `class DropThumbnails < ActiveRecord::Migration[7.2]
  def change
    drop_table :thumbnails
  end
end
`,
      lines: [3],
      fixes: [
        [
          "# 1. Remove every use of the thumbnails table (its model, queries and associations) and deploy.",
          "# 2. Keep a copy, then drop the table with its definition (as the migration that created it wrote it) so the migration can be reversed:",
          'up_only { execute "CREATE TABLE thumbnails_backup_20250117094633 AS TABLE thumbnails" }',
          "drop_table :thumbnails do |t|",
          "  t.text  :url,   null: false",
          "  t.jsonb :data,  null: false, default: {}",
          "",
          "  t.timestamps",
          "end",
          "# (rollback recreates the columns; add its indexes to the block as t.index if they matter)",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "hcb drop_mfa: mfa_requests references mfa_codes, dropped first: rollback would recreate mfa_requests before mfa_codes, so both fixes give the order that reverses",
      path: "db/migrate/20231130210710_drop_mfa.rb",
      files: {
        "db/migrate/20230101000000_create_mfa_codes.rb": `class CreateMfaCodes < ActiveRecord::Migration[7.0]
  def change
    create_table :mfa_codes do |t|
      t.text :message
      t.string :code

      t.timestamps
    end
  end
end
`,
        "db/migrate/20230101000001_create_mfa_requests.rb": `class CreateMfaRequests < ActiveRecord::Migration[7.0]
  def change
    create_table :mfa_requests do |t|
      t.string :provider
      t.references :mfa_code, foreign_key: true
      t.string :aasm_state

      t.timestamps
    end
  end
end
`,
      },
      code: `class DropMfa < ActiveRecord::Migration[7.0]
  def change
    drop_table :mfa_codes, force: :cascade
    drop_table :mfa_requests, force: :cascade
  end
end
`,
      lines: [3, 4],
      fixes: ["# mfa_requests references mfa_codes: write this drop_table after drop_table :mfa_requests (line 4), since rollback recreates the tables in reverse order and mfa_codes must exist again first\n# 1. Remove every use of the mfa_codes table (its model, queries and associations) and deploy.\n# 2. Keep a copy, then drop the table with its definition (as the migration that created it wrote it) so the migration can be reversed:\nup_only { execute \"CREATE TABLE mfa_codes_backup_20231130210710 AS TABLE mfa_codes\" }\ndrop_table :mfa_codes, force: :cascade do |t|\n  t.text :message\n  t.string :code\n\n  t.timestamps\nend\n# (rollback recreates the columns; add its indexes to the block as t.index if they matter)", "# mfa_requests references mfa_codes: write this drop_table before drop_table :mfa_codes (line 3), since rollback recreates the tables in reverse order and mfa_codes must exist again first\n# 1. Remove every use of the mfa_requests table (its model, queries and associations) and deploy.\n# 2. Keep a copy, then drop the table with its definition (as the migration that created it wrote it) so the migration can be reversed:\nup_only { execute \"CREATE TABLE mfa_requests_backup_20231130210710 AS TABLE mfa_requests\" }\ndrop_table :mfa_requests, force: :cascade do |t|\n  t.string :provider\n  t.references :mfa_code, foreign_key: true\n  t.string :aasm_state\n\n  t.timestamps\nend\n# (rollback recreates the columns; add its indexes to the block as t.index if they matter)"],
    },
    {
      framework: "rails",
      name: "hcb partnered_signups: a column added later and removed again leaves the definition whole: the block is the create_table with the columns still there",
      path: "db/migrate/20240920170139_drop_partner_tables.rb",
      files: {
        "db/migrate/20211027203342_create_partnered_signups.rb": `class CreatePartneredSignups < ActiveRecord::Migration[6.1]
  def change
    create_table :partnered_signups do |t|
      t.string :owner_email
      t.string :organization_name, null: false

      t.timestamps
    end
  end
end
`,
        "db/migrate/20211209215634_partner_docusign_support.rb": `class PartnerDocusignSupport < ActiveRecord::Migration[6.1]
  def change
    add_column :partnered_signups, :docusign_envelope_id, :string
    add_column :partnered_signups, :legal_acknowledgement, :boolean
  end
end
`,
        "db/migrate/20230510050352_remove_partner_docusign_support.rb": `class RemovePartnerDocusignSupport < ActiveRecord::Migration[7.0]
  def change
    remove_column :partnered_signups, :docusign_envelope_id, :string
  end
end
`,
      },
      code: `class DropPartnerTables < ActiveRecord::Migration[7.2]
  def change
    drop_table :partnered_signups
  end
end
`,
      lines: [3],
      fixes: ["# 1. Remove every use of the partnered_signups table (its model, queries and associations) and deploy.\n# 2. Keep a copy, then drop the table with its definition (as the migration that created it wrote it, with the columns added since) so the migration can be reversed:\nup_only { execute \"CREATE TABLE partnered_signups_backup_20240920170139 AS TABLE partnered_signups\" }\ndrop_table :partnered_signups do |t|\n  t.string :owner_email\n  t.string :organization_name, null: false\n\n  t.timestamps\n  t.column :legal_acknowledgement, :boolean\nend\n# (rollback recreates the columns; add its indexes to the block as t.index if they matter)"],
    },
    {
      framework: "rails",
      name: "drop_table in up with a down that recreates the table: the fix keeps a copy of the rows, the down stays",
      code: `class RemoveSettingsGem < ActiveRecord::Migration[4.2]
  def up
    drop_table :settings
  end

  def down
    create_table :settings do |t|
      t.string :var, null: false
    end
  end
end
`,
      lines: [3],
      fixes: [
        [
          "# 1. Remove every use of the settings table (its model, queries and associations) and deploy.",
          "# 2. Keep a copy of the rows before dropping (the down recreates the table, not its rows):",
          'execute "CREATE TABLE settings_backup_20240101000000 AS TABLE settings"',
          "drop_table :settings",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "create_table with force: drops the existing table first",
      code: `class RecreateSettings < ActiveRecord::Migration[7.1]
  def change
    create_table :settings, force: :cascade do |t|
      t.string :key, null: false
    end
  end
end
`,
      lines: [3],
    },
    {
      framework: "rails",
      name: "create_table with force: in the first migration of its folder: a squashed schema under a new version would drop production's tables",
      code: `class InitSchema < ActiveRecord::Migration[7.1]
  def change
    create_table "settings", force: :cascade do |t|
      t.string "key", null: false
    end
  end
end
`,
      lines: [3],
    },
    {
      framework: "rails",
      name: "create_table with force: of a table an earlier migration created: the error stays (the force: drop, often copied from schema.rb, empties the table though the name is back at once)",
      files: {
        "db/migrate/20230101000000_create_settings.rb": `class CreateSettings < ActiveRecord::Migration[7.1]
  def change
    create_table :settings do |t|
      t.string :key
    end
  end
end
`,
      },
      code: RECREATE_SETTINGS,
      lines: [3],
      severities: ["error"],
    },
    {
      framework: "rails",
      name: "create_table with force: of a table an earlier migration created in SQL migguard keeps as text",
      files: {
        "db/migrate/20230101000000_create_settings.rb": `class CreateSettings < ActiveRecord::Migration[7.1]
  def up
    execute "CREATE TABLE settings (key text) INHERITS (base_settings)"
  end
end
`,
      },
      code: RECREATE_SETTINGS,
      lines: [3],
    },
    {
      framework: "rails",
      name: "create_table with force: of a table no earlier migration names (huginn's create_delayed_jobs): a note, since a database the migrations built has none to drop",
      files: {
        "db/migrate/20230101000000_create_users.rb": `class CreateUsers < ActiveRecord::Migration[7.1]
  def change
    create_table :users do |t|
      t.string :email
    end
  end
end
`,
      },
      code: `class CreateDelayedJobs < ActiveRecord::Migration[7.1]
  def self.up
    create_table :delayed_jobs, :force => true do |table|
      table.integer :priority, :default => 0
      table.text :handler
    end
  end

  def self.down
    drop_table :delayed_jobs
  end
end
`,
      lines: [3],
      severities: ["info"],
    },
    {
      framework: "rails",
      name: "execute drops IF EXISTS a removed gem's table no model or migration defines: the copy is guarded by to_regclass, the drop keeps IF EXISTS, and no model class is made up from the table",
      code: `class RemoveAllauthRemnants < ActiveRecord::Migration[7.1]
  def up
    execute "DROP TABLE IF EXISTS account_emailaddress"
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`,
      lines: [3],
      fixes: [
        "# 1. Remove every use of the account_emailaddress table (its model, queries and associations) and deploy.\n# 2. Keep a copy, then drop the table; the down creates it again, so a rollback restores the table (its rows stay in the copy):\ndef up\n  execute \"DO $$ BEGIN IF to_regclass('account_emailaddress') IS NOT NULL THEN CREATE TABLE account_emailaddress_backup_20240101000000 AS TABLE account_emailaddress; END IF; END $$\"\n  drop_table :account_emailaddress, if_exists: true\nend\n\ndef down\n  create_table :account_emailaddress do |t|\n    # migguard found no create_table of account_emailaddress in the earlier migrations: copy its columns from db/schema.rb\n  end\nend",
      ],
    },
    {
      framework: "rails",
      name: "DROP TABLE in execute",
      code: `class DropLegacy < ActiveRecord::Migration[7.1]
  def up
    execute "DROP TABLE legacy_reports"
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
      name: "rows selected with select_rows and written into another table by the loop over them, then the drop: a step that read its rows, not plain data loss",
      code: `class MoveTagsToCampaigns < ActiveRecord::Migration[7.1]
  def up
    select_rows("SELECT DISTINCT campaigns FROM tags WHERE campaigns IS NOT NULL").each do |(name)|
      execute("INSERT INTO campaigns (name) VALUES (#{connection.quote(name)})")
    end
    drop_table :tags
  end

  def down
    create_table :tags do |t|
      t.string :campaigns
    end
    execute "INSERT INTO tags (campaigns) SELECT name FROM campaigns"
  end
end
`,
      lines: [6],
      severities: ["warning"],
      messages: ['Dropping table tags after the data step at line 3 (select_rows("SELECT DISTINCT campaigns FROM tags WHERE campaigns IS NOT NULL")) read its rows: if that step moved them, no data is lost'],
    },
    {
      framework: "rails",
      name: "a count selected with select_value and nothing written elsewhere before the drop: the data-loss error stays",
      code: `class DropTags < ActiveRecord::Migration[7.1]
  def up
    say "dropping #{select_value("SELECT count(*) FROM tags")} tags"
    drop_table :tags
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`,
      lines: [4],
      severities: ["error"],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "create_table with force: in the first migration of a folder later migrations build on (peoplefinder's initial_schema): it runs only on a database without the table, so force: drops nothing",
      files: {
        "db/migrate/20240201000000_add_leader_to_memberships.rb": `class AddLeaderToMemberships < ActiveRecord::Migration[7.1]
  def change
    add_column :memberships, :leader, :boolean, default: false
  end
end
`,
      },
      code: `class InitialSchema < ActiveRecord::Migration[4.2]
  def change
    create_table "memberships", force: true do |t|
      t.integer "group_id"
      t.text "role"
    end

    create_table "tokens", force: true do |t|
      t.text "value"
    end
  end
end
`,
    },
    {
      framework: "rails",
      name: "a squashed install schema that returns when its first table exists: it runs only on a database that never had these tables, so force: drops nothing",
      code: `class SpreeFourThree < ActiveRecord::Migration[5.2]
  def up
    # Do not run it if one of the core tables already exists.
    return if data_source_exists?(:spree_addresses)

    create_table "spree_addresses", force: :cascade do |t|
      t.string "firstname"
    end

    create_table "spree_calculators", force: :cascade do |t|
      t.string "type"
    end
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`,
    },
    {
      framework: "rails",
      name: "a table created earlier in the same migration",
      code: `class Scratch < ActiveRecord::Migration[7.1]
  def change
    create_table :imports do |t|
      t.string :name
    end
    drop_table :imports do |t|
      t.string :name
    end
  end
end
`,
    },
    {
      framework: "rails",
      name: "INSERT ... SELECT from the table into another before the drop: the rows are copied by the statement itself",
      code: `class MoveTagsToCampaigns < ActiveRecord::Migration[7.1]
  def up
    execute "INSERT INTO campaigns (name) SELECT DISTINCT campaigns FROM tags WHERE campaigns IS NOT NULL"
    drop_table :tags
  end

  def down
    create_table :tags do |t|
      t.string :campaigns
    end
    execute "INSERT INTO tags (campaigns) SELECT name FROM campaigns"
  end
end
`,
    },
    {
      framework: "rails",
      name: "the data is copied first",
      code: `class DropLegacy < ActiveRecord::Migration[7.1]
  def up
    execute "CREATE TABLE legacy_reports_backup AS TABLE legacy_reports"
    drop_table :legacy_reports
  end

  def down
    execute "ALTER TABLE legacy_reports_backup RENAME TO legacy_reports"
  end
end
`,
    },
  ],
});

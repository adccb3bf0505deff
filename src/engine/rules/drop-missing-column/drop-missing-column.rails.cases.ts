import { defineCases } from "../support/rule.js";
import { SUPPORTED_PERMISSIONS_DUMP, renamePermission } from "../../testing/rails-fixtures.js";

/** govuk-chat's answer_analysis_coherence_runs as 20260107102203 created it: no `success` column */
const CREATE_RUNS = {
  "db/migrate/20260107102203_add_answer_analysis_coherence_tables.rb": `class AddAnswerAnalysisCoherenceTables < ActiveRecord::Migration[8.0]
  def change
    create_table :answer_analysis_coherence_runs, id: :uuid do |t|
      t.decimal :score, null: false
      t.string :reason, null: false
      t.jsonb :metrics
      t.references :answer, type: :uuid, null: false, foreign_key: { on_delete: :cascade }
      t.timestamps
    end
  end
end
`,
};

/** govuk-chat 20260303123938: remove_column of a `success` the table never had, beside an enum value `success` */
const AMEND = `class AmendAnswerAnalysisRunTables < ActiveRecord::Migration[8.0]
  def change
    create_enum :answer_analysis_run_status, %w[success failure error]
    models = %i[
      answer_analysis_coherence_runs
    ]

    models.each do |model|
      add_column model, :status, :answer_analysis_run_status, null: false, default: "success"
      remove_column model, :success, :boolean, null: false, default: true
    end
  end
end
`;


export default defineCases({
  invalid: [
    ...(["mysql", "postgresql"] as const).map((database) => ({
      framework: "rails" as const,
      name: `signon 7cd74f2d on ${database}: rename_column of delegated to delegated, a column db/schema.rb does not give the table (it has delegatable): the rename cannot run, which is the error (not a rename that breaks code reading delegated), with the rename it most likely meant`,
      path: "db/migrate/20241001140623_rename_delegatable_to_delegated.rb",
      config: { database },
      files: SUPPORTED_PERMISSIONS_DUMP,
      code: renamePermission("delegated", "delegated"),
      lines: [3],
      messages: [
        `Column supported_permissions.delegated is renamed to its own name: that is no rename, and it cannot run: ${database === "mysql" ? "MySQL fails with ERROR 1054 (unknown column) where supported_permissions has no delegated and does nothing where it has it" : 'PostgreSQL refuses it either way (column "delegated" does not exist, or already exists)'}. db/schema.rb gives supported_permissions no delegated, but delegatable, so it fails there.`,
      ],
      fixes: [
        "# delegated renamed to delegated renames nothing.\n# It most likely meant to rename delegatable:\nrename_column :supported_permissions, :delegatable, :delegated\n# (a real rename: old code that still reads the old name breaks once it runs, as rename-column says)",
      ],
    })),
    {
      framework: "rails",
      name: "rename_column of a column db/schema.rb does not give a table no migration created (the history squashed away), nor the new name: the rename fails",
      path: "db/migrate/20241001140623_rename_delegatable_to_delegated.rb",
      config: { database: "mysql" },
      files: SUPPORTED_PERMISSIONS_DUMP,
      code: renamePermission("delegatible", "delegated"),
      lines: [3],
      messages: ["Column supported_permissions.delegatible does not exist when this runs: db/schema.rb gives supported_permissions no delegatible (nor delegated), but delegatable, and no migration since adds it, so the rename fails (\"column delegatible does not exist\", MySQL's ERROR 1054)"],
    },
    {
      framework: "rails",
      name: "rename_column of a column no migration created (access-your-teaching-qualifications 20240709072134): the rename fails on every database",
      path: "db/migrate/20260401000000_rename_reason_on_runs.rb",
      files: CREATE_RUNS,
      code: `class RenameReasonOnRuns < ActiveRecord::Migration[8.0]
  def change
    rename_column :answer_analysis_coherence_runs, :reason_text, :reason_given
  end
end
`,
      lines: [3],
      messages: ["Column answer_analysis_coherence_runs.reason_text does not exist when this runs"],
    },
    {
      framework: "rails",
      name: "remove_column of a column no migration added to a table a migration created (govuk-chat 20260303123938): the migration fails, no data-loss finding",
      path: "db/migrate/20260303123938_amend_answer_analysis_run_tables.rb",
      files: CREATE_RUNS,
      code: AMEND,
      lines: [10],
      messages: ["Column answer_analysis_coherence_runs.success does not exist when this runs"],
      fixes: [
        "# answer_analysis_coherence_runs never had success: take this drop out of the migration (it fails wherever the migrations built the table).\n# If some database got success outside the migrations, drop it only where it exists (IF EXISTS, Rails' if_exists: true).",
      ],
    },
    {
      framework: "rails",
      name: "a column added and then removed by earlier migrations, removed again",
      path: "db/migrate/20260401000000_remove_flag_again.rb",
      files: {
        ...CREATE_RUNS,
        "db/migrate/20260201000000_add_flag.rb": "class AddFlag < ActiveRecord::Migration[8.0]\n  def change\n    add_column :answer_analysis_coherence_runs, :flag, :boolean\n  end\nend\n",
        "db/migrate/20260301000000_remove_flag.rb": "class RemoveFlag < ActiveRecord::Migration[8.0]\n  def change\n    remove_column :answer_analysis_coherence_runs, :flag, :boolean\n  end\nend\n",
      },
      code: "class RemoveFlagAgain < ActiveRecord::Migration[8.0]\n  def change\n    remove_column :answer_analysis_coherence_runs, :flag, :boolean\n  end\nend\n",
      lines: [3],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "d10976b7, the repair: rename_column of delegatable, which db/schema.rb gives supported_permissions, to delegated: a rename that runs (rename-column's business)",
      path: "db/migrate/20241001140623_rename_delegatable_to_delegated.rb",
      config: { database: "mysql" },
      files: SUPPORTED_PERMISSIONS_DUMP,
      code: renamePermission("delegatable", "delegated"),
    },
    {
      framework: "rails",
      name: "the column a migration added: a drop of data, for the drop rules",
      path: "db/migrate/20260401000000_remove_metrics.rb",
      files: CREATE_RUNS,
      code: "class RemoveMetrics < ActiveRecord::Migration[8.0]\n  def change\n    remove_column :answer_analysis_coherence_runs, :metrics, :jsonb\n  end\nend\n",
    },
    {
      framework: "rails",
      name: "a timestamps column the create_table block's helper added",
      path: "db/migrate/20260401000000_remove_updated_at.rb",
      files: CREATE_RUNS,
      code: "class RemoveUpdatedAt < ActiveRecord::Migration[8.0]\n  def change\n    remove_column :answer_analysis_coherence_runs, :updated_at, :datetime\n  end\nend\n",
    },
    {
      framework: "rails",
      name: "raw SQL on the table after its creation may have added the column: nothing proven",
      path: "db/migrate/20260401000000_remove_success.rb",
      files: {
        ...CREATE_RUNS,
        "db/migrate/20260201000000_add_success_in_sql.rb": 'class AddSuccessInSql < ActiveRecord::Migration[8.0]\n  def up\n    execute "ALTER TABLE answer_analysis_coherence_runs ADD COLUMN IF NOT EXISTS success boolean"\n  end\nend\n',
      },
      code: "class RemoveSuccess < ActiveRecord::Migration[8.0]\n  def change\n    remove_column :answer_analysis_coherence_runs, :success, :boolean\n  end\nend\n",
    },
    {
      framework: "rails",
      name: "a table no migration of the folder created (from a schema dump, or migrations squashed away): nothing proven",
      path: "db/migrate/20260401000000_remove_success.rb",
      files: { "db/migrate/20260101000000_add_score.rb": "class AddScore < ActiveRecord::Migration[8.0]\n  def change\n    add_column :runs, :score, :decimal\n  end\nend\n" },
      code: "class RemoveSuccess < ActiveRecord::Migration[8.0]\n  def change\n    remove_column :runs, :success, :boolean\n  end\nend\n",
    },
    {
      framework: "rails",
      name: "a create_table block with a call migguard does not read (paperclip's t.attachment adds avatar_file_name): nothing proven",
      path: "db/migrate/20260401000000_remove_avatar_file_name.rb",
      files: { "db/migrate/20260101000000_create_users.rb": "class CreateUsers < ActiveRecord::Migration[8.0]\n  def change\n    create_table :users do |t|\n      t.string :name\n      t.attachment :avatar\n    end\n  end\nend\n" },
      code: "class RemoveAvatarFileName < ActiveRecord::Migration[8.0]\n  def change\n    remove_column :users, :avatar_file_name, :string\n  end\nend\n",
    },
    {
      framework: "rails",
      name: "under `if column_exists?`: a missing column is what it expects",
      path: "db/migrate/20260401000000_remove_success.rb",
      files: CREATE_RUNS,
      code: "class RemoveSuccess < ActiveRecord::Migration[8.0]\n  def change\n    remove_column :answer_analysis_coherence_runs, :success, :boolean if column_exists?(:answer_analysis_coherence_runs, :success)\n  end\nend\n",
    },
    {
      framework: "rails",
      name: "if_exists: true tolerates the missing column",
      path: "db/migrate/20260401000000_remove_success.rb",
      files: CREATE_RUNS,
      code: "class RemoveSuccess < ActiveRecord::Migration[8.0]\n  def up\n    remove_column :answer_analysis_coherence_runs, :success, if_exists: true\n  end\n\n  def down\n  end\nend\n",
    },
  ],
});

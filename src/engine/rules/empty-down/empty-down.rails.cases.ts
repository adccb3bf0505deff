import { defineCases } from "../support/rule.js";

/** pet-rescue's add_first_and_last_name_to_people, the columns added with `options` */
const ADD_NAMES = (options = "") => `class AddFirstAndLastNameToPeople < ActiveRecord::Migration[7.1]
  def change
    add_column :people, :first_name, :string${options}
    add_column :people, :last_name, :string${options}
  end
end
`;
/** pet-rescue's backfill: each person's name split into the columns the migration before added */
const BACKFILL_NAMES = (extra = "") => `class BackfillNamesInPeople < ActiveRecord::Migration[7.1]
  def up
    Person.find_each do |person|
      first_name, last_name = person.name.split(" ")
      person.update!(first_name:, last_name:${extra})
    end
  end

  def down
  end
end
`;


/** inaturalist's clean-up: cleaned values computed into a scratch column, copied over, the scratch column removed */
const CLEAN_GEOMS = (downBody: string) => `class CleanPlaceGeometries < ActiveRecord::Migration[6.1]
  def up
    add_column :place_geometries, :cleaned_geom, :geometry

    execute <<-SQL
      UPDATE place_geometries
      SET cleaned_geom = ST_MakeValid(geom)
      WHERE geom IS NOT NULL AND NOT ST_IsValid(geom)
    SQL

    execute <<-SQL
      UPDATE place_geometries SET geom = cleaned_geom WHERE cleaned_geom IS NOT NULL
    SQL

    remove_column :place_geometries, :cleaned_geom
  end

  def down
${downBody}  end
end
`;

/** every user's email set to `value` and saved, the empty down holding only a TODO that wonders whether it is irreversible */
const EMAILS_WITH_TODO = (name: string, value: string) => `class ${name} < ActiveRecord::Migration[7.0]
  def up
    User.find_each do |user|
      user.email = ${value}
      user.save
    end
  end

  def down
    # TODO: irreversible?
  end
end
`;

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "pet-rescue: a loop that only fills the columns the migration just before added empty: their rollback drops them, so a note that says why the empty down is right",
      path: "db/migrate/20240818223957_backfill_names_in_people.rb",
      files: { "db/migrate/20240818222727_add_first_and_last_name_to_people.rb": ADD_NAMES() },
      code: BACKFILL_NAMES(),
      lines: [9],
      severities: ["info"],
      messages: ["only writes first_name, last_name of people, which db/migrate/20240818222727_add_first_and_last_name_to_people.rb, the migration just before it, added with no value and nothing wrote since"],
      fixes: ["def down\n  # nothing to restore: first_name, last_name of people were added empty by 20240818222727_add_first_and_last_name_to_people.rb, whose rollback drops them\nend"],
    },
    {
      framework: "rails",
      name: "the loop also writes a column the earlier migration did not add: the values it overwrites there do not come back, a warning",
      path: "db/migrate/20240818223957_backfill_names_in_people.rb",
      files: { "db/migrate/20240818222727_add_first_and_last_name_to_people.rb": ADD_NAMES() },
      code: BACKFILL_NAMES(", name: nil"),
      lines: [9],
      severities: ["warning"],
    },
    {
      framework: "rails",
      name: "the columns were added with a default: the backfill overwrites the default's values, the warning stays",
      path: "db/migrate/20240818223957_backfill_names_in_people.rb",
      files: { "db/migrate/20240818222727_add_first_and_last_name_to_people.rb": ADD_NAMES(', default: ""') },
      code: BACKFILL_NAMES(),
      lines: [9],
      severities: ["warning"],
    },
    {
      framework: "rails",
      name: "another migration runs between the one that added the columns and the backfill: code deployed with it may have written them, the warning stays",
      path: "db/migrate/20240818223957_backfill_names_in_people.rb",
      files: {
        "db/migrate/20240818222727_add_first_and_last_name_to_people.rb": ADD_NAMES(),
        "db/migrate/20240818223000_add_nickname_to_people.rb": "class AddNicknameToPeople < ActiveRecord::Migration[7.1]\n  def change\n    add_column :people, :nickname, :string\n  end\nend\n",
      },
      code: BACKFILL_NAMES(),
      lines: [9],
      severities: ["warning"],
    },
    {
      framework: "rails",
      name: "a backfill of every row, not only the NULLs the NOT VALID check rejects, before validating it: the values it overwrites do not come back",
      path: "db/primary_migrate/20210303182041_validate_add_null_constraint_to_agencies_abbreviation.rb",
      files: {
        "db/primary_migrate/20210303182040_add_null_constraint_to_agencies_abbreviation.rb": `class AddNullConstraintToAgenciesAbbreviation < ActiveRecord::Migration[6.1]
  def up
    safety_assured do
      execute 'ALTER TABLE "agencies" ADD CONSTRAINT "agencies_abbreviation_null" CHECK ("abbreviation" IS NOT NULL) NOT VALID'
    end
  end

  def down
    safety_assured do
      execute 'ALTER TABLE "agencies" DROP CONSTRAINT "agencies_abbreviation_null"'
    end
  end
end
`,
      },
      code: `class ValidateAddNullConstraintToAgenciesAbbreviation < ActiveRecord::Migration[6.1]
  def up
    safety_assured do
      execute 'UPDATE agencies SET abbreviation = name'
      execute 'ALTER TABLE "agencies" VALIDATE CONSTRAINT "agencies_abbreviation_null"'
    end
  end

  def down
  end
end
`,
      lines: [9],
    },
    {
      framework: "rails",
      name: "change_column_null on columns of which only some were NOT NULL: the down sets it back on those alone, as the migration that created the table defined them, and says it for a column no migration defines",
      path: "db/migrate/20240306000000_relax_users.rb",
      files: {
        "db/migrate/20240301000000_create_users.rb": `class CreateUsers < ActiveRecord::Migration[7.1]
  def change
    create_table :users do |t|
      t.string :email, null: false
      t.string :nickname
    end
  end
end
`,
      },
      code: `class RelaxUsers < ActiveRecord::Migration[7.1]
  def up
    change_column_null :users, :email, true
    change_column_null :users, :nickname, true
    change_column_null :accounts, :owner_id, true
  end

  def down
  end
end
`,
      lines: [8],
      fixes: [
        [
          "def down",
          "  # line 5 drops NOT NULL on accounts.owner_id: no earlier migration migguard read says whether it was NOT NULL before (none defines the column, or one changed it since); if it was, change_column_null :accounts, :owner_id, false here (it fails if rows with NULL were written since)",
          "  change_column_null :users, :email, false  # fails if rows with NULL were written since up",
          "end",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "an empty down after a loop that only adds rows it did not find (find_or_initialize_by, next if persisted?, save!): a note (docuseal 20241022125135)",
      code: `class PopulateCompletedSubmitters < ActiveRecord::Migration[7.2]
  def up
    MigrationSubmitter.where.not(completed_at: nil).find_each do |submitter|
      completed = MigrationCompletedSubmitter.find_or_initialize_by(submitter_id: submitter.id)

      next if completed.persisted?

      completed.assign_attributes(completed_at: submitter.completed_at)
      completed.save!
    end
  end

  def down
    nil
  end
end
`,
      lines: [13],
      severities: ["info"],
      messages: ["only adds rows it did not find"],
    },
    {
      framework: "rails",
      name: "an empty down after a loop over the rows a filter picks (where.not(completed_at: nil)) that saves a found-or-built record: a one-way data change within the picked rows, with no schema to put back, a note",
      code: `class PopulateCompletedSubmitters < ActiveRecord::Migration[7.2]
  def up
    MigrationSubmitter.where.not(completed_at: nil).find_each do |submitter|
      completed = MigrationCompletedSubmitter.find_or_initialize_by(submitter_id: submitter.id)
      completed.assign_attributes(completed_at: submitter.completed_at)
      completed.save!
    end
  end

  def down
    nil
  end
end
`,
      lines: [10],
      severities: ["info"],
      messages: ["in code migguard cannot read that neither rewrites nor deletes every row of a table"],
    },
    {
      framework: "rails",
      name: "an empty down whose comment says why it stays empty: a note that quotes it",
      code: `class BackfillSearchTokens < ActiveRecord::Migration[7.1]
  def up
    add_column :customers, :search_tokens, :tsvector
  end

  def down
    # Left in place on rollback: the previous release ignores search_tokens,
    # and rebuilding it takes an hour on the customers table.
  end
end
`,
      lines: [6],
      severities: ["info"],
      messages: ['its author wrote "Left in place on rollback: the previous release ignores search_tokens, and rebuilding it takes an hour on the customers table." (line 7)'],
    },
    {
      framework: "rails",
      name: "a comment that only says the down is empty keeps the error",
      code: `class DropPhoneNumber < ActiveRecord::Migration[7.0]
  def up
    remove_column :users, :phone_number
  end

  def down
    # nothing to do
  end
end
`,
      lines: [6],
      severities: ["error"],
    },
    {
      framework: "rails",
      name: "the fix undoes each call of up: the default put back as the migration that added the column set it, the renamed column named back",
      path: "db/migrate/20240306000000_plans.rb",
      files: {
        "db/migrate/20240301000000_add_plan.rb": `class AddPlan < ActiveRecord::Migration[7.1]
  def change
    add_column :accounts, :plan, :string, default: "free"
  end
end
`,
      },
      code: `class Plans < ActiveRecord::Migration[7.1]
  def up
    change_column_default :accounts, :plan, "basic"
    rename_column :accounts, :plan, :tier
    add_index :accounts, :tier
  end

  def down
  end
end
`,
      lines: [8],
      fixes: [
        [
          "def down",
          '  remove_index :accounts, name: "index_accounts_on_tier"',
          "  rename_column :accounts, :tier, :plan",
          "  change_column_default :accounts, :plan, 'free'",
          "end",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "an empty down after a change_column that sets default: and restates null: false on a column NOT NULL already: the down puts back the default the column had and leaves its NOT NULL",
      path: "db/migrate/20240206000000_fee_default.rb",
      files: {
        "db/migrate/20240202000000_add_fee.rb": `class AddFee < ActiveRecord::Migration[7.1]
  def change
    add_column :schools, :fee, :integer, null: false, default: 5
  end
end
`,
      },
      code: `class FeeDefault < ActiveRecord::Migration[7.1]
  def up
    change_column :schools, :fee, :integer, default: 0, null: false
  end

  def down
  end
end
`,
      lines: [6],
      fixes: ["def down\n  change_column_default :schools, :fee, 5\nend"],
    },
    {
      framework: "rails",
      name: "def down with nothing in it",
      code: `class DropPhoneNumber < ActiveRecord::Migration[7.0]
  def up
    remove_column :users, :phone_number
  end

  def down
  end
end
`,
      lines: [6],
    },
    {
      framework: "rails",
      name: "a down that only prints",
      code: `class DropPhoneNumber < ActiveRecord::Migration[7.0]
  def up
    remove_column :users, :phone_number
  end

  def down
    say "nothing to do"
  end
end
`,
      lines: [6],
    },
    {
      framework: "rails",
      name: "a clean-up that deletes narrowed rows in batches, with an explicit empty down (Mastodon's clean_up_invalid_accounts): a note",
      code: `class CleanUpInvalidAccounts < ActiveRecord::Migration[8.1]
  class Account < ApplicationRecord; end

  def up
    Account.where.not(domain: nil).where(uri: nil).in_batches.delete_all
  end

  def down; end
end
`,
      lines: [8],
      severities: ["info"],
    },
    {
      framework: "rails",
      name: "every row deleted in batches, with an empty down: nothing else reports it, a warning",
      code: `class PurgeSessions < ActiveRecord::Migration[8.1]
  class Session < ApplicationRecord; end

  def up
    Session.in_batches.delete_all
  end

  def down; end
end
`,
      lines: [8],
      severities: ["warning"],
    },
    {
      framework: "rails",
      name: "a clean-up that works in scratch columns it adds and removes again, its down marked `# irreversible`: a note that keeps that down, never a down that re-adds and removes the scratch columns (inaturalist 20260511210120)",
      code: CLEAN_GEOMS("    # irreversible\n"),
      lines: [18],
      severities: ["info"],
      messages: ['its author marked it "irreversible" (line 19), and the up only changes rows (place_geometries.cleaned_geom, which it adds to work in and removes again before it ends, leaves the schema as it was)'],
      fixes: ["def down\n  # irreversible\nend"],
    },
    {
      framework: "rails",
      name: "the same clean-up with a blank down: the data-only note, its fix the explicit one-way down with no schema step for the scratch column",
      code: CLEAN_GEOMS(""),
      lines: [18],
      severities: ["info"],
      fixes: ["def down\n  # one-way data change: the rows up changed keep their new values (nothing in the schema to put back)\nend"],
    },
    {
      framework: "rails",
      name: "a loop that overwrites values, its down marked `# irreversible`: the author's one-way data fix-up, a note (inaturalist 20250730210202)",
      code: `class DowncaseUserParentEmails < ActiveRecord::Migration[6.1]
  def up
    UserParent.find_each do | user_parent |
      user_parent.email = user_parent.email.downcase
      user_parent.save
    end
  end

  def down
    # irreversible
  end
end
`,
      lines: [9],
      severities: ["info"],
      fixes: ["def down\n  # irreversible\nend"],
    },
    {
      framework: "rails",
      name: "a loop that saves records and a model's class method call (a search reindex), the down marked `# irreversible`: a note that names the call it cannot read (inaturalist 20260319212735)",
      code: `class SetDefaultUmbrellaProjectListSort < ActiveRecord::Migration[6.1]
  def up
    umbrellas = Project.where(project_type: "umbrella").each do |project|
      project.prefers_umbrella_project_list_sort = "descending"
      project.save
    end

    Project.elastic_index!(ids: umbrellas.pluck(:id), delay: true)
  end

  def down
    # irreversible
  end
end
`,
      lines: [11],
      severities: ["info"],
      messages: ["calls `Project.elastic_index!(ids: umbrellas.pluck(:id), delay: true)`, code migguard cannot read: if that changes the schema, this down should undo it"],
    },
    {
      framework: "rails",
      name: "a schema change whose down is marked `# irreversible`: the word does not undo the drop, the error stays",
      code: `class DropPhoneNumber < ActiveRecord::Migration[7.0]
  def up
    remove_column :users, :phone_number
  end

  def down
    # irreversible
  end
end
`,
      lines: [6],
      severities: ["error"],
    },
    {
      framework: "rails",
      name: "data code and a gem's schema helper (globalize's create_translation_table!), the down marked `# irreversible`: the helper may create a table, the error stays",
      code: `class TranslatePublicBodies < ActiveRecord::Migration[7.0]
  def up
    PublicBody.create_translation_table!({ name: :text })
    PublicBody.find_each { |body| body.update!(name: body.name.strip) }
  end

  def down
    # irreversible
  end
end
`,
      lines: [7],
      severities: ["error"],
    },
    {
      framework: "rails",
      name: "a TODO that wonders whether it is irreversible is no mark: code it cannot read that overwrites every row's value with another column's stays a warning",
      code: EMAILS_WITH_TODO("CopyLoginsToEmails", "user.login.downcase"),
      lines: [9],
      severities: ["warning"],
    },
    {
      framework: "rails",
      name: "chaskiq's 20210228160317: a find_each backfill of a blank column with `def down; end`, each write tested on its record (`unless b.bot_type.present?`): only the blanks change, a one-way fill with nothing to restore, a note",
      path: "db/migrate/20210228160317_add_bot_type_to_bot_task.rb",
      code: `class AddBotTypeToBotTask < ActiveRecord::Migration[6.1]
  def up
    BotTask.find_each do |b|
      b.update(bot_type: 'outbound') unless b.bot_type.present?
    end
  end

  def down; end
end
`,
      lines: [8],
      severities: ["info"],
      messages: ["A one-way clean-up like this has nothing a down should restore"],
    },
    {
      framework: "rails",
      name: "signon 6d625fcf: the organisations a SQL filter picks (leading or trailing whitespace in the name) re-saved so the model strips them, with `def down; end`: a one-way clean-up, a note",
      path: "db/migrate/20230911092404_strip_whitespace_from_organisation_names.rb",
      code: `class StripWhitespaceFromOrganisationNames < ActiveRecord::Migration[7.0]
  NAME_HAS_LEADING_OR_TRAILING_SPACE = "name REGEXP('^\\s+') OR name REGEXP('\\s+$')".freeze

  def up
    Organisation.where(NAME_HAS_LEADING_OR_TRAILING_SPACE).each(&:save!)
  end

  def down; end
end
`,
      lines: [8],
      severities: ["info"],
      messages: ["A one-way clean-up like this has nothing a down should restore"],
      fixes: ["def down\n  # one-way data change: the rows up changed keep their new values (nothing in the schema to put back)\nend"],
    },
    {
      framework: "rails",
      name: "signon 78ebf57f: the tokens of the users a scope picks (suspended ones) revoked through a model method, with `def down; end`: un-revoking would re-grant access, the empty down is the right one, a note",
      path: "db/migrate/20230816164936_revoke_access_tokens_for_suspended_users.rb",
      code: `class RevokeAccessTokensForSuspendedUsers < ActiveRecord::Migration[7.0]
  def up
    User.with_status(User::USER_STATUS_SUSPENDED)
      .find_each(&:revoke_all_authorisations)
  end

  def down; end
end
`,
      lines: [7],
      severities: ["info"],
    },
    {
      framework: "rails",
      name: "every user's email lower-cased (a normalisation of each row's own value) with a TODO in the empty down: nothing a down should restore, a note",
      code: EMAILS_WITH_TODO("DowncaseEmails", "user.email.downcase"),
      lines: [9],
      severities: ["info"],
    },
    {
      framework: "rails",
      name: "a model method sent to every user (no filter picks them): what it overwrites on every row does not come back, the warning stays",
      code: `class ResetPreferences < ActiveRecord::Migration[7.0]
  def up
    User.find_each(&:reset_preferences!)
  end

  def down; end
end
`,
      lines: [6],
      severities: ["warning"],
    },
    {
      framework: "rails",
      name: "a re-save of the rows a filter picks beside an add_column, with an empty down: the up changes the schema too, the error stays",
      code: `class AddSlugToOrganisations < ActiveRecord::Migration[7.0]
  def up
    add_column :organisations, :slug, :string
    Organisation.where(slug: nil).each(&:save!)
  end

  def down; end
end
`,
      lines: [7],
      severities: ["error"],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "the up fills only the NULLs a NOT VALID CHECK (abbreviation IS NOT NULL) of the history rejects, then validates it: NULLs cannot be put back while it stands, and validating has nothing to undo (identity-idp 20210303182041)",
      path: "db/primary_migrate/20210303182041_validate_add_null_constraint_to_agencies_abbreviation.rb",
      files: {
        "db/primary_migrate/20210303182040_add_null_constraint_to_agencies_abbreviation.rb": `class AddNullConstraintToAgenciesAbbreviation < ActiveRecord::Migration[6.1]
  def up
    safety_assured do
      execute 'ALTER TABLE "agencies" ADD CONSTRAINT "agencies_abbreviation_null" CHECK ("abbreviation" IS NOT NULL) NOT VALID'
    end
  end

  def down
    safety_assured do
      execute 'ALTER TABLE "agencies" DROP CONSTRAINT "agencies_abbreviation_null"'
    end
  end
end
`,
      },
      code: `class ValidateAddNullConstraintToAgenciesAbbreviation < ActiveRecord::Migration[6.1]
  def up
    safety_assured do
      execute 'UPDATE agencies SET abbreviation = name WHERE abbreviation IS NULL'
      execute 'ALTER TABLE "agencies" VALIDATE CONSTRAINT "agencies_abbreviation_null"'
    end
  end

  def down
  end
end
`,
    },
    {
      framework: "rails",
      name: "a migration that only validates constraints added NOT VALID earlier has nothing to undo (strong_migrations' second step)",
      code: `class ValidateConstraintMileageRates < ActiveRecord::Migration[7.1]
  def up
    validate_foreign_key :mileage_rates, :users
    validate_check_constraint :mileage_rates, name: "mileage_rates_amount_positive"
  end

  def down
  end
end
`,
    },
    {
      framework: "rails",
      name: "a down that calls a gem's class method (globalize's drop_translation_table!): work migguard cannot see, not nothing",
      code: `class CreateTranslationTables < ActiveRecord::Migration[7.1]
  def up
    PublicBody.create_translation_table!({ name: :text, notes: :text }, { migrate_data: true })
  end

  def down
    PublicBody.drop_translation_table! migrate_data: true
  end
end
`,
    },
    {
      framework: "rails",
      name: "a down that calls the project's own helper",
      code: `class AddTranslationFields < ActiveRecord::Migration[7.1]
  def up
    remove_translation_fields!
  end

  def down
    add_translation_fields!
  end
end
`,
    },
    {
      framework: "rails",
      name: "a down that undoes the up",
      code: `class DropPhoneNumber < ActiveRecord::Migration[7.0]
  def up
    remove_column :users, :phone_number
  end

  def down
    add_column :users, :phone_number, :string
  end
end
`,
    },
    {
      framework: "rails",
      name: "Active Storage's key added only where missing (`return if foreign_key_exists?`), with an empty down: a repair, as an index_exists? one is: running it again is safe, and a down dropping the key could drop one that was there before",
      path: "db/migrate/20200509110917_add_foreign_key_constraint_to_active_storage_attachments_for_blob_id.active_storage.rb",
      code: `# This migration comes from active_storage (originally 20180723000244)
class AddForeignKeyConstraintToActiveStorageAttachmentsForBlobId < ActiveRecord::Migration[6.0]
  def up
    return if foreign_key_exists?(:active_storage_attachments, column: :blob_id)

    if table_exists?(:active_storage_blobs)
      add_foreign_key :active_storage_attachments, :active_storage_blobs, column: :blob_id
    end
  end

  def down; end
end
`,
    },
    {
      framework: "rails",
      name: "the down irreversible-migration's note gives an up that runs again as a no-op (a comment in an empty down): no finding",
      code: `class AddAuthorKeyToPosts < ActiveRecord::Migration[7.1]
  def up
    add_foreign_key :posts, :users, column: :author_id unless foreign_key_exists?(:posts, column: :author_id)
  end

  def down
    # nothing to undo: running the up again changes nothing, so a rollback leaves its changes in place
  end
end
`,
    },
    {
      framework: "rails",
      name: "an empty down after an up that only prints",
      code: `class Noop < ActiveRecord::Migration[7.0]
  def up
    say "data fixed by hand in #123"
  end

  def down
  end
end
`,
    },
  ],
});

import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "lint: update_all fills the column the migration just before added with no default: only NULLs are overwritten, a note",
      path: "db/migrate/20240818223957_backfill_first_name.rb",
      files: {
        "db/migrate/20240101000000_create_people.rb": "class CreatePeople < ActiveRecord::Migration[7.1]\n  def change\n    create_table :people do |t|\n      t.string :name\n    end\n  end\nend\n",
        "db/migrate/20240818222727_add_first_name_to_people.rb": "class AddFirstNameToPeople < ActiveRecord::Migration[7.1]\n  def change\n    add_column :people, :first_name, :string\n  end\nend\n",
      },
      code: `class BackfillFirstName < ActiveRecord::Migration[7.1]
  def up
    execute "UPDATE people SET first_name = split_part(name, ' ', 1)"
  end

  def down
  end
end
`,
      lines: [3],
      severities: ["info"],
      messages: ["but db/migrate/20240818222727_add_first_name_to_people.rb, the migration just before it, added it with no value"],
    },
    {
      framework: "rails",
      name: "an UPDATE whose schema is interpolated (`#{schema}.accounts`, on lines of its own in a heredoc) is an UPDATE of accounts, at its lines, never of a table named after the placeholder",
      code: `class ResetPlans < ActiveRecord::Migration[7.1]
  def up
    execute <<~SQL
      UPDATE #{
        tenant_schema
      }.accounts SET plan = 'free'
    SQL
  end

  def down
  end
end
`,
      lines: [4],
      messages: ["every row of accounts"],
    },
    {
      framework: "rails",
      name: "a namespaced model is matched to the prefixed table the migration names, not to Rails' unprefixed guess",
      code: `class ResetAdminComments < ActiveRecord::Migration[5.1]
  def up
    change_column_default :active_admin_comments, :namespace, "admin"
    ActiveAdmin::Comment.update_all(namespace: "admin")
  end

  def down
  end
end
`,
      lines: [4],
      messages: ["overwrites namespace in every row of active_admin_comments"],
    },
    {
      framework: "rails",
      name: "a gem's namespaced model (ActiveAdmin::Comment) in a migration that names no table: the table an earlier migration created (active_admin_comments), not Rails' unprefixed guess comments",
      path: "db/migrate/20190101000000_reset_admin_comments.rb",
      files: {
        "db/migrate/20170101000000_create_active_admin_comments.rb": `class CreateActiveAdminComments < ActiveRecord::Migration[5.1]
  def change
    create_table :active_admin_comments do |t|
      t.string :namespace
      t.text :body
    end
  end
end
`,
      },
      code: `class ResetAdminComments < ActiveRecord::Migration[5.1]
  def up
    ActiveAdmin::Comment.update_all(namespace: "admin")
  end

  def down
  end
end
`,
      lines: [3],
      messages: ["overwrites namespace in every row of active_admin_comments"],
      fixes: ["# keep a copy first, so the old values can be restored:\nexecute \"CREATE TABLE active_admin_comments_backup_20190101000000 AS TABLE active_admin_comments\"\n# then the statement (to change only some rows, add their condition):\nActiveAdmin::Comment.update_all(namespace: \"admin\")"],
    },
    {
      framework: "rails",
      name: "the same model when the earlier migrations created comments, not active_admin_comments: Rails' unprefixed name stands",
      path: "db/migrate/20190101000000_reset_admin_comments.rb",
      files: {
        "db/migrate/20170101000000_create_comments.rb": `class CreateComments < ActiveRecord::Migration[5.1]
  def change
    create_table :comments do |t|
      t.string :namespace
    end
  end
end
`,
      },
      code: `class ResetAdminComments < ActiveRecord::Migration[5.1]
  def up
    ActiveAdmin::Comment.update_all(namespace: "admin")
  end

  def down
  end
end
`,
      lines: [3],
      messages: ["overwrites namespace in every row of comments"],
    },
    {
      framework: "rails",
      name: "a conditional return is a guard, not the end: the code after it runs when the condition is false",
      code: `class ResetPlans < ActiveRecord::Migration[7.1]
  def change
    return if Rails.env.test?

    Account.update_all(plan: "free")
    return
    Account.delete_all
  end
end
`,
      lines: [5],
    },
    {
      framework: "rails",
      name: "delete_all and destroy_all on a whole model",
      code: `class PurgeSessions < ActiveRecord::Migration[7.1]
  def up
    Session.delete_all
    Notification.unscoped.destroy_all
  end

  def down
  end
end
`,
      lines: [3, 4],
    },
    {
      framework: "rails",
      name: "UPDATE without WHERE in execute, and update_all overwriting an existing column",
      code: `class ResetFlags < ActiveRecord::Migration[7.1]
  def up
    execute "UPDATE users SET newsletter = false"
    Account.update_all(plan: "free")
  end

  def down
  end
end
`,
      lines: [3, 4],
    },
    {
      framework: "rails",
      name: "MySQL: UPDATE of an existing column from a subquery (only the SET target is overwritten)",
      config: { database: "mysql" },
      code: `class RecomputeLastEventAt < ActiveRecord::Migration[7.1]
  def up
    execute "UPDATE agents SET last_event_at = (SELECT created_at FROM events WHERE events.agent_id = agents.id ORDER BY id DESC LIMIT 1)"
  end

  def down
  end
end
`,
      lines: [3],
      messages: ["overwrites last_event_at in every row of agents"],
    },
    {
      framework: "rails",
      name: "a column an earlier migration (not the one just before) added 3 hours before, written by nothing since: almost surely the same deploy, so the UPDATE overwrites only its NULLs: a note",
      path: "db/migrate/20171006190000_set_default_publication_date.rb",
      files: {
        "db/migrate/20150101000000_create_strategies.rb": "class CreateStrategies < ActiveRecord::Migration[5.0]\n  def change\n    create_table :strategies do |t|\n      t.string :name\n      t.timestamps\n    end\n  end\nend\n",
        "db/migrate/20171006160000_add_published_at_to_strategies.rb": "class AddPublishedAtToStrategies < ActiveRecord::Migration[5.0]\n  def change\n    add_column :strategies, :published_at, :datetime\n  end\nend\n",
        "db/migrate/20171006170000_create_tags.rb": "class CreateTags < ActiveRecord::Migration[5.0]\n  def change\n    create_table :tags do |t|\n      t.string :name\n    end\n  end\nend\n",
      },
      code: `class SetDefaultPublicationDate < ActiveRecord::Migration[5.0]
  def up
    Strategy.update_all("published_at=updated_at")
  end
end
`,
      lines: [3],
      severities: ["info"],
      messages: ["published_at was added by 20171006160000_add_published_at_to_strategies.rb, written less than 24 hours before this one"],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "an UPDATE without WHERE after add_column null: false without a default on the same table: PostgreSQL ran that only on an empty table",
      code: `class AddTenantToUsers < ActiveRecord::Migration[7.1]
  def up
    add_column :users, :tenant_id, :integer, null: false
    execute "UPDATE users SET locale = 'en'"
  end

  def down
    remove_column :users, :tenant_id
  end
end
`,
    },
    {
      framework: "rails",
      name: "execute of an UPDATE that only fills NULLs (COALESCE(locale, 'en')): every value kept",
      code: `class DefaultUserLocale < ActiveRecord::Migration[7.1]
  def up
    execute "UPDATE users SET locale = COALESCE(locale, 'en')"
  end

  def down
  end
end
`,
    },
    {
      framework: "rails",
      name: "a gem's namespaced model (ActiveAdmin::Comment) filling a column just added to its prefixed table (pupilfirst 20180130074631)",
      code: `class ConvertAdminCommentResourceIdToInteger < ActiveRecord::Migration[5.1]
  def up
    add_column :active_admin_comments, :resource_id_i, :integer
    ActiveAdmin::Comment.update_all('resource_id_i=(resource_id::integer)')
    change_column_null :active_admin_comments, :resource_id_i, false
  end

  def down
    remove_column :active_admin_comments, :resource_id_i
  end
end
`,
    },
    {
      framework: "rails",
      name: "code after an unconditional return never runs (email-alert-api kept a done data migration below one)",
      code: `class BackfillSubscriberLists < ActiveRecord::Migration[7.1]
  def up
    # ran in 2019; kept for reference
    return

    SubscriberList.update_all(active: true)
    execute "DELETE FROM subscriptions"
  end

  def down
  end
end
`,
    },
    {
      framework: "rails",
      name: "scoped with where / a scope, or one record",
      code: `class RenamePutLinksToPatchLinks < ActiveRecord::Migration[7.1]
  def up
    Event.where(action: "PutLinkSet").update_all(action: "PatchLinkSet")
    Session.where("updated_at < ?", 1.year.ago).delete_all
    User.find_by(email: "ops@example.com")&.update_column(:admin, true)
    execute "DELETE FROM tokens WHERE expires_at < now()"
  end

  def down
  end
end
`,
    },
    {
      framework: "rails",
      name: "Rails before 5.1: the condition as delete_all's, destroy_all's or update_all's (Rails 3) argument narrows the rows (openfoodnetwork 20210125123000)",
      code: `class RemoveEnableMailDeliveryPreference < ActiveRecord::Migration[4.2]
  def up
    Spree::Preference.delete_all("key ilike '%enable_mail_delivery%'")
    Spree::Preference.destroy_all(key: "old_key")
    Spree::Preference.update_all({ value: nil }, "key = 'stale'")
  end

  def down
  end
end
`,
    },
    {
      framework: "rails",
      name: "backfilling a column added in the same migration",
      code: `class AddStatus < ActiveRecord::Migration[7.1]
  def up
    add_column :orders, :status, :string
    execute "UPDATE orders SET status = 'open'"
  end

  def down
    remove_column :orders, :status
  end
end
`,
    },
    {
      framework: "rails",
      name: "MySQL: columns added just before, each filled from a subquery on other tables (huginn 20131227000021)",
      config: { database: "mysql" },
      code: `class AddCachedDatesToAgent < ActiveRecord::Migration[4.2]
  def up
    add_column :agents, :last_event_at, :datetime
    execute "UPDATE agents SET last_event_at = (SELECT created_at FROM events WHERE events.agent_id = agents.id ORDER BY id DESC LIMIT 1)"

    add_column :agents, :last_error_log_at, :datetime
    execute "UPDATE agents SET last_error_log_at = (SELECT created_at FROM agent_logs WHERE agent_logs.agent_id = agents.id AND agent_logs.level >= 4 ORDER BY id DESC LIMIT 1)"
  end

  def down
    remove_column :agents, :last_event_at
    remove_column :agents, :last_error_log_at
  end
end
`,
    },
    {
      framework: "rails",
      name: "update_all filling columns added just before (add_column, change_table)",
      code: `class AddPlanToAccounts < ActiveRecord::Migration[7.1]
  class Account < ActiveRecord::Base; end

  def up
    add_column :accounts, :plan, :string
    change_table :accounts do |t|
      t.boolean :trial
    end
    Account.update_all(plan: "free", trial: false)
  end

  def down
    remove_column :accounts, :plan
    remove_column :accounts, :trial
  end
end
`,
    },
  ],
});

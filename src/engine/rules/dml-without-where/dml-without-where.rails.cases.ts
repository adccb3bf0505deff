import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
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
  ],
  valid: [
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
  ],
});

import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "rename_enum_value while code still writes the old value",
      code: `class RenameDraftStatus < ActiveRecord::Migration[7.1]
  def change
    rename_enum_value :post_status, from: "draft", to: "pending"
  end
end
`,
      lines: [3],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "adding the new value instead",
      code: `class AddPendingStatus < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def up
    add_enum_value :post_status, "pending"
  end

  def down
  end
end
`,
    },
  ],
});

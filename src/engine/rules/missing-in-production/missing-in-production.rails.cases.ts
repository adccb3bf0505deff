import { defineCases } from "../support/rule.js";
import { PRODUCTION } from "./missing-in-production.cases.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "remove_column of a column production no longer has",
      code: `class RemoveUsersPhone < ActiveRecord::Migration[7.1]
  def change
    remove_column :users, :phone, :string
  end
end
`,
      snapshot: PRODUCTION,
      lines: [3],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "remove_column of a column production has",
      code: `class RemoveUsersEmail < ActiveRecord::Migration[7.1]
  def change
    remove_column :users, :email, :string
  end
end
`,
      snapshot: PRODUCTION,
    },
  ],
});

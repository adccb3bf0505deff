import { defineCases } from "../support/rule.js";
import { USERS } from "./nulls-in-production.cases.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "change_column_null false on a column with NULLs in production",
      code: `class RequireUserPhone < ActiveRecord::Migration[7.1]
  def change
    change_column_null :users, :phone, false
  end
end
`,
      snapshot: USERS,
      lines: [3],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "change_column_null with a value for the NULL rows (Rails updates them first)",
      code: `class RequireUserPhone < ActiveRecord::Migration[7.1]
  def change
    change_column_null :users, :phone, false, ""
  end
end
`,
      snapshot: USERS,
    },
  ],
});

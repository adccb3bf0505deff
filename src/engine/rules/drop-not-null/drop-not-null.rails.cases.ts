import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "change_column_null true relaxes a constraint code may rely on",
      code: `class RelaxEmail < ActiveRecord::Migration[7.1]
  def change
    change_column_null :users, :email, true
  end
end
`,
      lines: [3],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "tightening it instead",
      code: `class RequireEmail < ActiveRecord::Migration[7.1]
  def change
    safety_assured { change_column_null :users, :email, false }
  end
end
`,
    },
  ],
});

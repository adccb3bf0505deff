import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "DROP SCHEMA ... CASCADE through execute",
      code: `class DropReporting < ActiveRecord::Migration[7.1]
  def up
    execute "DROP SCHEMA reporting CASCADE"
  end

  def down
    create_schema :reporting
  end
end
`,
      lines: [3],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "drop_schema of an empty schema (no CASCADE)",
      code: `class DropReporting < ActiveRecord::Migration[7.1]
  def change
    drop_schema :reporting
  end
end
`,
    },
  ],
});

import { defineCases } from "../support/rule.js";
import { ORDERS } from "./duplicates-in-production.cases.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "add_index unique: true on a column with repeated values",
      code: `class AddUniqueOrderCode < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def change
    add_index :orders, :code, unique: true, algorithm: :concurrently
  end
end
`,
      snapshot: ORDERS,
      lines: [5],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "add_index unique: true on a column whose values are all distinct",
      code: `class AddUniqueOrderReference < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def change
    add_index :orders, :reference, unique: true, algorithm: :concurrently
  end
end
`,
      snapshot: ORDERS,
    },
  ],
});

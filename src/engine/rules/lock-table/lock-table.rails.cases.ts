import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "LOCK TABLE in ACCESS EXCLUSIVE mode",
      code: `class MoveBalances < ActiveRecord::Migration[7.1]
  def up
    execute "LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE"
    execute "UPDATE accounts SET balance = balance * 100 WHERE currency = 'EUR'"
  end

  def down
  end
end
`,
      lines: [3],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "a lock that still lets reads and writes through (ACCESS SHARE)",
      code: `class MoveBalances < ActiveRecord::Migration[7.1]
  def up
    execute "LOCK TABLE accounts IN ACCESS SHARE MODE"
  end

  def down
  end
end
`,
    },
  ],
});

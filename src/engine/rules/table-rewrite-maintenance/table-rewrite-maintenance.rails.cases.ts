import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "VACUUM FULL and CLUSTER through execute",
      code: `class CompactEvents < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def up
    execute "VACUUM FULL events"
    execute "CLUSTER events USING index_events_on_created_at"
  end

  def down
  end
end
`,
      lines: [5, 6],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "plain VACUUM ANALYZE",
      code: `class AnalyzeEvents < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def up
    execute "VACUUM ANALYZE events"
  end

  def down
  end
end
`,
    },
  ],
});

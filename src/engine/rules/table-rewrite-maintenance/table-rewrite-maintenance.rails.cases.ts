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
      name: "REINDEX of an index on a table this migration created: empty and unseen, nothing waits",
      code: `class CreateSegments < ActiveRecord::Migration[7.1]
  def up
    create_table :segments do |t|
      t.datetime :started_at
    end
    add_index :segments, :started_at
    execute "REINDEX INDEX index_segments_on_started_at"
  end

  def down
    drop_table :segments
  end
end
`,
    },
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

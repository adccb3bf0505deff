import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "a lambda default PostgreSQL evaluates per row, and a serial column",
      code: `class AddTokens < ActiveRecord::Migration[7.1]
  def change
    add_column :users, :token, :uuid, default: -> { "gen_random_uuid()" }
    add_column :orders, :number, :bigserial
  end
end
`,
      lines: [3, 4],
    },
    {
      framework: "rails",
      name: "a uuid column's string default that calls a function (Rails writes it unquoted, as SQL): evaluated per row, the fix keeps it for new rows",
      code: `class AddContentIdToLocalAuthorities < ActiveRecord::Migration[7.1]
  def change
    add_column :local_authorities, :content_id, :uuid, default: "gen_random_uuid()"
  end
end
`,
      lines: [3],
      messages: ["the default gen_random_uuid() is volatile"],
      fixes: [
        `add_column :local_authorities, :content_id, :uuid  # instant: no default yet
change_column_default :local_authorities, :content_id, from: nil, to: -> { "gen_random_uuid()" }  # new rows only
# existing rows, in a migration of their own with disable_ddl_transaction!:
# in batches of 1000 rows, until one updates nothing (with disable_ddl_transaction! each commits on its own)
nil until connection.exec_update("UPDATE local_authorities SET content_id = gen_random_uuid() WHERE ctid IN (SELECT ctid FROM local_authorities WHERE content_id IS NULL LIMIT 1000)").zero?`,
      ],
    },
    {
      framework: "rails",
      name: "add_column :t, :id, :primary_key numbers every row from a sequence: the fix fills them in batches and ends with the primary key, its index built CONCURRENTLY",
      code: `class AddPrimaryKeyToCohortsLeadProviders < ActiveRecord::Migration[7.0]
  def change
    add_column :cohorts_lead_providers, :id, :primary_key
  end
end
`,
      lines: [3],
      fixes: [
        `execute "CREATE SEQUENCE cohorts_lead_providers_id_seq"
execute "ALTER TABLE cohorts_lead_providers ADD COLUMN id bigint"  # instant: no default yet
execute "ALTER TABLE cohorts_lead_providers ALTER COLUMN id SET DEFAULT nextval('cohorts_lead_providers_id_seq')"  # new rows only
execute "ALTER SEQUENCE cohorts_lead_providers_id_seq OWNED BY cohorts_lead_providers.id"
# one batch of 1000 rows: run it again until it updates no rows
execute <<~'SQL'
  UPDATE cohorts_lead_providers SET id = nextval('cohorts_lead_providers_id_seq')
  WHERE ctid IN (SELECT ctid FROM cohorts_lead_providers WHERE id IS NULL LIMIT 1000)
SQL
# then NOT NULL through a validated CHECK constraint (see set-not-null), once every row is filled
# then the primary key, its index built CONCURRENTLY (outside a transaction) and taken over without a second build:
# CREATE UNIQUE INDEX CONCURRENTLY cohorts_lead_providers_pkey ON cohorts_lead_providers (id);
# ALTER TABLE cohorts_lead_providers ADD CONSTRAINT cohorts_lead_providers_pkey PRIMARY KEY USING INDEX cohorts_lead_providers_pkey;`,
      ],
    },
    {
      framework: "rails",
      name: "e-petitions 20241021142904: a stored generated column in def up: a plain column, a trigger that computes the same expression on every write (dropped by the down first), the rows filled in a migration of their own",
      code: `class ChangePeriodToUseStateOpeningAt < ActiveRecord::Migration[7.2]
  def up
    period_sql = <<-SQL
      CASE
        WHEN state_opening_at IS NULL THEN date_part('year', created_at) || '-'
        ELSE (date_part('year', state_opening_at) || '-' || date_part('year', dissolution_at))
      END
    SQL

    add_column :parliaments, :period, :virtual, type: :string, as: period_sql, stored: true
  end

  def down
    remove_column :parliaments, :period
  end
end
`,
      lines: [10],
      fixes: ["add_column :parliaments, :period, :string  # a plain column (instant), set from the generation expression by a trigger on every insert and update, as a generated column is\nexecute <<~'SQL'\n  CREATE OR REPLACE FUNCTION parliaments_period_generated() RETURNS trigger LANGUAGE plpgsql AS $$\n  BEGIN\n    NEW.period := (SELECT (CASE\n          WHEN state_opening_at IS NULL THEN date_part('year', created_at) || '-'\n          ELSE (date_part('year', state_opening_at) || '-' || date_part('year', dissolution_at))\n        END) FROM (SELECT NEW.*) AS parliaments);\n    RETURN NEW;\n  END $$;\n  DROP TRIGGER IF EXISTS parliaments_period_generated ON parliaments;\n  CREATE TRIGGER parliaments_period_generated BEFORE INSERT OR UPDATE ON parliaments\n    FOR EACH ROW EXECUTE FUNCTION parliaments_period_generated();\nSQL\n# and in def down, before it removes period:\nexecute <<~'SQL'\n  DROP TRIGGER IF EXISTS parliaments_period_generated ON parliaments;\n  DROP FUNCTION IF EXISTS parliaments_period_generated();\nSQL\n\n# then a new migration, db/migrate/20240101000001_fill_parliaments_period.rb:\nclass FillParliamentsPeriod < ActiveRecord::Migration[7.2]\n  disable_ddl_transaction!\n\n  def up\n    # 1000 rows a statement, each committed on its own (disable_ddl_transaction!), until one updates nothing\n    nil until connection.exec_update(\"UPDATE parliaments SET period = (CASE         WHEN state_opening_at IS NULL THEN date_part('year', created_at) || '-'         ELSE (date_part('year', state_opening_at) || '-' || date_part('year', dissolution_at))       END) WHERE ctid IN (SELECT ctid FROM parliaments WHERE period IS NULL AND (CASE         WHEN state_opening_at IS NULL THEN date_part('year', created_at) || '-'         ELSE (date_part('year', state_opening_at) || '-' || date_part('year', dissolution_at))       END) IS NOT NULL LIMIT 1000)\").zero?\n  end\n\n  def down\n    # nothing to undo: the computed values stay\n  end\nend"],
    },
    {
      framework: "rails",
      name: "a stored generated column",
      code: `class AddSearchVector < ActiveRecord::Migration[7.1]
  def change
    add_column :posts, :search, :virtual, type: :tsvector, as: "to_tsvector('english', body)", stored: true
  end
end
`,
      lines: [3],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "constant defaults and now() (stable: evaluated once)",
      code: `class AddFlags < ActiveRecord::Migration[7.1]
  def change
    add_column :users, :active, :boolean, default: true, null: false
    add_column :users, :seen_at, :datetime, default: -> { "now()" }
    add_column :users, :tags, :string, array: true, default: []
    add_column :users, :plan, :string, default: "free"
  end
end
`,
    },
    {
      framework: "rails",
      name: "uuid primary key of a new table",
      code: `class CreateTokens < ActiveRecord::Migration[7.1]
  def change
    create_table :tokens, id: :uuid do |t|
      t.uuid :secret, default: -> { "gen_random_uuid()" }
    end
  end
end
`,
    },
  ],
});

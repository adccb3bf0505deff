/**
 * README "New and young tables" and "Materialized views", through `migguard lint` on a Rails project (catarse's
 * and content-data-api's shapes): a materialized view the migration creates is its own, as a new table is, and an
 * index on an existing one blocks only its REFRESH, not writes.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "migguard-matview-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

async function lint(files: Record<string, string>) {
  const root = tree(files);
  const result = await run(["lint", "--format", "json", "db/migrate"], { cwd: root });
  return (JSON.parse(result.output) as { findings: Array<{ rule: string; severity: string; message: string; fix: string; path: string; line: number }> }).findings;
}

const PROJECTS = `class CreateProjects < ActiveRecord::Migration[4.2]
  def change
    create_table :projects do |t|
      t.integer :category_id
    end
  end
end
`;

describe("migguard lint: materialized views", () => {
  it("a materialized view created WITH NO DATA and indexed in the same migration: no lock finding; an index on an existing table beside it keeps its error", async () => {
    const findings = await lint({
      "db/migrate/20150101000000_create_projects.rb": PROJECTS,
      "db/migrate/20151218221518_materialize_category_totals.rb": `class MaterializeCategoryTotals < ActiveRecord::Migration[4.2]
  def up
    execute <<-SQL
    CREATE INDEX projects_category_idx ON projects (category_id);
    CREATE MATERIALIZED VIEW "1".category_totals AS
      SELECT category_id, count(*) AS total FROM projects GROUP BY category_id
      WITH NO DATA;
    create unique index on "1".category_totals (category_id);
    SQL
  end

  def down
    execute 'DROP MATERIALIZED VIEW "1".category_totals'
  end
end
`,
    });
    const indexes = findings.filter((f) => f.rule === "index-without-concurrently");
    expect(indexes.map((f) => f.line)).toEqual([4]);
    expect(indexes[0].message).toContain("projects");
  });

  it("an index on a materialized view only db/schema.rb shows (scenic): a note that it blocks the view's REFRESH, with the concurrent build as the fix", async () => {
    const findings = await lint({
      "db/schema.rb": `ActiveRecord::Schema.define(version: 2019_02_13_155742) do
  create_table "pages", force: :cascade do |t|
    t.integer "upviews"
  end

  create_view "search_totals", materialized: true, sql_definition: <<-SQL
      SELECT pages.id, pages.upviews FROM pages;
  SQL
end
`,
      "db/migrate/20190213155742_add_indexes_view_search_totals.rb": `class AddIndexesViewSearchTotals < ActiveRecord::Migration[5.2]
  def change
    add_index :search_totals, :upviews
    add_index :pages, :upviews
  end
end
`,
    });
    const [view, table] = findings.filter((f) => f.rule === "index-without-concurrently");
    expect(view.severity).toBe("info");
    expect(view.message).toContain("blocks REFRESH MATERIALIZED VIEW search_totals while it builds");
    expect(view.message).not.toContain("blocks writes");
    expect(view.fix).toContain("add_index :search_totals, :upviews, algorithm: :concurrently");
    expect(table.severity).toBe("error");
    expect(table.message).toContain("blocks writes to pages");
  });

  /** simple-server's shapes (audit 56): a history squashed in 2023, materialized views rebuilt from db/views files */
  const SIMPLE_SERVER = {
    "db/migrate/20240411074916_add_gender_and_age_index_to_reporting_patient_states.rb": `class AddGenderAndAgeIndexToReportingPatientStates < ActiveRecord::Migration[6.1]
  def change
    add_index :reporting_patient_states, :gender
    add_index :reporting_patient_states, [:gender, :age]
  end
end
`,
    "db/migrate/20250924101441_add_month_date_index_reporting_prescriptions.rb": `class AddMonthDateIndexReportingPrescriptions < ActiveRecord::Migration[6.1]
  self.disable_ddl_transaction = true

  def up
    add_index :reporting_prescriptions, [:month_date],
      name: "reporting_prescriptions_month_date", algorithm: :concurrently
  end

  def down
    remove_index :reporting_prescriptions,
      name: "reporting_prescriptions_month_date"
  end
end
`,
    "db/migrate/20250522105107_create_partitioned_table_reporting_patient_states.rb": `class CreatePartitionedTableReportingPatientStates < ActiveRecord::Migration[6.1]
  def up
    execute <<~SQL
      CREATE SCHEMA IF NOT EXISTS simple_reporting;
      CREATE TABLE IF NOT EXISTS simple_reporting.reporting_patient_states (patient_id uuid, gender varchar, age integer) PARTITION BY LIST (gender);
    SQL
  end
end
`,
    "db/migrate/20250925094123_discard_mat_view_reporting_patient_states.rb": `class DiscardMatViewReportingPatientStates < ActiveRecord::Migration[6.1]
  def up
    drop_view :reporting_patient_states, materialized: true
    execute <<~SQL
      CREATE VIEW public.reporting_patient_states AS SELECT * FROM simple_reporting.reporting_patient_states;
    SQL
  end
end
`,
    "db/migrate/20260120115014_update_reporting_facility_states_to_version12.rb": `class UpdateReportingFacilityStatesToVersion12 < ActiveRecord::Migration[6.1]
  def up
    drop_view :reporting_facility_states, materialized: true

    execute <<-SQL
      CREATE MATERIALIZED VIEW public.reporting_facility_states AS
      #{File.read(Rails.root.join("db/views/reporting_facility_states_v12.sql"))}
      WITH NO DATA;
    SQL

    add_index :reporting_facility_states, [:month_date, :facility_region_id], name: :index_fs_month_date_region_id, unique: true
    add_index :reporting_facility_states, [:block_region_id, :month_date], name: :index_fs_block_month_date
    add_index :reporting_prescriptions, :month_date, name: :index_reporting_prescriptions_on_month_date
  end
end
`,
  };

  it("simple-server: a view created in an execute whose query Ruby reads from db/views (`AS #{File.read(...)}`) is the migration's own; an index on a name a later migration drops as a materialized view (and rebuilds as a view over a table of another schema) blocks only its REFRESH; self.disable_ddl_transaction = true runs outside a transaction", async () => {
    const findings = await lint(SIMPLE_SERVER);
    const at = (path: string, rule: string) => findings.filter((f) => f.path.endsWith(path) && f.rule === rule).map((f) => [f.line, f.severity]);
    // the view's own indexes say nothing; an index on a table beside them keeps its error
    expect(at("20260120115014_update_reporting_facility_states_to_version12.rb", "index-without-concurrently")).toEqual([[13, "error"]]);
    expect(at("20240411074916_add_gender_and_age_index_to_reporting_patient_states.rb", "index-without-concurrently")).toEqual([
      [3, "info"],
      [4, "info"],
    ]);
    expect(findings.find((f) => f.path.endsWith("20240411074916_add_gender_and_age_index_to_reporting_patient_states.rb"))?.message).toContain(
      "blocks REFRESH MATERIALIZED VIEW reporting_patient_states while it builds",
    );
    expect(at("20250924101441_add_month_date_index_reporting_prescriptions.rb", "concurrently-in-transaction")).toEqual([]);
    expect(findings.filter((f) => f.rule === "hidden-operation")).toEqual([]);
  });
});

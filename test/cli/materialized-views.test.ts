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
});

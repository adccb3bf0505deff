/**
 * The fixes and evidence the seed-72 audit judged wrong, through `migguard lint` on small repositories:
 * - octavia: server_default= naming a package's constant through the project's module stays the Python name;
 * - solidus: a moved concurrent index build keeps its index_exists? check;
 * - solidus: a down removing the key by another column is corrected on that line (Rails raises there);
 * - solidus: a split-out backfill copies the local classes its model's associations name;
 * - docs.rs: Rust comments, prose strings and another language's shipped assets are no code that names a column.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";
import {
  GUARDED_ELIGIBLE_INDEX,
  GUARDED_ELIGIBLE_PATH,
  OCTAVIA_PACKAGE_CONSTANTS,
  OCTAVIA_STATUS_PATH,
  OCTAVIA_STATUS_REVISION,
  PHP_SYNTAX_TEST,
  RUST_PROSE,
  SOLIDUS_TABLES,
  STORE_CREDIT_BACKFILL,
  STORE_CREDIT_PATH,
} from "../../src/engine/testing/seed72-fixtures.js";

type Finding = { rule: string; severity: string; line: number; message: string; fix: string };
const lint = async (cwd: string, path: string) => (JSON.parse((await run(["lint", "--format", "json", path], { cwd })).output) as { findings: Finding[] }).findings;

describe("lint: seed 72's wrong fixes", () => {
  it("octavia: server_default=constants.ONLINE (ONLINE = lib_consts.ONLINE) stays the Python name, never sa.text(\"lib_consts.ONLINE\")", async () => {
    const cwd = fileTree({ ...OCTAVIA_PACKAGE_CONSTANTS, [OCTAVIA_STATUS_PATH]: OCTAVIA_STATUS_REVISION });
    const [finding] = (await lint(cwd, "octavia/db/migration/alembic_migrations/versions")).filter((f) => f.rule === "required-column-without-default");
    expect(finding.message).toContain("gets the default constants.ONLINE");
    expect(finding.fix).toContain("server_default=constants.ONLINE");
    expect(finding.fix).not.toContain("sa.text(");
  });

  it("solidus: the index build moved out of a guarded migration keeps its index_exists? check", async () => {
    const cwd = fileTree({ ...SOLIDUS_TABLES, [GUARDED_ELIGIBLE_PATH]: GUARDED_ELIGIBLE_INDEX });
    const [finding] = (await lint(cwd, "db/migrate")).filter((f) => f.rule === "index-without-concurrently");
    expect(finding.fix).toContain("  def up\n    unless index_exists?(:spree_adjustments, :eligible)\n      add_index :spree_adjustments, :eligible, name: \"index_spree_adjustments_on_eligible\", algorithm: :concurrently\n    end");
  });

  it("solidus: remove_foreign_key by another column than the up's key: the rollback raises, and the fix corrects that line", async () => {
    const cwd = fileTree({
      ...SOLIDUS_TABLES,
      "db/migrate/20250709073151_add_country_foreign_keys.rb": `class AddCountryForeignKeys < ActiveRecord::Migration[7.0]
  def up
    add_foreign_key :spree_prices, :spree_countries, column: :country_iso, primary_key: :iso, on_delete: :restrict
  end

  def down
    remove_foreign_key :spree_prices, :spree_countries, column: :country_id, on_delete: :restrict
  end
end
`,
    });
    const [finding] = (await lint(cwd, "db/migrate")).filter((f) => f.rule === "down-does-not-undo-up");
    expect(finding.message).toContain("Rails raises");
    expect(finding.fix).toContain("column: :country_iso");
    expect(finding.fix).not.toContain("DROP CONSTRAINT");
  });

  it("solidus: the split-out backfill copies StoreCreditEvent, whose scope it calls through StoreCredit's has_many", async () => {
    const cwd = fileTree({ ...SOLIDUS_TABLES, [STORE_CREDIT_PATH]: STORE_CREDIT_BACKFILL });
    const [finding] = (await lint(cwd, "db/migrate")).filter((f) => f.rule === "mixed-ddl-dml");
    const backfill = finding.fix.slice(finding.fix.indexOf("# migration 2"));
    expect(backfill).toContain("class StoreCredit < ActiveRecord::Base");
    expect(backfill).toContain("class StoreCreditEvent < ActiveRecord::Base");
    expect(backfill).toContain("scope :chronological");
  });

  it("docs.rs: words in Rust comments, prose strings and locals, and a PHP syntax test shipped as an asset, are no code naming the column", async () => {
    const files = {
      "Cargo.toml": '[package]\nname = "docs-rs"\nversion = "0.1.0"\n',
      "crates/db/migrations/20251202020754_remove-file-public.up.sql": "ALTER TABLE files DROP COLUMN public;\n",
      "crates/db/migrations/20251202020754_remove-file-public.down.sql": "ALTER TABLE files ADD COLUMN public boolean;\n",
      "crates/admin/src/main.rs": RUST_PROSE,
      ...PHP_SYNTAX_TEST,
    };
    const [finding] = (await lint(fileTree(files), "crates/db/migrations")).filter((f) => f.rule === "drop-column");
    expect(finding.severity).toBe("info");
    expect(finding.message).not.toContain("syntax_test_php.php");
  });
});

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

type Finding = { rule: string; severity: string; line: number; message: string; fix: string };
const lint = async (cwd: string, path: string) => (JSON.parse((await run(["lint", "--format", "json", path], { cwd })).output) as { findings: Finding[] }).findings;

const SOLIDUS_TABLES = `class CreateTables < ActiveRecord::Migration[7.0]
  def change
    create_table :spree_countries do |t|
      t.string :iso, null: false
      t.index :iso, unique: true
    end
    create_table :spree_prices do |t|
      t.string :country_iso
    end
    create_table :spree_adjustments do |t|
      t.decimal :amount
    end
    create_table :spree_store_credits do |t|
      t.decimal :amount, precision: 8, scale: 2
    end
    create_table :spree_store_credit_events do |t|
      t.integer :store_credit_id
      t.decimal :amount, precision: 8, scale: 2
      t.timestamps
    end
  end
end
`;

describe("lint: seed 72's wrong fixes", () => {
  it("octavia: server_default=constants.ONLINE (ONLINE = lib_consts.ONLINE) stays the Python name, never sa.text(\"lib_consts.ONLINE\")", async () => {
    const cwd = fileTree({
      "octavia/common/constants.py": "from octavia_lib.common import constants as lib_consts\n\nONLINE = lib_consts.ONLINE\n",
      "octavia/db/migration/alembic_migrations/versions/52377704420e_add_status.py": `from alembic import op
import sqlalchemy as sa

from octavia.common import constants

revision = "52377704420e"
down_revision = "d85ca7258d21"


def upgrade():
    op.add_column("health_monitor", sa.Column("operating_status", sa.String(16), nullable=False, server_default=constants.ONLINE))
    op.alter_column("health_monitor", "operating_status", existing_type=sa.String(16), server_default=None)


def downgrade():
    op.drop_column("health_monitor", "operating_status")
`,
    });
    const [finding] = (await lint(cwd, "octavia/db/migration/alembic_migrations/versions")).filter((f) => f.rule === "required-column-without-default");
    expect(finding.message).toContain("gets the default constants.ONLINE");
    expect(finding.fix).toContain("server_default=constants.ONLINE");
    expect(finding.fix).not.toContain("sa.text(");
  });

  it("solidus: the index build moved out of a guarded migration keeps its index_exists? check", async () => {
    const cwd = fileTree({
      "db/migrate/20160101000000_create_tables.rb": SOLIDUS_TABLES,
      "db/migrate/20240622113334_move_adjustment_eligible.rb": `class MoveAdjustmentEligible < ActiveRecord::Migration[7.0]
  def up
    unless column_exists?(:spree_adjustments, :eligible)
      add_column(:spree_adjustments, :eligible, :boolean, default: true)
    end

    unless index_exists?(:spree_adjustments, :eligible)
      add_index :spree_adjustments, :eligible, name: "index_spree_adjustments_on_eligible"
    end
  end
end
`,
    });
    const [finding] = (await lint(cwd, "db/migrate")).filter((f) => f.rule === "index-without-concurrently");
    expect(finding.fix).toContain("  def up\n    unless index_exists?(:spree_adjustments, :eligible)\n      add_index :spree_adjustments, :eligible, name: \"index_spree_adjustments_on_eligible\", algorithm: :concurrently\n    end");
  });

  it("solidus: remove_foreign_key by another column than the up's key: the rollback raises, and the fix corrects that line", async () => {
    const cwd = fileTree({
      "db/migrate/20160101000000_create_tables.rb": SOLIDUS_TABLES,
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
    const cwd = fileTree({
      "db/migrate/20160101000000_create_tables.rb": SOLIDUS_TABLES,
      "db/migrate/20180322142651_add_amount_remaining.rb": `class AddAmountRemaining < ActiveRecord::Migration[5.0]
  class StoreCredit < ActiveRecord::Base
    self.table_name = "spree_store_credits"
    has_many :store_credit_events
  end

  class StoreCreditEvent < ActiveRecord::Base
    self.table_name = "spree_store_credit_events"
    scope :chronological, -> { order(:created_at) }
  end

  def up
    add_column :spree_store_credit_events, :amount_remaining, :decimal, precision: 8, scale: 2

    StoreCredit.find_each do |credit|
      credit.store_credit_events.chronological.each { |event| event.update_attribute(:amount_remaining, credit.amount) }
    end
  end

  def down
    remove_column :spree_store_credit_events, :amount_remaining
  end
end
`,
    });
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
      "crates/admin/src/main.rs": "/// Clean up the public files.\npub fn clean(files: &[String]) {\n    // the public ones stay\n    println!(\"adding public files failed\");\n}\n",
      "crates/web/assets/syntaxes/Packages/PHP/syntax_test_php.php": "<?php\nclass Files {\n    public function files() {}\n    public $public = true;\n}\n",
    };
    const [finding] = (await lint(fileTree(files), "crates/db/migrations")).filter((f) => f.rule === "drop-column");
    expect(finding.severity).toBe("info");
    expect(finding.message).not.toContain("syntax_test_php.php");
  });
});

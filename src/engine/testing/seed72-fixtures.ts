/**
 * The repositories of the seed-72 audit's wrong fixes, cut down, shared by the rules' case tables and the lint tests
 * (test/cli/seed72-fixes.test.ts, test/cli/drop-table-leftover-app.test.ts).
 */

/** octavia's constants module: a constant that is itself a package's (octavia_lib), whose value is not in the repository */
export const OCTAVIA_PACKAGE_CONSTANTS = {
  "octavia/common/constants.py": `from octavia_lib.common import constants as lib_consts

ONLINE = lib_consts.ONLINE
`,
};

export const OCTAVIA_STATUS_PATH = "octavia/db/migration/alembic_migrations/versions/52377704420e_add_timestamps_to_healthmonitor.py";

/** octavia 52377704420e: a NOT NULL column whose server_default= is that constant, dropped right after */
export const OCTAVIA_STATUS_REVISION = `from alembic import op
import sqlalchemy as sa

from octavia.common import constants

revision = "52377704420e"
down_revision = "d85ca7258d21"


def upgrade():
    op.add_column("health_monitor",
                  sa.Column("operating_status", sa.String(16), nullable=False, server_default=constants.ONLINE))
    op.alter_column("health_monitor", "operating_status", existing_type=sa.String(16), server_default=None)


def downgrade():
    op.drop_column("health_monitor", "operating_status")
`;

/** solidus' tables the migrations below change */
export const SOLIDUS_TABLES = {
  "db/migrate/20160101000000_create_tables.rb": `class CreateTables < ActiveRecord::Migration[7.0]
  def change
    create_table :spree_countries do |t|
      t.string :iso, null: false
      t.index :iso, unique: true
    end
    create_table :spree_states do |t|
      t.integer :country_id
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
      t.string :action
      t.decimal :amount, precision: 8, scale: 2
      t.timestamps
    end
  end
end
`,
};

export const GUARDED_ELIGIBLE_PATH = "db/migrate/20240622113334_move_adjustment_eligible.rb";

/** solidus' legacy_promotions 20240622113334: the column and its index each under an existence check */
export const GUARDED_ELIGIBLE_INDEX = `class MoveAdjustmentEligible < ActiveRecord::Migration[7.0]
  def up
    unless column_exists?(:spree_adjustments, :eligible)
      add_column(:spree_adjustments, :eligible, :boolean, default: true)
    end

    unless index_exists?(:spree_adjustments, :eligible)
      add_index :spree_adjustments, :eligible, name: "index_spree_adjustments_on_eligible"
    end
  end
end
`;

export const STORE_CREDIT_PATH = "db/migrate/20180322142651_add_amount_remaining_to_store_credit_events.rb";

/** solidus 20180322142651's local models: StoreCredit's association names the local StoreCreditEvent, whose scope the backfill calls */
export const STORE_CREDIT_CLASSES = `  class StoreCredit < ActiveRecord::Base
    self.table_name = "spree_store_credits"
    has_many :store_credit_events

    CREDIT_ACTION = "credit"
  end

  class StoreCreditEvent < ActiveRecord::Base
    self.table_name = "spree_store_credit_events"
    belongs_to :store_credit

    scope :chronological, -> { order(:created_at) }
  end
`;

/** and its backfill, through that association and scope */
export const STORE_CREDIT_LOOP = `    StoreCredit.includes(:store_credit_events).find_each do |credit|
      credit_amount = credit.amount
      credit.store_credit_events.chronological.each do |event|
        credit_amount += event.amount if event.action == StoreCredit::CREDIT_ACTION
        event.update_attribute(:amount_remaining, credit_amount)
      end
    end
`;

/** solidus 20180322142651: a backfill through a local model's association to another local class and its scope */
export const STORE_CREDIT_BACKFILL = `class AddAmountRemainingToStoreCreditEvents < ActiveRecord::Migration[5.0]
${STORE_CREDIT_CLASSES}
  def up
    add_column :spree_store_credit_events, :amount_remaining, :decimal, precision: 8, scale: 2, default: nil, null: true

${STORE_CREDIT_LOOP}  end

  def down
    remove_column :spree_store_credit_events, :amount_remaining
  end
end
`;

/** docs.rs' Rust that names files and public only in comments, prose strings, parameters and locals */
export const RUST_PROSE = `use std::path::Path;

/// Clean up the bucket from non-archive storage files.
pub async fn clean(files: &[String]) -> Result<()> {
    // the public files stay
    let mut listed = Vec::new();
    for file in files {
        listed.push(file.clone());
    }
    tracing::info!("adding essential files failed");
    let releases = load_releases().await?;
    Ok(())
}
`;

/** Sublime Text's PHP syntax test, which docs.rs ships under its web assets */
export const PHP_SYNTAX_TEST = {
  "crates/web/assets/syntaxes/Packages/PHP/syntax_test_php.php": `<?php
// SYNTAX TEST "Packages/PHP/PHP.sublime-syntax"
class Files {
    public function files() { return $this->files; }
    public $public = true;
}
`,
};

export const BACKGROUND_TASK_PATH = "apps/contrib/migrations/0001_drop_background_task_table.py";

/** adhocracy-plus' contrib 0001: the tables of django-background-tasks, dropped after it left INSTALLED_APPS */
export const BACKGROUND_TASK_DROP = `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = []

    operations = [
        migrations.RunSQL(
            sql=[
                "DROP TABLE IF EXISTS background_task",
                "DROP TABLE IF EXISTS background_task_completedtask",
            ],
            reverse_sql=migrations.RunSQL.noop,
        )
    ]
`;

export const CONTRIB_MODELS = "from django.db import models\n\n\nclass Note(models.Model):\n    text = models.TextField()\n";

/** a settings module installing Django's admin and auth, the project's contrib app, and `more` (lines of entries) */
export const installedApps = (more: string): string => `INSTALLED_APPS = (\n    "django.contrib.admin",\n    "django.contrib.auth",\n    "apps.contrib",\n${more})\n`;

/**
 * A deleted migration whose every statement the schema of the earlier migrations makes a no-op
 * (access-your-teaching-qualifications df4b1721b3: a revert deleting Active Storage's installer copies, each guarded by
 * `table_exists?` / `column_exists?` / `if_not_exists: true`, on a project whose create_active_storage_tables already
 * made what they add). Databases that ran them and fresh ones that never will end up the same: `migguard review` says
 * so in a note. A guarded migration whose check the earlier migrations do not decide stays an error.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const CREATE = `class CreateActiveStorageTables < ActiveRecord::Migration[7.0]
  def change
    create_table :active_storage_blobs do |t|
      t.string :key, null: false
      t.string :service_name, null: false
      t.string :checksum
    end

    create_table :active_storage_variant_records do |t|
      t.belongs_to :blob, null: false, index: false
      t.string :variation_digest, null: false
      t.index %i[ blob_id variation_digest ], name: "index_active_storage_variant_records_uniqueness", unique: true
    end
  end
end
`;

const SERVICE_NAME = `class AddServiceNameToActiveStorageBlobs < ActiveRecord::Migration[6.0]
  def up
    return unless table_exists?(:active_storage_blobs)

    unless column_exists?(:active_storage_blobs, :service_name)
      add_column :active_storage_blobs, :service_name, :string
      change_column :active_storage_blobs, :service_name, :string, null: false
    end
  end

  def down
    return unless table_exists?(:active_storage_blobs)

    remove_column :active_storage_blobs, :service_name
  end
end
`;

const VARIANT_RECORDS = `class CreateActiveStorageVariantRecords < ActiveRecord::Migration[6.0]
  def change
    return unless table_exists?(:active_storage_blobs)

    create_table :active_storage_variant_records, if_not_exists: true do |t|
      t.belongs_to :blob, null: false, index: false
      t.string :variation_digest, null: false
      t.index %i[ blob_id variation_digest ], name: "index_active_storage_variant_records_uniqueness", unique: true
    end
  end
end
`;

const CHECKSUM = `class RemoveNotNullOnActiveStorageBlobsChecksum < ActiveRecord::Migration[6.0]
  def change
    return unless table_exists?(:active_storage_blobs)

    change_column_null(:active_storage_blobs, :checksum, true)
  end
end
`;

const KEY_SIZE = `class AddKeySizeToActiveStorageBlobs < ActiveRecord::Migration[7.0]
  def change
    add_column :active_storage_blobs, :key_size, :integer unless column_exists?(:active_storage_blobs, :key_size)
  end
end
`;

const BASE = {
  Gemfile: 'source "https://rubygems.org"\ngem "rails", "~> 7.1"\ngem "pg"\n',
  "config/database.yml": "production:\n  adapter: postgresql\n",
  "db/migrate/20230220091732_create_active_storage_tables.active_storage.rb": CREATE,
  "db/migrate/20240822092517_add_service_name_to_active_storage_blobs.active_storage.rb": SERVICE_NAME,
  "db/migrate/20240822092518_create_active_storage_variant_records.active_storage.rb": VARIANT_RECORDS,
  "db/migrate/20240822092519_remove_not_null_on_active_storage_blobs_checksum.active_storage.rb": CHECKSUM,
  "db/migrate/20240823000000_add_key_size_to_active_storage_blobs.rb": KEY_SIZE,
};

describe("review: a deleted migration every statement of which the earlier migrations make a no-op", () => {
  it("Active Storage's guarded installer copies on a project that already has their tables and columns: notes that say why, the check passes", async () => {
    const repo = featureBranchOn(BASE);
    repo
      .remove("db/migrate/20240822092517_add_service_name_to_active_storage_blobs.active_storage.rb")
      .remove("db/migrate/20240822092518_create_active_storage_variant_records.active_storage.rb")
      .remove("db/migrate/20240822092519_remove_not_null_on_active_storage_blobs_checksum.active_storage.rb")
      .commit("Revert the Rails upgrade");
    const { findings, exitCode } = await reviewJson(repo);
    const deleted = findings.filter((f) => f.rule === "deleted-migration");
    expect(deleted.map((f) => f.severity)).toEqual(["info", "info", "info"]);
    expect(deleted[0].message).toContain("lines 6 and 7 run only when `column_exists?(:active_storage_blobs, :service_name)` is false, and the earlier migrations made it true");
    expect(deleted[1].message).toContain("line 5 runs only when `table_exists?(:active_storage_variant_records) (if_not_exists: true)` is false");
    expect(deleted[2].message).toContain("line 5 allows NULL in active_storage_blobs.checksum, which the earlier migrations created nullable");
    expect(deleted.map((f) => f.fix)).not.toContain(expect.stringContaining("git checkout"));
    expect(exitCode).toBe(0);
  });

  it("a guarded add of a column the earlier migrations never made: fresh databases lack it, still an error", async () => {
    const repo = featureBranchOn(BASE);
    repo.remove("db/migrate/20240823000000_add_key_size_to_active_storage_blobs.rb").commit("Remove");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "deleted-migration").map((f) => f.severity)).toEqual(["error"]);
  });
});

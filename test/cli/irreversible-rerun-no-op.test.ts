/**
 * irreversible-migration through `migguard lint` on a Rails `up` without `down` that runs again as a no-op: an
 * independent judge labelled the error false on alphagov/content-publisher's copy of Active Storage's key migration
 * (`return if foreign_key_exists?(...)` before its add_foreign_key). The rollback leaves the key, the repair's intent,
 * and the next migrate finds it and skips: a note. An up whose statements run again stays an error, an engine's copy
 * included.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

type Finding = { path: string; line: number; rule: string; severity: string; message: string; fix?: string };

const KEY = "db/migrate/20190117141524_add_foreign_key_constraint_to_active_storage_attachments_for_blob_id.active_storage.rb";
const FILES: Record<string, string> = {
  "db/migrate/20181001000000_create_active_storage_tables.active_storage.rb":
    "# This migration comes from active_storage (originally 20170806125915)\nclass CreateActiveStorageTables < ActiveRecord::Migration[5.2]\n  def change\n    create_table :active_storage_blobs do |t|\n      t.string :key, null: false\n    end\n\n    create_table :active_storage_attachments do |t|\n      t.references :blob, null: false\n    end\n  end\nend\n",
  [KEY]:
    "# This migration comes from active_storage (originally 20180723000244)\nclass AddForeignKeyConstraintToActiveStorageAttachmentsForBlobId < ActiveRecord::Migration[6.0]\n  def up\n    return if foreign_key_exists?(:active_storage_attachments, column: :blob_id)\n\n    if table_exists?(:active_storage_blobs)\n      add_foreign_key :active_storage_attachments, :active_storage_blobs, column: :blob_id\n    end\n  end\nend\n",
  "db/migrate/20190201000000_add_nickname_to_users.rb":
    "class AddNicknameToUsers < ActiveRecord::Migration[6.0]\n  def up\n    add_column :users, :nickname, :string, if_not_exists: true\n  end\nend\n",
  "db/migrate/20190301000000_add_score_to_posts.rb": "class AddScoreToPosts < ActiveRecord::Migration[6.0]\n  def up\n    return if table_exists?(:legacy_posts)\n\n    add_column :posts, :score, :integer\n  end\nend\n",
  "db/migrate/20190401000000_add_metadata_to_blobs.active_storage.rb":
    "# This migration comes from active_storage (originally 20170806125915)\nclass AddMetadataToBlobs < ActiveRecord::Migration[6.0]\n  def up\n    add_column :active_storage_blobs, :extra, :text\n  end\nend\n",
};

describe("irreversible-migration on an up without down that runs again as a no-op (migguard lint)", () => {
  let findings: Finding[];
  beforeAll(async () => {
    const root = fileTree(FILES, "migguard-irreversible-rerun-");
    findings = (JSON.parse((await run(["lint", "--format", "json", "db/migrate"], { cwd: root })).output) as { findings: Finding[] }).findings.filter((f) => f.rule === "irreversible-migration");
  });
  const of = (file: string) => findings.filter((f) => f.path.endsWith(file));

  it("content-publisher's Active Storage key, added only where missing: a note that the rollback leaves it and the rerun skips it, naming the engine", () => {
    const [finding, ...more] = of(KEY);
    expect(more).toEqual([]);
    expect(finding).toMatchObject({ line: 7, severity: "info" });
    expect(finding.message).toContain("Running the up again is harmless");
    expect(finding.message).toContain("`foreign_key_exists?(:active_storage_attachments, column: :blob_id)`");
    expect(finding.message).toContain("It is the active_storage engine's migration 20180723000244");
    expect(finding.fix).toBe("def down\n  # nothing to undo: running the up again changes nothing, so a rollback leaves its changes in place\nend");
  });

  it("a column added `if_not_exists: true`: the same note", () => {
    const [finding] = of("20190201000000_add_nickname_to_users.rb");
    expect(finding).toMatchObject({ line: 3, severity: "info" });
    expect(finding.message).toContain("(`if_not_exists: true`)");
    expect(finding.message).not.toContain("engine");
  });

  it("an early return on another table's existence: the column is added again on the next migrate, the error stays", () => {
    const [finding] = of("20190301000000_add_score_to_posts.rb");
    expect(finding).toMatchObject({ line: 5, severity: "error" });
    expect(finding.message).toContain("the next migrate runs the up again over them");
  });

  it("an engine's copied migration without checks: the error as for any other, nothing said of the engine", () => {
    const [finding] = of("20190401000000_add_metadata_to_blobs.active_storage.rb");
    expect(finding).toMatchObject({ line: 4, severity: "error" });
    expect(finding.message).not.toContain("engine");
  });
});

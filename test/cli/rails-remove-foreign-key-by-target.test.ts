/**
 * `migguard lint` on a Rails remove_foreign_key(from, to) without column: (alphagov/content-publisher
 * 20190717203348): Rails drops the key of `from` that references `to`, whatever its column, so the key is the one
 * the earlier migration added on blob_revision_id (fk_rails_c0f96c68da), not one named after the default column
 * image_blob_revision_id (fk_rails_e042843b8d), which never existed.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-fk-by-target-");

type Finding = { path: string; rule: string; line: number; message: string; fix: string };
const lint = async (cwd: string) => (JSON.parse((await run(["lint", "--format", "json", "db/migrate"], { cwd })).output) as { findings: Finding[] }).findings;

const CREATE = "db/migrate/20190101000000_create_image_assets.rb";
const ALLOW = "db/migrate/20190717203348_allow_revision_deletion.rb";
const FILES = {
  [CREATE]: `class CreateImageAssets < ActiveRecord::Migration[5.2]
  def change
    create_table :image_blob_revisions do |t|
      t.string :filename
    end
    create_table :image_assets do |t|
      t.bigint :blob_revision_id, null: false
      t.bigint :superseded_by_id
    end
    add_foreign_key :image_assets, :image_blob_revisions, column: :blob_revision_id
    add_foreign_key :image_assets, :image_assets, column: :superseded_by_id
  end
end
`,
  [ALLOW]: `class AllowRevisionDeletion < ActiveRecord::Migration[5.2]
  def up
    remove_foreign_key :image_assets, :image_blob_revisions
    add_foreign_key :image_assets, :image_blob_revisions, column: :blob_revision_id, on_delete: :cascade
    remove_foreign_key :image_assets, :image_assets
    add_foreign_key :image_assets, :image_assets, column: :superseded_by_id, on_delete: :nullify
  end

  def down
    remove_foreign_key :image_assets, :image_blob_revisions
    add_foreign_key :image_assets, :image_blob_revisions, column: :blob_revision_id, on_delete: :restrict
    remove_foreign_key :image_assets, :image_assets
    add_foreign_key :image_assets, :image_assets, column: :superseded_by_id, on_delete: :restrict
  end
end
`,
};

/** the names the default columns (image_blob_revision_id, image_asset_id) would give: keys that never existed */
const INVENTED = ["fk_rails_e042843b8d", "fk_rails_0dd25aeb87"];

it("the up and the down each remove the key to that table and add it back: no down finding, no key named after the default column", async () => {
  const findings = (await lint(repo(FILES))).filter((f) => f.path === ALLOW);
  expect(findings.filter((f) => f.rule === "down-does-not-undo-up" || f.rule === "down-does-not-restore")).toEqual([]);
  for (const f of findings) for (const name of INVENTED) expect(`${f.message}\n${f.fix}`).not.toContain(name);
});

it("a down that does not add the key back: the finding names the key the earlier migration added on blob_revision_id", async () => {
  const drop = "db/migrate/20190801000000_drop_blob_revision_key.rb";
  const code = `class DropBlobRevisionKey < ActiveRecord::Migration[5.2]
  def up
    remove_foreign_key :image_assets, :image_blob_revisions
    add_column :image_assets, :note, :string
  end

  def down
    remove_column :image_assets, :note
  end
end
`;
  const findings = (await lint(repo({ [CREATE]: FILES[CREATE], [drop]: code }))).filter((f) => f.path === drop && f.rule === "down-does-not-restore");
  expect(findings.map((f) => f.line)).toEqual([3]);
  expect(findings[0].message).toContain("constraint fk_rails_c0f96c68da");
  expect(findings[0].message).not.toContain("fk_rails_e042843b8d");
});

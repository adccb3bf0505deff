/**
 * `migguard lint` on a Rails remove_foreign_key(from, column:) (alphagov/content-tagger 20160905103610): Rails drops
 * the key on that column whatever its name, and the key there was added (on_delete: :cascade) before the column was
 * renamed, so it keeps the old column's fk_rails_ name. The history follows the key through the rename, and the fix is
 * the call Rails' recorder can invert: the table it references, its options and its name.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

type Finding = { path: string; rule: string; line: number; message: string; fix: string };
const lint = async (cwd: string) => (JSON.parse((await run(["lint", "--format", "json", "db/migrate"], { cwd })).output) as { findings: Finding[] }).findings;

const DELETE = "db/migrate/20160905103610_delete_foreign_key_in_tag_mappings.rb";
const FILES = {
  "db/migrate/20160718104316_create_tagging_spreadsheets.rb": `class CreateTaggingSpreadsheets < ActiveRecord::Migration[6.1]
  def change
    create_table :tagging_spreadsheets do |t|
      t.string :url
    end
  end
end
`,
  "db/migrate/20160719142645_create_tag_mappings.rb": `class CreateTagMappings < ActiveRecord::Migration[6.1]
  def change
    create_table :tag_mappings do |t|
      t.references :tagging_spreadsheet, index: true, foreign_key: true
    end
  end
end
`,
  "db/migrate/20160727095240_modify_foreign_key_on_tag_mappings.rb": `class ModifyForeignKeyOnTagMappings < ActiveRecord::Migration[6.1]
  def change
    remove_foreign_key :tag_mappings, :tagging_spreadsheets
    add_foreign_key :tag_mappings, :tagging_spreadsheets, on_delete: :cascade
  end
end
`,
  "db/migrate/20160902132101_make_tag_mapping_polymorphic.rb": `class MakeTagMappingPolymorphic < ActiveRecord::Migration[6.1]
  def change
    rename_column :tag_mappings, :tagging_spreadsheet_id, :tagging_source_id
  end
end
`,
  [DELETE]: `class DeleteForeignKeyInTagMappings < ActiveRecord::Migration[6.1]
  def change
    remove_foreign_key :tag_mappings, column: :tagging_source_id
  end
end
`,
};

it("the key added before the rename is found on the renamed column: the fix names its table, on_delete: and name, and raises nothing", async () => {
  const [finding] = (await lint(fileTree(FILES, "migguard-fk-by-column-"))).filter((f) => f.path === DELETE && f.rule === "irreversible-migration");
  expect(finding.line).toBe(3);
  expect(finding.fix).toBe(
    `# Name what Rails needs to add the constraint back:\nremove_foreign_key :tag_mappings, :tagging_spreadsheets, column: :tagging_source_id, on_delete: :cascade, name: "fk_rails_f9947d86dd"`,
  );
});

it("without the migration that renames the column, no key is on tagging_source_id: the down says what it lacks", async () => {
  const files: Record<string, string> = { ...FILES };
  delete files["db/migrate/20160902132101_make_tag_mapping_polymorphic.rb"];
  const [finding] = (await lint(fileTree(files, "migguard-fk-by-column-"))).filter((f) => f.path === DELETE && f.rule === "irreversible-migration");
  expect(finding.fix).toContain("raise ActiveRecord::IrreversibleMigration");
  expect(finding.fix).not.toContain("fk_rails_f9947d86dd");
});

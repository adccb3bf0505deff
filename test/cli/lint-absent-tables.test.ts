/**
 * `migguard lint` on statements guarded by a check of a table the repository never has: ifme copied Active Storage's
 * framework migrations without installing Active Storage, so `if table_exists?(:active_storage_blobs)` skips them on
 * every database its migrations and db/schema.rb describe. Their findings are notes with nothing to change; with
 * the table in db/schema.rb they are reviewed as before (irreversible-migration's is a note either way: the up
 * returns once the key exists, so running it again after a rollback changes nothing).
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-absent-tables-");

type Finding = { path: string; rule: string; line: number; severity: string; message: string; fix: string };
const lint = async (cwd: string) => (JSON.parse((await run(["lint", "--format", "json", "db/migrate"], { cwd })).output) as { findings: Finding[] }).findings;

const KEY = "db/migrate/20200509110917_add_foreign_key_constraint_to_active_storage_attachments_for_blob_id.active_storage.rb";
const FILES = {
  "db/migrate/20150506005730_create_users.rb": "class CreateUsers < ActiveRecord::Migration[4.2]\n  def change\n    create_table :users do |t|\n      t.string :email\n    end\n  end\nend\n",
  [KEY]: "class AddForeignKeyConstraintToActiveStorageAttachmentsForBlobId < ActiveRecord::Migration[6.0]\n  def up\n    return if foreign_key_exists?(:active_storage_attachments, column: :blob_id)\n\n    if table_exists?(:active_storage_blobs)\n      add_foreign_key :active_storage_attachments, :active_storage_blobs, column: :blob_id\n    end\n  end\nend\n",
  "db/schema.rb": 'ActiveRecord::Schema[6.0].define(version: 2020_05_09_110917) do\n  create_table "users", force: :cascade do |t|\n    t.string "email"\n  end\nend\n',
};

it("a key added only if table_exists?(:active_storage_blobs), in a project that never has that table: notes with nothing to change", async () => {
  const findings = (await lint(repo(FILES))).filter((f) => f.path === KEY);
  expect(findings.map((f) => [f.rule, f.line, f.severity])).toEqual([
    ["constraint-without-not-valid", 6, "info"],
    ["irreversible-migration", 6, "info"],
  ]);
  const [constraint, irreversible] = findings;
  expect(constraint.message).toContain("active_storage_blobs is never there: no earlier migration of the folder creates it and db/schema.rb has no such table");
  expect(constraint.fix).toMatch(/^# nothing to change: /);
  // the up runs again as a no-op (it returns once the key exists): irreversible-migration's own note already says a rollback is harmless
  expect(irreversible.message).toContain("Running the up again is harmless");
});

it("the same key where db/schema.rb has active_storage_blobs: the key is reviewed; the up without down runs again as a no-op, a note", async () => {
  const schema = 'ActiveRecord::Schema[6.0].define(version: 2020_05_09_110917) do\n  create_table "active_storage_blobs", force: :cascade do |t|\n    t.string "key"\n  end\n\n  create_table "active_storage_attachments", force: :cascade do |t|\n    t.bigint "blob_id"\n  end\nend\n';
  const findings = (await lint(repo({ ...FILES, "db/schema.rb": schema }))).filter((f) => f.path === KEY);
  expect(findings.map((f) => [f.rule, f.severity])).toEqual([
    ["constraint-without-not-valid", "error"],
    ["irreversible-migration", "info"],
  ]);
  expect(findings[1].message).toContain("Running the up again is harmless");
});

/**
 * unique-column-shared-default through `migguard lint` (helpy 20150313183850_add_devise_to_users, seed 55): a unique
 * text column whose default gives every row the same value gets no invented per-row value (gen_random_uuid()::text
 * in an email column): the fix says each row needs its own before the NOT NULL, and stays code that parses. A uuid
 * column's new uuid per row is a value of its own kind, written as code.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";
import { checkFixSyntax, loadFixParsers } from "../../src/engine/testing/fix-syntax.js";

await loadFixParsers();

const CREATE_USERS = "class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users do |t|\n      t.string :login\n      t.timestamps null: false\n    end\n  end\nend\n";

type Finding = { rule: string; line: number; fix: string };
const lint = async (migration: string) => {
  const cwd = fileTree({ "db/migrate/20150301000000_create_users.rb": CREATE_USERS, "db/migrate/20150320183850_add_to_users.rb": migration }, "migguard-unique-default-");
  return (JSON.parse((await run(["lint", "--format", "json", "db/migrate"], { cwd })).output) as { findings: Finding[] }).findings.filter((f) => f.rule === "unique-column-shared-default");
};

describe("unique-column-shared-default: a value for each existing row", () => {
  it("an email column: no invented value, a comment that the rows need their own before NOT NULL", async () => {
    const [finding, ...rest] = await lint(
      "class AddToUsers < ActiveRecord::Migration[7.1]\n  def change\n    change_table(:users) do |t|\n      t.string :email, null: false, default: \"\"\n    end\n\n    add_index :users, :email, unique: true\n  end\nend\n",
    );
    expect(rest).toEqual([]);
    expect(finding.line).toBe(4);
    expect(finding.fix).not.toContain("gen_random_uuid");
    expect(finding.fix).not.toContain("UPDATE");
    expect(finding.fix).toContain("# email is NOT NULL as written: each existing row needs its own email first, and migguard knows no value that fits it");
    expect(finding.fix).toContain("add_index :users, :email, unique: true, algorithm: :concurrently");
    expect(checkFixSyntax("ruby", finding.fix)).toEqual({ ok: true });
  });

  it("a uuid column: a new uuid for each row, then the NOT NULL", async () => {
    const [finding] = await lint(
      "class AddToUsers < ActiveRecord::Migration[7.1]\n  def change\n    add_column :users, :public_id, :uuid, null: false, default: \"00000000-0000-0000-0000-000000000000\"\n    add_index :users, :public_id, unique: true\n  end\nend\n",
    );
    expect(finding.fix).toContain("SET public_id = gen_random_uuid()");
    expect(finding.fix).toContain("# public_id is NOT NULL as written: once the rows above have their values, change_column_null :users, :public_id, false");
    expect(checkFixSyntax("ruby", finding.fix)).toEqual({ ok: true });
  });
});

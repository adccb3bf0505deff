/**
 * Waivers the way Rails teams write them: `safety_assured { ... }` (strong_migrations) turns the findings of
 * the calls inside into notes, and `# migguard:ignore RULE reason` silences a rule on the next call.
 */
import { analyze } from "../../analyze.js";

const lint = async (code: string) => (await analyze({ files: [{ path: "db/migrate/20240101000000_case.rb", content: code }] })).findings;

describe("Rails waivers", () => {
  it("safety_assured keeps the findings of the calls inside as info, including the irreversible change", async () => {
    const findings = await lint(`class RemoveLegacy < ActiveRecord::Migration[7.1]
  def change
    safety_assured do
      remove_column :users, :legacy
      execute "DROP TRIGGER IF EXISTS legacy_sync ON users"
    end
    remove_column :users, :fax, :string
  end
end
`);
    const at = (line: number) => findings.filter((f) => f.line === line).map((f) => `${f.rule}:${f.severity}`).sort();
    expect(at(4)).toEqual(["drop-column:info", "irreversible-migration:info"]);
    expect(at(7)).toContain("drop-column:error");
  });

  it("a down that raises is outside the block: safety_assured in up does not waive it", async () => {
    const findings = await lint(`class DropStreamEntries < ActiveRecord::Migration[7.1]
  def up
    safety_assured { drop_table :stream_entries }
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`);
    // the author's own raise after a drop is a warning that a rollback stops there (irreversible-migration), and safety_assured does not waive it
    expect(findings.find((f) => f.rule === "irreversible-migration")).toMatchObject({ line: 7, severity: "warning" });
    expect(findings.find((f) => f.rule === "drop-table")).toMatchObject({ line: 3, severity: "info" });
  });

  it("# migguard:ignore with a reason silences the rule on the next call only", async () => {
    const findings = await lint(`class AddIndexes < ActiveRecord::Migration[7.1]
  def change
    # migguard:ignore index-without-concurrently the table has 12 rows
    add_index :countries, :code
    add_index :users, :email
  end
end
`);
    expect(findings.filter((f) => f.rule === "index-without-concurrently").map((f) => f.line)).toEqual([5]);
  });

  it("# rubocop:disable Rails/ReversibleMigration turns the irreversible call it covers into a note that names it; the drop stays", async () => {
    const trailing = await lint(`class DropPathPrerequisitesTable < ActiveRecord::Migration[8.1]
  def change
    drop_table :path_prerequisites # rubocop:disable Rails/ReversibleMigration
  end
end
`);
    expect(trailing.find((f) => f.rule === "irreversible-migration")).toMatchObject({ line: 3, severity: "info", message: expect.stringContaining("(waived by rubocop:disable Rails/ReversibleMigration on line 3)") });
    expect(trailing.find((f) => f.rule === "drop-table")?.severity).toBe("error");

    const block = await lint(`class RemoveUserConfirmationColumns < ActiveRecord::Migration[6.1]
  def change
    # rubocop:disable Rails/ReversibleMigration
    remove_column :users, :confirmation_token
    # rubocop:enable Rails/ReversibleMigration
    remove_column :users, :confirmed_at
  end
end
`);
    // the migration is reported at the call the team has not acknowledged, and stays an error
    expect(block.filter((f) => f.rule === "irreversible-migration").map((f) => `${f.line}:${f.severity}`)).toEqual(["6:error"]);
  });
});

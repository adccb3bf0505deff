/**
 * The existence checks the interpreter records on the operations they guard: predicate, table, object and which
 * way the check goes, for each form Rails migrations write them in.
 */
import type { Operation } from "../../model.js";
import { parseRails } from "./test-helpers.js";
import { GUARDED_MIGRATION } from "../../testing/guarded-migration.js";

const guardsOf = (op: Operation) => (op.guards ?? []).map(({ predicate, table, column, columns, name, toTable, qualified, runsWhen, line }) => ({ predicate, table, column, columns, name, toTable, qualified, runsWhen, line }));

describe("existence guards recorded on operations", () => {
  it("Active Storage's add_service_name (as `rails active_storage:update` copies it): `return unless table_exists?` then `unless column_exists?`, outermost first, on every guarded operation", async () => {
    const m = await parseRails(GUARDED_MIGRATION);
    const outer = { predicate: "table_exists?", table: "active_storage_blobs", column: undefined, columns: [], name: undefined, toTable: undefined, qualified: false, runsWhen: "exists", line: 4 };
    const inner = { predicate: "column_exists?", table: "active_storage_blobs", column: "service_name", columns: [], name: undefined, toTable: undefined, qualified: false, runsWhen: "missing", line: 6 };
    expect(m.up.length).toBeGreaterThanOrEqual(3);
    for (const op of m.up) expect(guardsOf(op)).toEqual([outer, inner]);
    expect(m.up[0].guards?.[1].text).toBe("column_exists?(:active_storage_blobs, :service_name)");
    // the down's own early return guards its removal; the up's guards do not leak into it
    expect(m.down.status === "present" && m.down.ops.map((op) => guardsOf(op))).toEqual([[{ ...outer, line: 18 }]]);
  });

  it("two early returns one after the other (Open Food Network's copy: `return unless table_exists?`, then `return if column_exists?`): both guard what follows", async () => {
    const m = await parseRails(`class AddServiceNameToActiveStorageBlobs < ActiveRecord::Migration[6.0]
  def up
    return unless table_exists?(:active_storage_blobs)

    return if column_exists?(:active_storage_blobs, :service_name)

    add_column :active_storage_blobs, :service_name, :string
    change_column :active_storage_blobs, :service_name, :string, null: false
  end
end
`);
    expect(m.up.map((op) => op.kind)).toEqual(["add_column", "alter_column_type", "set_not_null"]);
    for (const op of m.up) expect(guardsOf(op).map((g) => [g.predicate, g.runsWhen, g.line])).toEqual([["table_exists?", "exists", 3], ["column_exists?", "missing", 5]]);
  });

  it("modifier guards, negation, else branches, index, index name and foreign key checks", async () => {
    const m = await parseRails(`class Guards < ActiveRecord::Migration[7.1]
  def change
    add_index :users, [:org_id, :email], unique: true unless index_exists?(:users, [:org_id, :email])
    remove_index :users, name: "index_users_on_legacy" if index_name_exists?(:users, "index_users_on_legacy")
    add_foreign_key :users, :orgs if !foreign_key_exists?(:users, :orgs, column: :org_id)
    if column_exists?(:users, :nickname, :string)
      remove_column :users, :nickname, :string
    else
      add_column :users, :nickname, :string
    end
  end
end
`);
    const [index, dropIndex, fk, dropColumn, addColumn] = m.up;
    expect(guardsOf(index)).toEqual([{ predicate: "index_exists?", table: "users", column: undefined, columns: ["org_id", "email"], name: undefined, toTable: undefined, qualified: false, runsWhen: "missing", line: 3 }]);
    expect(guardsOf(dropIndex)).toEqual([{ predicate: "index_name_exists?", table: "users", column: undefined, columns: [], name: "index_users_on_legacy", toTable: undefined, qualified: false, runsWhen: "exists", line: 4 }]);
    expect(guardsOf(fk)).toEqual([{ predicate: "foreign_key_exists?", table: "users", column: undefined, columns: ["org_id"], name: undefined, toTable: "orgs", qualified: false, runsWhen: "missing", line: 5 }]);
    // a type given to column_exists? is a condition migguard does not compare: qualified
    expect(guardsOf(dropColumn)).toEqual([{ predicate: "column_exists?", table: "users", column: "nickname", columns: [], name: undefined, toTable: undefined, qualified: true, runsWhen: "exists", line: 6 }]);
    expect(guardsOf(addColumn).map((g) => g.runsWhen)).toEqual(["missing"]);
  });

  it("a change_table block's table object checks its own table (`t.column_exists?(:c)` is `column_exists?(:t, :c)`), as Rails' Table delegates them; another receiver or a check it does not delegate is no guard", async () => {
    const m = await parseRails(`class TableChecks < ActiveRecord::Migration[7.1]
  def change
    change_table :users do |t|
      t.jsonb(:metadata, default: {}) unless t.column_exists?(:metadata)
      t.remove :legacy, type: :string if t.column_exists?(:legacy)
      t.index :email, unique: true unless t.index_exists?(:email, unique: true)
      t.references :org, index: false unless t.foreign_key_exists?(:orgs)
      t.string :nickname unless other.column_exists?(:nickname)
    end
  end
end
`);
    const [metadata, legacy, index, orgId, nickname] = m.up;
    expect(guardsOf(metadata)).toEqual([{ predicate: "column_exists?", table: "users", column: "metadata", columns: [], name: undefined, toTable: undefined, qualified: false, runsWhen: "missing", line: 4 }]);
    expect(metadata).toMatchObject({ kind: "add_column", ifNotExists: true });
    expect(legacy).toMatchObject({ kind: "drop_column", ifExists: true });
    expect(guardsOf(legacy).map((g) => [g.predicate, g.table, g.column, g.runsWhen])).toEqual([["column_exists?", "users", "legacy", "exists"]]);
    // options beyond the columns make the check stricter than the index's columns: qualified
    expect(guardsOf(index)).toEqual([{ predicate: "index_exists?", table: "users", column: undefined, columns: ["email"], name: undefined, toTable: undefined, qualified: true, runsWhen: "missing", line: 6 }]);
    expect(guardsOf(orgId).map((g) => [g.predicate, g.table, g.toTable, g.runsWhen])).toEqual([["foreign_key_exists?", "users", "orgs", "missing"]]);
    expect(nickname.guards).toBeUndefined();
  });

  it("conjunctions record what must hold: `if a && !b` both, `unless a || b` neither, `unless a && b` nothing; `connection.` and `ActiveRecord::Base.connection.` checks count", async () => {
    const m = await parseRails(`class Conjunctions < ActiveRecord::Migration[7.1]
  def up
    if table_exists?(:users) && !connection.column_exists?(:users, :nickname) && Rails.env.production?
      add_column :users, :nickname, :string
    end
    unless ActiveRecord::Base.connection.table_exists?(:orgs) || column_exists?(:users, :org_id)
      add_column :users, :org_id, :bigint
    end
    unless table_exists?(:users) && column_exists?(:users, :bio)
      add_column :users, :bio, :text
    end
  end
end
`);
    const [nickname, orgId, bio] = m.up;
    expect(guardsOf(nickname).map((g) => [g.predicate, g.column, g.runsWhen])).toEqual([["table_exists?", undefined, "exists"], ["column_exists?", "nickname", "missing"]]);
    expect(guardsOf(orgId).map((g) => [g.predicate, g.table, g.runsWhen])).toEqual([["table_exists?", "orgs", "missing"], ["column_exists?", "users", "missing"]]);
    expect(bio.guards).toBeUndefined();
  });

  it("`if_not_exists: true` / `if_exists: true` are the checks Rails makes; a computed name or another check records nothing", async () => {
    const m = await parseRails(`class Options < ActiveRecord::Migration[7.1]
  def change
    add_column :users, :nickname, :string, if_not_exists: true
    remove_column :users, :legacy, :string, if_exists: true
    add_column :users, :bio, :text unless extension_enabled?("citext")
    add_column :users, :age, :integer unless column_exists?(:users, column_name)
  end
end
`);
    const [nickname, legacy, bio, age] = m.up;
    expect(guardsOf(nickname)).toEqual([{ predicate: "column_exists?", table: "users", column: "nickname", columns: [], name: undefined, toTable: undefined, qualified: false, runsWhen: "missing", line: 3 }]);
    expect(guardsOf(legacy).map((g) => [g.predicate, g.column, g.runsWhen])).toEqual([["column_exists?", "legacy", "exists"]]);
    expect(bio.guards).toBeUndefined();
    expect(age.guards).toBeUndefined();
  });
});

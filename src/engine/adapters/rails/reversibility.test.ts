/**
 * `def change` is reversible exactly when ActiveRecord::Migration::CommandRecorder can invert every command
 * (activerecord/lib/active_record/migration/command_recorder.rb, Rails 7.x). One line of `change` per case.
 */
import { parseRails, shape } from "./test-helpers.js";

const inChange = (line: string) => `class M < ActiveRecord::Migration[7.1]\n  def change\n    ${line}\n  end\nend\n`;

const irreversible: Array<[string, string]> = [
  ["remove_column :users, :fax", "remove_column is only reversible if given a type"],
  ["remove_column :users, :fax, null: true", "remove_column is only reversible if given a type"],
  ["remove_columns :users, :fax, :telex", "remove_columns is only reversible if given a type"],
  ["change_column :users, :age, :bigint", "change_column"],
  ['execute "SELECT 1"', "execute"],
  ["drop_table :users", "only reversible if given options or a block"],
  ["drop_table :users, if_exists: true", "only reversible if given options or a block"],
  ["drop_table :a, :b, force: :cascade", "single table name"],
  ["change_column_default :users, :role, \"member\"", ":from and :to"],
  ["change_column_default :users, :role, from: nil", ":from and :to"],
  ["remove_index :users, name: :index_users_on_email", ":column option"],
  ["remove_foreign_key :posts, column: :author_id", "second table"],
  ["remove_check_constraint :posts, name: \"chk\"", "expression"],
  ["add_enum_value :mood, \"meh\"", "add_enum_value"],
  ["drop_enum :mood", "list of enum values"],
  ["drop_view :totals", "revert_to_version"],
  ["update_view :totals, version: 3", "revert_to_version"],
  ["change_column_comment :users, :age, \"years\"", ":from and :to"],
  ["User.update_all(flag: true)", "not recorded"],
  ["ActiveRecord::Base.connection.execute(\"UPDATE users SET a = 1\")", "not recorded"],
  ["User.find_each { |u| u.touch }", "not recorded"],
  // a model method sent to every record (publishing-api's Edition#substitute unpublishes): run for its effect
  ['Edition.where(state: "published").find_each(&:substitute)', "not recorded"],
];

const reversible: Array<[string, string[]]> = [
  ["add_column :users, :age, :integer", ["drop_column@3"]],
  ["remove_column :users, :fax, :string", ["add_column@3"]],
  ["remove_columns :users, :fax, :telex, type: :string", ["add_column@3", "add_column@3"]],
  ["drop_table :users, force: :cascade", ["create_table@3"]],
  ["drop_table(:users) { |t| t.string :name }", ["create_table@3"]],
  ["rename_table :a, :b", ["rename_table@3"]],
  ["rename_column :users, :a, :b", ["rename_column@3"]],
  ["change_column_default :users, :role, from: nil, to: \"member\"", ["drop_default@3"]],
  ["change_column_null :users, :role, false", ["drop_not_null@3"]],
  ["add_index :users, :email", ["drop_index@3"]],
  ["remove_index :users, :email", ["add_index@3"]],
  ["remove_index :users, column: :email", ["add_index@3"]],
  ["add_reference :posts, :author, foreign_key: true", ["drop_column@3"]],
  ["remove_reference :posts, :author, index: true", ["add_column@3", "add_index@3"]],
  ["add_foreign_key :posts, :users", ["drop_constraint@3"]],
  ["remove_foreign_key :posts, :users", ["add_constraint@3"]],
  ["add_check_constraint :posts, \"x > 0\", name: \"chk\"", ["drop_constraint@3"]],
  ["remove_check_constraint :posts, \"x > 0\", name: \"chk\"", ["add_constraint@3"]],
  ["validate_foreign_key :posts, :users", []],
  ["add_timestamps :users", ["drop_column@3", "drop_column@3"]],
  ["enable_extension \"pgcrypto\"", ["drop_object@3"]],
  ["create_join_table :users, :roles", ["drop_table@3"]],
  ["rename_index :users, :a, :b", ["rename_object@3"]],
  ["create_view :totals, version: 2", ["drop_object@3"]],
  ["drop_view :totals, revert_to_version: 2, materialized: true", ["create_object@3"]],
  ["update_view :totals, version: 3, revert_to_version: 2", ["drop_object@3", "create_object@3"]],
  ["up_only { execute \"UPDATE users SET a = 1\" }", []],
  ["say_with_time(\"x\") { add_column :users, :a, :string }", ["drop_column@3"]],
  // reading each record's id or a predicate changes nothing
  ["User.where(admin: true).map(&:id)", []],
  ["User.find_each(&:valid?)", []],
];

describe("change that Rails cannot invert", () => {
  it.each(irreversible)("%s", async (line, reason) => {
    const m = await parseRails(inChange(line));
    expect(m.down.status).toBe("irreversible");
    if (m.down.status !== "irreversible") return;
    expect(m.down.reason).toContain(reason);
    expect(m.down.loc?.line).toBe(3);
  });
});

describe("change that Rails inverts", () => {
  it.each(reversible)("%s", async (line, down) => {
    const m = await parseRails(inChange(line));
    expect(m.down.status).toBe("present");
    if (m.down.status !== "present") return;
    expect(m.down.derived).toBe(true);
    expect(shape(m.down.ops)).toEqual(down);
  });
});

describe("up and down methods", () => {
  it("up without down is irreversible with no line, and silent: Rails' Migration#down returns, the rollback runs nothing", async () => {
    const m = await parseRails("class M < ActiveRecord::Migration[7.1]\n  def up\n    add_column :users, :a, :string\n  end\nend\n");
    expect(m.down).toMatchObject({ status: "irreversible", silent: true });
    expect(m.down.status === "irreversible" && m.down.loc).toBeUndefined();
  });

  it("a down that raises IrreversibleMigration points at the raise", async () => {
    const m = await parseRails(
      "class M < ActiveRecord::Migration[7.1]\n  def up\n    drop_table :a\n  end\n\n  def down\n    raise ActiveRecord::IrreversibleMigration, \"restore from backup\"\n  end\nend\n",
    );
    expect(m.down).toMatchObject({ status: "irreversible", loc: { line: 7 } });
  });

  it("a raise inside a condition does not make the down irreversible", async () => {
    const m = await parseRails(
      "class M < ActiveRecord::Migration[7.1]\n  def up\n    add_column :a, :b, :string\n  end\n\n  def down\n    raise \"no\" if Rails.env.production?\n    remove_column :a, :b\n  end\nend\n",
    );
    expect(m.down.status).toBe("present");
  });

  it("an empty down is empty, at its def line", async () => {
    const m = await parseRails("class M < ActiveRecord::Migration[7.1]\n  def up\n    add_column :a, :b, :string\n  end\n\n  def down\n  end\nend\n");
    expect(m.down).toMatchObject({ status: "empty", loc: { line: 6 } });
  });

  it("data changes in up are reversible exactly when the down does something", async () => {
    const withDown = await parseRails(
      "class M < ActiveRecord::Migration[7.1]\n  def up\n    User.find_each { |u| u.touch }\n  end\n\n  def down\n    User.update_all(updated_at: nil)\n  end\nend\n",
    );
    expect(withDown.up[0]).toMatchObject({ kind: "data_migration", reversible: true, tables: ["users"] });
    const withoutDown = await parseRails("class M < ActiveRecord::Migration[7.1]\n  def up\n    User.find_each { |u| u.touch }\n  end\nend\n");
    expect(withoutDown.up[0]).toMatchObject({ kind: "data_migration", reversible: false });
  });
});

describe("scenic views and helpers that yield", () => {
  it("create_view names the versioned file scenic reads, Scenic::Definition names the same one, and a helper's yield runs the caller's block there", async () => {
    const m = await parseRails(`class M < ActiveRecord::Migration[8.0]
  def up
    around_summaries do
      create_view :tmp_summaries, sql_definition: Scenic::Definition.new(:summaries, 3).to_sql, materialized: true
    end
  end

  def down; end

  def around_summaries
    drop_view :summaries, materialized: { no_data: true }
    yield
    create_view :summaries, version: 3
  end
end
`);
    expect(m.up.map((op) => [op.kind, op.loc.line, op.kind === "create_object" ? `${op.objectType} ${op.name} ${op.definition}` : op.kind === "drop_object" ? `${op.objectType} ${op.names}` : ""])).toEqual([
      ["drop_object", 11, "materialized_view summaries"],
      ["create_object", 4, "materialized_view tmp_summaries db/views/summaries_v03.sql"],
      ["create_object", 13, "view summaries db/views/summaries_v03.sql"],
    ]);
  });
});

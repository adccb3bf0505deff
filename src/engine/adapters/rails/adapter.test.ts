/**
 * The Rails adapter on the constructs whose lines or structure are easy to get wrong: multibyte text before
 * a call (Prism gives byte offsets), SQL in heredocs and variables, change_table blocks, reversible blocks,
 * transactions and safety_assured, and files Prism cannot fully parse.
 */
import { parseRails, shape } from "./test-helpers.js";

describe("lines", () => {
  it("counts lines correctly after multibyte comments and strings", async () => {
    const m = await parseRails(`# encoding: utf-8 — 日本語 ✓ 😀
class AddNames < ActiveRecord::Migration[7.1]
  def change
    add_column :users, :nickname, :string, default: "héhé ✓"
    # ünïcödé 😀😀😀
    add_index :users, :nickname, algorithm: :concurrently
  end
end
`);
    expect(shape(m.up)).toEqual(["add_column@4", "add_index@6"]);
  });

  it("gives heredoc SQL its own lines, one operation per statement", async () => {
    const m = await parseRails(`class BackfillCounts < ActiveRecord::Migration[7.1]
  def up
    execute <<~SQL
      -- café ✓
      UPDATE posts
      SET comments_count = 0
      WHERE comments_count IS NULL;

      ALTER TABLE posts ALTER COLUMN comments_count SET NOT NULL;
    SQL
  end

  def down
    execute <<-SQL.squish
      ALTER TABLE posts ALTER COLUMN comments_count DROP NOT NULL
    SQL
  end
end
`);
    expect(shape(m.up)).toEqual(["dml@5", "set_not_null@9"]);
    expect(m.up[0]).toMatchObject({ verb: "update", table: "posts", hasWhere: true, embeddedSql: true });
    expect(m.up[0].loc.endLine).toBe(7);
    expect(m.down.status).toBe("present");
    if (m.down.status === "present") expect(shape(m.down.ops)).toEqual(["drop_not_null@15"]);
  });

  it("follows SQL assigned to a local variable, and interpolation keeps the layout", async () => {
    const m = await parseRails(`class Cleanup < ActiveRecord::Migration[7.1]
  def up
    sql = <<~SQL
      DELETE FROM sessions
      WHERE updated_at < #{cutoff}
    SQL
    execute sql
    execute "UPDATE #{table} SET flag = true"
  end
end
`);
    expect(shape(m.up)).toEqual(["dml@4", "dml@8"]);
    expect(m.up[0]).toMatchObject({ verb: "delete", table: "sessions", hasWhere: true });
    // an interpolated table is unknown, not a table named after the placeholder
    expect(m.up[1]).toMatchObject({ verb: "update", table: undefined });
    expect(m.syntaxErrors).toEqual([]);
  });

  it("reads the string Arel.sql marks as trusted SQL, through connection.execute", async () => {
    const m = await parseRails(`class ValidateConstraintNotes < ActiveRecord::Migration[7.2]
  def up
    ActiveRecord::Base.connection.execute(Arel.sql("ALTER TABLE notes VALIDATE CONSTRAINT fk_rails_5d4a723a34;"))
  end

  def down
    # cannot un-validate a constraint
  end
end
`);
    expect(shape(m.up)).toEqual(["validate_constraint@3"]);
    expect(m.up[0]).toMatchObject({ table: "notes", name: "fk_rails_5d4a723a34" });
    expect(m.hidden).toEqual([]);
  });
});

describe("change_table", () => {
  it("turns every t.* call into the migration command it stands for, at its own line", async () => {
    const m = await parseRails(`class ReshapeAccounts < ActiveRecord::Migration[7.1]
  def change
    change_table :accounts, bulk: true do |t|
      t.string :nickname, :handle, limit: 40
      t.references :owner, polymorphic: true, index: false
      t.rename :fax, :fax_number
      t.change_default :plan, from: nil, to: "free"
      t.index :nickname, unique: true
      t.remove :legacy, type: :integer
      t.timestamps null: true
      t.column_exists?(:x)
    end
  end
end
`);
    expect(shape(m.up)).toEqual([
      "add_column@4",
      "add_column@4",
      "add_column@5",
      "add_column@5",
      "rename_column@6",
      "set_default@7",
      "add_index@8",
      "drop_column@9",
      "add_column@10",
      "add_column@10",
    ]);
    expect(m.up.map((op) => ("table" in op ? op.table : undefined))).toEqual(Array(10).fill("accounts"));
    expect(m.up[2]).toMatchObject({ kind: "add_column", column: { name: "owner_type", type: { name: "varchar" } } });
    expect(m.up[6]).toMatchObject({ kind: "add_index", name: "index_accounts_on_nickname", unique: true, frameworkCall: "t.index" });
    // every t.* call can be inverted, so the down is derived, in reverse order
    expect(m.down.status).toBe("present");
    if (m.down.status === "present") {
      expect(m.down.derived).toBe(true);
      expect(shape(m.down.ops).slice(0, 3)).toEqual(["drop_column@10", "drop_column@10", "add_column@9"]);
    }
  });

  it("t.change inside change_table makes the change irreversible at that line", async () => {
    const m = await parseRails(`class Widen < ActiveRecord::Migration[7.1]
  def change
    change_table :posts do |t|
      t.string :slug
      t.change :title, :text
    end
  end
end
`);
    expect(m.down).toMatchObject({ status: "irreversible", loc: { line: 5 } });
  });
});

describe("loops", () => {
  it("runs a block once per element of a literal array or a class constant", async () => {
    const m = await parseRails(`class AddFlags < ActiveRecord::Migration[7.1]
  TABLES = %i[posts comments].freeze

  def change
    TABLES.each { |table| add_column table, :hidden, :boolean }
    %w[title body].each do |column|
      add_index :posts, column, algorithm: :concurrently
    end
  end
end
`);
    expect(m.up.map((op) => `${op.kind}:${"table" in op ? op.table : ""}@${op.loc.line}`)).toEqual([
      "add_column:posts@5",
      "add_column:comments@5",
      "add_index:posts@7",
      "add_index:posts@7",
    ]);
  });

  it("runs a block once per entry of a literal hash constant iterated with a key and a value (hackatime's trigram indexes)", async () => {
    const m = await parseRails(`class AddTrgmIndexes < ActiveRecord::Migration[8.1]
  disable_ddl_transaction!
  INDEXES = {
    users: %i[username github_username],
    email_addresses: %i[email]
  }.freeze

  def up
    INDEXES.each do |table, columns|
      columns.each do |column|
        add_index table, column, name: "index_#{table}_on_#{column}_trgm", algorithm: :concurrently
      end
    end
  end
end
`);
    expect(m.up.map((op) => (op.kind === "add_index" ? `${op.table}.${op.columns.join()}:${op.name}` : op.kind))).toEqual([
      "users.username:index_users_on_username_trgm",
      "users.github_username:index_users_on_github_username_trgm",
      "email_addresses.email:index_email_addresses_on_email_trgm",
    ]);
  });
});

describe("reversible, up_only and revert", () => {
  const code = `class AddSearch < ActiveRecord::Migration[7.1]
  def change
    add_column :posts, :search, :tsvector
    reversible do |dir|
      dir.up do
        execute "CREATE INDEX CONCURRENTLY IF NOT EXISTS posts_search ON posts USING gin (search)"
      end
      dir.down { execute "DROP INDEX IF EXISTS posts_search" }
    end
    up_only { execute "UPDATE posts SET search = to_tsvector(body) WHERE search IS NULL" }
    revert do
      add_column :posts, :legacy_search, :text
    end
  end
end
`;

  it("runs dir.up and up_only on migrate, and the inverse of a revert block", async () => {
    const m = await parseRails(code);
    expect(shape(m.up)).toEqual(["add_column@3", "add_index@6", "dml@10", "drop_column@12"]);
  });

  it("derives the down from dir.down and the inverses, in reverse order", async () => {
    const m = await parseRails(code);
    expect(m.down.status).toBe("present");
    if (m.down.status !== "present") return;
    expect(shape(m.down.ops)).toEqual(["add_column@12", "drop_index@8", "drop_column@3"]);
  });

  it("takes the dir.down branch in def down and the dir.up branch in def up", async () => {
    const m = await parseRails(`class Flip < ActiveRecord::Migration[7.1]
  def up
    reversible do |dir|
      dir.up { add_column :users, :a, :string }
      dir.down { add_column :users, :b, :string }
    end
  end

  def down
    reversible do |dir|
      dir.up { remove_column :users, :c }
      dir.down { remove_column :users, :a }
    end
  end
end
`);
    expect(shape(m.up)).toEqual(["add_column@4"]);
    expect(m.down.status === "present" && shape(m.down.ops)).toEqual(["drop_column@12"]);
  });
});

describe("commands in the class body", () => {
  it("runs create_table written outside any method (ifme's setup_database) as Rails does when it loads the file: first, outside the transaction, never undone", async () => {
    const m = await parseRails(`class SetupDatabase < ActiveRecord::Migration[4.2]
  enable_extension "plpgsql"

  create_table "moments", force: true do |t|
    t.string "mood"
  end

  %w[groups meetings].each do |name|
    create_table name
  end

  define_method(:later) { create_table :never_at_load }
  NOT_RUN = -> { create_table :nor_this }

  def change
    add_column :moments, :why, :text
  end
end
`);
    expect(m.up.map((op) => `${op.kind}:${"table" in op ? op.table : ""}@${op.loc.line}`)).toEqual([
      "create_object:@2",
      "drop_table:@4",
      "create_table:moments@4",
      "create_table:groups@9",
      "create_table:meetings@9",
      "add_column:moments@16",
    ]);
    expect(m.up.map((op) => op.inTransaction)).toEqual([false, false, false, false, false, true]);
    expect(m.up.find((op) => op.kind === "create_table" && op.table === "moments")).toMatchObject({ columns: expect.arrayContaining([expect.objectContaining({ name: "mood", type: expect.objectContaining({ name: "varchar" }) })]) });
    // the rollback reverts the change only: the class body is not recorded
    expect(m.down.status === "present" && shape(m.down.ops)).toEqual(["drop_column@16"]);
  });
});

describe("transactions and waivers", () => {
  it("disable_ddl_transaction! takes operations out of the transaction; transaction blocks put them back", async () => {
    const m = await parseRails(`class Indexes < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def change
    add_index :users, :email, algorithm: :concurrently
    transaction do
      add_column :users, :flag, :boolean
    end
  end
end
`);
    expect(m.transactional).toBe(false);
    expect(m.up.map((op) => op.inTransaction)).toEqual([false, true]);
  });

  it("marks operations inside safety_assured, and reads migguard:ignore comments", async () => {
    const m = await parseRails(`class DropColumns < ActiveRecord::Migration[7.1]
  def change
    safety_assured do
      remove_column :users, :a, :string
    end
    # migguard:ignore drop-column nothing reads it since #123
    remove_column :users, :b, :string
  end
end
`);
    expect(m.up.map((op) => op.assured)).toEqual([true, false]);
    expect(m.waivers).toEqual([{ line: 6, rules: ["drop-column"], reason: "nothing reads it since #123", wholeFile: false }]);
  });
});

describe("bad input", () => {
  it("reports Prism's syntax errors with their lines and keeps what it could read", async () => {
    const m = await parseRails(`class Broken < ActiveRecord::Migration[7.1]
  def change
    add_column :users, :nick, :string
    add_index :users, :nick, where: (
  end
end
`);
    expect(m.syntaxErrors.length).toBeGreaterThan(0);
    expect(m.syntaxErrors[0].line).toBeGreaterThanOrEqual(4);
    expect(m.up[0]).toMatchObject({ kind: "add_column", table: "users" });
  });

  it("one bad token is one syntax error: an unterminated heredoc, with the errors it causes counted in its message", async () => {
    const m = await parseRails(`class Broken < ActiveRecord::Migration[7.1]
  def change
    drop_table :accounts
    execute <<~SQL
      SELECT 1
  end
end
`);
    // Prism also reports the class and the def left without their \`end\`, and the SQL runs into them
    expect(m.syntaxErrors).toEqual([
      { line: 4, endLine: 4, message: 'unterminated heredoc; can\'t find string "SQL" anywhere before EOF; 3 more syntax errors in this file (lines 1, 2, 7) likely follow from it' },
    ]);
    expect(m.up[0]).toMatchObject({ kind: "drop_table", tables: ["accounts"] });
  });

  it.each([
    ["a double-quoted string", 'execute "SELECT 1', "unterminated string meets end of file"],
    ["a %Q string", "execute %Q{SELECT 1", "unterminated string meets end of file"],
    ["a %w list", "add_index :users, %w[a b", "unterminated list; expected a closing delimiter for the `%w`"],
  ])("%s left open is reported on the line it opens (Prism places it at the end of the file), its SQL not again", async (_what, line, message) => {
    const m = await parseRails(`class Broken < ActiveRecord::Migration[7.1]
  def change
    drop_table :accounts
    ${line}
    remove_column :users, :x
  end
end
`);
    expect(m.syntaxErrors).toEqual([{ line: 4, endLine: 4, message: `${message}; 3 more syntax errors in this file (lines 1, 2, 8) likely follow from it` }]);
    expect(m.up[0]).toMatchObject({ kind: "drop_table", tables: ["accounts"] });
  });

  it("without a token left open, the first syntax error is the one reported", async () => {
    const m = await parseRails(`class Broken < ActiveRecord::Migration[7.1]
  def change
    add_index :users, [:a, :b
    remove_column :users, :x
  end
end
`);
    expect(m.syntaxErrors).toHaveLength(1);
    expect(m.syntaxErrors[0]).toMatchObject({ line: 4, message: expect.stringMatching(/; 1 more syntax error in this file \(line 5\) likely follows from it$/) });
  });

  it("a file without a migration class is unsupported, not an error", async () => {
    const m = await parseRails("module Helpers\n  def self.go; end\nend\n");
    expect(m.up).toEqual([]);
    expect(m.down.status).toBe("unsupported");
  });

  it("SQL PostgreSQL rejects is a syntax error at its line, and still counts as the data change it starts with", async () => {
    const m = await parseRails(`class TimestampVotes < ActiveRecord::Migration[6.0]
  def change
    add_column :votes, :updated_at, :datetime
    connection.execute("update votes, comments set votes.updated_at = comments.created_at where comments.id = votes.comment_id")
  end
end
`);
    expect(m.syntaxErrors.map((e) => e.line)).toEqual([4]);
    expect(m.up[1]).toMatchObject({ kind: "dml", verb: "update", table: "votes", hasWhere: true, loc: { line: 4 } });
  });

  it("an application helper becomes a raw operation with a note, never a hazard", async () => {
    const m = await parseRails(`class OptimizeIndex < ActiveRecord::Migration[5.2]
  disable_ddl_transaction!

  def up
    update_index :statuses, "index_statuses_on_uri", :uri, unique: true
  end

  def down
    update_index :statuses, "index_statuses_on_uri", :uri
  end
end
`);
    expect(shape(m.up)).toEqual(["raw@5"]);
    expect(m.notes[0]).toMatchObject({ line: 5 });
    expect(m.down.status).toBe("present");
  });
});

describe("CHECK constraints", () => {
  it("records the expression and the SQL of add_check_constraint, t.check_constraint in change_table and in create_table", async () => {
    const m = await parseRails(`class AddChecks < ActiveRecord::Migration[7.1]
  def change
    add_check_constraint :orders, "total >= 0", name: "orders_total_positive", validate: false
    change_table :orders do |t|
      t.check_constraint "quantity > 0", name: "orders_quantity_positive"
    end
    create_table :refunds do |t|
      t.integer :amount
      t.check_constraint "amount > 0"
    end
  end
end
`);
    const [add, inChangeTable, created] = m.up;
    expect(add).toMatchObject({ kind: "add_constraint", table: "orders", name: "orders_total_positive", expression: "total >= 0", notValid: true, sql: 'ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID;' });
    expect(inChangeTable).toMatchObject({ kind: "add_constraint", table: "orders", name: "orders_quantity_positive", expression: "quantity > 0", sql: "ALTER TABLE orders ADD CONSTRAINT orders_quantity_positive CHECK (quantity > 0);" });
    expect(created.kind === "create_table" && created.constraints).toEqual([
      { type: "check", columns: [], name: expect.stringMatching(/^chk_rails_[0-9a-f]{10}$/), expression: "amount > 0", sql: expect.stringMatching(/^ALTER TABLE refunds ADD CONSTRAINT chk_rails_[0-9a-f]{10} CHECK \(amount > 0\);$/) },
    ]);
  });
});

describe("the duplicates a delete removes, by the columns it groups them by", () => {
  it("group(...) with having(\"count(*) > 1\") or select(\"min(id)\"), through a local too, is the grouping; a group by an expression, or a having that keeps no duplicates, is none", async () => {
    const m = await parseRails(`class DedupeVotes < ActiveRecord::Migration[7.1]
  class Vote < ActiveRecord::Base; end

  def up
    duplicates = Vote.group(:votable_id, :voter_id).having("count(*) >= 2").count
    duplicates.each do |(votable_id, voter_id), count|
      Vote.where(votable_id: votable_id, voter_id: voter_id).order(:id).limit(count - 1).delete_all
    end
    Vote.where.not(id: Vote.group("voter_id, kind").select("max(id)")).delete_all
    Vote.where.not(id: Vote.group("lower(kind)").select("min(id)")).delete_all
    Vote.where.not(id: Vote.group(:kind).having("count(*) > 0").select("id")).delete_all
  end
end
`);
    const [loop, byMax, byExpression, noDuplicates] = m.up;
    expect(loop).toMatchObject({ kind: "data_migration", dedupesBy: [{ table: "votes", columns: ["votable_id", "voter_id"] }] });
    expect(byMax).toMatchObject({ kind: "dml", verb: "delete", dedupesBy: [{ table: "votes", columns: ["voter_id", "kind"] }] });
    expect(byExpression).not.toHaveProperty("dedupesBy");
    expect(noDuplicates).not.toHaveProperty("dedupesBy");
  });
});

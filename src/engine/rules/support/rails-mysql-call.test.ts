import { loadRubyParser, parseRuby } from "../../adapters/rails/prism.js";
import { withArgument, withOption, withoutOption, withoutPostgresOptions } from "./rails-mysql-call.js";

await loadRubyParser();

describe("withoutPostgresOptions", () => {
  it.each([
    ["add_foreign_key :posts, :users, validate: false", "add_foreign_key :posts, :users"],
    ["add_foreign_key :posts, :users, column: :author_id, validate: false", "add_foreign_key :posts, :users, column: :author_id"],
    ["add_foreign_key :posts, :users, validate: false, column: :author_id", "add_foreign_key :posts, :users, column: :author_id"],
    ["add_index :users, :email, algorithm: :concurrently", "add_index :users, :email"],
    ["add_reference :posts, :author, foreign_key: { to_table: :users }, index: { algorithm: :concurrently }", "add_reference :posts, :author, foreign_key: { to_table: :users }, index: true"],
    ["add_reference :posts, :author, index: { unique: true, algorithm: :concurrently }, foreign_key: { validate: false }", "add_reference :posts, :author, index: { unique: true }, foreign_key: true"],
    ["add_index(:users, :email, { algorithm: :concurrently })", "add_index(:users, :email)"],
    ["change_table :posts do |t|\n  t.references :author, foreign_key: { validate: false }\nend", "change_table :posts do |t|\n  t.references :author, foreign_key: true\nend"],
  ])("%s", (call, expected) => {
    expect(withoutPostgresOptions(call)).toBe(expected);
    expect(parseRuby(expected).errors).toEqual([]);
  });

  it("keeps MySQL's own algorithms, a true validate and text in strings", () => {
    for (const call of ["add_index :users, :email, algorithm: :inplace", "add_foreign_key :posts, :users, validate: true", 'execute "ALTER TABLE t ADD INDEX i (a), ALGORITHM=INPLACE" # algorithm: :concurrently']) expect(withoutPostgresOptions(call)).toBe(call);
  });

  it("counts UTF-8 bytes as Prism does", () => {
    expect(withoutPostgresOptions('add_foreign_key :café, :users, name: "fk_é", validate: false')).toBe('add_foreign_key :café, :users, name: "fk_é"');
  });
});

describe("withoutOption", () => {
  it("takes one option out, its comma with it, and leaves the rest", () => {
    expect(withoutOption("add_column :coupons, :code, :string, primary_key: true", "primary_key")).toBe("add_column :coupons, :code, :string");
    expect(withoutOption("add_column :coupons, :code, :string, primary_key: true, limit: 8", "primary_key")).toBe("add_column :coupons, :code, :string, limit: 8");
    expect(withoutOption("add_column :coupons, :code, :string, limit: 8", "primary_key")).toBe("add_column :coupons, :code, :string, limit: 8");
  });
});

describe("withOption", () => {
  it("adds the option after the last argument, keeping the others as written, with or without parentheses", () => {
    expect(withOption(`add_index :editions, %i[document_id document_type], where: "content_store = 'live'", name: :live`, "algorithm", ":concurrently")).toBe(
      `add_index :editions, %i[document_id document_type], where: "content_store = 'live'", name: :live, algorithm: :concurrently`,
    );
    expect(withOption("add_index(:links, [:link_set_id, :link_type])", "algorithm", ":concurrently")).toBe("add_index(:links, [:link_set_id, :link_type], algorithm: :concurrently)");
    expect(withOption("add_index :links, :link_type # by type", "algorithm", ":concurrently")).toBe("add_index :links, :link_type, algorithm: :concurrently # by type");
  });
  it("replaces the option's own pair, and puts it inside a braced option hash", () => {
    expect(withOption("add_index :users, :email, algorithm: :inplace, unique: true", "algorithm", ":concurrently")).toBe("add_index :users, :email, unique: true, algorithm: :concurrently");
    expect(withOption("add_index(:users, :email, { unique: true })", "algorithm", ":concurrently")).toBe("add_index(:users, :email, { unique: true, algorithm: :concurrently })");
  });
  it("gives nothing for what is not one call", () => {
    expect(withOption("add_index :users,", "algorithm", ":concurrently")).toBeUndefined();
    expect(withOption("create_table :t do |t| end", "algorithm", ":concurrently")).toBeUndefined();
  });
});

describe("withArgument", () => {
  it.each([
    ["add_index :orders, :status, algorithm: :concurrently", 0, ":purchases", "add_index :purchases, :status, algorithm: :concurrently"],
    ["add_index(:orders, %i[a b], where: \"x\", algorithm: :concurrently)", 1, "[:a, :c]", "add_index(:orders, [:a, :c], where: \"x\", algorithm: :concurrently)"],
  ])("%s: argument %i as %s", (call, index, text, expected) => {
    expect(withArgument(call, index, text)).toBe(expected);
    expect(parseRuby(expected).errors).toEqual([]);
  });

  it("has no argument past the last positional one (options are not positional)", () => {
    expect(withArgument("add_index :orders, :status, unique: true", 2, ":x")).toBeUndefined();
  });
});

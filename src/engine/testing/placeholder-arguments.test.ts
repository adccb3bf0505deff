import { placeholderArgument, placeholderName } from "./placeholder-arguments.js";

describe("placeholderArgument", () => {
  it("finds `...` standing for arguments in code, in Python, Ruby and SQL", () => {
    expect(placeholderArgument("with op.get_context().autocommit_block():\n    op.create_index(..., postgresql_concurrently=True)")).toBe("    op.create_index(..., postgresql_concurrently=True)");
    expect(placeholderArgument("operations = [AddIndexConcurrently(...)]")).toBe("operations = [AddIndexConcurrently(...)]");
    expect(placeholderArgument("add_index :users, [...], algorithm: :concurrently")).toBe("add_index :users, [...], algorithm: :concurrently");
  });

  it("leaves comments and strings that say what is unknown", () => {
    expect(placeholderArgument("# copy the other arguments (postgresql_where, ...) into this call\nop.create_index(\"ix\", \"t\", [\"c\"])")).toBeUndefined();
    expect(placeholderArgument("-- CREATE INDEX CONCURRENTLY <partition>_idx ON <partition> (...)\nSELECT 1;")).toBeUndefined();
    expect(placeholderArgument('op.execute("SELECT \'#\' || name FROM t")')).toBeUndefined();
  });
});

describe("placeholderName", () => {
  it("finds a name or value stood in for in code", () => {
    expect(placeholderName("remove_foreign_key :orders, :other_table")).toBe("remove_foreign_key :orders, :other_table");
    expect(placeholderName('remove_check_constraint :m, "<the CHECK expression>", name: "c"')).toBe('remove_check_constraint :m, "<the CHECK expression>", name: "c"');
    expect(placeholderName("remove_index :shops, column: [:column_name]")).toBe("remove_index :shops, column: [:column_name]");
    expect(placeholderName("ALTER TABLE t MODIFY c <the column's type> NOT NULL")).toBe("ALTER TABLE t MODIFY c <the column's type> NOT NULL");
  });

  it("leaves comments and code whose angle brackets compare or inherit", () => {
    expect(placeholderName("# add_check_constraint :m, <its expression> (unknown)\nraise ActiveRecord::IrreversibleMigration")).toBeUndefined();
    expect(placeholderName('class A < ActiveRecord::Migration[7.1]\n  execute "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0 AND b < 9)"')).toBeUndefined();
  });
});

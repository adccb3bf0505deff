import { placeholderArgument } from "./placeholder-arguments.js";

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

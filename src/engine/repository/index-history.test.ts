import { beforeAll, describe, expect, it } from "@jest/globals";
import type { Operation } from "../model.js";
import { IndexHistory } from "./index-history.js";
import { loadPgParser } from "../adapters/sql/index.js";

const addIndex = (name: string, table: string, columns: string[]) => ({ kind: "add_index", name, table, columns, referencedColumns: [], unique: false }) as unknown as Operation;
const dropIndex = (name: string) => ({ kind: "drop_index", names: [name], columns: [] }) as unknown as Operation;

describe("index history", () => {
  it("answers each position with the indexes live there, also when asked again after more of the replay", () => {
    const history = new IndexHistory();
    history.apply(addIndex("users_email", "users", ["email"]), 0, undefined);
    history.apply(addIndex("orders_user", "orders", ["user_id"]), 1, undefined);
    const names = (table: string, column: string, position: number) => history.readingColumn(table, column, position).map((i) => i.name);
    expect(names("users", "email", 1)).toEqual(["users_email"]);
    expect(names("Users", "EMAIL", 2)).toEqual(["users_email"]);
    expect(names("orders", "user_id", 1)).toEqual([]);
    expect(names("orders", "user_id", 2)).toEqual(["orders_user"]);
    // a later step of the replay changes what the same position's question found before it
    history.apply(dropIndex("users_email"), 1, undefined);
    expect(names("users", "email", 2)).toEqual([]);
    expect(history.namedIndexesOf("orders", 2).map((i) => i.name)).toEqual(["orders_user"]);
  });
});

describe("an index renamed (ALTER INDEX ... RENAME TO, rename_index, Django's RenameIndex)", () => {
  beforeAll(() => loadPgParser());
  const rename = (name: string, newName: string, table?: string) => ({ kind: "rename_object", objectType: "index", name, newName, table }) as unknown as Operation;
  const createTable = (table: string) => ({ kind: "create_table", table, columns: [], constraints: [] }) as unknown as Operation;

  it("is followed under its new name, its CREATE INDEX written with it, and its table stays followed", () => {
    const history = new IndexHistory();
    history.apply(createTable("orders"), 0, undefined);
    history.apply(addIndex("orders_user", "orders", ["user_id"]), 0, "CREATE INDEX orders_user ON orders (user_id);");
    history.apply(rename("orders_user", "orders_user_id_idx"), 1, undefined);
    expect(history.index("orders_user", 2)).toBeUndefined();
    expect(history.index("orders_user_id_idx", 2)).toMatchObject({ table: "orders", sql: "CREATE INDEX orders_user_id_idx ON orders (user_id);" });
    expect(history.follows("orders", 2)).toBe(true);
    // a later drop by the new name removes it
    history.apply(dropIndex("orders_user_id_idx"), 2, undefined);
    expect(history.gone("orders", ["orders_user_id_idx"], [], 3)).toBe(true);
  });

  it("one the history never saw leaves its table's indexes unknown", () => {
    const history = new IndexHistory();
    history.apply(createTable("orders"), 0, undefined);
    history.apply(rename("orders_legacy", "orders_legacy_idx", "orders"), 1, undefined);
    expect(history.follows("orders", 2)).toBe(false);
  });
});

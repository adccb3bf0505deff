import { describe, expect, it } from "@jest/globals";
import type { Operation } from "../model.js";
import { IndexHistory } from "./index-history.js";

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

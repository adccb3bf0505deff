/**
 * Whether a statement of a written down undoes a statement of the up: the pairs a split uses to give each new
 * migration the part of the down that undoes its own statements (alembic-moved-downgrade.ts, rails-moved-down.ts).
 */
import type { Operation } from "../../model.js";
import { nameKey } from "./facts.js";

const same = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && nameKey(a) === nameKey(b);

/** `down` is what undoes `up` (the table of a column or constraint may carry either name a rename gave it). */
export function undoes(up: Operation, down: Operation): boolean {
  switch (up.kind) {
    case "rename_table":
      return down.kind === "rename_table" && same(down.table, up.newName) && same(down.newName, up.table);
    case "rename_object":
      return down.kind === "rename_object" && down.objectType === up.objectType && same(down.name, up.newName) && same(down.newName, up.name);
    case "rename_column":
      return down.kind === "rename_column" && same(down.column, up.newName) && same(down.newName, up.column);
    case "add_constraint":
      return down.kind === "drop_constraint" && same(down.name, up.name);
    case "drop_constraint":
      return down.kind === "add_constraint" && same(down.name, up.name);
    case "add_column":
      return down.kind === "drop_column" && same(down.table, up.table) && same(down.column, up.column.name);
    case "drop_column":
      return down.kind === "add_column" && same(down.table, up.table) && same(down.column.name, up.column);
    case "add_index":
      return down.kind === "drop_index" && down.names.some((n) => same(n, up.name));
    case "drop_index":
      return down.kind === "add_index" && up.names.some((n) => same(n, down.name));
    case "create_table":
      return down.kind === "drop_table" && down.tables.some((t) => same(t, up.table));
    case "drop_table":
      return down.kind === "create_table" && up.tables.some((t) => same(t, down.table));
    case "set_not_null":
      return down.kind === "drop_not_null" && same(down.table, up.table) && same(down.column, up.column);
    case "drop_not_null":
      return down.kind === "set_not_null" && same(down.table, up.table) && same(down.column, up.column);
    default:
      return false;
  }
}


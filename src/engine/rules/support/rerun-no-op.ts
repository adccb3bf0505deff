/**
 * An up that does nothing when it runs a second time: each of its statements is either idempotent by itself
 * (IF NOT EXISTS, `if_exists: true`) or runs only under an existence check that the up's own changes turn against
 * it (`return if foreign_key_exists?(:t, column: :c)` before the add_foreign_key that makes that key exist). Such an
 * up is a repair: the object may have been there before it ran, so a down that drops it could drop what was not the
 * up's, and a rollback that leaves it lets the next migrate find it and skip (issue #19, pattern 5).
 */
import type { ExistenceGuard, Operation } from "../../model.js";
import { foreignKeyColumn } from "../../adapters/rails/inflections.js";
import { foreignKeyName } from "../../adapters/rails/rails-names.js";
import { nameKey } from "./facts.js";

/** Creates only what is missing or drops only what exists (IF NOT EXISTS, if_exists:, an index_exists? guard). */
export function idempotent(op: Operation): boolean {
  switch (op.kind) {
    case "add_index":
    case "create_table":
    case "add_column":
    case "alter_enum":
    case "create_object":
      return op.ifNotExists;
    case "drop_index":
    case "drop_table":
    case "drop_column":
    case "drop_constraint":
    case "drop_object":
      return op.ifExists;
    default:
      return false;
  }
}

const same = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && nameKey(a) === nameKey(b);
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => same(x, b[i]));
const TABLE_CHECKS = new Set<ExistenceGuard["predicate"]>(["table_exists?", "data_source_exists?"]);

/** `op` makes the object `guard` checks exist. A check with a type or options may still fail on it: never read as made. */
function makes(guard: ExistenceGuard, op: Operation): boolean {
  if (guard.qualified) return false;
  if (TABLE_CHECKS.has(guard.predicate)) return op.kind === "create_table" && same(op.table, guard.table);
  if (!("table" in op) || typeof op.table !== "string" || !same(op.table, guard.table)) return false;
  switch (guard.predicate) {
    case "column_exists?":
      return op.kind === "add_column" && same(op.column.name, guard.column);
    case "index_exists?":
      return op.kind === "add_index" && (guard.name === undefined || same(op.name, guard.name)) && (guard.columns.length === 0 || sameList(op.columns, guard.columns));
    case "index_name_exists?":
      return op.kind === "add_index" && same(op.name, guard.name);
    case "foreign_key_exists?":
      return (
        op.kind === "add_constraint" &&
        op.constraint === "foreign_key" &&
        (guard.toTable === undefined || same(op.referencesTable, guard.toTable)) &&
        (guard.columns.length === 0 || sameList(op.columns, guard.columns)) &&
        (guard.name === undefined || same(op.name, guard.name))
      );
    default:
      return false;
  }
}

/** `op` makes the object `guard` checks go away (or its table, with everything on it). */
function removes(guard: ExistenceGuard, op: Operation): boolean {
  if (op.kind === "drop_table") return op.tables.some((t) => same(t, guard.table));
  if (!("table" in op) || typeof op.table !== "string" || !same(op.table, guard.table)) return false;
  switch (guard.predicate) {
    case "column_exists?":
      return op.kind === "drop_column" && same(op.column, guard.column);
    case "index_exists?":
    case "index_name_exists?":
      if (op.kind !== "drop_index") return false;
      if (guard.name !== undefined) return op.names.some((n) => same(n, guard.name));
      return guard.columns.length > 0 && sameList(op.columns, guard.columns);
    case "foreign_key_exists?": {
      if (op.kind !== "drop_constraint") return false;
      // the name Rails gives the key the check looks for (fk_rails_<hash of table and column>)
      const column = guard.columns[0] ?? (guard.toTable !== undefined ? foreignKeyColumn(guard.toTable) : undefined);
      const name = guard.name ?? (column !== undefined ? foreignKeyName(guard.table, column) : undefined);
      return same(op.name, name);
    }
    default:
      return false;
  }
}

/** The check of `op` that the up's own statements decide against it, so a second run skips it. */
function checkTheUpSettles(op: Operation, up: readonly Operation[]): ExistenceGuard | undefined {
  return (op.guards ?? []).find((g) => up.some((other) => (g.runsWhen === "missing" ? makes(g, other) : removes(g, other))));
}

/** `op` runs under a check the up's own statements turn against it: a second run of the up skips it. */
export const settledByUp = (op: Operation, up: readonly Operation[]): boolean => checkTheUpSettles(op, up) !== undefined;

/** A check as the message names it: an option Rails turns into one is named as written (`if_not_exists: true`). */
const checkInWords = (check: ExistenceGuard): string => `\`${/ \((if_(?:not_)?exists: true)\)$/.exec(check.text)?.[1] ?? check.text}\``;

/**
 * Why running `up` again changes nothing, one reason per distinct check or keyword (`` `foreign_key_exists?(...)` ``,
 * `IF NOT EXISTS`); undefined when a statement would run again. A flag alone counts only on a statement under no
 * written check: one the Rails adapter set from a check of some other object (`return if table_exists?(:a)` before
 * `add_column :b, ...`) does not make that statement skip.
 */
export function rerunNoOpReasons(up: readonly Operation[]): string[] | undefined {
  if (up.length === 0) return undefined;
  const reasons = new Set<string>();
  for (const op of up) {
    const check = checkTheUpSettles(op, up);
    if (check) reasons.add(checkInWords(check));
    else if (!op.guards?.length && idempotent(op)) reasons.add(op.kind.startsWith("drop_") ? "IF EXISTS" : "IF NOT EXISTS");
    else return undefined;
  }
  return [...reasons];
}

/**
 * Which tables a data change may touch: the tables it writes or reads, the names its code uses (a table's or its
 * Rails model's), or any table for code migguard did not read. Worked out once per operation and per table name, as
 * the rule asks about every schema change of the migration and of the later ones of its folder.
 */
import type { Operation } from "../../model.js";
import { bareName } from "../support/facts.js";
import { modelName } from "../support/fix.js";

/**
 * The data change may touch the table: a table it writes or reads, or a name its code uses (the table's or its
 * model's). Code that was not read may touch anything.
 */
export function touches(op: Operation, table: string): boolean {
  const names = touchedNames(op);
  if (names === "any") return true;
  if (names.length === 0) return false;
  const [bare, model] = namesOfTable(table);
  return names.some((n) => n === bare || n === model);
}

/** A table's name without its schema and its Rails model's name, in lower case: worked out once per table name. */
const tableNames = new Map<string, readonly [string, string]>();
function namesOfTable(table: string): readonly [string, string] {
  let names = tableNames.get(table);
  if (!names) {
    const bare = bareName(table);
    names = [bare, modelName(bare).toLowerCase()];
    if (tableNames.size > 10_000) tableNames.clear(); // bounded: the names of one analysis
    tableNames.set(table, names);
  }
  return names;
}

/**
 * The names a data change may touch a table by (its tables' and models' last parts), or "any" for code that was not
 * read: worked out once per operation, as laterNeeders asks about every SET NOT NULL of the later migrations.
 */
const touchedNamesOf = new WeakMap<Operation, readonly string[] | "any">();
export function touchedNames(op: Operation): readonly string[] | "any" {
  let names = touchedNamesOf.get(op);
  if (names === undefined) {
    if (op.kind === "data_migration" && op.mentions === undefined && op.tables.length === 0) names = "any";
    else {
      const written = op.kind === "dml" ? [op.table, ...op.sourceTables] : op.kind === "data_migration" ? [...op.tables, ...(op.writes ?? []), ...(op.mentions ?? [])] : [];
      names = written.flatMap((n) => (n === undefined ? [] : [bareName(n).split("::").pop()!]));
    }
    touchedNamesOf.set(op, names);
  }
  return names;
}

/** Which table each index name is on as a migration's operations run (DROP INDEX names only the index). */
import type { Operation } from "../model.js";
import { nameKey } from "../rules/support/facts.js";

/**
 * How an op moves index names between tables: CREATE INDEX and unique / primary key constraints (PostgreSQL names
 * their index after the constraint) place one, DROP INDEX and DROP TABLE remove them, renames carry them along.
 * `onTable` is the replay's current map of index name -> table, which `place` keeps up to date.
 */
export function placeIndexOf(
  op: Operation,
  position: number,
  onTable: ReadonlyMap<string, string>,
  place: (name: string, position: number, table: string | undefined) => void,
): void {
  const onThat = (table: string) => [...onTable].filter(([, t]) => nameKey(t) === nameKey(table)).map(([name]) => name);
  if (op.kind === "add_index" && op.name) place(op.name, position, op.table);
  else if (op.kind === "add_constraint" && op.name && (op.constraint === "unique" || op.constraint === "primary_key") && !op.usingIndex) place(op.name, position, op.table);
  else if (op.kind === "drop_index") for (const n of op.names) place(n, position, undefined);
  else if (op.kind === "drop_table") for (const t of op.tables) for (const n of onThat(t)) place(n, position, undefined);
  else if (op.kind === "rename_table") for (const n of onThat(op.table)) place(n, position, op.newName);
  else if (op.kind === "rename_object" && op.objectType === "index") {
    const table = onTable.get(nameKey(op.name));
    if (table !== undefined) {
      place(op.name, position, undefined);
      place(op.newName, position, table);
    }
  }
}

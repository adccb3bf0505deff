/**
 * A name an earlier rename of the same migration gave (a to b, then b to c): it existed only inside the migration,
 * so no deployed code has seen it; the first rename's finding is about the name the code uses.
 */
import type { Migration, Operation, OperationOf } from "../../model.js";
import { nameKey } from "./facts.js";

type Rename = OperationOf<"rename_table"> | OperationOf<"rename_column">;

/**
 * An up's renames by the names they take and give, read once per up: every rename of a migration of hundreds asks
 * both questions below, and each answer read the whole up again (issue #18). Keys: `t` + table for a table rename,
 * `c` + table + NUL + column for a column rename; positions ascending.
 */
interface RenameIndex {
  /** key of the name a rename gives -> the first position that gives it */
  firstGiving: Map<string, number>;
  /** key of the name a rename takes -> every position that takes it */
  taking: Map<string, number[]>;
}

const tableRenameKey = (table: string) => `t${nameKey(table)}`;
const columnRenameKey = (table: string, column: string) => `c${nameKey(table)}\u0000${nameKey(column)}`;

const renameIndexes = new WeakMap<readonly Operation[], RenameIndex>();
function renameIndex(up: readonly Operation[]): RenameIndex {
  let index = renameIndexes.get(up);
  if (index) return index;
  index = { firstGiving: new Map(), taking: new Map() };
  up.forEach((o, at) => {
    if (o.kind !== "rename_table" && o.kind !== "rename_column") return;
    const gives = o.kind === "rename_table" ? tableRenameKey(o.newName) : columnRenameKey(o.table, o.newName);
    const takes = o.kind === "rename_table" ? tableRenameKey(o.table) : columnRenameKey(o.table, o.column);
    if (!index!.firstGiving.has(gives)) index!.firstGiving.set(gives, at);
    const list = index!.taking.get(takes);
    if (list) list.push(at);
    else index!.taking.set(takes, [at]);
  });
  renameIndexes.set(up, index);
  return index;
}

/** `up[index]` renames a table or column whose name an earlier rename of `migration` gave it. */
export function renamesNameGivenEarlier(migration: Pick<Migration, "up">, op: OperationOf<"rename_table"> | OperationOf<"rename_column">, index: number): boolean {
  const first = renameIndex(migration.up).firstGiving.get(op.kind === "rename_table" ? tableRenameKey(op.table) : columnRenameKey(op.table, op.column));
  return first !== undefined && first < index;
}

/**
 * The renames after `up[index]` that carry its new name further (a to b, then b to c), in order: the name between
 * them exists only inside the migration, so a fix written for it (a column b, a trigger reading NEW.b, a view over b)
 * is broken by the next rename. The fix is for the name the migration ends with, and these renames go away.
 */
export function renamesCarryingNewName(migration: Pick<Migration, "up">, op: Rename, index: number): Rename[] {
  const { taking } = renameIndex(migration.up);
  const chain: Rename[] = [];
  let current: Rename = op;
  // the first rename after the current one that takes the name it gives, and so on from there
  for (let at = index; ; ) {
    const next = taking.get(current.kind === "rename_table" ? tableRenameKey(current.newName) : columnRenameKey(current.table, current.newName))?.find((p) => p > at);
    if (next === undefined) return chain;
    chain.push((current = migration.up[next] as Rename));
    at = next;
  }
}

/** `op` renamed straight to the name its later renames end with (itself when none carries it further). */
export function renamedToFinalName<T extends Rename>(op: T, chain: Rename[]): T {
  const last = chain.at(-1);
  return last ? { ...op, newName: last.newName } : op;
}

/** The comment line saying which later renames go away, `comment` the framework's comment marker. */
export function carriedRenamesNote(op: Rename, chain: Rename[], comment: string): string[] {
  if (!chain.length) return [];
  const lines = chain.map((o) => o.loc.line);
  const final = chain.at(-1)!.newName;
  const middle = [op.newName, ...chain.slice(0, -1).map((o) => o.newName)].join(", ");
  return [
    `${comment} written for ${final}, the name this migration ends with: ${middle} exists only inside it, so the rename${lines.length > 1 ? "s" : ""} on line${lines.length > 1 ? "s" : ""} ${lines.join(", ")} go${lines.length > 1 ? "" : "es"} away`,
  ];
}

/**
 * A name an earlier rename of the same migration gave (a to b, then b to c): it existed only inside the migration,
 * so no deployed code has seen it; the first rename's finding is about the name the code uses.
 */
import type { Migration, OperationOf } from "../../model.js";
import { nameKey } from "./facts.js";

/** `up[index]` renames a table or column whose name an earlier rename of `migration` gave it. */
export function renamesNameGivenEarlier(migration: Pick<Migration, "up">, op: OperationOf<"rename_table"> | OperationOf<"rename_column">, index: number): boolean {
  return migration.up.slice(0, index).some((o) =>
    op.kind === "rename_table"
      ? o.kind === "rename_table" && nameKey(o.newName) === nameKey(op.table)
      : o.kind === "rename_column" && nameKey(o.table) === nameKey(op.table) && nameKey(o.newName) === nameKey(op.column),
  );
}

type Rename = OperationOf<"rename_table"> | OperationOf<"rename_column">;

/**
 * The renames after `up[index]` that carry its new name further (a to b, then b to c), in order: the name between
 * them exists only inside the migration, so a fix written for it (a column b, a trigger reading NEW.b, a view over b)
 * is broken by the next rename. The fix is for the name the migration ends with, and these renames go away.
 */
export function renamesCarryingNewName(migration: Pick<Migration, "up">, op: Rename, index: number): Rename[] {
  const chain: Rename[] = [];
  let current: Rename = op;
  for (let i = index + 1; i < migration.up.length; i++) {
    const o = migration.up[i];
    const carries =
      current.kind === "rename_table"
        ? o.kind === "rename_table" && nameKey(o.table) === nameKey(current.newName)
        : o.kind === "rename_column" && nameKey(o.table) === nameKey(current.table) && nameKey(o.column) === nameKey(current.newName);
    if (carries) chain.push((current = o as Rename));
  }
  return chain;
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

/**
 * Constraints and indexes an up drops and adds back under the same name on the same table before it ends: the
 * foreign keys Mailu's 5aeb5811408e takes off while it lower-cases the keys they join on, and puts back after. When
 * the up ends they are as they were, so a down has no schema step to undo for them (an empty one is right), and
 * dropping and re-adding them in a down would be a no-op shown as an undo.
 *
 * Same name is not always the same definition: when an earlier migration of the folder added the constraint or index
 * by that name, its columns (and referenced table, uniqueness) must be those of the one added back, else the up changed it.
 */
import type { Migration, Operation, OperationOf } from "../../model.js";
import { nameKey, sameTable } from "../support/facts.js";

type Definition = { columns: readonly string[]; referencesTable?: string };

/** The definition the newest earlier migration that adds `name` on `table` gives it, when one does. */
function earlierDefinition(earlier: readonly Migration[], table: string, name: string): Definition | undefined {
  for (const migration of [...earlier].reverse())
    for (const op of [...migration.up].reverse()) {
      if (op.kind === "add_constraint" && op.name && nameKey(op.name) === nameKey(name) && sameTable(op.table, table)) return op;
      if (op.kind === "create_table" && sameTable(op.table, table)) {
        const c = op.constraints.find((c) => c.name && nameKey(c.name) === nameKey(name));
        if (c) return { columns: c.columns, referencesTable: c.references?.table };
      }
    }
  return undefined;
}

/** The newest earlier migration's add_index of `name`, when one adds it. */
function earlierIndex(earlier: readonly Migration[], name: string): OperationOf<"add_index"> | undefined {
  for (const migration of [...earlier].reverse())
    for (const op of [...migration.up].reverse()) if (op.kind === "add_index" && op.name && nameKey(op.name) === nameKey(name)) return op;
  return undefined;
}

const sameColumns = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((c, i) => nameKey(c) === nameKey(b[i]));

function sameDefinition(before: Definition | undefined, after: OperationOf<"add_constraint">): boolean {
  if (!before) return true;
  if (before.columns.length > 0 && !sameColumns(before.columns, after.columns)) return false;
  return before.referencesTable === undefined || after.referencesTable === undefined || sameTable(before.referencesTable, after.referencesTable);
}

/** The drops of `up` whose object a later step adds back under the same name, with those steps (empty when none). */
export function restoredInUp(up: readonly Operation[], earlier: readonly Migration[]): Set<Operation> {
  const restored = new Set<Operation>();
  for (const [i, op] of up.entries()) {
    const later = up.slice(i + 1);
    if (op.kind === "drop_constraint" && op.name) {
      const name = op.name;
      const back = later.find((o): o is OperationOf<"add_constraint"> => o.kind === "add_constraint" && !restored.has(o) && o.name !== undefined && nameKey(o.name) === nameKey(name) && sameTable(o.table, op.table));
      if (back && sameDefinition(earlierDefinition(earlier, op.table, name), back)) restored.add(op).add(back);
    }
    if (op.kind === "drop_index" && op.names.length === 1 && !op.ifExists) {
      const name = op.names[0];
      const back = later.find(
        (o): o is OperationOf<"add_index"> => o.kind === "add_index" && !restored.has(o) && !o.ifNotExists && o.name !== undefined && nameKey(o.name) === nameKey(name) && (op.table === undefined || sameTable(o.table, op.table)),
      );
      const before = earlierIndex(earlier, name);
      if (back && (!before || (before.unique === back.unique && sameColumns(before.columns, back.columns)))) restored.add(op).add(back);
    }
  }
  return restored;
}

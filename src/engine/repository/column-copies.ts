/**
 * Where an earlier migration of a set copied a column's values into another table before a later one drops the
 * column: the expand step of a move whose contract step is the drop (ehrbase's V6_2 copies comp's version columns
 * into comp_version with INSERT ... SELECT, V6_3 renames comp to comp_data and drops them). A copy names the column
 * in its select list and reads that one table (a join's columns may be any of its tables'): INSERT INTO x ...
 * SELECT col FROM t, CREATE TABLE x AS SELECT col FROM t, SELECT col INTO x FROM t. An INSERT's select may also be
 * a UNION of such arms, join tables whose columns it qualifies, and filter with subqueries of other tables (alf.io's
 * V12_1.5.15 copies each description once per locale): Dml.copies. A whole-row copy (`SELECT *`) is a snapshot, not a move,
 * and does not count. An UPDATE of the same table that computes other columns from it converts the values rather
 * than copying them (warehouse's ee5b8f66a223 sets squattee_id to the id of the package squattee_name names, then drops
 * squattee_name): they live on in the columns it set, as they do in a value mapping, several UPDATEs of one migration
 * setting the same columns to constants on the rows each old value picks (osparc's 009c81406676). A data step's code
 * that read the column on the rows and wrote other columns or tables moved it too, as far as the code chose (a RunPython
 * reading `r.data` and setting the real fields from it: berth-reservations' 0003; a Rails loop creating another model's
 * rows from the attribute): marked byCode. The table and column are followed back through their renames; a
 * copy before the column or table was born under that name is of other values, and a copy whose table (or, for a
 * conversion, every column it set) was dropped since is gone.
 */
import type { Migration, Operation } from "../model.js";
import { nameKey } from "../rules/support/facts.js";
import { countBelow } from "../sorted-numbers.js";

export interface ColumnCopy {
  /** the migration that copied the values, and its statement */
  migration: Migration;
  op: Operation;
  /** the table the values went to */
  into: string;
  /** a conversion within the table (an UPDATE): the columns it set from the dropped one */
  columns?: string[];
  /**
   * a data step's code (a RunPython, a Rails loop) read the column on the rows and wrote other columns or tables:
   * what it carried over is what the code chose, not every value as a statement names it, so the drop is the last
   * step of the move only once no code uses the column (drop-column)
   */
  byCode?: true;
}

const names = (columns: readonly string[] | undefined, column: string) => (columns ?? []).some((c) => nameKey(c) === column);

/**
 * The columns of `table` an UPDATE of `migration` computes from `table.column`, when it is such a conversion: its SET
 * values name the column (Dml.convertsFrom), or it is an entry of a value mapping (Dml.mapsFrom) beside another of
 * the migration that sets one of the same columns from it.
 */
export function convertedInto(op: Operation, migration: Migration, table: string, column: string): string[] | undefined {
  if (op.kind !== "dml" || op.verb !== "update" || op.table === undefined || nameKey(op.table) !== table) return undefined;
  const into = op.columns.filter((c) => nameKey(c) !== column);
  if (into.length === 0) return undefined;
  if (names(op.convertsFrom, column)) return into;
  const mapping = (other: Operation) =>
    other !== op && other.kind === "dml" && other.verb === "update" && other.table !== undefined && nameKey(other.table) === table && names(other.mapsFrom, column) && into.some((c) => names(other.columns, nameKey(c)));
  return names(op.mapsFrom, column) && migration.up.some(mapping) ? into : undefined;
}

/** The table `op` copies `table.column` into, when it is such a copy. */
function copyDestination(op: Operation, table: string, column: string): string | undefined {
  const names = (columns: readonly string[] | undefined) => (columns ?? []).some((c) => nameKey(c) === column);
  if (op.kind === "dml" && (op.verb === "insert" || op.verb === "select_into") && op.table !== undefined) {
    // the select lists' columns of each table read (a UNION's arms, joins, subqueries that only filter)
    if (op.copies?.some((copy) => nameKey(copy.table) === table && names(copy.columns))) return op.table;
    return op.sourceTables.length === 1 && nameKey(op.sourceTables[0]) === table && names(op.sourceColumns) ? op.table : undefined;
  }
  if (op.kind === "create_table" && op.asSelect && op.copiedFrom !== undefined)
    return nameKey(op.copiedFrom) === table && names(op.copiedColumns) ? op.table : undefined;
  return undefined;
}

/**
 * Where a data step's code put what it read of `table.column` (both as nameKey): the other columns of the table it
 * overwrites on those rows (those not dropped since), else the first other table it adds rows to or overwrites, else
 * the table a loop copies the column into (adapters/rails/loop-copies.ts, django-field-copies.ts).
 */
function codeMove(op: Operation, table: string, column: string, droppedColumns: ReadonlySet<string>): { into: string; columns?: string[] } | undefined {
  if (op.kind !== "data_migration" || op.readOnly) return undefined;
  const copy = (op.copies ?? []).find((c) => nameKey(c.from) === table && c.columns.some((p) => nameKey(p.column) === column));
  if (copy) return { into: copy.to };
  if (!(op.rowReads ?? []).some((r) => nameKey(r.table) === table && names(r.columns, column))) return undefined;
  // the columns given a value on the rows it read: the one it drops later is no place its values went
  const set = (op.overwrites ?? [])
    .filter((w) => w.table !== undefined && nameKey(w.table) === table)
    .flatMap((w) => w.changes ?? w.columns ?? [])
    .filter((k) => nameKey(k) !== column && !droppedColumns.has(nameKey(k)));
  if (set.length) return { into: table, columns: [...new Set(set)] };
  const elsewhere = [...(op.createsRowsIn ?? []), ...(op.overwrites ?? []).flatMap((w) => (w.table ? [w.table] : []))].find((t) => nameKey(t) !== table);
  return elsewhere !== undefined ? { into: elsewhere } : undefined;
}

/** The kinds of operation a walk back for a copy reads: every other one leaves it as it was. */
const STEPPED: ReadonlySet<Operation["kind"]> = new Set<Operation["kind"]>(["drop_table", "create_table", "rename_table", "add_column", "redefine_column", "drop_column", "rename_column", "data_migration", "dml"]);

/**
 * Each up's operations of those kinds, with their places (ascending), picked once per up: a drop walks back through
 * the folder to its column's birth (lemmy's hundreds of migrations for each), and most statements there are none.
 */
const steppedOfUp = new WeakMap<readonly Operation[], { ops: readonly Operation[]; at: readonly number[] }>();
function steppedOps(up: readonly Operation[]): { ops: readonly Operation[]; at: readonly number[] } {
  let picked = steppedOfUp.get(up);
  if (!picked) {
    const ops: Operation[] = [];
    const at: number[] = [];
    up.forEach((op, i) => {
      if (STEPPED.has(op.kind)) {
        ops.push(op);
        at.push(i);
      }
    });
    steppedOfUp.set(up, (picked = { ops, at }));
  }
  return picked;
}

/**
 * The latest copy of `table.column` (as `current.up[index]` names them) made by `current.up[0..index)` or by
 * `members[0..position)`, walking back from the drop, when its table still exists at the drop.
 */
export function columnCopyBefore(members: readonly Migration[], position: number, current: Migration, index: number, table: string, column: string): ColumnCopy | undefined {
  let t = nameKey(table);
  let c = nameKey(column);
  // tables dropped between the copy and the drop, under the name they had at the point the walk reached
  const dropped = new Set<string>();
  // columns of the table dropped between a conversion and the drop (a conversion into them is gone with them)
  const droppedColumns = new Set<string>();
  const step = (op: Operation, migration: Migration): ColumnCopy | "stop" | undefined => {
    switch (op.kind) {
      case "drop_table":
        if (op.tables.some((name) => nameKey(name) === t)) return "stop";
        for (const name of op.tables) dropped.add(nameKey(name));
        return undefined;
      case "create_table": {
        if (nameKey(op.table) === t) return "stop";
        const into = copyDestination(op, t, c);
        if (into !== undefined && !dropped.has(nameKey(into))) return { migration, op, into };
        // before this point the name was free: a table of that name dropped later is this one, not an earlier one
        dropped.delete(nameKey(op.table));
        return undefined;
      }
      case "rename_table":
        if (nameKey(op.table) === t) return "stop";
        if (nameKey(op.newName) === t) t = nameKey(op.table);
        if (dropped.delete(nameKey(op.newName))) dropped.add(nameKey(op.table));
        return undefined;
      // the column born (or redefined, or dropped) under this name: earlier values are another column's
      case "add_column":
      case "redefine_column":
      case "drop_column": {
        if (nameKey(op.table) !== t) return undefined;
        const name = nameKey(typeof op.column === "string" ? op.column : op.column.name);
        if (name === c) return "stop";
        if (op.kind === "drop_column") droppedColumns.add(name);
        // born here: a drop of that name later is of this column, not of an earlier one
        if (op.kind === "add_column") droppedColumns.delete(name);
        return undefined;
      }
      case "rename_column":
        if (nameKey(op.table) !== t) return undefined;
        if (nameKey(op.column) === c) return "stop";
        if (nameKey(op.newName) === c) c = nameKey(op.column);
        if (droppedColumns.delete(nameKey(op.newName))) droppedColumns.add(nameKey(op.column));
        return undefined;
      case "data_migration": {
        const moved = codeMove(op, t, c, droppedColumns);
        return moved ? { migration, op, ...moved, byCode: true } : undefined;
      }
      case "dml": {
        const converted = convertedInto(op, migration, t, c)?.filter((k) => !droppedColumns.has(nameKey(k)));
        if (converted?.length) return { migration, op, into: op.kind === "dml" && op.table ? op.table : t, columns: converted };
        const into = copyDestination(op, t, c);
        return into !== undefined ? { migration, op, into } : undefined;
      }
      default:
        return undefined;
    }
  };
  /** the ops of `migration`'s up before `end` that `step` reads, from the last one back */
  const walk = (migration: Migration, end = migration.up.length): ColumnCopy | "stop" | undefined => {
    const { ops, at } = steppedOps(migration.up);
    for (let o = countBelow(at, end) - 1; o >= 0; o--) {
      const found = step(ops[o], migration);
      // a copy whose table was dropped since is gone: an earlier one may still hold the values
      if (found === "stop" || (found && !dropped.has(nameKey(found.into)))) return found;
    }
    return undefined;
  };
  const here = walk(current, index);
  if (here) return here === "stop" ? undefined : here;
  for (let m = position - 1; m >= 0; m--) {
    const found = walk(members[m]);
    if (found) return found === "stop" ? undefined : found;
  }
  return undefined;
}

/**
 * A data change that converts the values of the very column whose type the schema change before it changed, on the
 * table that change rewrites (karrot's subscriptions 0005: AlterField platform int -> varchar, then a RunPython turning
 * '1' into 'android'). The rewrite holds ACCESS EXCLUSIVE on the table from its statement to the commit whatever
 * follows: the conversion adds a second pass over the rows under a lock already taken for a full pass, it does not
 * create an outage of its own. Kept together, no code ever reads the old values in the new type. So a warning that
 * says what the second pass costs, not the error of a data change that alone keeps a table locked. Where the type
 * change does not rewrite (a varchar widened), the data change is the long part under the lock: the error stays.
 */
import type { Operation, OperationOf } from "../../model.js";
import { nameKey } from "../support/facts.js";
import type { RuleContext } from "../support/rule.js";
import { typeChangeAt } from "../support/type-change-at.js";

export interface RetypedConversion {
  alter: OperationOf<"alter_column_type">;
  /** the previous field's class when migguard cannot read its column type (django_enumfield's EnumField): a rewrite then likely, not known */
  fromClass?: string;
}

/** Every data step writes only `column` of `table`, and nothing else (no delete, no copy, no other table). */
function writesOnly(data: Operation, table: string, column: string): boolean {
  const sameTable = (t: string | undefined) => t !== undefined && nameKey(t) === nameKey(table);
  const only = (columns: readonly string[] | undefined) => columns !== undefined && columns.length > 0 && columns.every((c) => nameKey(c) === nameKey(column));
  if (data.kind === "dml") return data.verb === "update" && sameTable(data.table) && only(data.columns) && data.sourceTables.every(sameTable);
  if (data.kind === "data_migration")
    return (
      data.mentions !== undefined &&
      !data.deletes?.length &&
      !data.copies?.length &&
      data.tables.every(sameTable) &&
      (data.overwrites ?? []).length > 0 &&
      data.overwrites!.every((o) => sameTable(o.table) && only(o.columns))
    );
  return false;
}

/** The rewriting type change the data change converts the values of, when that is all the data change does. */
export function convertsRetypedColumn(ctx: RuleContext, locked: { op: Operation; index: number }, dataOps: ReadonlyArray<{ op: Operation }>): RetypedConversion | undefined {
  const alter = locked.op;
  if (alter.kind !== "alter_column_type") return undefined;
  if (!dataOps.every(({ op }) => writesOnly(op, alter.table, alter.column))) return undefined;
  const change = typeChangeAt(ctx, alter, locked.index);
  if (change?.cost.rewrite === true) return { alter };
  // from a field class of a package (karrot's EnumField, an integer column): the data change converting its values to
  // the new type's says they change form, so the type change most likely rewrites; said as not known
  return change?.unknownFromClass ? { alter, fromClass: change.unknownFromClass } : undefined;
}

export function retypedConversionMessage({ alter, fromClass }: RetypedConversion, lock: string): string {
  const rewrite = fromClass
    ? `that change takes its ${lock} on ${alter.table}, held to the commit, and most likely rewrites every row under it (from ${fromClass}, a field class migguard cannot read the column type of)`
    : `that change already rewrites every row of ${alter.table} under its ${lock}, held to the commit`;
  return `This data change converts the values of ${alter.table}.${alter.column}, the column whose type line ${alter.loc.line} changes, in the same transaction: ${rewrite}, and the conversion adds a second pass over the rows under it (as long again on a large table); kept together, no code reads the old values in the new type. On a large table, convert in the type change itself (ALTER ... TYPE ... USING, one pass) or split as the fix shows.`;
}

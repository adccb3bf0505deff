/**
 * A data change between the drop of constraints and their re-adding, in one transaction, that writes what they cover:
 * Mailu 5aeb5811408e drops the foreign keys between domain, user and alias, lowercases the keys on both sides of each,
 * then adds the keys back. The keys would refuse the rows halfway (a domain renamed before the users naming it), so
 * the drop is there for the data change and its only schema change is the constraints' absence while it runs. Split
 * into migrations of their own, the tables go without their constraints between them (rows the running code writes
 * then are never checked until the re-adding, which fails on them); in one transaction a failure leaves nothing
 * half done. The cost, said instead: the drop's ACCESS EXCLUSIVE lock on both tables of each key is held through the
 * data change (recreated-constraint.ts).
 */
import type { Operation, OperationOf } from "../../model.js";
import { linesInWords } from "../../in-words.js";
import { nameKey } from "../support/facts.js";
import { commentMarker } from "../support/fix.js";
import { droppedEarlierInTransaction } from "../support/recreated-constraint.js";
import type { RuleContext } from "../support/rule.js";
import { wholeShown } from "./whole-migration.js";

export interface ConstraintSandwich {
  drops: OperationOf<"drop_constraint">[];
  readds: OperationOf<"add_constraint">[];
  /** the tables the dropped constraints lock: their own and those their keys reference */
  tables: string[];
}

/** table.column pairs a re-added constraint covers: its columns, and a foreign key's referenced ones. */
function coveredColumns(add: OperationOf<"add_constraint">): Set<string> {
  const out = new Set(add.columns.map((c) => `${nameKey(add.table)}.${nameKey(c)}`));
  if (add.referencesTable) for (const c of add.referencesColumns ?? []) out.add(`${nameKey(add.referencesTable)}.${nameKey(c)}`);
  return out;
}

/** The data change writes a column a re-added constraint covers (a DML's columns; a data migration's tables, columns unknown). */
function writesCovered(data: Operation, readds: readonly OperationOf<"add_constraint">[]): boolean {
  if (data.kind === "dml" && data.table !== undefined) {
    const table = data.table;
    return readds.some((add) => {
      const covered = coveredColumns(add);
      return data.columns.some((c) => covered.has(`${nameKey(table)}.${nameKey(c)}`));
    });
  }
  if (data.kind === "data_migration" && data.writes?.length) {
    const tables = new Set(readds.flatMap((add) => [add.table, ...(add.referencesTable ? [add.referencesTable] : [])]).map(nameKey));
    return data.writes.some((t) => tables.has(nameKey(t)));
  }
  return false;
}

/**
 * The sandwich, when the migration's schema changes are only constraints dropped before the data change and added
 * back by the same names after it, in the same transaction, and the data change writes what they cover.
 */
export function constraintSandwich(
  ctx: RuleContext,
  dataOps: ReadonlyArray<{ op: Operation; index: number }>,
  schemaOps: ReadonlyArray<{ op: Operation; index: number }>,
): ConstraintSandwich | undefined {
  const first = dataOps[0].index;
  const last = dataOps[dataOps.length - 1].index;
  const drops: OperationOf<"drop_constraint">[] = [];
  const readds: OperationOf<"add_constraint">[] = [];
  for (const { op, index } of schemaOps) {
    if (!op.inTransaction) return undefined;
    if (op.kind === "drop_constraint" && index < first && op.name) drops.push(op);
    else if (op.kind === "add_constraint" && index > last) {
      const drop = droppedEarlierInTransaction(ctx, op, index);
      if (drop === undefined || drop > first) return undefined;
      readds.push(op);
    } else return undefined;
  }
  // every constraint dropped comes back: one that does not is a schema change of its own
  const back = (drop: OperationOf<"drop_constraint">) => readds.some((add) => nameKey(add.name!) === nameKey(drop.name!) && nameKey(add.table) === nameKey(drop.table));
  if (!drops.length || !drops.every(back) || !dataOps.some(({ op }) => op.inTransaction && writesCovered(op, readds))) return undefined;
  const tables = [...new Set(readds.flatMap((add) => [add.table, ...(add.referencesTable ? [add.referencesTable] : [])]))];
  return { drops, readds, tables };
}

const lines = (ops: readonly Operation[]) => linesInWords(ops.map((op) => op.loc.line));

export function sandwichMessage(sandwich: ConstraintSandwich): string {
  const { drops, readds, tables } = sandwich;
  return (
    `This data change runs between the drop of the constraints it would break (${lines(drops)}) and their re-adding ` +
    `(${lines(readds)}): the three belong in one transaction, as written. Split apart, the tables go without ` +
    `their constraints between migrations, and the re-adding fails on rows written meanwhile. Kept as written, ${tables.join(", ")} ` +
    `stay locked (ACCESS EXCLUSIVE, taken by the drops) until the data change and the re-adding end, as long as they take.`
  );
}

export function sandwichFix(ctx: RuleContext, sandwich: ConstraintSandwich, code: string): string {
  const c = commentMarker(ctx.framework);
  return [
    `${c} keep the drops (${lines(sandwich.drops)}), the data change and the re-adding in this migration, in one transaction, as written${wholeShown(ctx)}:`,
    `${c} the data change needs the constraints gone while it runs, and nothing else may write the tables meanwhile.`,
    code,
  ].join("\n");
}

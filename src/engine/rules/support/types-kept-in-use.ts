/**
 * The types an up creates that a column still uses when its down reaches their DROP TYPE: the up moved a column of a
 * table it keeps onto the type (ALTER COLUMN ... TYPE, add_column) and the down does not take that back (no earlier
 * type known, so no ALTER back: govuk-chat 20260417081153 swaps answers.question_routing_label onto a new enum). PostgreSQL
 * refuses DROP TYPE while a column uses it ("cannot drop type ... because other objects depend on it"), so that
 * drop must not be written as if it ran.
 */
import type { Operation } from "../../model.js";
import { nameKey } from "./facts.js";
import type { InverseSource, InverseStep } from "./sql-inverse.js";

type StepsOf = (op: Operation, index: number, created: ReadonlySet<string>, repository: InverseSource | undefined) => InverseStep[] | undefined;

/** a type's name without its schema, as a column names it or not */
const typeKey = (name: string) => nameKey(name).split(".").pop()!;

/** type (typeKey) -> the `table.column`s the down leaves on it, for each type the up creates */
export function typesKeptInUse(up: readonly Operation[], created: ReadonlySet<string>, repository: InverseSource | undefined, stepsOf: StepsOf): Map<string, string[]> {
  const createdTypes = new Set(up.flatMap((op) => (op.kind === "create_object" && op.objectType === "type" ? [typeKey(op.name)] : [])));
  const uses = new Map<string, string[]>();
  if (createdTypes.size === 0) return uses;
  const dropped = new Set(up.flatMap((op) => (op.kind === "drop_table" ? op.tables.map(nameKey) : [])));
  up.forEach((op, index) => {
    if (op.kind !== "alter_column_type" && op.kind !== "add_column") return;
    // a table the up creates or drops goes (or comes back) whole, before the type is dropped
    if (created.has(nameKey(op.table)) || dropped.has(nameKey(op.table))) return;
    const type = op.kind === "alter_column_type" ? op.type : op.column.type;
    if (!type || !createdTypes.has(typeKey(type.name))) return;
    // the down puts the column back (its old type, or drops an added column) only with a statement that runs
    const undone = (stepsOf(op, index, created, repository) ?? []).some((s) => s.kind === "sql" || s.kind === "code");
    if (undone) return;
    const column = op.kind === "alter_column_type" ? op.column : op.column.name;
    uses.set(typeKey(type.name), [...(uses.get(typeKey(type.name)) ?? []), `${op.table}.${column}`]);
  });
  return uses;
}

/** the step that stands for a DROP TYPE a remaining column blocks */
export const typeStillUsed = (line: number, type: string, columns: readonly string[]): InverseStep => ({
  kind: "unknown",
  text: `line ${line} creates type ${type}: not dropped, since ${columns.join(", ")} still ${columns.length > 1 ? "use" : "uses"} it (put ${columns.length > 1 ? "their" : "its"} type back first, then DROP TYPE ${type})`,
});

/** the step that stands for renaming a type back to a name the kept type still holds */
export const typeNameTaken = (line: number, name: string, newName: string): InverseStep => ({
  kind: "unknown",
  text: `line ${line} renames type ${name} to ${newName}: not renamed back while the new ${name} stays (drop it first, then ALTER TYPE ${newName} RENAME TO ${name})`,
});

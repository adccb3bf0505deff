/**
 * Edited merged migrations that together only move when constraints are validated. A foreign key or CHECK added
 * NOT VALID (`validate: false`) and validated by a later migration ends as the same validated constraint as one
 * added validated: dawarich made its create migrations add their foreign keys validated and emptied the migration
 * that validated them, so databases that ran the old versions and fresh ones end with the same constraints.
 *
 * The edited migrations' ups, in version order, are compared with each such pair folded into the constraint added
 * validated: equal lists mean every database ends alike. Operations of unedited migrations run between them on
 * both kinds of database alike.
 */
import type { Migration, Operation } from "../../model.js";
import { opKey, type EditJudgement } from "./edit-judgement.js";

type AddConstraint = Extract<Operation, { kind: "add_constraint" }>;

/** The constraint added validated: the same statement without NOT VALID (Rails' generated SQL ends with it). */
const validated = (op: AddConstraint): AddConstraint => ({ ...op, notValid: false, ...(op.sql ? { sql: op.sql.replace(/ NOT VALID;$/, ";") } : {}) });

/** The operations with each constraint added NOT VALID and validated later in the list added validated, the validation left out; and how many were folded. */
export function foldValidations(ops: readonly Operation[]): { ops: Operation[]; folded: number } {
  const out: Array<Operation | undefined> = [...ops];
  let folded = 0;
  out.forEach((op, j) => {
    if (op?.kind !== "validate_constraint") return;
    const notValid = (o: Operation | undefined, k: number): o is AddConstraint => k < j && o?.kind === "add_constraint" && o.notValid && o.table === op.table;
    let i = out.findLastIndex((o, k) => notValid(o, k) && op.name !== undefined && o.name === op.name);
    // Rails' validate_foreign_key(from, to) finds the key by the table it references: only when one key does (looked
    // for only when no name matched)
    if (i === -1 && op.referencesTable !== undefined) {
      const referencing = out.flatMap((o, k) => (k < j && o?.kind === "add_constraint" && o.table === op.table && o.constraint === "foreign_key" && o.referencesTable === op.referencesTable ? [k] : []));
      if (referencing.length === 1 && notValid(out[referencing[0]], referencing[0])) i = referencing[0];
    }
    if (i === -1) return;
    out[i] = validated(out[i] as AddConstraint);
    out[j] = undefined;
    folded++;
  });
  return { ops: out.filter((o): o is Operation => o !== undefined), folded };
}

const byVersion = (a: Migration, b: Migration) => (a.version ?? a.path).localeCompare(b.version ?? b.path, undefined, { numeric: true });
const ups = (migrations: readonly Migration[]) => [...migrations].sort(byVersion).flatMap((m) => m.up);

/**
 * The edited migrations (base and head versions, pairwise) end every database alike once NOT VALID constraints
 * validated later count as added validated, and at least one such pair differs between the sides.
 */
export function onlyValidationMoved(pairs: ReadonlyArray<{ base: Migration; head: Migration }>): boolean {
  if (pairs.length === 0) return false;
  const before = foldValidations(ups(pairs.map((p) => p.base)));
  const after = foldValidations(ups(pairs.map((p) => p.head)));
  if (before.folded === after.folded) return false;
  const keys = (ops: readonly Operation[]) => ops.map(opKey).join("\n");
  return keys(before.ops) === keys(after.ops);
}

/**
 * Where the edited migrations of one framework only moved validations (`onlyValidationMoved`), their schema parts
 * become `validated`: each names the others, since the edits are equivalent only together.
 */
export function markValidationMoves(edited: ReadonlyArray<{ base?: Migration; head?: Migration; edit?: EditJudgement }>): void {
  const schemaEdits = edited.filter((m): m is { base: Migration; head: Migration; edit: EditJudgement } => m.base !== undefined && m.head !== undefined && m.edit !== undefined && m.edit.parts.has("schema"));
  for (const framework of new Set(schemaEdits.map((m) => m.head.framework))) {
    const group = schemaEdits.filter((m) => m.head.framework === framework);
    if (!onlyValidationMoved(group)) continue;
    for (const { edit } of group) {
      edit.parts.delete("schema");
      edit.parts.add("validated");
      for (const detail of edit.details) if (detail.part === "schema") detail.part = "validated";
    }
  }
}

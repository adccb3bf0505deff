/**
 * An up whose only work is to validate constraints (Rails' validate_check_constraint / validate_foreign_key, SQL's
 * ALTER TABLE ... VALIDATE CONSTRAINT): it checks rows a NOT VALID constraint already guards and changes nothing, so
 * its undo is nothing. A rollback that runs nothing is the right one, and running the up again only checks again
 * (keygen's 20240424022606, seed 73). The second step of strong_migrations' NOT VALID / VALIDATE pair.
 */
import type { Operation, OperationOf } from "../../model.js";
import { andList } from "../../in-words.js";

/** The validations, when the up's statements (transaction control and settings aside) are nothing else; undefined otherwise. */
export function validatesOnly(up: readonly Operation[]): OperationOf<"validate_constraint">[] | undefined {
  const work = up.filter((op) => op.kind !== "transaction_control" && op.kind !== "set_setting");
  if (work.length === 0 || !work.every((op) => op.kind === "validate_constraint")) return undefined;
  return work as OperationOf<"validate_constraint">[];
}

/** `machines_account_id_not_null on machines`: what the up validates, in words. */
export const validatedNames = (validated: readonly OperationOf<"validate_constraint">[]): string =>
  andList(validated.map((op) => `${op.name ?? (op.referencesTable ? `the foreign key to ${op.referencesTable}` : "a constraint")} on ${op.table}`));

/** The comment a down with nothing to undo carries. */
export const NOTHING_TO_UNDO = "nothing to undo: the up only validates constraints, which changes no schema and no row";

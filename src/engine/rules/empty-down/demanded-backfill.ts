/**
 * An up whose only work is to VALIDATE constraints, after filling the rows one of them rejects: identity-idp's
 * `UPDATE agencies SET abbreviation = name WHERE abbreviation IS NULL` then `VALIDATE CONSTRAINT
 * agencies_abbreviation_null`, a CHECK (abbreviation IS NOT NULL) an earlier migration added NOT VALID. Validating
 * has nothing to undo, and the backfill cannot be undone while the constraint stands (PostgreSQL checks a NOT VALID
 * CHECK on every write: setting those NULLs back fails); the earlier migration's down drops the constraint. An empty
 * down is the right one.
 */
import type { Operation, OperationOf } from "../../model.js";
import type { RepositoryView } from "../../repository/repository-view.js";
import { nameKey } from "../support/facts.js";

const has = (list: readonly string[] | undefined, name: string) => (list ?? []).some((n) => nameKey(n) === nameKey(name));

/** The NOT NULL columns of the CHECK constraints `validated` names, as the earlier migrations define them, by table. */
function notNullChecks(validated: readonly OperationOf<"validate_constraint">[], repository: RepositoryView): Map<string, string[]> | undefined {
  const out = new Map<string, string[]>();
  for (const v of validated) {
    if (!v.name) return undefined;
    const key = repository.tableKeys(v.table).find((k) => nameKey(k.name) === nameKey(v.name!));
    if (!key) return undefined;
    if (key.definition.kind !== "check") continue;
    const table = nameKey(v.table);
    out.set(table, [...(out.get(table) ?? []), ...(key.definition.notNullColumns ?? [])]);
  }
  return out;
}

/** Does the up only validate constraints and fill, in columns a validated CHECK makes NOT NULL, only rows with a NULL there? */
export function validatesAfterDemandedBackfill(ops: readonly Operation[], repository: RepositoryView): boolean {
  const validated = ops.filter((op): op is OperationOf<"validate_constraint"> => op.kind === "validate_constraint");
  const backfills = ops.filter((op) => op.kind !== "validate_constraint");
  if (!validated.length || !backfills.length) return false;
  const checks = notNullChecks(validated, repository);
  if (!checks) return false;
  return backfills.every((op) => {
    if (op.kind !== "dml" || op.verb !== "update" || !op.table || !op.columns.length) return false;
    const demanded = checks.get(nameKey(op.table)) ?? [];
    return op.columns.every((c) => has(demanded, c) && has(op.onlyNullRowsOf, c));
  });
}

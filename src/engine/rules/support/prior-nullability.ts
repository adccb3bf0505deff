/**
 * Whether a column was NOT NULL before the migration that drops its NOT NULL: what a down of DROP NOT NULL must
 * restore, and nothing more. A column that was nullable already gets nothing back (agenta's relax_lifecycle_nullability
 * drops NOT NULL on six columns of which two had it: SET NOT NULL on the other four, NULL on every live row, fails
 * every rollback). Read from the earlier migrations' definition of the column; unknown when none says.
 */
import type { RepositoryView } from "../../repository/repository-view.js";
import type { Operation } from "../../model.js";

export type PriorNullability = "not-null" | "nullable" | "unknown";

/**
 * table.column as the earlier migrations leave it: followed through SET / DROP NOT NULL and changes of type or
 * default (columnNotNull), else as the migration that added it defined it (a primary key is NOT NULL too), else as
 * the migration itself states it (Alembic's existing_nullable=); unknown when none says.
 */
export function nullabilityBefore(
  op: { table: string; column: string; wasNotNull?: boolean },
  repository: (Pick<RepositoryView, "columnDefinition"> & Partial<Pick<RepositoryView, "columnNotNull">>) | undefined,
): PriorNullability {
  const followed = repository?.columnNotNull?.(op.table, op.column);
  if (followed !== undefined) return followed ? "not-null" : "nullable";
  const definition = repository?.columnDefinition(op.table, op.column);
  if (definition) return definition.notNull || definition.primaryKey ? "not-null" : "nullable";
  if (op.wasNotNull !== undefined) return op.wasNotNull ? "not-null" : "nullable";
  return "unknown";
}

/** The comment for a column whose earlier nullability nothing says: `restore` is the call that sets NOT NULL again. */
export const unknownNullability = (op: Extract<Operation, { kind: "drop_not_null" }>, restore: string): string =>
  `line ${op.loc.line} drops NOT NULL on ${op.table}.${op.column}: no earlier migration migguard read says whether it was NOT NULL before ` +
  `(none defines the column, or one changed it since); if it was, ${restore} here (it fails if rows with NULL were written since)`;

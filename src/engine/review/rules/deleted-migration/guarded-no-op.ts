/**
 * A deleted migration that changed nothing on any database the migrations built: each of its statements runs only
 * under an existence check that the schema its earlier migrations leave decides against it (Active Storage's
 * installer copies: `return unless table_exists?(:active_storage_blobs)` then `unless column_exists?(:active_storage_blobs,
 * :service_name)`, on a project whose own create_active_storage_tables already made that column), or sets what that
 * schema already has (`change_column_null :active_storage_blobs, :checksum, true` on a column created nullable).
 * Databases that ran it and fresh ones that never do end up the same, so deleting it is not deleted-migration's hazard.
 *
 * Only the earlier migrations are evidence: the base branch's dump already holds what the deleted migration made, so
 * a column there proves nothing about who made it. A table those migrations did not create, a check migguard does
 * not compare, or any statement that may change something leaves the deletion reported as it is.
 */
import type { ExistenceGuard, Migration, Operation } from "../../../model.js";
import { provenColumns } from "../../../repository/proven-columns.js";
import type { RepositoryView } from "../../../repository/repository-view.js";
import { nameKey } from "../../../rules/support/facts.js";
import { nullabilityBefore } from "../../../rules/support/prior-nullability.js";
import { linesInWords } from "../../../in-words.js";

export type EarlierSchema = Pick<RepositoryView, "earlierInFolder" | "columnDefinition" | "columnNotNull" | "namedTableIndexes">;

/** Whether the check holds on the schema the earlier migrations build; undefined when they do not prove it. */
function holdsBefore(guard: ExistenceGuard, repository: EarlierSchema): boolean | undefined {
  const state = provenColumns(repository.earlierInFolder, guard.table);
  // a table they did not create (a dump, a gem, SQL migguard keeps as text) may still exist: not proven either way
  if (state === undefined || state === "unknown") return undefined;
  if (guard.predicate === "table_exists?" || guard.predicate === "data_source_exists?") return true;
  // an index of that name the earlier migrations left (one they never made may still exist: only its presence is proven)
  if (guard.predicate === "index_name_exists?" && guard.name !== undefined)
    return repository.namedTableIndexes(guard.table).some((i) => nameKey(i.name) === nameKey(guard.name!)) ? true : undefined;
  if (guard.predicate !== "column_exists?" || guard.column === undefined) return undefined;
  const has = state.columns.has(nameKey(guard.column));
  // a check with a type or options holds only if those match too: only its failing on a missing column is proven
  return has && guard.qualified ? undefined : has;
}

/** What keeps `op` from changing anything, said for the message after its line numbers; undefined when it may change something. */
function noOpReason(op: Operation, repository: EarlierSchema): string | undefined {
  for (const guard of op.guards ?? []) {
    const holds = holdsBefore(guard, repository);
    if (holds === undefined) continue;
    if (guard.runsWhen === "missing" && holds) return `run only when \`${guard.text}\` is false, and the earlier migrations made it true`;
    if (guard.runsWhen === "exists" && !holds) return `run only when \`${guard.text}\` is true, and the earlier migrations never made it so`;
  }
  if (op.kind === "drop_not_null" && nullabilityBefore(op, repository) === "nullable") return `allow NULL in ${op.table}.${op.column}, which the earlier migrations created nullable`;
  return undefined;
}

/** Statement kinds that change nothing of the schema or the rows. */
const INERT = new Set<Operation["kind"]>(["transaction_control", "set_setting"]);

/** Why the deleted migration's statements changed nothing (their lines, by reason), or undefined when one may have changed something. */
export function guardedNoOp(migration: Migration, repository: EarlierSchema | undefined): string[] | undefined {
  if (!repository || migration.syntaxErrors.length || migration.tooComplex.length || migration.hidden.length) return undefined;
  const ops = migration.up.filter((op) => !INERT.has(op.kind));
  if (ops.length === 0) return undefined;
  const byReason = new Map<string, number[]>();
  for (const op of ops) {
    const reason = noOpReason(op, repository);
    if (!reason) return undefined;
    const lines = byReason.get(reason) ?? [];
    if (!lines.includes(op.loc.line)) lines.push(op.loc.line);
    byReason.set(reason, lines);
  }
  // "line 7 runs only when", "lines 7 and 10 run only when"
  return [...byReason].map(([reason, lines]) => `${linesInWords(lines)} ${lines.length === 1 ? reason.replace(/^(\w+)/, "$1s") : reason}`);
}

/**
 * Existence checks decided against the base branch's schema dump. An added migration whose operation runs only
 * under `unless column_exists?(:t, :c)` (or `if table_exists?`, `if_not_exists: true`, ...) does nothing in
 * production when the base dump, the schema the servers run, already has the column: its findings are notes
 * that say so (vita-min's and Open Food Network's copies of Active Storage's `add_service_name` migration).
 *
 * Only the base dump is evidence. The head's dump (what `lint` could read, and what the pull request's branch
 * holds) already includes the migration under review: the column is there because this migration adds it, so
 * it proves nothing about production. A check the dump cannot decide (no base dump, a check with conditions
 * migguard does not compare, an object the change itself touched first) leaves the findings as they are.
 */
import type { ExistenceGuard, Migration, Operation, ReportedFinding } from "../../model.js";
import { nameKey } from "../../rules/support/facts.js";
import type { DumpObjects } from "./dump-objects.js";
import { checkedObject, sqlClauseGuards } from "./sql-clause-guards.js";

/** What the base dump says of a check: whether it holds, and the dump line that shows it (the table's or the object's). */
export interface CheckOnBase {
  holds: boolean;
  line?: number;
}

const sameColumns = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((c, i) => nameKey(c) === nameKey(b[i]));

/** The check on the base dump; undefined when the dump cannot tell. */
export function checkOnBase(guard: ExistenceGuard, dump: DumpObjects): CheckOnBase | undefined {
  const table = dump.table(guard.table);
  // a missing object proves it is missing only in a dump read whole
  const missing = (line?: number): CheckOnBase | undefined => (dump.complete ? { holds: false, ...(line !== undefined ? { line } : {}) } : undefined);
  const found = (line: number): CheckOnBase | undefined => (guard.qualified ? undefined : { holds: true, line });
  if (guard.predicate === "table_exists?") return table ? found(table.line) : missing();
  if (guard.predicate === "data_source_exists?") {
    const view = dump.views.get(nameKey(guard.table));
    if (table || view !== undefined) return found(table?.line ?? view!);
    // schema.rb leaves views out (scenic's create_view aside): a missing one proves nothing there
    return dump.format === "structure.sql" ? missing() : undefined;
  }
  if (!table) return missing();
  const onTable = <T extends { table: string }>(list: readonly T[]) => list.filter((o) => nameKey(o.table) === nameKey(guard.table));
  switch (guard.predicate) {
    case "column_exists?": {
      const line = guard.column === undefined ? undefined : table.columns.get(nameKey(guard.column));
      return line !== undefined ? found(line) : missing(table.line);
    }
    case "index_exists?":
    case "index_name_exists?": {
      const index = onTable(dump.indexes).find(
        (i) => (guard.name === undefined || (i.name !== undefined && nameKey(i.name) === nameKey(guard.name))) && (guard.columns.length === 0 || sameColumns(i.columns, guard.columns)),
      );
      return index ? found(index.line) : missing(table.line);
    }
    case "foreign_key_exists?": {
      const key = onTable(dump.foreignKeys).find(
        (k) =>
          (guard.toTable === undefined || (k.toTable !== undefined && nameKey(k.toTable) === nameKey(guard.toTable))) &&
          (guard.name === undefined || (k.name !== undefined && nameKey(k.name) === nameKey(guard.name))) &&
          (guard.columns.length === 0 || sameColumns(k.columns, guard.columns)),
      );
      return key ? found(key.line) : missing(table.line);
    }
  }
}

/** The check that keeps an operation from running on the base schema, with what the dump says of it. */
export interface SkippedOnBase {
  guard: ExistenceGuard;
  onBase: CheckOnBase;
  dump: DumpObjects;
  /** the check is the statement's own `IF [NOT] EXISTS` (sql-clause-guards.ts) */
  clause: boolean;
}

/** Tables whose existence, columns, indexes or keys an operation may change; "*" when it may change any. */
export function existenceTouched(op: Operation): string[] {
  switch (op.kind) {
    case "create_table":
    case "add_column":
    case "drop_column":
    case "rename_column":
    case "add_index":
    case "add_constraint":
    case "drop_constraint":
      return [op.table];
    case "drop_table":
      return op.tables;
    case "rename_table":
      return [op.table, op.newName];
    case "drop_index":
    case "rename_object":
      return op.table ? [op.table] : ["*"];
    case "create_object":
    case "drop_object":
      return op.objectType === "view" || op.objectType === "materialized_view" ? ("names" in op ? op.names : [op.name]) : [];
    case "raw":
      return op.opaque ? ["*"] : [];
    default:
      return [];
  }
}

const guardTables = (guard: ExistenceGuard) => [guard.table, ...(guard.toTable ? [guard.toTable] : [])].map(nameKey);

/** How a walk over the operations decides their checks: which checks an operation has, and what one of them says on a dump. */
export interface GuardDecision<G, S> {
  guardsOf(op: Operation, migration: Migration): readonly G[];
  /** whether the check stops its operation, given the tables earlier operations touched; undefined when it does not or the dump cannot tell */
  decide(guard: G, dump: DumpObjects, touched: ReadonlySet<string>): S | undefined;
}

/** The base dump's checks: the recorded ones, then the statement's own `IF [NOT] EXISTS` clauses. */
export const onBaseDecision: GuardDecision<{ guard: ExistenceGuard; clause: boolean }, SkippedOnBase> = {
  guardsOf: (op, migration) => [...(op.guards ?? []).map((guard) => ({ guard, clause: false })), ...sqlClauseGuards(op, migration).map((guard) => ({ guard, clause: true }))],
  decide: ({ guard, clause }, dump, touched) => {
    if (touched.has("*") || guardTables(guard).some((t) => touched.has(t))) return undefined;
    const onBase = checkOnBase(guard, dump);
    return onBase && onBase.holds !== (guard.runsWhen === "exists") ? { guard, onBase, dump, clause } : undefined;
  },
};

/**
 * The operations of the added migrations (in the order they run) that do not run on the base schema. An
 * operation of the change that runs before a guarded one and touches the checked table makes that check
 * undecidable: the base dump no longer shows the schema the check sees. `dumpOf` is asked only for a migration
 * with a check; `decision` (onBaseDecision for `review`) says which checks count and what stops an operation.
 */
export function skippedOnBase<G, S>(migrations: readonly Migration[], dumpOf: (migration: Migration) => DumpObjects | undefined, { guardsOf, decide }: GuardDecision<G, S>): Map<Operation, S> {
  const skipped = new Map<Operation, S>();
  const touched = new Set<string>();
  for (const migration of migrations) {
    const guards = new Map(migration.up.map((op) => [op, guardsOf(op, migration)] as const));
    const dump = [...guards.values()].some((g) => g.length > 0) ? dumpOf(migration) : undefined;
    for (const op of migration.up) {
      let stop: S | undefined;
      if (dump) for (const guard of guards.get(op)!) if ((stop = decide(guard, dump, touched)) !== undefined) break;
      if (stop !== undefined) skipped.set(op, stop);
      else for (const table of existenceTouched(op)) touched.add(table === "*" ? "*" : nameKey(table));
    }
  }
  return skipped;
}

const whereOnBase = ({ onBase, dump }: SkippedOnBase) => (onBase.line !== undefined ? `${dump.path}:${onBase.line}` : dump.path);

/** Why the finding's statement does nothing in production, as a sentence for its message. */
function skippedReason(skipped: SkippedOnBase): string {
  if (skipped.clause)
    return `It runs only if ${checkedObject(skipped.guard)} ${skipped.guard.runsWhen === "missing" ? "does not exist yet" : "exists"} (\`${skipped.guard.text}\`), and the base branch's schema ${skipped.onBase.holds ? "has it" : "has no such object"} (${whereOnBase(skipped)}): nothing runs in production, where the base schema is what the servers have.`;
  return `It is guarded by \`${skipped.guard.text}\`, which is ${skipped.onBase.holds} on the base branch's schema (${whereOnBase(skipped)}): nothing runs in production, where the base schema is what the servers have.`;
}

/**
 * The fix of a statement production skips: nothing, as a comment in the migration's language. The rule's own fix
 * would rewrite code that never runs there, and a follow-up it adds (a validation, a backfill) would run
 * unguarded on a database where the guarded step was skipped.
 */
function skippedFix(skipped: SkippedOnBase, migration: Migration): string {
  const comment = migration.framework === "sql" ? "--" : "#";
  if (skipped.clause)
    return `${comment} nothing to change: the base branch's schema (${whereOnBase(skipped)}) ${skipped.onBase.holds ? "already has" : "has no"} ${checkedObject(skipped.guard)}, so \`${skipped.guard.text}\` makes production skip this; keep the clause as it is`;
  return `${comment} nothing to change: \`${skipped.guard.text}\` is ${skipped.onBase.holds} on the base branch's schema (${whereOnBase(skipped)}), so production skips this; keep the check as it is`;
}

/** What stops every statement a finding covers (the first one's), when all of them are stopped. */
export function skippedOf<S>(finding: ReportedFinding, migration: Migration, skipped: ReadonlyMap<Operation, S>): S | undefined {
  // a note too: that the statement does not run in production is what the reader must know first
  const covered = migration.up.filter((op) => op.loc.line <= finding.endLine && finding.line <= op.loc.endLine);
  return covered.length > 0 && covered.every((op) => skipped.has(op)) ? skipped.get(covered[0]) : undefined;
}

/**
 * Findings of the added migrations on statements that do not run on the base schema: notes that say why, with
 * nothing to change as their fix. A finding that also covers a statement that runs keeps its severity and fix.
 */
export function foldSkippedOnBase(findings: readonly ReportedFinding[], migrations: readonly Migration[], skipped: ReadonlyMap<Operation, SkippedOnBase>): ReportedFinding[] {
  if (skipped.size === 0) return [...findings];
  const byPath = new Map(migrations.map((m) => [m.path, m]));
  return findings.map((finding) => {
    const migration = byPath.get(finding.path);
    const why = migration && skippedOf(finding, migration, skipped);
    if (!migration || !why) return finding;
    return { ...finding, severity: "info", message: `${finding.message} ${skippedReason(why)}`, fix: skippedFix(why, migration) };
  });
}

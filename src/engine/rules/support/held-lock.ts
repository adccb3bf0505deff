/**
 * A lock finding on a table an earlier statement of the same transaction already holds ACCESS EXCLUSIVE on (an ADD
 * COLUMN, a RENAME, a type change): the later statement's own lock adds no wait, but its work (an index build, a scan)
 * runs while that lock is held, so the earlier change cannot commit until it ends and the table stays closed to
 * reads and writes for its whole duration. Moving the work out lets the earlier change commit at once. PGlite's
 * pg_locks shows the lock still held by the transaction after the later statement (held-lock.pglite.test.ts).
 */
import type { Operation } from "../../model.js";
import type { RuleContext } from "./rule.js";
import { nameKey } from "./facts.js";

/** The statement that took the lock, as its SQL says it. */
function lockTaker(op: Operation): string {
  switch (op.kind) {
    case "add_column":
      return `ADD COLUMN ${op.column.name}`;
    case "drop_column":
      return `DROP COLUMN ${op.column}`;
    case "rename_column":
      return `RENAME COLUMN ${op.column}`;
    case "rename_table":
      return `RENAME of ${op.table} to ${op.newName}`;
    case "alter_column_type":
      return `type change of ${op.column}`;
    case "redefine_column":
      return `ALTER COLUMN ${op.column.name}`;
    case "set_not_null":
      return `SET NOT NULL on ${op.column}`;
    case "drop_not_null":
      return `DROP NOT NULL on ${op.column}`;
    case "set_default":
      return `SET DEFAULT on ${op.column}`;
    case "drop_default":
      return `DROP DEFAULT on ${op.column}`;
    case "drop_constraint":
      return `DROP CONSTRAINT${op.name ? ` ${op.name}` : ""}`;
    case "add_constraint":
      return `ADD CONSTRAINT${op.name ? ` ${op.name}` : ""}`;
    case "drop_index":
      return `DROP INDEX${op.names.length ? ` ${op.names.join(", ")}` : ""}`;
    case "truncate":
      return "TRUNCATE";
    case "lock_table":
      return "LOCK TABLE";
    case "maintenance":
      return op.command === "cluster" ? "CLUSTER" : "VACUUM FULL";
    default:
      return "ALTER TABLE";
  }
}

/** What the later statement's work does under the held lock, and what moves it out. */
export interface HeldLockWork {
  /** "build", "scan", "check" */
  work: string;
  /** what it does to the table while the lock is held: "blocks reads as well as writes for its whole duration" */
  effect: string;
  /** the rule's fix in a few words: "building it CONCURRENTLY outside this transaction" */
  fix: string;
}

/** A scan or build under an ACCESS EXCLUSIVE lock of its own: the held lock changes not what waits, only for how long. */
export const KEEPS_LOCK = "keeps that lock, and the table closed to reads and writes, for its whole duration";

/**
 * The sentence a lock finding adds when an earlier statement of its transaction holds ACCESS EXCLUSIVE on `table`
 * before the op at `index`: "Line 3's ADD COLUMN b already holds ACCESS EXCLUSIVE on t until commit, so this build
 * blocks reads as well as writes for its whole duration; building it CONCURRENTLY outside this transaction lets line 3
 * commit at once." Empty when no earlier statement holds it.
 */
export function heldLockSentence(ctx: RuleContext, op: Operation, table: string, index: number, how: HeldLockWork): string {
  const own = ctx.facts.accessExclusiveTakenAt(table, index);
  // an ALTER TABLE of the partitioned table recurses into its partitions: its ACCESS EXCLUSIVE holds on each of them
  const through = own === undefined ? lockedPartitionedParent(ctx, table, index) : undefined;
  const at = own ?? through?.at;
  if (at === undefined) return "";
  const taker = ctx.migration.up[at];
  if (through)
    return (
      ` Line ${taker.loc.line}'s ${lockTaker(taker)} on ${through.parent}, the partitioned table ${table} is a partition of, already holds ACCESS EXCLUSIVE on ${table} ` +
      `(as on every partition of ${through.parent}) until commit, so this ${how.work} ${how.effect}; ${how.fix} lets line ${taker.loc.line} commit at once.`
    );
  const line = taker.loc.line;
  const same = line === op.loc.line;
  // on the same line: one ALTER TABLE of several subcommands (Rails' change_column with null:, a Django AlterField)
  // is one statement, checked in one pass, which no fix splits; only a framework's column and the index it builds
  // after it (add_reference, AddField of a ForeignKey) are two statements
  if (same && !(ctx.framework !== "sql" && taker.kind === "add_column" && op.kind === "add_index")) return "";
  return (
    ` ${same ? `The ${lockTaker(taker)} of the same ${ctx.framework === "sql" ? "statement" : "operation"}` : `Line ${line}'s ${lockTaker(taker)}`} already holds ACCESS EXCLUSIVE on ${table} until commit, ` +
    `so this ${how.work} ${how.effect}; ${how.fix} lets ${same ? "it" : `line ${line}`} commit at once.`
  );
}

/**
 * A lock finding on a table an earlier UPDATE of the same transaction wrote every row of while the transaction already
 * held ACCESS EXCLUSIVE on it (ADD COLUMN, `UPDATE t SET c = ... WHERE c IS NULL`, CREATE INDEX: mergin-server's
 * upload). The table was closed to reads and writes for that whole write, and stays closed until commit whatever
 * follows: the later build or scan reads the rows that UPDATE wrote and adds a fraction of its time (PGlite,
 * 300,000 rows: the UPDATE 9.6 s, a unique index on the filled column 1.1 s, SET NOT NULL 0.14 s). The full-table write
 * under the lock is the hazard, which mixed-ddl-dml reports; the later step is a note that says so, as set-not-null's
 * is. Its fix stays valid (moving the build out still shortens the outage by the build), so it is kept.
 * The sentence and the severity, or undefined when no such UPDATE precedes the op at `index`; the UPDATE named is
 * the last that sets `column` (the one the build reads), when one does.
 */
export function afterWholeTableUpdate(ctx: RuleContext, table: string, index: number, how: Pick<HeldLockWork, "work">, column?: string): { severity: "info"; sentence: string } | undefined {
  const at = ctx.facts.wholeTableUpdateUnderLockBefore(table, index, column);
  if (at === undefined) return undefined;
  const line = ctx.migration.up[at].loc.line;
  return {
    severity: "info",
    sentence:
      ` This transaction already holds ACCESS EXCLUSIVE on ${table} and updated every row of it under that lock (line ${line}): ` +
      `the table is closed to reads and writes for that whole write until commit, and this ${how.work} reads what it wrote, a fraction of that time. ` +
      `The full-table write inside the transaction is the hazard (mixed-ddl-dml); moving this ${how.work} out shortens the outage only by the ${how.work}.`,
  };
}

/** The tables a migration's up names (an op's `table`), each once, in the order first named, with the partitions of each read on first ask. */
interface NamedTables {
  repository: RuleContext["repository"];
  firstNamed: ReadonlyArray<{ table: string; at: number }>;
  partitions: Map<string, ReadonlySet<string>>;
}

// per migration: every lock finding of it asks, and each walked its whole up before (quadratic on a long one)
const namedTablesByUp = new WeakMap<readonly Operation[], NamedTables>();

function namedTables(ctx: RuleContext): NamedTables {
  const cached = namedTablesByUp.get(ctx.migration.up);
  if (cached?.repository === ctx.repository) return cached;
  const seen = new Set<string>();
  const firstNamed: Array<{ table: string; at: number }> = [];
  ctx.migration.up.forEach((op, at) => {
    const table = "table" in op && typeof op.table === "string" ? op.table : undefined;
    if (table === undefined || seen.has(nameKey(table))) return;
    seen.add(nameKey(table));
    firstNamed.push({ table, at });
  });
  const named = { repository: ctx.repository, firstNamed, partitions: new Map<string, ReadonlySet<string>>() };
  namedTablesByUp.set(ctx.migration.up, named);
  return named;
}

function partitionKeys(named: NamedTables, parent: string): ReadonlySet<string> {
  let keys = named.partitions.get(nameKey(parent));
  if (!keys) {
    keys = new Set((named.repository.partitions(parent) ?? []).map(nameKey));
    named.partitions.set(nameKey(parent), keys);
  }
  return keys;
}

/**
 * The partitioned table `table` is a partition of (the earlier migrations' CREATE TABLE ... PARTITION OF) when an
 * earlier statement of the same transaction holds ACCESS EXCLUSIVE on it before the op at `index`: nowcasting
 * 3a8ad17b57a3's ADD COLUMN on forecast_value, then an index build on each of its monthly partitions.
 */
function lockedPartitionedParent(ctx: RuleContext, table: string, index: number): { parent: string; at: number } | undefined {
  const named = namedTables(ctx);
  for (const { table: parent, at: firstAt } of named.firstNamed) {
    if (firstAt >= index) break;
    if (nameKey(parent) === nameKey(table) || !partitionKeys(named, parent).has(nameKey(table))) continue;
    const at = ctx.facts.accessExclusiveTakenAt(parent, index);
    if (at !== undefined) return { parent, at };
  }
  return undefined;
}

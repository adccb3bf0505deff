/** PostgreSQL's table lock modes (the names LOCK TABLE takes), weakest first, and which of them hold up writes. */
import type { Migration, Operation } from "../../model.js";

export const LOCK_MODES = new Set(["ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE", "SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE"]);

/** Lock modes that conflict with ROW EXCLUSIVE, the lock every INSERT/UPDATE/DELETE takes. */
export const WRITE_BLOCKING_MODES = new Set(["SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE"]);

const RANK = [...LOCK_MODES];

/** The strongest of `modes` (a statement of several subcommands takes the strongest any needs); undefined when one is unknown. */
export function strongestLock(modes: ReadonlyArray<string | undefined>): string | undefined {
  if (modes.length === 0 || modes.some((m) => m === undefined || !LOCK_MODES.has(m))) return undefined;
  return modes.reduce((a, b) => (RANK.indexOf(b!) > RANK.indexOf(a!) ? b : a));
}

/**
 * The lock each ALTER TABLE subcommand takes on the table, by libpg-query's subtype, from PostgreSQL's ALTER TABLE
 * documentation. SET/RESET of storage parameters depends on the parameters (relOptionsLock).
 */
const SUBCOMMAND_LOCKS: Record<string, string> = {
  AT_SetStatistics: "SHARE UPDATE EXCLUSIVE",
  // per-attribute options (n_distinct, n_distinct_inherited)
  AT_SetOptions: "SHARE UPDATE EXCLUSIVE",
  AT_ResetOptions: "SHARE UPDATE EXCLUSIVE",
  AT_ClusterOn: "SHARE UPDATE EXCLUSIVE",
  AT_DropCluster: "SHARE UPDATE EXCLUSIVE",
  AT_ValidateConstraint: "SHARE UPDATE EXCLUSIVE",
  AT_AttachPartition: "SHARE UPDATE EXCLUSIVE",
  AT_EnableTrig: "SHARE ROW EXCLUSIVE",
  AT_EnableAlwaysTrig: "SHARE ROW EXCLUSIVE",
  AT_EnableReplicaTrig: "SHARE ROW EXCLUSIVE",
  AT_EnableTrigAll: "SHARE ROW EXCLUSIVE",
  AT_EnableTrigUser: "SHARE ROW EXCLUSIVE",
  AT_DisableTrig: "SHARE ROW EXCLUSIVE",
  AT_DisableTrigAll: "SHARE ROW EXCLUSIVE",
  AT_DisableTrigUser: "SHARE ROW EXCLUSIVE",
  AT_SetStorage: "ACCESS EXCLUSIVE",
  AT_SetCompression: "ACCESS EXCLUSIVE",
  AT_AddIdentity: "ACCESS EXCLUSIVE",
  AT_SetIdentity: "ACCESS EXCLUSIVE",
  AT_DropIdentity: "ACCESS EXCLUSIVE",
  AT_DropExpression: "ACCESS EXCLUSIVE",
  AT_SetExpression: "ACCESS EXCLUSIVE",
  AT_EnableRule: "ACCESS EXCLUSIVE",
  AT_EnableAlwaysRule: "ACCESS EXCLUSIVE",
  AT_EnableReplicaRule: "ACCESS EXCLUSIVE",
  AT_DisableRule: "ACCESS EXCLUSIVE",
  AT_EnableRowSecurity: "ACCESS EXCLUSIVE",
  AT_DisableRowSecurity: "ACCESS EXCLUSIVE",
  AT_ForceRowSecurity: "ACCESS EXCLUSIVE",
  AT_NoForceRowSecurity: "ACCESS EXCLUSIVE",
  AT_AddInherit: "ACCESS EXCLUSIVE",
  AT_DropInherit: "ACCESS EXCLUSIVE",
  AT_AddOf: "ACCESS EXCLUSIVE",
  AT_DropOf: "ACCESS EXCLUSIVE",
  AT_ChangeOwner: "ACCESS EXCLUSIVE",
  AT_ReplicaIdentity: "ACCESS EXCLUSIVE",
  AT_SetTableSpace: "ACCESS EXCLUSIVE",
  AT_SetLogged: "ACCESS EXCLUSIVE",
  AT_SetUnLogged: "ACCESS EXCLUSIVE",
  AT_SetAccessMethod: "ACCESS EXCLUSIVE",
  AT_DropOids: "ACCESS EXCLUSIVE",
};

/**
 * Storage parameters whose change takes SHARE UPDATE EXCLUSIVE (fillfactor, the toast and autovacuum parameters,
 * parallel_workers and the other vacuum settings, as PostgreSQL's reloptions declare them); any other
 * (user_catalog_table) takes ACCESS EXCLUSIVE.
 */
const SHARE_UPDATE_PARAMETERS = new Set(["fillfactor", "toast_tuple_target", "parallel_workers", "vacuum_index_cleanup", "vacuum_truncate", "log_autovacuum_min_duration"]);
const relOptionLock = (name: string) => (name.startsWith("autovacuum_") || SHARE_UPDATE_PARAMETERS.has(name) ? "SHARE UPDATE EXCLUSIVE" : "ACCESS EXCLUSIVE");

/** The lock an ALTER TABLE subcommand (libpg-query's subtype) takes; `options` the parameters SET/RESET (...) names. Undefined when not known here. */
export function alterTableSubcommandLock(subtype: string, options: readonly string[] = []): string | undefined {
  if (subtype === "AT_SetRelOptions" || subtype === "AT_ResetRelOptions") return options.length ? strongestLock(options.map(relOptionLock)) : undefined;
  return SUBCOMMAND_LOCKS[subtype];
}

/** The lock each modelled ALTER TABLE change takes (ADD/DROP/ALTER COLUMN, constraints: ACCESS EXCLUSIVE unless listed). */
const KIND_LOCKS: Partial<Record<Operation["kind"], string>> = {
  add_column: "ACCESS EXCLUSIVE",
  drop_column: "ACCESS EXCLUSIVE",
  rename_column: "ACCESS EXCLUSIVE",
  rename_table: "ACCESS EXCLUSIVE",
  alter_column_type: "ACCESS EXCLUSIVE",
  set_not_null: "ACCESS EXCLUSIVE",
  drop_not_null: "ACCESS EXCLUSIVE",
  set_default: "ACCESS EXCLUSIVE",
  drop_default: "ACCESS EXCLUSIVE",
  drop_constraint: "ACCESS EXCLUSIVE",
  validate_constraint: "SHARE UPDATE EXCLUSIVE",
  drop_table: "ACCESS EXCLUSIVE",
  truncate: "ACCESS EXCLUSIVE",
};

/**
 * The lock PostgreSQL takes on the table for `op`: SHARE for CREATE INDEX, SHARE ROW EXCLUSIVE for a foreign key or a
 * trigger, the mode LOCK TABLE names, the adapter's for an ALTER TABLE subcommand it leaves raw. Undefined when unknown.
 */
export function tableLockMode(op: Operation): string | undefined {
  switch (op.kind) {
    case "add_index":
      return op.concurrently ? "SHARE UPDATE EXCLUSIVE" : "SHARE";
    case "drop_index":
      return op.concurrently ? "SHARE UPDATE EXCLUSIVE" : "ACCESS EXCLUSIVE";
    case "add_constraint":
      return op.constraint === "foreign_key" ? "SHARE ROW EXCLUSIVE" : "ACCESS EXCLUSIVE";
    case "create_object":
      return op.objectType === "trigger" ? "SHARE ROW EXCLUSIVE" : op.objectType === "rule" || op.objectType === "policy" ? "ACCESS EXCLUSIVE" : undefined;
    case "lock_table":
      return LOCK_MODES.has(op.mode.toUpperCase()) ? op.mode.toUpperCase() : undefined;
    case "raw":
      return op.lockMode;
    default:
      return KIND_LOCKS[op.kind];
  }
}

/**
 * The table lock a schema change takes in PostgreSQL, as its documentation gives it (tableLockMode: a foreign
 * key's SHARE ROW EXCLUSIVE, another constraint's ACCESS EXCLUSIVE); "lock" where that table does not know it.
 */
export function lockName(op: Operation, database: Migration["database"]): string {
  const mode = database === "postgresql" ? tableLockMode(op) : undefined;
  return mode ? `${mode} lock` : "lock";
}

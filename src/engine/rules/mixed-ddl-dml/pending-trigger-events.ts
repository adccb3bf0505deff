/**
 * A data step that queues deferred foreign key checks, then a schema change of the same table in the same
 * transaction: PostgreSQL refuses the schema change ("cannot ALTER TABLE "x" because it has pending trigger events").
 * A DEFERRABLE INITIALLY DEFERRED foreign key (Django makes every one so on PostgreSQL) checks at commit: each row
 * inserted into its table, and each row whose key columns get a new non-NULL value, leaves a trigger event pending on
 * that table until then. ALTER TABLE (but RENAME), CREATE INDEX, DROP TABLE and TRUNCATE of a table with pending
 * events fail; DROP INDEX and the renames do not; SET CONSTRAINTS ALL IMMEDIATE runs the checks and clears them, as
 * Django's drop of a foreign key does for that key alone (`SET CONSTRAINTS <key> IMMEDIATE; ALTER TABLE ... DROP
 * CONSTRAINT`). An UPDATE that sets a key column to NULL or leaves an existing row's key as it was queues nothing.
 * (Each case checked in PGlite: see the rule's cases.)
 */
import type { Operation } from "../../model.js";
import type { RuleContext } from "../support/rule.js";
import { nameKey } from "../support/facts.js";
import { commentMarker } from "../support/fix.js";
import { parseOne } from "../support/sql-text.js";
import { writtenNotDeferred } from "../../repository/constraint-history.js";

/** The failure found: the data step, the table whose checks it queued, by which columns, and the statement refused. */
export interface PendingTriggerFailure {
  data: Operation;
  table: string;
  /** the deferred foreign key columns whose checks wait (all of the table's keys for an INSERT) */
  columns: string[];
  /** the schema change PostgreSQL refuses, with the words of its error ("ALTER TABLE") */
  refused: Operation;
  command: string;
}

/** Whether an ADD CONSTRAINT ... FOREIGN KEY statement makes the key INITIALLY DEFERRED. */
const deferredSql = new Map<string, boolean>();
function initiallyDeferred(sql: string | undefined): boolean {
  // INITIALLY DEFERRED is the only way to write one: a statement without the word is not parsed (a folder's every key is asked about)
  if (!sql || !/deferred/i.test(sql)) return false;
  let known = deferredSql.get(sql);
  if (known === undefined) {
    const cmds = (parseOne(sql)?.AlterTableStmt?.cmds ?? []) as Array<{ AlterTableCmd?: { def?: { Constraint?: { contype?: string; initdeferred?: boolean } } } }>;
    known = cmds.some((c) => c.AlterTableCmd?.def?.Constraint?.contype === "CONSTR_FOREIGN" && c.AlterTableCmd.def.Constraint.initdeferred === true);
    if (deferredSql.size > 10_000) deferredSql.clear();
    deferredSql.set(sql, known);
  }
  return known;
}

/** The columns of `table` with a deferred foreign key just before `up[index]`: the earlier migrations' keys, then this migration's. */
function deferredKeyColumns(ctx: RuleContext, table: string, index: number): Set<string> {
  const key = nameKey(table);
  const columns = new Set<string>();
  for (const { definition } of ctx.repository.tableKeys(table))
    if (definition.kind === "foreign_key" && !writtenNotDeferred(definition) && initiallyDeferred(definition.sql)) for (const c of definition.columns) columns.add(nameKey(c));
  for (const op of ctx.migration.up.slice(0, index)) {
    if (!("table" in op) || typeof op.table !== "string" || nameKey(op.table) !== key) continue;
    if (op.kind === "add_column" && initiallyDeferred(op.column.references?.sql)) columns.add(nameKey(op.column.name));
    // a framework's key as PostgreSQL's SQL (op.sql), or the SQL migration's own ALTER TABLE (its text)
    else if (op.kind === "add_constraint" && op.constraint === "foreign_key" && initiallyDeferred(op.sql ?? (ctx.framework === "sql" ? op.text : undefined))) for (const c of op.columns) columns.add(nameKey(c));
    else if (op.kind === "drop_column") columns.delete(nameKey(op.column));
  }
  return columns;
}

/** The tables a data step writes that can queue deferred checks, and which columns: an INSERT (every key), or the columns given new non-NULL values. */
function writes(op: Operation): Array<{ table: string; written: readonly string[] | "all" }> {
  if (op.kind === "dml" && op.verb === "insert") return op.table ? [{ table: op.table, written: "all" }] : [];
  // a key set to NULL needs no check (an UPDATE's constant NULL)
  if (op.kind === "dml" && op.verb === "update") return op.table ? [{ table: op.table, written: op.columns.filter((c) => op.constants?.[c]?.toUpperCase() !== "NULL") }] : [];
  if (op.kind === "data_migration") return (op.overwrites ?? []).flatMap((o) => (o.table && o.changes ? [{ table: o.table, written: o.changes }] : []));
  return [];
}

/** The deferred foreign key columns of `table` among those a data step at `up[index]` writes: the checks it queues. */
function queuedColumns(ctx: RuleContext, table: string, written: readonly string[] | "all", index: number): string[] {
  const keys = deferredKeyColumns(ctx, table, index);
  return written === "all" ? [...keys] : written.map(nameKey).filter((c) => keys.has(c));
}

/** The words of PostgreSQL's error for a statement refused on a table with pending events, or undefined when it runs. */
function refusedCommand(op: Operation, table: string): string | undefined {
  const key = nameKey(table);
  const on = (t: string | undefined) => t !== undefined && nameKey(t) === key;
  switch (op.kind) {
    case "add_column":
    case "drop_column":
    case "alter_column_type":
    case "redefine_column":
    case "set_not_null":
    case "drop_not_null":
    case "set_default":
    case "drop_default":
    case "add_constraint":
    case "validate_constraint":
    case "drop_constraint":
      return on(op.table) ? "ALTER TABLE" : undefined;
    case "add_index":
      return on(op.table) && !op.concurrently ? "CREATE INDEX" : undefined;
    case "drop_table":
      return op.tables.some(on) ? "DROP TABLE" : undefined;
    case "truncate":
      return op.tables.some(on) ? "TRUNCATE" : undefined;
    case "raw":
      return on(op.table) && op.statement.startsWith("ALTER TABLE") && !/\bRENAME\b/i.test(op.text) ? "ALTER TABLE" : undefined;
    default:
      return undefined;
  }
}

/** SET CONSTRAINTS ALL IMMEDIATE, in SQL or a RunSQL: every queued check runs now, and none waits after it. */
const runsChecksNow = (op: Operation) => {
  if (op.kind !== "raw" || op.statement !== "ConstraintsSet") return false;
  const stmt = parseOne(op.text)?.ConstraintsSetStmt as { deferred?: boolean; constraints?: unknown[] } | undefined;
  return stmt !== undefined && !stmt.deferred && !stmt.constraints?.length;
};

/**
 * For each statement of an up, where the deferred checks it queues have run: the next COMMIT, statement outside the
 * transaction or SET CONSTRAINTS ALL IMMEDIATE (up.length when none).
 */
function checksRunAt(up: readonly Operation[]): number[] {
  const at = new Array<number>(up.length);
  let next = up.length;
  for (let i = up.length - 1; i >= 0; i--) {
    at[i] = next;
    const op = up[i];
    if (op.kind === "transaction_control" || !op.inTransaction || runsChecksNow(op)) next = i;
  }
  return at;
}

/**
 * The first data step of the migration whose queued deferred checks make a later schema change of the same table
 * fail, in one transaction on PostgreSQL; undefined when there is none.
 */
export function pendingTriggerFailure(ctx: RuleContext, dataOps: ReadonlyArray<{ op: Operation; index: number }>): PendingTriggerFailure | undefined {
  if (ctx.migration.database !== "postgresql") return undefined;
  const up = ctx.migration.up;
  let runAt: number[] | undefined;
  for (const { op, index } of dataOps) {
    if (!op.inTransaction) continue;
    const later = up.slice(index + 1, (runAt ??= checksRunAt(up))[index]);
    for (const { table, written } of writes(op)) {
      // the table's keys only when a later statement of the transaction would be refused on it: a folder of seed
      // INSERTs changes no table after them, and each key lookup reads the folder's constraint history
      if (!later.some((l) => refusedCommand(l, table))) continue;
      const waiting = new Set(queuedColumns(ctx, table, written, index));
      for (const l of later) {
        const command = refusedCommand(l, table);
        // Django drops a foreign key with SET CONSTRAINTS <key> IMMEDIATE first: that key's checks run before its ALTER
        if (ctx.framework === "django" && l.kind === "drop_column" && l.ormField !== undefined) waiting.delete(nameKey(l.column));
        if (command && waiting.size) return { data: op, table, columns: [...waiting], refused: l, command };
      }
    }
  }
  return undefined;
}

/** The failure in words: what queues the checks, what is refused, and the two ways that run. */
export function pendingTriggerMessage(failure: PendingTriggerFailure, djangoKeys: boolean): string {
  const { table, columns, refused, command } = failure;
  const inserts = failure.data.kind === "dml" && failure.data.verb === "insert";
  const what = inserts ? `inserts rows into ${table}, whose foreign key${columns.length > 1 ? "s" : ""} (${columns.join(", ")})` : `gives ${table}.${columns.join(", ")} new values, and ${columns.length > 1 ? "those foreign keys are" : "that foreign key is"}`;
  return (
    `This migration fails: this data change ${what}${inserts ? (columns.length > 1 ? " are" : " is") : ""} DEFERRABLE INITIALLY DEFERRED${djangoKeys ? " (Django makes every foreign key so on PostgreSQL)" : ""}, so PostgreSQL queues ${columns.length > 1 ? "their" : "its"} checks until the commit, and the ${refused.kind.replace(/_/g, " ")} of line ${refused.loc.line} on ${table}, in the same transaction, then stops with 'cannot ${command} "${table}" because it has pending trigger events'. ` +
    `Run the data change in a migration of its own (its commit runs the checks), or run SET CONSTRAINTS ALL IMMEDIATE after it, before line ${refused.loc.line}.`
  );
}

/**
 * The fix in place: SET CONSTRAINTS ALL IMMEDIATE just before the refused statement runs the queued checks there, as
 * the commit would, so the schema change finds none pending. It changes the migration's file and nothing of what it
 * does on a database that ran it (where it ran, the table had no rows to check), so it fits a migration that has
 * shipped too, where moving the data change to a new migration at the end of the folder would not: the later
 * migrations already ran without it.
 */
export function pendingTriggerFix(failure: PendingTriggerFailure, framework: string, railsChange: boolean): string {
  const { refused, table } = failure;
  const comment = commentMarker(framework);
  const statement =
    framework === "django"
      ? `migrations.RunSQL("SET CONSTRAINTS ALL IMMEDIATE", reverse_sql=migrations.RunSQL.noop),`
      : framework === "alembic"
        ? `op.execute("SET CONSTRAINTS ALL IMMEDIATE")`
        : framework === "rails"
          ? railsChange
            ? `up_only { execute "SET CONSTRAINTS ALL IMMEDIATE" }`
            : `execute "SET CONSTRAINTS ALL IMMEDIATE"`
          : `SET CONSTRAINTS ALL IMMEDIATE;`;
  return [
    `${comment} just before line ${refused.loc.line}: the foreign key checks the data change queued run here, as at the commit, so the ${refused.kind.replace(/_/g, " ")} of ${table} finds none pending`,
    statement,
  ].join("\n");
}


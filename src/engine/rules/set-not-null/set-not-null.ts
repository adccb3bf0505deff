import type { Operation, OperationOf } from "../../model.js";
import { defineRule, type RuleContext } from "../support/rule.js";
import { commentMarker, derivedName, fixFor, ident, modelName, sym } from "../support/fix.js";
import { nameKey } from "../support/facts.js";
import { tableWithRows, upOps } from "../support/scope.js";
import { renderFix, type FixSteps } from "../support/fix-steps.js";
import { notNullSteps } from "./not-null-steps.js";
import { provingCheck } from "./proven-by-check.js";
import { primaryKeyOverColumn } from "./primary-key-over-column.js";
import { nullSkippingBackfill, type NullSkippingBackfill } from "./null-skipping-backfill.js";
import { dataCode } from "../support/data-code.js";
import { KEEPS_LOCK, heldLockSentence, type HeldLockWork } from "../support/held-lock.js";
import { columnAtHead } from "../support/column-at-head.js";
import { withoutGoneFollowUp } from "../support/history-to-head.js";

/** Under an earlier statement's ACCESS EXCLUSIVE: the scan holds that statement's change uncommitted while it reads. */
const HELD_LOCK_SCAN: HeldLockWork = { work: "scan", effect: KEEPS_LOCK, fix: "a CHECK added NOT VALID and validated in a later migration" };

/**
 * The column is NOT NULL already when the statement runs: an earlier migration defined it so (and none changed it
 * since) and nothing before it in this migration relaxed it. SET NOT NULL then checks nothing and scans nothing.
 * A type change is no relaxation: PostgreSQL's ALTER COLUMN TYPE keeps the column's NOT NULL (Rails'
 * `change_column :users, :email, :citext, null: false` is a type change and a SET NOT NULL of a column devise
 * created `null: false`).
 */
function alreadyNotNull(ctx: RuleContext, table: string, column: string, index: number): boolean {
  if (ctx.repository.columnNotNull(table, column) !== true) return false;
  const same = (t: string, c: string) => nameKey(t) === nameKey(table) && nameKey(c) === nameKey(column);
  return !ctx.migration.up.slice(0, index).some((o) => {
    if (o.kind === "drop_not_null" || o.kind === "drop_column" || o.kind === "rename_column") return same(o.table, o.column);
    if (o.kind === "add_column") return same(o.table, o.column.name);
    if (o.kind === "drop_table") return o.tables.some((t) => nameKey(t) === nameKey(table));
    return o.kind === "rename_table" && nameKey(o.table) === nameKey(table);
  });
}

/**
 * The UPDATE writes one constant into a column this up added before it with no default: mixed-ddl-dml's fix then
 * adds the column with that constant as its default instead of the UPDATE.
 */
const constantFill = (up: readonly Operation[], update: Operation, column: string) =>
  update.kind === "dml" &&
  update.table !== undefined &&
  Object.keys(update.constants ?? {}).some((c) => nameKey(c) === nameKey(column)) &&
  up.slice(0, up.indexOf(update)).some((a) => a.kind === "add_column" && nameKey(a.table) === nameKey(update.table!) && nameKey(a.column.name) === nameKey(column) && !a.column.default);

/**
 * The CHECK in this migration under the names it has here; the migration that validates it goes after the newest of
 * the folder, so it names the table and column as the later migrations leave them (the CHECK keeps its name through a
 * rename), and there is none when a later migration drops them.
 */
function notNullStepsToHead(ctx: RuleContext, op: OperationOf<"set_not_null">, name: string, index: number): FixSteps {
  const head = columnAtHead(ctx, op.table, op.column, index);
  if ("gone" in head || (nameKey(head.table) === nameKey(op.table) && nameKey(head.column) === nameKey(op.column)))
    return withoutGoneFollowUp(notNullSteps(ctx, op, name), head, ctx.framework, "validates the CHECK or sets NOT NULL");
  return notNullSteps(ctx, op, name, head);
}

/** The failure a NULL-skipping backfill sets up, and the same backfill taking the NULL rows too, in the migration's language. */
function nullSkippingReport(ctx: RuleContext, op: OperationOf<"set_not_null">, { update, skipped, migration }: NullSkippingBackfill): { message: string; fix: string } {
  const where = migration ? `${migration.path}, line ${update.loc.line}` : `line ${update.loc.line}`;
  const c = commentMarker(ctx.framework === "sql" || !migration ? ctx.framework : migration.framework);
  const message =
    `The backfill of ${op.table}.${op.column} (${where}) leaves out the rows where ${skipped} is NULL: its WHERE compares ${skipped} ` +
    `with a negation (!=, NOT IN), which is NULL on a NULL, not true, so those rows keep ${op.column} NULL. SET NOT NULL then fails on them, and the migration with it.`;
  const head = `${c} ${migration ? `in ${migration.path}, the backfill of line ${update.loc.line}` : `the backfill of line ${update.loc.line}`}, taking the rows NULL in ${skipped} too (or compare with IS DISTINCT FROM):`;
  const framework = migration?.framework ?? ctx.framework;
  const rewritten = update.withNullRows;
  if (!rewritten) return { message, fix: `${head}\n${c} add OR ${skipped} IS NULL beside the comparison of ${skipped} in its WHERE` };
  // Rails' update_all is Ruby; SQL (a file, or an execute / RunSQL / op.execute string) is embedded as the framework runs it
  const fix = update.viaCode ? rewritten : fixFor(framework, { sql: rewritten });
  return { message, fix: `${head}\n${fix}` };
}

export default defineRule({
  meta: {
    id: "set-not-null",
    fixReplacesOperation: true,
    category: "blocking-lock",
    hazard: "concurrency",
    severity: "error",
    title: "SET NOT NULL scans the table under an exclusive lock",
    why:
      "ALTER COLUMN ... SET NOT NULL reads every row to check for NULLs while holding an ACCESS EXCLUSIVE lock. " +
      "On PostgreSQL 12+ the scan is skipped when a valid CHECK (column IS NOT NULL) constraint already exists, " +
      "so add that constraint NOT VALID, validate it, then set NOT NULL.",
    postgres: "the CHECK-constraint shortcut needs PostgreSQL 12+",
  },
  check(ctx) {
    // tables that got a CHECK validated earlier in this migration (the PostgreSQL 12+ shortcut)
    const validated = new Map<string, number>();
    ctx.migration.up.forEach((op, i) => {
      if (op.kind === "validate_constraint" || (op.kind === "add_constraint" && (op.constraint === "check" || op.constraint === "not_null") && !op.notValid))
        if (!validated.has(nameKey(op.table))) validated.set(nameKey(op.table), i);
    });
    for (const { op, index } of upOps(ctx, "set_not_null")) {
      if (!tableWithRows(ctx, op.table, index) || alreadyNotNull(ctx, op.table, op.column, index)) continue;
      // a backfill before it that left the NULL rows out (`WHERE c != 'y'`): the NOT NULL fails, whatever the lock
      const skipping = nullSkippingBackfill(ctx, op, index);
      if (skipping) {
        ctx.report({ op, severity: "error", hazard: "none", ...nullSkippingReport(ctx, op, skipping) });
        continue;
      }
      // a PRIMARY KEY over the column in this migration checks it for NULLs itself: its finding says the cost
      if (primaryKeyOverColumn(ctx.migration.up, op)) continue;
      const at = validated.get(nameKey(op.table));
      if (ctx.postgresVersion >= 12 && at !== undefined && at < index) continue;
      // an earlier migration's valid CHECK (column IS NOT NULL): PostgreSQL 12+ reads it, not the table
      if (ctx.postgresVersion >= 12 && provingCheck(ctx, op.table, op.column, index)) continue;
      // the transaction already holds ACCESS EXCLUSIVE and updated every row under it (ADD COLUMN, UPDATE, SET NOT NULL):
      // the scan reads what that UPDATE wrote, a fraction of the lock's time; the write carries the hazard (mixed-ddl-dml)
      const rewritten = ctx.facts.wholeTableUpdateUnderLockBefore(op.table, index, op.column);
      if (rewritten !== undefined) {
        const comment = commentMarker(ctx.framework);
        ctx.report({
          op,
          severity: "info",
          message: `SET NOT NULL on ${op.table}.${op.column} scans the whole table under an ACCESS EXCLUSIVE lock, but this transaction already holds that lock and updated every row of ${op.table} under it (line ${ctx.migration.up[rewritten].loc.line}): the scan reads what that UPDATE wrote, a fraction of the time the table is blocked anyway. The full-table write inside the transaction is the hazard (mixed-ddl-dml); a NOT VALID CHECK here would buy nothing.`,
          // the statement as code of the migration's language: one of a RunSQL / op.execute / execute string is that call again
          fix: `${comment} nothing to change here: the lock is held for the UPDATE of line ${ctx.migration.up[rewritten].loc.line}; to shorten it, ${constantFill(ctx.migration.up, ctx.migration.up[rewritten], op.column) ? "add the column NOT NULL with the UPDATE's constant as its default instead of the UPDATE (no rewrite, no scan)" : "fill the column outside this transaction"} (see mixed-ddl-dml)\n${dataCode(ctx.framework, op)}`,
        });
        continue;
      }
      const t = ident(op.table);
      const c = ident(op.column);
      const name = derivedName(op.table, [op.column], "not_null");
      if (ctx.postgresVersion < 12) {
        // no shortcut before PostgreSQL 12: a validated CHECK enforces the same without the scan, NOT NULL waits for 12+
        const earlier = at !== undefined && at < index ? ctx.migration.up[at] : undefined;
        ctx.report({
          op,
          message: `SET NOT NULL on ${op.table}.${op.column} scans the whole table under an ACCESS EXCLUSIVE lock (before PostgreSQL 12, even with a validated CHECK constraint).${heldLockSentence(ctx, op, op.table, index, HELD_LOCK_SCAN)}`,
          fix: fixFor(ctx.framework, {
            sql: earlier
              ? `-- the CHECK validated on line ${earlier.loc.line} already keeps NULLs out without this scan: leave SET NOT NULL out\n-- until the database runs PostgreSQL 12+, where it reads that CHECK instead of the table`
              : [
                  `-- before PostgreSQL 12, a validated CHECK keeps NULLs out without SET NOT NULL's scan under the lock:`,
                  `ALTER TABLE ${t} ADD CONSTRAINT ${ident(name)} CHECK (${c} IS NOT NULL) NOT VALID;`,
                  `-- in a separate migration (validation allows reads and writes):`,
                  `ALTER TABLE ${t} VALIDATE CONSTRAINT ${ident(name)};`,
                  `-- SET NOT NULL once the database runs PostgreSQL 12+ (it then reads the CHECK instead of the table)`,
                ].join("\n"),
          }),
        });
        continue;
      }
      ctx.report({
        op,
        message: `SET NOT NULL on ${op.table}.${op.column} scans the whole table under an ACCESS EXCLUSIVE lock.${heldLockSentence(ctx, op, op.table, index, HELD_LOCK_SCAN)}`,
        fix: renderFix(ctx, notNullStepsToHead(ctx, op, name, index)),
      });
    }
  },
});

import type { Migration, Operation, OperationOf } from "../../model.js";
import { abortedTransaction, caughtFailure } from "../support/caught-failure.js";
import { defineRule, type RuleContext } from "../support/rule.js";
import { railsDownFix } from "../support/rails-fix.js";
import { fixFor, ident } from "../support/fix.js";
import { byUpOperation, downResidue, leftOver, outermost, type DeltaEntry } from "../support/schema-delta.js";
import { ALL_DATABASES } from "../support/databases.js";
import { dropConstraintOfUnknownTable } from "../support/constraint-of-unknown-table.js";
import { railsRemovedIndex } from "../support/rails-removed-index.js";
import { isDerived } from "../support/derived-down.js";
import { constraintsRestoredUnderOtherNames } from "../support/restored-constraints.js";
import { unnamedDownDrops, unnamedDropFix, unnamedDropReason } from "./unnamed-down-drops.js";
import { createsIfMissing, mayHaveExistedBefore } from "./created-if-missing.js";
import { wrongColumnDrops, wrongColumnFix, wrongColumnMessage } from "./wrong-column-drop.js";

/** Who does the rolling back, for the messages of both down rules. */
export const downSubject = (down: Migration["down"]): string =>
  isDerived(down) ? "Rolling back (the down the framework derives from this migration)" : `The down migration${down.status === "present" && down.path ? ` (${down.path})` : ""}`;

/** Renaming moves an object, it does not create one: the name the rename gives is not "created here". */
export const isRename = (op: Operation | undefined): boolean => op?.kind === "rename_object" || op?.kind === "rename_column" || op?.kind === "rename_table";

/**
 * The SQL that takes back what the up left (or says what to recreate). Names are quoted where PostgreSQL needs it:
 * each is the object's own (folded where the SQL left it unquoted), so an upper-case one (SQLAlchemy quotes
 * `sa.Enum(name="RULES_HISTORY_DIDTYPE_CHK")`, Prisma's "Client") unquoted would fold and name nothing (rucio 384b96aa0f60).
 */
export function undo(entry: DeltaEntry): string {
  if (entry.net < 0) return `-- recreate ${entry.label} as it was before the up`;
  const left = leftOver(entry);
  switch (left.kind) {
    case "table":
      return `DROP TABLE ${ident(left.name)};`;
    case "column":
      return `ALTER TABLE ${ident(left.table)} DROP COLUMN ${ident(left.column)};`;
    case "index":
      return `DROP INDEX ${ident(left.name)};`;
    case "constraint":
      if (!left.table) return dropConstraintOfUnknownTable(left.name);
      return `ALTER TABLE ${ident(left.table)} DROP CONSTRAINT ${ident(left.name)};${left.defaultName ? "  -- PostgreSQL's default name; use the key's own if it has one" : ""}`;
    case "object":
      return `DROP ${left.type.replace("_", " ").toUpperCase()} ${ident(left.name)}${left.table ? ` ON ${ident(left.table)}` : ""};`;
  }
}

/** A Rails down's remove_index by columns drops the index on those columns the up built, whatever name it gave it. */
function railsDownIndexes(ctx: RuleContext, up: readonly Operation[]): Migration["down"] {
  const { down } = ctx.migration;
  if (ctx.framework !== "rails" || down.status !== "present" || down.derived) return down;
  const created = up.filter((o): o is OperationOf<"add_index"> => o.kind === "add_index" && !!o.name).map((o) => ({ name: o.name!, table: o.table, columns: o.columns }));
  if (!created.length) return down;
  return { ...down, ops: down.ops.map((o) => (o.kind === "drop_index" ? railsRemovedIndex(ctx, o, created) : o)) };
}

/**
 * The rollback runs but leaves behind objects the up created: the schema after up + down is not the schema
 * before it. That is drift (environments that rolled back differ from those that never ran the up, and the
 * next up fails on "already exists"); what the up destroyed and the down cannot bring back is
 * `down-does-not-restore`.
 */
export default defineRule({
  meta: {
    id: "down-does-not-undo-up",
    databases: ALL_DATABASES,
    category: "drift",
    severity: "warning",
    title: "Down migration leaves behind what the up created",
    why:
      "A down that forgets an object the up created leaves the schema different from before the up: the next up fails " +
      "on \"already exists\" and databases that were rolled back drift from the ones that never ran it. The down " +
      "should remove everything the up adds.",
  },
  check(ctx) {
    // a rename the down does not take back leaves the old name missing: down-does-not-restore says so
    // Rails' remove_index by column: drops the index on those columns, whatever its name (the one the up may build again)
    const up = ctx.framework === "rails" ? ctx.migration.up.map((o) => (o.kind === "drop_index" ? railsRemovedIndex(ctx, o) : o)) : ctx.migration.up;
    const downRead = railsDownIndexes(ctx, up);
    // the migration itself when neither changed: its residue is the one down-does-not-restore computes (cached per migration)
    const read = up === ctx.migration.up && downRead === ctx.migration.down ? ctx.migration : { ...ctx.migration, up, down: downRead };
    let leftovers = downResidue(read).filter((e) => e.net > 0 && !isRename(e.upOp));
    // the down dropped the up's constraint and added one of that name back: the one it restores (another name's
    // definition, support/restored-constraints.ts), not a leftover of the up
    if (leftovers.some((e) => e.key.startsWith("constraint:"))) {
      const restoring = new Set(constraintsRestoredUnderOtherNames(ctx).values());
      leftovers = leftovers.filter((e) => !restoring.has(e.key.slice("constraint:".length)));
    }
    // created in a try whose except goes on outside a transaction (`try: op.create_...` `except: pass`): the up is
    // written for a database that has it already, so a re-run after the rollback does not fail on it
    leftovers = leftovers.filter((e) => !(e.upOp && caughtFailure(e.upOp)?.holds));
    // created IF NOT EXISTS where the history does not show it absent: it may be what was there before the up (an
    // index an earlier migration built, the schema the migration tool keeps its table in), which the down must keep
    const before = { up: ctx.migration.up, repository: ctx.repository };
    leftovers = leftovers.filter((e) => !(e.upOp && mayHaveExistedBefore(before, e.upOp)));
    const { down } = ctx.migration;
    // the down's drop_constraint(None, ...) meant for a constraint the up created: that call is the one to fix
    const unnamedDrops = unnamedDownDrops(read, leftovers, ctx.repository);
    for (const pair of unnamedDrops) {
      ctx.report({
        op: pair.create,
        message: `${downSubject(down)} does not undo constraint ${pair.name ?? `of ${pair.create.table} (named by env.py's target_metadata)`}, created here: ${unnamedDropReason(pair)}.`,
        fix: unnamedDropFix(pair),
      });
    }
    // the down's remove_foreign_key by another column than the up's key: Rails raises, that line is the one to fix
    const wrongColumns = wrongColumnDrops(ctx, leftovers);
    for (const pair of wrongColumns) ctx.report({ op: pair.add, message: wrongColumnMessage(pair), fix: wrongColumnFix(pair) });
    const fixedByName = new Set([...unnamedDrops.flatMap((p) => (p.entry ? [p.entry] : [])), ...wrongColumns.map((p) => p.entry)]);
    leftovers = leftovers.filter((e) => !fixedByName.has(e));
    for (const [op, entries] of byUpOperation(outermost(leftovers))) {
      const caught = caughtFailure(op);
      ctx.report({
        op,
        message: `${downSubject(down)} does not undo ${entries.map((e) => e.label).join(", ")}, created here: after a rollback it is still there, so the schema drifts ${
          createsIfMissing(op)
            ? "from the databases that never ran the up; running the up again does not fail (IF NOT EXISTS skips it) but keeps the leftover as the rollback left it"
            : `and the next up fails on "already exists"${caught ? `: ${abortedTransaction(caught.line)}` : ""}`
        }.`,
        fix: fixFor(ctx.framework, {
          sql: `-- add to the down migration:\n${entries.map(undo).join("\n")}`,
          rails: () => railsDownFix(entries, { inChange: isDerived(down) }),
          alembic: () => `# add to downgrade():\n${alembicUndo(op, entries)}`,
        }),
      });
    }
  },
});

/**
 * The undo statements, under the up's own condition when it created them under one migguard could not decide
 * (privacyidea's `if dialect_supports_sequences():`): on the databases where the up skipped the create (MySQL and
 * SQLite have no sequences) a bare DROP SEQUENCE fails.
 */
function alembicUndo(op: Operation, entries: readonly DeltaEntry[]): string {
  const calls = entries.map((e) => `op.execute(${JSON.stringify(undo(e))})`);
  return op.runsIf ? [`if ${op.runsIf}:`, ...calls.map((c) => `    ${c}`)].join("\n") : calls.join("\n");
}

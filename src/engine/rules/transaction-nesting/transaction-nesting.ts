import { defineRule } from "../support/rule.js";
import { fixFor } from "../support/fix.js";
import { upOps } from "../support/scope.js";
import { afterRawCommit, alembicCallsWithAutocommit, needsAutocommit } from "../support/alembic-autocommit.js";
import { afterCommitInTransaction } from "../support/alembic-after-commit.js";
import type { Operation } from "../../model.js";
import type { RuleContext } from "../support/rule.js";

/** The operations after the transaction control at `index`, up to the next one: what a fix puts in its place. */
function opsAfter(ctx: RuleContext, index: number): Operation[] {
  const rest = ctx.migration.up.slice(index + 1);
  const next = rest.findIndex((op) => op.kind === "transaction_control");
  return next === -1 ? rest : rest.slice(0, next);
}

/** What cannot run in Alembic's transaction, on the project's PostgreSQL version. */
const outsideTransaction = (ctx: RuleContext) => needsAutocommit(ctx.postgresVersion);

/**
 * Alembic: the calls after the COMMIT, those that must leave the transaction in autocommit_block(), in place of the
 * COMMIT. A probe the revision catches the failure of (a try around it) gets a SAVEPOINT: without the COMMIT its
 * failure would abort Alembic's transaction and every statement after it.
 */
function alembicFix(ctx: RuleContext, op: Operation, index: number): string {
  const call = ctx.migration.source?.split("\n")[op.loc.line - 1]?.trim() ?? op.text;
  const after = opsAfter(ctx, index);
  const rewritten = afterCommitInTransaction(ctx.migration.source, op.loc.line, after, outsideTransaction(ctx));
  if (rewritten) return [`# in place of ${rewritten.commit} and the statements after it:`, rewritten.code].join("\n");
  if (!after.some(outsideTransaction(ctx))) return `# remove ${call}: nothing after it has to run outside Alembic's transaction`;
  return [`# in place of ${call} and the calls after it:`, alembicCallsWithAutocommit(after, ctx.migration.source, ctx.postgresVersion)].join("\n");
}

/** Reads and session settings (a SHOW probe, SET LOCAL) change nothing a failure could leave half applied. */
const changesSomething = (op: Operation) => op.kind !== "set_setting" && !(op.kind === "raw" && /^(VariableShow|SHOW)\b/i.test(op.statement)) && op.kind !== "transaction_control";

/**
 * The one statement after a COMMIT sent as SQL that changes anything, when nothing that changes anything ran before
 * the COMMIT (it would stay committed if that statement failed), there is only one after it, and it runs as it should
 * whatever the driver does next: in autocommit, or in the new transaction when it may run in one (a statement that
 * cannot, CONCURRENTLY, only with a driver the project names that sends no BEGIN again). Nothing can be left half
 * applied. Undefined otherwise.
 */
function loneStatement(ctx: RuleContext, index: number): Operation | undefined {
  if (ctx.migration.up.slice(0, index).some(changesSomething)) return undefined;
  const changing = opsAfter(ctx, index).filter(changesSomething);
  const lines = new Set(changing.map((o) => o.loc.line));
  if (lines.size !== 1) return undefined;
  const drivers = ctx.repository.postgresDrivers();
  const autocommitAfter = drivers.length > 0 && afterRawCommit(drivers).beginsAgain === false;
  return autocommitAfter || !changing.some(outsideTransaction(ctx)) ? changing[0] : undefined;
}

/** Alembic: a COMMIT sent as SQL, which neither SQLAlchemy nor the driver sees, and what the driver does next. */
function rawCommitMessage(ctx: RuleContext): string {
  const { beginsAgain, driver, noBegin, begin } = afterRawCommit(ctx.repository.postgresDrivers());
  const againSays = "what follows runs in a new transaction (CONCURRENTLY there still fails) and what ran before the COMMIT stays committed if it fails";
  const autocommitSays =
    "every statement after it, and Alembic's update of alembic_version, runs in autocommit, each committed on its own: a failure leaves the revision half applied with alembic_version not moved, and the next upgrade runs it again from the top";
  const next =
    beginsAgain === undefined
      ? `what happens next depends on ${driver}: ${noBegin} no BEGIN again, so ${autocommitSays}; ${begin} BEGIN again, so ${againSays}.`
      : beginsAgain
        ? `${driver} sends BEGIN again before the next statement, so ${againSays}.`
        : `${driver} sends no BEGIN again (it still counts its transaction as open), so ${autocommitSays}.`;
  return `COMMIT sent as SQL ends Alembic's transaction behind SQLAlchemy's back; ${next} op.get_context().autocommit_block() is the supported way: it commits Alembic's transaction, runs only its block in autocommit, and begins a new transaction for the rest and for the version update.`;
}

export default defineRule({
  meta: {
    id: "transaction-nesting",
    category: "transaction",
    severity: "warning",
    title: "BEGIN/COMMIT that fight the runner's transaction",
    why:
      "When the migration runner already wraps the migration in a transaction, a BEGIN inside it is ignored with a " +
      "warning and a COMMIT ends the runner's transaction early: the statements after it run unprotected and a failure " +
      "leaves the migration half applied. A BEGIN that is never committed leaves the work uncommitted.",
  },
  check(ctx) {
    const controls = upOps(ctx, "transaction_control");
    let open = 0;
    let lastBegin: (typeof controls)[number]["op"] | undefined;
    for (const { op, index } of controls) {
      if (op.action === "begin") {
        if (op.inTransaction) {
          ctx.report({
            op,
            message: "BEGIN inside the transaction the migration runner already opened: it is ignored, and the matching COMMIT ends the runner's transaction early.",
            fix: fixFor(ctx.framework, { sql: "-- remove BEGIN/COMMIT: the runner already runs this migration in a transaction" }),
          });
        }
        open++;
        lastBegin = op;
      } else if (op.action === "commit" || op.action === "rollback") {
        if (open === 0 && op.inTransaction) {
          const rawCommit = ctx.framework === "alembic" && op.embeddedSql && op.action === "commit";
          const lone = rawCommit ? loneStatement(ctx, index) : undefined;
          ctx.report({
            op,
            severity: lone ? "info" : undefined,
            message: lone
              ? `COMMIT sent as SQL ends Alembic's transaction behind SQLAlchemy's back, but only line ${lone.loc.line} changes anything after it, and it runs as it needs to: nothing can be left half applied. op.get_context().autocommit_block() is the supported way to leave the transaction; without the COMMIT, a statement after it that may fail has to be kept from aborting the transaction (the fix).`
              : rawCommit
                ? rawCommitMessage(ctx)
                : `${op.action.toUpperCase()} ends the migration runner's transaction early; what follows runs outside it and a failure leaves the migration half applied.`,
            fix: fixFor(ctx.framework, {
              sql: "-- split the migration instead: one that runs in a transaction, and one that runs without (NO TRANSACTION / transaction:false)",
              alembic: () => alembicFix(ctx, op, index),
              django: () => "class Migration(migrations.Migration):\n    atomic = False",
              rails: () => "disable_ddl_transaction!",
            }),
          });
        }
        open = Math.max(0, open - 1);
      }
    }
    if (open > 0 && lastBegin && ctx.migration.framework === "sql") {
      ctx.report({
        op: lastBegin,
        message: "This BEGIN is never committed: the statements after it are left in an open transaction.",
        fix: fixFor(ctx.framework, { sql: "COMMIT;  -- at the end of the migration" }),
      });
    }
  },
});

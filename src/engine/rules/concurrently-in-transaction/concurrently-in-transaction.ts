import { defineRule } from "../support/rule.js";
import { fixFor } from "../support/fix.js";
import { upOps } from "../support/scope.js";
import { railsConcurrentlyFix } from "../support/rails-fix.js";
import { howToLeaveTheTransaction } from "../support/leave-transaction.js";
import { afterRawCommit, alembicCallsWithAutocommit } from "../support/alembic-autocommit.js";
import { inPlaceOf } from "../support/alembic-batch.js";
import type { Operation } from "../../model.js";
import type { RuleContext } from "../support/rule.js";
import { djangoMigrationRewritten, djangoOperationRanges } from "../support/django-rewrite.js";
import { carriedStatement, renderFix } from "../support/fix-steps.js";
import { runSqlOneStatementPerItem } from "../support/django-runsql-items.js";
import { columnsAtHead } from "../support/column-at-head.js";
import { withoutGoneFollowUp } from "../support/history-to-head.js";

/** Django: the operations stay as written, the migration leaves its transaction. */
const DJANGO_NOT_ATOMIC = "class Migration(migrations.Migration):\n    atomic = False  # CONCURRENTLY refuses a transaction; the operations stay as they are";

const statementOf = (op: Operation): string => (op.kind === "add_index" ? "CREATE INDEX" : op.kind === "drop_index" ? "DROP INDEX" : "REINDEX");

/**
 * Django: the concurrent operation in a non-atomic migration, as whole files. Alone in its migration, the
 * migration itself with atomic = False (its imports and dependencies kept); beside other operations, which keep
 * their transaction, the migration without it, then a new non-atomic migration depending on it that runs it.
 */
function djangoNonAtomicFix(ctx: RuleContext, op: Operation): string {
  const ranges = djangoOperationRanges(ctx.migration);
  if (!ranges) return DJANGO_NOT_ATOMIC;
  const carried = carriedStatement(ctx.migration, op);
  // a RunSQL list item of several statements is one query, one implicit transaction even outside Django's: one item each
  const split = op.embeddedSql && carried.statement ? runSqlOneStatementPerItem(carried.statement) : undefined;
  const oneQuery = split ? " (each statement an item of its own: Django sends a list item whole, as one query, which PostgreSQL runs as one transaction)" : "";
  if (!ctx.migration.transactional) {
    const whole = split && djangoMigrationRewritten(ctx.migration, { line: op.loc.line, with: [split] });
    return whole ? [`# the migration becomes${oneQuery}, ${ctx.migration.path}:`, whole.trimEnd()].join("\n") : DJANGO_NOT_ATOMIC;
  }
  const own = (r: { line: number; endLine: number }) => r.line <= op.loc.line && op.loc.line <= r.endLine;
  const why = "CONCURRENTLY cannot run in a transaction";
  if (ranges.every(own)) {
    const whole = djangoMigrationRewritten(ctx.migration, { line: op.loc.line, nonAtomic: why, ...(split ? { with: [split] } : {}) });
    return whole ? [`# the migration becomes${oneQuery}, ${ctx.migration.path}:`, whole.trimEnd()].join("\n") : DJANGO_NOT_ATOMIC;
  }
  const first = djangoMigrationRewritten(ctx.migration, { line: op.loc.line, with: [] });
  const statement = split ?? carried.statement;
  if (!first || !statement) return DJANGO_NOT_ATOMIC;
  // the new migration goes after the app's newest: none when a later migration drops the index's table or a column of it
  const head = op.kind === "add_index" ? columnsAtHead(ctx, op.table, op.columns, ctx.migration.up.indexOf(op)) : {};
  return renderFix(ctx, withoutGoneFollowUp({
    inPlace: [`# the migration becomes (without this operation; every other one stays as written, in its transaction), ${ctx.migration.path}:`, first.trimEnd()].join("\n"),
    steps: [{ name: "concurrent index", statements: [statement], definitions: carried.definitions, noTransaction: true }],
  }, head, ctx.framework, "builds the index"));
}


export default defineRule({
  meta: {
    id: "concurrently-in-transaction",
    category: "transaction",
    severity: "error",
    title: "CONCURRENTLY cannot run inside a transaction",
    why:
      "PostgreSQL refuses CREATE/DROP INDEX CONCURRENTLY and REINDEX CONCURRENTLY inside a transaction block: the " +
      "migration fails at deploy time (\"cannot run inside a transaction block\"), half-applied if the runner does not roll back.",
  },
  check(ctx) {
    const ops = upOps(ctx, "add_index", "drop_index", "maintenance").filter(({ op }) => op.concurrently && op.inTransaction);
    for (const { op } of ops) {
      if (op.kind === "maintenance" && op.command !== "reindex") continue;
      ctx.report({
        op,
        message: `${statementOf(op)} CONCURRENTLY runs inside a transaction here, which PostgreSQL refuses: the migration will fail.`,
        fix: fixFor(ctx.framework, {
          sql: howToLeaveTheTransaction(ctx.migration, ctx.repository) ?? "-- run it outside a transaction",
          rails: () => railsConcurrentlyFix(op, ctx.migration, ctx.repository),
          django: () => djangoNonAtomicFix(ctx, op),
          alembic: () => inPlaceOf("alembic", op, alembicCallsWithAutocommit([op], ctx.migration.source, ctx.postgresVersion)),
        }),
      });
    }
    // the COMMIT hack (Rails `execute "COMMIT"`): CONCURRENTLY runs only because a COMMIT ended the runner's
    // transaction behind its back (SQL files are left to transaction-nesting, which reports the COMMIT itself)
    if (!ctx.migration.transactional || ctx.framework === "sql") return;
    const commits = upOps(ctx, "transaction_control").filter(({ op }) => op.action === "commit");
    for (const { op, index } of upOps(ctx, "add_index", "drop_index", "maintenance")) {
      if (!op.concurrently || op.inTransaction) continue;
      if (ctx.framework === "alembic") {
        // a COMMIT sent as SQL: transaction-nesting reports it once, with what the driver does after it; only
        // psycopg 3 begins a transaction again, and there CONCURRENTLY fails
        const driver = afterRawCommit(ctx.repository.postgresDrivers());
        if (op.afterRawCommit === undefined || !driver.beginsAgain) continue;
        ctx.report({
          op,
          message: `${statementOf(op)} CONCURRENTLY runs in a transaction after all: the COMMIT on line ${op.afterRawCommit} ends Alembic's transaction, but ${driver.driver} sends BEGIN again before the next statement, so PostgreSQL refuses it and the migration fails.`,
          fix: inPlaceOf("alembic", op, alembicCallsWithAutocommit([op], ctx.migration.source, ctx.postgresVersion)),
        });
        continue;
      }
      const commit = commits.find((c) => c.index < index);
      if (!commit) continue;
      ctx.report({
        op,
        severity: "warning",
        message: `${statementOf(op)} CONCURRENTLY runs only because the COMMIT on line ${commit.op.loc.line} ended the migration's transaction behind the runner's back: what ran before it is committed even if this fails, and the runner's own bookkeeping runs outside a transaction.`,
        fix: fixFor(ctx.framework, {
          sql: "-- run it in a migration of its own, outside a transaction",
          rails: () => railsConcurrentlyFix(op, ctx.migration, ctx.repository),
          django: () => DJANGO_NOT_ATOMIC,
        }),
      });
    }
  },
});

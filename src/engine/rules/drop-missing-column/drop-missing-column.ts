import { defineRule } from "../support/rule.js";
import { upOps } from "../support/scope.js";
import { ALL_DATABASES } from "../support/databases.js";
import { commentLines } from "../support/production-facts.js";
import { absentColumn } from "../support/absent-column.js";
import { abortedTransaction, caughtFailure } from "../support/caught-failure.js";
import { reportDumpedAbsence, reportSelfRename } from "./unrunnable-rename.js";
import { nameKey } from "../support/facts.js";

/** Columns shown in the message; the rest are counted. */
const SHOWN = 12;

/**
 * A drop of a column the table never had, by the migrations' own history: the table was created by a migration of
 * the repository and every change since was read, and none added the column (govuk-chat 20260303123938 removed a
 * `success` column from four tables that never had one). The migration fails on every database those migrations
 * built ("column does not exist"): that is the finding, not the loss of data that is not there, and no fix is built
 * around the column (a backup, ignored_columns). When the history is incomplete (the table from a schema dump, a
 * statement migguard could not read, raw SQL on the table) nothing is proven, and the drop rules speak as usual.
 */
export default defineRule({
  meta: {
    id: "drop-missing-column",
    databases: ALL_DATABASES,
    category: "history",
    severity: "error",
    // the column is not there: nothing is lost, no code reads it, and a fix around it (a backup, ignored_columns) fails too
    supersedes: ["rename-column", "drop-column", "remove-column-in-change", "remove-column-without-ignored-columns", "irreversible-migration"],
    title: "The migration drops or renames a column its table does not have",
    why:
      "The migrations that created the table and changed it since never added this column, so on every database they " +
      "built the drop fails (\"column does not exist\") and the migration stops there, its transaction rolled back or, " +
      "without one, half applied. The deploy that runs it fails; the statement must go, not be made safe. A rename of a " +
      "column to its own name is no rename either: PostgreSQL refuses it (the column already exists), and MySQL fails " +
      "where the table lacks the column and does nothing where it has it.",
  },
  check(ctx) {
    for (const { op, index } of upOps(ctx, "drop_column")) {
      // IF EXISTS, or under an existence check (Rails' `if column_exists?`): a missing column is what it expects (and
      // the drop rules say nothing of it either: support/absent-column.ts)
      if (op.ifExists || op.guards?.length) continue;
      // in a try whose except goes on (`except Exception: pass`) outside a transaction: the author expects the failure
      const caught = caughtFailure(op);
      if (caught?.holds) continue;
      const state = absentColumn(ctx, op, index);
      if (!state) continue;
      const columns = state.columns;
      const listed = columns.slice(0, SHOWN).join(", ") + (columns.length > SHOWN ? ` and ${columns.length - SHOWN} more` : "");
      const created = state.createdBy.path === ctx.migration.path ? "this migration" : state.createdBy.path;
      ctx.report({
        op,
        message: `Column ${op.table}.${op.column} does not exist when this runs: ${op.table} was created by ${created} and no migration since adds ${op.column} (its columns: ${listed}), so the drop fails ("column ${op.column} of relation ${op.table} does not exist") on every database these migrations built${caught ? `: ${abortedTransaction(caught.line)}` : " and the migration stops there"}.`,
        details: [`${op.table} created by ${created}; columns before this statement: ${columns.join(", ")}`],
        fix: commentLines(ctx, [
          `${op.table} never had ${op.column}: take this drop out of the migration (it fails wherever the migrations built the table).`,
          `If some database got ${op.column} outside the migrations, drop it only where it exists (IF EXISTS, Rails' if_exists: true).`,
        ]),
      });
    }
    // a rename of a column the table never had fails the same way ("column does not exist")
    for (const { op, index } of upOps(ctx, "rename_column")) {
      if (op.guards?.length || caughtFailure(op)?.holds) continue;
      if (nameKey(op.column) === nameKey(op.newName)) {
        reportSelfRename(ctx, op);
        continue;
      }
      const state = absentColumn(ctx, op, index);
      if (!state) {
        reportDumpedAbsence(ctx, op, index);
        continue;
      }
      const created = state.createdBy.path === ctx.migration.path ? "this migration" : state.createdBy.path;
      ctx.report({
        op,
        message: `Column ${op.table}.${op.column} does not exist when this runs: ${op.table} was created by ${created} and no migration since adds ${op.column}, so the rename fails ("column ${op.column} does not exist") and the migration stops on every database these migrations built.`,
        fix: commentLines(ctx, [`${op.table} never had ${op.column}: take this rename out of the migration, or add ${op.newName} instead if that is the column the code needs.`]),
      });
    }
  },
});

/**
 * A dropped column whose values a data step of an earlier migration carried into other columns or tables with
 * code (berth-reservations' 0003 RunPython reads `r.data` on every Reservation and sets its new fields from it;
 * 0024, after two RenameModels, removes `data`): the drop is the last step of a planned move, not a loss the team
 * did not mean. Once no code uses the column it is a note; what is lost are the values written since the move,
 * which the backup keeps. While code still uses it the data-loss error stands (the caller reports it).
 */
import type { OperationOf } from "../../model.js";
import type { ColumnCopy } from "../../repository/column-copies.js";
import type { Report, RuleContext } from "../support/rule.js";
import { backupFix, djangoFieldDropped, plannedRemoval } from "../support/planned-removal.js";

/** Why no running code uses the column: a planned removal's strong evidence, or for Django its models no longer declaring it (the moved step's test). */
function noCodeUses(ctx: RuleContext, op: OperationOf<"drop_column">): string | undefined {
  const planned = plannedRemoval(ctx, op, op.column);
  if (planned?.strong) return planned.reason;
  return ctx.framework === "django" ? djangoFieldDropped(ctx, op) : undefined;
}

/** What the data step did with the values, for the message. */
function carried(copy: ColumnCopy, column: string): string {
  const step = copy.op.kind === "data_migration" ? copy.op.description : "its data step";
  return copy.columns ? `${step} read ${column} on each row and set ${copy.columns.join(", ")} from it` : `${step} read ${column} and wrote ${copy.into}`;
}

/** The note for the drop after an earlier migration's code moved the values, or undefined while code still uses the column. */
export function earlierMoveReport(ctx: RuleContext, op: OperationOf<"drop_column">, index: number, copy: ColumnCopy): Report | undefined {
  const unused = noCodeUses(ctx, op);
  if (!unused) return undefined;
  return {
    op,
    severity: "info",
    message:
      `Dropping column ${op.table}.${op.column} is the last step of a planned move: its values were copied by ${copy.migration.path} (${carried(copy, op.column)}, line ${copy.op.loc.line}), and ${unused}. ` +
      `Values written to ${op.column} since that migration ran are lost: keep the backup step.`,
    fix: backupFix(ctx, op, op.table, `${op.table}.${op.column}`, { name: op.column, beforeIndex: index }),
  };
}

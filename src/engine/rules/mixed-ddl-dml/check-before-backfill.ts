/**
 * A CHECK added before the backfill that makes rows satisfy it (joanie 0090): PostgreSQL checks every existing row
 * when the constraint is added, and the column the check needs set was added by this migration a moment before, so
 * it is NULL in all of them then. The data change that fills it comes after, too late: every row the check needs
 * the column set for fails it, and the migration stops. Read from the model alone: the column added without a
 * default (NULL in every row), the CHECK's condition testing it for IS NOT NULL outside any negation
 * (`failsOnNull`), and the data change after it writing that column a value.
 */
import type { Operation, OperationOf } from "../../model.js";
import type { RuleContext } from "../support/rule.js";
import { nameKey } from "../support/facts.js";
import { commentMarker } from "../support/fix.js";

export interface CheckBeforeBackfill {
  check: OperationOf<"add_constraint">;
  added: OperationOf<"add_column">;
  data: Operation;
  column: string;
}

/** The columns of `table` a data step gives values (other than NULL when it says so). */
function filledColumns(op: Operation, table: string): string[] {
  const key = nameKey(table);
  if (op.kind === "dml" && op.verb === "update" && op.table && nameKey(op.table) === key) return op.columns.filter((c) => op.constants?.[c]?.toUpperCase() !== "NULL");
  if (op.kind === "data_migration") return (op.overwrites ?? []).flatMap((o) => (o.table && nameKey(o.table) === key ? (o.changes ?? []) : []));
  return [];
}

/** The first CHECK of the migration that a later data change of the same transaction was meant to make hold; undefined when there is none. */
export function checkBeforeBackfill(ctx: RuleContext, dataOps: ReadonlyArray<{ op: Operation; index: number }>): CheckBeforeBackfill | undefined {
  const up = ctx.migration.up;
  for (const [index, check] of up.entries()) {
    if (check.kind !== "add_constraint" || check.constraint !== "check" || check.notValid || !check.inTransaction || !check.failsOnNull?.length) continue;
    const table = nameKey(check.table);
    for (const column of check.failsOnNull) {
      // added by this migration before the CHECK, with nothing to fill it: NULL in every existing row
      const added = up
        .slice(0, index)
        .find((op): op is OperationOf<"add_column"> => op.kind === "add_column" && nameKey(op.table) === table && nameKey(op.column.name) === nameKey(column) && op.column.default === undefined && !op.column.generated);
      if (!added || up.slice(up.indexOf(added) + 1, index).some((op) => filledColumns(op, check.table).some((c) => nameKey(c) === nameKey(column)))) continue;
      const data = dataOps.find(({ op, index: at }) => at > index && op.inTransaction && filledColumns(op, check.table).some((c) => nameKey(c) === nameKey(column)));
      if (data) return { check, added, data: data.op, column };
    }
  }
  return undefined;
}

export function checkBeforeBackfillMessage({ check, added, data, column }: CheckBeforeBackfill): string {
  return (
    `This migration fails on existing rows: the CHECK${check.name ? ` ${check.name}` : ""} of line ${check.loc.line} is checked on every row of ${check.table} when it is added, and its condition needs ${column} set (IS NOT NULL) for some rows, ` +
    `but ${column} was added on line ${added.loc.line} with no default, so it is NULL in every row then: this data change, which fills it, runs only after the CHECK. ` +
    `Each row the check needs ${column} for fails it and the migration stops. Run the data change before the CHECK is added.`
  );
}

/**
 * The migration with the CHECK's lines moved right after the data change's, when both take whole lines of the
 * source (the CHECK's call ends its last line): the same operations, the backfill first. Undefined otherwise.
 */
export function checkAfterBackfillFix(ctx: RuleContext, { check, data }: CheckBeforeBackfill): string | undefined {
  const source = ctx.migration.source;
  if (source === undefined || check.loc.endLine >= data.loc.line) return undefined;
  const lines = source.split("\n");
  const block = lines.slice(check.loc.line - 1, check.loc.endLine);
  const head = check.text.split("\n")[0].trim();
  // the CHECK alone on its lines: they start with its call and end with it (a comma after it at most)
  if (block[0].trim() !== head || !/\)\s*,?\s*$/.test(block.at(-1)!) || !/\)\s*,?\s*$/.test(lines[data.loc.endLine - 1])) return undefined;
  const c = commentMarker(ctx.framework);
  const withComma = (line: string) => (/,\s*$/.test(line) ? line : line.replace(/\s*$/, ","));
  const out = [...lines.slice(0, check.loc.line - 1), ...lines.slice(check.loc.endLine, data.loc.endLine - 1), withComma(lines[data.loc.endLine - 1]), ...block.slice(0, -1), withComma(block.at(-1)!), ...lines.slice(data.loc.endLine)];
  return [`${c} the CHECK after the data change that makes the rows satisfy it (${ctx.migration.path} as it becomes):`, out.join("\n").trimEnd()].join("\n");
}

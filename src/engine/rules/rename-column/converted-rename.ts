/**
 * A rename that comes with a change of the values: the same migration changes the renamed column's type with a USING
 * conversion, or writes it with an UPDATE (SurfSense's 156 renames user_incentive_tasks.pages_awarded to credit_micros_awarded as a
 * BigInteger, then `SET credit_micros_awarded = credit_micros_awarded * 1000`: pages to micros). The expand fix keeps
 * the two columns in step with a trigger and a backfill that copy one into the other as they are: here that would put
 * page counts into the micros column (and micros back into the pages one). Only the author knows the conversion both
 * ways (micros back to pages may not be exact), so the fix says where it must be written instead of writing the copy.
 */
import type { Operation, OperationOf } from "../../model.js";
import { nameKey } from "../support/facts.js";
import type { RuleContext } from "../support/rule.js";

type RenameColumn = OperationOf<"rename_column">;

export interface Conversion {
  /** the type change of the column in this migration with a USING conversion, if any */
  retype?: OperationOf<"alter_column_type">;
  /** the UPDATE of this migration that writes the column (under either name), if any */
  update?: OperationOf<"dml">;
}

/** The type change or UPDATE of the renamed column in this migration (`op` renames it; `final` is the name it ends with). */
export function renameConversion(ctx: RuleContext, op: RenameColumn, final: RenameColumn): Conversion | undefined {
  const table = nameKey(op.table);
  const names = new Set([nameKey(op.column), nameKey(op.newName), nameKey(final.newName)]);
  const onColumn = (o: Operation, column: string) => nameKey("table" in o && typeof o.table === "string" ? o.table : "") === table && names.has(nameKey(column));
  // a type change converts with its USING; without one, PostgreSQL casts each value as the trigger's assignment does,
  // so a copy converts alike (int to bigint, varchar to text): only a written USING is a conversion of its own
  const retype = ctx.migration.up.find((o): o is OperationOf<"alter_column_type"> => o.kind === "alter_column_type" && o.using !== undefined && onColumn(o, o.column));
  const update = ctx.migration.up.find((o): o is OperationOf<"dml"> => o.kind === "dml" && o.verb === "update" && o.columns.some((c) => onColumn(o, c)));
  return retype || update ? { ...(retype ? { retype } : {}), ...(update ? { update } : {}) } : undefined;
}

/** What the conversion is, in words: "line 219 changes its type to bigint, and line 227 runs UPDATE ... SET ...". */
export function conversionWords(conversion: Conversion): string {
  const { retype, update } = conversion;
  const parts = [
    ...(retype ? [`line ${retype.loc.line} changes its type to ${retype.type.text} USING ${retype.using}`] : []),
    ...(update ? [`line ${update.loc.line} rewrites its values with ${update.text.replace(/\s+/g, " ").trim().replace(/;$/, "").slice(0, 120)}`] : []),
  ];
  return parts.join(", and ");
}

/**
 * The fix of a rename with a conversion: the expand and contract in words, the conversion to be written into the
 * trigger (both ways) and the backfill; no code that copies the values unconverted.
 */
export function convertedRenameNote(op: RenameColumn, final: RenameColumn, conversion: Conversion, comment: string): string {
  const [from, to] = [op.column, final.newName];
  return [
    `${comment} this migration also converts the values: ${conversionWords(conversion)}. An expand that copies ${from} into ${to}`,
    `${comment} as they are (a trigger and a backfill) would store unconverted values in ${to}, and copy ${to}'s back into ${from}.`,
    `${comment} To rename while old code runs: add ${to}${conversion.retype ? ` (${conversion.retype.type.text})` : ""} beside ${from}; keep the two in step with a trigger that converts:`,
    `${comment} ${to} from ${from} as this migration does, when old code writes ${from}, and ${from} from ${to} the inverse way, when new code writes ${to}`,
    `${comment} (write both conversions yourself: migguard does not know the inverse, nor whether it is exact); fill ${to} from ${from} with the same`,
    `${comment} conversion, in batches; deploy the code that reads ${to}; then drop the trigger and ${from} in a later migration.`,
  ].join("\n");
}

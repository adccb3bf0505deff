/** What rules that read the production snapshot share: where a figure comes from, and whether rows may be written first. */
import type { Operation } from "../../model.js";
import type { ProductionTable } from "../../production/production.js";
import { isOpaque } from "../../production/run-objects.js";
import { nameKey } from "./facts.js";
import type { RuleContext } from "./rule.js";
import { commentMarker } from "./fix.js";

/** "pg_stats of 2026-11-27, table analyzed 2026-11-26" */
export function statisticsSource(ctx: RuleContext, table: ProductionTable): string {
  const taken = ctx.production?.production.takenOn ?? "";
  const analyzed = [table.statistics?.lastAnalyze, table.statistics?.lastAutoanalyze].filter((t): t is string => typeof t === "string").sort().at(-1);
  return `production snapshot of ${taken}, ${table.display} ${analyzed ? `analyzed ${analyzed.slice(0, 10)}` : "never analyzed"}`;
}

/** The op writes rows of `table` (and `column`, when the columns are known) or may, being code or SQL the model cannot see into. */
function writes(op: Operation, table: string, column?: string): boolean {
  if (op.kind === "dml") {
    if (!op.table) return true;
    if (nameKey(op.table) !== nameKey(table)) return false;
    return column === undefined || op.columns.length === 0 || op.columns.some((c) => nameKey(c) === nameKey(column));
  }
  if (op.kind === "data_migration") return op.tables.length === 0 || op.tables.some((t) => nameKey(t) === nameKey(table));
  return op.kind === "raw" && isOpaque(op.statement);
}

/** Rows may be changed before the op at `index`: earlier in its migration, or by another migration of the run (a backfill). */
export function mayBeWrittenBefore(ctx: RuleContext, table: string, column: string | undefined, index: number): boolean {
  if (ctx.migration.up.slice(0, index).some((op) => writes(op, table, column))) return true;
  return ctx.production?.run.writtenElsewhere(table, ctx.migration.path) ?? false;
}

/** Lines of text as comments of the migration's language. */
export function commentLines(ctx: RuleContext, lines: readonly string[]): string {
  const marker = commentMarker(ctx.framework);
  return lines.map((line) => (line ? `${marker} ${line}` : marker)).join("\n");
}

/**
 * One hazard, one finding: a statement that rewrites a whole table (a type change that rewrites, a column whose
 * value is computed per row) holds ACCESS EXCLUSIVE on it until its transaction commits, for as long as the rewrite
 * takes. An index build, a NOT NULL scan or a constraint check on that table later in the same transaction runs
 * under that lock and only adds its time to the outage the rewrite already is: the rewrite's finding names it
 * (column-type-change, volatile-default), and analyze.ts drops its own finding when the rewrite's finding is shown
 * at least as loud (not waived, not downgraded below it).
 */
import type { Operation } from "../../model.js";
import { nameKey, type MigrationFacts } from "./facts.js";
import type { Report, RuleContext } from "./rule.js";
import { tableWithRows } from "./scope.js";
import { typeChangeAt } from "./type-change-at.js";
import { volatileFill } from "./volatile-fill.js";
import { andList } from "../../in-words.js";

/** The op at `index` rewrites every row of its table, which may hold rows. */
function rewritesTable(ctx: RuleContext, op: Operation, index: number): boolean {
  if (op.kind === "add_column") return tableWithRows(ctx, op.table, index) && volatileFill(op, ctx.postgresVersion) !== undefined;
  if (op.kind !== "alter_column_type" || !tableWithRows(ctx, op.table, index)) return false;
  return typeChangeAt(ctx, op, index)?.cost.rewrite === true;
}

/**
 * rewriteBefore's answers for one analysis of a migration (its facts), by index and table: every lock rule asks
 * for each of its ops, and each rewrite's finding asks again for every later step of its transaction.
 */
const rewritesFound = new WeakMap<MigrationFacts, Map<string, number | undefined>>();

/**
 * The index of the first statement of the same transaction, before the op at `index`, that rewrote `table` and
 * whose ACCESS EXCLUSIVE lock is still held; undefined when there is none. Not the op's own statement (Rails'
 * change_column with null: false, a Django AlterField): the rules judge what one statement does together themselves.
 */
export function rewriteBefore(ctx: RuleContext, table: string, index: number): number | undefined {
  let found = rewritesFound.get(ctx.facts);
  if (!found) rewritesFound.set(ctx.facts, (found = new Map()));
  const key = `${index} ${nameKey(table)}`;
  if (!found.has(key)) found.set(key, firstRewriteBefore(ctx, table, index));
  return found.get(key);
}

function firstRewriteBefore(ctx: RuleContext, table: string, index: number): number | undefined {
  const since = ctx.facts.accessExclusiveTakenAt(table, index);
  if (since === undefined) return undefined;
  const line = ctx.migration.up[index].loc.line;
  for (let at = since; at < index; at++) {
    const op = ctx.migration.up[at];
    if (op.loc.line !== line && (op.kind === "alter_column_type" || op.kind === "add_column") && nameKey(op.table) === nameKey(table) && rewritesTable(ctx, op, at)) return at;
  }
  return undefined;
}

/**
 * What a later step does under the lock, for the rewrite's finding, and the table it works on: the steps the lock
 * rules fold into it (an index built without CONCURRENTLY, SET NOT NULL, a constraint checked or a unique index built
 * while adding it).
 */
function foldedStep(op: Operation): { table: string; step: string } | undefined {
  const on = (table: string, step: string | undefined) => (step === undefined ? undefined : { table, step });
  switch (op.kind) {
    case "add_index":
      return on(op.table, op.concurrently ? undefined : `build of index ${op.name ?? `on (${op.columns.join(", ")})`}`);
    case "set_not_null":
      return on(op.table, `SET NOT NULL scan of ${op.column}`);
    case "add_constraint":
      if (op.notValid || op.usingIndex) return undefined;
      if (op.constraint === "foreign_key") return on(op.table, `check of the foreign key${op.referencesTable ? ` to ${op.referencesTable}` : ""}`);
      if (op.constraint === "check" || op.constraint === "not_null") return on(op.table, `check of ${op.constraint === "check" ? "the CHECK" : "the NOT NULL"} constraint${op.name ? ` ${op.name}` : ""}`);
      return on(op.table, `build of the ${op.constraint === "primary_key" ? "PRIMARY KEY" : op.constraint === "unique" ? "UNIQUE" : "EXCLUDE"} index${op.columns.length ? ` (${op.columns.join(", ")})` : ""}`);
    case "add_column":
      return on(op.table, op.column.unique || op.column.primaryKey ? `build of the ${op.column.primaryKey ? "PRIMARY KEY" : "UNIQUE"} index of ${op.column.name}` : undefined);
    default:
      return undefined;
  }
}

/**
 * The rewrite's report with the later steps of its transaction that run under its lock named in its message (each of
 * them folded: rewriteBefore finds this rewrite for it) and listed in `folds`, unchanged when there are none.
 */
function withStepsUnderRewrite(ctx: RuleContext, report: Report): Report {
  const op = report.op;
  if (!op || (op.kind !== "alter_column_type" && op.kind !== "add_column")) return report;
  const index = ctx.facts.indexOf(op);
  const steps: string[] = [];
  const ops: Operation[] = [];
  for (let at = index + 1; at < ctx.migration.up.length; at++) {
    // past the rewrite's transaction (transactions follow one another): nothing later runs under its lock
    const taken = ctx.facts.accessExclusiveTakenAt(op.table, at);
    if (taken === undefined || taken > index) break;
    const later = ctx.migration.up[at];
    const folded = foldedStep(later);
    if (!folded || nameKey(folded.table) !== nameKey(op.table) || rewriteBefore(ctx, folded.table, at) !== index) continue;
    steps.push(`line ${later.loc.line}'s ${folded.step}`);
    ops.push(later);
  }
  if (!steps.length) return report;
  const list = andList(steps);
  const sentence = ` The lock stays held until commit, through ${list} too: ${steps.length === 1 ? "it adds its" : "each adds its"} time to this outage, so ${steps.length === 1 ? "it has" : "they have"} no finding of ${steps.length === 1 ? "its" : "their"} own.`;
  return { ...report, message: `${report.message}${sentence}`, folds: { ops, sentence } };
}

/** The rule's context with every report passed through withStepsUnderRewrite. */
export const foldingStepsUnderRewrite = (ctx: RuleContext): RuleContext => ({ ...ctx, report: (report) => ctx.report(withStepsUnderRewrite(ctx, report)) });

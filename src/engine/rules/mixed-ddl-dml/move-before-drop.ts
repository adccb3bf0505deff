/**
 * A data change that reads a table, or columns of one, that a later statement of the same migration drops: a move
 * (crates.io's move_tokens_to_emails_table copies tokens into emails with UPDATE ... FROM tokens, then DROPs TABLE
 * tokens). The copy and the drop are one change: split apart, rows the running code writes to the source between
 * them are lost with it, and a copy run in batches misses the rows written after each batch. So the move is never
 * split off alone, and never batched without the writes to its source covered.
 */
import type { Operation } from "../../model.js";
import { linesInWords } from "../../in-words.js";
import { commentMarker } from "../support/fix.js";
import { lockName } from "../support/lock-modes.js";
import type { RuleContext } from "../support/rule.js";
import { tableOf } from "./statement-roles.js";
import { touches } from "./touched-tables.js";
import { bareName } from "../support/facts.js";
import { wholeShown } from "./whole-migration.js";

export interface Move {
  /** the data change that copies */
  data: Operation;
  /** the later statement that drops what it copies from */
  drop: Operation;
  /** what the drop takes with it, in words: "tokens", "person.matrix_user_id" */
  source: string;
}

const COPYING_VERBS = new Set(["insert", "update", "merge", "select_into"]);

/**
 * The first move of the migration, if any: a data change, then a later statement that drops a table it reads (or
 * a column it reads of such a table, or of its own). A data change's tables are the rule's own (touched-tables.ts:
 * names its code uses, models it asks for).
 */
export function moveBeforeDrop(up: readonly Operation[], dataOps: readonly Operation[]): Move | undefined {
  for (const data of dataOps) {
    for (const drop of up.slice(up.indexOf(data) + 1)) {
      const source = movedFrom(data, drop);
      if (source) return { data, drop, source };
    }
  }
  return undefined;
}

/** What `drop` drops that `data` copies from, in words, or undefined. */
function movedFrom(data: Operation, drop: Operation): string | undefined {
  if (drop.kind === "drop_table") {
    const table = drop.tables.find((t) => readsTable(data, t));
    return table === undefined ? undefined : bareName(table);
  }
  if (drop.kind !== "drop_column") return undefined;
  const column = bareName(drop.column);
  if (data.kind === "dml") {
    if (!COPYING_VERBS.has(data.verb) || data.columns.map(bareName).includes(column)) return undefined;
    const ofTable = (data.table !== undefined && bareName(data.table) === bareName(drop.table)) || data.sourceTables.some((t) => bareName(t) === bareName(drop.table));
    const read = [...data.sourceColumns, ...(data.convertsFrom ?? [])].map(bareName);
    return ofTable && read.includes(column) ? `${bareName(drop.table)}.${column}` : undefined;
  }
  if (data.kind === "data_migration" && data.mentions !== undefined && touches(data, drop.table)) {
    // Django code names a relation by its field (case_type), the column is case_type_id
    const names = [column, ...(drop.ormField ? [bareName(drop.ormField)] : [])];
    return data.mentions.map(bareName).some((m) => names.includes(m)) ? `${bareName(drop.table)}.${column}` : undefined;
  }
  return undefined;
}

/** The data change reads rows of the table to write them elsewhere (not a write of the dropped table's own rows alone). */
function readsTable(data: Operation, table: string): boolean {
  const name = bareName(table);
  if (data.kind === "dml") return COPYING_VERBS.has(data.verb) && (data.table === undefined || bareName(data.table) !== name) && data.sourceTables.some((t) => bareName(t) === name);
  if (data.kind !== "data_migration" || !touches(data, table)) return false;
  // code that writes only the table it then drops (deletes its rows, fixes them) moves nothing out of it
  const writes = data.writes ?? data.overwrites?.flatMap((o) => (o.table ? [o.table] : []));
  return !(writes?.length && writes.every((w) => bareName(w) === name) && !data.copies?.length);
}

/** A data change that moves values out of what a later statement drops: why the two stay together, and the lock that costs. */
export function moveMessage(ctx: RuleContext, move: Move, lockedBefore: Operation | undefined): string {
  const { drop, source } = move;
  const cost = lockedBefore
    ? `${tableOf(lockedBefore)} stays locked (the ${lockName(lockedBefore, ctx.migration.database)} of line ${lockedBefore.loc.line}) until the copy has written its rows, as long as that takes`
    : `the rows the copy writes stay locked until the commit`;
  return `This data change copies values out of ${source}, which line ${drop.loc.line} then drops: a move, whose copy and drop belong in one transaction, as written. Split apart, or the copy run in batches, rows the running code writes to ${source} in between are lost with it. Kept as written, ${cost}.`;
}

/**
 * The keep-together fix of a move: the whole migration, and, for a table too large to lock for the copy, the one
 * split that keeps it atomic (the schema changes before it first, then the copy with the drop), or batches with the
 * writes to the source covered.
 */
export function moveFix(ctx: RuleContext, move: Move, schemaBefore: readonly Operation[], code: string): string {
  const c = commentMarker(ctx.framework);
  const { data, drop, source } = move;
  const before = schemaBefore.map((op) => op.loc.line);
  return [
    `${c} keep the copy of line ${data.loc.line} and the drop of line ${drop.loc.line} in this migration, in one transaction, as written${wholeShown(ctx)}:`,
    `${c} split apart, rows the running code writes to ${source} after the copy are lost with it.`,
    `${c} On a table too large to lock for the copy:${before.length ? ` move the schema change${before.length > 1 ? "s" : ""} before it (${linesInWords(before)}) into a migration of ${before.length > 1 ? "their" : "its"} own, and` : ""}`,
    `${c} keep the copy and the drop together${before.length ? " in the next" : ""}, one transaction, not in batches; or copy in batches only with a trigger on`,
    `${c} ${source.split(".")[0]} that copies every write the same way, created before the first batch and dropped with ${source}.`,
    code,
  ].join("\n");
}

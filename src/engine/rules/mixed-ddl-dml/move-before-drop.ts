/**
 * A data change that reads a table, or columns of one, that a later statement of the same migration drops: a move
 * (crates.io's move_tokens_to_emails_table copies tokens into emails with UPDATE ... FROM tokens, then DROPs TABLE
 * tokens). The copy and the drop are one change: split apart, rows the running code writes to the source between
 * them are lost with it, and a copy run in batches misses the rows written after each batch. So the move is never
 * split off alone, and never batched without the writes to its source covered.
 */
import type { Operation } from "../../model.js";
import { nameKey } from "../support/facts.js";

export interface Move {
  /** the data change that copies */
  data: Operation;
  /** the later statement that drops what it copies from */
  drop: Operation;
  /** what the drop takes with it, in words: "tokens", "person.matrix_user_id" */
  source: string;
}

const bare = (name: string) => nameKey(name).split(".").pop()!;
const COPYING_VERBS = new Set(["insert", "update", "merge", "select_into"]);

/**
 * The first move of the migration, if any: a data change, then a later statement that drops a table it reads (or
 * a column it reads of such a table, or of its own). `touches` is the rule's own test of a data change's tables
 * (names its code uses, models it asks for).
 */
export function moveBeforeDrop(up: readonly Operation[], dataOps: readonly Operation[], touches: (op: Operation, table: string) => boolean): Move | undefined {
  for (const data of dataOps) {
    for (const drop of up.slice(up.indexOf(data) + 1)) {
      const source = movedFrom(data, drop, touches);
      if (source) return { data, drop, source };
    }
  }
  return undefined;
}

/** What `drop` drops that `data` copies from, in words, or undefined. */
function movedFrom(data: Operation, drop: Operation, touches: (op: Operation, table: string) => boolean): string | undefined {
  if (drop.kind === "drop_table") {
    const table = drop.tables.find((t) => readsTable(data, t, touches));
    return table === undefined ? undefined : bare(table);
  }
  if (drop.kind !== "drop_column") return undefined;
  const column = bare(drop.column);
  if (data.kind === "dml") {
    if (!COPYING_VERBS.has(data.verb) || data.columns.map(bare).includes(column)) return undefined;
    const ofTable = (data.table !== undefined && bare(data.table) === bare(drop.table)) || data.sourceTables.some((t) => bare(t) === bare(drop.table));
    const read = [...data.sourceColumns, ...(data.convertsFrom ?? [])].map(bare);
    return ofTable && read.includes(column) ? `${bare(drop.table)}.${column}` : undefined;
  }
  if (data.kind === "data_migration" && data.mentions !== undefined && touches(data, drop.table)) {
    // Django code names a relation by its field (case_type), the column is case_type_id
    const names = [column, ...(drop.ormField ? [bare(drop.ormField)] : [])];
    return data.mentions.map(bare).some((m) => names.includes(m)) ? `${bare(drop.table)}.${column}` : undefined;
  }
  return undefined;
}

/** The data change reads rows of the table to write them elsewhere (not a write of the dropped table's own rows alone). */
function readsTable(data: Operation, table: string, touches: (op: Operation, table: string) => boolean): boolean {
  const name = bare(table);
  if (data.kind === "dml") return COPYING_VERBS.has(data.verb) && (data.table === undefined || bare(data.table) !== name) && data.sourceTables.some((t) => bare(t) === name);
  if (data.kind !== "data_migration" || !touches(data, table)) return false;
  // code that writes only the table it then drops (deletes its rows, fixes them) moves nothing out of it
  const writes = data.writes ?? data.overwrites?.flatMap((o) => (o.table ? [o.table] : []));
  return !(writes?.length && writes.every((w) => bare(w) === name) && !data.copies?.length);
}

/**
 * Where Rust code reaches one table, for a SQL migration that drops it (rust-syntax.ts reads the files):
 * - SQL text on it in a string literal (sqlx's `query!("SELECT id FROM events ...")`, a raw string over several lines);
 * - the table's name alone as a string (a query builder's table, sea-orm's `#[sea_orm(table_name = "events")]`);
 * - diesel's schema declaring it (`table! { events (id) { .. } }`) or a struct mapped to it (`#[diesel(table_name = events)]`).
 * An identifier, a field, a comment or a word in a string of prose is none of these: atuin's AI client names its
 * stream's `events` (a local, `ConversationEvent`), which is no use of the server's events table.
 */
import type { SourceFile } from "../model.js";
import type { Usage } from "./usage-search.js";
import { rustUsageLines } from "./rust-syntax.js";
import { sqlOnTable } from "./table-context.js";
import { escapeRegExp } from "../regexp.js";

/** The uses of `table` (as written in SQL, without its schema) in the Rust files; files the grammar could not read in `unread`, to be searched as text. */
export function rustTableUsages(files: readonly SourceFile[], table: string, quoted = false): { usages: Usage[]; unread: SourceFile[] } {
  const word = new RegExp(`(?<![\\w$])${escapeRegExp(table)}(?![\\w$])`);
  return rustUsageLines(files, (facts) => [
    ...facts.strings.flatMap((s) => (s.text.trim().split(".").pop() === table ? [s.offset] : sqlOnTable(s.text, table, quoted) ? [s.offset + Math.max(0, s.text.search(word))] : [])),
    ...facts.tables.filter((t) => t.name === table).map((t) => t.offset),
  ]);
}

/**
 * Where Rust code reaches one table, for a SQL migration that drops it (rust-syntax.ts reads the files):
 * - SQL text on it in a string literal (sqlx's `query!("SELECT id FROM events ...")`, a raw string over several lines);
 * - the table's name alone as a string (a query builder's table, sea-orm's `#[sea_orm(table_name = "events")]`);
 * - diesel's schema declaring it (`table! { events (id) { .. } }`) or a struct mapped to it (`#[diesel(table_name = events)]`).
 * An identifier, a field, a comment or a word in a string of prose is none of these: atuin's AI client names its
 * stream's `events` (a local, `ConversationEvent`), which is no use of the server's events table.
 */
import type { SourceFile } from "../model.js";
import { usageAt, type Usage } from "./usage-search.js";
import { rustFacts } from "./rust-syntax.js";
import { sqlOnTable } from "./table-context.js";
import { escapeRegExp } from "../regexp.js";

/** 1-based line of an offset of the file's text */
const lineOf = (content: string, offset: number) => content.slice(0, offset).split("\n").length;

/** The uses of `table` (as written in SQL, without its schema) in the Rust files; files the grammar could not read in `unread`, to be searched as text. */
export function rustTableUsages(files: readonly SourceFile[], table: string, quoted = false): { usages: Usage[]; unread: SourceFile[] } {
  const word = new RegExp(`(?<![\\w$])${escapeRegExp(table)}(?![\\w$])`);
  const usages: Usage[] = [];
  const unread: SourceFile[] = [];
  for (const file of files) {
    const facts = rustFacts(file);
    if (!facts) {
      unread.push(file);
      continue;
    }
    const offsets: number[] = [];
    for (const s of facts.strings) {
      if (s.text.trim().split(".").pop() === table) offsets.push(s.offset);
      else if (sqlOnTable(s.text, table, quoted)) offsets.push(s.offset + Math.max(0, s.text.search(word)));
    }
    for (const t of facts.tables) if (t.name === table) offsets.push(t.offset);
    const lines = [...new Set(offsets.map((o) => lineOf(file.content, o)))].sort((a, b) => a - b);
    usages.push(...lines.map((line) => usageAt(file, line)));
  }
  return { usages, unread };
}

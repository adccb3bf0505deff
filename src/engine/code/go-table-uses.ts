/**
 * Where Go code reaches one table, for a SQL migration that drops it (go-syntax.ts reads the files). Go names a table
 * in these ways only:
 * - SQL text on it in a string literal, raw or interpreted (`"SELECT id FROM actions"`, a sqlc query);
 * - the table's name alone as a call's argument, a query builder's table (goqu's `From("actions")`, `goqu.T("actions")`,
 *   gorm's `Table("actions")`, squirrel's `From("actions")`), or as the value of a const or var those calls take
 *   (frontier's `TABLE_SERVICEUSER = "serviceusers"`);
 * - a struct that maps it (its `TableName()` returns it, or gorm's default naming of a model struct, sqlc's models:
 *   go-column-uses.ts's structTable).
 * An identifier, a field or a word in another string is none of these: frontier's cobra annotation `"action:core"` is
 * no use of its actions table, nor a variable `metadataKey` of metadata_keys.
 */
import type { SourceFile } from "../model.js";
import { usageAt, type Usage } from "./usage-search.js";
import { goFacts } from "./go-syntax.js";
import { sqlOnTable } from "./table-context.js";
import { structTable, tableMapping } from "./go-column-uses.js";
import { dirOf } from "../paths.js";
import { escapeRegExp } from "../regexp.js";

export interface GoTableUses {
  usages: Usage[];
  /** candidates the grammar could not read (not loaded, or a file that does not parse): searched as text by the caller */
  unread: SourceFile[];
}

/**
 * The usages of `table` (as written in SQL, without its schema) in `candidates`, judged against every Go file of the
 * application (`goFiles`, where the structs' TableName() methods are). `quoted`: SQL can name the table only quoted.
 */
export function goTableUsages(goFiles: readonly SourceFile[], candidates: readonly SourceFile[], table: string, quoted = false): GoTableUses {
  const mapping = tableMapping(goFiles);
  const word = new RegExp(`(?<![\\w$])${escapeRegExp(table)}(?![\\w$])`);
  const usages: Usage[] = [];
  const unread: SourceFile[] = [];
  for (const file of candidates) {
    const facts = goFacts(file);
    if (!facts) {
      unread.push(file);
      continue;
    }
    const dir = dirOf(file.path);
    const lines = new Set<number>();
    for (const struct of facts.structs) if (structTable(struct, dir, facts, table, mapping) === true) lines.add(struct.line);
    for (const string of facts.strings) {
      const alone = (string.argument || string.constant) && string.text.trim().split(".").pop() === table;
      if (!alone && !sqlOnTable(string.text, table, quoted)) continue;
      const at = Math.max(0, string.text.search(word));
      lines.add(string.line + (string.text.slice(0, at).match(/\n/g)?.length ?? 0));
    }
    for (const line of [...lines].sort((a, b) => a - b)) usages.push(usageAt(file, line));
  }
  return { usages, unread };
}

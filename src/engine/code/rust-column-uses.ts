/**
 * Where Rust code reaches a table's column (rust-syntax.ts reads the files): SQL on the table that names it in a
 * string (sqlx's `query!("SELECT files FROM releases ...")`), the column's name alone as a string
 * (`row.get("files")`), or a struct field of its name (sqlx maps a row's columns to fields by name: `r.files`,
 * `Release { files, .. }`). A word of a comment or of a prose string, a local or a function of the same name is not
 * the column (docs.rs' `let mut files = Vec::new()`, `"adding essential files failed"`, `/// ... storage files`).
 */
import type { SourceFile } from "../model.js";
import type { Usage } from "./usage-search.js";
import { rustUsageLines } from "./rust-syntax.js";
import { columnOfTableAt } from "./table-context.js";

/** The column's uses in the Rust files; files the grammar could not read in `unread`, to be searched as text. */
export function rustColumnUsages(files: readonly SourceFile[], table: string, names: readonly string[], quoted = false): { usages: Usage[]; unread: SourceFile[] } {
  const wanted = new Set(names);
  return rustUsageLines(files, (facts) => {
    const offsets: number[] = [];
    for (const s of facts.strings) {
      if (wanted.has(s.text.trim())) offsets.push(s.offset);
      else {
        const at = columnOfTableAt(s.text, table, names, quoted);
        if (at !== -1) offsets.push(s.offset + at);
      }
    }
    for (const f of facts.fields) if (wanted.has(f.name)) offsets.push(f.offset);
    return offsets;
  });
}

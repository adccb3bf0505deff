/**
 * Operations of a migration that destroy regulated data: dropping a sensitive column or a table that holds
 * one, truncating or deleting its rows, overwriting a sensitive column (UPDATE, a type change that converts
 * or narrows its values).
 */
import type { Config } from "../config.js";
import type { Migration, Operation } from "../model.js";
import { bareName as bare, computeFacts, nameKey } from "../rules/support/facts.js";
import { isNarrowing } from "../types.js";
import { columnMatches, compileSensitive, tableMatches, type SensitivePattern } from "./patterns.js";
import { append } from "../append.js";

export interface RegulatedHit {
  op: Operation;
  /** "drops", "truncates", "deletes rows of", "overwrites" */
  verb: string;
  /** what is regulated: `users.phone_number`, or `users` with the patterns that cover it */
  objects: string[];
  patterns: string[];
}

/** Columns the migration itself says a table has (the down re-creating a dropped table, columns added earlier). */
function knownColumns(migration: Migration, table: string): string[] {
  const ops = [...migration.up, ...(migration.down.status === "present" ? migration.down.ops : [])];
  const out: string[] = [];
  for (const op of ops) {
    if (op.kind === "create_table" && nameKey(op.table) === nameKey(table)) append(out, op.columns.map((c) => c.name));
    if (op.kind === "add_column" && nameKey(op.table) === nameKey(table)) out.push(op.column.name);
  }
  return [...new Set(out)];
}

/** Regulated columns of a whole table: by the pattern's table, or (for `*.col`) where the column is known to be there. */
function tableObjects(migration: Migration, patterns: SensitivePattern[], table: string): { objects: string[]; patterns: string[] } {
  const objects: string[] = [];
  const used: string[] = [];
  for (const p of patterns) {
    if (p.anyTable) {
      const columns = knownColumns(migration, table).filter((c) => columnMatches(p, table, c));
      if (columns.length === 0) continue;
      append(objects, columns.map((c) => `${bare(table)}.${c}`));
    } else if (tableMatches(p, table)) {
      objects.push(p.column === undefined ? `${bare(table)} (every column)` : p.columnName ? `${bare(table)}.${p.columnName}` : `${bare(table)}.${p.text.split(".").pop()}`);
    } else continue;
    used.push(p.text);
  }
  return { objects: [...new Set(objects)], patterns: [...new Set(used)] };
}

function columnObjects(patterns: SensitivePattern[], table: string, columns: readonly string[]): { objects: string[]; patterns: string[] } {
  const objects: string[] = [];
  const used: string[] = [];
  for (const column of columns) {
    const covering = patterns.filter((p) => columnMatches(p, table, column));
    if (covering.length === 0) continue;
    objects.push(`${bare(table)}.${column}`);
    used.push(...covering.map((p) => p.text));
  }
  return { objects, patterns: [...new Set(used)] };
}

export function regulatedOperations(migration: Migration, config: Pick<Config, "sensitive">): RegulatedHit[] {
  if (config.sensitive.length === 0) return [];
  const patterns = compileSensitive(config.sensitive);
  const facts = computeFacts(migration);
  const hits: RegulatedHit[] = [];
  const add = (op: Operation, verb: string, found: { objects: string[]; patterns: string[] }) => {
    if (found.objects.length) hits.push({ op, verb, ...found });
  };
  migration.up.forEach((op, index) => {
    const existing = (table: string | undefined): table is string => table !== undefined && !facts.isNewTable(table, index);
    switch (op.kind) {
      case "drop_column":
        if (existing(op.table)) add(op, "drops", columnObjects(patterns, op.table, [op.column]));
        return;
      case "drop_table":
        for (const table of op.tables.filter(existing)) add(op, "drops", tableObjects(migration, patterns, table));
        return;
      case "truncate":
        for (const table of op.tables.filter(existing)) add(op, "truncates", tableObjects(migration, patterns, table));
        return;
      case "dml":
        if (!existing(op.table)) return;
        if (op.verb === "delete") add(op, "deletes rows of", tableObjects(migration, patterns, op.table));
        else if (op.verb === "update" || op.verb === "merge") add(op, "overwrites", columnObjects(patterns, op.table, op.columns));
        return;
      case "alter_column_type":
        if (existing(op.table) && (op.using !== undefined || isNarrowing(op.fromType, op.type)))
          add(op, "overwrites", columnObjects(patterns, op.table, [op.column]));
        return;
      default:
        return;
    }
  });
  return hits;
}

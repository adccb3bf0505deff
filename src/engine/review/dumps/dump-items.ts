/**
 * What a schema dump describes, item by item: its tables, their columns, indexes, and every other statement as
 * written (foreign keys, constraints, extensions). Two dumps' items say what a change to the dump adds, removes
 * and changes, which the migrations may already do (dump-catch-up.ts). Names are kept without the `public.`
 * schema, lower-cased, as migrations name them.
 */
export interface DumpItem {
  kind: "table" | "column" | "index" | "other";
  table?: string;
  column?: string;
  /** an index's name, when the dump gives one */
  name?: string;
  /** an index's columns; a foreign key's referencing column */
  columns?: readonly string[];
  /** the item as written (a column's type and options) */
  text: string;
  /**
   * the item as its language reads it, whatever the quoting or option order (schema.rb's calls): compared between the
   * two dumps instead of `text` when both have it, so that a dump written in another style changes nothing
   */
  canonical?: string;
  /** the item's line in its dump */
  line?: number;
  /** a foreign key's referenced table */
  references?: string;
  /** a column: whether the dump makes it NOT NULL (schema.rb's `null: false`, structure.sql's NOT NULL) */
  notNull?: boolean;
  /** a column as written without its NOT NULL: two columns alike in it differ in their nullability alone */
  withoutNull?: string;
}

export const dumpName = (name: string): string => name.replace(/^"?public"?\./i, "").replace(/"/g, "").toLowerCase();

/** The identity of an item: its kind and names (an index's name, else its table and columns; another statement's text). */
function itemKey(item: DumpItem): string {
  if (item.kind === "table") return `table ${item.table}`;
  if (item.kind === "column") return `column ${item.table}.${item.column}`;
  if (item.kind === "index") return item.name ? `index ${item.name}` : `index ${item.table}(${item.columns?.join(",")})`;
  return `other ${item.table ?? ""} ${item.canonical ?? item.text}`;
}

/** Whether two items of one identity say the same: their canonical forms when both have one, else their texts. */
const sameItem = (a: DumpItem, b: DumpItem): boolean => (a.canonical !== undefined && b.canonical !== undefined ? a.canonical === b.canonical : a.text === b.text);

export interface DumpDiff {
  added: DumpItem[];
  removed: DumpItem[];
  /** the same item written otherwise (a column's type or options) */
  changed: Array<{ before: DumpItem; after: DumpItem }>;
}

export function diffItems(before: readonly DumpItem[], after: readonly DumpItem[]): DumpDiff {
  const old = new Map(before.map((i) => [itemKey(i), i]));
  const now = new Map(after.map((i) => [itemKey(i), i]));
  const diff: DumpDiff = { added: [], removed: [], changed: [] };
  for (const [key, item] of now) {
    const was = old.get(key);
    if (!was) diff.added.push(item);
    else if (!sameItem(was, item)) diff.changed.push({ before: was, after: item });
  }
  for (const [key, item] of old) if (!now.has(key)) diff.removed.push(item);
  return diff;
}

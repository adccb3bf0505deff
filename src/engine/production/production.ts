/**
 * Questions rules ask of a production snapshot: is this table there, how big is it, is this column there,
 * is it nullable, how many NULLs and distinct values does it hold. Names are compared as PostgreSQL folds
 * them (`nameKey`: case, quotes and the `public.` schema do not count); a table named without its schema is
 * found in another schema when only one schema has it (a search_path the migration relies on).
 */
import { nameKey } from "../rules/support/facts.js";
import type { ColumnStatistics, ProductionSnapshot, SchemaObject, TableStatistics } from "./snapshot-file.js";

export interface ColumnShape {
  /** format_type's spelling: `character varying(255)`, `bigint` */
  type: string;
  notNull: boolean;
  default?: string;
  /** identity or generated: PostgreSQL fills it */
  generated: boolean;
}

/** A column definition of the snapshot (`character varying(255) not null default ''::character varying`). */
export function columnShape(definition: string): ColumnShape {
  const cut = [" collate ", " not null", " default ", " generated "].map((marker) => definition.indexOf(marker)).filter((i) => i >= 0);
  const typeEnd = cut.length ? Math.min(...cut) : definition.length;
  let rest = definition.slice(typeEnd).trim();
  rest = rest.replace(/^collate \S+\s*/, "");
  const notNull = rest.startsWith("not null");
  if (notNull) rest = rest.slice("not null".length).trim();
  const defaultExpr = rest.startsWith("default ") ? rest.slice("default ".length) : undefined;
  return { type: definition.slice(0, typeEnd), notNull, default: defaultExpr, generated: rest.startsWith("generated ") || / generated (always|by default) as identity$/.test(rest) };
}

export interface ProductionColumn extends ColumnShape {
  name: string;
  statistics?: ColumnStatistics;
}

export interface ProductionTable {
  /** as the snapshot spells it, without `public.` */
  display: string;
  statistics?: TableStatistics;
  columns: Map<string, ProductionColumn>;
}

/** `public.users.email` under parent `public.users` -> `email` (still quoted when it needs quotes). */
const member = (object: SchemaObject): string => (object.parent && object.name.startsWith(`${object.parent}.`) ? object.name.slice(object.parent.length + 1) : object.name);
const bare = (key: string) => key.slice(key.lastIndexOf(".") + 1);
const displayOf = (name: string) => name.replace(/^public\./, "");

export class Production {
  private readonly tables = new Map<string, ProductionTable>();
  /** bare table name -> keys of every schema holding it */
  private readonly byBareName = new Map<string, string[]>();
  private readonly indexes = new Map<string, SchemaObject>();
  private readonly objects = new Set<string>();

  constructor(readonly snapshot: ProductionSnapshot) {
    for (const object of snapshot.schema) {
      const key = nameKey(object.name);
      this.objects.add(`${object.kind} ${key}`);
      if (object.kind === "table" || object.kind === "view" || object.kind === "materialized view" || object.kind === "foreign table") {
        this.tables.set(key, { display: displayOf(object.name), columns: new Map() });
        this.byBareName.set(bare(key), [...(this.byBareName.get(bare(key)) ?? []), key]);
      } else if (object.kind === "index") this.indexes.set(key, object);
    }
    for (const object of snapshot.schema) {
      if (object.kind !== "column" || !object.parent) continue;
      const table = this.tables.get(nameKey(object.parent));
      const name = member(object).replace(/^"|"$/g, "").replace(/""/g, '"');
      table?.columns.set(nameKey(name), { name, ...columnShape(object.definition) });
    }
    for (const statistics of snapshot.tables) {
      const table = this.tables.get(nameKey(statistics.name));
      if (!table) continue;
      table.statistics = statistics;
      for (const column of statistics.columns) {
        const known = table.columns.get(nameKey(column.name));
        if (known) known.statistics = column;
      }
    }
  }

  /** The day it was taken, for messages. */
  get takenOn(): string {
    return this.snapshot.takenAt.slice(0, 10);
  }

  table(name: string): ProductionTable | undefined {
    const key = nameKey(name);
    const exact = this.tables.get(key);
    if (exact) return exact;
    if (key.includes(".")) return undefined;
    const elsewhere = this.byBareName.get(key) ?? [];
    return elsewhere.length === 1 ? this.tables.get(elsewhere[0]) : undefined;
  }

  column(table: string, column: string): ProductionColumn | undefined {
    return this.table(table)?.columns.get(nameKey(column));
  }

  index(name: string): SchemaObject | undefined {
    return this.indexes.get(nameKey(name)) ?? [...this.indexes.entries()].find(([key]) => bare(key) === nameKey(name))?.[1];
  }

  has(kind: string, name: string): boolean {
    return this.objects.has(`${kind} ${nameKey(name)}`);
  }
}

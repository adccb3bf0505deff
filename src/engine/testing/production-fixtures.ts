/**
 * Production snapshots for case tables and unit tests, written as tables with their rows, size and columns
 * (what `migguard snapshot` would have read from such a database).
 */
// types only: case tables load in parallel, and jest's ESM loader trips over modules imported concurrently
import type { ProductionSnapshot, SchemaObject } from "../production/snapshot-file.js";

export interface ColumnFixture {
  /** format_type's spelling; default `text` */
  type?: string;
  notNull?: boolean;
  nullFrac?: number;
  nDistinct?: number;
}

export interface TableFixture {
  rows: number | null;
  /** total size in MB (heap: 60% of it); default a little over one 8 kB page per 100 rows */
  mb?: number;
  columns?: Record<string, ColumnFixture>;
  /** index name -> CREATE INDEX text */
  indexes?: Record<string, string>;
}

const MB = 1024 * 1024;
const q = (name: string) => (/^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`);

export function productionSnapshot(tables: Record<string, TableFixture>, takenAt = "2026-11-27T03:00:00.000Z"): ProductionSnapshot {
  const schema: SchemaObject[] = [{ kind: "schema", name: "public", definition: "" }];
  const statistics: ProductionSnapshot["tables"] = [];
  for (const [table, fixture] of Object.entries(tables)) {
    const qualified = `public.${q(table)}`;
    schema.push({ kind: "table", name: qualified, definition: "privileges" });
    for (const [column, c] of Object.entries(fixture.columns ?? {}))
      schema.push({ kind: "column", name: `${qualified}.${q(column)}`, parent: qualified, definition: `${c.type ?? "text"}${c.notNull ? " not null" : ""}` });
    for (const [index, definition] of Object.entries(fixture.indexes ?? {})) schema.push({ kind: "index", name: `public.${q(index)}`, parent: qualified, definition });
    const totalBytes = Math.round((fixture.mb ?? (Math.ceil((fixture.rows ?? 0) / 100) + 1) * 8192 / MB) * MB);
    const heapBytes = Math.round(totalBytes * 0.6);
    statistics.push({
      name: qualified,
      kind: "table",
      rows: fixture.rows,
      totalBytes,
      heapBytes,
      indexBytes: totalBytes - heapBytes,
      lastAnalyze: fixture.rows === null ? null : takenAt,
      lastAutoanalyze: null,
      lastVacuum: null,
      lastAutovacuum: null,
      statistics: fixture.rows === null ? "not analyzed" : "read",
      columns: Object.entries(fixture.columns ?? {}).flatMap(([name, c]) => (c.nullFrac === undefined && c.nDistinct === undefined ? [] : [{ name, nullFrac: c.nullFrac ?? 0, nDistinct: c.nDistinct ?? -1 }])),
    });
  }
  return { format: "migguard-snapshot/1", takenAt, server: { version: "15.8", versionNum: 150008 }, database: "app", schema, tables: statistics };
}

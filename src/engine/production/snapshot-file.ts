/**
 * The production snapshot file (`migguard snapshot` writes it; `lint`/`review --snapshot`, `drift` and the
 * executor read it). It holds the schema as the catalogs describe it (the model the executor compares
 * schemas with), the server version, and per table the planner's row estimate, sizes and maintenance times,
 * per column the share of NULLs and the number of distinct values from pg_stats. Never a row's value:
 * no most_common_vals, histogram_bounds or anything else that quotes data. Objects are strict, so a file
 * someone added values to is refused rather than carried along.
 */
import { z } from "zod";

/** One object of the schema, as `SNAPSHOT_SQL` (src/execute/snapshot.ts) reads it from the catalogs. */
export const SchemaObject = z
  .object({
    /** table, column, index, constraint, sequence, view, function, enum, ... */
    kind: z.string(),
    /** schema-qualified, quoted as PostgreSQL needs it: `public.users`, `public.users.email` */
    name: z.string(),
    /** the table (or type) it belongs to */
    parent: z.string().optional(),
    /** everything compared about it (a column's type, nullability and default; an index's CREATE INDEX) */
    definition: z.string(),
  })
  .strict();
export type SchemaObject = z.infer<typeof SchemaObject>;

/** pg_stats for one column: no values, only their shape. */
export const ColumnStatistics = z
  .object({
    name: z.string(),
    /** share of rows that are NULL (0..1) */
    nullFrac: z.number().min(0).max(1),
    /** distinct non-NULL values: > 0 a count, < 0 minus the share of rows (-1: every row distinct) */
    nDistinct: z.number(),
  })
  .strict();
export type ColumnStatistics = z.infer<typeof ColumnStatistics>;

const Timestamp = z.string().nullable();

export const TableStatistics = z
  .object({
    /** schema-qualified and quoted like SchemaObject.name */
    name: z.string(),
    /** table, partitioned table or materialized view */
    kind: z.enum(["table", "partitioned table", "materialized view"]),
    /** pg_class.reltuples (summed over partitions); null when never vacuumed or analyzed */
    rows: z.number().nonnegative().nullable(),
    /** pg_total_relation_size: heap, TOAST and indexes */
    totalBytes: z.number().nonnegative(),
    /** the heap alone (pg_relation_size, main fork) */
    heapBytes: z.number().nonnegative(),
    indexBytes: z.number().nonnegative(),
    lastAnalyze: Timestamp,
    lastAutoanalyze: Timestamp,
    lastVacuum: Timestamp,
    lastAutovacuum: Timestamp,
    /** whether pg_stats showed this table's columns to the snapshot's role (it shows them to roles that may SELECT them) */
    statistics: z.enum(["read", "not analyzed", "not visible"]),
    columns: z.array(ColumnStatistics),
  })
  .strict();
export type TableStatistics = z.infer<typeof TableStatistics>;

export const SNAPSHOT_FORMAT = "migguard-snapshot/1";

export const ProductionSnapshot = z
  .object({
    format: z.literal(SNAPSHOT_FORMAT),
    /** when it was taken (ISO 8601) */
    takenAt: z.string(),
    server: z.object({ version: z.string(), versionNum: z.number().int() }).strict(),
    database: z.string(),
    schema: z.array(SchemaObject),
    tables: z.array(TableStatistics),
  })
  .strict();
export type ProductionSnapshot = z.infer<typeof ProductionSnapshot>;

/** Parse a snapshot file's text; the error names the first problem (and its path in the JSON). */
export function parseSnapshot(text: string, source = "snapshot"): ProductionSnapshot {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = ProductionSnapshot.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? ` at ${issue.path.map(String).join(".")}` : "";
    throw new Error(`${source} is not a migguard snapshot (${SNAPSHOT_FORMAT})${where}: ${issue.message}`);
  }
  return parsed.data;
}

/** A snapshot is one JSON document; this is far above any real schema's and keeps a hostile file from filling memory. */
export const MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024;

/**
 * The snapshot a config names, from its text as the edge read it (disk, the base branch), or why it cannot
 * be used: the review then goes on without one, and says so.
 */
export function snapshotFromText(path: string, text: string | undefined): { snapshot?: ProductionSnapshot; problem?: string } {
  if (text === undefined) return { problem: "the production snapshot named by config `snapshot` is not there" };
  if (Buffer.byteLength(text) > MAX_SNAPSHOT_BYTES) return { problem: `the production snapshot is larger than ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MB` };
  try {
    return { snapshot: parseSnapshot(text, path) };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

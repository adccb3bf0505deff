/**
 * `migguard snapshot`: read a production database's schema and the shape of its data from the catalogs and
 * statistics, never from the tables. One connection, read-only (`default_transaction_read_only`), a short
 * `statement_timeout` and `lock_timeout`, each query on its own (no transaction holding anything). Sizes
 * come from pg_class.relpages (as of the last VACUUM, ANALYZE or CREATE INDEX) rather than
 * pg_relation_size, which would lock every table for the length of the query; rows from pg_class.reltuples.
 * From pg_stats only null_frac and n_distinct are selected: most_common_vals, histogram_bounds and the
 * other columns that quote values are never read.
 */
import pg from "pg";
import { ProductionSnapshot, SNAPSHOT_FORMAT, type TableStatistics } from "../engine/production/snapshot-file.js";
import { describeUrl } from "./postgres/postgres-executor.js";
import { SNAPSHOT_SQL, snapshotFromRows, USER_NAMESPACES } from "./snapshot.js";

export interface SnapshotOptions {
  /** longest a single catalog query may run (default 30 s) */
  statementTimeoutMs?: number;
  /** longest a query waits for a lock on a catalog (default 1 s) */
  lockTimeoutMs?: number;
  /** default: now */
  now?: Date;
}

/** Never ANALYZEd or VACUUMed (PostgreSQL 14+ says -1): the row count is unknown, not zero. */
const TABLES_SQL = (partitionTree: boolean) => `
WITH ns AS (${USER_NAMESPACES}),
t AS (
  SELECT c.oid, c.relkind, quote_ident(ns.nspname) || '.' || quote_ident(c.relname) AS name
  FROM pg_class c JOIN ns ON ns.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'm')
),
-- a relation's pages with its TOAST table and indexes, from pg_class alone (no lock on the table)
pages AS (
  SELECT c.oid, c.reltuples, c.relpages AS heap,
    coalesce((SELECT relpages FROM pg_class WHERE oid = c.reltoastrelid), 0) AS toast,
    coalesce((SELECT sum(i.relpages) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = c.oid), 0) AS indexes
  FROM pg_class c WHERE c.relkind IN ('r', 'p', 'm')
),
-- a partitioned table's rows and pages are its partitions'
leaves AS (
  SELECT t.oid AS root, t.oid AS leaf FROM t
  ${partitionTree ? "UNION SELECT t.oid, pt.relid FROM t, pg_partition_tree(t.oid) pt WHERE t.relkind = 'p' AND pt.isleaf" : ""}
)
SELECT t.name, t.relkind::text AS relkind,
  CASE WHEN bool_or(p.reltuples < 0) FILTER (WHERE l.leaf <> t.oid OR t.relkind <> 'p') THEN NULL
       ELSE sum(greatest(p.reltuples, 0)) FILTER (WHERE l.leaf <> t.oid OR t.relkind <> 'p') END AS rows,
  sum(p.heap)::float8 * current_setting('block_size')::int AS heap_bytes,
  sum(p.toast)::float8 * current_setting('block_size')::int AS toast_bytes,
  sum(p.indexes)::float8 * current_setting('block_size')::int AS index_bytes,
  s.last_analyze, s.last_autoanalyze, s.last_vacuum, s.last_autovacuum,
  has_any_column_privilege(t.oid, 'SELECT') AS may_select
FROM t JOIN leaves l ON l.root = t.oid JOIN pages p ON p.oid = l.leaf
LEFT JOIN pg_stat_all_tables s ON s.relid = t.oid
GROUP BY t.oid, t.name, t.relkind, s.last_analyze, s.last_autoanalyze, s.last_vacuum, s.last_autovacuum
`;

/** Only these two columns of pg_stats: the share of NULLs and the number of distinct values. Nothing that quotes a value. */
const COLUMN_STATISTICS_SQL = `
SELECT quote_ident(s.schemaname) || '.' || quote_ident(s.tablename) AS table, s.attname::text AS column, s.inherited, s.null_frac::float8 AS null_frac, s.n_distinct::float8 AS n_distinct
FROM pg_stats s
WHERE s.schemaname NOT IN ('pg_catalog', 'information_schema') AND s.schemaname NOT LIKE 'pg\\_toast%' AND s.schemaname NOT LIKE 'pg\\_temp\\_%'
`;

const KINDS: Record<string, TableStatistics["kind"]> = { r: "table", p: "partitioned table", m: "materialized view" };

const iso = (value: unknown): string | null => (value instanceof Date ? value.toISOString() : value === null || value === undefined ? null : String(value));
const number = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

export async function takeProductionSnapshot(url: string, options: SnapshotOptions = {}): Promise<ProductionSnapshot> {
  const client = new pg.Client({ connectionString: url, application_name: "migguard snapshot", connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`cannot connect to ${describeUrl(url)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  client.on("error", () => undefined); // a dropped connection surfaces as the failing query's error
  try {
    // settings first, on their own: poolers (PgBouncer) refuse them as startup options
    await client.query("SET default_transaction_read_only = on");
    await client.query(`SET statement_timeout = ${Math.max(1, Math.round(options.statementTimeoutMs ?? 30_000))}`);
    await client.query(`SET lock_timeout = ${Math.max(1, Math.round(options.lockTimeoutMs ?? 1_000))}`);
    const server = (await client.query("SELECT current_setting('server_version') AS version, current_setting('server_version_num')::int AS num, current_database() AS database")).rows[0];
    const versionNum = Number(server.num);
    if (versionNum < 110000) throw new Error(`PostgreSQL ${server.version} is older than 11, which migguard snapshot needs`);
    const schema = [...snapshotFromRows((await client.query(SNAPSHOT_SQL)).rows).values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
    const tableRows = (await client.query(TABLES_SQL(versionNum >= 120000))).rows;
    const statsRows = (await client.query(COLUMN_STATISTICS_SQL)).rows;

    const tables: TableStatistics[] = tableRows.map((row) => {
      const kind = KINDS[String(row.relkind)];
      // a partitioned table's own statistics cover its partitions (pg_stats.inherited)
      const columns = statsRows
        .filter((s) => s.table === row.name && Boolean(s.inherited) === (kind === "partitioned table"))
        .map((s) => ({ name: String(s.column), nullFrac: Math.min(1, Math.max(0, number(s.null_frac))), nDistinct: number(s.n_distinct) }))
        .sort((a, b) => a.name.localeCompare(b.name));
      const analyzed = row.last_analyze !== null || row.last_autoanalyze !== null;
      const heapBytes = number(row.heap_bytes);
      const indexBytes = number(row.index_bytes);
      return {
        name: String(row.name),
        kind,
        rows: row.rows === null ? null : Math.round(number(row.rows)),
        totalBytes: heapBytes + number(row.toast_bytes) + indexBytes,
        heapBytes,
        indexBytes,
        lastAnalyze: iso(row.last_analyze),
        lastAutoanalyze: iso(row.last_autoanalyze),
        lastVacuum: iso(row.last_vacuum),
        lastAutovacuum: iso(row.last_autovacuum),
        statistics: columns.length > 0 ? "read" : !analyzed && kind !== "partitioned table" ? "not analyzed" : row.may_select ? "read" : "not visible",
        columns,
      };
    });
    tables.sort((a, b) => a.name.localeCompare(b.name));
    // the file is checked against its own schema before anyone reads it
    return ProductionSnapshot.parse({
      format: SNAPSHOT_FORMAT,
      takenAt: (options.now ?? new Date()).toISOString(),
      server: { version: String(server.version), versionNum },
      database: String(server.database),
      schema,
      tables,
    });
  } finally {
    await client.end().catch(() => undefined);
  }
}

import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{ProductionSnapshot,SNAPSHOT_FORMAT}from"./chunk-PKA625OQ.js";import{SNAPSHOT_SQL,USER_NAMESPACES,snapshotFromRows}from"./chunk-XZY76PC6.js";import{describeUrl}from"./chunk-C2SQCCH2.js";import{CommandFailure,UsageError}from"./chunk-GHHFVP6H.js";import"./chunk-TG2JBWVK.js";import"./chunk-QSCI7FDY.js";import"./chunk-SL54QWOZ.js";import{writeFileSync}from"node:fs";import{resolve}from"node:path";import pg from"pg";var TABLES_SQL=partitionTree=>`
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
  ${partitionTree?"UNION SELECT t.oid, pt.relid FROM t, pg_partition_tree(t.oid) pt WHERE t.relkind = 'p' AND pt.isleaf":""}
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
`,COLUMN_STATISTICS_SQL=`
SELECT quote_ident(s.schemaname) || '.' || quote_ident(s.tablename) AS table, s.attname::text AS column, s.inherited, s.null_frac::float8 AS null_frac, s.n_distinct::float8 AS n_distinct
FROM pg_stats s
WHERE s.schemaname NOT IN ('pg_catalog', 'information_schema') AND s.schemaname NOT LIKE 'pg\\_toast%' AND s.schemaname NOT LIKE 'pg\\_temp\\_%'
`,KINDS={r:"table",p:"partitioned table",m:"materialized view"},iso=value=>value instanceof Date?value.toISOString():value==null?null:String(value),number=value=>value==null?0:Number(value);async function takeProductionSnapshot(url,options={}){let client=new pg.Client({connectionString:url,application_name:"migguard snapshot",connectionTimeoutMillis:1e4});try{await client.connect()}catch(error){throw new Error(`cannot connect to ${describeUrl(url)}: ${error instanceof Error?error.message:String(error)}`)}client.on("error",()=>{});try{await client.query("SET default_transaction_read_only = on"),await client.query(`SET statement_timeout = ${Math.max(1,Math.round(options.statementTimeoutMs??3e4))}`),await client.query(`SET lock_timeout = ${Math.max(1,Math.round(options.lockTimeoutMs??1e3))}`);let server=(await client.query("SELECT current_setting('server_version') AS version, current_setting('server_version_num')::int AS num, current_database() AS database")).rows[0],versionNum=Number(server.num);if(versionNum<11e4)throw new Error(`PostgreSQL ${server.version} is older than 11, which migguard snapshot needs`);let schema=[...snapshotFromRows((await client.query(SNAPSHOT_SQL)).rows).values()].sort((a,b)=>a.kind.localeCompare(b.kind)||a.name.localeCompare(b.name)),tableRows=(await client.query(TABLES_SQL(versionNum>=12e4))).rows,statsRows=(await client.query(COLUMN_STATISTICS_SQL)).rows,tables=tableRows.map(row=>{let kind=KINDS[String(row.relkind)],columns=statsRows.filter(s=>s.table===row.name&&!!s.inherited==(kind==="partitioned table")).map(s=>({name:String(s.column),nullFrac:Math.min(1,Math.max(0,number(s.null_frac))),nDistinct:number(s.n_distinct)})).sort((a,b)=>a.name.localeCompare(b.name)),analyzed=row.last_analyze!==null||row.last_autoanalyze!==null,heapBytes=number(row.heap_bytes),indexBytes=number(row.index_bytes);return{name:String(row.name),kind,rows:row.rows===null?null:Math.round(number(row.rows)),totalBytes:heapBytes+number(row.toast_bytes)+indexBytes,heapBytes,indexBytes,lastAnalyze:iso(row.last_analyze),lastAutoanalyze:iso(row.last_autoanalyze),lastVacuum:iso(row.last_vacuum),lastAutovacuum:iso(row.last_autovacuum),statistics:columns.length>0?"read":!analyzed&&kind!=="partitioned table"?"not analyzed":row.may_select?"read":"not visible",columns}});return tables.sort((a,b)=>a.name.localeCompare(b.name)),ProductionSnapshot.parse({format:SNAPSHOT_FORMAT,takenAt:(options.now??new Date).toISOString(),server:{version:String(server.version),versionNum},database:String(server.database),schema,tables})}finally{await client.end().catch(()=>{})}}async function snapshotCommand(options){let url=options.databaseUrl??(options.env??process.env).MIGGUARD_SNAPSHOT_DATABASE_URL;if(!url)throw new UsageError("snapshot needs --database-url URL (or MIGGUARD_SNAPSHOT_DATABASE_URL): a read-only connection to the production database");if(!options.out)throw new UsageError("snapshot needs --out FILE: where to write the snapshot");let scheme=URL.canParse(url)?new URL(url).protocol.replace(/:$/,""):void 0;if(scheme!=="postgres"&&scheme!=="postgresql")throw new UsageError(`snapshot reads PostgreSQL only (postgres:// or postgresql:// URLs); got ${scheme?`a ${scheme}:// URL`:"something that is not a URL"}`);let snapshot;try{snapshot=await takeProductionSnapshot(url)}catch(error){throw new CommandFailure(`snapshot failed: ${error instanceof Error?error.message:String(error)}`)}writeFileSync(resolve(options.cwd??process.cwd(),options.out),`${JSON.stringify(snapshot,null,2)}
`);let hidden=snapshot.tables.filter(t=>t.statistics==="not visible").map(t=>t.name),unanalyzed=snapshot.tables.filter(t=>t.statistics==="not analyzed").map(t=>t.name),lines=[`migguard: wrote ${options.out}: PostgreSQL ${snapshot.server.version}, database ${snapshot.database}, ${snapshot.tables.length} table(s), ${snapshot.schema.length} schema object(s)`];return hidden.length&&lines.push(`  pg_stats did not show ${hidden.length} table(s) to this role (it shows a column only to roles that may SELECT it): ${hidden.slice(0,10).join(", ")}${hidden.length>10?", ...":""}; NULL and duplicate predictions are off for them`),unanalyzed.length&&lines.push(`  never analyzed, so no row estimate or statistics: ${unanalyzed.slice(0,10).join(", ")}${unanalyzed.length>10?", ...":""}`),{output:`${lines.join(`
`)}
`,exitCode:0}}export{snapshotCommand};

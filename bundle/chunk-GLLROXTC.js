import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{LimitError,QueryError,pgFailureOf}from"./chunk-QSCI7FDY.js";import{randomBytes}from"node:crypto";import pg from"pg";var WATCHDOG_GRACE_MS=1e3,quoteIdent=name=>`"${name.replace(/"/g,'""')}"`;function urlForDatabase(connectionString,database){let url=new URL(connectionString);return url.pathname=`/${encodeURIComponent(database)}`,url.toString()}function describeUrl(connectionString){try{let url=new URL(connectionString);return url.password="",url.toString()}catch{return"DATABASE_URL"}}var PostgresExecutor=class{constructor(connectionString){this.connectionString=connectionString}connectionString;hostAccess=!0;admin;async describe(){let admin=await this.adminClient(),{rows}=await admin.query("SELECT current_setting('server_version') AS v");return`PostgreSQL ${rows[0].v} at ${describeUrl(this.connectionString)}`}async open(limits){let admin=await this.adminClient(),database=`migguard_verify_${process.pid}_${randomBytes(6).toString("hex")}`;await admin.query(`CREATE DATABASE ${quoteIdent(database)} TEMPLATE template0`).catch(error=>{throw new Error(`cannot create a throwaway database on ${describeUrl(this.connectionString)}: ${pgFailureOf(error).message}`)});let client=new pg.Client({connectionString:urlForDatabase(this.connectionString,database),statement_timeout:limits.statementTimeoutMs,application_name:"migguard-verify"});client.on("error",()=>{});try{await client.connect(),await client.query(`SET work_mem = '32MB'; SET maintenance_work_mem = '${Math.max(16,Math.min(limits.memoryMb,1024))}MB'`),await client.query(`SET temp_file_limit = '${limits.memoryMb}MB'`).catch(()=>{})}catch(error){throw await client.end().catch(()=>{}),await this.dropDatabase(database),new Error(`cannot connect to the throwaway database ${database}: ${pgFailureOf(error).message}`)}let{rows}=await client.query("SELECT pg_backend_pid() AS pid"),pid=rows[0].pid,dead;return{query:async(sql,options)=>{if(dead)throw dead;let timeoutMs=options?.timeoutMs??limits.statementTimeoutMs,timer,watchdog=new Promise((_,reject)=>{timer=setTimeout(()=>{dead=new LimitError("statement-timeout",`the statement ran longer than ${timeoutMs} ms and was stopped`),admin.query("SELECT pg_terminate_backend($1)",[pid]).catch(()=>{}),reject(dead)},timeoutMs+WATCHDOG_GRACE_MS)});try{return(await Promise.race([client.query(sql),watchdog])).rows??[]}catch(error){if(error instanceof LimitError)throw error;let failure=pgFailureOf(error);throw failure.code==="57014"?new LimitError("statement-timeout",`the statement ran longer than ${timeoutMs} ms and was stopped`):failure.code==="53100"||failure.code==="53200"?new LimitError("memory",`the statement hit a resource limit: ${failure.message}`):new QueryError(failure)}finally{clearTimeout(timer)}},release:async()=>{dead??=new LimitError("crash","session already released"),await client.end().catch(()=>{}),await this.dropDatabase(database)}}}async close(){let admin=this.admin;this.admin=void 0,admin&&await(await admin.catch(()=>{}))?.end().catch(()=>{})}adminClient(){return this.admin??=(async()=>{let client=new pg.Client({connectionString:this.connectionString,application_name:"migguard-admin",statement_timeout:3e4});client.on("error",()=>{this.admin=void 0});try{await client.connect()}catch(error){throw this.admin=void 0,new Error(`cannot connect to ${describeUrl(this.connectionString)}: ${pgFailureOf(error).message}`)}return client})(),this.admin}async dropDatabase(database){let admin=await this.adminClient();try{await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`)}catch{await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1",[database]).catch(()=>{}),await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)}`).catch(()=>{})}}};var USER_NAMESPACES=`
  SELECT oid, nspname FROM pg_namespace
  WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_toast%' AND nspname NOT LIKE 'pg\\_temp\\_%'`,SNAPSHOT_SQL=`
WITH ns AS (${USER_NAMESPACES}),
ext AS (SELECT classid, objid FROM pg_depend WHERE deptype = 'e'),
rel AS (
  SELECT c.oid, c.relname, c.relkind, c.relpersistence, c.relrowsecurity, c.relacl, quote_ident(ns.nspname) || '.' || quote_ident(c.relname) AS qname
  FROM pg_class c JOIN ns ON ns.oid = c.relnamespace
  WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_class'::regclass AND ext.objid = c.oid)
)
SELECT 'schema' AS kind, quote_ident(ns.nspname) AS name, NULL::text AS parent, '' AS definition FROM ns
  WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_namespace'::regclass AND ext.objid = ns.oid)
UNION ALL
SELECT 'extension', quote_ident(e.extname), NULL, 'version ' || e.extversion || ' in schema ' || e.extnamespace::regnamespace::text
  FROM pg_extension e WHERE e.extname <> 'plpgsql'
UNION ALL
SELECT CASE r.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'f' THEN 'foreign table' ELSE 'table' END, r.qname, NULL,
  CASE WHEN r.relkind IN ('v', 'm') THEN pg_get_viewdef(r.oid)
  ELSE concat_ws(' ', CASE r.relkind WHEN 'p' THEN 'partitioned by ' || pg_get_partkeydef(r.oid) END,
                 (SELECT 'partition of ' || p.qname || ' ' || pg_get_expr(c.relpartbound, c.oid) FROM pg_class c JOIN pg_inherits h ON h.inhrelid = c.oid JOIN rel p ON p.oid = h.inhparent
                   WHERE c.oid = r.oid AND c.relispartition),
                 CASE r.relpersistence WHEN 'u' THEN 'unlogged' END,
                 CASE WHEN r.relrowsecurity THEN 'row level security' END, 'privileges ' || r.relacl::text) END
  FROM rel r WHERE r.relkind IN ('r', 'p', 'v', 'm', 'f')
UNION ALL
SELECT 'sequence', r.qname,
  (SELECT t.qname FROM pg_depend d JOIN rel t ON t.oid = d.refobjid
    WHERE d.classid = 'pg_class'::regclass AND d.objid = r.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') LIMIT 1),
  format_type(s.seqtypid, NULL) || ' start ' || s.seqstart || ' increment ' || s.seqincrement || ' min ' || s.seqmin || ' max ' || s.seqmax
    || CASE WHEN s.seqcycle THEN ' cycle' ELSE '' END
    -- who owns it: an identity column (made by its table) or a serial column (OWNED BY)
    || coalesce((SELECT CASE d.deptype WHEN 'i' THEN ' identity of ' ELSE ' owned by ' END || quote_ident(a.attname)
       FROM pg_depend d JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
       WHERE d.classid = 'pg_class'::regclass AND d.objid = r.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0 LIMIT 1), '')
  FROM rel r JOIN pg_sequence s ON s.seqrelid = r.oid
UNION ALL
SELECT 'column', r.qname || '.' || quote_ident(a.attname), r.qname,
  concat_ws(' ', format_type(a.atttypid, a.atttypmod),
    CASE WHEN a.attcollation <> 0 AND a.attcollation <> ty.typcollation THEN 'collate ' || a.attcollation::regcollation::text END,
    CASE WHEN a.attnotnull THEN 'not null' END,
    CASE WHEN d.adbin IS NOT NULL AND a.attgenerated = 's' THEN 'generated always as (' || pg_get_expr(d.adbin, d.adrelid) || ') stored'
         WHEN d.adbin IS NOT NULL THEN 'default ' || pg_get_expr(d.adbin, d.adrelid) END,
    CASE a.attidentity WHEN 'a' THEN 'generated always as identity' WHEN 'd' THEN 'generated by default as identity' END)
  FROM rel r JOIN pg_attribute a ON a.attrelid = r.oid JOIN pg_type ty ON ty.oid = a.atttypid
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  WHERE r.relkind IN ('r', 'p', 'f') AND a.attnum > 0 AND NOT a.attisdropped
UNION ALL
SELECT 'index', r.qname, t.qname, pg_get_indexdef(i.indexrelid) || CASE WHEN NOT i.indisvalid THEN ' (invalid)' ELSE '' END
  FROM pg_index i JOIN rel r ON r.oid = i.indexrelid JOIN rel t ON t.oid = i.indrelid
UNION ALL
SELECT 'constraint', coalesce(t.qname, quote_ident(tns.nspname) || '.' || quote_ident(ty.typname)) || '.' || quote_ident(c.conname),
  coalesce(t.qname, quote_ident(tns.nspname) || '.' || quote_ident(ty.typname)),
  pg_get_constraintdef(c.oid) || CASE WHEN NOT c.convalidated THEN ' (not validated)' ELSE '' END
  FROM pg_constraint c JOIN ns ON ns.oid = c.connamespace
  LEFT JOIN rel t ON t.oid = c.conrelid
  LEFT JOIN pg_type ty ON ty.oid = c.contypid LEFT JOIN pg_namespace tns ON tns.oid = ty.typnamespace
  WHERE c.contype <> 'n' AND (t.oid IS NOT NULL OR ty.oid IS NOT NULL)
UNION ALL
SELECT CASE t.typtype WHEN 'e' THEN 'enum' WHEN 'd' THEN 'domain' WHEN 'r' THEN 'range type' ELSE 'composite type' END,
  quote_ident(ns.nspname) || '.' || quote_ident(t.typname), NULL,
  CASE t.typtype
    WHEN 'e' THEN (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid)
    WHEN 'd' THEN format_type(t.typbasetype, t.typtypmod) || CASE WHEN t.typnotnull THEN ' not null' ELSE '' END || coalesce(' default ' || t.typdefault, '')
    WHEN 'r' THEN (SELECT format_type(g.rngsubtype, NULL) FROM pg_range g WHERE g.rngtypid = t.oid)
    ELSE (SELECT string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
            FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) END
  FROM pg_type t JOIN ns ON ns.oid = t.typnamespace
  WHERE (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND EXISTS (SELECT 1 FROM pg_class k WHERE k.oid = t.typrelid AND k.relkind = 'c')))
    AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_type'::regclass AND ext.objid = t.oid)
UNION ALL
SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' WHEN 'w' THEN 'window function' ELSE 'function' END,
  quote_ident(ns.nspname) || '.' || quote_ident(p.proname) || '(' || pg_get_function_identity_arguments(p.oid) || ')', NULL,
  CASE WHEN p.prokind = 'a' THEN pg_get_function_result(p.oid) ELSE pg_get_functiondef(p.oid) END
  FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace
  WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_proc'::regclass AND ext.objid = p.oid)
UNION ALL
SELECT 'trigger', r.qname || '.' || quote_ident(g.tgname), r.qname, pg_get_triggerdef(g.oid) || CASE g.tgenabled WHEN 'D' THEN ' (disabled)' ELSE '' END
  FROM pg_trigger g JOIN rel r ON r.oid = g.tgrelid WHERE NOT g.tgisinternal
UNION ALL
SELECT 'policy', r.qname || '.' || quote_ident(o.polname), r.qname,
  concat_ws(' ', o.polcmd::text, CASE WHEN o.polpermissive THEN 'permissive' ELSE 'restrictive' END,
    'using (' || pg_get_expr(o.polqual, o.polrelid) || ')', 'with check (' || pg_get_expr(o.polwithcheck, o.polrelid) || ')')
  FROM pg_policy o JOIN rel r ON r.oid = o.polrelid
UNION ALL
SELECT 'event trigger', quote_ident(v.evtname), NULL, v.evtevent || ' ' || v.evtfoid::regproc::text FROM pg_event_trigger v
`;function snapshotFromRows(rows){let snapshot=new Map;for(let row of rows){let object={kind:String(row.kind),name:String(row.name),parent:row.parent===null||row.parent===void 0?void 0:String(row.parent),definition:String(row.definition??"")};snapshot.set(`${object.kind} ${object.name}`,object)}return snapshot}async function takeSnapshot(session,timeoutMs){return snapshotFromRows(await session.query(SNAPSHOT_SQL,{timeoutMs}))}var RELATIONS_SQL=`
WITH ns AS (${USER_NAMESPACES})
SELECT c.oid::text AS oid, quote_ident(ns.nspname) || '.' || quote_ident(c.relname) AS name, c.relkind::text AS relkind, c.relfilenode::text AS file,
  (SELECT quote_ident(tn.nspname) || '.' || quote_ident(t.relname) FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace tn ON tn.oid = t.relnamespace
    WHERE i.indexrelid = c.oid) AS "table"
FROM pg_class c JOIN ns ON ns.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'i', 'I', 'S', 'v', 'm', 'f')
`,RELKINDS={r:"table",p:"table",f:"table",i:"index",I:"index",S:"sequence",v:"view",m:"materialized view"};async function existingRelations(session,timeoutMs){let rows=await session.query(RELATIONS_SQL,{timeoutMs});return new Map(rows.map(row=>[String(row.oid),{oid:String(row.oid),name:String(row.name),kind:RELKINDS[String(row.relkind)]??"other",table:row.table===null||row.table===void 0?void 0:String(row.table),file:String(row.file)}]))}export{describeUrl,PostgresExecutor,USER_NAMESPACES,SNAPSHOT_SQL,snapshotFromRows,takeSnapshot,existingRelations};

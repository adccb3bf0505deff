import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{PostgresExecutor}from"./chunk-C2SQCCH2.js";import{LimitError,QueryError}from"./chunk-QSCI7FDY.js";import{createRequire}from"node:module";import{dirname,join}from"node:path";import{pathToFileURL}from"node:url";import{Worker}from"node:worker_threads";var Exclusive=class{tail=Promise.resolve();acquire(){let hand,turn=new Promise(resolve=>hand=resolve),ready=this.tail.then(()=>{let released=!1;return()=>{released||(released=!0,hand())}});return this.tail=this.tail.then(()=>turn),ready}};var RESET_SESSION=["ROLLBACK","DISCARD ALL"],RESET_OBJECTS=String.raw`
DO $migguard_reset$
DECLARE r record;
BEGIN
  FOR r IN SELECT evtname FROM pg_event_trigger LOOP
    EXECUTE format('DROP EVENT TRIGGER %I CASCADE', r.evtname);
  END LOOP;
  FOR r IN SELECT pubname FROM pg_publication LOOP
    EXECUTE format('DROP PUBLICATION %I', r.pubname);
  END LOOP;
  FOR r IN SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' LOOP
    EXECUTE format('DROP EXTENSION IF EXISTS %I CASCADE', r.extname);
  END LOOP;
  FOR r IN SELECT nspname FROM pg_namespace
           WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\_toast%' AND nspname NOT LIKE 'pg\_temp\_%' LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', r.nspname);
  END LOOP;
  FOR r IN SELECT fdwname FROM pg_foreign_data_wrapper LOOP
    EXECUTE format('DROP FOREIGN DATA WRAPPER %I CASCADE', r.fdwname);
  END LOOP;
  FOR r IN SELECT format_type(castsource, NULL) AS source, format_type(casttarget, NULL) AS target FROM pg_cast WHERE oid >= 16384 LOOP
    EXECUTE format('DROP CAST IF EXISTS (%s AS %s) CASCADE', r.source, r.target);
  END LOOP;
  FOR r IN SELECT lanname FROM pg_language WHERE oid >= 16384 AND lanname <> 'plpgsql' LOOP
    EXECUTE format('DROP LANGUAGE IF EXISTS %I CASCADE', r.lanname);
  END LOOP;
  FOR r IN SELECT rolname FROM pg_roles WHERE oid >= 16384 AND rolname <> current_user LOOP
    EXECUTE format('DROP OWNED BY %I CASCADE', r.rolname);
    EXECUTE format('DROP ROLE %I', r.rolname);
  END LOOP;
  PERFORM lo_unlink(oid) FROM pg_largeobject_metadata;
  EXECUTE format('ALTER DATABASE %I RESET ALL', current_database());
  EXECUTE format('ALTER ROLE %I RESET ALL', current_user);
END
$migguard_reset$;
CREATE SCHEMA public AUTHORIZATION pg_database_owner;
GRANT USAGE ON SCHEMA public TO PUBLIC;
COMMENT ON SCHEMA public IS 'standard public schema';
`;var MB=1024*1024,MEMORY_POLL_MS=50;function spawnWorker(){if(!import.meta.url.endsWith(".ts"))return new Worker(new URL("./worker.js",import.meta.url));let require2=createRequire(import.meta.url),tsxApi=pathToFileURL(join(dirname(require2.resolve("tsx/package.json")),"dist/esm/api/index.mjs")).href,entry=new URL("./worker.ts",import.meta.url).href;return new Worker(`import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`,{eval:!0})}var PgliteExecutor=class{hostAccess=!1;worker;starting;version="";nextId=1;pending=new Map;turns=new Exclusive;memoryTimer;baselineRss=0;memoryCapBytes=Number.POSITIVE_INFINITY;lastStartMs=0;async describe(){return`PGlite (PostgreSQL ${await this.start()})`}start(){if(this.starting)return this.starting;let began=performance.now(),worker=spawnWorker();return this.worker=worker,this.starting=new Promise((resolve,reject)=>{let onReady=message=>{"ready"in message?(this.version=message.version,this.lastStartMs=performance.now()-began,worker.off("message",onReady),worker.on("message",m=>this.settle(m)),worker.unref(),resolve(message.version)):"fatal"in message&&(worker.off("message",onReady),this.stop(new LimitError("crash",`PGlite failed to start: ${message.fatal}`)),reject(new Error(`PGlite failed to start: ${message.fatal}`)))};worker.on("message",onReady),worker.once("error",error=>{this.stop(new LimitError("crash",`the PGlite worker failed: ${error.message}`)),reject(error)}),worker.once("exit",code=>{this.worker===worker&&(this.stop(new LimitError("crash",`the PGlite worker stopped (exit code ${code})`)),reject(new Error(`the PGlite worker stopped during start-up (exit code ${code})`)))})}),this.starting.catch(()=>{}),this.starting}async open(limits){let handBack=await this.turns.acquire();try{await this.start(),await this.reset()}catch(error){throw handBack(),error}this.memoryCapBytes=limits.memoryMb*MB,this.baselineRss=process.memoryUsage.rss();let released=!1;return{query:(sql,options)=>released?Promise.reject(new Error("session already released")):this.request({sql},Math.ceil(options?.timeoutMs??limits.statementTimeoutMs)),release:async()=>{released=!0,handBack()}}}async close(){let worker=this.worker;this.stop(new Error("executor closed")),worker&&await worker.terminate()}async reset(){try{for(let sql of RESET_SESSION)await this.request({sql},1e4);await this.request({sql:RESET_OBJECTS,multi:!0},1e4)}catch{await this.close(),await this.start()}}request(body,timeoutMs){let worker=this.worker;if(!worker)return Promise.reject(new LimitError("crash","the PGlite worker is not running (stopped by an earlier limit)"));let id=this.nextId++;return new Promise((resolve,reject)=>{let timer=setTimeout(()=>{this.kill(new LimitError("statement-timeout",`the statement ran longer than ${timeoutMs} ms and was stopped`))},timeoutMs);this.pending.set(id,{resolve,reject,timer}),this.watchMemory(),worker.postMessage({...body,id})})}settle(message){if(!("id"in message))return;let waiting=this.pending.get(message.id);waiting&&(this.pending.delete(message.id),clearTimeout(waiting.timer),this.pending.size===0&&this.unwatchMemory(),"error"in message?waiting.reject(new QueryError(message.error)):waiting.resolve(message.rows))}watchMemory(){this.memoryTimer||!Number.isFinite(this.memoryCapBytes)||(this.memoryTimer=setInterval(()=>{let grown=process.memoryUsage.rss()-this.baselineRss;grown>this.memoryCapBytes&&this.kill(new LimitError("memory",`the database grew by ${Math.round(grown/MB)} MB, over the ${Math.round(this.memoryCapBytes/MB)} MB cap, and was stopped`))},MEMORY_POLL_MS),this.memoryTimer.unref())}unwatchMemory(){this.memoryTimer&&clearInterval(this.memoryTimer),this.memoryTimer=void 0}kill(reason){let worker=this.worker;this.stop(reason),worker?.terminate()}stop(reason){this.worker=void 0,this.starting=void 0,this.unwatchMemory();for(let waiting of this.pending.values())clearTimeout(waiting.timer),waiting.reject(reason);this.pending.clear()}};var shared;function databaseUrlFrom(env=process.env){return env.MIGGUARD_DATABASE_URL||env.DATABASE_URL||void 0}function defaultExecutor(env=process.env){if(!shared){let url=databaseUrlFrom(env);shared=url?new PostgresExecutor(url):new PgliteExecutor}return shared}async function warmUp(){return defaultExecutor().describe()}async function closeDefaultExecutor(){let executor=shared;shared=void 0,await executor?.close()}export{PgliteExecutor,databaseUrlFrom,defaultExecutor,warmUp,closeDefaultExecutor};

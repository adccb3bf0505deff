/**
 * The worker thread that owns the PGlite instance. PGlite runs PostgreSQL on the thread that calls it and has
 * no statement_timeout, so a looping statement would freeze its thread: here it freezes only this worker, and
 * the main thread terminates it (see pglite-executor.ts). Messages: `{ id, sql, multi }` in,
 * `{ id, rows }` or `{ id, error }` out.
 */
import { parentPort } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { citext } from "@electric-sql/pglite/contrib/citext";
import { cube } from "@electric-sql/pglite/contrib/cube";
import { earthdistance } from "@electric-sql/pglite/contrib/earthdistance";
import { fuzzystrmatch } from "@electric-sql/pglite/contrib/fuzzystrmatch";
import { hstore } from "@electric-sql/pglite/contrib/hstore";
import { intarray } from "@electric-sql/pglite/contrib/intarray";
import { ltree } from "@electric-sql/pglite/contrib/ltree";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { pgcrypto } from "@electric-sql/pglite/contrib/pgcrypto";
import { tablefunc } from "@electric-sql/pglite/contrib/tablefunc";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { uuid_ossp } from "@electric-sql/pglite/contrib/uuid_ossp";
import { pgFailureOf } from "../executor.js";

export interface WorkerRequest {
  id: number;
  sql: string;
  /** several statements in one simple-protocol message (the reset script), no rows returned */
  multi?: boolean;
}

export type WorkerMessage =
  | { ready: true; version: string }
  | { fatal: string }
  | { id: number; rows: Array<Record<string, unknown>> }
  | { id: number; error: ReturnType<typeof pgFailureOf> };

const port = parentPort;
if (!port) throw new Error("pglite worker must run in a worker thread");

/** The contrib extensions migrations commonly create; PGlite installs them only when given here. */
const extensions = { btree_gin, btree_gist, citext, cube, earthdistance, fuzzystrmatch, hstore, intarray, ltree, pg_trgm, pgcrypto, tablefunc, unaccent, uuid_ossp };

try {
  const db = await PGlite.create({ extensions });
  const version = (await db.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v;
  port.on("message", async (request: WorkerRequest) => {
    try {
      if (request.multi) {
        await db.exec(request.sql);
        port.postMessage({ id: request.id, rows: [] } satisfies WorkerMessage);
      } else {
        const result = await db.query<Record<string, unknown>>(request.sql);
        port.postMessage({ id: request.id, rows: result.rows } satisfies WorkerMessage);
      }
    } catch (error) {
      port.postMessage({ id: request.id, error: pgFailureOf(error) } satisfies WorkerMessage);
    }
  });
  port.postMessage({ ready: true, version } satisfies WorkerMessage);
} catch (error) {
  port.postMessage({ fatal: error instanceof Error ? error.message : String(error) } satisfies WorkerMessage);
}

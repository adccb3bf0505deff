/**
 * Real-server back end (DATABASE_URL, through the `pg` client): every verification runs in a throwaway
 * database created from template0 and dropped afterwards, so nothing of the server's own databases is
 * touched. Limits: statement_timeout on the session plus a client-side watchdog that terminates the backend
 * (a migration may change statement_timeout itself), and work_mem / maintenance_work_mem / temp_file_limit.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { LimitError, pgFailureOf, QueryError, type ExecutionLimits, type Executor, type Row, type Session } from "../executor.js";

/** Extra time a statement gets past its timeout before the watchdog steps in (the server normally stops it first). */
const WATCHDOG_GRACE_MS = 1_000;

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The same server and credentials, another database. */
export function urlForDatabase(connectionString: string, database: string): string {
  const url = new URL(connectionString);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/** Where a URL points, without its password, for messages. */
export function describeUrl(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    url.password = "";
    return url.toString();
  } catch {
    return "DATABASE_URL";
  }
}

export class PostgresExecutor implements Executor {
  readonly hostAccess = true;
  private admin?: Promise<pg.Client>;

  constructor(private readonly connectionString: string) {}

  async describe(): Promise<string> {
    const admin = await this.adminClient();
    const { rows } = await admin.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    return `PostgreSQL ${rows[0].v} at ${describeUrl(this.connectionString)}`;
  }

  async open(limits: ExecutionLimits): Promise<Session> {
    const admin = await this.adminClient();
    const database = `migguard_verify_${process.pid}_${randomBytes(6).toString("hex")}`;
    await admin.query(`CREATE DATABASE ${quoteIdent(database)} TEMPLATE template0`).catch((error: unknown) => {
      throw new Error(`cannot create a throwaway database on ${describeUrl(this.connectionString)}: ${pgFailureOf(error).message}`);
    });
    const client = new pg.Client({ connectionString: urlForDatabase(this.connectionString, database), statement_timeout: limits.statementTimeoutMs, application_name: "migguard-verify" });
    client.on("error", () => undefined); // a terminated backend surfaces on the pending query instead
    try {
      await client.connect();
      await client.query(`SET work_mem = '32MB'; SET maintenance_work_mem = '${Math.max(16, Math.min(limits.memoryMb, 1024))}MB'`);
      // only superusers may lower temp_file_limit; without it, disk use is bounded by the statement timeout
      await client.query(`SET temp_file_limit = '${limits.memoryMb}MB'`).catch(() => undefined);
    } catch (error) {
      await client.end().catch(() => undefined);
      await this.dropDatabase(database);
      throw new Error(`cannot connect to the throwaway database ${database}: ${pgFailureOf(error).message}`);
    }
    const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    const pid = rows[0].pid;
    let dead: LimitError | undefined;

    const query = async (sql: string, options?: { timeoutMs?: number }): Promise<Row[]> => {
      if (dead) throw dead;
      // whole milliseconds: a timeout left of the budget (deadline - now) is fractional, and is printed
      const timeoutMs = Math.ceil(options?.timeoutMs ?? limits.statementTimeoutMs);
      let timer: NodeJS.Timeout | undefined;
      const watchdog = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          dead = new LimitError("statement-timeout", `the statement ran longer than ${timeoutMs} ms and was stopped`);
          void admin.query("SELECT pg_terminate_backend($1)", [pid]).catch(() => undefined);
          reject(dead);
        }, timeoutMs + WATCHDOG_GRACE_MS);
      });
      try {
        const result = await Promise.race([client.query(sql), watchdog]);
        return (result as pg.QueryResult<Row>).rows ?? [];
      } catch (error) {
        if (error instanceof LimitError) throw error;
        const failure = pgFailureOf(error);
        // 57014 query_canceled: the server's statement_timeout
        if (failure.code === "57014") throw new LimitError("statement-timeout", `the statement ran longer than ${timeoutMs} ms and was stopped`);
        if (failure.code === "53100" || failure.code === "53200") throw new LimitError("memory", `the statement hit a resource limit: ${failure.message}`);
        throw new QueryError(failure);
      } finally {
        clearTimeout(timer);
      }
    };

    return {
      query,
      release: async () => {
        dead ??= new LimitError("crash", "session already released");
        await client.end().catch(() => undefined);
        await this.dropDatabase(database);
      },
    };
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    if (admin) await (await admin.catch(() => undefined))?.end().catch(() => undefined);
  }

  private adminClient(): Promise<pg.Client> {
    this.admin ??= (async () => {
      const client = new pg.Client({ connectionString: this.connectionString, application_name: "migguard-admin", statement_timeout: 30_000 });
      client.on("error", () => {
        this.admin = undefined;
      });
      try {
        await client.connect();
      } catch (error) {
        this.admin = undefined;
        throw new Error(`cannot connect to ${describeUrl(this.connectionString)}: ${pgFailureOf(error).message}`);
      }
      return client;
    })();
    return this.admin;
  }

  private async dropDatabase(database: string): Promise<void> {
    const admin = await this.adminClient();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
    } catch {
      // before PostgreSQL 13 there is no FORCE: end the sessions, then drop
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", [database]).catch(() => undefined);
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)}`).catch(() => undefined);
    }
  }
}

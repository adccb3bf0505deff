/**
 * MySQL / MariaDB back end (MIGGUARD_DATABASE_URL=mysql://... or mariadb://..., through the `mysql2` driver):
 * every verification runs in a throwaway database (`CREATE DATABASE migguard_verify_...`, utf8mb4 like MySQL
 * 8's default) that is dropped afterwards, so nothing else on the server is touched. Limits: the server's
 * statement timeout where it has one for every statement (MariaDB's max_statement_time; MySQL's
 * max_execution_time only stops SELECTs), plus a client-side watchdog that kills the connection (a migration
 * may change the setting itself); tmp_table_size / max_heap_table_size for memory. The client never sends a
 * local file (LOAD DATA LOCAL is switched off in the protocol flags, and mysql2 has no file reader unless given one).
 */
import { randomBytes } from "node:crypto";
import type { Connection, ConnectionOptions } from "mysql2/promise";
import type { Database } from "../../engine/model.js";
import { LimitError, QueryError, type ExecutionLimits, type Executor, type PgFailure, type Row, type Session } from "../executor.js";

/** Extra time a statement gets past its timeout before the watchdog steps in (the server normally stops it first). */
const WATCHDOG_GRACE_MS = 1_000;

/** Errors that mean "the statement ran too long": MariaDB's max_statement_time, MySQL's max_execution_time, a KILL QUERY. */
const TIMEOUT_ERRNOS = new Set([1969, 3024, 1317]);
/** Out of memory or temporary space. */
const MEMORY_ERRNOS = new Set([1037, 1038, 1114, 1041]);

export const quoteMysqlIdent = (name: string): string => `\`${name.replace(/`/g, "``")}\``;

/** Which server answers, read from `SELECT VERSION()`: MariaDB says so in its version string. */
export interface MysqlServer {
  database: Extract<Database, "mysql" | "mariadb">;
  /** "10.11.18", "8.0.36" */
  version: string;
}

export function serverFromVersion(version: string): MysqlServer {
  const number = /^\d+(?:\.\d+){0,2}/.exec(version)?.[0] ?? version;
  return { database: /mariadb/i.test(version) ? "mariadb" : "mysql", version: number };
}

export const serverLabel = (server: MysqlServer): string => `${server.database === "mariadb" ? "MariaDB" : "MySQL"} ${server.version}`;

/** What the server said when a statement failed, in the executor's failure shape (errno kept for the MySQL-specific checks). */
export function mysqlFailureOf(error: unknown): PgFailure {
  if (error && typeof error === "object") {
    const e = error as { sqlMessage?: unknown; message?: unknown; sqlState?: unknown; errno?: unknown; code?: unknown };
    const message = typeof e.sqlMessage === "string" && e.sqlMessage ? e.sqlMessage : typeof e.message === "string" ? e.message : String(error);
    return {
      message,
      code: typeof e.sqlState === "string" && e.sqlState ? e.sqlState : typeof e.code === "string" ? e.code : undefined,
      errno: typeof e.errno === "number" ? e.errno : undefined,
    };
  }
  return { message: String(error) };
}

/** mysql2 connection options from a URL: mysql:// or mariadb://, user, password, host, port, database, `?socket=`. */
export function connectionOptions(url: string): ConnectionOptions {
  const parsed = new URL(url.replace(/^mariadb:/i, "mysql:"));
  const socket = parsed.searchParams.get("socket") ?? parsed.searchParams.get("socketPath") ?? undefined;
  return {
    host: parsed.hostname || "localhost",
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username) || "root",
    password: decodeURIComponent(parsed.password) || undefined,
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || undefined,
    ...(socket ? { socketPath: socket } : {}),
    multipleStatements: false,
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    connectTimeout: 10_000,
    // never answer a server's request for a local file (LOAD DATA LOCAL INFILE)
    flags: ["-LOCAL_FILES"],
  };
}

/** Where a URL points, without its password, for messages. */
export function describeMysqlUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = "";
    return parsed.toString();
  } catch {
    return "MIGGUARD_DATABASE_URL";
  }
}

export const isMysqlUrl = (url: string): boolean => /^(mysql|mariadb)(\+[a-z0-9]+)?:\/\//i.test(url.trim());

type Mysql2 = typeof import("mysql2/promise");
let driver: Promise<Mysql2> | undefined;
/** The driver loads only when a MySQL server is used. */
const mysql2 = (): Promise<Mysql2> => (driver ??= import("mysql2/promise").then((m) => ((m as { default?: Mysql2 }).default ?? m) as Mysql2));

export class MysqlExecutor implements Executor {
  readonly family = "mysql" as const;
  readonly hostAccess = true;
  private admin?: Promise<Connection>;
  private serverInfo?: MysqlServer;

  constructor(private readonly url: string) {}

  async describe(): Promise<string> {
    return `${serverLabel(await this.server())} at ${describeMysqlUrl(this.url)}`;
  }

  /** The server's flavour and version. */
  async server(): Promise<MysqlServer> {
    if (this.serverInfo) return this.serverInfo;
    const admin = await this.adminConnection();
    const [rows] = await admin.query("SELECT VERSION() AS v");
    this.serverInfo = serverFromVersion(String((rows as Row[])[0]?.v ?? ""));
    return this.serverInfo;
  }

  async open(limits: ExecutionLimits): Promise<Session> {
    const server = await this.server();
    const admin = await this.adminConnection();
    const database = `migguard_verify_${process.pid}_${randomBytes(6).toString("hex")}`;
    await admin.query(`CREATE DATABASE ${quoteMysqlIdent(database)} CHARACTER SET utf8mb4`).catch((error: unknown) => {
      throw new Error(`cannot create a throwaway database on ${describeMysqlUrl(this.url)}: ${mysqlFailureOf(error).message}`);
    });
    const { createConnection } = await mysql2();
    let connection: Connection;
    try {
      connection = await createConnection({ ...connectionOptions(this.url), database });
    } catch (error) {
      await this.dropDatabase(database);
      throw new Error(`cannot connect to the throwaway database ${database}: ${mysqlFailureOf(error).message}`);
    }
    connection.on("error", () => undefined); // a killed connection surfaces on the pending query instead
    const sessionLimits = async () => {
      const heap = Math.max(16, Math.min(limits.memoryMb, 256));
      await connection.query(`SET SESSION tmp_table_size = ${heap * 1024 * 1024}, max_heap_table_size = ${heap * 1024 * 1024}`);
      // MariaDB stops any statement after max_statement_time (seconds); MySQL's max_execution_time stops only SELECTs
      if (server.database === "mariadb") await connection.query(`SET SESSION max_statement_time = ${(limits.statementTimeoutMs / 1000).toFixed(3)}`);
      else await connection.query(`SET SESSION max_execution_time = ${limits.statementTimeoutMs}`);
    };
    try {
      await sessionLimits();
    } catch (error) {
      await connection.end().catch(() => undefined);
      await this.dropDatabase(database);
      throw new Error(`cannot set the session's limits: ${mysqlFailureOf(error).message}`);
    }
    const threadId = connection.threadId;
    let dead: LimitError | undefined;

    const query = async (sql: string, options?: { timeoutMs?: number }): Promise<Row[]> => {
      if (dead) throw dead;
      const timeoutMs = options?.timeoutMs ?? limits.statementTimeoutMs;
      let timer: NodeJS.Timeout | undefined;
      const watchdog = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          dead = new LimitError("statement-timeout", `the statement ran longer than ${timeoutMs} ms and was stopped`);
          void admin.query(`KILL ${Number(threadId)}`).catch(() => undefined);
          reject(dead);
        }, timeoutMs + WATCHDOG_GRACE_MS);
      });
      try {
        const [rows] = await Promise.race([connection.query(sql), watchdog]);
        return Array.isArray(rows) ? (rows as Row[]) : [];
      } catch (error) {
        if (error instanceof LimitError) throw error;
        const failure = mysqlFailureOf(error);
        if (failure.errno !== undefined && TIMEOUT_ERRNOS.has(failure.errno)) throw new LimitError("statement-timeout", `the statement ran longer than ${timeoutMs} ms and was stopped`);
        if (failure.errno !== undefined && MEMORY_ERRNOS.has(failure.errno)) throw new LimitError("memory", `the statement hit a resource limit: ${failure.message}`);
        if (failure.errno === undefined) {
          // the connection itself broke: nothing more can run on it
          dead = new LimitError("crash", `the connection to the server broke: ${failure.message}`);
          throw dead;
        }
        throw new QueryError(failure);
      } finally {
        clearTimeout(timer);
      }
    };

    return {
      query,
      // a deploy runs the next migration in a fresh session: COM_RESET_CONNECTION drops session variables, temporary tables, user locks
      resetSession: async () => {
        if (dead) throw dead;
        await connection.reset();
        await sessionLimits();
      },
      release: async () => {
        dead ??= new LimitError("crash", "session already released");
        await connection.end().catch(() => connection.destroy());
        await this.dropDatabase(database);
      },
    };
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    if (admin) await (await admin.catch(() => undefined))?.end().catch(() => undefined);
  }

  private adminConnection(): Promise<Connection> {
    this.admin ??= (async () => {
      const { createConnection } = await mysql2();
      try {
        const connection = await createConnection(connectionOptions(this.url));
        connection.on("error", () => {
          this.admin = undefined;
        });
        return connection;
      } catch (error) {
        this.admin = undefined;
        throw new Error(`cannot connect to ${describeMysqlUrl(this.url)}: ${mysqlFailureOf(error).message}`);
      }
    })();
    return this.admin;
  }

  private async dropDatabase(database: string): Promise<void> {
    const admin = await this.adminConnection();
    await admin.query(`DROP DATABASE IF EXISTS ${quoteMysqlIdent(database)}`).catch(() => undefined);
  }
}

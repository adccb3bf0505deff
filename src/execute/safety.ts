/**
 * Statements a pull request's SQL may not run, decided from PostgreSQL's own parse tree before anything runs:
 * reading or writing server files, running programs, reaching the network, or changing what lies outside the
 * throwaway database. SQL functions and PL/pgSQL bodies (DO blocks, CREATE FUNCTION) are parsed too, including
 * a constant string given to EXECUTE; SQL built at run time cannot be seen, which is why a DATABASE_URL should
 * name a role without superuser or the pg_*_server_files / pg_execute_server_program roles (see README).
 */
import { pgParse, pgParsePlPgSql } from "../engine/adapters/sql/pg-query.js";
import type { PgNode } from "../engine/adapters/sql/pg-parser.js";

/** Functions that touch server files, other sessions or the network. */
const DENIED_FUNCTIONS = new Set([
  "pg_read_file",
  "pg_read_binary_file",
  "pg_ls_dir",
  "pg_stat_file",
  "pg_ls_logdir",
  "pg_ls_waldir",
  "pg_ls_tmpdir",
  "pg_ls_archive_statusdir",
  "pg_ls_logicalsnapdir",
  "pg_ls_logicalmapdir",
  "pg_ls_replslotdir",
  "lo_import",
  "lo_export",
  "pg_file_write",
  "pg_file_rename",
  "pg_file_unlink",
  "pg_file_sync",
  "pg_logdir_ls",
  "pg_reload_conf",
  "pg_rotate_logfile",
  "pg_promote",
  "pg_terminate_backend",
  "pg_cancel_backend",
  "pg_signal_backend",
  "pg_switch_wal",
  "pg_create_restore_point",
]);

/** Extensions and languages that reach files, programs or the network. */
const DENIED_EXTENSIONS = new Set(["dblink", "postgres_fdw", "file_fdw", "adminpack", "plpython3u", "plpythonu", "plperlu", "pltclu", "plsh", "pg_cron", "http", "pgsql_http"]);
const UNTRUSTED_LANGUAGES = new Set(["c", "internal", "plpython3u", "plpythonu", "plperlu", "pltclu", "plsh", "plr"]);

/** Statements acting outside one database, refused everywhere (PGlite's reset could not undo them either). */
const OUTSIDE_THE_DATABASE: Record<string, string> = {
  CreatedbStmt: "creates a database",
  DropdbStmt: "drops a database",
  AlterDatabaseStmt: "alters a database",
  AlterSystemStmt: "changes the server configuration (ALTER SYSTEM)",
  CreateTableSpaceStmt: "creates a tablespace (a server directory)",
  DropTableSpaceStmt: "drops a tablespace",
  AlterTableSpaceOptionsStmt: "alters a tablespace",
  LoadStmt: "loads a shared library (LOAD)",
  CreateSubscriptionStmt: "subscribes to another server (network access)",
  AlterSubscriptionStmt: "alters a subscription (network access)",
};

/** Refused only on a real server, where they would act on the whole cluster or its host. */
const SERVER_ONLY: Record<string, string> = {
  CreateRoleStmt: "creates a role (roles are shared by the whole server)",
  AlterRoleStmt: "alters a role (roles are shared by the whole server)",
  AlterRoleSetStmt: "alters a role's settings (roles are shared by the whole server)",
  DropRoleStmt: "drops a role (roles are shared by the whole server)",
  GrantRoleStmt: "grants role membership (roles are shared by the whole server)",
  ReassignOwnedStmt: "reassigns objects between roles",
  CreatePLangStmt: "creates a procedural language",
  CreateFdwStmt: "creates a foreign-data wrapper (file or network access)",
  AlterFdwStmt: "alters a foreign-data wrapper",
  CreateForeignServerStmt: "creates a foreign server (network access)",
  AlterForeignServerStmt: "alters a foreign server (network access)",
  CreateUserMappingStmt: "creates a user mapping (credentials for another server)",
  ImportForeignSchemaStmt: "imports a foreign schema (network access)",
  AlterDatabaseSetStmt: "changes a database's settings",
  AlterDatabaseRefreshCollStmt: "alters a database",
};

const str = (node: PgNode | undefined): string | undefined => node?.String?.sval ?? node?.sval;
const lastName = (list: PgNode[] | undefined): string => String(str(list?.[list.length - 1]) ?? "").toLowerCase();
const option = (options: PgNode[] | undefined, name: string): PgNode | undefined => options?.find((o) => o?.DefElem?.defname === name)?.DefElem?.arg;

const MAX_DEPTH = 4;

function parseOrUndefined(sql: string): PgNode[] | undefined {
  try {
    return ((pgParse(sql) as { stmts?: Array<{ stmt?: PgNode }> }).stmts ?? []).flatMap((s) => (s.stmt ? [s.stmt] : []));
  } catch {
    return undefined;
  }
}

/** SQL inside a PL/pgSQL body: every expression and statement, and constant strings given to EXECUTE. */
function plpgsqlRefusal(sql: string, hostAccess: boolean, depth: number): string | undefined {
  let tree: unknown;
  try {
    tree = pgParsePlPgSql(sql);
  } catch {
    return undefined; // not PL/pgSQL the parser knows: PostgreSQL will judge it when it runs
  }
  let found: string | undefined;
  const visit = (node: unknown, dynamic: boolean): void => {
    if (found || !node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach((n) => visit(n, dynamic));
    const record = node as PgNode;
    if (record.PLpgSQL_stmt_dynexecute) return visit(record.PLpgSQL_stmt_dynexecute, true);
    const query = record.PLpgSQL_expr?.query;
    if (typeof query === "string") {
      const statements = parseOrUndefined(query) ?? parseOrUndefined(`SELECT ${query}`) ?? [];
      for (const statement of statements) {
        found ??= nodeRefusal(statement, hostAccess, depth + 1);
        // EXECUTE 'COPY ... PROGRAM ...': the constant string is itself SQL
        const constant = dynamic ? statement.SelectStmt?.targetList?.[0]?.ResTarget?.val?.A_Const?.sval?.sval : undefined;
        if (typeof constant === "string") for (const inner of parseOrUndefined(constant) ?? []) found ??= nodeRefusal(inner, hostAccess, depth + 1);
      }
      return;
    }
    for (const value of Object.values(record)) visit(value, dynamic);
  };
  visit(tree, false);
  return found;
}

/** Why a statement may not run (undefined: it may). `hostAccess`: a real server, where files and roles are real. */
export function nodeRefusal(stmt: PgNode, hostAccess: boolean, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const type = Object.keys(stmt)[0];
  const s = stmt[type] ?? {};
  if (type === "CopyStmt") {
    if (s.is_program) return "COPY ... PROGRAM runs a program on the database server";
    if (s.filename) return `COPY ${s.is_from ? "FROM" : "TO"} a server file reads or writes the database server's file system`;
    return `COPY ${s.is_from ? "FROM STDIN needs the data the migration runner streams" : "TO STDOUT streams data to the runner"}`;
  }
  if (OUTSIDE_THE_DATABASE[type]) return `the statement ${OUTSIDE_THE_DATABASE[type]}`;
  if (hostAccess && SERVER_ONLY[type]) return `the statement ${SERVER_ONLY[type]}`;
  if (type === "CreateExtensionStmt" && hostAccess && DENIED_EXTENSIONS.has(String(s.extname).toLowerCase()))
    return `extension ${s.extname} gives file, program or network access`;
  if (type === "CreateFunctionStmt" || type === "DoStmt") {
    const optionsKey = type === "DoStmt" ? "args" : "options";
    const language = String(str(option(s[optionsKey], "language")) ?? (type === "DoStmt" ? "plpgsql" : "sql")).toLowerCase();
    if (hostAccess && UNTRUSTED_LANGUAGES.has(language)) return `a function in language ${language} can reach the server's files and programs`;
    const body = option(s[optionsKey], "as");
    const bodies: string[] = (body?.List?.items ?? [body]).map(str).filter((b: unknown): b is string => typeof b === "string");
    if (language === "plpgsql") {
      const source = type === "DoStmt" ? `DO $migguard$${bodies[0] ?? ""}$migguard$` : undefined;
      // parsePlPgSQLSync wants the whole CREATE FUNCTION / DO statement
      const refusal = source ? plpgsqlRefusal(source, hostAccess, depth) : plpgsqlRefusal(`CREATE FUNCTION migguard_check() RETURNS void AS $migguard$${bodies[0] ?? ""}$migguard$ LANGUAGE plpgsql`, hostAccess, depth);
      if (refusal) return refusal;
    } else if (language === "sql") {
      for (const text of bodies) for (const inner of parseOrUndefined(text) ?? []) {
        const refusal = nodeRefusal(inner, hostAccess, depth + 1);
        if (refusal) return refusal;
      }
    }
    if (type === "CreateFunctionStmt" && s.sql_body) {
      const refusal = callRefusal(s.sql_body);
      if (refusal) return refusal;
    }
    return callRefusal(s.parameters);
  }
  return callRefusal(s);
}

/** A call to a denied function anywhere in the tree. */
function callRefusal(tree: unknown): string | undefined {
  let found: string | undefined;
  const visit = (node: unknown): void => {
    if (found || !node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(visit);
    const record = node as PgNode;
    if (record.FuncCall) {
      const name = lastName(record.FuncCall.funcname);
      if (DENIED_FUNCTIONS.has(name) || name.startsWith("dblink")) {
        found = `${name}() reaches the server's files, other sessions or the network`;
        return;
      }
    }
    for (const value of Object.values(record)) visit(value);
  };
  visit(tree);
  return found;
}

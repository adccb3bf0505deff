/**
 * MySQL / MariaDB failures read the way failure-kind.ts reads PostgreSQL's: is it the migration's fault, or
 * the test server's? Missing privileges, storage engines, character sets, collations or plugins, server
 * options (secure_file_priv, binary logging), and an object no migration of the folder creates are the
 * server's lack: an info note, never a finding. A syntax error of a statement MySQL's grammar reads, on a
 * server of the other flavour (MySQL 8 syntax on MariaDB, or the reverse), is the server's lack too.
 */
import type { Framework } from "../../engine/model.js";
import type { PgFailure } from "../executor.js";
import type { FolderObjects } from "../folder-objects.js";
import type { StatementFailure } from "../run-script.js";
import { RUNNER_TABLE_NAMES } from "../runner-tables.js";

/** Errors about what the server has or allows, not about the migration. */
const ENVIRONMENT_ERRNOS = new Set([
  1044, // access denied to a database
  1045, // access denied for the user
  1142, // a command denied on a table
  1143, // a command denied on a column
  1227, // a privilege (SUPER, SYSTEM_VARIABLES_ADMIN) needed
  1370, // a command denied on a routine
  1419, // binary logging on and no SUPER to create a routine
  1286, // unknown storage engine
  1115, // unknown character set
  1273, // unknown collation
  1524, // plugin not loaded
  1126, // cannot open a shared library
  1289, // a feature disabled on this server
  1235, // "this version doesn't yet support"
  1148, // a command not allowed with this server's options
  1290, // a server option (--secure-file-priv, --read-only) prevents it
  3750, // sql_require_primary_key
]);

/** The object a "does not exist" error names (the table, for a missing column of a named table). */
export function mysqlMissingObject(failure: PgFailure | undefined): string | undefined {
  const message = failure?.message ?? "";
  switch (failure?.errno) {
    case 1146:
      return /^Table '(?:[^'.]+\.)?([^']+)' doesn't exist/.exec(message)?.[1];
    case 1305:
      return /^(?:FUNCTION|PROCEDURE) (?:\S+\.)?(\S+) does not exist/.exec(message)?.[1];
    case 1054: {
      const where = /^Unknown column '[^']+' in '([^']+)'/.exec(message)?.[1];
      return where && !/ (list|clause|statement)$/.test(where) ? where : undefined;
    }
    default:
      return undefined;
  }
}

export function mysqlEnvironmentReason(failure: StatementFailure, framework: Framework, options: { folder?: FolderObjects; otherFlavour?: string }): string | undefined {
  if (failure.kind === "limit" || failure.kind === "budget") return failure.message;
  const errno = failure.failure?.errno;
  if (errno !== undefined && ENVIRONMENT_ERRNOS.has(errno)) return `the test server lacks what it needs: ${failure.message}`;
  if (errno === 1064 && options.otherFlavour) return `${options.otherFlavour} does not read this statement: ${failure.message}`;
  const missing = mysqlMissingObject(failure.failure);
  if (errno === 1146 && missing && RUNNER_TABLE_NAMES.has(missing)) return `it uses the history table of another migration runner (${missing}): ${failure.message}`;
  if (options.folder && missing && !options.folder.creates(missing) && !options.folder.nearMiss(missing))
    return `it refers to ${missing}, which no migration of its folder creates (made outside the migrations?): ${failure.message}`;
  if (framework !== "sql" && (errno === 1146 || errno === 1054 || errno === 1305 || errno === 1091))
    return `it refers to an object the framework's other migrations create, which migguard does not run: ${failure.message}`;
  return undefined;
}

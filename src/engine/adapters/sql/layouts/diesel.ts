/**
 * diesel (Rust): a folder per migration, `<version>_<name>/up.sql` + `down.sql`. diesel runs each migration's SQL
 * with batch_execute, one query, inside a transaction of its own, unless the folder's metadata.toml says
 * `run_in_transaction = false`: then the file is sent as one query with no BEGIN, which PostgreSQL runs as one
 * implicit transaction once it holds two statements (CONCURRENTLY then runs only alone in its up.sql).
 */
import { parse as parseToml } from "smol-toml";
import type { SqlLayoutInput, SqlSections, TransactionMode } from "./sections.js";

/** A diesel migration folder's metadata.toml, beside its up.sql. */
export const isDieselMetadataPath = (path: string): boolean => /(?:^|\/)metadata\.toml$/.test(path);

/**
 * Whether a metadata.toml turns diesel's transaction off (`run_in_transaction = false`); undefined when it cannot be
 * read (the migration is then read as diesel's default, in a transaction).
 */
export function dieselRunsOutsideTransaction(content: string): boolean | undefined {
  try {
    return parseToml(content).run_in_transaction === false;
  } catch {
    return undefined;
  }
}

export function splitDiesel(input: SqlLayoutInput): SqlSections {
  const transaction: TransactionMode = input.noRunnerTransaction ? "implicit" : "wrapped";
  return {
    up: [{ text: input.content, transaction }],
    down: input.downFile ? { kind: "sql", segments: [{ text: input.downFile.content, transaction }], path: input.downFile.path } : { kind: "missing", reason: "no down.sql beside the up.sql" },
    notes: [],
  };
}

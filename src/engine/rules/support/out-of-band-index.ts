/**
 * A runner that runs every version in a transaction and has no way out of it (rivermigrate) cannot run CREATE
 * INDEX CONCURRENTLY at all. The one non-blocking route is River's own: build the index CONCURRENTLY by hand,
 * outside any transaction, before migrating, and keep the migration's statement with IF NOT EXISTS so that it
 * finds the index built and takes no lock. Both statements are the migration's own, as written (schema markers,
 * expressions, WHERE), with only the words after INDEX changed.
 */
import { ident } from "./fix.js";
import { DRIZZLE_RUNNER } from "../../adapters/sql/layouts/drizzle.js";

/** How the runner keeps its migrations in a transaction: drizzle-orm's migrator runs all pending ones in one. */
export const runsEveryVersion = (runner: string): string =>
  runner === DRIZZLE_RUNNER ? "runs all pending migrations in one transaction" : "runs every version in a transaction";
import { indexHead, parseOne } from "./sql-text.js";

/**
 * The CREATE INDEX `sql` with the words between INDEX and ON set: CONCURRENTLY or not, always IF NOT EXISTS and a
 * name (IF NOT EXISTS needs one; `name` is used when the statement has none). Undefined when `sql` is not one
 * CREATE INDEX.
 */
export function indexWith(sql: string, name: string, concurrently: boolean): string | undefined {
  const index = indexHead(sql);
  if (index?.on === undefined || index.on <= index.at) return undefined;
  const { bytes, tokens, at, on } = index;
  // the statement's own name as written (quoted, schema-qualified), when it has one
  const ownName = index.name < on ? bytes.subarray(tokens[index.name].start, tokens[on - 1].end).toString() : undefined;
  const head = bytes.subarray(0, tokens[at].end).toString();
  const rest = bytes.subarray(tokens[on].start).toString();
  return `${head}${concurrently ? " CONCURRENTLY" : ""} IF NOT EXISTS ${ownName ?? ident(name)} ${rest};`;
}

/** The lines of a SQL fix that builds the index by hand before a runner that cannot leave its transaction. */
/** `templated`: the migration names its objects through the runner's `/* TEMPLATE: schema *\/` markers. */
export function outOfBandIndexFix(sql: string, name: string, runner: string, templated: boolean): string | undefined {
  const byHand = indexWith(sql, name, true);
  const inMigration = indexWith(sql, name, false);
  if (!byHand || !inMigration) return undefined;
  return [
    `-- ${runner} ${runsEveryVersion(runner)} and has no way to leave it, so CONCURRENTLY cannot run in`,
    `-- this migration. Before migrating, build the index by hand in a separate step outside any transaction`,
    `-- (psql in autocommit)${templated ? `, with the schema ${runner} puts in place of /* TEMPLATE: schema */` : ""}:`,
    ...byHand.split("\n").map((l) => `--   ${l}`),
    `-- If that build fails it leaves an INVALID index, which IF NOT EXISTS would keep: drop it, then build again:`,
    `--   DROP INDEX CONCURRENTLY IF EXISTS ${ident(name)};`,
    `-- The migration keeps the statement with IF NOT EXISTS: it finds the index built and takes no lock.`,
    inMigration,
  ].join("\n");
}

/** The name a CREATE INDEX gives its index, read from its parse tree; undefined for one that gives none. */
export const createdIndexName = (sql: string): string | undefined => (parseOne(sql) as { IndexStmt?: { idxname?: string } } | undefined)?.IndexStmt?.idxname || undefined;

/** outOfBandIndexFix of a CREATE INDEX that names its index; undefined for one that does not. */
export function outOfBandNamedIndexFix(sql: string, runner: string): string | undefined {
  const name = createdIndexName(sql);
  return name ? outOfBandIndexFix(sql, name, runner, false) : undefined;
}

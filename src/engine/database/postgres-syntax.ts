/**
 * Which PostgreSQL syntax a server version accepts: a fix has to run on the repository's PostgreSQL (the config's
 * `postgres_version`, else the version its files name: database/postgres-version.ts, else the default), so the fix
 * builders ask here instead of comparing version numbers of their own. Each entry is the first major version that
 * has the syntax; before it the fix writes the older form, or leaves the step out where there is none.
 */

/** What the rules assume when neither the config nor the repository names a version. */
export const DEFAULT_POSTGRES_VERSION = 15;

const SINCE = {
  /** GENERATED ... AS IDENTITY, pg_attribute.attidentity, ALTER SEQUENCE ... AS <type> (before 10 every sequence is bigint) */
  identityColumns: 10,
  /** CREATE TRIGGER ... EXECUTE FUNCTION (EXECUTE PROCEDURE before, and still accepted after) */
  executeFunction: 11,
  /** ALTER TABLE ... ADD COLUMN ... DEFAULT <constant> in the catalog alone (pg_attribute.atthasmissing); before, every existing row is written */
  fastColumnDefaults: 11,
  /** COMMIT inside a DO block (transaction control in PL/pgSQL) */
  commitInDoBlock: 11,
  /** CREATE INDEX ... INCLUDE (...) */
  coveringIndexes: 11,
  /** REINDEX ... CONCURRENTLY */
  reindexConcurrently: 12,
  /** GENERATED ALWAYS AS (...) STORED */
  generatedColumns: 12,
  /** ALTER TYPE ... ADD VALUE inside a transaction block */
  addEnumValueInTransaction: 12,
  /** ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY */
  detachPartitionConcurrently: 14,
  /** UNIQUE ... NULLS [NOT] DISTINCT */
  nullsNotDistinct: 15,
  /** gen_random_uuid() without an extension (pgcrypto's before) */
  genRandomUuid: 13,
  /** pg_input_is_valid(text, type) */
  inputIsValid: 16,
  /** GENERATED ALWAYS AS (...) VIRTUAL */
  virtualGeneratedColumns: 18,
} as const;

export type PostgresSyntax = keyof typeof SINCE;

/** PostgreSQL `version` (a major version: 9 stands for every 9.x) accepts `syntax`. */
export const hasSyntax = (version: number, syntax: PostgresSyntax): boolean => version >= SINCE[syntax];

/** The first major version with `syntax`, for messages ("PostgreSQL 12+"). */
export const syntaxSince = (syntax: PostgresSyntax): number => SINCE[syntax];

/** How a trigger names its function: EXECUTE FUNCTION from PostgreSQL 11, EXECUTE PROCEDURE before. */
export const triggerExecutes = (version: number): string => (hasSyntax(version, "executeFunction") ? "EXECUTE FUNCTION" : "EXECUTE PROCEDURE");

/**
 * The major version of a version string ("9.6.24" and "9.5" are 9, "13.4" and "16" their first number): what
 * `postgres_version` counts in. Undefined for a string that starts with no number.
 */
export function postgresMajor(version: string | undefined): number | undefined {
  const match = /^(\d+)/.exec(version?.trim() ?? "");
  if (!match) return undefined;
  const major = Number(match[1]);
  return major >= 7 && major <= 99 ? major : undefined;
}

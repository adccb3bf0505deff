/**
 * The `postgres-migrations` npm package (ThomWright/postgres-migrations) runs plain `NNNN-name.sql` files, each in a
 * transaction of its own unless the file holds the comment `-- postgres-migrations disable-transaction`. A file
 * with `-- postgres-migrations ignore` is one the project's runner skips (supabase/storage's replaces it with
 * `SELECT 1`): it never runs, so it is not analysed, and a note says so. The markers are read as comments by
 * PostgreSQL's scanner, so the words inside a string do not count.
 */
import { findMarkers } from "./markers.js";
import type { SqlLayoutInput, SqlSections } from "./sections.js";

export const POSTGRES_MIGRATIONS_PACKAGE = "postgres-migrations";
export const POSTGRES_MIGRATIONS_DISABLE_TRANSACTION = "-- postgres-migrations disable-transaction";
export const POSTGRES_MIGRATIONS_IGNORE = "-- postgres-migrations ignore";

const markerBody = (marker: string) => marker.replace(/^--\s*/, "");
const hasMarker = (content: string, marker: string): boolean => findMarkers(content, (body) => body === markerBody(marker)).length > 0;

/** The file says `-- postgres-migrations ignore`: the runner does not run it. */
export const ignoredByPostgresMigrations = (content: string): boolean => hasMarker(content, POSTGRES_MIGRATIONS_IGNORE);

/** A plain-SQL file the package runs: the whole file is the up, in a transaction unless the file disables it; no downs. */
export function splitPostgresMigrations(input: SqlLayoutInput): SqlSections {
  return {
    up: [{ text: input.content, transaction: hasMarker(input.content, POSTGRES_MIGRATIONS_DISABLE_TRANSACTION) ? "none" : "wrapped" }],
    down: { kind: "unsupported", reason: "postgres-migrations has no down migrations" },
    notes: [],
  };
}

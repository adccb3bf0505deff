/**
 * golang-migrate (`N_name.up.sql` + `N_name.down.sql`, and diesel's `dir/up.sql` + `dir/down.sql`).
 * The postgres driver sends the whole file as one query: with two or more statements PostgreSQL runs
 * them as one implicit transaction (so CREATE INDEX CONCURRENTLY must be alone in its file).
 */
import type { SqlLayoutInput, SqlSections } from "./sections.js";

export function splitGolangMigrate(input: SqlLayoutInput): SqlSections {
  return {
    up: [{ text: input.content, transaction: "implicit" }],
    down: input.downFile
      ? { kind: "sql", segments: [{ text: input.downFile.content, transaction: "implicit" }], path: input.downFile.path }
      : { kind: "missing", reason: `no ${input.path.replace(/up\.sql$/, "down.sql").split("/").pop()} beside the up migration` },
    notes: [],
  };
}

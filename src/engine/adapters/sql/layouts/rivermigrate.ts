/**
 * riverqueue/river's rivermigrate (`migration/<line>/00N_name.up.sql` + `.down.sql`, embedded in the Go binary).
 * It opens a transaction for each version and runs the file's SQL in it, so every statement of a version shares
 * one transaction, CREATE INDEX CONCURRENTLY included (which PostgreSQL refuses there): the runner has no
 * per-file switch out of it. `/* TEMPLATE: schema *\/` comments are rivermigrate's own templating: it replaces
 * them with the configured schema (`my_schema.`) or nothing before PostgreSQL sees the SQL.
 */
import type { SqlLayoutInput, SqlSections } from "./sections.js";

/** The marker rivermigrate replaces with `schema.` (or nothing) in front of a name. */
export const RIVER_TEMPLATE_MARKER = /\/\*\s*TEMPLATE:\s*schema\s*\*\//;

/** River's own migration lines: `riverdriver/<driver>/migration/<line>/00N_name.(up|down).sql`. */
export const RIVER_MIGRATION_PATH = /(?:^|\/)riverdriver\/[^/]+\/migration\/[^/]+\/\d+_[^/]+\.(?:up|down)\.sql$/;

export function splitRivermigrate(input: SqlLayoutInput): SqlSections {
  return {
    up: [{ text: input.content, transaction: "wrapped" }],
    down: input.downFile
      ? { kind: "sql", segments: [{ text: input.downFile.content, transaction: "wrapped" }], path: input.downFile.path }
      : { kind: "missing", reason: `no ${input.path.replace(/up\.sql$/, "down.sql").split("/").pop()} beside the up migration` },
    notes: [],
  };
}

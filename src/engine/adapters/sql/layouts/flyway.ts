/**
 * Flyway (`V<version>__<name>.sql`, undo `U<version>__<name>.sql`, repeatable `R__<name>.sql`).
 * Undo migrations are optional (a paid Flyway feature): without one the down is "unsupported", not missing.
 * Flyway runs each migration in a transaction, unless every statement cannot run in one.
 */
import type { SqlLayoutInput, SqlSections } from "./sections.js";
import { maskPlaceholders } from "./templates.js";

export function splitFlyway(input: SqlLayoutInput): SqlSections {
  return {
    up: [{ text: maskPlaceholders(input.content), transaction: "flyway" }],
    down: input.downFile
      ? { kind: "sql", segments: [{ text: maskPlaceholders(input.downFile.content), transaction: "flyway" }], path: input.downFile.path }
      : { kind: "unsupported", reason: "Flyway undo (U) migrations are optional" },
    notes: [],
  };
}

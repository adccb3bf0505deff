/**
 * sqitch (`deploy/x.sql`, `revert/x.sql`, `verify/x.sql`). sqitch runs scripts through psql without a
 * wrapping transaction; scripts usually carry their own BEGIN/COMMIT.
 */
import type { SqlLayoutInput, SqlSections } from "./sections.js";
import { maskPsql } from "./templates.js";

export function splitSqitch(input: SqlLayoutInput): SqlSections {
  return {
    up: [{ text: maskPsql(input.content), transaction: "none" }],
    down: input.downFile
      ? { kind: "sql", segments: [{ text: maskPsql(input.downFile.content), transaction: "none" }], path: input.downFile.path }
      : { kind: "missing", reason: "no revert script for this deploy script" },
    notes: [],
  };
}

/** Any other .sql file (from config paths or named on the command line): statements run one by one, no down. */
import type { SqlLayoutInput, SqlSections } from "./sections.js";

export function splitPlain(input: SqlLayoutInput): SqlSections {
  return {
    up: [{ text: input.content, transaction: "none" }],
    down: { kind: "unsupported", reason: "plain SQL files have no down convention" },
    notes: [],
  };
}

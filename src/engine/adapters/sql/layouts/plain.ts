/** Any other .sql file (from config paths or named on the command line): statements run one by one, no down. */
import { splitPostgresMigrations } from "./postgres-migrations.js";
import type { SqlLayoutInput, SqlSections } from "./sections.js";
import { splitSqlxSimple } from "./sqlx.js";

export function splitPlain(input: SqlLayoutInput): SqlSections {
  // the project's package.json names the postgres-migrations package, which wraps each file in a transaction
  if (input.postgresMigrations) return splitPostgresMigrations(input);
  // a folder sqlx's migrator runs (repository/sqlx-folders.ts): a transaction per file, no down
  if (input.sqlx) return splitSqlxSimple(input);
  return {
    up: [{ text: input.content, transaction: "none" }],
    down: { kind: "unsupported", reason: "plain SQL files have no down convention" },
    notes: [],
  };
}

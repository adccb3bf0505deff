/**
 * A Rails operation that is one statement of SQL among others in one Ruby string (an `execute <<-SQL` heredoc of
 * several statements): what takes its place is SQL, the heredoc's own language. Ruby there would reach PostgreSQL
 * as text (a syntax error), and a Ruby call for the whole `execute` would drop its other statements. The fix shows
 * the migration as it becomes, Ruby that parses, with the statement's lines of the heredoc replaced.
 */
import type { Migration, Operation } from "../../model.js";
import { rubyReaders, rubyReadersLoaded } from "../../adapters/rails/ruby-readers.js";

export const insideRubySql = (migration: Migration, op: Operation): boolean =>
  migration.framework === "rails" && op.embeddedSql && migration.source !== undefined && rubyReadersLoaded() && rubyReaders().rubyStringInterior(migration.source, op.loc);

/**
 * The migration with `op`'s lines of its heredoc replaced by `sql` (indented as the statement was), under a line
 * that says so; undefined when the statement is not inside a string with others.
 */
export function inRubySql(migration: Migration, op: Operation, sql: string, what: string): string | undefined {
  if (!insideRubySql(migration, op)) return undefined;
  const lines = migration.source!.split("\n");
  const indent = /^\s*/.exec(lines[op.loc.line - 1] ?? "")![0];
  const replaced = sql.split("\n").map((l) => (l ? `${indent}${l}` : l));
  const edited = [...lines.slice(0, op.loc.line - 1), ...replaced, ...lines.slice(op.loc.endLine)].join("\n").trimEnd();
  return `# ${migration.path} as it becomes: line${op.loc.endLine > op.loc.line ? `s ${op.loc.line}-${op.loc.endLine}` : ` ${op.loc.line}`} of its SQL ${what}, the rest as written\n${edited}`;
}

/**
 * What ties a word of application code to one table. The hazard behind a drop's usage search is old code reading
 * the column while the deploy runs: a read of `JobVersion.prepare` is a query on that table (`prisma.jobVersion.
 * findMany({ select: { prepare: true } })`, `SELECT "prepare" FROM "JobVersion"`), so the code that does it names the
 * table, its model or the client's delegate for it. A specific name (`eventRule`, `is_public`) is that column's
 * wherever code names it as a field; a common word (`prepare`, `status`, a reference column such as `organizationId`)
 * names a thousand other things, and counts only where the same file names the table, its model or delegate, or
 * where it sits in SQL text on the table.
 */
import { escapeRegExp } from "../regexp.js";

/** Words of prose and of every API (status, default, required) that many tables use as columns too. */
const COMMON_NAMES = new Set([
  "id", "name", "type", "kind", "status", "state", "value", "data", "key", "code", "token", "default", "enabled",
  "required", "active", "is_active", "role", "cost", "title", "description", "label", "position", "order", "level",
  "url", "email", "source", "target", "scope", "config", "configuration", "settings", "metadata", "options", "count",
  "version", "body", "content", "text", "message", "error", "result", "output", "created_at", "updated_at", "deleted_at",
]);

/**
 * A name many tables and libraries use: a listed common word, a single word (`prepare`, `latest`, `Status`), or a
 * reference column (`client_id`, `organizationId`), which every table that points at the same table names alike.
 */
export const isCommonName = (word: string): boolean =>
  COMMON_NAMES.has(word.toLowerCase()) || /^[A-Za-z][a-z0-9]*$/.test(word) || /^[a-z0-9]+(?:_[a-z0-9]+)*_id$/i.test(word) || /[a-z0-9](?:Id|ID)$/.test(word);

/**
 * A column nearly every table has under the same name (`id`, `name`, `code`, `type`: the listed common words): in SQL
 * that joins several tables the word is any of theirs (`sn.id`, `rg.id` in a query that also joins
 * supported_programs, audit 56), so it counts only tied to the table itself (columnOfTableAt).
 */
export const isEveryTablesName = (word: string): boolean => COMMON_NAMES.has(word.toLowerCase());

/**
 * Where SQL `text` names one of `columns` of `table`: qualified by the table itself (`supported_programs.id`, with
 * or without a schema before it), or unqualified in text that is SQL on the table (`SELECT id FROM
 * supported_programs`); never qualified by another name (an alias or another table: `sn.id`). -1 when nowhere.
 * `quoted`: the table only quoted, as sqlOnTable.
 */
export function columnOfTableAt(text: string, table: string, columns: readonly string[], quoted = false): number {
  const name = quoted ? `["\`]${escapeRegExp(table)}["\`]` : `["\`]?${escapeRegExp(table)}["\`]?`;
  const column = `["\`]?(?:${columns.map(escapeRegExp).join("|")})["\`]?`;
  const qualified = text.search(new RegExp(`(?<![\\w$"\`])${name}\\s*\\.\\s*${column}(?![\\w$])`, quoted ? "" : "i"));
  if (qualified !== -1 || !sqlOnTable(text, table, quoted)) return qualified;
  // unqualified: no `.` before it (a word of another name's), and not itself a qualifier (`id.something`)
  return text.search(new RegExp(`(?<![.]\\s*["\`]?)(?<![\\w$])${column}(?![\\w$])(?!\\s*\\.)`, "i"));
}

/**
 * SQL text on `table` (as written, quoted or not): `FROM "JobVersion"`, `JOIN job_versions`, `UPDATE`, `INTO`,
 * `TABLE`, or a qualified column `"JobVersion"."prepare"`. The keywords in any case, the name in its own: with
 * `quoted`, only quoted (PostgreSQL folds an unquoted name to lower case, so `from Task` in prose names no "Task").
 */
export function sqlOnTable(text: string, table: string, quoted = false): boolean {
  const key = `${quoted ? "q" : ""}\0${table}`;
  let pattern = sqlPatterns.get(key);
  if (!pattern) {
    const name = quoted ? `["\`]${escapeRegExp(table)}["\`]` : `["\`]?${escapeRegExp(table)}["\`]?`;
    const keyword = ["FROM", "JOIN", "UPDATE", "INTO", "TABLE"].map((k) => `[${k[0]}${k[0].toLowerCase()}]${[...k.slice(1)].map((c) => `[${c}${c.toLowerCase()}]`).join("")}`).join("|");
    const schema = `(?:["\`]?\\w+["\`]?\\.)?`;
    pattern = new RegExp(`(?<![\\w])(?:${keyword})\\s+${schema}${name}(?![\\w])|(?<![\\w"\`])${name}\\s*\\.\\s*["\`]?[A-Za-z_]`);
    if (sqlPatterns.size > 10_000) sqlPatterns.clear();
    sqlPatterns.set(key, pattern);
  }
  return pattern.test(text);
}
const sqlPatterns = new Map<string, RegExp>();

/** A matcher of any of `names` as a whole word (case-sensitively unless `anyCase`); never matches when there are none. */
export function tableNamesPattern(names: readonly string[], anyCase: boolean): RegExp {
  const words = [...new Set(names.filter(Boolean))];
  if (words.length === 0) return /(?!)/;
  return new RegExp(`(?<![\\w$])(?:${words.map(escapeRegExp).join("|")})(?![\\w$])`, anyCase ? "i" : "");
}

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
 * SQL text on `table` (as written, quoted or not): `FROM "JobVersion"`, `JOIN job_versions`, `UPDATE`, `INTO`,
 * `TABLE`, or a qualified column `"JobVersion"."prepare"` / `jv.prepare` is not enough (an alias names no table).
 */
export function sqlOnTable(text: string, table: string): boolean {
  const name = `["\`]?${escapeRegExp(table)}["\`]?`;
  const schema = `(?:["\`]?\\w+["\`]?\\.)?`;
  return new RegExp(`\\b(?:FROM|JOIN|UPDATE|INTO|TABLE)\\s+${schema}${name}(?![\\w])|(?<![\\w"\`])${name}\\s*\\.\\s*["\`]?[A-Za-z_]`, "i").test(text);
}

/** Whether `content` names any of `names` as a whole word (case-sensitively unless `anyCase`). */
export function namesAnyOf(content: string, names: readonly string[], anyCase = false): boolean {
  const words = [...new Set(names.filter(Boolean))];
  if (words.length === 0) return false;
  return new RegExp(`(?<![\\w$])(?:${words.map(escapeRegExp).join("|")})(?![\\w$])`, anyCase ? "i" : "").test(content);
}

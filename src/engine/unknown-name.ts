/**
 * The name an adapter gives an object it could not read (a table from a loop variable over a query, a helper's
 * result): "?". It stands for "some object" and must never reach a message or a fix as if it were a name.
 */
export const UNKNOWN_NAME = "?";

export const isUnknownName = (name: string | undefined): boolean => name === UNKNOWN_NAME;

/**
 * Whether SQL or code text uses the placeholder as an identifier: `"?"` (also escaped in a host string, `\"?\"`),
 * `?.col`, `?_backup`, `ix_?`.
 */
export const usesUnknownName = (text: string): boolean => /\\?"\?\\?"|'\?'|`\?`|(^|[^\w?])\?(_|\.\w)|\w_\?(?![\w?(])/m.test(text);

const NOT_NAMES = new Set(["text", "loc", "statement", "sql", "kind", "description", "language"]);

/** Whether an operation names an object the adapter could not read (a table, column, index, constraint). */
export function namesUnknown(op: object | undefined): boolean {
  if (!op) return false;
  for (const [key, value] of Object.entries(op)) {
    if (NOT_NAMES.has(key)) continue;
    if (isUnknownName(value as string)) return true;
    if (Array.isArray(value) && value.some((v) => isUnknownName(v as string))) return true;
    if (value && typeof value === "object" && !Array.isArray(value) && isUnknownName((value as { name?: string }).name)) return true;
  }
  return false;
}

/**
 * A message about an operation on an unread name, said in words: `?.extras` is "extras (of a table named at run
 * time)", any other `?` or `"?"` "(a name set at run time)".
 */
export function sayUnknownNames(message: string): string {
  return message
    .replace(/(^|[^\w?])["`]?\?["`]?\.(\w+)/g, (_, before: string, column: string) => `${before}${column} (of a table named at run time)`)
    .replace(/(^|[^\w?])(["`]\?["`]|\?)(?=[^\w?(]|$)/g, (_, before: string) => `${before}(a name set at run time)`);
}

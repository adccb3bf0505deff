/**
 * Runner-side templating that is not SQL: Flyway/Liquibase `${placeholder}`, goose ENVSUB `${VAR}`, and
 * psql meta-commands and variables in sqitch scripts (sqitch deploys through psql). Each is masked with
 * text of the same byte length, so PostgreSQL's parser sees valid SQL and every offset and line stays put.
 */

const PLACEHOLDER = /\$\{[^}\n]*\}/g;
const maskOf = (placeholder: string) => `p${"_".repeat(Buffer.byteLength(placeholder) - 1)}`;

/** `${schema}.users` -> `p_______.users` (an identifier of the same length). */
export function maskPlaceholders(sql: string): string {
  if (!sql.includes("${")) return sql;
  return sql.replace(PLACEHOLDER, maskOf);
}

/**
 * Each mask maskPlaceholders writes for the placeholders of `sql` -> the placeholder as written. A mask two
 * placeholders share (`${schema}` and `${tables}`, both nine bytes) is left out: which one a text meant is not known.
 */
export function placeholderMasks(sql: string): Map<string, string> {
  const seen = new Map<string, string | null>();
  for (const [placeholder] of sql.includes("${") ? sql.matchAll(PLACEHOLDER) : []) {
    const mask = maskOf(placeholder);
    seen.set(mask, seen.has(mask) && seen.get(mask) !== placeholder ? null : placeholder);
  }
  return new Map([...seen].filter((entry): entry is [string, string] => entry[1] !== null));
}

const isNameChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_$]/.test(c);

/** `text` (a fix or message printed from masked statements) with each mask of `masks` standing alone put back as the placeholder it stands for. */
export function unmaskPlaceholders(text: string, masks: ReadonlyMap<string, string>): string {
  let out = text;
  for (const [mask, placeholder] of masks) {
    let at = out.indexOf(mask);
    while (at !== -1) {
      const alone = !isNameChar(out[at - 1]) && !isNameChar(out[at + mask.length]);
      if (alone) out = `${out.slice(0, at)}${placeholder}${out.slice(at + mask.length)}`;
      at = out.indexOf(mask, at + (alone ? placeholder.length : mask.length));
    }
  }
  return out;
}

/** psql: `\set ON_ERROR_STOP on` lines are blanked; `:'v'`, `:"v"`, `:v` become a literal / identifier. */
export function maskPsql(sql: string): string {
  if (!sql.includes("\\") && !sql.includes(":")) return sql;
  return sql
    .split("\n")
    .map((line) => (/^\s*\\/.test(line) ? " ".repeat(Buffer.byteLength(line)) : line))
    .join("\n")
    .replace(/(?<![:\w]):(['"])([A-Za-z_]\w*)\1/g, (_m, quote: string, name: string) => ` ${quote}${name}${quote}`)
    .replace(/(?<![:\w\]]):([A-Za-z_]\w*)/g, (_m, name: string) => ` ${name}`);
}

/**
 * Runner templating written as a comment before a name, which PostgreSQL's parser skips: rivermigrate's
 * `/* TEMPLATE: schema *\/river_job` becomes `my_schema.river_job` (or `river_job`) before the SQL runs. The
 * parsed operation only knows `river_job`, so a fix rebuilt from it would target the default schema instead of
 * River's. Every name the migration wrote behind such a marker gets the marker back, verbatim, in the fix: in its
 * statements and in the statements its comments show to run by hand.
 */
import { pgScan, type ScanToken as Token } from "../../adapters/sql/pg-query.js";

/** A comment that stands for a name's qualifier (the marker rivermigrate replaces with `schema.`). */
const QUALIFIER_MARKER = /^\/\*\s*TEMPLATE:\s*schema\s*\*\/$/;

function tokensOf(sql: string): Token[] {
  try {
    return pgScan(sql).tokens;
  } catch {
    return []; // an unterminated string or comment: nothing is rewritten
  }
}

const isName = (t: Token | undefined) => t !== undefined && (t.tokenName === "IDENT" || (t.keywordKind > 0 && t.keywordKind < 4 && t.tokenName === "UNKNOWN"));
const key = (name: string) => (name.startsWith('"') ? name : name.toLowerCase());

/** Each name written right behind a qualifier marker in `sources` -> the marker as written. */
export function templatedNames(sources: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const source of sources) {
    if (!source.includes("TEMPLATE")) continue;
    const tokens = tokensOf(source);
    tokens.forEach((t, i) => {
      const next = tokens[i + 1];
      if (t.tokenName === "C_COMMENT" && QUALIFIER_MARKER.test(t.text) && next?.start === t.end && isName(next) && tokens[i + 2]?.text !== ".")
        out.set(key(next.text), t.text);
    });
  }
  return out;
}

/** Byte offsets in `sql` where a marker goes: bare names the map knows, not qualified, not already behind one. */
function insertions(sql: string, names: ReadonlyMap<string, string>, base: number): Array<{ at: number; marker: string }> {
  const tokens = tokensOf(sql);
  const out: Array<{ at: number; marker: string }> = [];
  let statementStart = 0;
  tokens.forEach((t, i) => {
    if (t.text === ";") statementStart = i + 1;
    const marker = isName(t) ? names.get(key(t.text)) : undefined;
    if (!marker) return;
    const before = tokens[i - 1];
    // names PostgreSQL never qualifies: a constraint's, USING INDEX's, and the new index's in CREATE INDEX (before its ON)
    if (before?.text.toUpperCase() === "CONSTRAINT") return;
    if (before?.text.toUpperCase() === "INDEX" && tokens[i - 2]?.text.toUpperCase() === "USING") return; // ADD CONSTRAINT ... USING INDEX name
    const sofar = tokens.slice(statementStart, i).filter((x) => x.tokenName !== "C_COMMENT" && x.tokenName !== "SQL_COMMENT").map((x) => x.text.toUpperCase());
    if (sofar[0] === "CREATE" && sofar.includes("INDEX") && !sofar.includes("ON")) return;
    if (before?.text === "." || tokens[i + 1]?.text === ".") return;
    if (before?.tokenName === "C_COMMENT" && QUALIFIER_MARKER.test(before.text)) return;
    // a RENAME TO names the table's new name, which stays in its schema: it takes no qualifier
    if (before?.text.toUpperCase() === "TO" && tokens[i - 2]?.text.toUpperCase() === "RENAME") return;
    out.push({ at: base + t.start, marker });
  });
  // statements a comment shows to run by hand (`--   CREATE INDEX CONCURRENTLY ...`)
  for (const t of tokens) {
    if (t.tokenName !== "SQL_COMMENT") continue;
    const body = /^--\s*/.exec(t.text)![0].length;
    const rest = t.text.slice(body);
    if (/^(?:CREATE|ALTER|DROP|UPDATE|INSERT|DELETE|TRUNCATE|REINDEX|VACUUM|ANALYZE|COMMENT ON|LOCK)\b/.test(rest))
      out.push(...insertions(rest, names, base + t.start + Buffer.byteLength(t.text.slice(0, body))));
  }
  return out;
}

/** `fix` (SQL) with the markers `names` gives put back in front of the names; unchanged when there are none. */
export function keepTemplates(fix: string, names: ReadonlyMap<string, string>): string {
  if (names.size === 0) return fix;
  const at = insertions(fix, names, 0).sort((a, b) => b.at - a.at);
  if (at.length === 0) return fix;
  let bytes = Buffer.from(fix);
  for (const { at: offset, marker } of at) bytes = Buffer.concat([bytes.subarray(0, offset), Buffer.from(marker), bytes.subarray(offset)]);
  return bytes.toString();
}

/**
 * SQL that a tool fills in before PostgreSQL sees it: Go templates (`{{ index .Options "Namespace" }}.users`,
 * gobuffalo/pop, golang-migrate with templates), Flyway and Liquibase placeholders (`${schema}.users`), and
 * bind parameters (`:tags` in SQLAlchemy's text(), `:'name'` psql variables). PostgreSQL's parser refuses them,
 * so a file of such SQL would be one long syntax error. When a text does not parse, each placeholder is
 * replaced by a value of the same byte length (an identifier named after it, or `$1`), so the statements parse
 * and every offset, hence every line, stays where it was. Text that parses is never touched.
 */
import { pgScan, type ScanToken as Token } from "./pg-query.js";

interface Replacement {
  start: number;
  end: number;
  value: string;
}

const WORD = /^[A-Za-z_][A-Za-z0-9_$]*$/;
const isWordByte = (byte: number | undefined) =>
  byte !== undefined && ((byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte === 95 || byte >= 128);

/** The name a placeholder stands for: the last string or field inside it (`"Namespace"`, `.Schema`, `schema`). */
function nameOf(inner: readonly Token[]): string {
  for (let i = inner.length - 1; i >= 0; i--) {
    const word = inner[i].text.replace(/^["'.]+|["']+$/g, "").replace(/[^A-Za-z0-9_]/g, "_");
    if (WORD.test(word)) return word;
  }
  return "placeholder";
}

/** `{{ ... }}` (Go template) or `${ ... }` (Flyway, Liquibase): the index of the token closing it, or -1. */
function closingBrace(tokens: readonly Token[], from: number, doubled: boolean): number {
  for (let j = from; j < tokens.length; j++) {
    if (tokens[j].text !== "}") continue;
    if (!doubled) return j;
    if (tokens[j + 1]?.text === "}" && tokens[j + 1].start === tokens[j].end) return j + 1;
  }
  return -1;
}

function placeholders(tokens: readonly Token[]): Replacement[] {
  const out: Replacement[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    const adjacent = next !== undefined && next.start === t.end;
    if (t.text === "{" && adjacent && next.text === "{") {
      const close = closingBrace(tokens, i + 2, true);
      if (close === -1) continue;
      out.push({ start: t.start, end: tokens[close].end, value: nameOf(tokens.slice(i + 2, close - 1)) });
      i = close;
    } else if (t.text === "$" && adjacent && next.text === "{") {
      const close = closingBrace(tokens, i + 2, false);
      if (close === -1) continue;
      out.push({ start: t.start, end: tokens[close].end, value: nameOf(tokens.slice(i + 2, close)) });
      i = close;
    } else if (t.text === ":" && adjacent && (WORD.test(next.text) || next.tokenName === "SCONST" || next.tokenName === "IDENT")) {
      // a bind parameter or psql variable stands for a value: PostgreSQL's own $1 parses wherever a value can be
      out.push({ start: t.start, end: next.end, value: "$1" });
      i++;
    }
  }
  return out;
}

/**
 * The text with every placeholder replaced by a value of the same UTF-8 length, or undefined when it has none.
 * A name that would run into a neighbouring word is padded with underscores (one identifier), else with spaces.
 */
export function fillPlaceholders(text: string): string | undefined {
  let tokens: Token[];
  try {
    tokens = pgScan(text).tokens;
  } catch {
    return undefined;
  }
  const found = placeholders(tokens);
  if (found.length === 0) return undefined;
  const bytes = Buffer.from(text, "utf8");
  for (const { start, end, value } of found) {
    const width = end - start;
    const glued = value !== "$1" && (isWordByte(bytes[start - 1]) || isWordByte(bytes[end]));
    const name = value.slice(0, width);
    bytes.write(name.padEnd(width, glued ? "_" : " "), start, "utf8");
  }
  return bytes.toString("utf8");
}

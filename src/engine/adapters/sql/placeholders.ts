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

/**
 * `{{ ... }}` (Go template, Jinja), `{% ... %}` / `{# ... #}` (Jinja) or `${ ... }` (Flyway, Liquibase): the index
 * of the token closing it, or -1. `before` is the character before the closing brace (`}` `%` `#`), none for `${`.
 */
function closingBrace(tokens: readonly Token[], from: number, before?: string): number {
  for (let j = from; j < tokens.length; j++) {
    if (before === undefined) {
      if (tokens[j].text === "}") return j;
      continue;
    }
    // the scanner may glue `%` or `#` to the operator characters before it (`-%`): its last character counts
    if (tokens[j].text.endsWith(before) && tokens[j + 1]?.text === "}" && tokens[j + 1].start === tokens[j].end) return j + 1;
  }
  return -1;
}

/**
 * Go template actions that print nothing (`{{if .X}}`, `{{else}}`, `{{end}}`, `{{range}}`, a `{{/* comment *\/}}`):
 * they stand for no SQL, so they become blanks, and the text between them is read as the template renders it when
 * the condition holds (ledger's `create index {{if not .Transactional}}concurrently{{end}} x on t`). An identifier
 * there would make every such statement a syntax error.
 */
const GO_CONTROL = new Set(["if", "else", "end", "range", "with", "define", "template", "block", "break", "continue"]);
const isControl = (inner: readonly Token[]): boolean => {
  const first = inner[0]?.text === "-" ? inner[1] : inner[0];
  // a comment action is no token at all to PostgreSQL's scanner
  return first === undefined || (GO_CONTROL.has(first.text.toLowerCase()) || first.text.startsWith("/*"));
};

function placeholders(tokens: readonly Token[]): Replacement[] {
  const out: Replacement[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    const adjacent = next !== undefined && next.start === t.end;
    if (t.text === "{" && adjacent && next.text === "{") {
      const close = closingBrace(tokens, i + 2, "}");
      if (close === -1) continue;
      const inner = tokens.slice(i + 2, close - 1);
      out.push({ start: t.start, end: tokens[close].end, value: isControl(inner) ? "" : nameOf(inner) });
      i = close;
    } else if (t.text === "{" && adjacent && (next.text.startsWith("%") || next.text.startsWith("#"))) {
      // Jinja's statements and comments print nothing: blanks, as Go's control actions
      const close = closingBrace(tokens, i + 2, next.text[0]);
      if (close === -1) continue;
      out.push({ start: t.start, end: tokens[close].end, value: "" });
      i = close;
    } else if (t.text === "$" && adjacent && next.text === "{") {
      const close = closingBrace(tokens, i + 2);
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
    // a blank (an action that prints nothing) separates the words around it, as the rendered text does not always
    const glued = value !== "$1" && value !== "" && (isWordByte(bytes[start - 1]) || isWordByte(bytes[end]));
    const name = value.slice(0, width);
    bytes.write(name.padEnd(width, glued ? "_" : " "), start, "utf8");
  }
  return bytes.toString("utf8");
}

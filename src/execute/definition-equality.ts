/**
 * Do two catalog definitions say the same thing? Compared token by token with PostgreSQL's own scanner, so
 * layout and comments in a function body (stored verbatim) do not count, and a timestamp PostgreSQL froze when
 * the object was created (`timestamp 'now'` in a view, `DEFAULT 'now'`) may differ by the time between the two
 * snapshots: recreating the object the same way cannot give the same instant. A view's columns may come back
 * in another order: `SELECT *` over a table whose dropped column the down re-added (at the end, as it must).
 */
import { pgParse, pgScan } from "../engine/adapters/sql/pg-query.js";

interface Token {
  text: string;
  string: boolean;
}

const COMMENTS = new Set(["SQL_COMMENT", "C_COMMENT"]);

function tokens(sql: string, depth = 0): Token[] | undefined {
  let scanned;
  try {
    scanned = pgScan(sql).tokens;
  } catch {
    return undefined;
  }
  const out: Token[] = [];
  for (const token of scanned) {
    if (COMMENTS.has(token.tokenName)) continue;
    const dollar = /^\$([A-Za-z_]\w*)?\$/.exec(token.text);
    if (token.tokenName === "SCONST" && dollar && depth < 2) {
      // a function body: compare what is inside, token by token too
      const inner = tokens(token.text.slice(dollar[0].length, token.text.length - dollar[0].length), depth + 1);
      if (inner) {
        out.push({ text: "$$", string: false }, ...inner, { text: "$$", string: false });
        continue;
      }
    }
    const string = token.tokenName === "SCONST";
    out.push({ text: string ? token.text : token.text.toLowerCase(), string });
  }
  return out;
}

/** `'2026-11-27 00:40:52.478'` -> its instant, for literals that look like a timestamp. */
function timestampOf(literal: string): number | undefined {
  const m = /^'(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)([+-]\d{2})?(?::?(\d{2}))?'$/.exec(literal);
  if (!m) return undefined;
  const zone = m[3] ? `${m[3]}:${m[4] ?? "00"}` : "Z";
  const at = Date.parse(`${m[1]}T${m[2]}${zone}`);
  return Number.isNaN(at) ? undefined : at;
}

export function sameDefinition(before: string, after: string, maxClockDriftMs: number): boolean {
  if (before === after) return true;
  const a = tokens(before);
  const b = tokens(after);
  if (!a || !b || a.length !== b.length) return false;
  return a.every((token, i) => {
    const other = b[i];
    if (token.text === other.text) return true;
    if (!token.string || !other.string) return false;
    const from = timestampOf(token.text);
    const to = timestampOf(other.text);
    return from !== undefined && to !== undefined && to >= from && to - from <= maxClockDriftMs;
  });
}

/** The parse tree without source positions, the top-level select list sorted. */
function selectWithColumnsInAnyOrder(sql: string): string | undefined {
  let tree: { stmts?: Array<{ stmt?: Record<string, unknown> }> };
  try {
    tree = pgParse(sql) as typeof tree;
  } catch {
    return undefined;
  }
  const stmt = JSON.parse(JSON.stringify(tree.stmts?.[0]?.stmt ?? null, (key, value) => (key === "location" ? undefined : value)));
  const select = stmt?.SelectStmt;
  if (!select) return undefined;
  select.targetList = (select.targetList ?? []).map((target: unknown) => JSON.stringify(target)).sort();
  return JSON.stringify(stmt);
}

/** Two view definitions that differ only in the order of their columns. */
export function sameViewColumnsInAnyOrder(before: string, after: string): boolean {
  const a = selectWithColumnsInAnyOrder(before);
  return a !== undefined && a === selectWithColumnsInAnyOrder(after);
}

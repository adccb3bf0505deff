/**
 * The author's own word on a table's size: a comment (or docstring) that says the table is small ("this table is
 * small", "only a few rows", "only 200 rows", "never grows"). A lock finding on the statement it sits on or right
 * above, or anywhere when it is the migration's header, becomes a note that quotes it (production/author-size.ts):
 * the author knows the table, and an index build, scan or rewrite of a small one is brief. Adapters hand in the
 * comments their parser found (libpg-query's scanner, Prism, tree-sitter); only the comment's prose is read here.
 */
import { commentText } from "./comment-text.js";
import type { SizeNote } from "../model.js";

export interface SourceComment {
  line: number;
  endLine: number;
  /** with its markers: `-- ...`, `# ...`, a block comment, or a docstring's quotes */
  text: string;
}

/** Below this many rows "only N rows" is a small table (the brief's and the audits' bound). */
const FEW_ROWS = 10_000;

/** Subjects whose smallness is not the table's: "this change is small". */
const NOT_A_TABLE = /^(change|changes|diff|migration|patch|fix|step|impact|risk|difference|overhead|cost|chance|window|downtime|batch|PR)$/i;
const CLAIM = /([\w`"'.]+)\s+(is|are|'s|stays|remains|will\s+(?:be|stay|remain)|should\s+(?:be|stay|remain))\s+(still\s+|always\s+)?(very\s+|quite\s+|really\s+|pretty\s+|fairly\s+|relatively\s+)?(small|tiny)\b/gi;

/** "<something> is / stays small", where the something is not the change itself ("`TransferStatusError` stays small"). */
const claimsSmall = (prose: string) => [...prose.matchAll(CLAIM)].some((m) => !NOT_A_TABLE.test(m[1].replace(/[`"'.]/g, "")));

const SMALL: readonly RegExp[] = [
  /\b(small|tiny)\s+([a-z]+\s+)?tables?\b/i,
  /\b(few|handful\s+of)\s+(dozen\s+|hundred\s+)?(rows|records|entries)\b/i,
  /\bnever\s+grows\b/i,
];
const ONLY_N_ROWS = /\bonly\s+(about\s+|around\s+|~\s*)?(\d[\d,_]*)\s+(rows|records|entries)\b/i;
/** "not small", "no longer tiny", "isn't a small table": the opposite claim */
const NEGATED = /\b(not|isn't|aren't|no\s+longer|never)\s+(a\s+|that\s+|so\s+|very\s+)?(small|tiny|few)\b/i;

/** The comment's prose says a table is small. */
export function saysSmall(prose: string): boolean {
  if (NEGATED.test(prose)) return false;
  if (claimsSmall(prose) || SMALL.some((p) => p.test(prose))) return true;
  const only = ONLY_N_ROWS.exec(prose);
  return only !== null && Number(only[2].replace(/[,_]/g, "")) < FEW_ROWS;
}

/**
 * A cheap look before any comment is read (reading them costs a scan of the whole file): most migrations say
 * nothing about size. Each phrase above needs a whole word of the file (comment text is the file's own, its words
 * whole): small or tiny (a claim, a small table), grows (never grows), or only, few or handful with rows, records
 * or entries (only N rows, a few rows). `smallint`, a `records` table or `ALTER TABLE ONLY` alone says nothing.
 */
export const maySaySize = (content: string): boolean =>
  /\b(small|tiny|grows)\b/i.test(content) || (/\b(only|few|handful)\b/i.test(content) && /\b(rows|records|entries)\b/i.test(content));

/**
 * The comment blocks that say a table is small. Comments on consecutive lines are one block (a `--` or `#` per
 * line), read as one sentence; a block applies to the statement on its lines or right below its last line.
 */
export function sizeNotes(comments: readonly SourceComment[]): SizeNote[] {
  const sorted = [...comments].sort((a, b) => a.line - b.line);
  const blocks: Array<{ line: number; endLine: number; parts: string[] }> = [];
  for (const c of sorted) {
    const prose = commentText(c.text);
    if (!prose) continue;
    const last = blocks[blocks.length - 1];
    if (last && c.line <= last.endLine + 1) {
      last.parts.push(prose);
      last.endLine = Math.max(last.endLine, c.endLine);
    } else blocks.push({ line: c.line, endLine: c.endLine, parts: [prose] });
  }
  return blocks.flatMap(({ line, endLine, parts }) => {
    const text = parts.join(" ").replace(/\s+/g, " ").trim();
    return saysSmall(text) ? [{ line, endLine, text: text.length > 200 ? `${text.slice(0, 197)}...` : text }] : [];
  });
}

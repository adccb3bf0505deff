/**
 * The author's own word on a table's size: a comment (or docstring) that says the table is small ("this table is
 * small", "only a few rows", "only 200 rows", "never grows"), or in weaker words that often name no table ("the
 * table is likely small or empty", "we don't have many data": a narrow note). Not a comment that says the opposite
 * ("not small", "this table can be large") or makes the claim a condition ("if the table is empty"). A lock finding on the statement it sits on or right
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
const VERB = String.raw`(?:is|are|'s|stays|remains|will\s+(?:be|stay|remain)|should\s+(?:be|stay|remain))`;
const DEGREE = String.raw`(?:very\s+|quite\s+|really\s+|pretty\s+|fairly\s+|relatively\s+)?`;
const CLAIM = new RegExp(String.raw`([\w\`"'.]+)\s+${VERB}\s+(?:still\s+|always\s+)?${DEGREE}(?:small|tiny)\b`, "gi");
/** The same claim hedged ("the table is likely small or empty") or of an empty table: read as the narrower word. */
const HEDGED_CLAIM = new RegExp(
  String.raw`([\w\`"'.]+)\s+(?:${VERB}|would\s+be)\s+(?:(?:still|always|likely|probably|usually|generally|mostly|normally|typically|almost\s+always|expected\s+to\s+be|going\s+to\s+be)\s+)*${DEGREE}(small|tiny|empty)\b`,
  "gi",
);

/** A conditional before the claim in its clause: "if the table is small", "when it is empty" is no claim. */
const clauseBefore = (prose: string, at: number) => prose.slice(0, at).split(/[.;:!?,()]|\bbut\b/i).at(-1) ?? "";
const conditional = (prose: string, at: number) => /\b(if|when|whether|unless|until|once|assuming|case|while)\b/i.test(clauseBefore(prose, at));

/** "<something> is / stays small", where the something is not the change itself ("`TransferStatusError` stays small"). */
const claimsSmall = (prose: string) => [...prose.matchAll(CLAIM)].some((m) => !NOT_A_TABLE.test(m[1].replace(/[`"'.]/g, "")) && !conditional(prose, m.index));

const SMALL: readonly RegExp[] = [
  /\b(small|tiny)\s+([a-z]+\s+)?tables?\b/i,
  /\b(few|handful\s+of)\s+(dozen\s+|hundred\s+)?(rows|records|entries)\b/i,
  /\bnever\s+grows\b/i,
];
const ONLY_N_ROWS = /\bonly\s+(about\s+|around\s+|~\s*)?(\d[\d,_]*)\s+(rows|records|entries)\b/i;
/** "not small", "no longer tiny", "isn't a small table", "not empty": the opposite claim */
const NEGATED = /\b(not|isn't|aren't|no\s+longer|never)\s+(a\s+|that\s+|so\s+|very\s+|necessarily\s+|always\s+)?(small|tiny|few|empty)\b/i;
/** "this table can be large", "a big table", "millions of rows": the author says the table is not small */
const LARGE =
  /\b(can|could|may|might|will|would)\s+(be(come)?|get|grow)\s+(very\s+|quite\s+|really\s+)?(large|big|huge)\b|\b(is|are|'s)\s+(very\s+|quite\s+|really\s+|pretty\s+|already\s+)?(large|big|huge)\b|\b(large|big|huge|massive)\s+tables?\b|\b(millions|billions)\s+of\b/i;

/** The comment's prose says a table is small. */
export function saysSmall(prose: string): boolean {
  if (NEGATED.test(prose) || LARGE.test(prose)) return false;
  if (claimsSmall(prose) || SMALL.some((p) => p.test(prose))) return true;
  const only = ONLY_N_ROWS.exec(prose);
  return only !== null && Number(only[2].replace(/[,_]/g, "")) < FEW_ROWS;
}

/** Subjects an empty claim is about a table with: "the table is empty", "people_team is empty" (not "the list is empty"). */
const TABLE_SUBJECT = (subject: string) => /^(table|tables)$/i.test(subject) || subject.includes("_");
/** "we don't have many data", "there aren't many rows", "not much data" */
const NOT_MANY = /(\bnot|n't)\s+(have\s+|hold\s+|contain\s+|expect\s+|be\s+|store\s+|get\s+)?(very\s+|that\s+|so\s+|too\s+)?(many|much|a\s+lot\s+of|lots\s+of)\s+(rows|records|entries|data|objects|instances)\b/gi;
/** "less than 100 rows", "fewer than 500 records" */
const LESS_THAN_N = /\b(less|fewer)\s+than\s+(about\s+|around\s+|~\s*)?(\d[\d,_]*)\s+(rows|records|entries)\b/gi;
/** a batch's size, not the table's: "batches of less than 1000 rows", "not too many rows at once" */
const BATCH_BEFORE = /\b(batch|batches|chunk|chunks|page|pages|group|groups|slice|slices|set|sets)\s+(of\s+)?$/i;
const BATCH_AFTER = /^\s*(in\s+memory|at\s+once|at\s+a\s+time|per\b|each\b|in\s+(a|one|each)\s+(batch|transaction|query|request))/i;

const aboutTheTable = (prose: string, m: RegExpMatchArray) =>
  !conditional(prose, m.index!) && !BATCH_BEFORE.test(prose.slice(0, m.index)) && !BATCH_AFTER.test(prose.slice(m.index! + m[0].length));

/**
 * The weaker words: a hedged claim ("the table is likely small or empty"), an empty table ("the table is empty"),
 * not many rows ("we don't have many data"), less than N rows. They often name no table, so a note they make speaks
 * only for a table it names, or for the one table its migration changes (production/author-size.ts).
 */
export function saysSmallNarrowly(prose: string): boolean {
  if (NEGATED.test(prose) || LARGE.test(prose)) return false;
  const hedged = [...prose.matchAll(HEDGED_CLAIM)].some((m) => {
    const subject = m[1].replace(/[`"'.]/g, "");
    if (conditional(prose, m.index)) return false;
    return m[2].toLowerCase() === "empty" ? TABLE_SUBJECT(subject) : !NOT_A_TABLE.test(subject);
  });
  if (hedged) return true;
  if ([...prose.matchAll(NOT_MANY)].some((m) => aboutTheTable(prose, m))) return true;
  return [...prose.matchAll(LESS_THAN_N)].some((m) => aboutTheTable(prose, m) && Number(m[3].replace(/[,_]/g, "")) < FEW_ROWS);
}

/** What a table holds, in the author's words: data, rows, records, entries. */
const ROWS_WORD = String.raw`(?:data|rows|records|entries)`;
/**
 * The author says the table holds nothing yet: "assumes there is no existing data in the table", "no rows yet in
 * people_team", "the table has no rows yet", "the table is empty at this point". Not "no data is lost" (no `in`
 * after it, no verb of holding before), nor a check ("make sure there are no rows in the table").
 */
const NO_ROWS_IN = new RegExp(String.raw`\bno\s+(?:existing\s+|pre-?existing\s+|other\s+)?${ROWS_WORD}\s+(?:yet\s+)?(?:in|on)\b`, "gi");
const HOLDS_NO_ROWS = new RegExp(String.raw`\b(?:has|have|holds?|contains?)\s+no\s+(?:existing\s+|pre-?existing\s+)?${ROWS_WORD}\b`, "gi");
const TABLE_IS_EMPTY = /([\w`"'.]+)\s+(?:is|are)\s+(?:still\s+|always\s+|currently\s+)?empty\b/gi;
/** a check or a branch on emptiness, not a claim of it */
const CHECKED = /\b(ensure|ensures|make\s+sure|check|checks|verify|verifies|assert|fail|fails|raise|raises|error)\b/i;
/** "no data in the table is lost": what happens to the rows, not that there are none */
const FATE = /\b(lost|changed|deleted|dropped|removed|touched|modified|affected|overwritten|migrated|copied|moved)\b/i;
const clauseAfter = (prose: string, end: number) => prose.slice(end).split(/[.;:!?,()]|\bbut\b/i)[0] ?? "";

/**
 * The comment's prose says a table holds no rows yet: the author's word that a statement which fails or scans on rows
 * (a NOT NULL column without a default) meets none. Like the weaker words it often names no table (a narrow note).
 */
export function saysEmpty(prose: string): boolean {
  if (NEGATED.test(prose) || LARGE.test(prose)) return false;
  const claim = (m: RegExpMatchArray) => !conditional(prose, m.index!) && !CHECKED.test(clauseBefore(prose, m.index!)) && !FATE.test(clauseAfter(prose, m.index! + m[0].length));
  if ([...prose.matchAll(NO_ROWS_IN)].some(claim) || [...prose.matchAll(HOLDS_NO_ROWS)].some(claim)) return true;
  return [...prose.matchAll(TABLE_IS_EMPTY)].some((m) => TABLE_SUBJECT(m[1].replace(/[`"'.]/g, "")) && claim(m));
}

/**
 * A cheap look before any comment is read (reading them costs a scan of the whole file): most migrations say
 * nothing about size. Each phrase above needs a whole word of the file (comment text is the file's own, its words
 * whole): small or tiny (a claim, a small table), grows (never grows), or only, few or handful with rows, records
 * or entries (only N rows, a few rows); empty; less or fewer than with rows, records or entries; many, much or lot
 * with rows, records, entries, data, objects or instances (not many data). `smallint`, a `records` table or
 * `ALTER TABLE ONLY` alone says nothing. no before data, rows, records or entries, with at most existing between (no existing data in the table).
 */
export const maySaySize = (content: string): boolean =>
  /\b(small|tiny|grows|empty)\b/i.test(content) ||
  /\bno\b[\s#*/-]+(?:(?:existing|pre-?existing|other)\b[\s#*/-]+)?(?:data|rows|records|entries)\b/i.test(content) ||
  (/\b(only|few|handful)\b/i.test(content) && /\b(rows|records|entries)\b/i.test(content)) ||
  (/\b(less|fewer)\s+than\b/i.test(content) && /\b(rows|records|entries)\b/i.test(content)) ||
  (/\b(many|much|lots?)\b/i.test(content) && /\b(rows|records|entries|data|objects|instances)\b/i.test(content));

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
    const quoted = text.length > 200 ? `${text.slice(0, 197)}...` : text;
    const empty = saysEmpty(text) ? { empty: true } : {};
    if (saysSmall(text)) return [{ line, endLine, text: quoted, ...empty }];
    return saysSmallNarrowly(text) || empty.empty ? [{ line, endLine, text: quoted, narrow: true, ...empty }] : [];
  });
}

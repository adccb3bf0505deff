/**
 * An empty down the author left empty on purpose says so: a comment (or a Python docstring) in its body that
 * explains why, like Polar's "No downgrade: rolling back the function definition would leave the rows tokenized
 * the new way". empty-down reports such a down as a note that quotes it. A comment that only restates that the down
 * is empty ("nothing to do", "no-op"), a TODO, or a framework's template line (Alembic's "### commands auto
 * generated ..."; goose, dbmate and tern markers) is not a reason, and the down keeps its severity.
 */
import { commentText } from "./comment-text.js";

export interface DownComment {
  line: number;
  /** with its markers: `-- ...`, `# ...`, a block comment, or a docstring's quotes */
  text: string;
}

/** Fewer words than this only name the gap ("nothing to do", "intentionally left blank"), they do not explain it. */
const MIN_WORDS = 5;

const PROMISE = /\b(TODO|FIXME|XXX)\b/;

/** The reason an empty down's comments give, as one line with its first line number, or undefined. */
export function deliberateReason(comments: readonly DownComment[]): { line: number; text: string } | undefined {
  const said = comments.map((c) => ({ line: c.line, text: commentText(c.text) })).filter((c) => c.text);
  if (said.length === 0 || said.some((c) => PROMISE.test(c.text))) return undefined;
  const text = said.map((c) => c.text).join(" ").replace(/\s+/g, " ").trim();
  if (text.split(" ").filter((w) => /\w/.test(w)).length < MIN_WORDS) return undefined;
  return { line: said[0].line, text: text.length > 200 ? `${text.slice(0, 197)}...` : text };
}

/** Everything the down's comments say, as one line with its first line number (short ones too: "no-op"), or undefined. */
export function authorsWords(comments: readonly DownComment[]): { line: number; text: string } | undefined {
  const said = comments.map((c) => ({ line: c.line, text: commentText(c.text) })).filter((c) => c.text);
  if (said.length === 0) return undefined;
  const text = said.map((c) => c.text).join(" ").replace(/\s+/g, " ").trim();
  return { line: said[0].line, text: text.length > 200 ? `${text.slice(0, 197)}...` : text };
}

/**
 * Words that declare the migration one-way: "irreversible", "one-way", "cannot be undone", "no rollback". Short as
 * they are, they are no restatement of an empty body ("nothing to do"): the author says the up is not undone on
 * purpose (inaturalist's `def down; # irreversible; end` after a data clean-up). What that is worth depends on the up
 * (empty-down decides): after a data-only up it is the usual one-way down, after a schema change still a gap.
 */
const ONE_WAY =
  /\b(ir-?reversible|non-?reversible|not reversible|one[- ]way|forward[- ]only|no (way back|rollback|roll ?back|going back|reverse|revert)|(cannot|can ?not|can'?t) (be )?(reversed?|undone|undo|rolled back|roll ?back|reverted?))\b/i;

/** The empty down's words that declare it one-way (as one line, with its first line number), or undefined; never a TODO. */
export function oneWayMark(comments: readonly DownComment[]): { line: number; text: string } | undefined {
  const said = authorsWords(comments);
  if (!said || PROMISE.test(said.text) || !ONE_WAY.test(said.text)) return undefined;
  return said;
}

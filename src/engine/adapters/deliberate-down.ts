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

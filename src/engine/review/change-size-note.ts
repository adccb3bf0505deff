/**
 * The author's word on size in the change's own text: a pull request titled "Convert primary keys of small
 * tables to bigint" (rapidpro's #6758), or a commit message of the change that says so. The author knows the
 * tables; like a comment in the migration's header (adapters/size-notes.ts), the sentence speaks for the
 * migrations the change adds, and their lock findings become notes that quote it (production/author-size.ts).
 * The App reads the pull request's title and description, `migguard review` the messages of the change's commits.
 */
import { z } from "zod";
import { saysSmall } from "../adapters/size-notes.js";
import type { ChangeSizeNote } from "../model.js";

/** One text of the change and where it was written, as a finding names it ("the pull request's title"). */
export const ChangeText = z.object({ from: z.string().min(1), text: z.string() });
export type ChangeText = z.infer<typeof ChangeText>;

/** A quoted sentence stays short: the finding names where the rest is. */
const QUOTE_LIMIT = 200;

/** Sentences of a title, description or commit message: split at blank lines, line ends and full stops. */
const sentences = (text: string) =>
  text
    .split(/\n|(?<=[.!?])\s+/)
    .map((s) => s.replace(/^[\s#>*-]+/, "").replace(/\s+/g, " ").trim())
    .filter((s) => s !== "");

/** The first sentence of the change's texts that says a table is small; none when no sentence says so. */
export function changeSizeNote(texts: readonly ChangeText[] | undefined): ChangeSizeNote | undefined {
  for (const { from, text } of z.array(ChangeText).parse(texts ?? [])) {
    const said = sentences(text).find(saysSmall);
    if (said) return { from, text: said.length > QUOTE_LIMIT ? `${said.slice(0, QUOTE_LIMIT - 3)}...` : said };
  }
  return undefined;
}

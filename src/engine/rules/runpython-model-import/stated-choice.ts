/**
 * A comment of the migration that says it uses today's model class on purpose: galaxy_ng's 0060 writes
 * `# Model methods (init_metadata, etc.) still call the live Manifest API.` above code that calls those methods,
 * which the historical model lacks. The author knows the hazard and chose it: the finding says so and is a warning
 * (it stays one: a fresh install replaying the migration after the model changes still runs today's class).
 * Read from the comments the Python adapter kept (Migration.comments, tree-sitter's comment nodes): one that names a
 * kept model or one of the methods it needs, and says which class it means (live, current, real, today's; or the
 * historical one, apps.get_model()).
 */
import type { SourceComment } from "../../model.js";
import { escapeRegExp } from "../../regexp.js";

const SAYS_WHICH_CLASS = /\b(?:live|current|real|actual|today'?s|historical|get_model)\b/i;

const wordIn = (text: string, word: string) => new RegExp(`(?<![\\w])${escapeRegExp(word)}(?![\\w])`).test(text);

/** The first such comment of the migration (its line and text), or undefined. */
export function statedLiveModelChoice(comments: readonly SourceComment[] | undefined, models: readonly string[], methods: readonly string[]): { line: number; text: string } | undefined {
  if (models.length === 0 && methods.length === 0) return undefined;
  const stated = comments?.find(({ text }) => SAYS_WHICH_CLASS.test(text) && [...models, ...methods].some((name) => wordIn(text, name)));
  return stated && { line: stated.line, text: stated.text.trim() };
}

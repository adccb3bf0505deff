/**
 * A comment of the migration that says it uses today's model class on purpose: galaxy_ng's 0060 writes
 * `# Model methods (init_metadata, etc.) still call the live Manifest API.` above code that calls those methods,
 * which the historical model lacks. The author knows the hazard and chose it: the finding says so and is a warning
 * (it stays one: a fresh install replaying the migration after the model changes still runs today's class).
 * Read with tree-sitter's Python grammar: a comment that names a kept model or one of the methods it needs, and
 * says which class it means (live, current, real, today's; or the historical one, apps.get_model()).
 */
import { withPythonTree } from "../../adapters/python/parser.js";
import { escapeRegExp } from "../../regexp.js";

const SAYS_WHICH_CLASS = /\b(?:live|current|real|actual|today'?s|historical|get_model)\b/i;

const wordIn = (text: string, word: string) => new RegExp(`(?<![\\w])${escapeRegExp(word)}(?![\\w])`).test(text);

/** The first such comment of `source` (its line and text), or undefined. */
export function statedLiveModelChoice(source: string | undefined, models: readonly string[], methods: readonly string[]): { line: number; text: string } | undefined {
  if (!source || (models.length === 0 && methods.length === 0)) return undefined;
  try {
    return withPythonTree(source, (root) => {
      for (const comment of root.descendantsOfType("comment")) {
        const text = comment.text;
        if (SAYS_WHICH_CLASS.test(text) && [...models, ...methods].some((name) => wordIn(text, name))) return { line: comment.startPosition.row + 1, text: text.trim() };
      }
      return undefined;
    });
  } catch {
    return undefined; // a file the grammar cannot read: no stated choice is known
  }
}

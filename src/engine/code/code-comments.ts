/**
 * Where a file's comments are, read with its language's grammar (tree-sitter Java, Go, Rust and Python; Prism): a word in a
 * comment or Javadoc (`ItemsByAuthor.sort_author` in DSpace's OrderFormat.java) is prose about a table, not code
 * that runs against it, so the usage search does not count it. Undefined when the grammar is not loaded or the
 * file is in another language: every match is kept there.
 */
import type { SourceFile } from "../model.js";
import { withPythonTree } from "../adapters/python/parser.js";
import { rubyReaders, rubyReadersLoaded } from "../adapters/rails/ruby-readers.js";
import { goFacts } from "./go-syntax.js";
import { javaFacts } from "./java-syntax.js";
import { rustFacts } from "./rust-syntax.js";

export type InComment = (offset: number) => boolean;

const cache = new WeakMap<SourceFile, InComment | null>();

function pythonComments(content: string): Array<readonly [number, number]> | undefined {
  try {
    return withPythonTree(content, (root) => root.descendantsOfType("comment").flatMap((c) => (c ? [[c.startIndex, c.endIndex] as const] : [])));
  } catch {
    return undefined; // not loaded, or too deep to read: every match is kept
  }
}

function commentRanges(file: SourceFile): Array<readonly [number, number]> | undefined {
  if (file.path.endsWith(".java")) return javaFacts(file)?.comments;
  if (file.path.endsWith(".go")) return goFacts(file)?.comments;
  if (file.path.endsWith(".rs")) return rustFacts(file)?.comments;
  if (file.path.endsWith(".py") || file.path.endsWith(".pyi")) return pythonComments(file.content);
  // Prism through the Ruby readers: loaded with the Rails adapter, never by a lint without Ruby (test/cli/startup.test.ts)
  if (file.path.endsWith(".rb")) return rubyReadersLoaded() ? rubyReaders().rubyCommentRanges(file.content) : undefined;
  return undefined;
}

/** Whether an offset of the file's text is inside a comment; undefined when the file's comments cannot be told. */
export function commentsOf(file: SourceFile): InComment | undefined {
  const known = cache.get(file);
  if (known !== undefined) return known ?? undefined;
  const ranges = commentRanges(file);
  const inComment: InComment | undefined = ranges && ranges.length > 0 ? (offset) => ranges.some(([start, end]) => offset >= start && offset < end) : ranges && (() => false);
  cache.set(file, inComment ?? null);
  return inComment;
}

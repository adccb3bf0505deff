/**
 * Where application code still names a table or column: a whole-word text search (a usage search, not
 * parsing), in one pass over every file with one combined matcher for all identifiers, so the cost is one
 * scan of the code however many objects a change drops.
 */
import type { SourceFile } from "../model.js";
import { escapeRegExp } from "../regexp.js";
import { commentsOf, type InComment } from "./code-comments.js";

export interface Usage {
  path: string;
  line: number;
  /** the line, trimmed and shortened, for messages */
  text: string;
}

export interface UsageIndex {
  /** every identifier that was searched */
  readonly searched: ReadonlySet<string>;
  usagesOf(identifier: string): readonly Usage[];
  /** more usages exist than were kept */
  truncated(identifier: string): boolean;
  readonly filesSearched: number;
}

/** Usages kept per identifier: enough for any message, bounded for a column named `id` in a huge repository. */
const MAX_USAGES = 200;
const MAX_LINE_TEXT = 160;

const isWordChar = (code: number) =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36;


type Language = "python" | "script" | "other";

const SCRIPT = /\.(?:[mc]?js|jsx|[mc]?ts|tsx|vue|svelte)$/;
const languageOf = (path: string): Language => (path.endsWith(".py") || path.endsWith(".pyi") ? "python" : SCRIPT.test(path) ? "script" : "other");

/** Inside a string literal of its line: an odd number of one quote kind before it (a text search's view). */
function inLineString(line: string, at: number, quotes: string): boolean {
  for (const quote of quotes) {
    let count = 0;
    for (let i = line.indexOf(quote); i !== -1 && i < at; i = line.indexOf(quote, i + 1)) if (line[i - 1] !== "\\") count++;
    if (count % 2 === 1) return true;
  }
  return false;
}

/**
 * Whether a whole-word match looks like a column or table usage where the language lets a text search tell:
 * in Python and JavaScript/TypeScript a bare identifier (`error = ...`, `catch (error)`, `def setup`) is a
 * local name, not a column; an attribute (`.error`), a keyword or lookup (`filter(error=...)`, `error__in`), an
 * object key (`error:`) or a word inside a string (`"error"`, `SELECT error FROM ...`) is. Other languages
 * (Ruby's bare `phone_number` is a method call on the model; SQL; templates) keep every match, and so does a
 * class name (a dropped model is imported and called bare).
 */
function looksLikeUsage(language: Language, line: string, start: number, end: number, inMultilineString: boolean): boolean {
  if (language === "other" || inMultilineString) return true;
  if (line[start - 1] === ".") return true;
  if (inLineString(line, start, language === "python" ? "'\"" : "'\"`")) return true;
  const after = line.slice(end);
  if (language === "python") return /^__\w/.test(after) || /^=(?!=)/.test(after);
  return /^\s*\??:(?!:)/.test(after) && !/\?\s*$/.test(line.slice(0, start)); // `{ error: ... }`, not `a ? error : b`
}

function lineText(content: string, start: number): string {
  const end = content.indexOf("\n", start);
  const text = content.slice(start, end === -1 ? content.length : end).trim();
  return text.length > MAX_LINE_TEXT ? `${text.slice(0, MAX_LINE_TEXT - 1)}…` : text;
}

/** The usage at a 1-based line of `file` (a grammar's reader found it there), its text as the search's. */
export function usageAt(file: SourceFile, line: number): Usage {
  const text = file.content.split("\n")[line - 1]?.trim() ?? "";
  return { path: file.path, line, text: text.length > MAX_LINE_TEXT ? `${text.slice(0, MAX_LINE_TEXT - 1)}…` : text };
}

/**
 * Search `files` (already filtered to application code) for the identifiers as whole words, case-sensitively:
 * `phone_number` matches `user.phone_number` and `"phone_number"`, not `phone_numbers` or `old_phone_number`.
 * A word in a comment (Java, Go, Python: code-comments.ts) is prose, not a usage.
 */
export function searchUsages(files: readonly SourceFile[], identifiers: Iterable<string>): UsageIndex {
  const wanted = new Set([...identifiers].filter((id) => id.length > 0));
  const found = new Map<string, Usage[]>([...wanted].map((id) => [id, []]));
  const overflow = new Set<string>();
  let filesSearched = 0;
  if (wanted.size > 0) {
    // longest first, so `phone_number_verified` is tried before `phone_number` at the same position
    const alternation = [...wanted].sort((a, b) => b.length - a.length).map(escape).join("|");
    const matcher = new RegExp(alternation, "g");
    for (const file of files) {
      filesSearched++;
      const content = file.content;
      matcher.lastIndex = 0;
      let line = 1;
      let lineStart = 0;
      let scanned = 0; // newlines are counted up to here
      let lastLineReported = 0;
      const reportedHere = new Set<string>();
      const language = languageOf(file.path);
      // a comment names a table in prose (Javadoc, `# history`): read with the grammar once a word matched
      let inComment: InComment | undefined | null = null;
      // multi-line strings (Python's triple quotes, template literals): a word inside one is SQL or a key, counted
      const fence = language === "python" ? /"""|'''/g : /`/g;
      let fences = 0;
      let fenceScanned = 0;
      for (let m = matcher.exec(content); m !== null; m = matcher.exec(content)) {
        const start = m.index;
        const end = start + m[0].length;
        // a Django lookup (`error__isnull`) names the field though a word character follows
        const lookup = language === "python" && content.startsWith("__", end);
        if ((start > 0 && isWordChar(content.charCodeAt(start - 1))) || (end < content.length && isWordChar(content.charCodeAt(end)) && !lookup)) {
          matcher.lastIndex = start + 1; // a longer word: a shorter identifier may still start inside it
          continue;
        }
        if (inComment === null) inComment = commentsOf(file);
        if (inComment?.(start)) continue;
        for (let nl = content.indexOf("\n", scanned); nl !== -1 && nl < start; nl = content.indexOf("\n", nl + 1)) {
          line++;
          lineStart = nl + 1;
        }
        scanned = start;
        // a class name (a dropped model) is named bare wherever it is used: imports, calls
        if (language !== "other" && !/^[A-Z]/.test(m[0])) {
          fence.lastIndex = fenceScanned;
          for (let f = fence.exec(content); f !== null && f.index < lineStart; f = fence.exec(content)) fences++;
          fenceScanned = Math.max(fenceScanned, lineStart);
          const lineEnd = content.indexOf("\n", start);
          const lineContent = content.slice(lineStart, lineEnd === -1 ? content.length : lineEnd);
          if (!looksLikeUsage(language, lineContent, start - lineStart, end - lineStart, fences % 2 === 1)) continue;
        }
        if (line !== lastLineReported) reportedHere.clear();
        lastLineReported = line;
        if (reportedHere.has(m[0])) continue; // one usage per identifier and line
        reportedHere.add(m[0]);
        const list = found.get(m[0])!;
        if (list.length >= MAX_USAGES) {
          overflow.add(m[0]);
          continue;
        }
        list.push({ path: file.path, line, text: lineText(content, lineStart) });
      }
    }
  }
  return {
    searched: wanted,
    usagesOf: (identifier) => found.get(identifier) ?? [],
    truncated: (identifier) => overflow.has(identifier),
    filesSearched,
  };
}

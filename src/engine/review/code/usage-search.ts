/**
 * Where application code still names a table or column: a whole-word text search (a usage search, not
 * parsing), in one pass over every file with one combined matcher for all identifiers, so the cost is one
 * scan of the code however many objects a change drops.
 */
import type { SourceFile } from "../../model.js";

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

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function lineText(content: string, start: number): string {
  const end = content.indexOf("\n", start);
  const text = content.slice(start, end === -1 ? content.length : end).trim();
  return text.length > MAX_LINE_TEXT ? `${text.slice(0, MAX_LINE_TEXT - 1)}…` : text;
}

/**
 * Search `files` (already filtered to application code) for the identifiers as whole words, case-sensitively:
 * `phone_number` matches `user.phone_number` and `"phone_number"`, not `phone_numbers` or `old_phone_number`.
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
      for (let m = matcher.exec(content); m !== null; m = matcher.exec(content)) {
        const start = m.index;
        const end = start + m[0].length;
        if ((start > 0 && isWordChar(content.charCodeAt(start - 1))) || (end < content.length && isWordChar(content.charCodeAt(end)))) {
          matcher.lastIndex = start + 1; // a longer word: a shorter identifier may still start inside it
          continue;
        }
        for (let nl = content.indexOf("\n", scanned); nl !== -1 && nl < start; nl = content.indexOf("\n", nl + 1)) {
          line++;
          lineStart = nl + 1;
        }
        scanned = start;
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

/**
 * A documentation file as its prose: paragraphs and list items (ordered or not), each under the headings above it,
 * with the file line of every line it spans, and its inline markup reduced to the words (a code span's text, a
 * link's text). Code blocks, tables and HTML are not prose and are left out. Read by the change's downtime note
 * (downtime-notes.ts), which matches sentences, not commands.
 * Markdown is read with marked's lexer (CommonMark's blocks: a list item's nested paragraphs and lists, a fenced
 * block inside an item). reStructuredText line by line, as doc-steps.ts reads it (npm has no kept parser): a title
 * over a punctuation underline, bullet (`*`, `-`, `+`) and enumerated items whose lines stay indented past the
 * marker, literal blocks after `::` and code directives left out, an admonition's body (`.. warning::`) read as prose.
 * Any other file (a plain CHANGELOG or NEWS) reads as reStructuredText does: paragraphs and list items by their lines.
 */
import { marked, type Token, type Tokens } from "marked";
import { ADORNMENT, blockEnd, CODE_DIRECTIVE, DIRECTIVE, ENUMERATED, indentOf, isBlank, titleAt } from "./rst-lines.js";

export interface ProseLine {
  /** 1-based file line */
  line: number;
  /** the line's words, markup reduced */
  text: string;
}

export interface ProseBlock {
  kind: "paragraph" | "item";
  /** a list's items share its number, in the order the file writes the lists */
  list?: number;
  /** the section's title and those around it, outermost first */
  headings: string[];
  lines: ProseLine[];
}

const isMarkdownPath = (path: string) => /\.(?:md|markdown)$/i.test(path);

/** The prose blocks of a documentation file, in file order. */
export function proseBlocks(path: string, content: string): ProseBlock[] {
  const text = content.replace(/\r\n?/g, "\n");
  return isMarkdownPath(path) ? markdownProse(text) : rstProse(text);
}

/** Inline tokens as the words a reader sees. */
function inlineWords(tokens: readonly Token[] | undefined, raw: string): string {
  if (!tokens) return raw;
  return tokens
    .map((t) => {
      if (t.type === "codespan" || t.type === "escape") return (t as Tokens.Codespan).text;
      if (t.type === "html" || t.type === "image" || t.type === "br") return " ";
      if ("tokens" in t && Array.isArray(t.tokens)) return inlineWords(t.tokens, t.raw);
      return "text" in t && typeof t.text === "string" ? t.text : t.raw;
    })
    .join("");
}

const plainMarkdownLine = (raw: string) => inlineWords(marked.Lexer.lexInline(raw), raw).replace(/\s+/g, " ").trim();

/** The Markdown blocks: marked's tokens, each line found in the file from where its parent starts. */
function markdownProse(text: string): ProseBlock[] {
  const fileLines = text.split("\n");
  const blocks: ProseBlock[] = [];
  const headings: string[] = [];
  let lists = 0;
  /** the file lines of a token's raw lines, found in order from `from` (0-based); list items' children lose their indent */
  const locate = (raw: string, from: number): ProseLine[] => {
    const out: ProseLine[] = [];
    let at = from;
    for (const rawLine of raw.replace(/\n+$/, "").split("\n")) {
      const wanted = rawLine.trim();
      if (wanted === "") continue;
      let found = -1;
      for (let i = at; i < fileLines.length; i++)
        if (fileLines[i]!.includes(wanted)) {
          found = i;
          break;
        }
      if (found === -1) continue;
      at = found + 1;
      const words = plainMarkdownLine(wanted);
      if (words !== "") out.push({ line: found + 1, text: words });
    }
    return out;
  };
  /** the file line (0-based) where a token's raw starts, at or after `from` */
  const startOf = (raw: string, from: number): number => {
    const first = raw.split("\n").find((l) => l.trim() !== "")?.trim();
    if (!first) return from;
    for (let i = from; i < fileLines.length; i++) if (fileLines[i]!.includes(first)) return i;
    return from;
  };
  const walk = (tokens: readonly Token[], from: number, list?: { id: number; ordered: boolean }): number => {
    let cursor = from;
    for (const token of tokens) {
      const start = startOf(token.raw, cursor);
      if (token.type === "heading") {
        const heading = token as Tokens.Heading;
        headings.splice(heading.depth - 1, headings.length, inlineWords(heading.tokens, heading.text).trim());
      } else if (token.type === "paragraph" || token.type === "text") {
        const lines = locate(token.raw, start);
        if (lines.length) blocks.push({ kind: list ? "item" : "paragraph", ...(list ? { list: list.id } : {}), headings: headings.filter((h) => h !== undefined), lines });
        // an item's first paragraph is the item; the ones after it are its paragraphs
        list = undefined;
      } else if (token.type === "list") {
        const id = ++lists;
        let itemCursor = start;
        for (const item of (token as Tokens.List).items) {
          const itemStart = startOf(item.raw, itemCursor);
          itemCursor = walk(item.tokens, itemStart, { id, ordered: (token as Tokens.List).ordered });
        }
      } else if (token.type === "blockquote") {
        walk((token as Tokens.Blockquote).tokens, start);
      }
      // code, tables and HTML are not prose
      cursor = Math.max(cursor, start + Math.max(1, token.raw.replace(/\n+$/, "").split("\n").length) - 1);
    }
    return cursor;
  };
  walk(marked.lexer(text), 0);
  return blocks;
}

/** reStructuredText's inline markup reduced to its words: ``code``, `text <url>`_, :role:`text`, *emphasis*. */
export function plainRstLine(line: string): string {
  return line
    .replace(/``([^`]+)``/g, "$1")
    .replace(/:[\w.+-]+:`([^`<]*?)\s*(?:<[^`>]*>)?`/g, "$1")
    .replace(/`([^`<]*?)\s*(?:<[^`>]*>)?`_{1,2}/g, "$1")
    .replace(/`([^`]+)`/g, "$1")
    .replace(/\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*/g, (_, strong: string | undefined, emphasis: string | undefined) => strong ?? emphasis ?? "")
    .replace(/\s+/g, " ")
    .trim();
}

/** an rst bullet item: `*`, `-` or `+`, then text */
const BULLET = /^(\s*)[*+-]\s+(\S.*)$/;

/** The reStructuredText (or plain text) blocks, line by line. */
function rstProse(text: string): ProseBlock[] {
  const lines = text.split("\n");
  const blocks: ProseBlock[] = [];
  const styles: string[] = [];
  const headings: string[] = [];
  let lists = 0;
  /** the list the previous block was an item of, at an indent: the next item at that indent continues it */
  let openList: { id: number; indent: number } | undefined;
  const proseLine = (i: number): ProseLine | undefined => {
    const words = plainRstLine(lines[i]!);
    return words === "" ? undefined : { line: i + 1, text: words };
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (isBlank(line)) continue;
    const title = titleAt(lines, i, styles);
    if (title) {
      headings.splice(title.level, headings.length, plainRstLine(title.title));
      openList = undefined;
      i++;
      continue;
    }
    if (ADORNMENT.test(line)) continue;
    const code = CODE_DIRECTIVE.exec(line);
    if (code || (!DIRECTIVE.test(line) && /^\s*::\s*$/.test(line))) {
      i = blockEnd(lines, i, indentOf(line));
      continue;
    }
    // an admonition's body is prose: its lines are read as the lines that follow
    if (DIRECTIVE.test(line)) {
      const rest = line.replace(/^\s*\.\.\s+[\w-]+::\s*/, "");
      if (rest !== "") blocks.push({ kind: "paragraph", headings: [...headings], lines: [{ line: i + 1, text: plainRstLine(rest) }] });
      openList = undefined;
      continue;
    }
    const item = BULLET.exec(line) ?? ENUMERATED.exec(line);
    if (item) {
      const indent = indentOf(line);
      const end = blockEnd(lines, i, indent);
      const id = openList && openList.indent === indent ? openList.id : ++lists;
      openList = { id, indent };
      // the item's own lines run to its first blank line or literal block; nested items are items of their own
      const own: ProseLine[] = [{ line: i + 1, text: plainRstLine(item[2]!) }];
      let j = i + 1;
      for (; j <= end && !isBlank(lines[j]!) && !BULLET.test(lines[j]!) && !ENUMERATED.test(lines[j]!); j++) {
        const next = proseLine(j);
        if (next) own.push(next);
      }
      if (own.at(-1)?.text.endsWith("::")) own[own.length - 1] = { ...own.at(-1)!, text: own.at(-1)!.text.replace(/::$/, ":") };
      blocks.push({ kind: "item", list: id, headings: [...headings], lines: own.filter((l) => l.text !== "") });
      // what follows inside the item (a literal block, nested items) is read on its own
      i = own.at(-1)!.line - 1;
      if (lines[i]!.trimEnd().endsWith("::")) i = blockEnd(lines, i, indentOf(lines[i]!));
      continue;
    }
    // a paragraph: its lines up to a blank line
    const paragraph: ProseLine[] = [];
    let j = i;
    for (; j < lines.length && !isBlank(lines[j]!) && !(j > i && (BULLET.test(lines[j]!) || ENUMERATED.test(lines[j]!))); j++) {
      const next = proseLine(j);
      if (next) paragraph.push(next);
    }
    const literal = lines[j - 1]!.trimEnd().endsWith("::");
    if (literal && paragraph.length) paragraph[paragraph.length - 1] = { ...paragraph.at(-1)!, text: paragraph.at(-1)!.text.replace(/::$/, ":") };
    if (paragraph.length) blocks.push({ kind: "paragraph", headings: [...headings], lines: paragraph });
    if (indentOf(line) <= (openList?.indent ?? -1)) openList = undefined;
    i = literal ? blockEnd(lines, j - 1, indentOf(lines[j - 1]!)) : j - 1;
  }
  return blocks;
}

/** One sentence of a block, with the file lines it spans. */
export interface ProseSentence {
  text: string;
  /** the first line */
  line: number;
  lines: number[];
  block: ProseBlock;
}

/** A block's sentences: split after `.`, `!` or `?` and a space, where the next word starts a sentence. */
export function sentencesOf(block: ProseBlock): ProseSentence[] {
  const pieces: Array<{ text: string; line: number }> = [];
  for (const l of block.lines) for (const word of l.text.split(" ")) pieces.push({ text: word, line: l.line });
  const out: ProseSentence[] = [];
  let words: typeof pieces = [];
  const flush = () => {
    if (words.length === 0) return;
    out.push({ text: words.map((w) => w.text).join(" "), line: words[0]!.line, lines: [...new Set(words.map((w) => w.line))], block });
    words = [];
  };
  pieces.forEach((piece, i) => {
    words.push(piece);
    const next = pieces[i + 1];
    // `e.g.` and `i.e.` end no sentence
    if (next && /[.!?]["')\]]?$/.test(piece.text) && !/^(?:e\.g|i\.e|etc|vs|cf)\.$/i.test(piece.text) && /^["'(\[]?[A-Z0-9`*]/.test(next.text)) flush();
  });
  flush();
  return out;
}

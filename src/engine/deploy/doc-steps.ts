/**
 * A documentation file as the steps it lists, section by section: the items of its ordered lists and the lines of
 * its shell blocks, in the order it writes them, each under the headings above it. Read by the documented-upgrade
 * reader (documented-upgrade.ts), line by line, for the few block structures it needs, which both formats define by
 * lines. reStructuredText: npm has no kept reStructuredText parser (the packages that exist are abandoned or render
 * HTML only); titles and indented blocks as rst-lines.ts reads them, an enumerated item starts with `1.` / `#.` /
 * `(1)` and runs while the lines stay indented past its marker, a literal block follows a `::` or a `code-block`
 * directive and runs while indented. Markdown is read with marked's lexer (CommonMark's block rules): titles,
 * ordered lists' items, fenced code blocks.
 */
import { marked, type Tokens } from "marked";
import { SourceLines } from "../source-lines.js";
import { blockEnd, CODE_DIRECTIVE, DIRECTIVE, ENUMERATED, indentOf, isBlank, titleAt } from "./rst-lines.js";

export interface DocStep {
  /** 1-based line of the step's first line */
  line: number;
  /** the item's text (its nested lines and literal blocks with it), or the shell line */
  text: string;
  /** an ordered list's item, or a line of a shell block */
  kind: "item" | "shell";
}

export interface DocSection {
  /** the section's title and those of the sections around it, outermost first */
  headings: string[];
  /** the line of its title (1 before the first title) */
  line: number;
  steps: DocStep[];
}

/** a code block's language that is a shell's (or none: rst's bare `::`) */
export const isShellLanguage = (language: string | undefined): boolean => !language || /^(?:sh|bash|zsh|shell|console|shell-session|shellsession|text|none)$/i.test(language.trim());

/** a shell line without its prompt (`$ `, `# `) or a comment line: undefined */
export function shellLine(raw: string): string | undefined {
  const line = raw.trim().replace(/^(?:\$|>|%)\s+/, "");
  if (line === "" || line.startsWith("#")) return undefined;
  return line;
}

/** The sections of a reStructuredText file with their steps. */
export function rstSections(content: string): DocSection[] {
  const lines = content.replace(/\r\n?/g, "\n").split("\n");
  const sections: DocSection[] = [{ headings: [], line: 1, steps: [] }];
  /** heading styles in the order the document first uses them: the order is the level */
  const styles: string[] = [];
  const stack: string[] = [];
  const current = () => sections[sections.length - 1]!;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (isBlank(line)) continue;
    const title = titleAt(lines, i, styles);
    if (title) {
      stack.splice(title.level, stack.length, title.title);
      sections.push({ headings: [...stack], line: i + 1, steps: [] });
      i++;
      continue;
    }
    const item = ENUMERATED.exec(line);
    if (item) {
      // the item runs while its lines are indented past its marker: nested lines, literal blocks and items are its text
      const end = blockEnd(lines, i, indentOf(line));
      current().steps.push({ line: i + 1, text: lines.slice(i, end + 1).join("\n"), kind: "item" });
      i = end;
      continue;
    }
    const code = CODE_DIRECTIVE.exec(line);
    const literal = !code && !DIRECTIVE.test(line) && /::\s*$/.test(line);
    if (code || literal) {
      const end = blockEnd(lines, i, indentOf(line));
      if (isShellLanguage(code?.[1]))
        for (let j = i + 1; j <= end; j++) {
          // a directive's options (`:linenos:`) are not commands
          const text = code && /^\s*:[\w-]+:/.test(lines[j]!) ? undefined : shellLine(lines[j]!);
          if (text !== undefined) current().steps.push({ line: j + 1, text, kind: "shell" });
        }
      i = end;
      continue;
    }
    if (DIRECTIVE.test(line)) i = blockEnd(lines, i, indentOf(line));
  }
  return sections.filter((s) => s.steps.length > 0);
}

/**
 * The sections of a Markdown file with their steps, from marked's block tokens (CommonMark): ATX and setext titles,
 * the items of ordered lists (each with its continuation lines and the blocks nested in it), the lines of fenced
 * shell blocks. Lines come from where each token's source text lies in the file (top-level tokens' `raw` cover it in order).
 */
export function markdownSections(content: string): DocSection[] {
  const text = content.replace(/\r\n?/g, "\n");
  const lines = new SourceLines(text);
  const lineAt = (offset: number) => lines.lineOfIndex(offset);
  const sections: DocSection[] = [{ headings: [], line: 1, steps: [] }];
  const stack: string[] = [];
  const current = () => sections[sections.length - 1]!;
  let cursor = 0;
  for (const token of marked.lexer(text)) {
    const at = text.indexOf(token.raw, cursor);
    const start = at >= 0 ? at : cursor;
    cursor = start + token.raw.length;
    if (token.type === "heading") {
      const heading = token as Tokens.Heading;
      stack.splice(heading.depth - 1, stack.length, heading.text.trim());
      sections.push({ headings: stack.filter((h) => h !== undefined), line: lineAt(start), steps: [] });
    } else if (token.type === "code") {
      const code = token as Tokens.Code;
      if (code.codeBlockStyle === "indented" || !isShellLanguage(code.lang)) continue;
      // the fence's own line first, then the block's lines
      code.text.split("\n").forEach((line, i) => {
        const shell = shellLine(line);
        if (shell !== undefined) current().steps.push({ line: lineAt(start) + 1 + i, text: shell, kind: "shell" });
      });
    } else if (token.type === "list" && (token as Tokens.List).ordered) {
      let itemCursor = start;
      for (const item of (token as Tokens.List).items) {
        const itemAt = text.indexOf(item.raw, itemCursor);
        const itemStart = itemAt >= 0 ? itemAt : itemCursor;
        itemCursor = itemStart + item.raw.length;
        current().steps.push({ line: lineAt(itemStart), text: item.raw.replace(/\s+$/, ""), kind: "item" });
      }
    }
  }
  return sections.filter((s) => s.steps.length > 0);
}

/** Small Markdown helpers shared by the check-run summary and the review comments. */
import type { Severity } from "../engine/model.js";
import { isSqlPath } from "../engine/sql-file-names.js";

export const SEVERITY_ICON: Record<Severity, string> = { error: "🔴", warning: "🟡", info: "🔵" };

/** The fenced-code language for a migration file, from its extension. */
export function codeLanguage(path: string): string {
  if (isSqlPath(path)) return "sql";
  if (path.endsWith(".rb")) return "ruby";
  if (path.endsWith(".py")) return "python";
  if (path.endsWith(".yml") || path.endsWith(".yaml")) return "yaml";
  return "";
}

/** A fenced block whose fence is longer than any backtick run inside, so the code cannot close it early. */
export function fenced(code: string, language = ""): string {
  const longestRun = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longestRun + 1));
  return `${fence}${language}\n${code.replace(/\s+$/, "")}\n${fence}`;
}

/** Text safe inside one table cell: no pipes or line breaks. */
export function tableCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** Inline code that survives backticks in the text. */
export function inlineCode(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = "`".repeat(longestRun + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

export const plural = (count: number, word: string, many = `${word}s`): string => `${count} ${count === 1 ? word : many}`;

export const utf8Bytes = (text: string): number => Buffer.byteLength(text, "utf8");

/** Cut text to at most `limit` UTF-8 bytes without splitting a character, marking the cut. */
export function truncateBytes(text: string, limit: number, marker = "\n…(truncated)"): string {
  if (utf8Bytes(text) <= limit) return text;
  const room = Math.max(0, limit - utf8Bytes(marker));
  let cut = Buffer.from(text, "utf8").subarray(0, room).toString("utf8");
  if (cut.endsWith("\uFFFD")) cut = cut.slice(0, -1);
  return `${cut}${marker}`;
}

/**
 * One syntax error per file from a parser that reads the whole file as one tree (Prism, tree-sitter). After an
 * error, recovery reports the same cause again: an unterminated heredoc or string also leaves every `end`,
 * bracket or block after it unmatched. The cause is kept (a token left open when there is one, else the first
 * error), saying how many more there were and on which lines, so the file still fails the gate once.
 */
import type { ParseProblem } from "../model.js";

const LINES_SHOWN = 5;

export function oneSyntaxError(problems: readonly ParseProblem[], leftOpen: (problem: ParseProblem) => boolean): ParseProblem[] {
  if (problems.length <= 1) return [...problems];
  const ordered = [...problems].sort((a, b) => a.line - b.line);
  const cause = ordered.find(leftOpen) ?? ordered[0];
  const others = ordered.filter((p) => p !== cause);
  const lines = [...new Set(others.map((p) => p.line))];
  const shown = lines.length > LINES_SHOWN ? `${lines.slice(0, LINES_SHOWN).join(", ")}, ...` : lines.join(", ");
  const more = `${others.length} more syntax error${others.length === 1 ? "" : "s"} in this file (line${lines.length === 1 ? "" : "s"} ${shown}) likely follow${others.length === 1 ? "s" : ""} from it`;
  return [{ ...cause, message: `${cause.message}; ${more}` }];
}

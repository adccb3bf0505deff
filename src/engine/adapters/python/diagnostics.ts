/** What the Python tree says besides code: waivers in comments, and where the file does not parse. */
import type { ParseProblem, Waiver } from "../../model.js";
import { mayHaveWaivers, parseWaiver } from "../../waivers/waivers.js";
import { oneSyntaxError } from "../one-syntax-error.js";
import { locOf } from "./nodes.js";
import type { PyNode } from "./parser.js";

/** `# migguard:ignore RULE reason` comments (tree-sitter's comment nodes, so `#` inside strings never counts). */
export function readWaivers(root: PyNode, content: string): Waiver[] {
  if (!mayHaveWaivers(content)) return [];
  const out: Waiver[] = [];
  for (const comment of root.descendantsOfType("comment")) {
    const waiver = parseWaiver(comment.text, comment.startPosition.row + 1);
    if (waiver) out.push(waiver);
  }
  return out;
}

const MAX_PROBLEMS = 5;

/** ERROR and MISSING nodes of a tree that did not parse cleanly, as one syntax problem (the cause, and how many more). */
export function syntaxProblems(root: PyNode): ParseProblem[] {
  if (!root.hasError) return [];
  const out: ParseProblem[] = [];
  const visit = (node: PyNode) => {
    if (out.length >= MAX_PROBLEMS) return;
    if (node.isMissing) {
      out.push({ line: locOf(node).line, message: `invalid Python: missing ${node.type === "identifier" ? "a name" : `\`${node.type}\``}` });
      return;
    }
    if (node.isError) {
      // a string opened and never closed (an unterminated triple quote): its own line, not where recovery began
      const at = node.children.findIndex((c) => c.type === "string_start");
      const opened = at >= 0 && !node.children.slice(at).some((c) => c.type === "string_end") ? node.children[at] : undefined;
      if (opened) {
        out.push({ line: locOf(opened).line, endLine: locOf(node).endLine, message: `invalid Python: the string opened with \`${opened.text}\` is never closed` });
        return;
      }
      const snippet = node.text.split("\n")[0].trim().slice(0, 40);
      const loc = locOf(node);
      out.push({ line: loc.line, endLine: loc.endLine, message: `invalid Python${snippet ? ` near \`${snippet}\`` : ""}` });
      return;
    }
    for (const child of node.children) if (child.hasError || child.isMissing) visit(child);
  };
  visit(root);
  return oneSyntaxError(out, (p) => p.message.endsWith("is never closed"));
}

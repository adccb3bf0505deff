/**
 * A RunPython write that changes the data again when the function runs again, as django-row-writes reads writes: a
 * fetched row's field set by arithmetic on its own value (`invoice.total_minutes = invoice.total_minutes * 60`,
 * `invoice.total_minutes *= 60`), or a queryset update from the field itself (`.update(total_minutes=F("total_minutes") * 60)`).
 * Run after code that already writes minutes, it multiplies those rows again. Read from tree-sitter's tree.
 */
import { stringText } from "./nodes.js";
import type { PyNode } from "./parser.js";

const ARITHMETIC = new Set(["+", "-", "*", "/", "//"]);

/** The operator of a binary_operator node. */
const operatorOf = (node: PyNode): string | undefined => node.childForFieldName("operator")?.text;

/** `F("field")` or `models.F("field")` naming `field`. */
function isFieldRef(node: PyNode | null, field: string): boolean {
  if (node?.type !== "call") return false;
  const fn = node.childForFieldName("function");
  const name = fn?.type === "attribute" ? fn.childForFieldName("attribute")?.text : fn?.text;
  const first = node.childForFieldName("arguments")?.namedChildren[0];
  return name === "F" && first !== undefined && first !== null && stringText(first) === field;
}

/** The expression is arithmetic with an operand `same` accepts (at any depth of arithmetic and parentheses). */
function growsFrom(node: PyNode | null, same: (operand: PyNode) => boolean): boolean {
  if (node?.type === "parenthesized_expression") return growsFrom(node.namedChildren[0] ?? null, same);
  if (node?.type !== "binary_operator" || !ARITHMETIC.has(operatorOf(node) ?? "")) return false;
  return [node.childForFieldName("left"), node.childForFieldName("right")].some((o) => o !== null && (same(o) || growsFrom(o, same)));
}

/** The first such write of the function body, its first line as written; or undefined. */
export function repeatedWrite(body: PyNode): string | undefined {
  const writes = body.descendantsOfType(["assignment", "augmented_assignment", "call"]).sort((a, b) => a.startIndex - b.startIndex);
  for (const node of writes) {
    const left = node.childForFieldName("left");
    if (node.type === "augmented_assignment" && left?.type === "attribute" && ARITHMETIC.has((node.childForFieldName("operator")?.text ?? "").replace(/=$/, ""))) return node.text.split("\n")[0].trim();
    if (node.type === "assignment" && left?.type === "attribute" && growsFrom(node.childForFieldName("right"), (o) => o.type === "attribute" && o.text === left.text)) return node.text.split("\n")[0].trim();
    if (node.type !== "call") continue;
    const fn = node.childForFieldName("function");
    if (fn?.type !== "attribute" || fn.childForFieldName("attribute")?.text !== "update") continue;
    for (const arg of node.childForFieldName("arguments")?.namedChildren ?? []) {
      if (arg?.type !== "keyword_argument") continue;
      const field = arg.childForFieldName("name")?.text;
      if (field && growsFrom(arg.childForFieldName("value"), (o) => isFieldRef(o, field))) return node.text.split("\n")[0].trim();
    }
  }
  return undefined;
}

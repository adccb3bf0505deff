/**
 * Terraform's HCL files (`.tf`, `.tfvars`), read with tree-sitter's HCL grammar (web-tree-sitter + the WASM that
 * @tree-sitter-grammars/tree-sitter-hcl ships) for the instance counts they write as numbers:
 * `aks_web_app_instances = 8` in a .tfvars, `desired_count = 2` in an `aws_ecs_service`, `replicas = 3` in a
 * `kubernetes_deployment`, a `variable "web_replicas"` whose `default` is 3. An expression (`var.replicas`) counts
 * nothing: its value is unknown here. Loaded only when a deploy decision meets such a file (deploy-readers.ts).
 */
import type { Node, Parser } from "web-tree-sitter";
import type { SourceFile } from "../model.js";
import { grammarParser } from "../adapters/tree-sitter-grammar.js";
import type { DeployEvidence } from "./deploy-model.js";
import { isInstanceCountKey } from "./instance-count-keys.js";

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/** Load the grammar once; later calls share the same promise. */
export const loadHclParser = (): Promise<void> =>
  (loading ??= grammarParser("@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm").then((loaded) => {
    parser = loaded;
  }));

/** Terraform configuration is shallow: a walk deeper than this is not a configuration worth reading */
const MAX_DEPTH = 64;

/** a whole number literal (`8`), else undefined (an expression, a string, a fraction) */
function numberOf(expression: Node | null | undefined): number | undefined {
  const literal = expression?.type === "expression" && expression.namedChildCount === 1 ? expression.namedChildren[0] : undefined;
  const numeric = literal?.type === "literal_value" ? literal.namedChildren[0] : undefined;
  return numeric?.type === "numeric_lit" && /^\d+$/.test(numeric.text) ? Number(numeric.text) : undefined;
}

/** the text of a block label (`"web_instances"`) */
const labelOf = (node: Node): string | undefined => (node.type === "string_lit" ? node.namedChildren.find((c) => c?.type === "template_literal")?.text : node.type === "identifier" ? node.text : undefined);

interface Count {
  key: string;
  count: number;
  node: Node;
}

/** The first count above one: an attribute or object element counting instances, or a variable whose default does. */
function firstCount(node: Node, depth = 0): Count | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (node.type === "attribute") {
    const name = node.namedChildren[0];
    const count = numberOf(node.namedChildren[1]);
    if (name?.type === "identifier" && count !== undefined && count > 1 && isInstanceCountKey(name.text)) return { key: name.text, count, node: name };
  }
  if (node.type === "object_elem") {
    const key = node.childForFieldName("key");
    const keyText = key?.namedChildren[0]?.type === "variable_expr" ? key.namedChildren[0].text : key?.namedChildren[0]?.type === "literal_value" ? labelOf(key.namedChildren[0].namedChildren[0]!) : undefined;
    const count = numberOf(node.childForFieldName("value"));
    if (keyText && count !== undefined && count > 1 && isInstanceCountKey(keyText)) return { key: keyText, count, node };
  }
  if (node.type === "block" && node.namedChildren[0]?.text === "variable") {
    const name = node.namedChildren[1] ? labelOf(node.namedChildren[1]) : undefined;
    const body = node.namedChildren.find((c) => c?.type === "body");
    const byDefault = body?.namedChildren.find((a) => a?.type === "attribute" && a.namedChildren[0]?.text === "default");
    const count = numberOf(byDefault?.namedChildren[1]);
    if (name && count !== undefined && count > 1 && isInstanceCountKey(name)) return { key: name, count, node: byDefault! };
  }
  for (const child of node.namedChildren) {
    const found = child ? firstCount(child, depth + 1) : undefined;
    if (found) return found;
  }
  return undefined;
}

/** A count above one of the application's instances in a Terraform HCL file; none when the file does not parse. */
export function hclInstanceCountSign(file: SourceFile): DeployEvidence | undefined {
  if (!parser) throw new Error(`the HCL grammar is not loaded (reading ${file.path}): wait for loadHclParser first`);
  const tree = parser.parse(file.content);
  if (!tree) return undefined;
  try {
    if (tree.rootNode.hasError) return undefined;
    const found = firstCount(tree.rootNode);
    if (!found) return undefined;
    return {
      path: file.path,
      line: found.node.startPosition.row + 1,
      what: `\`${found.key} = ${found.count}\` in Terraform's configuration: ${found.count} instances run the code, and a deploy replaces them while the others serve`,
    };
  } finally {
    tree.delete();
  }
}

/**
 * Terraform's HCL files (`.tf`, `.tfvars`), read with tree-sitter's HCL grammar (web-tree-sitter + the WASM that
 * @tree-sitter-grammars/tree-sitter-hcl ships) for the instance counts they write as numbers:
 * `aks_web_app_instances = 8` in a .tfvars, `desired_count = 2` in an `aws_ecs_service`, `replicas = 3` in a
 * `kubernetes_deployment`, a `variable "web_replicas"` whose `default` is 3. An expression (`var.replicas`) counts
 * nothing: its value is unknown here. Also a task that only runs the migrations (an ECS task whose `command` migrates,
 * OWASP Nest's `migrate_task`): a deploy step apart from the server's, like a Kubernetes migrate Job. Loaded only when a
 * deploy decision meets such a file (deploy-readers.ts).
 */
import type { Node } from "web-tree-sitter";
import type { SourceFile } from "../model.js";
import { grammarOnDemand } from "../adapters/tree-sitter-grammar.js";
import type { DeployEvidence } from "./deploy-model.js";
import { isInstanceCountKey } from "./instance-count-keys.js";
import { isMigrateStep, SERVER } from "./deploy-commands.js";

const grammar = grammarOnDemand("@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm");

/** Load the grammar once; later calls share the same promise. */
export const loadHclParser = (): Promise<void> => grammar.load();

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

/** an attribute's or object element's key (`command`, `"command"`) */
function keyOf(node: Node): string | undefined {
  if (node.type === "attribute") return node.namedChildren[0]?.type === "identifier" ? node.namedChildren[0].text : undefined;
  if (node.type !== "object_elem") return undefined;
  const key = node.childForFieldName("key")?.namedChildren[0];
  return key?.type === "variable_expr" ? key.text : key?.type === "literal_value" && key.namedChildren[0] ? labelOf(key.namedChildren[0]) : undefined;
}

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
    const keyText = keyOf(node);
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

/** `read` on the file's syntax tree (freed after); undefined when the file does not parse. */
function withHclTree(file: SourceFile, read: (root: Node) => DeployEvidence | undefined): DeployEvidence | undefined {
  const parser = grammar.parser;
  if (!parser) throw new Error(`the HCL grammar is not loaded (reading ${file.path}): wait for loadHclParser first`);
  const tree = parser.parse(file.content);
  if (!tree) return undefined;
  try {
    return tree.rootNode.hasError ? undefined : read(tree.rootNode);
  } finally {
    tree.delete();
  }
}

function countSign(file: SourceFile, root: Node): DeployEvidence | undefined {
  const found = firstCount(root);
  if (!found) return undefined;
  return {
    path: file.path,
    line: found.node.startPosition.row + 1,
    what: `\`${found.key} = ${found.count}\` in Terraform's configuration: ${found.count} instances run the code, and a deploy replaces them while the others serve`,
  };
}

/** A count above one of the application's instances in a Terraform HCL file; none when the file does not parse. */
export const hclInstanceCountSign = (file: SourceFile): DeployEvidence | undefined => withHclTree(file, (root) => countSign(file, root));

/** the keys a task or container definition runs its command under (ECS's `command` and `entryPoint`, Kubernetes' `args`) */
const COMMAND_KEYS = new Set(["command", "args", "entrypoint", "entryPoint"]);

/** the literal text of every string and heredoc under a node, in order (a command list's words) */
function literalsOf(node: Node, depth = 0): string[] {
  if (depth > MAX_DEPTH) return [];
  if (node.type === "template_literal") return [node.text];
  return node.namedChildren.flatMap((child) => (child ? literalsOf(child, depth + 1) : []));
}

/** The first block body or object whose command runs the migrations and no server: a task of its own. */
function firstMigrateTask(node: Node, depth = 0): { node: Node; command: string } | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (node.type === "body" || node.type === "object") {
    const commands = node.namedChildren.filter((child): child is Node => !!child && COMMAND_KEYS.has(keyOf(child) ?? ""));
    const command = commands.flatMap((c) => literalsOf(c)).join(" ");
    if (commands.length > 0 && isMigrateStep(command) && !SERVER.test(command)) return { node: commands[0]!, command };
  }
  for (const child of node.namedChildren) {
    const found = child ? firstMigrateTask(child, depth + 1) : undefined;
    if (found) return found;
  }
  return undefined;
}

/**
 * A task in Terraform's configuration that runs the migrations apart from the server (an ECS task, a module's
 * `command`): the migrations run while the old instances serve, as a Kubernetes migrate Job does.
 */
function migrateTaskSign(file: SourceFile, root: Node): DeployEvidence | undefined {
  const found = firstMigrateTask(root);
  if (!found) return undefined;
  const command = found.command.replace(/\s+/g, " ").trim();
  return {
    path: file.path,
    line: found.node.startPosition.row + 1,
    what: `a task in Terraform's configuration that runs the migrations apart from the server (\`${command.length > 80 ? `${command.slice(0, 77)}...` : command}\`): they run while the old instances serve`,
  };
}

/** A Terraform HCL file's rolling sign, from one parse: its instance count above one, else a task that only migrates. */
export const hclRollingSign = (file: SourceFile): DeployEvidence | undefined => withHclTree(file, (root) => countSign(file, root) ?? migrateTaskSign(file, root));

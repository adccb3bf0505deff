/**
 * The parts of a Django migration that place it in the app's migration graph, read with tree-sitter:
 * `dependencies = [("app", "0004_x"), ...]` and a squashed migration's `replaces = [...]`.
 */
import { withPythonTree, type PyNode } from "../../adapters/python/parser.js";
import { plainString } from "../../adapters/python/nodes.js";

export interface DjangoGraphNode {
  dependencies: Array<{ app: string; name: string }>;
  replaces: Array<{ app: string; name: string }>;
  /** the dependencies that are no literal pair (`migrations.swappable_dependency(settings.AUTH_USER_MODEL)`), as written */
  otherDependencies?: string[];
  /** `run_before = [("app", "name")]`: migrations that depend on this one */
  runBefore?: Array<{ app: string; name: string }>;
}

/** `[("app", "name"), ...]`: pairs of string literals; other entries (swappable_dependency) are skipped. */
function pairs(list: PyNode): Array<{ app: string; name: string }> {
  if (list.type !== "list" && list.type !== "tuple") return [];
  const out: Array<{ app: string; name: string }> = [];
  for (const item of list.namedChildren) {
    if (item.type !== "tuple" && item.type !== "list") continue;
    const [app, name] = item.namedChildren.map((child) => plainString(child));
    if (app !== undefined && name !== undefined) out.push({ app, name });
  }
  return out;
}

/** undefined when the file does not parse or has no `class Migration`. */
export function readDjangoGraphNode(content: string): DjangoGraphNode | undefined {
  return withPythonTree(content, (root) => {
    if (root.hasError) return undefined;
    const migration = root.namedChildren.find((n) => n.type === "class_definition" && n.childForFieldName("name")?.text === "Migration");
    if (!migration) return undefined;
    const node: DjangoGraphNode = { dependencies: [], replaces: [] };
    for (const statement of migration.childForFieldName("body")?.namedChildren ?? []) {
      const assignment = statement.type === "expression_statement" ? statement.namedChildren[0] : undefined;
      if (assignment?.type !== "assignment") continue;
      const name = assignment.childForFieldName("left")?.text;
      const value = assignment.childForFieldName("right");
      if (!value) continue;
      if (name === "dependencies") {
        node.dependencies = pairs(value);
        if (value.type === "list" || value.type === "tuple")
          node.otherDependencies = value.namedChildren.filter((item) => item.type !== "comment" && item.type !== "tuple" && item.type !== "list").map((item) => item.text.replace(/\s+/g, ""));
      }
      if (name === "replaces") node.replaces = pairs(value);
      if (name === "run_before") node.runBefore = pairs(value);
    }
    return node;
  });
}

/** Migration name from its file: `accounts/migrations/0005_add_phone.py` -> `0005_add_phone`. */
export const djangoMigrationName = (path: string): string => path.slice(path.lastIndexOf("/") + 1).replace(/\.py$/, "");

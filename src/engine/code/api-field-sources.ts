/**
 * API fields that a serializer names apart from the attribute they read: Django REST framework's
 * `family = serializers.ChoiceField(source="famille_produits")` (graphene's `source=` alike). Front-end code that
 * reads `purchase.family` reads that API field, whose value comes from `famille_produits`, not a column named
 * family (ma-cantine's 0261 renames the purchase columns into French and keeps the API's English names this way).
 * Read with tree-sitter's Python grammar: a class-level assignment of a call given `source="<another name>"`.
 */
import { withPythonTree, type PyNode } from "../adapters/python/parser.js";
import type { SourceFile } from "../model.js";

/** The literal text of a plain string node (no f-string part), or undefined. */
function literal(node: PyNode | null | undefined): string | undefined {
  if (node?.type !== "string" || node.namedChildren.some((c) => c.type === "interpolation")) return undefined;
  return node.namedChildren.filter((c) => c.type === "string_content").map((c) => c.text).join("");
}

/** `name = Field(..., source="other")` in each class body of the module: name -> the attribute it reads. */
function sourcedFields(root: PyNode, out: Map<string, Set<string>>): void {
  for (const cls of root.descendantsOfType("class_definition")) {
    for (const statement of cls.childForFieldName("body")?.namedChildren ?? []) {
      const assignment = statement.type === "expression_statement" ? statement.namedChildren[0] : undefined;
      if (assignment?.type !== "assignment") continue;
      const name = assignment.childForFieldName("left");
      const call = assignment.childForFieldName("right");
      if (name?.type !== "identifier" || call?.type !== "call") continue;
      for (const argument of call.childForFieldName("arguments")?.namedChildren ?? []) {
        if (argument.type !== "keyword_argument" || argument.childForFieldName("name")?.text !== "source") continue;
        const source = literal(argument.childForFieldName("value"));
        if (source !== undefined && source !== name.text) out.set(name.text, new Set([...(out.get(name.text) ?? []), source]));
      }
    }
  }
}

/**
 * `(name) -> whether a serializer of the code declares an API field of that name that reads another attribute`,
 * read on the first question (only Python files that pass `source=` are parsed).
 */
export function apiFieldSources(files: Iterable<SourceFile>): (name: string) => boolean {
  let fields: Map<string, Set<string>> | undefined;
  return (name) => {
    if (!fields) {
      const found = new Map<string, Set<string>>();
      for (const file of files)
        if (file.path.endsWith(".py") && file.content.includes("source=")) withPythonTree(file.content, (root) => sourcedFields(root, found));
      fields = found;
    }
    return fields.has(name);
  };
}

/**
 * Every database a Django settings module can choose, not only its default: an ENGINE built from a setting
 * (pretalx: `"ENGINE": "django.db.backends." + db_backend`, with `db_backend == "sqlite3"` tests further down),
 * or DATABASES assigned under a condition (django-settings.ts). Read with tree-sitter's Python grammar.
 */
import { stringText } from "../adapters/python/nodes.js";
import { withPythonTree, type PyNode } from "../adapters/python/parser.js";
import type { Database } from "../model.js";
import { conditionalEngines } from "./django-settings.js";
import { djangoEngineDatabase, urlDatabase } from "./names.js";

export interface SettingsDatabases {
  databases: Database[];
  says: string;
}


/** `"django.db.backends." + name` or `f"django.db.backends.{name}"`: the prefix and the variable's name. */
function builtEngine(value: PyNode): { prefix: string; name: string } | undefined {
  if (value.type === "binary_operator" && value.childForFieldName("operator")?.text === "+") {
    const left = value.childForFieldName("left");
    const right = value.childForFieldName("right");
    const prefix = left ? stringText(left) : undefined;
    if (prefix !== undefined && right?.type === "identifier") return { prefix, name: right.text };
  }
  if (value.type === "string") {
    const parts = value.namedChildren.filter((c) => c?.type === "string_content" || c?.type === "interpolation");
    const [content, interpolation] = parts;
    const inner = interpolation?.namedChildren.find((c) => c?.type === "identifier");
    if (parts.length === 2 && content?.type === "string_content" && inner) return { prefix: content.text, name: inner.text };
  }
  return undefined;
}

/** The values of `ENGINE` keys in the module's dicts, and of `...["ENGINE"] = value` assignments. */
function engineValues(root: PyNode): PyNode[] {
  const out: PyNode[] = [];
  for (const pair of root.descendantsOfType("pair")) {
    const key = pair?.childForFieldName("key");
    const value = pair?.childForFieldName("value");
    if (key && value && stringText(key) === "ENGINE") out.push(value);
  }
  for (const assignment of root.descendantsOfType("assignment")) {
    const left = assignment?.childForFieldName("left");
    const right = assignment?.childForFieldName("right");
    if (left?.type === "subscript" && right && left.childForFieldName("subscript") && stringText(left.childForFieldName("subscript")!) === "ENGINE") out.push(right);
  }
  return out;
}

/** Strings a variable is compared with (`x == "sqlite3"`, `x in ("mysql", "postgresql")`) or given as a default (`get(..., "sqlite3")`). */
function valuesOf(root: PyNode, name: string): string[] {
  const out: string[] = [];
  const strings = (node: PyNode) => {
    const text = stringText(node);
    if (text !== undefined) out.push(text);
    else if (node.type === "tuple" || node.type === "list" || node.type === "set") for (const c of node.namedChildren) if (c) strings(c);
  };
  for (const comparison of root.descendantsOfType("comparison_operator")) {
    const operands = comparison?.namedChildren ?? [];
    if (operands.length !== 2 || !operands.some((o) => o?.type === "identifier" && o.text === name)) continue;
    for (const operand of operands) if (operand && operand.type !== "identifier") strings(operand);
  }
  for (const assignment of root.descendantsOfType("assignment")) {
    if (assignment?.childForFieldName("left")?.text !== name) continue;
    const right = assignment.childForFieldName("right");
    for (const s of right?.descendantsOfType("string") ?? []) if (s) strings(s);
  }
  return out;
}

export function readSettingsDatabases(content: string): SettingsDatabases | undefined {
  return withPythonTree(content, (root) => {
    const found = new Map<Database, string>();
    for (const value of engineValues(root)) {
      const literal = stringText(value);
      const database = literal ? djangoEngineDatabase(literal) : undefined;
      if (database && literal) found.set(database, literal);
      const built = builtEngine(value);
      if (!built) continue;
      for (const text of valuesOf(root, built.name)) {
        const engine = built.prefix + text;
        const chosen = djangoEngineDatabase(engine);
        if (chosen && !found.has(chosen)) found.set(chosen, `${built.name} == "${text}"`);
      }
    }
    for (const engine of conditionalEngines(root)) {
      const chosen = djangoEngineDatabase(engine) ?? urlDatabase(engine);
      if (chosen && !found.has(chosen)) found.set(chosen, engine);
    }
    if (found.size === 0) return undefined;
    return { databases: [...found.keys()], says: [...found.values()].join(", ") };
  });
}

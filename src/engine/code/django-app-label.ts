/**
 * A Django app's label, read from the AppConfig of its apps.py with tree-sitter's Python grammar: `label = "..."`,
 * else the last part of its `name` (Django's default). apps.get_model() takes the label, which the folder's name
 * need not be (meinberlin's adminlog app is labelled meinberlin_adminlog).
 */
import { withPythonTree, type PyNode } from "../adapters/python/parser.js";
import type { SourceFile } from "../model.js";

interface AppConfigNames {
  name?: string;
  label?: string;
}

function stringValue(node: PyNode | null): string | undefined {
  if (node?.type !== "string" || node.namedChildren.some((c) => c.type === "interpolation")) return undefined;
  const content = node.namedChildren.filter((c) => c.type === "string_content");
  return content.length === 1 ? content[0].text : undefined;
}

/** The `name` and `label` of each class at the module level of an apps.py that sets one of them. */
function appConfigs(content: string): AppConfigNames[] {
  return withPythonTree(content, (root) => {
    const out: AppConfigNames[] = [];
    for (const statement of root.namedChildren) {
      const node = statement.type === "decorated_definition" ? statement.childForFieldName("definition") : statement;
      if (node?.type !== "class_definition") continue;
      const names: AppConfigNames = {};
      for (const line of node.childForFieldName("body")?.namedChildren ?? []) {
        const assignment = line.type === "expression_statement" ? line.namedChildren[0] : undefined;
        if (assignment?.type !== "assignment") continue;
        const left = assignment.childForFieldName("left")?.text;
        const value = stringValue(assignment.childForFieldName("right"));
        if ((left === "name" || left === "label") && value !== undefined) names[left] = value;
      }
      if (names.name !== undefined || names.label !== undefined) out.push(names);
    }
    return out;
  });
}

/** `meinberlin.apps.adminlog.models` or `...models.log` -> `meinberlin.apps.adminlog`: the app a models module belongs to. */
export function appModuleOf(modelsModule: string): string | undefined {
  const parts = modelsModule.split(".");
  const at = parts.lastIndexOf("models");
  return at > 0 ? parts.slice(0, at).join(".") : undefined;
}

/**
 * The label of the app `appModule` (a dotted module path) from the apps.py among `files` that is that module's
 * (`meinberlin/apps/adminlog/apps.py`, also under a source folder); undefined when none of them is.
 */
export function djangoAppLabel(appModule: string, files: readonly SourceFile[]): string | undefined {
  const suffix = `${appModule.replace(/\./g, "/")}/apps.py`;
  const file = files.find((f) => f.path === suffix || f.path.endsWith(`/${suffix}`));
  if (!file) return undefined;
  let configs: AppConfigNames[];
  try {
    configs = appConfigs(file.content);
  } catch {
    return undefined; // an apps.py the grammar cannot read: the label is not known
  }
  const config = configs.find((c) => c.name === appModule) ?? (configs.length === 1 ? configs[0] : undefined);
  return config?.label ?? appModule.slice(appModule.lastIndexOf(".") + 1);
}

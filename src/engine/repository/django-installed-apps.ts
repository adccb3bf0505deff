/**
 * The apps a Django settings module installs: the strings of `INSTALLED_APPS` wherever it is built at module level
 * (`= (...)`, `= DJANGO_APPS + LOCAL_APPS`, `+=`, `.append(...)`, `.extend(...)`, `.insert(i, ...)`, under `if` and
 * `try` too: settings choose at run time). Read with tree-sitter's Python grammar and the adapter's evaluator, so
 * names bound earlier in the module are followed. Whether an app left INSTALLED_APPS tells the removal of a whole
 * app, Django's documented last step, from migrations deleted while the app still loads (django-app-removal.ts).
 */
import { visitModuleLevel } from "../adapters/python/module-level.js";
import { evaluate, type PyValue } from "../adapters/python/values.js";

const SETTING = "INSTALLED_APPS";
const GROWING = new Set(["append", "extend", "insert"]);

export interface InstalledApp {
  /** the entry as written: a module path or an AppConfig's dotted path */
  entry: string;
  line: number;
}

/** Every string in a value: the items of lists and tuples, both sides of `+`. */
function strings(value: PyValue, out: InstalledApp[]): void {
  if (value.kind === "str" && !value.unresolved) out.push({ entry: value.value, line: value.loc.line });
  else if (value.kind === "list") for (const item of value.items) strings(item, out);
  else if (value.kind === "unknown") for (const operand of value.operands ?? []) strings(operand, out);
}

/** The entries of INSTALLED_APPS in a settings module; [] when it has none or cannot be read. */
export function readInstalledApps(content: string): InstalledApp[] {
  if (!content.includes(SETTING)) return [];
  try {
    const out: InstalledApp[] = [];
    visitModuleLevel(content, (node, ctx) => {
      if (node.type === "assignment" || node.type === "augmented_assignment") {
        const left = node.childForFieldName("left");
        const right = node.childForFieldName("right");
        if (left?.type === "identifier" && left.text === SETTING && right) strings(evaluate(right, ctx), out);
      }
      if (node.type === "call") {
        const callee = node.childForFieldName("function");
        const object = callee?.type === "attribute" ? callee.childForFieldName("object") : undefined;
        const method = callee?.type === "attribute" ? callee.childForFieldName("attribute")?.text : undefined;
        if (object?.text === SETTING && method && GROWING.has(method))
          for (const arg of node.childForFieldName("arguments")?.namedChildren ?? []) if (arg) strings(evaluate(arg, ctx), out);
      }
    });
    return out;
  } catch {
    return []; // a settings module too deeply nested to read: what it installs is not known
  }
}

/**
 * Whether an INSTALLED_APPS entry names the app in `appFolder` (`articles`, `src/apps/articles`): the folder's
 * module path as Python imports it from some folder above (`articles`, `apps.articles`), or an AppConfig class
 * in it (`website_content.apps.WebsiteContentConfig`).
 */
export function namesApp(entry: string, appFolder: string): boolean {
  const parts = appFolder.split("/").filter(Boolean);
  for (let start = 0; start < parts.length; start++) {
    const module = parts.slice(start).join(".");
    if (entry === module) return true;
    if (entry.startsWith(`${module}.`) && /^[A-Z]/.test(entry.slice(entry.lastIndexOf(".") + 1))) return true;
  }
  return false;
}

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

/** What a settings module installs, and whether that is all of it. */
export interface InstalledAppsReading {
  apps: InstalledApp[];
  /**
   * every value INSTALLED_APPS is built from was read: literal lists and tuples of strings, their `+`, and the
   * setting itself (`INSTALLED_APPS += [...]` after `from .base import INSTALLED_APPS`); false for a value known
   * only at run time (a call, an imported list, a comprehension, an f-string), an item assignment, or a module
   * that could not be read. Only an exact reading says an app is NOT installed.
   */
  exact: boolean;
}

/** The setting itself, imported from another settings module (`from .base import INSTALLED_APPS`). */
const isTheSetting = (name: string) => name === SETTING || name.endsWith(`.${SETTING}`);

/** Whether a value is known whole: strings, lists of them, their concatenation, the setting itself. */
function isExact(value: PyValue): boolean {
  if (value.kind === "str") return !value.unresolved && value.runTime === undefined;
  if (value.kind === "list") return value.items.every(isExact);
  if (value.kind === "name") return isTheSetting(value.name);
  // `A + B` the evaluator left unjoined (a list and the setting), and parentheses around a value
  if (value.kind === "unknown" && (value.operator === "+" || (value.operator === undefined && value.comparison === undefined && value.subscript === undefined && value.text.startsWith("("))))
    return (value.operands?.length ?? 0) > 0 && value.operands!.every(isExact);
  return false;
}

/** The entries of INSTALLED_APPS in a settings module, and whether they are all it installs. */
export function readInstalledAppsExactly(content: string): InstalledAppsReading {
  if (!content.includes(SETTING)) return { apps: [], exact: true };
  try {
    const out: InstalledApp[] = [];
    let exact = true;
    const read = (value: PyValue) => {
      strings(value, out);
      exact &&= isExact(value);
    };
    visitModuleLevel(content, (node, ctx) => {
      if (node.type === "assignment" || node.type === "augmented_assignment") {
        const left = node.childForFieldName("left");
        const right = node.childForFieldName("right");
        if (left?.type === "identifier" && left.text === SETTING && right) read(evaluate(right, ctx));
        // INSTALLED_APPS[0:0] = [...]: an edit this reader does not follow
        if (left?.type === "subscript" && left.childForFieldName("value")?.text === SETTING) exact = false;
      }
      if (node.type === "call") {
        const callee = node.childForFieldName("function");
        const object = callee?.type === "attribute" ? callee.childForFieldName("object") : undefined;
        const method = callee?.type === "attribute" ? callee.childForFieldName("attribute")?.text : undefined;
        if (object?.text === SETTING && method && GROWING.has(method)) {
          const args = node.childForFieldName("arguments")?.namedChildren ?? [];
          // insert(i, app): the index is no app
          for (const arg of method === "insert" ? args.slice(1) : args) if (arg) read(evaluate(arg, ctx));
        }
      }
    });
    // dynaconf's merge marker (pulp plugins: galaxy_ng): this list is merged into one built elsewhere
    return { apps: out, exact: exact && !out.some((app) => app.entry.startsWith("dynaconf_merge")) };
  } catch {
    return { apps: [], exact: false }; // a settings module too deeply nested to read: what it installs is not known
  }
}

/** The entries of INSTALLED_APPS in a settings module; [] when it has none or cannot be read. */
export function readInstalledApps(content: string): InstalledApp[] {
  return readInstalledAppsExactly(content).apps;
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

/**
 * Django settings modules: `DATABASES = {"default": {"ENGINE": "django.db.backends.mysql", ...}}`, or a URL
 * helper (`dj_database_url.config(default="mysql://...")`, `env.db(default=...)`, `dj_database_url.parse("...")`),
 * read with tree-sitter's Python grammar and the adapter's static evaluator (module constants followed).
 */
import { readModule } from "../adapters/python/module.js";
import { withPythonTree, type PyNode } from "../adapters/python/parser.js";
import { asString, dictGet, kwarg, type PyValue } from "../adapters/python/values.js";
import type { Database } from "../model.js";
import { djangoEngineDatabase, urlDatabase } from "./names.js";
import type { SignalReading } from "./signal.js";
import { isDevelopmentSettingsPath, isTestSettingsPath } from "./development-settings.js";

/** The database of one DATABASES entry: its ENGINE, or the URL a helper is given. */
export function settingsDatabase(value: PyValue | undefined): { database: Database; says: string } | undefined {
  if (!value) return undefined;
  if (value.kind === "dict") {
    const engine = asString(dictGet(value, "ENGINE"));
    const database = engine ? djangoEngineDatabase(engine) : undefined;
    return database && engine ? { database, says: `DATABASES["default"]["ENGINE"] is ${engine}` } : undefined;
  }
  if (value.kind === "call") {
    const url = asString(kwarg(value, "default")) ?? asString(value.args[0]);
    const database = url ? urlDatabase(url) : undefined;
    return database && url ? { database, says: `the default database URL is ${url.split(":")[0]}://...` } : undefined;
  }
  return undefined;
}

/**
 * The engines DATABASES is given under a module-level `if`/`elif`/`else` (healthchecks: SQLite unless
 * `DB=postgres`): which one runs is chosen at run time, so the unconditional assignment is only one of them.
 */
export function conditionalEngines(root: PyNode): string[] {
  const engines: string[] = [];
  const visit = (node: PyNode, conditional: boolean) => {
    if (node.type === "function_definition" || node.type === "class_definition") return;
    if (conditional && node.type === "assignment") {
      const left = node.childForFieldName("left")?.text ?? "";
      // DATABASES = {...}, DATABASES["default"] = {...}, DATABASES["default"]["ENGINE"] = "..."
      if (left === "DATABASES" || left.startsWith("DATABASES[")) {
        const strings: PyNode[] = [];
        const collect = (n: PyNode) => {
          if (n.type === "string") strings.push(n);
          for (const c of n.namedChildren) if (c) collect(c);
        };
        const right = node.childForFieldName("right");
        if (right) collect(right);
        for (const str of strings) {
          const text = str.namedChildren.find((c) => c?.type === "string_content")?.text ?? "";
          if (djangoEngineDatabase(text) || urlDatabase(text)) engines.push(text);
        }
        if (!strings.length) engines.push("a value computed at run time");
      }
    }
    const inBranch = conditional || node.type === "if_statement" || node.type === "try_statement";
    for (const child of node.namedChildren) if (child) visit(child, inBranch);
  };
  visit(root, false);
  return engines;
}

/** DATABASES assigned only under a module-level `if`/`try` (DefectDojo: a URL, else an ENGINE from the environment). */
function assignedOnlyUnderCondition(root: PyNode): boolean {
  const visit = (node: PyNode, conditional: boolean): boolean => {
    if (node.type === "function_definition" || node.type === "class_definition") return false;
    if (conditional && node.type === "assignment" && node.childForFieldName("left")?.text === "DATABASES") return true;
    const inBranch = conditional || node.type === "if_statement" || node.type === "try_statement";
    return node.namedChildren.some((child) => child !== null && visit(child, inBranch));
  };
  return visit(root, false);
}

export function readDjangoSettings(path: string, content: string): SignalReading {
  return withPythonTree(content, (root) => {
    const module = readModule(root, content);
    const databases = module.bindings.get("DATABASES");
    // a production module that chooses DATABASES at run time still speaks for production: test settings do not decide over it
    if (!databases) return assignedOnlyUnderCondition(root) ? { path, why: "its DATABASES is assigned under a condition, its engine computed at run time" } : undefined;
    const found = settingsDatabase(dictGet(databases, "default"));
    if (!found) return { path, why: "its DATABASES default engine is computed at run time (an environment variable, a variable)" };
    const others = conditionalEngines(root).filter((e) => (djangoEngineDatabase(e) ?? urlDatabase(e)) !== found.database);
    if (others.length)
      return { path, why: `its DATABASES default is chosen at run time: ${found.says}, or under a condition ${[...new Set(others)].join(", ")}` };
    const forTests = isTestSettingsPath(path);
    return { ...found, path, strength: isDevelopmentSettingsPath(path) ? "fallback" : "config", ...(forTests ? { forTests } : {}) };
  });
}

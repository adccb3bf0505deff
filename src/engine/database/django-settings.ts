/**
 * Django settings modules: `DATABASES = {"default": {"ENGINE": "django.db.backends.mysql", ...}}`, or a URL
 * helper (`dj_database_url.config(default="mysql://...")`, `env.db(default=...)`, `dj_database_url.parse("...")`),
 * read with tree-sitter's Python grammar and the adapter's static evaluator (module constants followed).
 */
import { readModule } from "../adapters/python/module.js";
import { withPythonTree } from "../adapters/python/parser.js";
import { asString, dictGet, kwarg, type PyValue } from "../adapters/python/values.js";
import type { Database } from "../model.js";
import { djangoEngineDatabase, urlDatabase } from "./names.js";
import type { SignalReading } from "./signal.js";

const baseOf = (path: string) => path.slice(path.lastIndexOf("/") + 1);

/** Settings modules named for development or tests (or kept among tests and examples) say what developers run, not production. */
export const isDevelopmentSettings = (path: string): boolean =>
  /(?:^|[_./])(dev|development|local|test|tests|testing|ci)(?:[_.]|$)/.test(baseOf(path).replace(/\.py$/, "")) ||
  /(?:^|\/)(tests?|testing|fixtures|examples?|docs|spec)\//.test(path);

function fromValue(value: PyValue | undefined): { database: Database; says: string } | undefined {
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

export function readDjangoSettings(path: string, content: string): SignalReading {
  return withPythonTree(content, (root) => {
    const module = readModule(root, content);
    const databases = module.bindings.get("DATABASES");
    if (!databases) return undefined;
    const found = fromValue(dictGet(databases, "default"));
    if (!found) return { path, why: "its DATABASES default engine is computed at run time (an environment variable, a variable)" };
    return { ...found, path, strength: isDevelopmentSettings(path) ? "fallback" : "config" };
  });
}

/**
 * Alembic: `sqlalchemy.url` in alembic.ini's [alembic] section, or in env.py a literal URL given to
 * `config.set_main_option("sqlalchemy.url", ...)` / `create_engine(...)` (tree-sitter; nothing is run).
 */
import { withPythonTree } from "../adapters/python/parser.js";
import { asString } from "../adapters/python/values.js";
import { evaluatedCalls } from "./alembic-env.js";
import { urlDatabase } from "./names.js";
import type { SignalReading } from "./signal.js";

/** INI is data, not code: `key = value` lines under `[section]`, `;`/`#` comments. */
export function readAlembicIni(path: string, content: string): SignalReading {
  let section = "";
  for (const raw of content.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith("[") && line.endsWith("]")) section = line.slice(1, -1).trim();
    else if (section === "alembic" && /^sqlalchemy\.url\s*[=:]/.test(line)) {
      const url = line.slice(line.search(/[=:]/) + 1).trim();
      const database = urlDatabase(url);
      if (database) return { database, path, says: `sqlalchemy.url is ${url.split(":")[0]}://...`, strength: "config" };
      return { path, why: url.includes("%(") || url.includes("${") ? "its sqlalchemy.url is interpolated" : `its sqlalchemy.url "${url}" names no database migguard knows` };
    }
  }
  return undefined;
}

export function readAlembicEnv(path: string, content: string): SignalReading {
  return withPythonTree(content, (root) => {
    let runtime: number | undefined;
    for (const { value } of evaluatedCalls(root)) {
      if (value.kind !== "call") continue;
      const name = value.callee.slice(value.callee.lastIndexOf(".") + 1);
      const given =
        name === "set_main_option" && asString(value.args[0]) === "sqlalchemy.url" ? value.args[1] : name === "create_engine" ? value.args[0] : name === "configure" && /context/.test(value.callee) ? value.kwargs.get("url") : undefined;
      if (!given) continue;
      const url = asString(given);
      const database = url ? urlDatabase(url) : undefined;
      if (database && url) return { database, path, says: `${name}(...) is given ${url.split(":")[0]}://...`, strength: "config" };
      // the ini's option set to a URL computed when migrations run (the application's settings, an environment
      // variable); a computed create_engine()/configure(url=) may just pass the ini's URL on (Alembic's template)
      if (url === undefined && name === "set_main_option" && !(given.kind === "call" && given.callee.endsWith("get_main_option"))) runtime ??= given.loc.line;
    }
    return runtime === undefined ? undefined : { path, why: `sets the database URL when the migrations run (line ${runtime}), so alembic.ini's sqlalchemy.url is not the one they use`, overridesIni: true };
  });
}

/**
 * The names a project goes by in its own prose: the repository's name and the package names its manifests declare
 * (pyproject.toml's `[project]` or Poetry's name, setup.cfg's `[metadata]`, setup.py's `setup(name=...)`, package.json's
 * name without its scope). Octavia's upgrade guide says "Gracefully stop all Octavia processes": the project named
 * where another would write "the application" (deploy/downtime-notes.ts). Read with the real parsers (TOML, JSON, the
 * Python grammar); a name that also says a component or a database ("worker", "api", "postgres") or is shorter than
 * three letters is left out: "stop all worker processes" must not read as the whole project.
 */
import { parse as parseToml } from "smol-toml";
import type { SourceFile } from "../model.js";
import { baseOf } from "../paths.js";
import { normalisedPackageName } from "./python-requirements.js";
import { setupCfgName, setupPyName } from "./python-setup-files.js";

/** names that say a part of a system, never a whole project of that name */
const COMPONENT_NAMES = /^(?:web|webapp|www|api|apis|app|apps|server|servers|site|worker|workers|celery|sidekiq|cron|scheduler|jobs?|queues?|backend|frontend|db|database|postgres(?:ql)?|mysql|redis|nginx|proxy|cache|docs?|core|common|lib|src|main)$/;

type Table = Record<string, unknown>;
const table = (value: unknown): Table | undefined => (value && typeof value === "object" && !Array.isArray(value) ? (value as Table) : undefined);
const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined);

/** The name one manifest declares for its project; undefined for other files or when it cannot be read. */
function declaredName(file: SourceFile): string | undefined {
  try {
    switch (baseOf(file.path)) {
      case "pyproject.toml": {
        const doc = parseToml(file.content);
        return text(table(doc.project)?.name) ?? text(table(table(doc.tool)?.poetry)?.name);
      }
      case "setup.cfg":
        return setupCfgName(file.content);
      case "setup.py":
        return setupPyName(file.content);
      case "package.json":
        return text(table(JSON.parse(file.content))?.name)?.replace(/^@[^/]+\//, "");
      default:
        return undefined;
    }
  } catch {
    return undefined; // an unreadable manifest names nothing
  }
}

/** A name as prose compares it: lower case, `-`, `_` and `.` alike (PEP 503). */
export const comparableName = (name: string): string => normalisedPackageName(name);

/**
 * The project's names, comparable (comparableName): `repository` (its name, without the owner) and what the manifests
 * among `files` declare. setup.py is read only when the Python parser is loaded (`pythonReady`).
 */
export function projectNames(repository: string | undefined, files: readonly SourceFile[], pythonReady: boolean): Set<string> {
  const names = new Set<string>();
  const add = (name: string | undefined) => {
    const comparable = name === undefined ? "" : comparableName(name);
    if (comparable.length >= 3 && !COMPONENT_NAMES.test(comparable)) names.add(comparable);
  };
  add(repository?.split("/").pop()?.replace(/\.git$/, ""));
  for (const file of files) if (pythonReady || baseOf(file.path) !== "setup.py") add(declaredName(file));
  return names;
}

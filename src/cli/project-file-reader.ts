/**
 * The CLI's reader of the project's Python modules that Django migrations import (a helper that returns SQL, a
 * subclass of RunSQL), and of a Rails migration's project base class: the engine asks for them by path (AnalyzeInput.readProjectFile) and this reads each one
 * from the working tree, inside the repository (or the working directory outside one), never through a link.
 */
import { lstatSync, readFileSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import type { ProjectFileReader } from "../engine/adapters/python/project-modules.js";
import { PROJECT_MODULE_LIMITS, SYMLINK_NOT_READ, projectModuleTooLarge } from "../engine/limits.js";
import { repositoryRootAbove } from "./walk-files.js";

/** The file's text; undefined when it cannot be read (then said as a module too large, as a failed read always was). */
function readText(absolute: string): string | undefined {
  try {
    return readFileSync(absolute, "utf8");
  } catch {
    return undefined;
  }
}

/** `(path) => text` for `.py` and `.rb` paths as the analysis names them (relative to `base`); undefined for anything else. */
export function projectFileReader(base: string): ProjectFileReader {
  const root = repositoryRootAbove(base) ?? base;
  return (path) => {
    // .rb: a Rails migration's project base class (adapters/rails/project-base-class.ts)
    if (!path.endsWith(".py") && !path.endsWith(".rb")) return undefined;
    const absolute = resolve(base, path);
    const inside = relative(root, absolute);
    if (inside === "" || inside.startsWith("..") || isAbsolute(inside)) return undefined;
    const stat = lstatSync(absolute, { throwIfNoEntry: false });
    // no such module in the repository (most names asked for): the name stays one made at run time
    if (stat === undefined) return undefined;
    // there but not read: the finding the module would have told says why (the App says the same of a fetch)
    if (stat.isSymbolicLink()) return { unread: SYMLINK_NOT_READ };
    if (!stat.isFile()) return undefined;
    return (stat.size <= PROJECT_MODULE_LIMITS.bytes ? readText(absolute) : undefined) ?? { unread: projectModuleTooLarge(stat.size) };
  };
}

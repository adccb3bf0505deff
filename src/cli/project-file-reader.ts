/**
 * The CLI's reader of the project's Python modules that Django migrations import (a helper that returns SQL, a
 * subclass of RunSQL): the engine asks for them by path (AnalyzeInput.readProjectFile) and this reads each one
 * from the working tree, inside the repository (or the working directory outside one), never through a link.
 */
import { isAbsolute, relative, resolve } from "node:path";
import { readRegularFile } from "./deploy-files.js";
import { repositoryRootAbove } from "./walk-files.js";

/** a module larger than this is not a helper worth reading */
const MAX_BYTES = 256 * 1024;

/** `(path) => text` for `.py` paths as the analysis names them (relative to `base`); undefined for anything else. */
export function projectFileReader(base: string): (path: string) => string | undefined {
  const root = repositoryRootAbove(base) ?? base;
  return (path) => {
    if (!path.endsWith(".py")) return undefined;
    const absolute = resolve(base, path);
    const inside = relative(root, absolute);
    if (inside === "" || inside.startsWith("..") || isAbsolute(inside)) return undefined;
    // undefined for no such module in the repository: the name stays one made at run time
    return readRegularFile(absolute, MAX_BYTES);
  };
}

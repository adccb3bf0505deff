// `node --import <this file>`: appends to $MIGGUARD_LOADED_MODULES the URL of every module file the process loads
// (ES modules through a loader hook, CommonJS files through require; an ES module also as `esm:<URL>`) and, as
// `module:<path>`, every module that the CLI's script runs (a bundle built with `recordModules` reports them to
// globalThis.__migguardModuleRun), and at exit, as `builtin:<name>`, every Node built-in module the process loaded.
import { appendFileSync } from "node:fs";
import Module, { register } from "node:module";
import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";

const record = (line) => appendFileSync(process.env.MIGGUARD_LOADED_MODULES, line + "\n");

const hooks = `
import { appendFileSync } from "node:fs";
export async function load(url, context, nextLoad) {
  appendFileSync(process.env.MIGGUARD_LOADED_MODULES, url + "\\n");
  const loaded = await nextLoad(url, context);
  if (loaded.format === "module") appendFileSync(process.env.MIGGUARD_LOADED_MODULES, "esm:" + url + "\\n");
  return loaded;
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);

const load = Module._load;
Module._load = function (request, parent, isMain) {
  const loaded = load.apply(this, arguments);
  const path = Module._resolveFilename(request, parent, isMain);
  if (isAbsolute(path)) record(pathToFileURL(path).href);
  return loaded;
};

globalThis.__migguardModuleRun = (path) => record(`module:${path}`);

process.on("exit", () => {
  for (const entry of process.moduleLoadList) if (entry.startsWith("NativeModule ")) record(`builtin:${entry.slice("NativeModule ".length)}`);
});

// `node --import <this file>`: appends the URL of every module the process loads to $MIGGUARD_LOADED_MODULES.
import { register } from "node:module";

const hooks = `
import { appendFileSync } from "node:fs";
export async function load(url, context, nextLoad) {
  appendFileSync(process.env.MIGGUARD_LOADED_MODULES, url + "\\n");
  return nextLoad(url, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);

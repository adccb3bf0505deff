/**
 * Python that hides which operation runs: an attribute looked up by name (`getattr(op, "drop_table")(...)`) and
 * source code held in a string (`exec("op.drop_table('users')")`). A reviewer searching the diff for the
 * operation does not find it; a name computed at run time cannot be checked at all.
 */
import { qualifiedName, type Imports } from "./imports.js";
import { callParts, unparen } from "./nodes.js";
import type { PyNode } from "./parser.js";

/** `getattr(object, "name")` as the function of a call. */
export interface Lookup {
  /** the getattr call as written */
  text: string;
  /** `alembic.op.drop_table`, when the object and the name are known */
  qualified?: string;
  /** the attribute written directly, `op.drop_table`, when the name is known */
  direct?: string;
  /** the attribute's name, when known */
  name?: string;
}

/** Python's builtins that run code held in a string. */
const RUNS_SOURCE = new Set(["exec", "eval"]);

/** `getattr(op, "drop_table")`: the lookup, when `fn` is one (the builtin, not a local function of that name). */
export function getattrLookup(fn: PyNode, imports: Imports, nameOf: (node: PyNode) => string | undefined): Lookup | undefined {
  const n = unparen(fn);
  if (n.type !== "call") return undefined;
  const parts = callParts(n);
  const callee = parts && unparen(parts.function);
  if (!parts || callee?.type !== "identifier" || callee.text !== "getattr" || imports.lookup("getattr") !== undefined) return undefined;
  const [object, attribute] = parts.positional;
  if (!object || !attribute) return undefined;
  const name = nameOf(attribute);
  const base = qualifiedName(object, imports);
  return { text: n.text, name, qualified: name && base ? `${base}.${name}` : undefined, direct: name ? `${object.text}.${name}` : undefined };
}

/** `exec(...)` / `eval(...)`, the builtins (not a function of the file's own by that name). */
export const runsSource = (qualified: string | undefined, imports: Imports): boolean =>
  qualified !== undefined && RUNS_SOURCE.has(qualified) && imports.lookup(qualified) === undefined;

/** What to tell about a call through `getattr`: the message, and the direct call when the name is known. */
export function lookupProblem(lookup: Lookup, callText: string, what: string): { message: string; fix?: string } {
  if (!lookup.name) return { message: `\`${lookup.text}\` looks up ${what} whose name is computed at run time, so this operation cannot be checked statically` };
  return {
    message: `\`${lookup.text}\` looks ${lookup.name} up by name: a reviewer searching the diff for ${lookup.name} does not see it (migguard checked it as ${lookup.name})`,
    fix: `${lookup.direct}${callText.slice(lookup.text.length)}`,
  };
}

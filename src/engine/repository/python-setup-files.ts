/**
 * The requirements a setuptools project declares: `install_requires` of setup.cfg's [options] section, and of the
 * `setup(...)` call of setup.py (read with the Python grammar: a literal list, or a module-level name bound to one).
 * What is built at run time (read from another file, computed) is not known: no requirement.
 */
import { readModule } from "../adapters/python/module.js";
import { withPythonTree } from "../adapters/python/parser.js";
import { asStrings, evaluate } from "../adapters/python/values.js";

/** setup.cfg is an INI file: `install_requires =` in [options], its items on the indented lines that follow (or on the same line). */
export function setupCfgRequirements(content: string): string[] {
  const out: string[] = [];
  let section = "";
  let inValue = false;
  for (const raw of content.split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, "");
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header) {
      section = header[1].trim();
      inValue = false;
      continue;
    }
    if (/^\s*(?:[#;]|$)/.test(line)) continue;
    const continued = /^\s/.test(line);
    if (continued) {
      if (inValue) out.push(line.trim());
      continue;
    }
    const entry = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(line);
    inValue = section === "options" && entry?.[1] === "install_requires";
    if (inValue && entry![2]) out.push(entry![2]);
  }
  return out;
}

/** install_requires of setup.py's `setup(...)` (or `setuptools.setup(...)`) call. */
export function setupPyRequirements(content: string): string[] {
  return withPythonTree(content, (root) => {
    const module = readModule(root, content);
    for (const call of root.descendantsOfType("call")) {
      const callee = call.childForFieldName("function")?.text.replace(/\s+/g, "");
      if (callee !== "setup" && !callee?.endsWith(".setup")) continue;
      for (const argument of call.childForFieldName("arguments")?.namedChildren ?? []) {
        if (argument.type !== "keyword_argument" || argument.childForFieldName("name")?.text !== "install_requires") continue;
        const value = argument.childForFieldName("value");
        return (value && asStrings(evaluate(value, { imports: module.imports, bindings: module.bindings }))) ?? [];
      }
    }
    return [];
  });
}

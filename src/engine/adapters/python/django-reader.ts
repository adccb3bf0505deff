/**
 * A Django migration file as data: the `Migration` class's `operations`, `dependencies`, `atomic`, plus what
 * its RunPython functions do. Read once per file and analysis (the same file also serves as history for the
 * later migrations of its app), then the tree is freed.
 */
import type { ParseProblem, Waiver } from "../../model.js";
import { dataFunctionFacts, type DataFunctionFacts } from "./django-runpython.js";
import { lastSegment } from "./imports.js";
import { assignments, readModule } from "./module.js";
import { locOf } from "./nodes.js";
import { withPythonTree, type PyNode } from "./parser.js";
import { asBool, asString, evaluate, type PyValue } from "./values.js";

export interface DjangoFile {
  path: string;
  /** file name without .py: `0002_add_field` */
  name: string;
  /** a `class Migration` was found */
  found: boolean;
  atomic: boolean;
  dependencies: Array<{ app: string; name: string }>;
  /** `replaces = [...]` of a squashed migration */
  replaces: Array<{ app: string; name: string }>;
  operations: PyValue[];
  /** the `operations = ...` value was not a list we could read */
  operationsUnreadable?: { line: number; text: string };
  functions: Map<string, DataFunctionFacts>;
  waivers: Waiver[];
  syntaxErrors: ParseProblem[];
  classLine: number;
}

/** Field and model options that never reach the database schema. */
const PRESENTATION_ONLY: ReadonlySet<string> = new Set(["choices", "help_text", "verbose_name", "verbose_name_plural", "validators", "error_messages", "permissions", "ordering", "default_permissions"]);

/** The class Django loads: `class Migration(...)` at module level. */
function migrationClass(classes: Map<string, PyNode>): PyNode | undefined {
  return classes.get("Migration");
}

export function readDjangoFile(path: string, content: string): DjangoFile {
  const name = path.slice(path.lastIndexOf("/") + 1).replace(/\.py$/, "");
  return withPythonTree(content, (root) => {
    const module = readModule(root, content);
    const file: DjangoFile = {
      path,
      name,
      found: false,
      atomic: true,
      dependencies: [],
      replaces: [],
      operations: [],
      functions: new Map(),
      waivers: module.waivers,
      syntaxErrors: module.syntaxErrors,
      classLine: 1,
    };
    const cls = migrationClass(module.classes);
    const body = cls?.childForFieldName("body");
    if (!cls || !body) return file;
    file.found = true;
    file.classLine = locOf(cls).line;
    // class attributes can name each other (`operations = [SeparateDatabaseAndState(state_operations=state_operations)]`)
    const bindings = new Map(module.bindings);
    const ctx = { imports: module.imports, bindings, skipKeywords: PRESENTATION_ONLY };
    for (const { name: attr, value } of assignments(body)) {
      bindings.set(attr, evaluate(value, ctx));
      if (attr === "atomic") file.atomic = asBool(evaluate(value, ctx)) ?? true;
      else if (attr === "dependencies") file.dependencies = readDependencies(evaluate(value, ctx));
      else if (attr === "replaces") file.replaces = readDependencies(evaluate(value, ctx));
      else if (attr === "operations") {
        const ops = evaluate(value, ctx);
        if (ops.kind === "list") file.operations = ops.items;
        else file.operationsUnreadable = { line: locOf(value).line, text: value.text.slice(0, 60) };
      }
    }
    // facts of the functions RunPython refers to, while the tree is alive
    for (const [fnName, def] of module.functions) {
      if (referencedAsCode(file.operations, fnName)) file.functions.set(fnName, dataFunctionFacts(def, module.imports));
    }
    return file;
  });
}

function readDependencies(value: PyValue): Array<{ app: string; name: string }> {
  if (value.kind !== "list") return [];
  const out: Array<{ app: string; name: string }> = [];
  for (const item of value.items) {
    if (item.kind !== "list" || item.items.length < 2) continue;
    const app = asString(item.items[0]);
    const name = asString(item.items[1]);
    if (app && name) out.push({ app, name });
  }
  return out;
}

/** Is `fn` passed as code anywhere in the operations (RunPython(fn), partial(fn, ...), nested ops)? */
function referencedAsCode(values: PyValue[], fn: string): boolean {
  return values.some((v) => {
    if (v.kind === "name") return lastSegment(v.name) === fn || v.text === fn;
    if (v.kind === "call") return referencedAsCode(v.args, fn) || referencedAsCode([...v.kwargs.values()], fn);
    if (v.kind === "list") return referencedAsCode(v.items, fn);
    return false;
  });
}

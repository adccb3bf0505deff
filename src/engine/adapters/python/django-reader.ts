/**
 * A Django migration file as data: the `Migration` class's `operations`, `dependencies`, `atomic`, plus what
 * its RunPython functions do. Read once per file and analysis (the same file also serves as history for the
 * later migrations of its app), then the tree is freed.
 */
import type { ParseProblem, SizeNote, Waiver } from "../../model.js";
import { dataFunctionFacts, type DataFunctionFacts } from "./django-runpython.js";
import { lastSegment } from "./imports.js";
import { assignmentsIn, readModule } from "./module.js";
import { locOf } from "./nodes.js";
import { withPythonTree, type PyNode } from "./parser.js";
import { readError, type CutShortList } from "./recovery.js";
import { truthy, asString, evaluate, type PyValue } from "./values.js";
import { baseOf } from "../../paths.js";

export interface DjangoFile {
  path: string;
  /** file name without .py: `0002_add_field` */
  name: string;
  /** a `class Migration` was found */
  found: boolean;
  atomic: boolean;
  /** `initial = True`: one of the app's initial migrations */
  initial: boolean;
  dependencies: Array<{ app: string; name: string }>;
  /** `replaces = [...]` of a squashed migration */
  replaces: Array<{ app: string; name: string }>;
  operations: PyValue[];
  /** the `operations = ...` value was not a list we could read */
  operationsUnreadable?: { line: number; text: string };
  functions: Map<string, DataFunctionFacts>;
  waivers: Waiver[];
  sizeNotes: SizeNote[];
  syntaxErrors: ParseProblem[];
  classLine: number;
  /** django-safemigrate's `safe = Safe.after_deploy()` (or before_deploy, always): when the migration runs relative to the deploy */
  safe?: SafeMigrate;
}

export type SafeMigrate = "before_deploy" | "after_deploy" | "always";
const SAFE_MIGRATE: ReadonlySet<string> = new Set(["before_deploy", "after_deploy", "always"]);

/** `Safe.after_deploy()`, `Safe.after_deploy(delay=...)`, or the older enum member `Safe.after_deploy`. */
function safeMigrate(value: PyValue): SafeMigrate | undefined {
  const path = value.kind === "call" ? value.callee : value.kind === "name" ? value.name : undefined;
  const parts = path?.split(".") ?? [];
  const when = parts.pop();
  return when && parts.pop() === "Safe" && SAFE_MIGRATE.has(when) ? (when as SafeMigrate) : undefined;
}

/** Field and model options that never reach the database schema. */
const PRESENTATION_ONLY: ReadonlySet<string> = new Set(["choices", "help_text", "verbose_name", "verbose_name_plural", "validators", "error_messages", "permissions", "ordering", "default_permissions"]);

/** The class Django loads: `class Migration(...)` at module level. */
function migrationClass(classes: Map<string, PyNode>): PyNode | undefined {
  return classes.get("Migration");
}

export function readDjangoFile(path: string, content: string): DjangoFile {
  const name = baseOf(path).replace(/\.py$/, "");
  return withPythonTree(content, (root) => {
    const module = readModule(root, content);
    const file: DjangoFile = {
      path,
      name,
      found: false,
      atomic: true,
      initial: false,
      dependencies: [],
      replaces: [],
      operations: [],
      functions: new Map(),
      waivers: module.waivers,
      sizeNotes: module.sizeNotes,
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
    for (const attribute of classAttributes(cls, body)) {
      const attr = attribute.name;
      const valueOf = (): PyValue =>
        "value" in attribute
          ? evaluate(attribute.value, ctx)
          : { kind: "list", items: attribute.elements.map((e) => evaluate(e, ctx)), tuple: false, loc: locOf(attribute.at) };
      bindings.set(attr, valueOf());
      if (attr === "atomic") file.atomic = truthy(valueOf()) ?? true;
      else if (attr === "initial") file.initial = truthy(valueOf()) === true;
      else if (attr === "dependencies") file.dependencies = readDependencies(valueOf());
      else if (attr === "replaces") file.replaces = readDependencies(valueOf());
      else if (attr === "safe") file.safe = safeMigrate(valueOf());
      else if (attr === "operations") {
        const ops = valueOf();
        if (ops.kind === "list") file.operations = ops.items;
        else if ("value" in attribute) file.operationsUnreadable = { line: locOf(attribute.value).line, text: attribute.value.text.slice(0, 60) };
      }
    }
    // facts of the functions RunPython refers to, while the tree is alive
    for (const [fnName, def] of module.functions) {
      if (referencedAsCode(file.operations, fnName)) file.functions.set(fnName, dataFunctionFacts(def, module.imports));
    }
    return file;
  });
}

/**
 * The class's `name = value` attributes in order, with those a syntax error folded into an ERROR node (before
 * the body or inside it): its complete assignments, and a list cut short (`operations = [a, b, c("""...`) with
 * the elements before the broken one, so the operations that parsed are still checked.
 */
function classAttributes(cls: PyNode, body: PyNode): Array<{ name: string; value: PyNode } | CutShortList> {
  const nodes = [...cls.children.filter((c) => c.isError), ...body.namedChildren].sort((a, b) => a.startIndex - b.startIndex);
  const out: Array<{ name: string; value: PyNode } | CutShortList> = [];
  for (const node of nodes) {
    if (!node.isError) {
      out.push(...assignmentsIn([node]));
      continue;
    }
    const recovered = readError(node);
    out.push(...assignmentsIn(recovered.statements));
    if (recovered.list) out.push(recovered.list);
  }
  return out;
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

/**
 * A Django migration file as data: the `Migration` class's `operations`, `dependencies`, `atomic`, plus what
 * its RunPython functions do. Read once per file and analysis (the same file also serves as history for the
 * later migrations of its app), then the tree is freed.
 */
import type { ParseProblem, SizeNote, Waiver } from "../../model.js";
import { dataFunctionFacts, type DataFunctionFacts } from "./django-runpython.js";
import { isKnownOperation, operationName } from "./django-state.js";
import type { ProjectModules } from "./project-modules.js";
import { lastSegment } from "./imports.js";
import { assignmentsIn, readModule } from "./module.js";
import { callParts, locOf, unparen } from "./nodes.js";
import { withPythonTree, type PyNode } from "./parser.js";
import { readError, type CutShortList } from "./recovery.js";
import { truthy, asString, evaluate, type EvalContext, type PyValue } from "./values.js";
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
  /**
   * the parts of `operations = ...` that are not lists we could read (the whole value, or the calls a `+` joins to
   * literal lists), with what the part's arguments hold when they name the project's operations (`holds`) and why
   * the call's project module was not read, when it was not (`unread`)
   */
  operationsUnreadable: Array<{ line: number; text: string; holds?: string; unread?: string }>;
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

/** `modules`: the project's Python modules, where names the migration imports from them are read (project-modules.ts) */
export function readDjangoFile(path: string, content: string, modules?: ProjectModules): DjangoFile {
  const name = baseOf(path).replace(/\.py$/, "");
  const project = modules?.codeFor(path, 0, isKnownOperation);
  return withPythonTree(content, (root) => {
    const module = readModule(root, content, project);
    const file: DjangoFile = {
      path,
      name,
      found: false,
      atomic: true,
      initial: false,
      dependencies: [],
      replaces: [],
      operations: [],
      operationsUnreadable: [],
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
    const ctx = { imports: module.imports, bindings, skipKeywords: PRESENTATION_ONLY, project };
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
      else if (attr === "replaces") {
        // `[...] + _squashed.replaces(SQUASHED_30)` (awx): the literal lists still say it is a squash
        const value = valueOf();
        const items = value.kind === "list" || !("value" in attribute) ? [value] : concatenated(attribute.value).map((part) => evaluate(part, ctx));
        file.replaces = items.flatMap(readDependencies);
      }
      else if (attr === "safe") file.safe = safeMigrate(valueOf());
      else if (attr === "operations") {
        const ops = valueOf();
        if (ops.kind === "list") file.operations = ops.items;
        else if ("value" in attribute)
          for (const part of concatenated(attribute.value)) {
            const value = evaluate(part, ctx);
            if (value.kind === "list") file.operations.push(...value.items);
            else file.operationsUnreadable.push({ line: locOf(part).line, text: part.text.slice(0, 60), holds: heldOperations(part, ctx), ...(value.kind === "call" && value.unread ? { unread: value.unread } : {}) });
          }
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

/** The operands of a chain of `+` (`[...] + helper(...)`), in order; any other expression is one part. */
function concatenated(node: PyNode): PyNode[] {
  const n = unparen(node);
  if (n.type !== "binary_operator" || n.childForFieldName("operator")?.text !== "+") return [n];
  const left = n.childForFieldName("left");
  const right = n.childForFieldName("right");
  return left && right ? [...concatenated(left), ...concatenated(right)] : [n];
}

/**
 * What a call that builds operations at run time is given, when an argument is a list or dict of operations read
 * from the project (awx's `_squashed.operations(SQUASHED_31)`): "`SQUASHED_31`: 12 operations". The call chooses
 * among them as it runs, so they are named, not checked.
 */
function heldOperations(part: PyNode, ctx: EvalContext): string | undefined {
  const parts = part.type === "call" ? callParts(part) : undefined;
  const said: string[] = [];
  for (const arg of parts?.positional ?? []) {
    const value = evaluate(arg, ctx);
    const items = value.kind === "list" ? value.items : value.kind === "dict" ? value.entries.flatMap((e) => (e.value.kind === "list" ? e.value.items : [e.value])) : [];
    const operations = items.filter((i) => operationName(i) !== undefined).length;
    if (operations > 0) said.push(`\`${arg.text}\` holds ${operations} operation${operations === 1 ? "" : "s"}${value.kind === "dict" ? ` under ${value.entries.length} keys` : ""}`);
  }
  return said.length ? said.join(", ") : undefined;
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

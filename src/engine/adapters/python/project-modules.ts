/**
 * The project's own Python modules that a migration imports (mitxonline's `from ecommerce.db_utils import
 * create_delete_rule`, awx's `from ._sqlite_helper import dbawaremigrations`), found by the import's dotted name
 * among the repository's files and read with the same grammar, so what the migration takes from them is known where
 * it is used: what a helper function returns for the arguments given (a string of SQL, an operation), a module's
 * constant, and the Django class a project class subclasses. The edge supplies the files through a reader by path;
 * the engine never touches the disk. Only what the text alone tells is read: a function whose body is more than
 * assignments and one `return` stays a call made at run time.
 */
import type { SourceRange } from "../../model.js";
import { PROJECT_MODULE_LIMITS, PROJECT_MODULES_PAST_COUNT, projectModuleTooLarge } from "../../limits.js";
import { dirOf } from "../../paths.js";
import { ancestors } from "../../database/signal-paths.js";
import { qualifiedName } from "./imports.js";
import { readModule, type PyModule } from "./module.js";
import { unparen } from "./nodes.js";
import { withPythonTree, type PyNode } from "./parser.js";
import { evaluate, returnedValue, type PyValue, type ProjectCode } from "./values.js";

/** A module the edge has but could not read (too large, a link, a failed fetch): why, for the finding it hides. */
export interface UnreadModule {
  unread: string;
}

/** A repository file's text by its path (as the analysis names paths); undefined when there is none. */
export type ProjectFileReader = (path: string) => string | UnreadModule | undefined;

/** helpers calling helpers: past this depth a call stays one made at run time (a cycle stays cheap) */
const MAX_DEPTH = 3;

type Located = { path: string; content: string } | { path: string; unread: string };

/** The project's modules, looked up once per importing folder and dotted name, for one analysis. */
export class ProjectModules {
  private readonly found = new Map<string, Located | null>();
  /** distinct module files read, against PROJECT_MODULE_LIMITS.count */
  private readonly readPaths = new Set<string>();
  /** each module's top-level names by kind, so a name it does not define never costs a parse again */
  private readonly defined = new Map<string, TopLevelNames>();
  /** answers that do not depend on the arguments (a constant, a class's base), by importing folder and name */
  readonly answers = new Map<string, PyValue | string | null>();

  constructor(private readonly read: ProjectFileReader) {}

  /** What a module at `path` sees of the project through its imports. */
  codeFor(path: string, depth = 0, acceptsBase?: (qualified: string) => boolean): ProjectCode | undefined {
    return depth > MAX_DEPTH ? undefined : new ModuleCode(this, path, depth, acceptsBase);
  }

  /** The file of module `dotted` (`ecommerce.db_utils`, `._squashed`) as imported by the file at `from`. */
  moduleFile(dotted: string, from: string): { path: string; content: string } | undefined {
    const file = this.located(dotted, from);
    return file && "content" in file ? file : undefined;
  }

  /** The module `dotted` names exists but was not read: its path and why. */
  unreadFile(dotted: string, from: string): { path: string; unread: string } | undefined {
    const file = this.located(dotted, from);
    return file && "unread" in file ? file : undefined;
  }

  private located(dotted: string, from: string): Located | undefined {
    const key = `${dirOf(from)}|${dotted}`;
    if (!this.found.has(key)) this.found.set(key, this.locate(dotted, from) ?? null);
    return this.found.get(key) ?? undefined;
  }

  /** The top-level names of a module file, read once. */
  namesOf(file: { path: string; content: string }): TopLevelNames {
    let names = this.defined.get(file.path);
    if (!names) {
      names = withPythonTree(file.content, (root) => {
        const module = readModule(root, file.content);
        return { functions: new Set(module.functions.keys()), classes: new Set(module.classes.keys()), bindings: new Set(module.bindings.keys()) };
      });
      this.defined.set(file.path, names);
    }
    return names;
  }

  private locate(dotted: string, from: string): Located | undefined {
    const dots = /^\.*/.exec(dotted)![0].length;
    const rest = dotted.slice(dots).split(".").filter(Boolean);
    // `from . import x` names the package itself: x is an attribute or a module of it
    let folders: string[];
    if (dots > 0) {
      let dir = dirOf(from);
      for (let i = 1; i < dots; i++) dir = dirOf(dir);
      folders = [dir];
    } else folders = ancestors(dirOf(from)).flatMap((folder) => [folder, srcLayout(folder)]);
    for (const folder of folders) {
      const base = [folder, ...rest].filter(Boolean).join("/");
      for (const path of rest.length ? [`${base}.py`, `${base}/__init__.py`] : [`${base ? `${base}/` : ""}__init__.py`]) {
        const content = this.read(path);
        if (content === undefined) continue;
        // the first file on the path is the module Python imports: one left unread is not passed over for another;
        // past the count, whatever the reader could tell, so every edge says the same
        if (!this.readPaths.has(path) && this.readPaths.size >= PROJECT_MODULE_LIMITS.count) return { path, unread: PROJECT_MODULES_PAST_COUNT };
        if (typeof content !== "string") return { path, unread: content.unread };
        if (content.length > PROJECT_MODULE_LIMITS.bytes) return { path, unread: projectModuleTooLarge() };
        this.readPaths.add(path);
        return { path, content };
      }
    }
    return undefined;
  }
}

/**
 * The `src/` folder of a project root: the src layout (packaging.python.org) keeps the importable packages there,
 * so `palace.manager...` of a repository whose code is `src/palace/manager/...` is found beside the migrations.
 */
function srcLayout(folder: string): string {
  return folder ? `${folder}/src` : "src";
}

interface TopLevelNames {
  functions: ReadonlySet<string>;
  classes: ReadonlySet<string>;
  bindings: ReadonlySet<string>;
}

/** A qualified name split into a project module and the attributes read from it, the longest module first. */
function* splits(qualified: string): Generator<{ module: string; attributes: string[] }> {
  const dots = /^\.*/.exec(qualified)![0];
  const parts = qualified.slice(dots.length).split(".");
  for (let i = parts.length - 1; i >= (dots ? 0 : 1); i--) yield { module: dots + parts.slice(0, i).join("."), attributes: parts.slice(i) };
}

/** Every location of a value read from another file becomes the place it is used in the migration. */
function relocated(value: PyValue, loc: SourceRange): PyValue {
  switch (value.kind) {
    case "str":
      return { ...value, loc, pieces: [{ text: value.value, line: loc.line }] };
    case "list":
      return { ...value, loc, items: value.items.map((i) => relocated(i, loc)) };
    case "dict":
      return { ...value, loc, entries: value.entries.map((e) => ({ key: relocated(e.key, loc), value: relocated(e.value, loc) })) };
    case "call":
      return {
        ...value,
        loc,
        args: value.args.map((a) => relocated(a, loc)),
        kwargs: new Map([...value.kwargs].map(([k, v]) => [k, relocated(v, loc)])),
        ...(value.receiver ? { receiver: relocated(value.receiver, loc) } : {}),
      };
    default:
      return { ...value, loc };
  }
}

/** Is a value fully known, as the migration would see it? (an f-string part or an operand left unknown is not) */
function known(value: PyValue): boolean {
  switch (value.kind) {
    case "str":
      return !value.unresolved;
    case "unknown":
      return false;
    case "list":
      return value.items.every(known);
    case "dict":
      return value.entries.every((e) => known(e.key) && known(e.value));
    default:
      return true;
  }
}

class ModuleCode implements ProjectCode {
  constructor(
    private readonly modules: ProjectModules,
    private readonly path: string,
    private readonly depth: number,
    private readonly acceptsBase?: (qualified: string) => boolean,
  ) {}

  /** The project module a qualified name reaches, read, with the attributes taken from it. */
  private withModule<T>(
    qualified: string,
    defines: (names: TopLevelNames, attributes: string[]) => boolean,
    read: (module: PyModule, attributes: string[], file: { path: string }) => T | undefined,
  ): T | undefined {
    for (const { module, attributes } of splits(qualified)) {
      const file = this.modules.moduleFile(module, this.path);
      // a module there but unread holds the name: a shorter split (its package's __init__.py) is not where it is
      if (!file && this.modules.unreadFile(module, this.path)) return undefined;
      if (!file) continue;
      if (!defines(this.modules.namesOf(file), attributes)) return undefined;
      const code = this.modules.codeFor(file.path, this.depth + 1, this.acceptsBase);
      if (!code) return undefined;
      return withPythonTree(file.content, (root) => read(readModule(root, file.content, code), attributes, file));
    }
    return undefined;
  }

  unreadModule(qualified: string): string | undefined {
    for (const { module } of splits(qualified)) {
      if (this.modules.moduleFile(module, this.path)) return undefined;
      const unread = this.modules.unreadFile(module, this.path);
      if (unread) return `\`${unread.path}\`, the module it is imported from, could not be read: ${unread.unread}`;
    }
    return undefined;
  }

  /** An answer that does not depend on where or how the name is used, computed once per importing folder. */
  private once<T extends PyValue | string>(kind: string, qualified: string, compute: () => T | undefined): T | undefined {
    const key = `${kind}|${this.depth}|${dirOf(this.path)}|${qualified}`;
    if (!this.modules.answers.has(key)) this.modules.answers.set(key, compute() ?? null);
    return (this.modules.answers.get(key) as T | null) ?? undefined;
  }

  constant(qualified: string, loc: SourceRange): PyValue | undefined {
    const value = this.once("constant", qualified, () => this.readConstant(qualified));
    return value && relocated(value, loc);
  }

  classAttributeValue(qualified: string, attribute: string, loc: SourceRange): PyValue | undefined {
    const value = this.once("class-attribute", `${qualified}|${attribute}`, () =>
      this.withModule(qualified, (names, [name, ...rest]) => rest.length === 0 && names.classes.has(name!), (module, attributes) => {
        const cls = attributes.length === 1 ? module.classes.get(attributes[0]) : undefined;
        const node = cls && classAttribute(cls, attribute);
        // a name bound at the module's top level (a MetaData(...) assigned there), nothing computed in the class
        const bound = node?.type === "identifier" ? module.bindings.get(node.text) : undefined;
        return bound && known(bound) ? bound : undefined;
      }),
    );
    return value && relocated(value, loc);
  }

  private readConstant(qualified: string): PyValue | undefined {
    return this.withModule(qualified, (names, [name, ...rest]) => rest.length === 0 && names.bindings.has(name!), (module, attributes) => {
      const value = attributes.length === 1 ? module.bindings.get(attributes[0]) : undefined;
      return value && known(value) ? value : undefined;
    });
  }

  callResult(callee: string, args: PyValue[], kwargs: ReadonlyMap<string, PyValue>, loc: SourceRange): PyValue | undefined {
    return this.withModule(callee, (names, [name, ...rest]) => rest.length === 0 && names.functions.has(name!), (module, attributes, file) => {
      const def = attributes.length === 1 ? module.functions.get(attributes[0]) : undefined;
      if (!def) return undefined;
      const code = this.modules.codeFor(file.path, this.depth + 1, this.acceptsBase);
      const result = code && returnedValue(def, module, args, kwargs, code);
      return result && known(result) ? relocated(result, loc) : undefined;
    });
  }

  operationBase(callee: string): string | undefined {
    const accepts = this.acceptsBase;
    if (!accepts) return undefined;
    const base = this.classBase(callee);
    return base && accepts(base) ? base : undefined;
  }

  classBase(callee: string): string | undefined {
    return this.once("class", callee, () => this.readBase(callee, ACCEPT_ANY));
  }

  classMethods(callee: string): string[] | undefined {
    const methods = this.once("class-methods", callee, () =>
      this.withModule(callee, (names, [name, ...rest]) => rest.length === 0 && names.classes.has(name!), (module, attributes, file) => {
        const found = new Set<string>();
        return classBase(module, attributes, file.path, this.modules, this.depth, found) ? [...found].join(" ") : undefined;
      }),
    );
    return methods === undefined ? undefined : methods.split(" ").filter(Boolean);
  }

  private readBase(callee: string, accepts: (qualified: string) => boolean): string | undefined {
    const base = this.withModule(callee, (names, [name, ...rest]) => rest.length <= 1 && (names.classes.has(name!) || (rest.length === 1 && names.bindings.has(name!))), (module, attributes, file) => classBase(module, attributes, file.path, this.modules, this.depth));
    return base && accepts(base) ? base : undefined;
  }
}

/**
 * The class a project class (or a class attribute of a module object: awx's `dbawaremigrations.RunSQL`, an
 * instance of a class whose `RunSQL = RunSQL`) subclasses, followed through the project until it leaves it.
 */
function classBase(module: PyModule, attributes: string[], path: string, modules: ProjectModules, depth: number, methods?: Set<string>): string | undefined {
  const [head, ...rest] = attributes;
  if (!head || rest.length > 1) return undefined;
  let cls = module.classes.get(head);
  if (rest.length === 1) {
    // an instance of a class of this module (`dbawaremigrations = _sqlitemigrations()`), or the class itself
    const bound = module.bindings.get(head);
    const owner = cls ?? (bound?.kind === "call" && bound.args.length === 0 && !bound.callee.includes(".") ? module.classes.get(bound.callee) : undefined);
    const attribute = owner && classAttribute(owner, rest[0]);
    if (!attribute) return undefined;
    if (attribute.type === "identifier" && module.classes.has(attribute.text)) cls = module.classes.get(attribute.text);
    else return followBase(qualifiedName(attribute, module.imports), path, modules, depth, methods);
  }
  if (cls && methods) for (const method of methodNames(cls)) methods.add(method);
  const superclass = cls?.childForFieldName("superclasses")?.namedChildren.find((c) => c.type !== "comment" && c.type !== "keyword_argument");
  if (!superclass) return undefined;
  const local = unparen(superclass);
  if (local.type === "identifier" && module.classes.has(local.text) && local.text !== head) return classBase(module, [local.text], path, modules, depth, methods);
  return followBase(qualifiedName(superclass, module.imports), path, modules, depth, methods);
}

/** followed through the project, any base is an answer; the reader judges the last one */
const ACCEPT_ANY = (): boolean => true;

/** A base named through an import: another project class is followed, anything else is the answer. */
function followBase(qualified: string | undefined, path: string, modules: ProjectModules, depth: number, methods?: Set<string>): string | undefined {
  if (!qualified) return undefined;
  const code = modules.codeFor(path, depth + 1, ACCEPT_ANY);
  // the methods of the project classes further up the chain; past the depth bound, nothing is known of them
  if (methods) {
    const further = code?.classMethods?.(qualified);
    if (!code) methods.add(UNREAD_CLASS);
    for (const method of further ?? []) methods.add(method);
  }
  return code?.classBase(qualified) ?? qualified;
}

/** stands for the methods of a project class past the depth bound: none of them is known */
export const UNREAD_CLASS = "<unread>";

/** The names of the methods a class body defines (decorated or not). */
function methodNames(cls: PyNode): string[] {
  const names: string[] = [];
  for (const statement of cls.childForFieldName("body")?.namedChildren ?? []) {
    const def = statement.type === "decorated_definition" ? statement.childForFieldName("definition") : statement;
    if (def?.type === "function_definition") names.push(def.childForFieldName("name")?.text ?? UNREAD_CLASS);
  }
  return names;
}

/** `name = value` in a class body: the value's node. */
function classAttribute(cls: PyNode, name: string): PyNode | undefined {
  for (const statement of cls.childForFieldName("body")?.namedChildren ?? []) {
    const assignment = statement.type === "expression_statement" ? statement.namedChildren[0] : undefined;
    if (assignment?.type === "assignment" && assignment.childForFieldName("left")?.text === name) return assignment.childForFieldName("right") ?? undefined;
  }
  return undefined;
}

/** One set of project modules per file reader (per analysis), shared by its migrations. */
const perReader = new WeakMap<ProjectFileReader, ProjectModules>();
export function projectModulesFor(read: ProjectFileReader | undefined): ProjectModules | undefined {
  if (!read) return undefined;
  let modules = perReader.get(read);
  if (!modules) perReader.set(read, (modules = new ProjectModules(read)));
  return modules;
}

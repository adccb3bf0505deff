/**
 * Whether a project's console script, run with the words a deploy gives it (`mwdb-core configure --quiet basic`),
 * applies the migrations: the entry point's function (python-console-scripts.ts) is followed through click's
 * subcommands (`@cli.group()` / `@configure.command("basic")`, the decorated function of the group's module) or
 * argparse's (`sub.add_parser("upgrade")` with `set_defaults(func=upgrade)`, declared in the entry function or a
 * function of its module it calls) to the function the words select, then through the calls it makes, into the functions of the project's modules that were
 * read (imports resolved, relative ones too), a few calls deep, to a call of Flask-Migrate's `upgrade`, Alembic's
 * `command.upgrade` or Django's `call_command("migrate")` (django-command-migrate.ts). Read with tree-sitter's Python
 * grammar, each module once; a call into a module not read, or a method, is not followed.
 */
import type { SourceFile } from "../model.js";
import { dirOf } from "../paths.js";
import { withPythonTree, type PyNode } from "../adapters/python/parser.js";
import { callParts, plainString } from "../adapters/python/nodes.js";
import { TooComplexError } from "../limits.js";
import { callsMigrate } from "./django-command-migrate.js";
import { moduleMatches, type ConsoleScript } from "./python-console-scripts.js";

interface PyCall {
  /** the callee as written: `upgrade`, `command.upgrade`, `configure_database` */
  callee: string;
  line: number;
  /** `call_command("migrate", ...)` */
  migrateCommand: boolean;
}

interface PyDecorator {
  /** `cli` of `@cli.command(...)` */
  object: string;
  /** `command` or `group` */
  attribute: string;
  /** the first positional string: the command's name */
  name?: string;
  /** click-default-group's `default="basic"` */
  defaultCommand?: string;
}

interface PyFunction {
  name: string;
  line: number;
  calls: PyCall[];
  decorators: PyDecorator[];
  /** argparse's subcommands this function declares: `p = sub.add_parser("upgrade")` then `p.set_defaults(func=upgrade)` */
  subparsers: Map<string, string>;
}

interface PyModuleFacts {
  /** local name -> the module it comes from and the name imported (absent for `import x`) */
  imports: Map<string, { module: string; name?: string }>;
  functions: Map<string, PyFunction>;
}

/** The dotted name of an identifier or attribute chain (`alembic.command.upgrade`), undefined for anything else. */
function dotted(node: PyNode | null | undefined): string | undefined {
  if (node?.type === "identifier") return node.text;
  if (node?.type !== "attribute") return undefined;
  const object = dotted(node.childForFieldName("object"));
  const attribute = node.childForFieldName("attribute")?.text;
  return object && attribute ? `${object}.${attribute}` : undefined;
}

/** `from .database import x` in module `mwdb.cli.cli` (a package's __init__ is the package itself): `mwdb.cli.database` */
function absoluteModule(relative: string, module: string, isPackage: boolean): string {
  const dots = /^\.*/.exec(relative)![0].length;
  if (dots === 0) return relative;
  const parts = module.split(".");
  const base = parts.slice(0, parts.length - (isPackage ? 0 : 1) - (dots - 1));
  const rest = relative.slice(dots);
  return [...base, ...(rest ? [rest] : [])].join(".");
}

function readImports(root: PyNode, module: string, isPackage: boolean): PyModuleFacts["imports"] {
  const imports: PyModuleFacts["imports"] = new Map();
  for (const statement of root.namedChildren) {
    if (statement.type === "import_statement")
      for (const name of statement.childrenForFieldName("name")) {
        if (name?.type === "aliased_import") imports.set(name.childForFieldName("alias")?.text ?? "", { module: name.childForFieldName("name")?.text ?? "" });
        // `import alembic.command` binds `alembic`
        else if (name?.type === "dotted_name") imports.set(name.text.split(".")[0], { module: name.text.split(".")[0] });
      }
    if (statement.type === "import_from_statement") {
      const from = statement.childForFieldName("module_name")?.text;
      if (!from) continue;
      const source = absoluteModule(from, module, isPackage);
      for (const name of statement.childrenForFieldName("name")) {
        if (name?.type === "aliased_import") imports.set(name.childForFieldName("alias")?.text ?? "", { module: source, name: name.childForFieldName("name")?.text });
        else if (name?.type === "dotted_name") imports.set(name.text, { module: source, name: name.text });
      }
    }
  }
  return imports;
}

function readDecorator(decorator: PyNode): PyDecorator | undefined {
  const call = decorator.namedChildren.find((c) => c.type === "call");
  const parts = call && callParts(call);
  const callee = parts && dotted(parts.function);
  if (!parts || !callee?.includes(".")) return undefined;
  const at = callee.lastIndexOf(".");
  return { object: callee.slice(0, at), attribute: callee.slice(at + 1), name: plainString(parts.positional[0]) ?? plainString(parts.keywords.get("name")), defaultCommand: plainString(parts.keywords.get("default")) };
}

function readFunctions(root: PyNode): PyModuleFacts["functions"] {
  const functions: PyModuleFacts["functions"] = new Map();
  for (const statement of root.namedChildren) {
    const def = statement.type === "decorated_definition" ? statement.childForFieldName("definition") : statement;
    const name = def?.type === "function_definition" ? def.childForFieldName("name")?.text : undefined;
    if (!def || !name) continue;
    const decorators = statement.type === "decorated_definition" ? statement.namedChildren.filter((c) => c.type === "decorator").flatMap((d) => readDecorator(d) ?? []) : [];
    const calls: PyCall[] = [];
    const body = def.childForFieldName("body");
    for (const call of body?.descendantsOfType("call") ?? []) {
      const parts = call && callParts(call);
      const callee = parts && dotted(parts.function);
      if (parts && callee) calls.push({ callee, line: call.startPosition.row + 1, migrateCommand: callsMigrate(parts) });
    }
    functions.set(name, { name, line: def.startPosition.row + 1, calls, decorators, subparsers: body ? argparseSubcommands(body) : new Map() });
  }
  return functions;
}

/** `x.add_parser("name", ...)`: the subcommand's name */
function addedParser(node: PyNode | null | undefined): string | undefined {
  const parts = node?.type === "call" ? callParts(node) : undefined;
  return parts?.function.type === "attribute" && parts.function.childForFieldName("attribute")?.text === "add_parser" ? plainString(parts.positional[0]) : undefined;
}

/**
 * argparse's subcommands a function body declares, by name, with the function `set_defaults(func=...)` names for
 * each: `p = sub.add_parser("upgrade")` then `p.set_defaults(func=upgrade)`, or `sub.add_parser("upgrade").set_defaults(func=upgrade)`.
 */
function argparseSubcommands(body: PyNode): Map<string, string> {
  const parsers = new Map<string, string>();
  for (const assignment of body.descendantsOfType("assignment")) {
    const left = assignment?.childForFieldName("left");
    const name = addedParser(assignment?.childForFieldName("right"));
    if (left?.type === "identifier" && name !== undefined) parsers.set(left.text, name);
  }
  const out = new Map<string, string>();
  for (const call of body.descendantsOfType("call")) {
    const parts = call && callParts(call);
    if (parts?.function.type !== "attribute" || parts.function.childForFieldName("attribute")?.text !== "set_defaults") continue;
    const handler = parts.keywords.get("func");
    const object = parts.function.childForFieldName("object");
    const name = object?.type === "identifier" ? parsers.get(object.text) : addedParser(object);
    if (name !== undefined && handler?.type === "identifier" && !out.has(name)) out.set(name, handler.text);
  }
  return out;
}

const cache = new WeakMap<SourceFile, PyModuleFacts | null>();

function factsOf(file: SourceFile, module: string): PyModuleFacts | undefined {
  const known = cache.get(file);
  if (known !== undefined) return known ?? undefined;
  let facts: PyModuleFacts | null = null;
  try {
    const isPackage = file.path.endsWith("/__init__.py") || file.path === "__init__.py";
    facts = withPythonTree(file.content, (root) => ({ imports: readImports(root, module, isPackage), functions: readFunctions(root) }));
  } catch (error) {
    // a module too deep to read says nothing of what it runs
    if (!(error instanceof TooComplexError)) throw error;
  }
  cache.set(file, facts);
  return facts ?? undefined;
}

/** the calls that apply the migrations, by the name they resolve to through the module's imports */
const MIGRATE_FUNCTIONS = new Map([
  ["flask_migrate.upgrade", "Flask-Migrate's `upgrade()`"],
  ["alembic.command.upgrade", "Alembic's `command.upgrade()`"],
]);

/** how deep the calls from the command's function are followed */
const MAX_CALL_DEPTH = 4;

interface Located {
  file: SourceFile;
  module: string;
  facts: PyModuleFacts;
  fn: PyFunction;
}

export interface ConsoleScriptMigration {
  /** the subcommands the words select (`configure basic`) */
  command: string[];
  /** the call that migrates */
  path: string;
  line: number;
  /** the call, in words */
  call: string;
}

class ProjectModules {
  constructor(
    private readonly files: readonly SourceFile[],
    /** the folder of the packaging file: modules are found from there, or its src/ */
    private readonly root: string,
  ) {}

  private fileOf(module: string): SourceFile | undefined {
    const path = module.replace(/\./g, "/");
    return this.files.find((f) => moduleMatches(f.path, `${path}.py`, this.root)) ?? this.files.find((f) => moduleMatches(f.path, `${path}/__init__.py`, this.root));
  }

  /** the function `name` of `module`, defined there or imported into it from a project module, a few imports deep */
  function(module: string, name: string, depth = 0): Located | undefined {
    const file = this.fileOf(module);
    const facts = file && factsOf(file, module);
    if (!file || !facts || depth > MAX_CALL_DEPTH) return undefined;
    const fn = facts.functions.get(name);
    if (fn) return { file, module, facts, fn };
    const imported = facts.imports.get(name);
    return imported?.name ? this.function(imported.module, imported.name, depth + 1) : undefined;
  }

  /** the function a call's callee names, in the project: `f`, or `module.f` of an imported module */
  callee(from: Located, callee: string): Located | undefined {
    const [head, ...rest] = callee.split(".");
    if (rest.length === 0) return this.function(from.module, head);
    const imported = from.facts.imports.get(head);
    if (!imported || rest.length !== 1) return undefined;
    return this.function(imported.name ? `${imported.module}.${imported.name}` : imported.module, rest[0]);
  }

  /** the first call at or below `start` that migrates, following the project's functions it calls */
  migrationUnder(start: Located, seen = new Set<string>(), depth = 0): { path: string; line: number; call: string } | undefined {
    const key = `${start.file.path}:${start.fn.name}`;
    if (seen.has(key) || depth > MAX_CALL_DEPTH) return undefined;
    seen.add(key);
    for (const call of start.fn.calls) {
      if (call.migrateCommand) return { path: start.file.path, line: call.line, call: 'Django\'s `call_command("migrate")`' };
      const known = MIGRATE_FUNCTIONS.get(qualified(call.callee, start.facts));
      if (known) return { path: start.file.path, line: call.line, call: known };
    }
    for (const call of start.fn.calls) {
      const next = this.callee(start, call.callee);
      const found = next && this.migrationUnder(next, seen, depth + 1);
      if (found) return found;
    }
    return undefined;
  }

  /**
   * the subcommand `word` of `group`: a function of the group's module decorated `@group.command(...)` /
   * `.group(...)` (click), or the `set_defaults(func=...)` of the `add_parser(word)` that the function declares
   * (argparse), itself or in a function of its module it calls (`main()` calling `build_parser()`)
   */
  subcommand(group: Located, word: string): Located | undefined {
    for (const declaring of [group.fn, ...group.fn.calls.map((c) => group.facts.functions.get(c.callee))]) {
      const handler = declaring?.subparsers.get(word);
      if (handler !== undefined) return this.callee(group, handler);
    }
    for (const fn of group.facts.functions.values())
      for (const d of fn.decorators) {
        if (d.object !== group.fn.name || (d.attribute !== "command" && d.attribute !== "group")) continue;
        if (d.name !== undefined ? d.name === word : clickNames(fn.name).includes(word)) return { ...group, fn };
      }
    return undefined;
  }
}

/** the names click gives a command from its function: `configure_web` is `configure-web` (click 7+), a `_command` / `_cmd` / `_group` / `_grp` suffix dropped (click 8.2) */
const clickNames = (name: string) => {
  const dashed = name.replace(/_/g, "-");
  return [name, dashed, dashed.replace(/-(?:command|cmd|group|grp)$/, "")];
};

/** a callee resolved through the module's imports: `upgrade` of `from flask_migrate import upgrade` is `flask_migrate.upgrade` */
function qualified(callee: string, facts: PyModuleFacts): string {
  const [head, ...rest] = callee.split(".");
  const imported = facts.imports.get(head);
  if (!imported) return callee;
  return [imported.module, ...(imported.name ? [imported.name] : []), ...rest].join(".");
}

/**
 * Where the console script, run with `words`, applies the migrations: the subcommands its words select, each a click
 * command or group of the one before (options skipped; a group's `default=` command when no word names one), and the
 * call that migrates at or below the function reached.
 */
export function consoleScriptMigration(script: ConsoleScript, words: readonly string[], files: readonly SourceFile[]): ConsoleScriptMigration | undefined {
  const modules = new ProjectModules(files, dirOf(script.path));
  let at = modules.function(script.module, script.function);
  if (!at) return undefined;
  const command: string[] = [];
  const decoratorOf = (l: Located) => l.fn.decorators.find((d) => d.attribute === "group" || d.attribute === "command");
  for (const word of words) {
    if (word.startsWith("-")) continue;
    const next = modules.subcommand(at, word);
    if (!next) break;
    command.push(word);
    at = next;
  }
  const fallback = decoratorOf(at)?.defaultCommand;
  const byDefault = fallback !== undefined ? modules.subcommand(at, fallback) : undefined;
  if (byDefault) {
    command.push(fallback!);
    at = byDefault;
  }
  const found = modules.migrationUnder(at);
  return found && { command, ...found };
}

/**
 * Whether a word the usage search found can be this table's column (or this model): the search is a text
 * search, and `error`, `output` or `rubygem_id` are columns of many tables and names of many things. Each
 * usage is read with the language's grammar (tree-sitter Python, Prism) and judged:
 * - refers: it can only be this table's: the model's own class, a query rooted at the model
 *   (`Build.objects.filter(error=...)`, `Version.where(info_checksum: ...)`), an attribute of a record of the
 *   model (Python: `.error` in a module that imports the model from its app, or for Alembic the SQLAlchemy model
 *   named after the table; Ruby: `version.info_checksum`),
 *   a string that names the table too (SQL);
 * - unsure: it may be (an attribute of a receiver whose type the code does not say, a bare string in a module
 *   that imports the model): at most a warning that says migguard could not tell;
 * - other: it cannot be (a same-named class of another app, another model's own attribute, a local name, a
 *   word in a script or stylesheet that does not name the table).
 */
import { AliasMethodNode, ArgumentsNode, ArrayNode, AssocNode, AssocSplatNode, CallNode, KeywordHashNode, SplatNode, ClassNode, DefNode, HashNode, InterpolatedStringNode, LocalVariableWriteNode, SelfNode, SingletonClassNode, StringNode, SymbolNode, XStringNode, ConstantPathNode, ConstantReadNode, InstanceVariableReadNode, LocalVariableReadNode, ModuleNode, type Node } from "@ruby/prism";
import { pluralize, singularize, tableize, underscore } from "../adapters/rails/inflections.js";
import { parseRuby } from "../adapters/rails/prism.js";
import { rubyChildren } from "../adapters/rails/ruby-children.js";
import { instanceMethods, type RailsModelReader } from "./rails-includes.js";
import { RubySource } from "../adapters/rails/ruby-source.js";
import { withPythonTree, type PyNode } from "../adapters/python/parser.js";
import type { SourceFile } from "../model.js";
import { modelName } from "../rules/support/fix.js";
import type { Usage } from "./usage-search.js";
import { railsAssociation, type UsageTarget } from "./usage-targets.js";
import { dirOf } from "../paths.js";
import { escapeRegExp } from "../regexp.js";
import { goTableUsages } from "./go-table-uses.js";
import { goColumnUsages, isGoPath } from "./go-column-uses.js";
import { goParserLoaded } from "./go-syntax.js";
import { isJavaPath, javaColumnParserLoaded } from "./java-syntax.js";
import { javaColumnUsages } from "./java-column-uses.js";
import { javaTableUsages } from "./java-table-uses.js";
import { isNonCodeFile } from "./non-code-files.js";
import { fieldListEntry, fieldListReference } from "./declared-field-lists.js";
import { VARIABLES, isInflectionRule, isRoutesPath, rubyTableNameUse } from "./ruby-table-name-use.js";
import { rubyStringText, stringIndexIn, type RubyString } from "./ruby-string-at.js";
import { isModelPath } from "../adapters/rails/model-path.js";
import { declaresOwnAttribute, dslBlockConstant, isClassLevelCall, isDocumentationName, isFieldMacro, isHashMethodKey, isMessage, isOutput, statedObjectClass } from "./ruby-dsl-names.js";
import { associationTable, builtAssociation, declaresAttribute, holdsOwnInstance, isClassBodyMacro, isProse, localRecordClass, stringReadsOtherTable } from "./ruby-column-context.js";

/** generic: a name many tables and libraries use (a common word, a reference column), found where nothing ties it to the table */
export type Reference = "refers" | "unsure" | "generic" | "other";

const isWordChar = (c: string | undefined) => c !== undefined && /\w/.test(c);

/** Character offsets of `word` as a whole word (or a Django lookup `word__x`) on 1-based `line`. */
function offsetsOn(content: string, line: number, word: string): number[] {
  let start = 0;
  for (let l = 1; l < line; l++) {
    start = content.indexOf("\n", start) + 1;
    if (start === 0) return [];
  }
  const end = content.indexOf("\n", start);
  const text = content.slice(start, end === -1 ? content.length : end);
  const out: number[] = [];
  for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + 1)) {
    const after = text[i + word.length];
    if (!isWordChar(text[i - 1]) && (!isWordChar(after) || text.startsWith("__", i + word.length))) out.push(start + i);
  }
  return out;
}

const unqualified = (name: string) => (name.split(".").pop() ?? name).replace(/"/g, "");

/** Whether the statement's text names the table as a whole word (raw SQL next to the column). */
function namesTable(text: string, table: string): boolean {
  for (let i = text.indexOf(table); i !== -1; i = text.indexOf(table, i + 1)) if (!isWordChar(text[i - 1]) && !isWordChar(text[i + table.length])) return true;
  return false;
}

/** SQL on the table: `FROM versions`, `JOIN versions`, `UPDATE versions`, `INTO versions`, `versions.column`. */
function namesTableInSql(text: string, table: string): boolean {
  const name = escapeRegExp(table);
  return new RegExp(`\\b(?:FROM|JOIN|UPDATE|INTO|TABLE)\\s+["\`]?${name}(?![\\w])|(?<![.\\w])["\`]?${name}["\`]?\\.\\w`, "i").test(text);
}

/** `AutomationRuleMatch` -> `automation_rule_match`, the name Python code gives a record of it. */
const snake = (className: string) => underscore(className);

const RANK: Record<Reference, number> = { refers: 3, unsure: 2, generic: 1, other: 0 };
const worst = (a: Reference, b: Reference): Reference => (RANK[a] >= RANK[b] ? a : b);

/**
 * Names that are not evidence by themselves: words of prose and of every API (status, default, required), and
 * reference columns (`client_id`), which every table that points at the same table names alike.
 */
const COMMON_NAMES = new Set([
  "id", "name", "type", "kind", "status", "state", "value", "data", "key", "code", "token", "default", "enabled",
  "required", "active", "is_active", "role", "cost", "title", "description", "label", "position", "order", "level",
  "url", "email", "source", "target", "scope", "config", "configuration", "settings", "metadata", "options", "count",
  "version", "body", "content", "text", "message", "error", "result", "output", "created_at", "updated_at", "deleted_at",
]);
export const isGenericName = (word: string): boolean => COMMON_NAMES.has(word.toLowerCase()) || /^[a-z0-9]+(?:_[a-z0-9]+)*_id$/i.test(word);

/** Lines around a usage that tie it to its table: the statement it is part of, or the code right around it. */
const NEAR = 2;

/** The table, a row of it or its model is named on the line or within NEAR lines of it (`OAuthClient`, `oauth_client`, `oauth_clients`). */
function tiedToTable(content: string, line: number, table: string): boolean {
  const lines = content.split("\n").slice(Math.max(0, line - 1 - NEAR), line + NEAR);
  const names = [...new Set([table, singularize(table), modelName(table)])].map(escapeRegExp);
  const named = new RegExp(`(?<![\\w])(?:${names.join("|")})(?![\\w])`, "i");
  return lines.some((l) => named.test(l));
}

// ---------------------------------------------------------------- Python (Django models)

/** The folder of a Django app from one of its migrations: `x/builds/migrations/0001.py` -> `x/builds`. */
const djangoAppDir = (migrationPath: string) => migrationPath.split("/").slice(0, -2).join("/");

/** The module an import names, as a folder path when relative (`.models` from x/builds/views.py -> x/builds/models). */
function importedModulePath(module: string, file: string): string {
  if (!module.startsWith(".")) return module.split(".").join("/");
  const dots = module.length - module.replace(/^\.+/, "").length;
  const base = dirOf(file).split("/");
  base.splice(base.length - (dots - 1));
  return [...base, ...module.slice(dots).split(".").filter(Boolean)].join("/");
}

interface PythonFacts {
  /** the model's class is imported from its own app, or defined here inside the app */
  importsModel: boolean;
  /** the model's class name is imported from another module (a same-named class of another app) */
  importsOtherModel: boolean;
  /** the methods and properties the model's class defines: `record.name` calls them, not a column */
  modelMethods?: ReadonlySet<string>;
}

function pythonFacts(root: PyNode, file: string, model: string, appDir: string): PythonFacts {
  const app = appDir.split("/").pop() ?? appDir;
  let importsModel = false;
  let importsOtherModel = false;
  const inApp = (modulePath: string) => modulePath === appDir || modulePath.startsWith(`${appDir}/`) || `/${modulePath}/`.includes(`/${app}/`);
  for (const statement of root.descendantsOfType("import_from_statement")) {
    const module = statement.childForFieldName("module_name")?.text ?? "";
    const names = statement.childrenForFieldName("name").map((n) => (n.type === "aliased_import" ? n.childForFieldName("name")?.text : n.text));
    if (!names.includes(model)) continue;
    if (inApp(importedModulePath(module, file))) importsModel = true;
    else importsOtherModel = true;
  }
  if (!importsModel && file.startsWith(`${appDir}/`))
    importsModel = root.descendantsOfType("class_definition").some((c) => c.childForFieldName("name")?.text === model);
  return { importsModel, importsOtherModel };
}

/** SQLAlchemy: the module imports the model's class (from any module) or defines it. */
function sqlalchemyFacts(root: PyNode, model: string): PythonFacts {
  const imported = root
    .descendantsOfType("import_from_statement")
    .some((statement) => statement.childrenForFieldName("name").some((n) => (n.type === "aliased_import" ? n.childForFieldName("name")?.text : n.text) === model));
  const defined = root.descendantsOfType("class_definition").some((c) => c.childForFieldName("name")?.text === model);
  return { importsModel: imported || defined, importsOtherModel: false };
}

/** A string's text without its prefix and quotes. */
function stringText(string: PyNode): string {
  return string.children.filter((c) => c.type !== "string_start" && c.type !== "string_end").map((c) => c.text).join("");
}

/**
 * Whether a string can name the field: the name alone, a Django lookup or ordering through it (`-body`,
 * `check__body`, `body__contains`), not a word of prose or data (`b"this is body"`).
 */
const namesField = (text: string, word: string) => /^[\w-]+$/.test(text) && text.replace(/^-/, "").split("__").includes(word);

const ancestors = (node: PyNode): PyNode[] => {
  const out: PyNode[] = [];
  for (let n = node.parent; n; n = n.parent) out.push(n);
  return out;
};

/** The identifier a call chain starts from: `Build.objects.filter(...).values(...)` -> Build. */
function chainRoot(node: PyNode | null): string | undefined {
  for (let n = node; n; ) {
    if (n.type === "identifier") return n.text;
    if (n.type === "attribute") n = n.childForFieldName("object");
    else if (n.type === "call") n = n.childForFieldName("function");
    else return undefined;
  }
  return undefined;
}

function pythonReference(target: UsageTarget, file: SourceFile, lines: readonly number[], words: readonly string[], context: ReferenceContext): Map<number, Reference> {
  const out = new Map<number, Reference>();
  const table = unqualified(target.table);
  const alembic = target.migration.framework === "alembic";
  // Alembic: the SQLAlchemy model mapped to the table, by the name its declarative base gives it (`participant` -> Participant)
  const model = target.ormModel ?? (alembic ? modelName(table) : undefined);
  const appDir = djangoAppDir(target.migration.path);
  withPythonTree(file.content, (root) => {
    const read = !model ? { importsModel: false, importsOtherModel: false } : alembic ? sqlalchemyFacts(root, model) : pythonFacts(root, file.path, model, appDir);
    const modelMethods = model && !alembic ? context.djangoMethods?.(appDir, model) : undefined;
    const facts: PythonFacts = modelMethods ? { ...read, modelMethods } : read;
    for (const line of lines) {
      let verdict: Reference = "other";
      for (const word of words)
        for (const offset of offsetsOn(file.content, line, word)) {
          const node = root.descendantForIndex(offset);
          if (!node) continue;
          const judged = judgePython(node, word, table, model, facts, target.reverseAccessor);
          // a name relations the code keeps share, on a receiver whose model the code does not say: theirs as much as this one's
          verdict = worst(verdict, judged === "unsure" && target.sharedWith?.has(word) ? "generic" : judged);
        }
      out.set(line, verdict);
    }
  });
  return out;
}

/** Django's query expressions: a class whose keywords and strings are lookups of the query they go into. */
const QUERY_EXPRESSIONS = new Set(["Q", "F", "Exists", "OuterRef", "Subquery", "Case", "When", "Value", "Prefetch", "Count", "Sum", "Max", "Min", "Avg", "Coalesce"]);

/** django-parler's methods that read a translated field by its name, from the model's translation table. */
const PARLER_GETTERS = new Set(["safe_translation_getter", "lazy_translation_getter", "get_translation", "has_translation"]);

/** Shortcuts that fetch a record of the model they are given first: `get_object_or_404(FlaggedObject, pk=...)`. */
const MODEL_SHORTCUTS = new Set(["get_object_or_404", "get_list_or_404"]);

const isClassName = (name: string | undefined): name is string => name !== undefined && /^[A-Z]/.test(name) && !QUERY_EXPRESSIONS.has(name);

/**
 * The class a local name holds, from its assignments in the function (or module) around `at`:
 * `flags = FlaggedObject.objects.filter(...)`, `for flag in flags:`, `flagged = get_object_or_404(FlaggedObject, ...)`.
 * Undefined when an assignment says nothing of it or two disagree.
 */
function localClass(name: string, at: PyNode, depth = 0): string | undefined {
  if (depth > 3) return undefined;
  const scope = ancestors(at).find((n) => n.type === "function_definition") ?? ancestors(at).at(-1);
  if (!scope) return undefined;
  const found = new Set<string | undefined>();
  for (const statement of scope.descendantsOfType(["assignment", "for_statement"])) {
    const left = statement.childForFieldName("left");
    if (left?.type !== "identifier" || left.text !== name) continue;
    found.add(expressionClass(statement.childForFieldName("right"), at, depth + 1));
  }
  // a parameter of the function: its caller decides, but Django's admin gives its methods' `obj` a record of the
  // class's model (`model = Recipient` of an inline, `@admin.register(Recipient)` of a ModelAdmin)
  const parameters = scope.type === "function_definition" ? scope.childForFieldName("parameters") : null;
  if (parameters?.namedChildren.some((p) => (p.type === "identifier" ? p.text : p.childForFieldName("name")?.text) === name))
    found.add(name === "obj" ? adminModel(scope) : undefined);
  return found.size === 1 ? [...found][0] : undefined;
}

/**
 * The model of the Django admin class whose method `def` is: its body's `model = Name`, or the one class its
 * `@admin.register(Name)` decorator names. Undefined for any other function.
 */
function adminModel(def: PyNode): string | undefined {
  const body = def.parent;
  const cls = body?.type === "block" && body.parent?.type === "class_definition" ? body.parent : undefined;
  if (!cls) return undefined;
  for (const statement of cls.childForFieldName("body")?.namedChildren ?? []) {
    const assignment = statement.type === "expression_statement" ? statement.namedChildren[0] : undefined;
    const right = assignment?.type === "assignment" && assignment.childForFieldName("left")?.text === "model" ? assignment.childForFieldName("right") : undefined;
    if (right?.type === "identifier" && isClassName(right.text)) return right.text;
  }
  const decorated = cls.parent?.type === "decorated_definition" ? cls.parent : undefined;
  for (const decorator of decorated?.namedChildren.filter((c) => c.type === "decorator") ?? []) {
    const call = decorator.namedChildren[0];
    const fn = call?.type === "call" ? call.childForFieldName("function") : undefined;
    const args = call?.type === "call" ? (call.childForFieldName("arguments")?.namedChildren ?? []) : [];
    const registered = fn?.type === "attribute" ? fn.childForFieldName("attribute")?.text : fn?.text;
    if (registered === "register" && args.length === 1 && args[0].type === "identifier" && isClassName(args[0].text)) return args[0].text;
  }
  return undefined;
}

/** The class an expression's value belongs to, when its call chain starts at a class or a local that holds one. */
function expressionClass(node: PyNode | null, at: PyNode, depth: number): string | undefined {
  if (!node) return undefined;
  if (node.type === "call") {
    const fn = node.childForFieldName("function");
    if (fn?.type === "identifier" && MODEL_SHORTCUTS.has(fn.text)) {
      const first = node.childForFieldName("arguments")?.namedChildren[0];
      return first?.type === "identifier" && isClassName(first.text) ? first.text : undefined;
    }
  }
  const root = chainRoot(node);
  if (root === undefined) return undefined;
  if (/^[A-Z]/.test(root)) return isClassName(root) ? root : undefined;
  return localClass(root, at, depth);
}

/** The class a call works on: its chain's root class, the class a local root holds, or the model a shortcut is given. */
function callClass(call: PyNode): string | undefined {
  return expressionClass(call, call, 0) ?? expressionClass(call.childForFieldName("function"), call, 0);
}

/**
 * The class around a `self.word` (the innermost of `up`) assigns `self.word = ...` in one of its own methods, and
 * is not the model nor a subclass of it naming it among its bases: `word` is an attribute of that class's objects.
 */
function setsOwnAttribute(up: readonly PyNode[], word: string, model: string | undefined): boolean {
  const cls = up.find((n) => n.type === "class_definition");
  if (!cls) return false;
  const bases = cls.childForFieldName("superclasses")?.namedChildren ?? [];
  if (model !== undefined && bases.some((b) => b.text === model || b.text.endsWith(`.${model}`))) return false;
  return cls.descendantsOfType("assignment").some((a) => {
    const left = a.childForFieldName("left");
    return left?.type === "attribute" && left.childForFieldName("object")?.text === "self" && left.childForFieldName("attribute")?.text === word;
  });
}

/** `record.word`: the class the code says `record` holds (localClass), for an attribute read on a plain name. */
function heldRecordClass(node: PyNode): string | undefined {
  const parent = node.parent;
  const object = parent?.type === "attribute" && parent.childForFieldName("attribute")?.id === node.id ? parent.childForFieldName("object") : undefined;
  return object?.type === "identifier" ? localClass(object.text, object) : undefined;
}

function judgePython(node: PyNode, word: string, table: string, model: string | undefined, facts: PythonFacts, reverseAccessor?: string): Reference {
  const up = ancestors(node);
  // an f-string's `{transformer.branch}` is code, not the string's text
  const interpolation = up.findIndex((n) => n.type === "interpolation");
  const string = node.type === "string" ? node : up.slice(0, interpolation === -1 ? undefined : interpolation).find((n) => n.type === "string");
  // the table's own name, or SQL on it (`FROM builds_build`, `builds_build.error`) in the same string: nothing
  // else is called builds_build (prose such as "no active repository for branch" names no table)
  const sql = string && (string.parent?.type === "concatenated_string" ? string.parent : string);
  if (word === table || (sql && namesTableInSql(sql.text, table))) return "refers";
  // the model's class name: this app's class, or a same-named class of another app
  if (word === model) return facts.importsModel ? "refers" : "other";
  if (!facts.importsModel) return "other";
  // a serializer's, form's or admin's field list (`class Meta: fields = [...]`): a name the class declares is its own field
  const listed = string ? fieldListEntry(string, word) : undefined;
  const listedVerdict = listed && fieldListReference(listed, model, word === reverseAccessor);
  if (listedVerdict) return listedVerdict;
  // inside the model's own class: its fields, properties and methods
  const inModelClass = up.some((n) => n.type === "class_definition" && n.childForFieldName("name")?.text === model);
  const inOtherClass = up.find((n) => n.type === "class_definition" && n.childForFieldName("name")?.text !== model && /Model|models\.|\bBase\b/.test(n.childForFieldName("superclasses")?.text ?? ""));
  // another model's own field of the same name; but a record of the model the code says it holds (an admin
  // method's `obj`, whose admin class's bases read like a model's) is the model's
  if (inOtherClass && !inModelClass && heldRecordClass(node) !== model) return "other";
  // a dict's key (`cmd["output"]`, `{"output": ...}`): data, not a field
  // a docstring: prose
  if (string?.parent?.type === "expression_statement" && string.parent.namedChildren.length === 1) return "other";
  if (string && (string.parent?.type === "subscript" || (string.parent?.type === "pair" && string.parent.childForFieldName("key")?.id === string.id))) return "other";
  // `related_name="dependent_flows"`: a field's declaration names the reverse accessor, it reads nothing
  if (string?.parent?.type === "keyword_argument" && ["related_name", "related_query_name"].includes(string.parent.childForFieldName("name")?.text ?? "")) return "other";
  // a word inside a longer string: prose or data, not a field name
  if (string && !namesField(stringText(string), word)) return "other";
  const call = up.find((n) => n.type === "call");
  const rootedAtModel = call !== undefined && chainRoot(call.childForFieldName("function")) === model;
  if (inModelClass) {
    // the model's own code: `self.output`, a field declared in its body
    const parent = node.parent;
    if (parent?.type === "attribute" && ["self", "cls"].includes(parent.childForFieldName("object")?.text ?? "")) return facts.modelMethods?.has(word) ? "other" : "refers";
    if (parent?.type === "assignment" && parent.parent?.parent?.type === "block" && parent.parent.parent.parent?.type === "class_definition") return "refers";
  }
  // the class the call works on: the model's (refers), another class's (`FlaggedObject.objects.filter(status=...)`,
  // `HttpResponse(status=400)`, `flag.save(update_fields=["status"])` with flag a FlaggedObject): not this column
  const worksOn = call ? callClass(call) : undefined;
  const byCall = (): Reference => (rootedAtModel || worksOn === model ? "refers" : worksOn !== undefined ? "other" : "unsure");
  const fn = call?.childForFieldName("function");
  // a plain function's keyword (`flag_object(ticket, status=status)`, `dict(status=...)`) is its parameter; only the
  // model's class, a query expression or a shortcut given the model take field names
  const plainFunction = fn?.type === "identifier" && /^[a-z_]/.test(fn.text) && !MODEL_SHORTCUTS.has(fn.text);
  if (string) {
    // a string key of a mapping (`request.POST.get("status")`): data, not a field; a translated field django-parler's
    // getters read from the translation table (`type.safe_translation_getter("name")`), not a column of the model's own
    const method = fn?.type === "attribute" ? (fn.childForFieldName("attribute")?.text ?? "") : "";
    const argument = string.parent?.type === "argument_list" && (["get", "pop", "setdefault", "getlist"].includes(method) || PARLER_GETTERS.has(method));
    return argument ? "other" : byCall();
  }
  const parent = node.parent;
  if (parent?.type === "keyword_argument" && parent.childForFieldName("name")?.id === node.id) return plainFunction ? "other" : byCall();
  if (parent?.type === "attribute" && parent.childForFieldName("attribute")?.id === node.id) {
    // a method or property the model defines under that name (`@property def status`): `ticket.status` calls it
    if (facts.modelMethods?.has(word)) return "other";
    // `build.error`, `self.build.error`: a receiver named after the model; `Build.objects...`: rooted at it
    const object = parent.childForFieldName("object");
    const name = object?.type === "attribute" ? object.childForFieldName("attribute")?.text : object?.type === "identifier" ? object.text : undefined;
    if (chainRoot(object) === model || (model !== undefined && name === snake(model))) return "refers";
    // `self.characteristics` in another class that sets that attribute itself (a paginator keeping the filter
    // options it listed): the class's own attribute, not the model's column
    if (!inModelClass && object?.type === "identifier" && (object.text === "self" || object.text === "cls") && setsOwnAttribute(up, word, model)) return "other";
    // a local that holds a record of a class: `flag = FlaggedObject.objects.get(...)`, `for flag in flags:`
    const held = object?.type === "identifier" ? localClass(object.text, object) : undefined;
    if (held !== undefined) return held === model ? "refers" : "other";
    // `Service.is_active`: another class's attribute (a model's column, an enum's member)
    return object?.type === "identifier" && /^[A-Z]/.test(object.text) ? "other" : "unsure";
  }
  return "other"; // a local name
}

// ---------------------------------------------------------------- Ruby (Active Record models)

/** The deepest Prism node whose location holds `offset`, with its ancestors (innermost first). */
function rubyPath(root: Node, offset: number): Node[] {
  const path: Node[] = [];
  let node: Node | undefined = root;
  while (node) {
    path.unshift(node);
    node = rubyChildren(node).find((child) => child.location.startOffset <= offset && offset < child.location.startOffset + child.location.length);
  }
  return path;
}

/**
 * The bodies of the heredocs of a file (`execute <<~SQL` ... `SQL`), by byte range: Prism's location of a heredoc
 * is its opener, so a word on a body line is found through the opener's path (the string itself).
 */
function heredocBodies(root: Node, source: RubySource): Array<{ start: number; end: number; opener: number }> {
  const out: Array<{ start: number; end: number; opener: number }> = [];
  const stack: Node[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if ((node instanceof StringNode || node instanceof XStringNode || node instanceof InterpolatedStringNode) && node.openingLoc && node.closingLoc && source.slice(node.openingLoc).startsWith("<<")) {
      const start = node instanceof InterpolatedStringNode ? (node.parts[0]?.location.startOffset ?? node.closingLoc.startOffset) : node.contentLoc.startOffset;
      out.push({ start, end: node.closingLoc.startOffset, opener: node.location.startOffset });
    }
    stack.push(...rubyChildren(node));
  }
  return out;
}

const constantName = (node: Node | null | undefined): string | undefined =>
  node instanceof ConstantReadNode ? node.name : node instanceof ConstantPathNode ? (node.name ?? undefined) : undefined;

/** The receiver a call chain starts from: `Version.where(...).pluck(:x)` -> Version. */
function rubyChainRoot(node: Node | null | undefined): Node | undefined {
  let n = node;
  while (n instanceof CallNode && n.receiver) n = n.receiver;
  return n ?? undefined;
}

function receiverName(node: Node | null | undefined): string | undefined {
  if (node instanceof LocalVariableReadNode) return node.name;
  if (node instanceof InstanceVariableReadNode) return node.name.replace(/^@/, "");
  if (node instanceof CallNode && !node.receiver && !node.arguments_) return node.name;
  return undefined;
}

/** `associations`: the reference column's association names (`claim_window` for claim_window_id), railsAssociation's. */
function rubyReference(target: UsageTarget, file: SourceFile, lines: readonly number[], words: readonly string[], associations: readonly string[], context: ReferenceContext): Map<number, Reference> {
  const out = new Map<number, Reference>();
  const table = unqualified(target.table);
  const model = modelName(table);
  const record = singularize(table);
  const parsed = parseRuby(file.content);
  const encoder = new TextEncoder();
  const source = new RubySource(file.content);
  const included = context.railsModels?.included(model);
  const methods = context.railsModels?.methods(model);
  // a class of the model's name that is a plain Ruby object (panoptes' in-memory SubjectGroup): its constant names it, not the table
  const tableFacts = { routes: isRoutesPath(file.path), plainModel: context.railsModels?.plain(model) === true, removedModel: context.removedRailsRecords?.has(underscore(model)) === true };
  let heredocs: ReturnType<typeof heredocBodies> | undefined;
  const modelFile = isModelPath(file.path);
  const mapping: RubyTableMapping = { translated: context.railsModels?.translated(model), tableClasses: classesMappedTo(parsed.value, table) };
  for (const line of lines) {
    let verdict: Reference = "other";
    for (const word of words)
      for (const offset of offsetsOn(file.content, line, word)) {
        const byte = encoder.encode(file.content.slice(0, offset)).length;
        // a heredoc's body line: the path to its string (SQL in a heredoc is judged as the string it is)
        const heredoc = (heredocs ??= heredocBodies(parsed.value, source)).find((h) => h.start <= byte && byte < h.end);
        const path = rubyPath(parsed.value, heredoc ? heredoc.opener : byte);
        const others = new Set([...context.railsRecords].filter((r) => r !== record));
        // a comment is prose
        if (parsed.comments.some((c) => c.location.startOffset <= byte && byte < c.location.startOffset + c.location.length)) continue;
        // the table's own name or its model's: ruby-table-name-use.ts
        const judged = word === table || word === model ? rubyTableNameUse(path, word, table, model, tableFacts) : literalOutsideQueries(path, tableFacts.routes) ? "other" : judgeRuby(path, word, table, model, record, others, included, methods, modelFile, mapping);
        // a reference column or common word (`subject_id`, `status`) that many tables have, on a receiver whose model the
        // code does not say: another table's as likely as this one's, no evidence (as for SQL migrations)
        // the association of a reference column (`claim_window` for claim_window_id) is the model's only where it refers to it
        const association = word !== target.column && associations.includes(word);
        verdict = worst(verdict, association && judged !== "refers" ? "other" : judged === "unsure" && isGenericName(word) ? "generic" : judged);
      }
    out.set(line, verdict);
  }
  return out;
}

/** The table a has_one / belongs_to builder's association (`create_outgoings!`) reaches: this one, another model's, or unknown. */
function builtTable(association: string, table: string, record: string, otherRecords: ReadonlySet<string>): "this" | "another" | undefined {
  if (association === table || association === record) return "this";
  return otherRecords.has(association) || otherRecords.has(singularize(association)) ? "another" : undefined;
}

/**
 * A string or symbol that no query reads: a path, a controller or an action of the routes (`get "/auth/staff/callback",
 * to: "omniauth_callbacks#staff"`), a word given to the inflector (`inflect.uncountable %w[staff]`).
 */
function literalOutsideQueries(path: Node[], routes: boolean): boolean {
  const at = path[0] instanceof SymbolNode ? 0 : stringIndexIn(path);
  if (at === -1) return false;
  return routes || isInflectionRule(path, at);
}

/** The word is a key of a hash literal whose keys name tables (this word another model's table, and some sibling a table too). */
function keysTableHash(path: Node[], word: string, table: string, otherRecords: ReadonlySet<string>): boolean {
  const [key, assoc, hash] = path;
  if (!(key instanceof SymbolNode) || !(assoc instanceof AssocNode) || assoc.key.location.startOffset !== key.location.startOffset || !(hash instanceof HashNode)) return false;
  const tables = new Set([table, ...[...otherRecords].map((w) => pluralize(w))]);
  if (word === table || !tables.has(word)) return false;
  return hash.elements.some((e) => e instanceof AssocNode && e.key instanceof SymbolNode && e.key.unescaped.value !== word && tables.has(e.key.unescaped.value));
}

/** The calls of a chain, outermost first: `params.require(:x).permit(...)` -> permit, require, params. */
function chainCalls(call: CallNode): CallNode[] {
  const out: CallNode[] = [];
  for (let n: Node | null = call; n instanceof CallNode; n = n.receiver) out.push(n);
  return out;
}

/** A class of the model: `Version`, or `Variant` under `module Spree` for spree_variants (a namespace's table_name_prefix). */
const isModelClass = (name: string | undefined, table: string, namespaced: boolean) =>
  name !== undefined && (tableize(name) === table || (namespaced && table.endsWith(`_${tableize(name)}`)));

/** Associations whose name is no column of the model: their rows are another table's (belongs_to's name is its key's, x_id). */
const ASSOCIATION_MACROS = new Set(["has_one", "has_many", "has_and_belongs_to_many"]);

/** Hash and record methods that take a key: `h[:x]`, `h[:x] = v`, `h.delete(:x)`, `h.fetch("x")`. */
const KEYED_ACCESS = new Set(["[]", "[]=", "delete", "fetch", "dig", "key?", "has_key?"]);

/** Operators and comparisons: a literal they take is compared or combined, not passed to a query. */
const OPERATORS = new Set(["+", "-", "==", "!=", "===", "=~", "<<", "|", "&", "include?", "in?"]);

/** The call whose arguments hold the literal at path[0] (the key of `address["zipcode"]`, the symbol of `validates :zipcode`). */
function argumentOf(path: Node[]): CallNode | undefined {
  for (let i = 1; i < path.length; i++) {
    const node = path[i];
    if (node instanceof CallNode) return node.arguments_ && path[i - 1] === node.arguments_ ? node : undefined;
    if (node instanceof DefNode || node instanceof ClassNode || node instanceof ModuleNode) return undefined;
  }
  return undefined;
}

/** A `delegate` call that names where it forwards: a `to:` key in its keyword arguments. */
function delegatesTo(call: CallNode): boolean {
  return (call.arguments_?.arguments_ ?? []).some((arg) => arg instanceof KeywordHashNode && arg.elements.some((e) => e instanceof AssocNode && e.key instanceof SymbolNode && e.key.unescaped.value === "to"));
}

/**
 * The literal at path[0] is (inside) the value a local is assigned, and the method or file around it gives that
 * local to a call as an argument (`record.update(attrs)`, `create!(**attrs)`): the data may reach a query there.
 * Reads as a receiver (`locations.each`) or a key lookup (`loc[:zipcode]`, judged on their own) pass nothing on.
 */
function passedOnAsLocal(path: Node[]): boolean {
  let i = 1;
  while (i < path.length && [HashNode, KeywordHashNode, ArrayNode, AssocNode].some((type) => path[i] instanceof type)) i++;
  const write = path[i];
  if (!(write instanceof LocalVariableWriteNode)) return false;
  const scope = path.slice(i).find((n) => n instanceof DefNode || n instanceof ClassNode || n instanceof ModuleNode) ?? path[path.length - 1];
  let passed = false;
  const visit = (node: Node, parent: Node | undefined, grand: Node | undefined) => {
    if (passed) return;
    if (node instanceof LocalVariableReadNode && node.name === write.name) {
      // `call(attrs)`, `call(*attrs)`, `call(**attrs)`
      const splat = parent instanceof SplatNode || parent instanceof AssocSplatNode;
      passed = parent instanceof ArgumentsNode || (splat && (grand instanceof ArgumentsNode || grand instanceof KeywordHashNode));
      return;
    }
    for (const child of rubyChildren(node)) visit(child, node, parent);
  };
  visit(scope, undefined, undefined);
  return passed;
}

/**
 * The use runs on the object the code is part of: a bare or `self.` call of the name (`state_id.present?`,
 * `self.state_id = nil`), or a literal that is data or an argument of such a call (`%w[state_id city]`,
 * `validates :state_id`), not an attribute of another receiver (`obj.state_id`).
 */
function onSelf(path: Node[], word: string): boolean {
  const node = path[0];
  const implicit = (call: CallNode) => !call.receiver || call.receiver instanceof SelfNode;
  if (node instanceof CallNode) return (node.name === word || node.name === `${word}=`) && implicit(node);
  if (!(node instanceof SymbolNode || node instanceof StringNode)) return false;
  const call = argumentOf(path);
  return !call || implicit(call);
}

/** Record base classes: a class of the model's name that inherits one is a model, wherever it is. */
const RECORD_BASES = new Set(["ApplicationRecord", "ActiveRecord::Base"]);

/**
 * The class is the model's: named after the table (`Version`, Spree's `Variant` for spree_variants), and not another
 * class of the model's name in a namespace of its own: `class Setting` inside `module Types` (app/graphql/types/setting.rb)
 * is Types::Setting, a GraphQL type, unless it is in the model files or inherits a record base.
 */
function isOwnModelClass(cls: ClassNode, classes: ReadonlyArray<ClassNode | ModuleNode>, table: string, model: string, namespaced: boolean, inModelFile: boolean): boolean {
  const name = constantName(cls.constantPath);
  if (name !== model && !isModelClass(name, table, namespaced)) return false;
  // Spree's Variant is spree_variants' by its namespace: the namespace is what makes it the model
  if (name === undefined || tableize(name) !== table || inModelFile) return true;
  const nested = classes.indexOf(cls) < classes.length - 1 || (cls.constantPath instanceof ConstantPathNode && cls.constantPath.parent !== null);
  const superclass = cls.superclass instanceof ConstantPathNode && cls.superclass.parent instanceof ConstantReadNode ? `${cls.superclass.parent.name}::${cls.superclass.name}` : constantName(cls.superclass);
  return !nested || RECORD_BASES.has(superclass ?? "");
}

/**
 * Query methods Globalize rewrites to the translation table when a key is a translated attribute (its QueryMethods:
 * `where`, `where.not`, `order`, `exists?`, and the finders built on `where`).
 */
const TRANSLATED_QUERIES = new Set(["where", "not", "order", "exists?", "find_by", "find_by!", "find_or_create_by", "find_or_create_by!", "find_or_initialize_by"]);

/**
 * A use of a Globalize translated attribute (`translates :disclosure_log`) through the model's API: its reader or
 * writer (`disclosure_log`, `record.disclosure_log = ...`), a validation of it, or a key of a query Globalize
 * rewrites (`where(disclosure_log: nil)`, `order(:disclosure_log)`). Globalize keeps those in the translation table
 * (public_body_translations.disclosure_log), so they do not read the model table's column of the same name; an
 * explicit read of the column does (`read_attribute(:x)`, `self[:x]`, `pluck(:x)`, SQL naming the table).
 */
function translatedAttributeUse(path: Node[], word: string): boolean {
  const node = path[0];
  if (node instanceof CallNode) return node.name === word || node.name === `${word}?` || node.name === `${word}=`;
  if (!(node instanceof SymbolNode || node instanceof StringNode)) return false;
  const call = argumentOf(path);
  return call !== undefined && (TRANSLATED_QUERIES.has(call.name) || (!call.receiver && call.name.startsWith("validates")));
}

/** What a Ruby file and the model say of how the code reaches the table, beyond the model's name. */
interface RubyTableMapping {
  /** the attributes the model translates with Globalize (rails-includes.ts `translated`) */
  translated?: ReadonlySet<string>;
  /** classes the file defines for the table by `self.table_name = "..."` (a rake task's own model of public_bodies) */
  tableClasses: ReadonlySet<string>;
}

/** Classes of the file whose body maps them to `table` (`self.table_name = 'public_bodies'`), wherever they are defined. */
function classesMappedTo(root: Node, table: string): Set<string> {
  const out = new Set<string>();
  const stack: Node[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    stack.push(...rubyChildren(node));
    if (!(node instanceof ClassNode) || !node.body) continue;
    const name = constantName(node.constantPath);
    const maps = rubyChildren(node.body).some((statement) => {
      if (!(statement instanceof CallNode) || statement.name !== "table_name=" || !(statement.receiver instanceof SelfNode)) return false;
      const value = statement.arguments_?.arguments_[0];
      return (value instanceof StringNode || value instanceof SymbolNode) && unqualified(value.unescaped.value) === table;
    });
    if (name !== undefined && maps) out.add(name);
  }
  return out;
}

function judgeRuby(path: Node[], word: string, table: string, model: string, record: string, otherRecords: ReadonlySet<string>, included?: ReadonlySet<string>, methods?: ReadonlySet<string>, inModelFile = true, mapped: RubyTableMapping = { tableClasses: new Set() }): Reference {
  // Globalize's reader, writer or query key of a translated attribute of the model: the translation table's column
  const translated = mapped.translated?.has(word) === true && translatedAttributeUse(path, word);
  const at = stringIndexIn(path);
  if (at !== -1) {
    const text = rubyStringText(path[at] as RubyString);
    // a message for people (gettext's `N_(...)`) or a sentence names words and reads nothing, the table's name
    // among them (foreman's `N_("... or default password in settings")` beside the dropped settings.default)
    if (isMessage(path, at) || isOutput(path, at) || (text.trim() !== word && isProse(text))) return "other";
    // a string naming the table too: SQL (`"SELECT token FROM users"`, a heredoc's)
    if (namesTable(text, table)) return "refers";
    // more than the name: prose, or SQL on other tables (`cs.subject_id`, `FROM classification_subjects`)
    if (text.trim() !== word && stringReadsOtherTable(text, word, table)) return "other";
  }
  // a local variable, an instance variable or a parameter of that name
  // (a job's `def perform(theft_alert_id)`, a keyword `zipcode: true` of a formatting method, `@subject_id = subject_id`)
  if (VARIABLES.some((type) => path[0] instanceof type)) return "other";
  // a call at a class body's own level (`description 'An application-wide Setting'`): self is the class, so it calls
  // a class method of the class's DSL, never a record's attribute
  if (path[0] instanceof CallNode && path[0].name === word && !path[0].receiver && isClassLevelCall(path, path[0])) return "other";
  // a name given to an API documentation DSL (`param :category`, `property :default, String`) or a key given to a
  // Hash method (`s.except(:name).merge(category: name)`, a registry's options in memory): no query reads it
  const given = path[0] instanceof SymbolNode || path[0] instanceof StringNode ? argumentOf(path) : undefined;
  if (isDocumentationName(path, given) || isHashMethodKey(given)) return "other";
  // a keyword of a bare call in a block of another class's DSL (`Foreman::SettingManager.define do setting('x', encrypted: true)`):
  // the DSL's own option, no query on the model
  const dsl = given && !given.receiver ? dslBlockConstant(path, given) : undefined;
  if (dsl !== undefined && dsl !== model && !isModelClass(dsl, table, true)) return "other";
  const classes = path.filter((n): n is ClassNode | ModuleNode => n instanceof ClassNode || n instanceof ModuleNode);
  // code of a module the model does not mix in (a concern of other models, a module's own `class << self`)
  // runs on their records or on the module: its bare `state_id` and its lists of names are not this model's
  const scope = path.find((n) => n instanceof ClassNode || n instanceof ModuleNode || n instanceof SingletonClassNode);
  const module = classes[0] instanceof ModuleNode ? constantName(classes[0].constantPath) : undefined;
  if (module !== undefined && included && !included.has(module) && (scope instanceof ModuleNode || scope instanceof SingletonClassNode) && onSelf(path, word)) return "other";
  // a key of a hash read or written (`address["zipcode"]`, `l_hash[:zipcode] = ...`, `h.delete(:zipcode)`): only a
  // record of the model reads its attributes that way (`stolen_record[:zipcode]`)
  const keyed = path[0] instanceof SymbolNode || path[0] instanceof StringNode ? argumentOf(path) : undefined;
  if (keyed && KEYED_ACCESS.has(keyed.name) && keyed.receiver && !(keyed.receiver instanceof SelfNode)) {
    const holder = receiverName(keyed.receiver);
    return constantName(keyed.receiver) === model || (holder !== undefined && (holder === record || holder === underscore(model))) ? "refers" : "other";
  }
  // a key of a data hash keyed by tables (db/anonymise/rules.rb's `linked_applications: {}` beside
  // `legal_aid_applications: {...}`): it names the other table of that name, not this table's column
  if (keysTableHash(path, word, table, otherRecords)) return "other";
  // a query rooted at another model (`Ownership.where(rubygem_id: ...)`, `.index_by(&:rubygem_id)`), or a key under
  // another table's (`where(ownerships: { rubygem_id: ... })`): that table's column
  const call = path.find((n): n is CallNode => n instanceof CallNode && n.name !== word);
  const namespaced = classes.length > 1 || classes.some((c) => c.constantPath instanceof ConstantPathNode);
  const root = call ? constantName(rubyChainRoot(call)) : undefined;
  // a class the file maps to the table (`self.table_name = "public_bodies"`) reads its columns as the model does
  const mappedRoot = root !== undefined && mapped.tableClasses.has(root);
  if (root !== undefined && root !== model && !isModelClass(root, table, true) && !mappedRoot) return "other";
  // a query through an association (`resource.set_member_subjects.where(subject_id: ...)`): that association's table
  const literal = path[0] instanceof SymbolNode || path[0] instanceof StringNode;
  const built = literal && call ? builtAssociation(call) : undefined;
  const through = literal && call ? (built !== undefined ? builtTable(built, table, record, otherRecords) : associationTable(call.receiver, table, record, otherRecords)) : undefined;
  if (through) return through === "this" ? "refers" : "other";
  // strong parameters name the attributes of the model they require: `params.require(:enterprise).permit(:owner_id)`,
  // `enterprise_params[:owner_id]`
  const rootName = call ? receiverName(rubyChainRoot(call)) : undefined;
  if (call && rootName !== undefined && (rootName === "params" || rootName.endsWith("_params"))) {
    const required = chainCalls(call).find((c) => c.name === "require")?.arguments_?.arguments_[0];
    const subject = required instanceof SymbolNode ? required.unescaped.value : rootName !== "params" ? rootName.slice(0, -"_params".length) : undefined;
    if (subject !== undefined) return subject === record ? "refers" : "other";
  }
  const outerKey = path.find((n, i) => i > 0 && n instanceof AssocNode && path[i - 1] !== n.key && path.slice(0, i).some((m) => m instanceof HashNode));
  if (outerKey instanceof AssocNode && outerKey.key instanceof SymbolNode) return outerKey.key.unescaped.value === table ? "refers" : "other";
  // a method of that name (the definition itself, or a call of it): the model defines `def zipcode` or
  // `alias_attribute :zipcode, :postal_code`, so `stolen_record.zipcode` calls it, and it outlives the column;
  // another class's method of the name is no use either (a CSV line's `def linked_applications`)
  // (its predicate too: a presenter's `def encrypted?`)
  if (path[0] instanceof DefNode && (path[0].name === word || path[0].name === `${word}?`)) return "other";
  const aliasing = argumentOf(path);
  if (aliasing && !aliasing.receiver && ["alias_attribute", "alias_method"].includes(aliasing.name) && aliasing.arguments_?.arguments_[0] === path[0]) return "other";
  if (path[1] instanceof AliasMethodNode && path[1].newName === path[0]) return "other";
  // `delegate :email_address, to: :school_contact` (prefix or not): the method it defines reads the other object's
  // attribute, never this table's column (itt-mentor-services' School, whose own email_address was already ignored)
  if (aliasing && !aliasing.receiver && aliasing.name === "delegate" && aliasing.arguments_?.arguments_.includes(path[0]) && delegatesTo(aliasing)) return "other";
  // `has_one :meeting_type` (in the model or a concern): it declares an association, another table's rows, under the name
  if (aliasing && !aliasing.receiver && ASSOCIATION_MACROS.has(aliasing.name) && aliasing.arguments_?.arguments_[0] === path[0]) return "other";
  // Globalize's `translates :name, :disclosure_log`: it declares attributes of the translation table (public_body_translations)
  if (aliasing && !aliasing.receiver && aliasing.name === "translates" && aliasing.arguments_?.arguments_.includes(path[0])) return "other";
  // (`delegate :encrypted, :encrypted?, to: :setting_definition`: `record.encrypted?` asks the other object)
  if (path[0] instanceof CallNode && (path[0].name === word || path[0].name === `${word}?`) && methods?.has(path[0].name)) return "other";
  // a literal no call takes as an argument (a data hash of seeds or previews, a `when "zipcode"`, a list of
  // header names added to another list, a hash a method returns): data, read back by key elsewhere (judged there),
  // not a column name, in the model's own code too
  if ((path[0] instanceof SymbolNode || path[0] instanceof StringNode) && !path.some((n) => n instanceof XStringNode)) {
    const call = argumentOf(path);
    // unless the data is a local that a call is then given (`attrs = {zipcode: z}; StolenRecord.create!(attrs)`)
    if ((!call || OPERATORS.has(call.name)) && !passedOnAsLocal(path)) return "other";
  }
  const own = classes.find((c): c is ClassNode => c instanceof ClassNode && isOwnModelClass(c, classes, table, model, namespaced, inModelFile));
  // in the model's own code, its translated attribute on itself (`disclosure_log.to_s`, `self.name = ...`, `where(name: ...)`)
  if (own && translated && (!(path[0] instanceof CallNode) || !path[0].receiver || path[0].receiver instanceof SelfNode)) return "other";
  if (own) return "refers"; // the model's own code: attributes, validations, scopes
  // a class the file maps to the table: its own code reads the table's columns
  if (classes.some((c) => c instanceof ClassNode && mapped.tableClasses.has(constantName(c.constantPath) ?? ""))) return "refers";
  const otherModel = classes.find((c) => c instanceof ClassNode && ["ApplicationRecord", "Base"].includes(constantName(c.superclass) ?? ""));
  if (otherModel) return "other"; // another model's own column of the same name
  // a class named after another model (LocationSerializer's `attributes :zipcode`, LocationsController): its own
  // macros and bare calls name that model's attributes
  const named = classes[0] instanceof ClassNode ? constantName(classes[0].constantPath) : undefined;
  const namedAfter = (name: string) => named !== undefined && named.startsWith(name) && /^(?:[A-Z]|$)/.test(named.slice(name.length));
  if (named && !namedAfter(model) && onSelf(path, word) && [...otherRecords].some((r) => namedAfter(modelName(r)))) return "other";
  // a class's own macro in a class not named after the model (`attr_reader :subject_id`, ActiveInteraction's
  // `integer :subject_id`): it declares that class's attribute, no table's column
  const macro = argumentOf(path);
  const cls = classes[0] instanceof ClassNode ? classes[0] : undefined;
  // a literal a plain class gives its own methods (`attribute(:settings_type)` in a presenter that declares it): its own attribute
  if (cls && !(path[0] instanceof CallNode) && declaresAttribute(cls, word) && onSelf(path, word)) return "other";
  if (macro && cls && isClassBodyMacro(path, macro)) {
    // an attribute the class declares for itself (a presenter's `attribute :category, :string`, `attr_reader :x`)
    if (declaresOwnAttribute(cls, macro)) return "other";
    // a GraphQL type's field reads the method of its name on the type's object: the model's only when the type's
    // objects are the model's records (`model_class SettingPresenter` says they are not; a type of the model's own
    // name says nothing else, and its objects are taken for the model's, as graphql-ruby's types are)
    if (isFieldMacro(macro)) {
      const objects = statedObjectClass(cls);
      if (objects !== undefined) return objects === model || isModelClass(objects, table, true) ? "refers" : "other";
      if (named === model) return "refers";
    }
  }
  if (macro && named && !namedAfter(model) && isClassBodyMacro(path, macro)) return "other";
  const node = path[0];
  // `record.column`: an attribute read (or written: `record.column = ...`) on a receiver named after the model (version, @version)
  // (Active Record's attribute query `record.column?` reads it too)
  if (node instanceof CallNode && (node.name === word || node.name === `${word}?` || (node.name === `${word}=` && node.receiver !== null))) {
    // a bare call in a class that defines the method itself calls that method
    // (or declares it an attribute of its own: a form object's `attribute :amount`)
    if (!node.receiver) return classes[0] && (instanceMethods(classes[0]).defs.has(node.name) || (classes[0] instanceof ClassNode && declaresAttribute(classes[0], word))) ? "other" : "unsure";
    // a record of the model: its column, or the translation table's for a translated attribute
    const ofModel: Reference = translated ? "other" : "refers";
    if (constantName(node.receiver) === model) return ofModel;
    const name = receiverName(node.receiver);
    if (name !== undefined && (name === record || name === underscore(model))) return ofModel;
    // a record of another model (`enterprise.owner_id`): that model's column
    if (name !== undefined && otherRecords.has(name)) return "other";
    // a record of a model the code around says (`GoldStandardAnnotation.create!(...) do |gsa|`), or one an association reaches (`x.set_member_subject.subject_id`)
    // a new instance of the class around it (`form = new` in a form object's `def self.build`) that declares the attribute itself
    const own = classes[0];
    if (node.receiver instanceof LocalVariableReadNode && own instanceof ClassNode && holdsOwnInstance(path, node.receiver.name) && declaresAttribute(own, word)) return "other";
    const held = node.receiver instanceof LocalVariableReadNode ? localRecordClass(path, node.receiver.name) : undefined;
    if (held !== undefined && (held === model || otherRecords.has(underscore(held)))) return held === model ? ofModel : "other";
    const through = associationTable(node.receiver, table, record, otherRecords);
    if (through) return through === "this" ? ofModel : "other";
    return "unsure";
  }
  // `:column`, `column:`, "column" as an argument: a query rooted at the model says so (a translated attribute's
  // key of a query Globalize rewrites is the translation table's); one rooted at a class mapped to the table too
  if (mappedRoot) return "refers";
  if (root !== undefined && isModelClass(root, table, true)) return translated ? "other" : "refers";
  return "unsure";
}

// ---------------------------------------------------------------- any language

const RUBY_TEMPLATES = /\.(?:erb|haml|slim|jbuilder|builder)$/;
/** front-end code, which reads records through the API */
const SCRIPTS = /\.(?:[mc]?[jt]sx?|vue|svelte)$/;
const PYTHON_TEMPLATES = /\.(?:html?|jinja2?|j2)$/;

/**
 * Whether a word is read from the database in a template tag or expression (`{{ ... }}`, `{% ... %}`) of the line:
 * as an attribute of something (`{{ user.mails.all }}`, `{% for m in speaker.mails.all %}`), or the table itself.
 * A bare name is a variable the view put in the context (`{% if mails %}`), and a word inside a quoted string is
 * text (`{% url 'orga:mails.outbox' %}`, `{% if 'mails.' in url_name %}`, a URL name): neither reads a field.
 */
function readInTemplateSyntax(text: string, words: readonly string[], table: string): boolean {
  const segments = (text.match(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g) ?? []).map((segment) => segment.replace(/(["'])(?:\\.|(?!\1).)*\1/g, '""'));
  return segments.some((segment) => words.some((word) => new RegExp(word === table ? `(?<![\\w])${escapeRegExp(word)}(?![\\w])` : `\\.${escapeRegExp(word)}(?![\\w])`).test(segment)));
}

/**
 * How each usage line of `file` relates to `target` (lines the grammar cannot read stay "unsure"). Only the
 * migration's own framework's language is parsed (its parser is loaded); elsewhere a line counts when it names
 * the table (SQL), and a template's `record.column` is unsure.
 */
export interface ReferenceContext {
  /** what Ruby code calls a record of each Active Record model (`app/models/enterprise.rb` -> enterprise: Zeitwerk names files after classes) */
  railsRecords: ReadonlySet<string>;
  /** the modules an Active Record model's class mixes in and the methods it defines (rails-includes.ts) */
  railsModels?: RailsModelReader;
  /** the methods a Django model's class defines, by app folder and class name (django-model-methods.ts) */
  djangoMethods?: (appDir: string, model: string) => ReadonlySet<string> | undefined;
  /** whether a serializer declares an API field of the name that reads another attribute (`source=`: api-field-sources.ts) */
  apiFieldSource?: (name: string) => boolean;
  /** every Go file of the code, where the structs' TableName() methods say which table each maps (go-column-uses.ts) */
  goFiles?: readonly SourceFile[];
  /** every Java file of the code, where the JPA entities say which table each maps (java-column-uses.ts) */
  javaFiles?: readonly SourceFile[];
  /** the record names (`staff`) of Active Record models whose app/models file the change deletes and the code at head no longer has */
  removedRailsRecords?: ReadonlySet<string>;
}

/** The record names of app/models files among `removed` that `present` (the code at head) no longer has anywhere. */
export function removedRailsRecordNames(removed: Iterable<string>, present: Iterable<string>): Set<string> {
  const left = railsRecordNames(present);
  return new Set([...railsRecordNames(removed)].filter((record) => !left.has(record)));
}

/** The record names of the application's Active Record models, from their file names. */
export function railsRecordNames(paths: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const path of paths) {
    const at = path.indexOf("app/models/");
    if (at === -1 || (at > 0 && path[at - 1] !== "/") || !path.endsWith(".rb") || path.includes("/concerns/")) continue;
    out.add(path.slice(path.lastIndexOf("/") + 1, -3));
  }
  return out;
}

export function referencesIn(target: UsageTarget, file: SourceFile, usages: readonly Usage[], context: ReferenceContext = { railsRecords: new Set() }): Map<number, Reference> {
  const lines = [...new Set(usages.map((u) => u.line))];
  // data, prose and test data name words, never read a column: no evidence either way
  if (isNonCodeFile(file.path)) return new Map(lines.map((line) => [line, "other" as Reference]));
  const framework = target.migration.framework;
  const ruby = file.path.endsWith(".rb") || file.path.endsWith(".rake");
  // a reference column's association counts only where Prism reads it on the model (rubyReference): not in a template or other file
  const associations = railsAssociation(framework, target.kind, target.column ?? "");
  const words = ruby ? target.identifiers : target.identifiers.filter((w) => !associations.includes(w));
  try {
    if ((framework === "django" || framework === "alembic") && file.path.endsWith(".py")) return pythonReference(target, file, lines, words, context);
    if (framework === "rails" && ruby) return rubyReference(target, file, lines, words, associations, context);
  } catch {
    return new Map(lines.map((line) => [line, "unsure" as Reference]));
  }
  const table = unqualified(target.table);
  // Go, read with its grammar: a column is this table's only on a struct that maps the table or in SQL on it
  // (go-column-uses.ts); another struct's field of the name (`result.bfpe`, a GraphQL type's Title) is not
  if (isGoPath(file.path) && target.column !== undefined && goParserLoaded()) {
    const columns = target.identifiers.filter((id) => id !== table);
    const tied = new Set(goColumnUsages(context.goFiles ?? [file], [file], table, columns).map((u) => u.line));
    return new Map(lines.map((line) => [line, tied.has(line) ? "refers" : "other"]));
  }
  // and a table only in SQL on it, its name alone as a query builder's argument or a constant's value, or a struct that
  // maps it (go-table-uses.ts); an identifier or another string's word (`metadataKey`, `"action:core"`) is not
  if (isGoPath(file.path) && target.column === undefined && framework === "sql" && goParserLoaded()) {
    const read = goTableUsages(context.goFiles ?? [file], [file], table, target.migration.database === "postgresql" && /[A-Z]/.test(table));
    if (read.unread.length === 0) {
      const tied = new Set(read.usages.map((u) => u.line));
      return new Map(lines.map((line) => [line, tied.has(line) ? "refers" : "other"]));
    }
  }
  // Java, read with its grammar: a column is this table's only on a JPA entity of the table, its accessors or SQL/JPQL on it
  if (isJavaPath(file.path) && target.column !== undefined && javaColumnParserLoaded()) {
    const columns = target.identifiers.filter((id) => id !== table);
    const tied = new Set(javaColumnUsages(context.javaFiles ?? [file], [file], table, columns).map((u) => u.line));
    return new Map(lines.map((line) => [line, tied.has(line) ? "refers" : "other"]));
  }
  // and a table only in SQL on it, on a class mapped to it or its references, or JPQL on that entity
  // (java-table-uses.ts); a local, field or method of its name (DSpace's checker's `history`) is not
  if (isJavaPath(file.path) && target.column === undefined && framework === "sql" && javaColumnParserLoaded()) {
    const tied = new Set(javaTableUsages(context.javaFiles ?? [file], table, [target.ormModel ?? modelName(table)], target.migration.database === "postgresql" && /[A-Z]/.test(table), [file]).usages.map((u) => u.line));
    return new Map(lines.map((line) => [line, tied.has(line) ? "refers" : "other"]));
  }
  const record = framework === "rails" ? singularize(table) : (target.ormModel ?? modelName(table)).toLowerCase();
  // a Rails view's `public_body.disclosure_log` of an attribute the model translates with Globalize: the translation table's
  const translated = framework === "rails" ? context.railsModels?.translated(modelName(table)) : undefined;
  // templates and front-end code that read a serialized record (`build.output`): maybe this table's, unsure
  const template = RUBY_TEMPLATES.test(file.path) || /\.(?:html?|jinja2?|j2|txt|[mc]?[jt]sx?|vue|svelte)$/.test(file.path);
  return new Map(
    lines.map((line) => {
      const text = usages.find((u) => u.line === line)?.text ?? "";
      // a Django or Jinja template reads the database only in its template syntax ({{ flow.optin_dependencies }},
      // {% for d in flow.optin_dependencies.all %}): the same word in its markup or prose (a styleguide's demo
      // page mentioning "Flow") reads nothing
      if ((framework === "django" || framework === "alembic") && PYTHON_TEMPLATES.test(file.path) && !readInTemplateSyntax(text, words, table)) return [line, "other"];
      // a Rails view names a table in its markup and prose ("Sign in as staff"), paths (`render "staff/shared/links"`) and
      // locals (`@staff.find_each do |staff|`): it reaches the table through the model's class (`Staff.count`) or an
      // association read on a record (`user.staff`, which may be another model's of that name)
      if (framework === "rails" && RUBY_TEMPLATES.test(file.path) && words.includes(table)) {
        const model = modelName(table);
        const byClass = words.includes(model) && !context.removedRailsRecords?.has(underscore(model)) && new RegExp(`(?<![\\w.:])${escapeRegExp(model)}\\s*\\.\\s*[a-z_]`).test(text);
        return [line, byClass ? "refers" : new RegExp(`\\.${escapeRegExp(table)}(?![\\w])`).test(text) ? "unsure" : "other"];
      }
      // a table's target (a join table): the line names the table, or reads the field on a record of the model
      // (`flow.optin_dependencies`); a bare word of the search alone (a variable `mails`) is no reference to it
      if (words.includes(table) && (namesTable(text, table) || words.some((w) => text.includes(`${record}.${w}`)))) return [line, "refers"];
      // front-end code of an ORM project reads serialized records (`item.plugin.required`): the API decides what is in
      // them, and an API field the serializer fills from another attribute (`family = ChoiceField(source="famille_produits")`)
      // is that attribute, whatever the column of the name became
      const read = words.filter((w) => text.includes(`${record}.${w}`) && !translated?.has(w));
      const apiNamed = (w: string) => SCRIPTS.test(file.path) && context.apiFieldSource?.(w) === true;
      if (template && framework !== "sql") return [line, read.length > 0 && !read.every(apiNamed) ? "unsure" : "other"];
      if (namesTable(text, table)) return [line, "refers"];
      // SQL migrations say nothing of an ORM: the word counts when the table, a row or its model is named next to
      // it; elsewhere it may be the column (unsure), or, for a name every other table and API uses, it is no evidence
      // (supabase/auth: client_id in a route parameter and in other tables' columns, not oauth_clients.client_id)
      if (framework !== "django" && framework !== "rails" && framework !== "alembic") {
        if (tiedToTable(file.content, line, table)) return [line, "refers"];
        return [line, words.every(isGenericName) ? "generic" : "unsure"];
      }
      if (template && words.some((w) => text.includes(`${record}.${w}`))) return [line, "unsure"];
      return [line, "other"];
    }),
  );
}

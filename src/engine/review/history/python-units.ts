/**
 * A Django or Alembic migration cut into source units (see source-units.ts), read with tree-sitter. The
 * canonical form keeps every token but comments and docstrings, reads strings by their content (quote style,
 * implicit concatenation and parentheses are formatting) and drops the trailing comma a formatter adds.
 * Inside an operation, options Django keeps in Python only (help_text, choices, validators, a sanitizer
 * function...) are left out of the canonical form and listed apart: editing them never reaches the database.
 */
import { locOf } from "../../adapters/python/nodes.js";
import { withPythonTree, type PyNode } from "../../adapters/python/parser.js";
import type { Callee, Side, SourceUnit } from "./source-units.js";
import { Collector } from "./collector.js";
import { append } from "../../append.js";
import { sqlStringIds, sqlTokenForm } from "./python-sql-strings.js";
import { boundAnywhere, localNames, type LocalNames } from "./python-local-names.js";
import { isSeparateDatabaseAndState, operationLists } from "./python-operation-lists.js";

/** Field and operation options Django never sends to the database. */
const PYTHON_ONLY_OPTIONS = new Set([
  "help_text",
  "verbose_name",
  "verbose_name_plural",
  "choices",
  "validators",
  "blank",
  "editable",
  "error_messages",
  "related_name",
  "related_query_name",
  "limit_choices_to",
  "upload_to",
  "storage",
  "serialize",
  "unique_for_date",
  "unique_for_month",
  "unique_for_year",
  "auto_now",
  "auto_now_add",
  "encoder",
  "decoder",
  "form_class",
  "width_field",
  "height_field",
  "allow_unicode",
  "managers",
  // which foreign keys of an explicit through model the relation uses: only valid with through=, whose table the
  // through model's own CreateModel makes, so Django sends nothing for it
  "through_fields",
]);

/** Options that reach the database even when given as a name (`default=uuid.uuid4` fills existing rows). */
const DATABASE_OPTIONS = new Set([
  "default",
  "to",
  "to_field",
  "through",
  "base_field",
  "size",
  "null",
  "unique",
  "primary_key",
  "max_length",
  "max_digits",
  "decimal_places",
  "srid",
  "dim",
  "geography",
  "dimensions",
  "auto_created",
  "parent_link",
  "fields",
  "expressions",
  "condition",
  "check",
  "opclasses",
  "include",
  "deferrable",
  "nulls_distinct",
  "model_name",
  "name",
  "field",
  "code",
  "reverse_code",
  "sql",
  "reverse_sql",
]);

/** Model Meta options (AlterModelOptions, CreateModel's `options=`) that only Python reads. */
const PYTHON_ONLY_MODEL_OPTIONS = new Set([
  "ordering",
  "verbose_name",
  "verbose_name_plural",
  "permissions",
  "default_permissions",
  "get_latest_by",
  "base_manager_name",
  "default_manager_name",
  "default_related_name",
  "select_on_save",
]);

/** Operations that change only Django's Python side. */
export const PYTHON_ONLY_OPERATIONS = new Set(["AlterModelOptions", "AlterModelManagers"]);

const MIGRATION_SETTINGS = new Set(["dependencies", "atomic", "initial", "replaces", "run_before"]);
const ALEMBIC_SETTINGS = new Set(["revision", "down_revision", "depends_on", "branch_labels"]);

const isDocstring = (node: PyNode) =>
  node.type === "expression_statement" && node.namedChildCount === 1 && ["string", "concatenated_string"].includes(node.namedChildren[0].type);

function stringContent(node: PyNode): string {
  // a comment between the pieces (`'a'  # noqa: E501` then `'b'`) is a node of the tree, not part of the value
  if (node.type === "concatenated_string") return node.namedChildren.filter((c) => c.type !== "comment").map(stringContent).join("");
  const start = node.children.find((c) => c.type === "string_start")?.text ?? "";
  const prefix = start.replace(/["']/g, "").toLowerCase();
  const inner = node.children.filter((c) => c.type !== "string_start" && c.type !== "string_end").map((c) => c.text).join("");
  return `${prefix}|${inner}`;
}

/**
 * While `pythonUnits` reads a module: the ids of its strings that are SQL (python-sql-strings.ts), the builtins it
 * binds to something else, and what its functions' locals are read as (python-local-names.ts). `lint` says whether
 * the walk reads locals that way: only for a statement's `substance` and what a RunPython runs, which compare a
 * statement or a whole function; numbering locals would make every statement after a new one differ.
 */
let reading: { sqlStrings: ReadonlySet<number>; shadowed: ReadonlySet<string>; lint: boolean } & LocalNames = {
  sqlStrings: new Set(),
  shadowed: new Set(),
  lint: false,
  renamed: new Map(),
  unreadAssignments: new Set(),
  unreadLookups: new Set(),
};

/**
 * A SQL string's content in its token form (python-sql-strings.ts): white space between tokens is formatting.
 * `fallback` reads the text when the scanner refuses it.
 */
function sqlContent(node: PyNode, fallback: (inner: string) => string = (inner) => inner): string {
  const pieces = node.type === "concatenated_string" ? node.namedChildren.filter((c) => c.type === "string") : [node];
  const prefixes = [...new Set(pieces.map((p) => stringContent(p).split("|")[0]))].join(",");
  const inner = pieces.map((p) => stringContent(p).slice(stringContent(p).indexOf("|") + 1)).join("");
  return `${prefixes}|${sqlTokenForm(inner) ?? fallback(inner)}`;
}

/** `read` with locals read as python-local-names.ts says (see `reading`). */
function linted<T>(read: () => T): T {
  const outer = reading.lint;
  reading.lint = true;
  try {
    return read();
  } finally {
    reading.lint = outer;
  }
}

const CLOSERS = new Set([")", "]", "}"]);

/** Nodes that may carry a type annotation: a parameter, a function's return type, an annotated assignment. */
const ANNOTATED = new Set(["typed_parameter", "typed_default_parameter", "function_definition", "assignment"]);

/** The annotation of an ANNOTATED node (its `type` or `return_type`), if it has one. */
const annotationOf = (node: PyNode): PyNode | undefined =>
  (node.type === "function_definition" ? node.childForFieldName("return_type") : node.children.find((c) => c.type === "type")) ?? undefined;

/** An ANNOTATED node's children without its annotation and the `:` or `->` before it. */
function withoutAnnotation(node: PyNode): PyNode[] {
  const type = annotationOf(node);
  if (!type) return node.children;
  const at = node.children.findIndex((c) => c.id === type.id);
  return node.children.filter((_, i) => i !== at && !(i === at - 1 && (node.children[i].type === ":" || node.children[i].type === "->")));
}

/** The type annotations inside a node, in order (left out of its canonical form). */
function annotationsIn(node: PyNode): string {
  const out: string[] = [];
  const visit = (n: PyNode) => {
    const type = ANNOTATED.has(n.type) ? annotationOf(n) : undefined;
    if (type) out.push(type.text.replace(/\s+/g, ""));
    n.children.forEach(visit);
  };
  visit(node);
  return out.join("|");
}

/** A dotted name (`json.dumps`, `clean_editor_js`): the function a call names. */
const isDottedName = (node: PyNode): boolean => node.type === "identifier" || (node.type === "attribute" && node.namedChildren.every(isDottedName));

/** Library calls being collected: the names the module imports, and the calls found so far. */
interface CalleeSink {
  imported: ReadonlySet<string>;
  out: Callee[];
}

/** The function a call names, when it is a dotted name rooted in an imported name (`json.dumps`, `clean_editor_js`). */
function libraryCallee(node: PyNode, sink: CalleeSink): Callee | undefined {
  if (node.parent?.type !== "call" || node.parent.childForFieldName("function")?.id !== node.id || !isDottedName(node)) return undefined;
  const text = node.text.replace(/\s+/g, "");
  const segments = text.split(".");
  if (!sink.imported.has(segments[0])) return undefined;
  return { text, owner: segments.slice(0, -1).join(".") || segments[0], name: segments[segments.length - 1] };
}

/** Active while `rowsForm` reads a statement: what it left out (`.iterator()`, `output_field=`). */
const rowsSeen = new Collector();

/**
 * Expressions where `output_field` reaches the SQL: Cast casts to it, Value adapts its parameter with it, Case wraps
 * itself in a cast for some types on PostgreSQL (unification_cast_sql). Elsewhere (Func, ExpressionWrapper, an
 * aggregate) it only tells Django the Python type of the result.
 */
const SQL_OUTPUT_FIELD = new Set(["Cast", "Value", "Case"]);

/**
 * Under `rowsForm`: what a node is once how it walks the rows is left out (`qs.iterator(chunk_size=n)` and
 * `qs.all()` are `qs`), "skip" for an `output_field=` that never reaches the SQL, undefined for anything else.
 */
function rowsRewrite(node: PyNode): PyNode | "skip" | undefined {
  if (node.type === "keyword_argument" && keywordName(node) === "output_field") {
    const fn = node.parent?.parent?.type === "call" ? node.parent.parent.childForFieldName("function")?.text ?? "" : "";
    if (fn === "" || SQL_OUTPUT_FIELD.has(fn.slice(fn.lastIndexOf(".") + 1))) return undefined;
    rowsSeen.push("output_field=");
    return "skip";
  }
  const fn = node.type === "call" ? node.childForFieldName("function") : undefined;
  const object = fn?.type === "attribute" ? fn.childForFieldName("object") : undefined;
  if (!fn || !object) return undefined;
  const method = fn.childForFieldName("attribute")?.text;
  const args = node.childForFieldName("arguments")?.namedChildren.filter((c) => c.type !== "comment") ?? [];
  const walks = (method === "iterator" && args.every((a) => a.type === "keyword_argument" && keywordName(a) === "chunk_size")) || (method === "all" && args.length === 0);
  if (walks && isQuerySet(object)) {
    rowsSeen.push(`.${method}()`);
    return object;
  }
  return undefined;
}

/** Manager and QuerySet methods that return a QuerySet: a chain through one of them (or a manager) is a QuerySet. */
const QUERYSET_METHODS = new Set(["objects", "_default_manager", "_base_manager", "all", "filter", "exclude", "order_by", "select_related", "prefetch_related", "only", "defer", "distinct", "annotate", "alias", "values", "values_list", "using", "select_for_update", "none", "iterator"]);

/** `Model.objects.filter(...)`: a chain of attributes and calls that goes through a manager or a QuerySet method (`mask.all()` on an array does not). */
function isQuerySet(node: PyNode): boolean {
  for (let at: PyNode | null = node; at; ) {
    const target: PyNode | null = at.type === "call" ? at.childForFieldName("function") : at;
    if (target?.type !== "attribute") return false;
    if (QUERYSET_METHODS.has(target.childForFieldName("attribute")?.text ?? "")) return true;
    at = target.childForFieldName("object");
  }
  return false;
}

/** A statement's canonical form with how it walks the rows left out, and what was left out (source-units.ts `rows`). */
function rowsForm(node: PyNode): { canonical: string; how: string[] } {
  const { value, seen } = rowsSeen.collect(() => canonical(node));
  return { canonical: value, how: seen };
}

/**
 * Active while `connectionForm` reads a statement of a data function: the `.using(...)` calls it left out, and the
 * names that hold the alias of the connection the migration runs on (`schema_editor.connection.alias`).
 */
const connectionSeen = new Collector();
let connectionAliases: { editor: string | undefined; names: ReadonlySet<string> } = { editor: undefined, names: new Set() };

/** `schema_editor.connection.alias` (the data function's second parameter), or a local bound only to it. */
function isConnectionAlias(node: PyNode): boolean {
  if (node.type === "identifier") return connectionAliases.names.has(node.text);
  if (node.type !== "attribute" || node.childForFieldName("attribute")?.text !== "alias") return false;
  const connection = node.childForFieldName("object");
  if (connection?.type !== "attribute" || connection.childForFieldName("attribute")?.text !== "connection") return false;
  const editor = connection.childForFieldName("object");
  return editor?.type === "identifier" && editor.text === connectionAliases.editor;
}

/**
 * Under `connectionForm`: `qs.using(alias)` with the alias of the migration's own connection is `qs` (Django's
 * advice for RunPython on several databases); undefined for anything else.
 */
function connectionRewrite(node: PyNode): PyNode | undefined {
  const fn = node.type === "call" ? node.childForFieldName("function") : undefined;
  if (fn?.type !== "attribute" || fn.childForFieldName("attribute")?.text !== "using") return undefined;
  const object = fn.childForFieldName("object");
  const args = node.childForFieldName("arguments")?.namedChildren.filter((c) => c.type !== "comment") ?? [];
  if (!object || args.length !== 1 || !isConnectionAlias(args[0]) || !isQuerySet(object)) return undefined;
  connectionSeen.push(`.using(${args[0].text})`);
  return object;
}

/** The names a data function binds to its connection's alias and to nothing else (`db_alias = schema_editor.connection.alias`). */
function connectionAliasNames(def: PyNode, editor: string | undefined): Set<string> {
  const bound = new Map<string, boolean>();
  const outer = connectionAliases;
  connectionAliases = { editor, names: new Set() };
  try {
    for (const assignment of def.descendantsOfType(["assignment", "augmented_assignment"])) {
      const left = assignment.childForFieldName("left");
      const right = assignment.childForFieldName("right");
      if (left?.type !== "identifier") continue;
      const alias = assignment.type === "assignment" && right !== null && isConnectionAlias(right);
      bound.set(left.text, (bound.get(left.text) ?? true) && alias);
    }
  } finally {
    connectionAliases = outer;
  }
  return new Set([...bound].filter(([, only]) => only).map(([name]) => name));
}

/**
 * A data function's statement with `.using(<its connection's alias>)` left out, and the calls left out (source-units.ts
 * `connection`): two versions of the same form write the same rows wherever the project has one database.
 */
function connectionForm(node: PyNode, aliases: typeof connectionAliases): { canonical: string; using: string[] } {
  const outer = connectionAliases;
  connectionAliases = aliases;
  try {
    const { value, seen } = connectionSeen.collect(() => canonical(node));
    return { canonical: value, using: seen };
  } finally {
    connectionAliases = outer;
  }
}

/** Active while `messageForm` reads a statement: the exception messages it left out. */
const messagesSeen = new Collector();

/**
 * A string given to the exception a `raise` statement builds (`raise RuntimeError("...")`, `raise
 * IrreversibleError(f"... {n}")`), as its interpolations alone; undefined for any other node.
 */
function raisedMessage(node: PyNode): string | undefined {
  if (node.type !== "string" && node.type !== "concatenated_string") return undefined;
  let at = node.parent;
  while (at?.type === "parenthesized_expression") at = at.parent;
  const call = at?.type === "argument_list" ? at.parent : undefined;
  if (call?.type !== "call" || call.parent?.type !== "raise_statement" || call.parent.namedChildren[0]?.id !== call.id) return undefined;
  messagesSeen.push("raise");
  return `m(${node.descendantsOfType("interpolation").map((i) => i.namedChildren.map((c) => canonical(c)).join(" ")).join(",")})`;
}

/**
 * A statement's canonical form with the text of the exception messages it raises left out (source-units.ts
 * `message`): two versions of the same form differ only in what a person reads when the migration stops.
 */
function messageForm(node: PyNode): string {
  return messagesSeen.collect(() => canonical(node)).value;
}

/** Django's project root: the folder `manage.py` runs from, where a relative path already pointed. */
const BASE_DIR = new Set(["settings.BASE_DIR", "BASE_DIR"]);

/**
 * `os.path.join(settings.BASE_DIR, "taiga/hooks/github/logo.png")` or `settings.BASE_DIR / "..."`: the relative path
 * string it joins onto the project root. A migration runs from that root (`manage.py migrate`), so where it ran the
 * bare relative path named the same file (taiga's 373886dcfc only stopped a crash from another working directory).
 */
function relativeToBaseDir(node: PyNode): PyNode | undefined {
  let root: PyNode | null | undefined;
  let path: PyNode | undefined;
  if (node.type === "call" && /^(os\.)?path\.join$/.test(node.childForFieldName("function")?.text ?? "")) {
    const args = node.childForFieldName("arguments")?.namedChildren.filter((c) => c.type !== "comment") ?? [];
    if (args.length !== 2) return undefined;
    [root, path] = args;
  } else if (node.type === "binary_operator" && node.childForFieldName("operator")?.text === "/") {
    root = node.childForFieldName("left");
    path = node.childForFieldName("right") ?? undefined;
  } else return undefined;
  if (!root || !BASE_DIR.has(root.text) || path?.type !== "string") return undefined;
  const text = stringContent(path);
  return text !== "" && !text.startsWith("/") ? path : undefined;
}

/**
 * Canonical text of a node; `skip` leaves a node out (Python-only options). With `callees`, the library function
 * each call names is left out of the text and collected there instead.
 */
function canonical(node: PyNode, skip?: (n: PyNode) => boolean, callees?: CalleeSink): string {
  if (node.type === "comment" || skip?.(node) || (reading.lint && reading.unreadLookups.has(node.id))) return "";
  // python-local-names.ts: a local read as the order it appears in, an assignment nothing reads as its value
  const renamed = reading.lint && node.type === "identifier" ? reading.renamed.get(node.id) : undefined;
  if (renamed) return renamed;
  const value = reading.lint && reading.unreadAssignments.has(node.id) ? node.childForFieldName("right") : undefined;
  if (value) return canonical(value, skip, callees);
  const literal = builtinLiteral(node, skip, callees);
  if (literal) return literal;
  const rewritten = rowsSeen.active ? rowsRewrite(node) : undefined;
  if (rewritten) return rewritten === "skip" ? "" : canonical(rewritten, skip, callees);
  const sameConnection = connectionSeen.active ? connectionRewrite(node) : undefined;
  if (sameConnection) return canonical(sameConnection, skip, callees);
  const callee = callees && libraryCallee(node, callees);
  if (callee) {
    callees.out.push(callee);
    return "?";
  }
  const message = messagesSeen.active ? raisedMessage(node) : undefined;
  if (message !== undefined) return message;
  if (node.type === "string" || node.type === "concatenated_string") return `s${JSON.stringify(reading.sqlStrings.has(node.id) ? sqlContent(node) : stringContent(node))}`;
  const relative = relativeToBaseDir(node);
  if (relative) return canonical(relative, skip, callees);
  const empty = node.type === "keyword_argument" && keywordName(node) === "default" ? emptyDefault(node.childForFieldName("value")) : undefined;
  if (empty) return `default=${empty}`;
  // Django 5.1 renamed CheckConstraint's `check=` to `condition=`: the same constraint, the same SQL
  if (node.type === "keyword_argument" && keywordName(node) === "check" && /CheckConstraint$/.test(node.parent?.parent?.childForFieldName("function")?.text ?? "")) {
    const value = node.childForFieldName("value");
    if (value) return `keyword_argument(condition = ${canonical(value, skip, callees)})`;
  }
  if (node.type === "parenthesized_expression") {
    const inner = node.namedChildren.filter((c) => c.type !== "comment");
    if (inner.length === 1) return canonical(inner[0], skip, callees);
  }
  if (node.childCount === 0) return node.text;
  // type annotations are never evaluated for what runs (`apps: Apps` is `apps`): annotationsIn lists them apart
  const own = ANNOTATED.has(node.type) ? withoutAnnotation(node) : node.children;
  if (node.type === "typed_parameter" && own.length === 1) return canonical(own[0], skip, callees);
  // Python 3.14 (PEP 758): `except A, B:` is `except (A, B):`, the same handler
  if (node.type === "except_clause") {
    const values = node.childrenForFieldName("value");
    const caught = values.length === 1 && values[0].type === "tuple" ? values[0].namedChildren.filter((c) => c.type !== "comment") : values;
    if (caught.length > 1) {
      const rest = node.namedChildren.filter((c) => c.type !== "comment" && !values.some((v) => v.id === c.id));
      return `except_clause(except tuple(${caught.map((c) => canonical(c, skip, callees)).join(" , ")}) : ${rest.map((c) => canonical(c, skip, callees)).join(" ")})`;
    }
  }
  const docstring = firstStatement(node);
  const children = own.filter((c) => !(docstring && c.id === docstring.id && isDocstring(c)));
  const parts = children.map((c) => canonical(c, skip, callees)).filter((p) => p !== "");
  // a left-out keyword argument leaves its comma behind (first, so a formatter's trailing comma after a
  // left-out last argument is trailing too)
  const kept = parts.filter((p, i) => !(p === "," && (i === 0 || parts[i - 1] === "," || parts[i - 1] === "(")));
  // a trailing comma before a closing bracket is formatting
  const tidy = kept.filter((p, i) => !(p === "," && (i + 1 === kept.length || CLOSERS.has(kept[i + 1]))));
  return `${node.type === "typed_default_parameter" ? "default_parameter" : node.type}(${tidy.join(" ")})`;
}

/**
 * A default that is an empty list or dict, written as a literal or as the builtin Django calls for it
 * (`default=[]`, `default=list`): both fill existing rows with the same value, so moving from one to the other
 * (Django's fields.E010 warning asks for the callable) changes nothing in the database.
 */
function emptyDefault(value: PyNode | null | undefined): string | undefined {
  if (!value) return undefined;
  if ((value.type === "list" || value.type === "dictionary") && value.namedChildren.every((c) => c.type === "comment")) return value.type === "list" ? "empty-list" : "empty-dict";
  if (value.type === "identifier" && (value.text === "list" || value.text === "dict")) return value.text === "list" ? "empty-list" : "empty-dict";
  return undefined;
}

/** The builtins whose calls flake8-comprehensions rewrites as literals and comprehensions. */
const COLLECTION_BUILTINS = new Set(["dict", "list", "set", "tuple"]);

/**
 * A call of a collection builtin in the canonical form of the literal or comprehension it builds (ruff's C4
 * autofixes: `dict()` is `{}`, `set(x for x in y)` is `{x for x in y}`, `set([a, b])` is `{a, b}`); undefined for
 * any other node, or when the module binds the builtin's name to something else.
 */
function builtinLiteral(node: PyNode, skip?: (n: PyNode) => boolean, callees?: CalleeSink): string | undefined {
  const fn = node.type === "call" ? node.childForFieldName("function") : undefined;
  if (fn?.type !== "identifier" || !COLLECTION_BUILTINS.has(fn.text) || reading.shadowed.has(fn.text)) return undefined;
  const args = node.childForFieldName("arguments");
  const items = args?.type === "generator_expression" ? [args] : (args?.namedChildren.filter((c) => c.type !== "comment") ?? []);
  const parts = (n: PyNode) =>
    n.namedChildren
      .map((c) => canonical(c, skip, callees))
      .filter((p) => p !== "")
      .join(" ");
  if (items.length === 0) return { dict: "dictionary({ })", list: "list([ ])", tuple: "tuple(( ))" }[fn.text];
  const [only] = items;
  if (items.length !== 1) return undefined;
  if (only.type === "generator_expression" || (only.type === "list_comprehension" && fn.text !== "dict" && fn.text !== "tuple")) {
    if (fn.text === "set") return `set_comprehension({ ${parts(only)} })`;
    if (fn.text === "list") return `list_comprehension([ ${parts(only)} ])`;
    // dict((k, v) for ...) is {k: v for ...}
    const body = only.childForFieldName("body");
    const pair = body?.type === "tuple" ? body.namedChildren.filter((c) => c.type !== "comment") : [];
    if (fn.text === "dict" && pair.length === 2) {
      const rest = only.namedChildren.filter((c) => c.id !== body!.id).map((c) => canonical(c, skip, callees)).filter((p) => p !== "");
      return `dictionary_comprehension({ pair(${canonical(pair[0], skip, callees)} : ${canonical(pair[1], skip, callees)}) ${rest.join(" ")} })`;
    }
    return undefined;
  }
  // set([a, b]) is {a, b}
  if (fn.text === "set" && only.type === "list" && only.namedChildren.some((c) => c.type !== "comment")) {
    const list = canonical(only, skip, callees);
    return `set({${list.slice("list([".length, -"])".length)}})`;
  }
  return undefined;
}

function firstStatement(node: PyNode): PyNode | undefined {
  if (node.type !== "block" && node.type !== "module") return undefined;
  return node.namedChildren.find((c) => c.type !== "comment");
}

function callShape(node: PyNode, imported: ReadonlySet<string>): { shape: string; callees: Callee[] } {
  const sink: CalleeSink = { imported, out: [] };
  return { shape: canonical(node, undefined, sink), callees: sink.out };
}

/**
 * What each name an import statement binds resolves to (source-units.ts `binds`), sorted; undefined for a
 * wildcard import, whose names nobody lists.
 */
function importBindings(statement: PyNode): string[] | undefined {
  const dotted = (node: PyNode | null | undefined) => (node?.text ?? "").replace(/\s+/g, "");
  const out: string[] = [];
  if (statement.type === "import_statement") {
    for (const item of statement.namedChildren) {
      if (item.type === "aliased_import") out.push(`${dotted(item.childForFieldName("alias"))}=${dotted(item.childForFieldName("name"))}`);
      // `import a.b` binds `a` and loads `a.b` as well
      else if (item.type === "dotted_name") out.push(`${dotted(item).split(".")[0]}=import ${dotted(item)}`);
    }
  } else if (statement.type === "import_from_statement") {
    if (statement.namedChildren.some((c) => c.type === "wildcard_import")) return undefined;
    const module = dotted(statement.childForFieldName("module_name"));
    for (const item of statement.childrenForFieldName("name")) {
      if (item.type === "aliased_import") out.push(`${dotted(item.childForFieldName("alias"))}=${module}.${dotted(item.childForFieldName("name"))}`);
      else out.push(`${dotted(item)}=${module}.${dotted(item)}`);
    }
  } else return undefined;
  return out.sort();
}

const IMPORT_STATEMENTS = new Set(["import_statement", "import_from_statement"]);

/** An import statement's bindings as a unit carries them; nothing for any other statement or a wildcard import. */
function bindsOf(statement: PyNode): Pick<SourceUnit, "binds"> {
  const binds = IMPORT_STATEMENTS.has(statement.type) ? importBindings(statement) : undefined;
  return binds ? { binds } : {};
}

/** The names a module's imports bind (`import a.b` binds `a`, `from m import f as g` binds `g`). */
function importedNames(imports: readonly PyNode[]): Set<string> {
  const names = new Set<string>();
  for (const statement of imports) {
    const bound = statement.type === "import_statement" ? statement.namedChildren : statement.childrenForFieldName("name");
    for (const item of bound) {
      if (item.type === "aliased_import") names.add(item.childForFieldName("alias")?.text ?? "");
      else if (item.type === "dotted_name") names.add(item.text.split(".")[0].trim());
    }
  }
  names.delete("");
  return names;
}

const keywordName = (node: PyNode) => node.childForFieldName("name")?.text ?? "";

/** A tuple or list of classes given by name (no "app.model" string among them). */
function classesOnly(value: PyNode | null | undefined): boolean {
  if (!value || (value.type !== "tuple" && value.type !== "list")) return false;
  const items = value.namedChildren.filter((c) => c.type !== "comment");
  return items.length > 0 && items.every((c) => c.type === "identifier" || c.type === "attribute");
}

/** Inside operation `top`: an option Django keeps in Python (not one of the operation's own arguments). */
function pythonOnlyOption(node: PyNode, top: PyNode): boolean {
  if (node.type === "keyword_argument") {
    const call = node.parent?.parent;
    if (!call) return false;
    const name = keywordName(node);
    // CreateModel's bases given as classes (mixins, abstract models, models.Model): Python's business. A concrete
    // parent, which adds a parent link to the table, is written as an "app.model" string and stays
    if (call.id === top.id) return name === "bases" && classesOnly(node.childForFieldName("value"));
    if (PYTHON_ONLY_OPTIONS.has(name)) return true;
    const value = node.childForFieldName("value");
    // Django emulates on_delete in Python (the constraint it creates has no ON DELETE); only Django 6's
    // DB_CASCADE / DB_SET_NULL / DB_SET_DEFAULT reach the database
    if (name === "on_delete") return !/\bDB_/.test(value?.text ?? "");
    // a function or constant given by name is Python's business unless the option is one the database sees
    return !DATABASE_OPTIONS.has(name) && !name.startsWith("db_") && (value?.type === "identifier" || value?.type === "attribute");
  }
  if (node.type === "pair") {
    const key = node.childForFieldName("key");
    return key?.type === "string" && PYTHON_ONLY_MODEL_OPTIONS.has(stringContent(key).slice(1));
  }
  return false;
}

/** The state_operations argument of a SeparateDatabaseAndState call (keyword, or its second positional argument). */
function isStateArgument(node: PyNode): boolean {
  const call = node.parent?.type === "argument_list" ? node.parent.parent : undefined;
  if (call?.type !== "call" || !isSeparateDatabaseAndState(call)) return false;
  if (node.type === "keyword_argument") return keywordName(node) === "state_operations";
  const positional = node.parent!.namedChildren.filter((c) => c.type !== "comment" && c.type !== "keyword_argument");
  return positional[1]?.id === node.id;
}

/** `stateOnly`: reached only through a SeparateDatabaseAndState's state_operations (python-operation-lists.ts) */
function operationUnit(node: PyNode, stateOnly = false): SourceUnit {
  const top = node;
  const options: string[] = [];
  const skip = (n: PyNode) => {
    if (!pythonOnlyOption(n, top)) return false;
    options.push(`${n.type === "pair" ? stringContent(n.childForFieldName("key")!).slice(1) : keywordName(n)}=${canonical(n)}`);
    return true;
  };
  const fn = node.type === "call" ? node.childForFieldName("function") : undefined;
  const call = fn ? fn.text.slice(fn.text.lastIndexOf(".") + 1) : node.type;
  // a SeparateDatabaseAndState written inline: the operation without its state_operations
  const separate = [node, ...node.descendantsOfType("call")].some((c) => c.type === "call" && isSeparateDatabaseAndState(c));
  const stateless = separate ? canonical(node, (n) => pythonOnlyOption(n, top) || isStateArgument(n)) : undefined;
  // state-only operations pair among themselves: moving one into the database's list is a change of its own
  return { kind: "operation", key: stateOnly ? "state_operations" : "operations", canonical: canonical(node, skip), full: canonical(node), pythonOptions: options, loc: locOf(node), label: call, call, side: "up", ...(stateOnly ? { stateOnly } : {}), ...(stateless !== undefined ? { stateless } : {}) };
}

/** Function names a RunPython passes as its code (up) and reverse_code (down). */
function runPythonFunctions(operations: readonly PyNode[]): { up: Set<string>; down: Set<string> } {
  const up = new Set<string>();
  const down = new Set<string>();
  for (const op of operations)
    for (const call of [op, ...op.descendantsOfType("call")]) {
      const fn = call.childForFieldName("function");
      if (!fn || !/(^|\.)RunPython$/.test(fn.text)) continue;
      const args = call.childForFieldName("arguments")?.namedChildren.filter((c) => c.type !== "comment") ?? [];
      args.forEach((arg, i) => {
        const keyword = arg.type === "keyword_argument" ? keywordName(arg) : undefined;
        const value = arg.type === "keyword_argument" ? arg.childForFieldName("value") : arg;
        if (value?.type !== "identifier") return;
        if (keyword === "code" || (!keyword && i === 0)) up.add(value.text);
        else if (keyword === "reverse_code" || (!keyword && i === 1)) down.add(value.text);
      });
    }
  return { up, down };
}

/** The side of each module function: reached from the up's functions, the down's, or neither (both reach it: up). */
function sides(functions: Map<string, PyNode>, roots: { up: Set<string>; down: Set<string> }): Map<string, Side> {
  const calls = new Map<string, Set<string>>();
  for (const [name, def] of functions)
    calls.set(name, new Set(def.descendantsOfType("call").flatMap((c) => (c.childForFieldName("function")?.type === "identifier" ? [c.childForFieldName("function")!.text] : []))));
  const reach = (start: Set<string>) => {
    const seen = new Set<string>();
    const visit = (name: string) => {
      if (seen.has(name) || !functions.has(name)) return;
      seen.add(name);
      for (const callee of calls.get(name) ?? []) visit(callee);
    };
    start.forEach(visit);
    return seen;
  };
  const up = reach(roots.up);
  const down = reach(roots.down);
  const out = new Map<string, Side>();
  for (const name of functions.keys()) out.set(name, up.has(name) ? "up" : down.has(name) ? "down" : "unknown");
  return out;
}

const definitionOf = (statement: PyNode) => (statement.type === "decorated_definition" ? statement.childForFieldName("definition") : statement);

/** An `if` statement's condition and its elif/else branches, canonical; with whether its own block always raises. */
function branchOf(statement: PyNode): { condition: string; alternatives: string; raises: boolean } | undefined {
  if (statement.type !== "if_statement") return undefined;
  const condition = statement.childForFieldName("condition");
  const block = statement.childForFieldName("consequence");
  if (!condition || !block) return undefined;
  const alternatives = statement.childrenForFieldName("alternative").map((a) => canonical(a)).join(" ");
  const body = block.namedChildren.filter((c) => c.type !== "comment");
  // the block ends in a raise that nothing before it can leave from (a return, break or continue)
  const raises = body.at(-1)?.type === "raise_statement" && block.descendantsOfType(["return_statement", "break_statement", "continue_statement"]).length === 0;
  return { condition: canonical(condition), alternatives, raises };
}

function statementUnits(def: PyNode, side: Side, imported: ReadonlySet<string>, databaseNames: ReadonlySet<string>): SourceUnit[] {
  const name = def.childForFieldName("name")?.text ?? "?";
  const body = def.childForFieldName("body");
  const docstring = body ? firstStatement(body) : undefined;
  // a model lookup nothing reads is no statement of the function (python-local-names.ts): left out, so the others pair up
  const statements = (body?.namedChildren ?? []).filter((s) => s.type !== "comment" && !(isDocstring(s) && s.id === docstring?.id) && !reading.unreadLookups.has(s.id));
  const signature = canonical(def.childForFieldName("parameters") ?? def);
  const offDatabase = offDatabaseStatements(def, databaseNames);
  // Django passes a data function (apps, schema_editor): the second parameter's connection is the one it migrates
  const editor = def.childForFieldName("parameters")?.namedChildren.filter((c) => c.type === "identifier")[1]?.text;
  const aliases = { editor, names: connectionAliasNames(def, editor) };
  // the signature is a statement of its own, so renaming a parameter shows; an empty body still leaves the function
  return [
    {
      kind: "statement" as const,
      key: `def ${name}`,
      canonical: `params ${signature}`,
      annotations: [annotationsIn(def.childForFieldName("parameters") ?? def), def.childForFieldName("return_type")?.text.replace(/\s+/g, "") ?? ""].join("->"),
      loc: locOf(def),
      label: `def ${name}`,
      side,
    },
    ...statements.map((s) => ({
      kind: "statement" as const,
      key: `def ${name}`,
      canonical: canonical(s),
      annotations: annotationsIn(s),
      loc: locOf(s),
      label: `def ${name}`,
      side,
      calls: callShape(s, imported),
      substance: offDatabase.has(s.id) ? "" : linted(() => canonical(s, (n) => offDatabase.has(n.id))),
      rows: rowsForm(s),
      connection: connectionForm(s, aliases),
      message: messageForm(s),
      ...branchUnit(s),
      ...bindsOf(s),
    })),
  ];
}

function branchUnit(statement: PyNode): Pick<SourceUnit, "branch" | "raisingBranch"> {
  const found = branchOf(statement);
  if (!found) return {};
  const { raises, ...branch } = found;
  return raises ? { branch, raisingBranch: branch } : { branch };
}

const identifiersIn = (node: PyNode): string[] => {
  const out: string[] = [];
  const visit = (n: PyNode) => {
    // an attribute's name (`f.close`: `close`) and a keyword's name are not variables
    if (n.type === "identifier" && !(n.parent?.type === "attribute" && n.parent.childForFieldName("attribute")?.id === n.id) && !(n.parent?.type === "keyword_argument" && n.parent.childForFieldName("name")?.id === n.id)) out.push(n.text);
    n.namedChildren.forEach(visit);
  };
  visit(node);
  return out;
};

/**
 * The call statements of a data function, at any depth, that cannot reach the database: expression statements
 * (no assignment, no return) naming nothing that comes from its parameters (`apps`, `schema_editor`), the models
 * or connection the module imports, or the module's own functions. `f.close()` on `f = open(...)`.
 */
/** A logging or print call whose arguments call nothing: what it writes goes to a log, never to the database. */
function isLogCall(call: PyNode): boolean {
  const callee = call.childForFieldName("function");
  if (!callee) return false;
  const logger = callee.type === "identifier" ? callee.text === "print" : callee.type === "attribute" && /^(?:_?log(?:ger)?|LOG(?:GER)?|logging)$/i.test(callee.childForFieldName("object")?.text ?? "") && /^(?:debug|info|warning|warn|error|exception|critical|log)$/.test(callee.childForFieldName("attribute")?.text ?? "");
  // formatting its message (`"... {n}".format(n=x)`, `str(x)`) calls nothing that could reach the database
  const formatting = (inner: PyNode) => {
    const f = inner.childForFieldName("function");
    return (f?.type === "attribute" && f.childForFieldName("attribute")?.text === "format") || (f?.type === "identifier" && ["str", "repr", "len", "int", "float"].includes(f.text));
  };
  return logger && (call.childForFieldName("arguments")?.descendantsOfType("call") ?? []).every(formatting);
}

function offDatabaseStatements(def: PyNode, databaseNames: ReadonlySet<string>): Set<number> {
  const params = new Set(identifiersIn(def.childForFieldName("parameters") ?? def));
  const reaching = (names: readonly string[]) => names.some((n) => params.has(n) || databaseNames.has(n) || tainted.has(n));
  const tainted = new Set<string>();
  for (const assignment of def.descendantsOfType(["assignment", "augmented_assignment", "for_statement", "with_item"])) {
    const left = assignment.type === "with_item" ? assignment.descendantsOfType("as_pattern_target")[0] : assignment.childForFieldName("left");
    const right = assignment.type === "with_item" ? assignment.childForFieldName("value") : assignment.childForFieldName("right");
    if (!left || !right) continue;
    if (reaching(identifiersIn(right))) identifiersIn(left).forEach((name) => tainted.add(name));
  }
  const out = new Set<number>();
  for (const s of def.descendantsOfType("expression_statement")) if (s.namedChildren[0]?.type === "call" && (!reaching(identifiersIn(s)) || isLogCall(s.namedChildren[0]))) out.add(s.id);
  // `return` or `return None` as a function's last statement: what it returns without one (hypothesis/h added three)
  for (const fn of [def, ...def.descendantsOfType("function_definition")]) {
    const last = fn.childForFieldName("body")?.namedChildren.filter((c) => c.type !== "comment").at(-1);
    if (last?.type === "return_statement" && (last.namedChildren.length === 0 || (last.namedChildren.length === 1 && last.namedChildren[0].type === "none"))) out.add(last.id);
  }
  return out;
}

/**
 * The SQL a RunSQL argument runs, by its tokens (whitespace runs as one space where the scanner refuses it): a
 * string, a list of them, or a helper returning strings.
 */
function sqlRuns(node: PyNode | undefined, functions: ReadonlyMap<string, PyNode>): string[] | undefined {
  if (!node) return ["none"];
  const text = (n: PyNode) => sqlContent(n, (inner) => inner.replace(/\s+/g, " ").trim());
  if (node.type === "string" || node.type === "concatenated_string") return [text(node)];
  if (node.type === "list" || node.type === "tuple") {
    const items = node.namedChildren.filter((c) => c.type !== "comment");
    return items.every((i) => i.type === "string" || i.type === "concatenated_string") ? [items.map(text).join(";")] : undefined;
  }
  const fn = node.type === "call" ? node.childForFieldName("function") : undefined;
  const args = node.childForFieldName("arguments")?.namedChildren.filter((c) => c.type !== "comment") ?? [];
  const helper = fn?.type === "identifier" && args.length === 0 ? functions.get(fn.text) : undefined;
  if (!helper) return undefined;
  const values = helper.descendantsOfType("return_statement").map((r) => r.namedChildren[0]);
  if (values.length === 0 || values.some((v) => !v || (v.type !== "string" && v.type !== "concatenated_string"))) return undefined;
  return [...new Set(values.map((v) => text(v!)))];
}

/** What a RunPython argument runs: the named function's parameters and body (not its name), or `noop`. */
function pythonRuns(node: PyNode | undefined, functions: ReadonlyMap<string, PyNode>): string[] {
  if (!node) return ["none"];
  if (/(^|\.)RunPython\.noop$/.test(node.text)) return ["noop"];
  const def = node.type === "identifier" ? functions.get(node.text) : undefined;
  if (!def) return [`expr ${canonical(node)}`];
  const body = def.childForFieldName("body");
  const statements = (body?.namedChildren ?? []).filter((c) => c.type !== "comment" && !(isDocstring(c) && c.id === firstStatement(body!)?.id) && !reading.unreadLookups.has(c.id));
  if (statements.every((c) => c.type === "pass_statement")) return ["noop"];
  return [`def ${canonical(def.childForFieldName("parameters") ?? def)} ${linted(() => statements.map((c) => canonical(c)).join(" "))}`];
}

/** What a RunPython or RunSQL operation runs each way (see SourceUnit.runs). */
function whatRuns(node: PyNode, functions: ReadonlyMap<string, PyNode>): SourceUnit["runs"] {
  const fn = node.type === "call" ? node.childForFieldName("function") : undefined;
  const call = fn?.text.slice(fn.text.lastIndexOf(".") + 1);
  if (call !== "RunPython" && call !== "RunSQL") return undefined;
  const args = node.childForFieldName("arguments")?.namedChildren.filter((c) => c.type !== "comment") ?? [];
  const named = (position: number, keyword: string) =>
    args.find((a) => a.type === "keyword_argument" && keywordName(a) === keyword)?.childForFieldName("value") ?? (args[position]?.type === "keyword_argument" ? undefined : args[position]);
  // the other arguments (hints, elidable, state_operations) are not compared here: the text comparison judges them
  const others = args.filter((a, i) => i > 1 && a.type !== "keyword_argument").length + args.filter((a) => a.type === "keyword_argument" && !["code", "reverse_code", "sql", "reverse_sql"].includes(keywordName(a))).length;
  if (others > 0) return undefined;
  const read = call === "RunPython" ? pythonRuns : sqlRuns;
  const [up, down] = call === "RunPython" ? ["code", "reverse_code"] : ["sql", "reverse_sql"];
  // the helpers whose return values are the SQL: their text is judged here, through what they return
  const helpers = [named(0, up), named(1, down)].flatMap((a) => (a?.type === "call" && a.childForFieldName("function")?.type === "identifier" && functions.has(a.childForFieldName("function")!.text) ? [a.childForFieldName("function")!.text] : []));
  return { forward: read(named(0, up) ?? undefined, functions), reverse: read(named(1, down) ?? undefined, functions), helpers };
}

/** The units of a Python migration; undefined when the source does not parse. */
export function pythonUnits(source: string, framework: "django" | "alembic"): SourceUnit[] | undefined {
  return withPythonTree(source, (root) => {
    if (root.hasError) return undefined;
    const outer = reading;
    const functions = root.namedChildren.map(definitionOf).filter((d): d is PyNode => d?.type === "function_definition").map(localNames);
    reading = {
      sqlStrings: sqlStringIds(root),
      shadowed: boundAnywhere(root),
      lint: false,
      renamed: new Map(functions.flatMap((f) => [...f.renamed])),
      unreadAssignments: new Set(functions.flatMap((f) => [...f.unreadAssignments])),
      unreadLookups: new Set(functions.flatMap((f) => [...f.unreadLookups])),
    };
    try {
      return moduleUnits(root, framework);
    } finally {
      reading = outer;
    }
  });
}

function moduleUnits(root: PyNode, framework: "django" | "alembic"): SourceUnit[] {
  const units: SourceUnit[] = [];
  const functions = new Map<string, PyNode>();
  const operations: PyNode[] = [];
  const rest: PyNode[] = [];
  const imports: PyNode[] = [];
  // module statements whose values are listed among the operations (python-operation-lists.ts)
  const consumed = new Set<number>();
  for (const statement of root.namedChildren) {
    if (statement.type === "comment" || (isDocstring(statement) && statement.id === firstStatement(root)?.id)) continue;
    if (["import_statement", "import_from_statement", "future_import_statement"].includes(statement.type)) {
      imports.push(statement);
      const binds = importBindings(statement);
      units.push({ kind: "import", key: "imports", canonical: canonical(statement), loc: locOf(statement), label: statement.text.replace(/\s+/g, " "), side: "unknown", ...(binds ? { binds } : {}) });
      continue;
    }
    const def = definitionOf(statement);
    if (def?.type === "function_definition") {
      functions.set(def.childForFieldName("name")?.text ?? "?", def);
      continue;
    }
    if (def?.type === "class_definition" && framework === "django" && classAssigns(def, "operations")) {
      const body = def.childForFieldName("body");
      // the operations with the lists they name followed to the class attribute or module name that binds them
      const listed = body ? operationLists(body, root) : undefined;
      listed?.consumed.forEach((id) => consumed.add(id));
      for (const member of body?.namedChildren ?? []) {
        if (member.type === "comment" || isDocstring(member)) continue;
        const assignment = member.type === "expression_statement" ? member.namedChildren[0] : undefined;
        const left = assignment?.type === "assignment" ? assignment.childForFieldName("left")?.text : undefined;
        const right = assignment?.childForFieldName("right");
        if (listed && left === "operations") {
          append(operations, listed.operations.map((o) => o.node));
          append(units, listed.operations.map((o) => operationUnit(o.node, o.stateOnly)));
        } else if (listed?.consumed.has(member.id)) continue;
        else if (left === "operations" && right?.type === "list") {
          const ops = right.namedChildren.filter((c) => c.type !== "comment");
          append(operations, ops);
          append(units, ops.map((op) => operationUnit(op)));
        }
        else if (left && MIGRATION_SETTINGS.has(left) && right) units.push(setting(left, right, member));
        else units.push({ kind: "code", key: "class Migration", canonical: canonical(member), loc: locOf(member), label: "class Migration", side: "unknown" });
      }
      continue;
    }
    if (framework === "alembic" && statement.type === "expression_statement") {
      const assignment = statement.namedChildren[0];
      const left = assignment?.type === "assignment" ? assignment.childForFieldName("left")?.text : undefined;
      const right = assignment?.childForFieldName("right");
      if (left && right && ALEMBIC_SETTINGS.has(left)) {
        units.push(setting(left, right, statement));
        continue;
      }
    }
    rest.push(statement);
  }
  const operationUnits = units.filter((u) => u.kind === "operation");
  operations.forEach((node, i) => {
    const runs = whatRuns(node, functions);
    if (runs && operationUnits[i]) operationUnits[i].runs = runs;
  });
  const roots = framework === "alembic" ? { up: new Set(["upgrade"]), down: new Set(["downgrade"]) } : runPythonFunctions(operations);
  const sideOf = sides(functions, roots);
  const imported = importedNames(imports);
  // names that reach the database from a data function: models and the connection the module imports, and its own functions
  const databaseNames = new Set([...importedNames(imports.filter((i) => /models|django\.db|connection/.test(i.text))), ...functions.keys()]);
  for (const [name, def] of functions) append(units, statementUnits(def, sideOf.get(name) ?? "unknown", imported, databaseNames));
  for (const statement of rest.filter((r) => !consumed.has(r.id)))
    units.push({ kind: "code", key: "module", canonical: canonical(statement), annotations: annotationsIn(statement), loc: locOf(statement), label: statement.text.split("\n")[0].slice(0, 60), side: "unknown", calls: callShape(statement, imported) });
  return units;
}

/** Settings that are sets written as lists: their order means nothing to Django. */
const UNORDERED_SETTINGS = new Set(["dependencies", "replaces", "run_before"]);

function setting(name: string, value: PyNode, statement: PyNode): SourceUnit {
  const items = value.type === "list" || value.type === "tuple" ? value.namedChildren.filter((c) => c.type !== "comment") : undefined;
  const text = UNORDERED_SETTINGS.has(name) && items ? `set(${items.map((i) => canonical(i)).sort().join(" ")})` : canonical(value);
  return { kind: "setting", key: name, canonical: text, loc: locOf(statement), label: name, side: "unknown" };
}

function classAssigns(cls: PyNode, name: string): boolean {
  return (cls.childForFieldName("body")?.namedChildren ?? []).some((m) => {
    const a = m.type === "expression_statement" ? m.namedChildren[0] : undefined;
    return a?.type === "assignment" && a.childForFieldName("left")?.text === name;
  });
}

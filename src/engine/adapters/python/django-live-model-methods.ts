/**
 * The methods a RunPython function calls on a model class it imports from the app (today's class) or on its rows
 * that are no part of Django's model and queryset API: custom methods, which the historical model apps.get_model()
 * gives lacks (it has fields and managers only). The rows are followed into the module's own functions the
 * function hands them to: galaxy_ng's 0060 passes Manifest querysets to `_update_manifests`, which hands each row
 * to `_init_manifest`, which calls `manifest.init_metadata()`. Read with tree-sitter's Python grammar, so it needs
 * no class definition: the model may come from an installed package (pulp_container) outside the repository.
 */
import { parameterNames, unparen } from "./nodes.js";
import type { PyNode } from "./parser.js";

export interface LiveMethodCall {
  /** the imported model name the rows come from (`Manifest`) */
  name: string;
  method: string;
  /** the module's functions the rows went through to the call, in order (`_update_manifests`, `_init_manifest`) */
  through: string[];
}

/** Methods every model instance and class has, historical ones too (Django's Model API). */
const MODEL_API = new Set([
  "save", "delete", "refresh_from_db", "full_clean", "clean", "clean_fields", "validate_unique", "validate_constraints",
  "get_deferred_fields", "serializable_value", "save_base", "prepare_database_save", "check", "from_db",
  "asave", "adelete", "arefresh_from_db",
]);

/** QuerySet and manager methods: a name bound to a queryset calls these, the historical model's manager has them. */
const QUERYSET_API = new Set([
  "all", "filter", "exclude", "get", "create", "get_or_create", "update_or_create", "bulk_create", "bulk_update", "count",
  "exists", "update", "iterator", "values", "values_list", "order_by", "reverse", "distinct", "annotate", "alias",
  "aggregate", "select_related", "prefetch_related", "extra", "defer", "only", "using", "select_for_update", "raw", "first",
  "last", "latest", "earliest", "in_bulk", "none", "union", "intersection", "difference", "dates", "datetimes", "explain",
  "contains", "complex_filter", "aget", "acreate", "acount", "aexists", "afirst", "alast", "aupdate", "adelete",
  "get_queryset", "db_manager",
]);

/** Calls that keep a queryset's or a row's model: their result is rows of it (a row from get/first, a queryset). */
const ROWS_OF_SAME_MODEL = new Set([
  "all", "filter", "exclude", "get", "create", "iterator", "order_by", "reverse", "distinct", "annotate", "alias",
  "select_related", "prefetch_related", "defer", "only", "using", "select_for_update", "first", "last", "latest", "earliest",
  "none", "union", "intersection", "difference", "complex_filter", "get_queryset", "db_manager",
]);

const MANAGERS = new Set(["objects", "_default_manager", "_base_manager"]);

/** Methods Django generates from a field of the model (choices, dates): historical models have them too. */
const isGeneratedMethod = (method: string) => /^get_\w+_display$/.test(method) || /^get_(?:next|previous)_by_\w+$/.test(method);

const isModelApi = (method: string) => MODEL_API.has(method) || QUERYSET_API.has(method) || isGeneratedMethod(method);

/** How deep the rows are followed into the module's functions. */
const MAX_DEPTH = 4;

/** The model whose rows (or queryset, manager, class) `node` evaluates to, by the names bound so far. */
function rowsOf(node: PyNode | null, bound: ReadonlyMap<string, string>): string | undefined {
  if (!node) return undefined;
  const n = unparen(node);
  if (n.type === "identifier") return bound.get(n.text);
  if (n.type === "subscript") return rowsOf(n.childForFieldName("value"), bound);
  if (n.type === "attribute" && MANAGERS.has(n.childForFieldName("attribute")?.text ?? "")) return rowsOf(n.childForFieldName("object"), bound);
  if (n.type === "call") {
    const fn = n.childForFieldName("function");
    if (fn?.type === "attribute" && ROWS_OF_SAME_MODEL.has(fn.childForFieldName("attribute")?.text ?? "")) return rowsOf(fn.childForFieldName("object"), bound);
  }
  return undefined;
}

/** The names `fn`'s body binds to rows of the models: assignments and loops over rows, in the order written. */
function bindRows(body: PyNode, bound: Map<string, string>): void {
  for (const node of body.descendantsOfType(["for_statement", "for_in_clause", "assignment"])) {
    const left = node.childForFieldName("left");
    if (left?.type !== "identifier" || bound.has(left.text)) continue;
    const model = rowsOf(node.childForFieldName("right"), bound);
    if (model) bound.set(left.text, model);
  }
}

function walk(def: PyNode, bound: Map<string, string>, through: string[], helpers: ReadonlyMap<string, PyNode>, seen: Set<string>, out: Map<string, LiveMethodCall>): void {
  const body = def.childForFieldName("body");
  if (!body) return;
  bindRows(body, bound);
  for (const call of body.descendantsOfType("call")) {
    const fn = call.childForFieldName("function");
    if (fn?.type === "attribute") {
      const receiver = fn.childForFieldName("object");
      const method = fn.childForFieldName("attribute")?.text;
      const model = receiver?.type === "identifier" ? bound.get(receiver.text) : undefined;
      if (model && method && !isModelApi(method) && !out.has(`${model}.${method}`)) out.set(`${model}.${method}`, { name: model, method, through });
      continue;
    }
    // a function of the module given rows: its parameters hold them
    const helper = fn?.type === "identifier" ? helpers.get(fn.text) : undefined;
    if (!helper || helper.id === def.id || through.length >= MAX_DEPTH) continue;
    const params = parameterNames(helper);
    const passed = new Map<string, string>();
    (call.childForFieldName("arguments")?.namedChildren ?? []).forEach((argument, index) => {
      const keyword = argument.type === "keyword_argument" ? argument.childForFieldName("name")?.text : undefined;
      const model = rowsOf(keyword !== undefined ? argument.childForFieldName("value") : argument, bound);
      const param = keyword ?? params[index];
      if (model && param !== undefined && params.includes(param)) passed.set(param, model);
    });
    const key = `${fn!.text}(${[...passed].map(([p, m]) => `${p}=${m}`).join(",")})`;
    if (passed.size === 0 || seen.has(key)) continue;
    seen.add(key);
    walk(helper, passed, [...through, fn!.text], helpers, seen, out);
  }
}

/**
 * The custom methods `def` calls on the models it imports directly (`direct`) or on their rows, in the function
 * itself or in the module's functions (`helpers`) it hands the rows to.
 */
export function liveModelMethodCalls(def: PyNode, direct: ReadonlySet<string>, helpers: ReadonlyMap<string, PyNode>): LiveMethodCall[] {
  if (direct.size === 0) return [];
  const out = new Map<string, LiveMethodCall>();
  walk(def, new Map([...direct].map((d) => [d, d])), [], helpers, new Set(), out);
  return [...out.values()].sort((a, b) => `${a.name}.${a.method}`.localeCompare(`${b.name}.${b.method}`));
}

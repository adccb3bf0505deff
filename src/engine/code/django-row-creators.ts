/**
 * Where Python code may create rows of a Django model (read with tree-sitter's Python grammar): what a NOT NULL
 * column whose default Django keeps in Python only breaks is inserts from the deployed code, and code that never
 * creates the model's rows makes none (rapidpro's knowledge_article: on the base branch only tests create
 * articles; authoring arrives with the column). Conservative: every use of the model's class that is not a
 * read (its definition, an import, a relation's target, a constant, a query that does not create) counts, as
 * does any creation in the model's own class body or a custom manager, since callers are not followed.
 */
import { withPythonTree, type PyNode } from "../adapters/python/parser.js";
import type { SourceFile } from "../model.js";

/** QuerySet and manager calls that insert rows. */
const CREATES = new Set(["create", "bulk_create", "get_or_create", "update_or_create", "acreate", "abulk_create", "aget_or_create", "aupdate_or_create"]);
const RELATIONS = new Set(["ForeignKey", "OneToOneField", "ManyToManyField", "ParentalKey"]);

export interface RowCreator {
  path: string;
  line: number;
  /**
   * a registration of the model in the Django admin (`admin.site.register(Article)`, `@admin.register(Article)`,
   * `model = Article` of a ModelAdmin or inline) or Wagtail's snippets: rows people type in, one at a time
   */
  admin?: true;
}

const lastSegment = (text: string) => text.slice(text.lastIndexOf(".") + 1);

/** The names a chain of attributes and calls applies after `node`: `Article.objects.filter(...).create` -> objects, filter, create. */
function chainAfter(node: PyNode): { names: string[]; called: boolean } {
  const names: string[] = [];
  let called = false;
  let n: PyNode = node;
  for (;;) {
    const parent = n.parent;
    if (parent?.type === "attribute" && parent.childForFieldName("object")?.id === n.id) {
      names.push(parent.childForFieldName("attribute")?.text ?? "");
      n = parent;
    } else if (parent?.type === "call" && parent.childForFieldName("function")?.id === n.id) {
      if (n.id === node.id) called = true;
      n = parent;
    } else return { names, called };
  }
}

/** Whether an occurrence of the model's class name only reads (or declares) and cannot insert a row. */
function onlyReads(node: PyNode, model: string): boolean {
  const parent = node.parent;
  if (!parent) return false;
  // `class Article(...)`: its definition; `from x import Article`: an import
  if (parent.type === "class_definition" && parent.childForFieldName("name")?.id === node.id) return true;
  if (parent.type === "dotted_name" && (parent.parent?.type === "import_from_statement" || parent.parent?.type === "aliased_import")) return true;
  // `models.ForeignKey(Article, ...)`: a relation's target
  if (parent.type === "argument_list") {
    const callee = parent.parent?.childForFieldName("function")?.text ?? "";
    if (RELATIONS.has(lastSegment(callee)) && parent.namedChildren[0]?.id === node.id) return true;
  }
  // `super(Article, self)`: the class's own method; `sender=Article`: a signal's sender, whose rows the signal does not make
  if (parent.type === "argument_list" && parent.parent?.childForFieldName("function")?.text === "super") return true;
  if (parent.type === "keyword_argument" && parent.childForFieldName("name")?.text === "sender" && parent.childForFieldName("value")?.id === node.id) return true;
  const chain = chainAfter(node);
  // `Article(...)`: a new instance; `Article.objects.create(...)`: an insert
  if (chain.called) return false;
  if (chain.names.some((name) => CREATES.has(name))) return false;
  // `Article.STATUS_DRAFT`, `Article.objects.filter(...)`, `Article.get_unique_slug(...)` (the class body is read below)
  return chain.names.length > 0 && node.text === model;
}

/** The admin's classes whose `model = X` names the model they edit: ModelAdmin, its inlines, Wagtail's snippet viewsets. */
const ADMIN_CLASS = /(?:ModelAdmin|Inline|SnippetViewSet)$/;

/** A site's `register` (`admin.site.register`, `my_site.register`, the `@admin.register` decorator) or Wagtail's `register_snippet`. */
function isAdminRegister(callee: PyNode | null): boolean {
  if (callee?.type === "identifier") return callee.text === "register_snippet";
  if (callee?.type !== "attribute" || callee.childForFieldName("attribute")?.text !== "register") return false;
  const site = callee.childForFieldName("object")?.text ?? "";
  return site === "admin" || /site$/.test(lastSegment(site));
}

/** An occurrence of the model's class that registers it with the admin: people create its rows there, one at a time. */
function adminRegistration(node: PyNode): boolean {
  // `register(Article, ArticleAdmin)`, `register([Article, Tag])`, `@admin.register(Article, Tag)`
  const list = node.parent?.type === "list" || node.parent?.type === "tuple" ? node.parent : undefined;
  const args = list ? list.parent : node.parent;
  if (args?.type === "argument_list" && isAdminRegister(args.parent?.childForFieldName("function") ?? null)) {
    const callee = args.parent!.childForFieldName("function")!;
    const first = args.namedChildren[0];
    const site = callee.type === "attribute" ? callee.childForFieldName("object")?.text : undefined;
    return site === "admin" ? args.namedChildren.some((a) => a.id === (list ?? node).id) : first?.id === (list ?? node).id;
  }
  // `model = Article` in the body of a ModelAdmin, an inline, a snippet viewset
  const assignment = node.parent?.type === "assignment" && node.parent.childForFieldName("right")?.id === node.id ? node.parent : undefined;
  if (assignment?.childForFieldName("left")?.text !== "model") return false;
  const cls = assignment.parent?.parent?.parent;
  if (cls?.type !== "class_definition" || assignment.parent?.parent?.type !== "block") return false;
  return (cls.childForFieldName("superclasses")?.namedChildren ?? []).some((base) => ADMIN_CLASS.test(lastSegment(base.text)));
}

/** Inside the model's class body: `cls(...)`, `cls.objects.create(...)`, `self.__class__(...)`, `type(self)(...)`, any `.create(` of a manager. */
function bodyCreates(body: PyNode): PyNode | undefined {
  for (const call of body.descendantsOfType("call")) {
    const fn = call.childForFieldName("function");
    if (!fn) continue;
    if (["cls", "self.__class__", "type(self)"].includes(fn.text)) return call;
    if (fn.type === "attribute" && CREATES.has(fn.childForFieldName("attribute")?.text ?? "")) return call;
  }
  return undefined;
}

/** Bases of a manager that add no method of their own that creates rows. */
const PLAIN_MANAGERS = new Set(["models.Manager", "Manager", "models.QuerySet", "QuerySet", "models.manager.Manager", "models.query.QuerySet"]);

/**
 * Whether the project's own manager class `name` (`objects = ArticleManager()`) may create rows: unless one class of
 * that name is among `files`, extends a plain manager only, and its body creates nothing (`.create(`, `self.model(`).
 */
function managerCreates(name: string, files: readonly SourceFile[]): boolean {
  const found: PyNode[] = [];
  const verdicts: boolean[] = [];
  for (const file of files) {
    if (!file.path.endsWith(".py") || !file.content.includes(`class ${name}`)) continue;
    withPythonTree(file.content, (root) => {
      for (const cls of root.descendantsOfType("class_definition")) {
        if (cls.childForFieldName("name")?.text !== name) continue;
        found.push(cls);
        const bases = (cls.childForFieldName("superclasses")?.namedChildren ?? []).map((b) => b.text);
        const body = cls.childForFieldName("body");
        const makes = !body || bodyCreates(body) !== undefined || body.descendantsOfType("call").some((c) => c.childForFieldName("function")?.text === "self.model");
        verdicts.push(makes || !bases.every((b) => PLAIN_MANAGERS.has(b)));
      }
    });
  }
  return found.length !== 1 || verdicts[0];
}

/**
 * In the class body of `model`: creations of its own rows, and a custom manager whose methods migguard does not
 * follow; a manager `files` declares (a class of the project) is followed one level when `files` are given.
 */
function classCreators(root: PyNode, model: string, at: (node: PyNode) => void, files: readonly SourceFile[] = []): void {
  for (const cls of root.descendantsOfType("class_definition")) {
    if (cls.childForFieldName("name")?.text !== model) continue;
    const body = cls.childForFieldName("body");
    const creates = body && bodyCreates(body);
    if (creates) at(creates);
    // `objects = ArticleManager()`: a manager whose methods migguard does not follow may create rows
    for (const statement of body?.namedChildren ?? []) {
      const assignment = statement.type === "expression_statement" ? statement.namedChildren[0] : undefined;
      const right = assignment?.type === "assignment" ? assignment.childForFieldName("right") : undefined;
      const callee = right?.type === "call" ? right.childForFieldName("function")?.text ?? "" : "";
      if (!/Manager$|QuerySet$|as_manager$|from_queryset$/.test(callee) || callee === "models.Manager" || callee === "Manager") continue;
      const own = right?.childForFieldName("function")?.type === "identifier" && /Manager$/.test(callee);
      if (!own || managerCreates(callee, files)) at(statement);
    }
  }
}

/**
 * The lines of the class body of `base` (an abstract model of `file`) that may create rows of the models that
 * extend it: `cls(...)`, a `.create(` of a manager, a custom manager, which its subclasses inherit.
 */
export function djangoClassBodyCreators(base: string, file: SourceFile): RowCreator[] {
  const out: RowCreator[] = [];
  withPythonTree(file.content, (root) => classCreators(root, base, (node) => out.push({ path: file.path, line: node.startPosition.row + 1 })));
  return out;
}

/**
 * The lines of `files` that may create rows of `model` (a Django model class of `modelsPath`), or that make it
 * impossible to tell (a custom manager); `reverseAccessors`: the names other models reach its rows by
 * (`knowledge.articles.create(...)`), `<model>_set` included by the caller when no related_name is given.
 */
export function djangoRowCreators(model: string, files: readonly SourceFile[], reverseAccessors: readonly string[]): RowCreator[] {
  const out: RowCreator[] = [];
  for (const file of files) {
    if (!file.path.endsWith(".py")) continue;
    const mentions = file.content.includes(model) || reverseAccessors.some((a) => file.content.includes(a));
    if (!mentions) continue;
    withPythonTree(file.content, (root) => {
      const at = (node: PyNode) => out.push({ path: file.path, line: node.startPosition.row + 1 });
      classCreators(root, model, at, files);
      for (const node of root.descendantsOfType("identifier")) {
        if (node.text === model && !onlyReads(node, model)) {
          if (adminRegistration(node)) out.push({ path: file.path, line: node.startPosition.row + 1, admin: true });
          else at(node);
        }
        // `knowledge.articles.create(...)`: a row created through a relation
        if (reverseAccessors.includes(node.text) && node.parent?.type === "attribute" && node.parent.childForFieldName("attribute")?.id === node.id) {
          if (chainAfter(node.parent).names.some((name) => CREATES.has(name))) at(node);
        }
      }
      // `apps.get_model("knowledge", "Article")`, `"knowledge.Article"` outside a relation: a model reached by name
      for (const string of root.descendantsOfType("string")) {
        const text = string.namedChildren.filter((c) => c.type === "string_content").map((c) => c.text).join("");
        if (text !== model && !text.endsWith(`.${model}`)) continue;
        // a dict's key (`{"Block": "as:Block"}`, a JSON-LD context): a lookup by it returns its value, never the class
        if (string.parent?.type === "pair" && string.parent.childForFieldName("key")?.id === string.id) continue;
        const args = string.parent?.type === "argument_list" ? string.parent : undefined;
        const callee = args?.parent?.childForFieldName("function")?.text ?? "";
        if (!(args && RELATIONS.has(lastSegment(callee)) && args.namedChildren[0]?.id === string.id)) at(string);
      }
    });
  }
  const seen = new Set<string>();
  // a line that registers the model with the admin and also creates it elsewhere on it is kept as both
  const key = (c: RowCreator) => `${c.path}:${c.line}:${c.admin ?? ""}`;
  return out.filter((c) => !seen.has(key(c)) && seen.add(key(c)) !== undefined);
}

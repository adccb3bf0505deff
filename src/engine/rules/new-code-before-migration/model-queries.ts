/**
 * Whether the code at head can query a Django model at all. A field the migration adds fails the model's queries
 * only where a query of the model runs: a model nothing outside its model files names (manage.get.gov's DnsRecord at
 * 2fb87f2c24, a table the feature's later pull requests read) has no page that fails between the push and migrate.
 * A use is: the class's name (an import, `admin.register(DnsRecord)`, `apps.get_model("app", "DnsRecord")`); in a
 * model file, only the class called or its attributes read (`DnsRecord.objects`, `DnsRecord(...)`), since the
 * other model files name it in relations and the package's `__init__` re-exports it; the lowercased name in a
 * default accessor or lookup (`dnsrecord_set`, `dnsrecord__name`); and the accessors that return its rows: the
 * related_name of its own relations (`zone.records`), the fields of other models that point to it
 * (`link.dns_record`), and for a many-to-many's through model, that field and its related_name (`.add()` inserts
 * its rows). Migrations and tests are not read (tests fail before the merge, not in production).
 */
import type { SourceFile } from "../../model.js";
import { readDjangoModels, type DjangoModel } from "../../code/django-models.js";
import { djangoModelFiles } from "../support/django-model-files.js";
import type { RuleContext } from "../support/rule.js";
import { isTestPath } from "../../code/test-paths.js";
import { escapeRegExp } from "../../regexp.js";

/** A Python import statement, and the module path of one (`from .dns.dns_record import`). */
const IMPORT = /^\s*(?:from\s+\S+\s+)?import\s/;
const MODULE_PATH = /^\s*from\s+\S+/;

export interface ModelUse {
  path: string;
  line: number;
}

/** The names by which code reaches `model`'s rows (see above). */
function accessorsOf(model: DjangoModel, models: readonly DjangoModel[]): string[] {
  const names = new Set(model.reverseAccessors.map((a) => a.name));
  for (const other of models) {
    for (const relation of other.relations) {
      if (relation.target === model.className) names.add(relation.field);
      if (relation.through === model.className) {
        names.add(relation.field);
        for (const a of other.reverseAccessors) if (a.field === relation.field) names.add(a.name);
      }
    }
  }
  return [...names];
}

const unread = (path: string) => isTestPath(path) || /(?:^|\/)migrations\//.test(path);

/**
 * Whether `code` holds application code beyond the model files and package markers (else it says nothing about who
 * queries a model: a lint that read only the models beside the migrations).
 */
const readsBeyondModels = (code: readonly SourceFile[], modelFiles: ReadonlySet<string>): boolean =>
  code.some((f) => f.path.endsWith(".py") && !f.path.endsWith("__init__.py") && !modelFiles.has(f.path) && !unread(f.path));

/** The first place the code at head reaches `model`'s rows, if any (`modelFiles`: the paths of the app's model files). */
export function firstQueryOf(model: DjangoModel, models: readonly DjangoModel[], code: readonly SourceFile[], modelFiles: ReadonlySet<string>): ModelUse | undefined {
  const name = escapeRegExp(model.className);
  const accessors = accessorsOf(model, models).map(escapeRegExp);
  // `obj.records`, `records__name`; not `self.dns_record` outside the model files (a view's own attribute: a model's
  // methods, where self is a record, are in the model files)
  const reach = accessors.length ? `(?<!\\bself)\\.(?:${accessors.join("|")})\\b|\\b(?:${accessors.join("|")})__\\w` : undefined;
  const reachInModels = accessors.length ? `\\.(?:${accessors.join("|")})\\b|\\b(?:${accessors.join("|")})__\\w` : undefined;
  const lower = `\\b${escapeRegExp(model.className.toLowerCase())}(?:_set\\b|__\\w)`;
  const inModels = new RegExp([`(?<!\\bclass\\s+)\\b${name}\\b\\s*[.(]`, lower, ...(reachInModels ? [reachInModels] : [])].join("|"));
  // an accessor named as a string where the ORM follows it (`select_related("dns_zone")`), not any dict key
  const quoted = accessors.length ? `\\b(?:select_related|prefetch_related|Prefetch)\\([^)]*["'](?:${accessors.join("|")})["']` : undefined;
  const elsewhere = new RegExp([`\\b${name}\\b`, lower, ...(reach ? [reach] : []), ...(quoted ? [quoted] : [])].join("|"));
  for (const file of code) {
    if (unread(file.path)) continue;
    const pattern = modelFiles.has(file.path) ? inModels : elsewhere;
    if (!pattern.test(file.content)) continue;
    // a module path is no accessor (`from .dns.dns_record import DnsRecord`); the name it imports elsewhere is a use
    const lines = file.content.split("\n");
    const at = lines.findIndex((l) => pattern.test(modelFiles.has(file.path) && IMPORT.test(l) ? "" : l.replace(MODULE_PATH, "")));
    if (at >= 0) return { path: file.path, line: at + 1 };
  }
  return undefined;
}

/** A Django app's models at head, and the code to search for their queries. */
export interface ModelsAtHead {
  models: DjangoModel[];
  /** the paths of the app's model files */
  modelPaths: Set<string>;
  /** the code at head when it was read whole and holds more than the model files (readsBeyondModels), else none */
  code: readonly SourceFile[];
}

/**
 * The migration's app's models at head (those read beside its migrations/ folder and the app's among the code read),
 * and the code that may query them: a model nothing in it queries has no page that fails. Undefined when the app has
 * no model file.
 */
export function djangoModelsAtHead(ctx: RuleContext): ModelsAtHead | undefined {
  const modelFiles = djangoModelFiles(ctx);
  if (modelFiles.length === 0) return undefined;
  const models = readDjangoModels(modelFiles);
  const modelPaths = new Set(modelFiles.map((f) => f.path));
  const read = ctx.repository.applicationCodeComplete() ? ctx.repository.applicationCode() : [];
  return { models, modelPaths, code: readsBeyondModels(read, modelPaths) ? read : [] };
}

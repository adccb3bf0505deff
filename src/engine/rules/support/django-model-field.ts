/**
 * Where the application's models declare the field a Django migration adds. makemigrations compares the models with
 * the migrations' state, so a fix that changes a field in a migration (db_default=) must change the model's field too,
 * or the next makemigrations writes an AlterField that undoes it. A field a package's model declares (oauth2_provider's
 * AbstractApplication) cannot be changed in the project at all.
 */
import { djangoModelsApp, readDjangoModels, type DjangoModel } from "../../code/django-models.js";
import { djangoAppOf } from "../../paths.js";
import { djangoModelFiles } from "./django-model-files.js";
import type { RuleContext } from "./rule.js";

export type ModelField =
  /** declared in the model's class, or in an abstract class of the project it extends (`className`) */
  | { kind: "declared"; path: string; className: string; name: string; line: number; text: string }
  /** the model's class does not declare it and extends classes of packages the project does not hold (`bases`, qualified) */
  | { kind: "packaged"; path: string; className: string; bases: string[] }
  /** the model's class does not declare it and extends classes of the project that were not read (`bases`, qualified: another app's abstract model) */
  | { kind: "unread"; path: string; className: string; bases: string[] };

const lastName = (qualified: string) => qualified.slice(qualified.lastIndexOf(".") + 1);

/** `model` as the migration names it (`model_name="campaign"`), `field` the field's name; undefined when the models read do not settle it. */
export function djangoModelField(ctx: RuleContext, model: string, field: string): ModelField | undefined {
  const files = djangoModelFiles(ctx);
  if (files.length === 0) return undefined;
  let models = readDjangoModels(files);
  const app = djangoAppOf(ctx.migration.path) || undefined;
  const named = models.filter((m) => m.className.toLowerCase() === model.toLowerCase());
  const own = named.find((m) => m.appLabel === app) ?? (named.length === 1 ? named[0] : undefined);
  if (!own) return undefined;
  const seen = new Set<DjangoModel>();
  const declaring = (m: DjangoModel): ModelField | undefined => {
    if (seen.has(m)) return undefined;
    seen.add(m);
    const f = m.fields.find((x) => x.name === field);
    if (f) return { kind: "declared", path: m.path, className: m.className, name: f.name, line: f.line, text: f.text };
    for (const base of m.bases) {
      const parents = models.filter((x) => x.className === lastName(base));
      for (const parent of parents) {
        const found = declaring(parent);
        if (found) return found;
      }
    }
    return undefined;
  };
  const declared = declaring(own);
  if (declared) return declared;
  // a base another app of the project declares (takahe's activities models extend stator.models.StatorModel): its models read too
  const elsewhere = [...ctx.repository.djangoProjectModelFiles(), ...ctx.repository.applicationCode().filter((f) => djangoModelsApp(f.path) !== undefined)].filter(
    (f, i, all) => !files.some((g) => g.path === f.path) && all.findIndex((g) => g.path === f.path) === i,
  );
  if (elsewhere.length && own.bases.some((b) => !models.some((x) => x.className === lastName(b)))) {
    models = [...models, ...readDjangoModels(elsewhere)];
    seen.clear();
    const inherited = declaring(own);
    if (inherited) return inherited;
  }
  // bases from a package: qualified through the module's imports to a top module no file of the project's code is under
  // Python modules only: a templates/oauth2_provider/ folder overriding a package's templates is no module of it
  const paths = [...ctx.repository.applicationCode(), ...files].map((f) => `/${f.path}`).filter((p) => p.endsWith(".py"));
  const fromPackage = (b: string) => b.includes(".") && !paths.some((p) => p.includes(`/${b.slice(0, b.indexOf("."))}/`) || p.endsWith(`/${b.slice(0, b.indexOf("."))}.py`));
  const unread = own.bases.filter((b) => b !== "django.db.models.Model" && !models.some((x) => x.className === lastName(b)));
  // every base that could declare it is a package's: one of the project's not read might declare it
  if (unread.length > 0 && unread.every(fromPackage)) return { kind: "packaged", path: own.path, className: own.className, bases: unread };
  return unread.length > 0 ? { kind: "unread", path: own.path, className: own.className, bases: unread } : undefined;
}

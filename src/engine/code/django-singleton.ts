/**
 * Django models whose base class bounds their table's rows, read from the base the application's code extends:
 * - django-solo's `solo.models.SingletonModel`: one row, which `get_solo()` creates on first use and reads ever
 *   after; the application never inserts a second one (the model's `save()` keeps the one key);
 * - Wagtail's generic settings (`wagtail.contrib.settings.models.BaseGenericSetting`): one row, which `load()`
 *   creates when there is none and reads ever after;
 * - Wagtail's site settings (`BaseSiteSetting`, `BaseSetting` before Wagtail 4.0): one row per Wagtail site, its
 *   `site` a OneToOneField (unique), which `for_site()` gets or creates.
 */
import { lastSegment } from "../adapters/python/imports.js";
import type { DjangoModel } from "./django-models.js";

/** How a base bounds the rows: one row, or one per Wagtail site. */
export type RowBound = "one" | "per-site";

interface BoundingBase {
  rows: RowBound;
  /** what the model is, as a finding says it */
  kind: string;
  /** who writes the rows */
  writer: string;
}

const SOLO_BASE = "solo.models.SingletonModel";

const BOUNDING_BASES: Readonly<Record<string, BoundingBase>> = {
  [SOLO_BASE]: { rows: "one", kind: "a django-solo singleton", writer: "which get_solo() creates and no code adds to" },
  "wagtail.contrib.settings.models.BaseGenericSetting": { rows: "one", kind: "a Wagtail generic setting", writer: "which load() creates and no code adds to" },
  "wagtail.contrib.settings.models.BaseSiteSetting": { rows: "per-site", kind: "a Wagtail site setting", writer: "its site_id is unique, and for_site() creates the row of a site" },
  // Wagtail before 4.0: the same site setting under its old name
  "wagtail.contrib.settings.models.BaseSetting": { rows: "per-site", kind: "a Wagtail site setting", writer: "its site_id is unique, and for_site() creates the row of a site" },
};

/**
 * The chain of classes from `model` to a base that bounds its rows (`["GlobalConfiguration", "solo.models.SingletonModel"]`),
 * through bases among `models` (an abstract base of the project); undefined when it extends none.
 */
export function boundingChain(model: DjangoModel, models: readonly DjangoModel[], seen = new Set<DjangoModel>()): string[] | undefined {
  if (seen.has(model)) return undefined;
  seen.add(model);
  for (const base of model.bases) {
    if (BOUNDING_BASES[base]) return [model.className, base];
    // a project's own base class, by its name among the models read (one of that name only: no guessing between two)
    const local = models.filter((m) => m !== model && m.className === lastSegment(base));
    const further = local.length === 1 ? boundingChain(local[0], models, seen) : undefined;
    if (further) return [model.className, ...further];
  }
  return undefined;
}

/** A model whose base bounds its table's rows, as the findings name it. */
export interface DjangoSingleton {
  model: string;
  path: string;
  /** the classes from the model to the bounding base */
  chain: string[];
  rows: RowBound;
  /** "a django-solo singleton", "a Wagtail site setting" */
  kind: string;
  /** who writes its rows, after "holds one row, " */
  writer: string;
}

/** The concrete model of `app` that `ormModel` names (Django's migrations lowercase it), among `models`. */
export const appModel = (models: readonly DjangoModel[], app: string | undefined, ormModel: string): DjangoModel | undefined =>
  models.find((m) => !m.abstract && m.appLabel === app && m.className.toLowerCase() === ormModel.toLowerCase());

/** `model` as a model whose base bounds its rows, through bases among `models`; undefined when it extends none. */
export function asBounded(model: DjangoModel, models: readonly DjangoModel[]): DjangoSingleton | undefined {
  const chain = boundingChain(model, models);
  const base = chain && BOUNDING_BASES[chain.at(-1)!];
  return chain && base ? { model: model.className, path: model.path, chain, ...base } : undefined;
}

/** `model` as a django-solo singleton (one row no running code inserts), through bases among `models`. */
export function asSingleton(model: DjangoModel, models: readonly DjangoModel[]): DjangoSingleton | undefined {
  const found = asBounded(model, models);
  return found?.chain.at(-1) === SOLO_BASE ? found : undefined;
}

/**
 * django-solo's singleton models (`solo.models.SingletonModel`): one row, which `get_solo()` creates on first use
 * and reads ever after; the application never inserts a second one (the model's `save()` keeps the one key).
 */
import { lastSegment } from "../adapters/python/imports.js";
import type { DjangoModel } from "./django-models.js";

const SOLO_BASE = "solo.models.SingletonModel";

/**
 * The chain of classes from `model` to django-solo's SingletonModel (`["GlobalConfiguration", "solo.models.SingletonModel"]`),
 * through bases among `models` (an abstract base of the project); undefined when it extends none.
 */
export function singletonChain(model: DjangoModel, models: readonly DjangoModel[], seen = new Set<DjangoModel>()): string[] | undefined {
  if (seen.has(model)) return undefined;
  seen.add(model);
  for (const base of model.bases) {
    if (base === SOLO_BASE) return [model.className, SOLO_BASE];
    // a project's own base class, by its name among the models read (one of that name only: no guessing between two)
    const local = models.filter((m) => m !== model && m.className === lastSegment(base));
    const further = local.length === 1 ? singletonChain(local[0], models, seen) : undefined;
    if (further) return [model.className, ...further];
  }
  return undefined;
}

/** A django-solo singleton model as the findings name it. */
export interface DjangoSingleton {
  model: string;
  path: string;
  /** the classes from the model to solo.models.SingletonModel */
  chain: string[];
}

/** The concrete model of `app` that `ormModel` names (Django's migrations lowercase it), among `models`. */
export const appModel = (models: readonly DjangoModel[], app: string | undefined, ormModel: string): DjangoModel | undefined =>
  models.find((m) => !m.abstract && m.appLabel === app && m.className.toLowerCase() === ormModel.toLowerCase());

/** `model` as a django-solo singleton, through bases among `models`; undefined when it extends none. */
export function asSingleton(model: DjangoModel, models: readonly DjangoModel[]): DjangoSingleton | undefined {
  const chain = singletonChain(model, models);
  return chain ? { model: model.className, path: model.path, chain } : undefined;
}

/**
 * A Django model with the classes it inherits fields from among the models read: abstract parents and mixins
 * (`class Post(StatorModel)`, StatorModel `abstract = True` declaring state_ready). Django copies an abstract
 * parent's fields into each concrete model, so the ORM selects them on every query of the child.
 */
import type { DjangoModel } from "./django-models.js";

const lastSegment = (name: string) => name.slice(name.lastIndexOf(".") + 1);

/** `model` and every class among `models` it extends, directly or not; a base named by several classes follows each (none is ruled out). */
export function withAncestors(model: DjangoModel, models: readonly DjangoModel[]): DjangoModel[] {
  const out: DjangoModel[] = [];
  const visit = (m: DjangoModel) => {
    if (out.includes(m)) return;
    out.push(m);
    for (const base of m.bases) for (const parent of models.filter((p) => p.className === lastSegment(base))) visit(parent);
  };
  visit(model);
  return out;
}

/**
 * What Django's state does to the app's relations when a model or a field is renamed (ProjectState.rename_model and
 * rename_field): every ForeignKey, OneToOneField and ManyToManyField that points at the old model points at
 * `app.newname` afterwards (through= too), and a `to_field=` naming the renamed field names the new one. An
 * AlterField that only repoints a key at the renamed model then compares equal to the state: Django's sqlmigrate
 * prints "(no-op)", and migguard adds no foreign key. The field's text follows, so a fix that writes the field out
 * (an AlterField after the RenameModel) names the model as the state has it there: the old name no longer resolves.
 */
import type { DjangoField } from "./django-fields.js";
import type { ModelState } from "./django-state.js";
import { keywordText, literalOf, withKeyword, withPositional } from "../../rules/support/python-call.js";
import { pythonString } from "../../rules/support/embed-sql.js";

/** `"app.Model"`, `"Model"` (this app) naming `model` of `app`; a swappable setting or "self" never does. */
function names(target: string | undefined, app: string, model: string): boolean {
  if (!target || target === "self" || target.includes("settings.")) return false;
  const dot = target.lastIndexOf(".");
  const [targetApp, targetModel] = dot === -1 ? [app, target] : [target.slice(0, dot), target.slice(dot + 1)];
  return targetApp.toLowerCase() === app.toLowerCase() && targetModel.toLowerCase() === model.toLowerCase();
}

const isStringNaming = (text: string, app: string, model: string) => {
  const value = literalOf(text);
  return value?.kind === "str" && names(value.value, app, model);
};

/** The field's text with its `key` argument (for `to`, else its first positional one) replaced, when a string literal names the old model. */
function textRetargeted(text: string, key: "to" | "through", app: string, from: string, reference: string): string {
  const written = keywordText(text, key);
  if (written !== undefined) return isStringNaming(written, app, from) ? (withKeyword(text, key, reference) ?? text) : text;
  if (key !== "to") return text;
  return withPositional(text, (arg) => isStringNaming(arg, app, from), () => reference) ?? text;
}

/** The field as the state has it once model `from` of `app` is renamed `to`; the same object when it does not point at it. */
function retargeted(field: DjangoField, app: string, from: string, to: string): DjangoField {
  // makemigrations writes a relation to another model as "app.modelname" (ForeignObject.deconstruct lowercases it)
  const label = `${app}.${to.toLowerCase()}`;
  const relation = field.relation && names(field.relation.target, app, from);
  const many = field.manyToMany;
  const manyTarget = many && names(many.target, app, from);
  const through = many && names(many.throughModel, app, from);
  if (!relation && !manyTarget && !through) return field;
  const reference = pythonString(label);
  let text = relation || manyTarget ? textRetargeted(field.text, "to", app, from, reference) : field.text;
  if (through) text = textRetargeted(text, "through", app, from, reference);
  return {
    ...field,
    ...(relation ? { relation: { ...field.relation!, target: label } } : {}),
    ...(many ? { manyToMany: { ...many, ...(manyTarget ? { target: label } : {}), ...(through ? { throughModel: label } : {}) } } : {}),
    text,
  };
}

/** Repoint every relation of the app's models at model `from`, renamed `to` (the models map already holds it as `to`). */
export function repointRenamedModel(models: Iterable<ModelState>, app: string, from: string, to: string): void {
  for (const model of models)
    for (const [name, field] of model.fields) {
      const next = retargeted(field, app, from, to);
      if (next !== field) model.fields.set(name, next);
    }
}

/** Repoint every `to_field=` naming field `from` of `model` (in app `app`) at its new name `to`. */
export function repointRenamedField(models: Iterable<ModelState>, app: string, model: string, from: string, to: string): void {
  for (const state of models)
    for (const [name, field] of state.fields) {
      const relation = field.relation;
      const selfReference = relation?.target === "self" && state.name.toLowerCase() === model.toLowerCase();
      if (!relation || relation.toField !== from || !(selfReference || names(relation.target, app, model))) continue;
      state.fields.set(name, { ...field, relation: { ...relation, toField: to }, text: withKeyword(field.text, "to_field", pythonString(to)) ?? field.text });
    }
}

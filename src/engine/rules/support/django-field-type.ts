/**
 * The column type a Django AlterField gives, read through the project's own field classes: Django's classes and the
 * relations as the adapter read them, a project class through its bases (bookwyrm's PartialDateField is a
 * DateTimeField, timestamptz, though its name ends in DateField), undefined for a class the project files do not
 * resolve. The adapter guesses a subclass by its name (no project files there); the rules that judge the type read
 * this instead.
 */
import type { TypeRef } from "../../model.js";
import { fieldType, isDjangoFieldClass, keepsRelatedKey } from "../../adapters/python/django-fields.js";
import { djangoBaseField, readFieldClasses } from "../../code/django-field-classes.js";
import { literalOf } from "./python-call.js";
import type { RuleContext } from "./rule.js";

const classesOf = new WeakMap<RuleContext, ReturnType<typeof readFieldClasses>>();

/**
 * `foreignGuess`: a class the project files do not define at all (a package's CountryField(max_length=2)) keeps the
 * adapter's guess by name and max_length; without it such a class is unknown too (narrowing-type-change: never a
 * narrowing from a guess).
 */
export function djangoFieldType(ctx: RuleContext, definition: string, adapters: TypeRef | undefined, foreignGuess = false): TypeRef | undefined {
  const call = literalOf(definition);
  if (call?.kind !== "call") return undefined;
  const cls = call.callee.slice(call.callee.lastIndexOf(".") + 1);
  if (isDjangoFieldClass(cls) || keepsRelatedKey(cls, { keywords: new Set(call.kwargs.keys()), positional: call.args.length })) return adapters;
  let classes = classesOf.get(ctx);
  if (!classes) classesOf.set(ctx, (classes = readFieldClasses([...ctx.repository.djangoModelFiles(), ...ctx.codeFiles])));
  if (foreignGuess && !classes.has(cls)) return adapters;
  const base = djangoBaseField(cls, classes);
  return base ? fieldType({ ...call, callee: base }) : undefined;
}

/**
 * What an ALTER COLUMN ... TYPE costs where it runs (PostgreSQL's rules: types.ts): the column's previous type from
 * the adapter or the history, the session's TimeZone there, the PostgreSQL version. Read once here for every rule
 * that asks (column-type-change, the rewrites the lock rules fold into it, unique-constraint-without-index).
 */
import type { OperationOf, TypeRef } from "../../model.js";
import { isUtcZone, typeChangeCost, type TypeChange } from "../../types.js";
import { djangoFieldType } from "./django-field-type.js";
import { isDjangoFieldClass } from "../../adapters/python/django-fields.js";
import { literalOf } from "./python-call.js";
import { nameKey } from "./facts.js";
import type { RuleContext } from "./rule.js";

/**
 * The new type of the op as the rule reads it (a Django field class the project defines: its column type through
 * its bases, as column-type-change reads it) and what the change costs with the history as it is before `index`;
 * undefined when that type is unknown (not its name's guess).
 */
export function typeChangeAt(ctx: RuleContext, op: OperationOf<"alter_column_type">, index: number): { type: TypeRef; cost: TypeChange; unknownFromClass?: string } | undefined {
  const type = ctx.framework === "django" && op.ormFieldDef ? djangoFieldType(ctx, op.ormFieldDef, op.type, true) : op.type;
  if (!type) return undefined;
  const from = op.fromType ?? previousFieldType(ctx, op) ?? ctx.repository.columnType(op.table, op.column, index);
  // the previous field is a class of a package or of the project that the project files do not resolve: its column
  // may well be the new type already (markupfield's MarkupField is a TextField), so the change is not known to rewrite
  const unknownFromClass = !from && ctx.framework === "django" && op.fromFieldDef ? fieldClassOf(op.fromFieldDef) : undefined;
  const cost = typeChangeCost(from, type, op.using !== undefined, {
    utcSession: isUtcZone(ctx.facts.timeZoneAt(index)),
    usingIsColumn: op.using !== undefined && nameKey(op.using.trim()) === nameKey(op.column),
    postgresVersion: ctx.postgresVersion,
  });
  return { type, cost, ...(unknownFromClass && !isDjangoFieldClass(unknownFromClass) ? { unknownFromClass } : {}) };
}

/** Django: the previous field's column type, through the project's field classes, when the adapter did not know it. */
function previousFieldType(ctx: RuleContext, op: OperationOf<"alter_column_type">): TypeRef | undefined {
  return ctx.framework === "django" && op.fromFieldDef ? djangoFieldType(ctx, op.fromFieldDef, undefined) : undefined;
}

/** The class a field definition calls (`MarkupField` of `markupfield.fields.MarkupField(...)`). */
function fieldClassOf(definition: string): string | undefined {
  const call = literalOf(definition);
  return call?.kind === "call" ? call.callee.slice(call.callee.lastIndexOf(".") + 1) : undefined;
}

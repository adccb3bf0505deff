/**
 * What the model must say once a Django field's index is built by AddIndexConcurrently: db_index=False on the field
 * and the index in Meta.indexes, or the next makemigrations undoes the fix. A field the model inherits from an
 * abstract class (takahe's StatorModel.state_ready) cannot change there for one model: every model extending it
 * would lose its index. That model redeclares the field (Django lets a field of an abstract base be overridden).
 */
import type { OperationOf } from "../../model.js";
import type { RuleContext } from "../support/rule.js";
import { djangoModelField } from "../support/django-model-field.js";
import { reindented } from "../support/data-code.js";
import { withKeyword } from "../support/python-call.js";

const className = (model: string) => model.charAt(0).toUpperCase() + model.slice(1);

/** The comment lines above the field step that say how the model follows it. */
export function modelIndexNote(ctx: RuleContext, op: OperationOf<"add_index">, withLike: boolean): string[] {
  const field = op.ormField!;
  const indexes = withLike ? "indexes" : "index";
  const own = [`# in the model too: db_index=False on ${field}, and the ${indexes} in Meta.indexes`];
  const declared = op.ormModel ? djangoModelField(ctx, op.ormModel, field) : undefined;
  if (!declared || (declared.kind === "declared" && declared.className.toLowerCase() === op.ormModel!.toLowerCase())) return own;
  const model = className(op.ormModel!);
  // not read (another app's module the review did not fetch) or a package's: either way the field is redeclared in this model
  if (declared.kind !== "declared")
    return [
      `# in the model too: ${declared.className} (${declared.path}) does not declare ${field}, it inherits it from ${declared.bases.join(", ")}${declared.kind === "packaged" ? " (a package's class, or a module migguard did not read)" : ""}:`,
      `# db_index=False there would drop the index of every model extending it. For ${model} alone, redeclare ${field} in ${model} with`,
      `# db_index=False (a field of an abstract base may be overridden) and put the ${indexes} in ${model}'s Meta.indexes (a Meta of its own`,
      `# extends the base's Meta, or it loses what that one says)`,
    ];
  const changed = withKeyword(reindented(declared.text.trim()), "db_index", "False");
  return [
    `# in the model too: ${field} is declared on ${declared.className} (${declared.path}:${declared.line}), an abstract class ${model} extends; db_index=False`,
    `# there would drop the index of every model extending it. For ${model} alone, redeclare the field in ${model} (a field of an`,
    `# abstract base may be overridden)${changed ? `: ${field} = ${changed}` : ` with db_index=False`}`,
    `# and put the ${indexes} in ${model}'s Meta.indexes (a Meta of ${model}'s own extends ${declared.className}.Meta, or it loses what that one says)`,
  ];
}

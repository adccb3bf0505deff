/**
 * A Django AddField on a django-solo singleton model: its table holds one row, which the migration fills, and the
 * running code never inserts another, so no insert of code that does not know the new column can miss it.
 */
import type { OperationOf, SourceFile } from "../../model.js";
import { djangoModelsApp, readDjangoModels } from "../../code/django-models.js";
import { appModel, asSingleton, type DjangoSingleton } from "../../code/django-singleton.js";
import { djangoAppOf } from "../../paths.js";
import { djangoModelFiles } from "../support/django-model-files.js";
import type { RuleContext } from "../support/rule.js";

/** The singleton model the column's AddField changes, when the app's model files declare it one. */
export function singletonModelOf(ctx: RuleContext, op: OperationOf<"add_column">): DjangoSingleton | undefined {
  if (ctx.framework !== "django" || !op.ormModel) return undefined;
  const files = new Map<string, SourceFile>();
  // the app's models, and the other apps' model files among the code read (a project's own singleton base may live there)
  for (const file of [...djangoModelFiles(ctx), ...ctx.codeFiles.filter((f) => djangoModelsApp(f.path) !== undefined)]) if (!files.has(file.path)) files.set(file.path, file);
  const models = readDjangoModels([...files.values()]);
  const model = appModel(models, djangoAppOf(ctx.migration.path), op.ormModel);
  return model && asSingleton(model, models);
}

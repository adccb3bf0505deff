/** The model files of a Django migration's app: those read beside its migrations/ folder, and the app's among the code read. */
import { djangoModelsApp } from "../../code/django-models.js";
import type { SourceFile } from "../../model.js";
import { djangoAppOf } from "../../paths.js";
import type { RuleContext } from "./rule.js";

export function djangoModelFiles(ctx: RuleContext): SourceFile[] {
  const given = ctx.repository.djangoModelFiles();
  const app = djangoAppOf(ctx.migration.path) || undefined;
  const read = ctx.repository.applicationCode().filter((f) => app !== undefined && djangoModelsApp(f.path) === app && !given.some((g) => g.path === f.path));
  return [...given, ...read];
}

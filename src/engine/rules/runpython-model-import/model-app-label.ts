/**
 * The app label apps.get_model() needs for a model a RunPython imports: its app's AppConfig `label` read from the
 * repository's apps.py (meinberlin's adminlog app is `meinberlin_adminlog`), the migration's own app folder when its
 * apps.py is not there (Django's default label), or unknown for an app outside the repository (adhocracy4's phases).
 */
import { appModuleOf, djangoAppLabel } from "../../code/django-app-label.js";
import { isDjangoAppConfigPath } from "../../repository/fact-paths.js";
import type { RuleContext } from "../support/rule.js";

export type ModelAppLabel = { label: string } | { unknownApp: string };

/** The migration's own app: `appModule` names its folder (`meinberlin.apps.adminlog` for meinberlin/apps/adminlog/migrations). */
function isOwnApp(ctx: RuleContext, appModule: string): boolean {
  const parts = ctx.migration.path.split("/");
  const folder = parts.slice(0, parts.lastIndexOf("migrations")).join("/");
  const path = appModule.replace(/\./g, "/");
  return folder === path || folder.endsWith(`/${path}`);
}

export function modelAppLabel(ctx: RuleContext, ownFolder: string, modelsModule: string | undefined): ModelAppLabel {
  // `from .models import X`, or a module migguard could not name: the migration's own app
  const appModule = modelsModule && !modelsModule.startsWith(".") ? appModuleOf(modelsModule) : undefined;
  const ownModule = appModule ?? ownFolder;
  const given = djangoAppLabel(ownModule, [...ctx.repository.djangoAppConfigFiles(), ...ctx.codeFiles.filter((f) => isDjangoAppConfigPath(f.path))]);
  if (given !== undefined) return { label: given };
  if (appModule === undefined || isOwnApp(ctx, appModule)) return { label: ownFolder };
  const read = djangoAppLabel(appModule, ctx.repository.applicationCode().filter((f) => isDjangoAppConfigPath(f.path)));
  return read !== undefined ? { label: read } : { unknownApp: appModule };
}

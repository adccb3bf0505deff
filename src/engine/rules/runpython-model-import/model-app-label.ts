/**
 * The app label apps.get_model() needs for a model a RunPython imports: its app's AppConfig `label` read from the
 * repository's apps.py (meinberlin's adminlog app is `meinberlin_adminlog`), the migration's own app folder when its
 * apps.py is not there (Django's default label), or unknown for an app outside the repository (adhocracy4's phases).
 */
import { appModuleOf, djangoAppLabel } from "../../code/django-app-label.js";
import { isDjangoAppConfigPath } from "../../repository/fact-paths.js";
import type { RuleContext } from "../support/rule.js";

/** `dependency`: the label was read from the migration's dependencies (the app's AppConfig is outside the repository) */
export type ModelAppLabel = { label: string; dependency?: true } | { unknownApp: string };

/**
 * The label of an app outside the repository, from the migration's own dependencies: the one other app it depends on
 * whose label is a part of the app's module path (galaxy_ng's 0060 depends on ("container", ...) and imports
 * pulp_container.app.models: pulp_container ends with `_container`). None when no dependency, or more than one, fits.
 */
function dependencyLabel(ctx: RuleContext, appModule: string): string | undefined {
  const segments = appModule.split(".");
  const fits = (label: string) => segments.some((s) => s === label || s.endsWith(`_${label}`) || s.startsWith(`${label}_`)) || segments.join("_") === label;
  const labels = [...new Set((ctx.migration.djangoAppDependencies ?? []).map((d) => d.app))].filter(fits);
  return labels.length === 1 ? labels[0] : undefined;
}

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
  // the migration's own app: the label its migrations' dependencies give it (galaxy_ng/app is `galaxy`), else the folder's
  if (appModule === undefined || isOwnApp(ctx, appModule)) return { label: ctx.migration.djangoLabel ?? ownFolder };
  const read = djangoAppLabel(appModule, ctx.repository.applicationCode().filter((f) => isDjangoAppConfigPath(f.path)));
  if (read !== undefined) return { label: read };
  const depended = dependencyLabel(ctx, appModule);
  return depended !== undefined ? { label: depended, dependency: true } : { unknownApp: appModule };
}

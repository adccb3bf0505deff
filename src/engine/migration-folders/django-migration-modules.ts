/**
 * Django's `MIGRATION_MODULES` setting moves an app's migrations out of `<app>/migrations/`: DefectDojo keeps
 * them in `dojo/db_migrations` (`MIGRATION_MODULES = {"dojo": "dojo.db_migrations"}`, set under an `if`).
 * Read with tree-sitter's Python grammar and the adapter's evaluator from the settings modules the database
 * detection already considers (signal-paths.ts), so those folders are Django migrations too.
 */
import { visitModuleLevel } from "../adapters/python/module-level.js";
import { asString, evaluate } from "../adapters/python/values.js";
import type { Config } from "../config.js";
import { signalKind } from "../database/signal-paths.js";
import type { SourceFile } from "../model.js";

const SETTING = "MIGRATION_MODULES";

/** A dotted module path Django can import (`None` disables an app's migrations and is no folder). */
const isModulePath = (value: string): boolean => /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(value);

/**
 * The module paths a settings module gives in MIGRATION_MODULES, wherever at module level it is assigned
 * (under `if`/`try` too: settings choose at run time, and either way the folder holds migrations of that app).
 */
export function readMigrationModules(content: string): string[] {
  if (!content.includes(SETTING)) return [];
  try {
    const out: string[] = [];
    visitModuleLevel(content, (node, ctx) => {
      if (node.type !== "assignment") return;
      const left = node.childForFieldName("left");
      const right = node.childForFieldName("right");
      if (!left || !right) return;
      const value = evaluate(right, ctx);
      // MIGRATION_MODULES = {"app": "pkg.folder"} / MIGRATION_MODULES["app"] = "pkg.folder"
      if (left.type === "identifier" && left.text === SETTING && value.kind === "dict") for (const entry of value.entries) out.push(asString(entry.value) ?? "");
      else if (left.type === "subscript" && left.childForFieldName("value")?.text === SETTING) out.push(asString(value) ?? "");
    });
    return out.filter(isModulePath);
  } catch {
    return []; // a settings module too deeply nested to read: its folders are not known
  }
}

/**
 * Globs for the migrations of each module path: the folder the dotted path names, below any folder (the project
 * root Django imports from is not known), holding Django's numbered migration files.
 */
export function migrationModuleGlobs(modules: readonly string[]): string[] {
  return [...new Set(modules.map((m) => `**/${m.replace(/\./g, "/")}/[0-9][0-9][0-9][0-9]_*.py`))].sort();
}

/** `config` whose `paths.django` also names the folders MIGRATION_MODULES gives in any of the settings modules. */
export function withDjangoMigrationModules(config: Config, files: readonly SourceFile[]): Config {
  const modules = files.filter((f) => signalKind(f.path) === "django-settings").flatMap((f) => readMigrationModules(f.content));
  const globs = migrationModuleGlobs(modules).filter((glob) => !config.paths.django.includes(glob));
  return globs.length ? { ...config, paths: { ...config.paths, django: [...config.paths.django, ...globs] } } : config;
}

/**
 * A file whose name only a setting can make a migration: a numbered Python module outside `migrations/`
 * (worth reading the settings modules for before deciding what is a migration).
 */
export const mayBeMovedDjangoMigration = (path: string): boolean => /(^|\/)\d{4}_\w+\.py$/.test(path) && !/(^|\/)migrations\//.test(path);

/** settings modules read for MIGRATION_MODULES at most (a monorepo's many projects) */
const MAX_SETTINGS = 20;

/**
 * The settings modules of a listing to read for MIGRATION_MODULES (shallowest first), when a changed file may be a
 * migration only they can name; none otherwise. The review's edges read them and call withDjangoMigrationModules.
 */
export function migrationModuleSettingsPaths(changed: readonly string[], listing: readonly string[]): string[] {
  if (!changed.some(mayBeMovedDjangoMigration)) return [];
  const depth = (path: string) => path.split("/").length;
  return listing
    .filter((path) => signalKind(path) === "django-settings")
    .sort((a, b) => depth(a) - depth(b) || a.localeCompare(b))
    .slice(0, MAX_SETTINGS);
}

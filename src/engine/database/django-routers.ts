/**
 * Django's database routers (`DATABASE_ROUTERS` in the settings): `migrate` runs an app's migrations on an alias
 * only where the routers' `allow_migrate` allows it (the first router with an answer that is not None decides;
 * none: allowed). When the code decides that an app never migrates on any PostgreSQL alias of `DATABASES`, its
 * migrations run on another database (one engine: that one), or on none of the aliases the settings name.
 * Read with tree-sitter Python; the router modules through the project's module reader. Anything not decidable
 * from the code (django-allow-migrate.ts) leaves the folder's database as the settings decided it.
 */
import { readModule } from "../adapters/python/module.js";
import { functionDefinitions } from "../adapters/python/nodes.js";
import { withPythonTree } from "../adapters/python/parser.js";
import { asString, type PyValue } from "../adapters/python/values.js";
import type { Database, SourceFile } from "../model.js";
import { allowMigrate, type AllowMigrate } from "./django-allow-migrate.js";
import { settingsDatabase } from "./django-settings.js";
import { DATABASE_LABEL } from "./names.js";

/** A module of the project by its dotted name, as imported from the file at `from` (project-modules.ts). */
export type ModuleFile = (dotted: string, from: string) => { path: string; content: string } | undefined;

export type RoutedDatabase =
  /** the app's migrations run on this database only: `reason` names the routers and the aliases */
  | { database: Database; reason: string }
  /** no alias of DATABASES migrates the app */
  | { database: undefined; reason: string };

interface Router {
  /** `path:line (Class.allow_migrate)`, or the class alone when it has no allow_migrate */
  where: string;
  /** its answer for each alias asked */
  answers: Map<string, AllowMigrate>;
}

/** The DATABASES aliases of a settings module and their engines (undefined: computed at run time). */
function aliasesOf(databases: PyValue | undefined): Map<string, Database | undefined> | undefined {
  if (databases?.kind !== "dict") return undefined;
  const out = new Map<string, Database | undefined>();
  for (const { key, value } of databases.entries) {
    const alias = asString(key);
    if (alias === undefined) return undefined;
    out.set(alias, settingsDatabase(value)?.database);
  }
  return out;
}

/** `DATABASE_ROUTERS = ["app.routers.Router", ...]`: the dotted paths; undefined when not written as strings. */
function routerPaths(value: PyValue | undefined): string[] | undefined {
  if (value?.kind !== "list") return undefined;
  const paths = value.items.map(asString);
  return paths.every((p): p is string => p !== undefined && /^[A-Za-z_][\w.]*\.[A-Za-z_]\w*$/.test(p)) ? paths : undefined;
}

/** The router class `dotted` names, read from its module: its allow_migrate's answer for each alias, or none (no opinion). */
function readRouter(dotted: string, settingsPath: string, moduleFile: ModuleFile, aliases: readonly string[], appLabel: string): Router | undefined {
  const cut = dotted.lastIndexOf(".");
  const file = moduleFile(dotted.slice(0, cut), settingsPath);
  const className = dotted.slice(cut + 1);
  if (!file) return undefined;
  return withPythonTree(file.content, (root) => {
    const module = readModule(root, file.content);
    const cls = module.classes.get(className);
    const body = cls?.childForFieldName("body");
    if (!cls || !body) return undefined;
    const method = functionDefinitions(body).get("allow_migrate");
    if (!method) {
      // a base class other than object may define it
      const bases = (cls.childForFieldName("superclasses")?.namedChildren ?? []).filter((c) => c.type !== "comment");
      if (bases.some((b) => b.text !== "object")) return undefined;
      return { where: `${file.path} (${className}, no allow_migrate)`, answers: new Map(aliases.map((a) => [a, null])) };
    }
    return {
      where: `${file.path}:${method.startPosition.row + 1} (${className}.allow_migrate)`,
      answers: new Map(aliases.map((alias) => [alias, allowMigrate(method, alias, appLabel, module)])),
    };
  });
}

/**
 * Where a Django app's migrations run, when a settings module's routers decide it away from PostgreSQL; undefined
 * when the settings name no routers, any router's answer is not decidable, or an alias that may migrate the app
 * is (or may be) PostgreSQL.
 */
export function routedDatabase(appLabel: string, settings: readonly SourceFile[], moduleFile: ModuleFile): RoutedDatabase | undefined {
  // the settings modules that set DATABASE_ROUTERS speak (others may take them with `from .base import *`); they must agree
  const verdicts = settings.flatMap((file) => {
    const verdict = routedBy(appLabel, file, moduleFile);
    return verdict === "silent" ? [] : [verdict];
  });
  const [first, ...others] = verdicts;
  if (!first || others.some((v) => v?.database !== first.database)) return undefined;
  return first;
}

function routedBy(appLabel: string, file: SourceFile, moduleFile: ModuleFile): RoutedDatabase | undefined | "silent" {
  const read = withPythonTree(file.content, (root) => {
    const module = readModule(root, file.content);
    const routers = module.bindings.get("DATABASE_ROUTERS");
    // set anywhere (under an `if`, twice, `+=`): the module speaks of routers, decidable or not
    const bound = [...root.descendantsOfType("assignment"), ...root.descendantsOfType("augmented_assignment")].some((a) => a?.childForFieldName("left")?.text === "DATABASE_ROUTERS");
    return { aliases: aliasesOf(module.bindings.get("DATABASES")), routers: routers && routerPaths(routers), bound };
  });
  if (!read.bound) return "silent";
  if (!read.aliases || !read.routers || read.routers.length === 0) return undefined;
  const routers: Router[] = [];
  for (const dotted of read.routers) {
    const router = readRouter(dotted, file.path, moduleFile, [...read.aliases.keys()], appLabel);
    if (!router) return undefined;
    routers.push(router);
  }
  const allowed = new Map<string, boolean>();
  for (const alias of read.aliases.keys()) {
    let answer: AllowMigrate = null;
    for (const router of routers) {
      answer = router.answers.get(alias) ?? "unknown";
      if (answer !== null) break;
    }
    if (answer === "unknown") {
      // an alias whose answer is not known may run the app: only one of another known engine leaves it off PostgreSQL
      const engine = read.aliases.get(alias);
      if (engine === undefined || engine === "postgresql") return undefined;
    }
    allowed.set(alias, answer !== false);
  }
  const targets = [...allowed].filter(([, yes]) => yes).map(([alias]) => alias);
  const engines = new Set(targets.map((alias) => read.aliases!.get(alias)));
  if (engines.has(undefined) || engines.has("postgresql") || engines.size > 1) return undefined;
  const wheres = routers.map((r) => r.where).join(", ");
  const aliases = [...read.aliases].map(([alias, engine]) => `${alias}: ${engine ? DATABASE_LABEL[engine] : "engine computed at run time"}`).join(", ");
  const [database] = engines as Set<Database>;
  const where = `${file.path}'s DATABASE_ROUTERS: ${wheres} migrates app \`${appLabel}\``;
  if (database === undefined) return { database, reason: `${where} on none of the DATABASES aliases (${aliases})` };
  return { database, reason: `${where} only on ${targets.map((t) => `DATABASES["${t}"]`).join(", ")} (${aliases})` };
}

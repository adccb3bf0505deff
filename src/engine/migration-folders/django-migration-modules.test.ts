import { beforeAll, describe, expect, it } from "@jest/globals";
import { loadPythonParser } from "../adapters/python/parser.js";
import { defaultConfig } from "../config.js";
import { detectByPath } from "../detect.js";
import { mayBeMovedDjangoMigration, readMigrationModules, withDjangoMigrationModules } from "./django-migration-modules.js";

beforeAll(() => loadPythonParser());

describe("MIGRATION_MODULES", () => {
  it("reads the module paths of a dict, under an if, through a module constant, and one app at a time", () => {
    expect(readMigrationModules('if env("DD_TRACK_MIGRATIONS"):\n    MIGRATION_MODULES = {"dojo": "dojo.db_migrations"}\n')).toEqual(["dojo.db_migrations"]);
    expect(readMigrationModules('FOLDER = "core.schema_migrations"\nMIGRATION_MODULES = {"core": FOLDER, "auth": None}\n')).toEqual(["core.schema_migrations"]);
    expect(readMigrationModules('MIGRATION_MODULES = {}\nMIGRATION_MODULES["shop"] = "shop.db.migrations_pg"\n')).toEqual(["shop.db.migrations_pg"]);
  });

  it("leaves out what is not a module path, and assignments inside functions (a test helper's)", () => {
    expect(readMigrationModules('MIGRATION_MODULES = {"a": f"{APP}.migrations", "b": "not a module"}\n')).toEqual([]);
    expect(readMigrationModules('def disable():\n    MIGRATION_MODULES = {"dojo": "dojo.db_migrations"}\n')).toEqual([]);
  });

  it("makes the named folder's numbered files Django migrations, from settings modules only", () => {
    const settings = { path: "dojo/settings/settings.dist.py", content: 'MIGRATION_MODULES = {"dojo": "dojo.db_migrations"}\n' };
    const config = withDjangoMigrationModules(defaultConfig(), [settings]);
    expect(detectByPath("dojo/db_migrations/0290_finding_fix.py", config)).toMatchObject({ framework: "django", version: "0290" });
    expect(detectByPath("backend/dojo/db_migrations/0001_initial.py", config)).toMatchObject({ framework: "django" });
    expect(detectByPath("dojo/db_migrations/__init__.py", config)).toBeUndefined();
    expect(detectByPath("dojo/tools/0001_parser.py", config)).toBeUndefined();
    // a module that is no settings module says nothing
    expect(withDjangoMigrationModules(defaultConfig(), [{ ...settings, path: "dojo/tools/helpers.py" }])).toEqual(defaultConfig());
  });

  it("asks for the settings only for numbered Python modules outside migrations/", () => {
    expect(mayBeMovedDjangoMigration("dojo/db_migrations/0001_initial.py")).toBe(true);
    expect(mayBeMovedDjangoMigration("shop/migrations/0001_initial.py")).toBe(false);
    expect(mayBeMovedDjangoMigration("dojo/models.py")).toBe(false);
  });
});

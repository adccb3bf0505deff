/**
 * `migguard lint` on a Django project whose settings name DATABASE_ROUTERS: an app that the routers'
 * allow_migrate (read, never run) never migrates on the PostgreSQL alias runs on the database it does migrate it
 * on (SQLite here: PostgreSQL's lock rules do not apply), or, when no alias of DATABASES migrates it, its
 * migrations are not checked and one info says so with the router's path and line. A router whose answer depends
 * on what only running tells (a model lookup) leaves the app on PostgreSQL, as before.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

type Finding = { path: string; rule: string; line: number; severity: string; message: string };

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-routers-");

const initial = (model: string) => `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="${model}", fields=[("id", models.BigAutoField(primary_key=True, serialize=False)), ("size", models.IntegerField())]),
    ]
`;

// a NOT NULL column with a Python-only default, and a type change: PostgreSQL findings on the default alias
const changes = (app: string, model: string) => `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("${app}", "0001_initial")]
    operations = [
        migrations.AddField(model_name="${model.toLowerCase()}", name="kind", field=models.TextField(default="page")),
        migrations.AlterField(model_name="${model.toLowerCase()}", name="size", field=models.TextField()),
    ]
`;

const settings = (aliases: string) => `DATABASES = {
    "default": {"ENGINE": "django.db.backends.postgresql", "NAME": "shop"},
${aliases}}

DATABASE_ROUTERS = ["shop.routers.AnalyticsRouter"]
`;

const SQLITE_ALIAS = `    "analytics": {"ENGINE": "django.db.backends.sqlite3", "NAME": "analytics.sqlite3"},\n`;

const project = (router: string, aliases = SQLITE_ALIAS) => ({
  "manage.py": "",
  "shop/__init__.py": "",
  "shop/settings.py": settings(aliases),
  "shop/routers.py": router,
  "analytics/migrations/0001_initial.py": initial("Event"),
  "analytics/migrations/0002_changes.py": changes("analytics", "Event"),
  "orders/migrations/0001_initial.py": initial("Order"),
  "orders/migrations/0002_changes.py": changes("orders", "Order"),
});

const ROUTER = `from django.db import DEFAULT_DB_ALIAS

ANALYTICS_APPS = ("analytics",)


class AnalyticsRouter:
    """Analytics tables live in their own database."""

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if app_label in ANALYTICS_APPS:
            return db == "analytics"
        elif db == "analytics":
            return False
        return None
`;

const lint = async (files: Record<string, string> | string): Promise<Finding[]> => {
  const { output } = await run(["lint", "--format", "json", "analytics/migrations", "orders/migrations"], { cwd: typeof files === "string" ? files : repo(files) });
  return (JSON.parse(output) as { findings: Finding[] }).findings;
};

const rulesOf = (findings: Finding[], app: string) => [...new Set(findings.filter((f) => f.path.startsWith(`${app}/`)).map((f) => f.rule))].sort();

describe("Django DATABASE_ROUTERS, through the CLI", () => {
  it("an app the router migrates only on the SQLite alias is checked as SQLite: no PostgreSQL lock findings; the app on the default alias keeps them", async () => {
    const root = repo(project(ROUTER));
    const findings = await lint(root);
    expect(rulesOf(findings, "orders")).toContain("column-type-change");
    // the type change takes no lock a deploy waits on in SQLite
    expect(rulesOf(findings, "analytics")).not.toContain("column-type-change");
    const { output } = await run(["lint", "--verbose", "analytics/migrations"], { cwd: root });
    expect(output).toContain(
      "database: analytics/migrations: SQLite (shop/settings.py's DATABASE_ROUTERS: shop/routers.py:9 (AnalyticsRouter.allow_migrate) migrates app `analytics` only on DATABASES[\"analytics\"] (default: PostgreSQL, analytics: SQLite))",
    );
  });

  it("an app no alias of DATABASES migrates (the router sends it away from default, the only alias) is not checked: one info names the router's path and line", async () => {
    const router = `from django.db import DEFAULT_DB_ALIAS

CONTENT_LABEL = "analytics"


class AnalyticsRouter(object):
    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if app_label == CONTENT_LABEL:
            val = db != DEFAULT_DB_ALIAS
        else:
            val = db == DEFAULT_DB_ALIAS
        return val
`;
    const findings = await lint(project(router, ""));
    const analytics = findings.filter((f) => f.path.startsWith("analytics/"));
    expect(analytics).toEqual([
      expect.objectContaining({ rule: "unsupported-database", severity: "info", path: "analytics/migrations/0001_initial.py", line: 1, message: expect.stringContaining("shop/routers.py:7 (AnalyticsRouter.allow_migrate)") }),
    ]);
    expect(rulesOf(findings, "orders")).toEqual(expect.arrayContaining(["column-type-change", "required-column-without-default"]));
  });

  it("a router whose answer needs a model lookup (what only running tells) leaves the app on PostgreSQL", async () => {
    const router = `from django.apps import apps


class AnalyticsRouter:
    def allow_migrate(self, db, app_label, model_name=None, **hints):
        model = apps.get_model(app_label, model_name) if model_name else None
        if model is not None and model._meta.app_label == "analytics":
            return db == "analytics"
        return db == "default"
`;
    const findings = await lint(project(router));
    expect(rulesOf(findings, "analytics")).toEqual(expect.arrayContaining(["column-type-change", "required-column-without-default"]));
  });
});

/**
 * A Django app that no settings module installs (webkom/lego 62ade5903d, replay 42: the forums app left
 * INSTALLED_APPS in the change that added its DeleteModel migration). Django loads migrations only of installed
 * apps: `migrate` never runs them, so their drops drop nothing. Through `migguard lint` and `migguard review`:
 * no drop-table error, one note per folder; review warns that the app's tables stay, with their keys to the user
 * model's table (uninstalled-app-tables). Settings that build INSTALLED_APPS from what only running tells keep
 * today's findings.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";
import { DEVELOPMENT, forumsDelete, forumsInitial, settings, usersInitial } from "./support/django-forums-app.js";

type Finding = { path: string; rule: string; line: number; severity: string; message: string; fix: string };

const project = (settingsFiles: Record<string, string>) => ({
  "manage.py": "",
  "lego/__init__.py": "",
  ...settingsFiles,
  ...djangoApp("lego/apps/users", { "lego/apps/users/migrations/0001_initial.py": usersInitial }),
  ...djangoApp("lego/apps/forums", { "lego/apps/forums/migrations/0001_initial.py": forumsInitial }),
});

const lint = async (root: string): Promise<Finding[]> => {
  const { output } = await run(["lint", "--format", "json", "lego/apps/forums/migrations"], { cwd: root });
  return (JSON.parse(output) as { findings: Finding[] }).findings;
};

describe("Django: the migrations of an app not in INSTALLED_APPS (lego's forums)", () => {
  it("lint: its DeleteModel is no drop-table error; one note says Django never runs the folder", async () => {
    const root = fileTree(
      { ...project({ "lego/settings/base.py": settings("lego.apps.users"), "lego/settings/development.py": DEVELOPMENT }), "lego/apps/forums/migrations/0002_delete_thread.py": forumsDelete },
      "migguard-uninstalled-",
    );
    const findings = await lint(root);
    expect(findings.filter((f) => f.rule === "drop-table")).toEqual([]);
    expect(findings.map((f) => [f.path, f.rule, f.severity])).toEqual([["lego/apps/forums/migrations/0001_initial.py", "unsupported-database", "info"]]);
    expect(findings[0].message).toContain("the app forums (lego/apps/forums) is not in INSTALLED_APPS (lego/settings/base.py, lego/settings/development.py)");
    expect(findings[0].fix).toBe("# forums is not in INSTALLED_APPS: Django never runs this migration; not checked by migguard");
  });

  it("lint: an app its AppConfig path installs, settings built from what only running tells, or a plugin's partial list keep the drop-table error", async () => {
    const withConfig = fileTree(
      { ...project({ "lego/settings/base.py": settings("lego.apps.users", "lego.apps.forums.apps.ForumsConfig") }), "lego/apps/forums/migrations/0002_delete_thread.py": forumsDelete },
      "migguard-uninstalled-",
    );
    expect((await lint(withConfig)).filter((f) => f.rule === "drop-table").length).toBeGreaterThan(0);
    const fromEnvironment = fileTree(
      {
        ...project({ "lego/settings/base.py": `import os\n\n${settings("lego.apps.users")}INSTALLED_APPS += os.environ.get("EXTRA_APPS", "").split(",")\n` }),
        "lego/apps/forums/migrations/0002_delete_thread.py": forumsDelete,
      },
      "migguard-uninstalled-",
    );
    const findings = await lint(fromEnvironment);
    expect(findings.filter((f) => f.rule === "drop-table").length).toBeGreaterThan(0);
    expect(findings.filter((f) => f.rule === "unsupported-database")).toEqual([]);
    // a plugin's additions to its host's list (pulp's galaxy_ng, merged by dynaconf): no Django app of its own in it
    const plugin = fileTree(
      { ...project({ "lego/settings/base.py": `INSTALLED_APPS = [\n    "rest_framework.authtoken",\n    "dynaconf_merge_unique",\n]\n` }), "lego/apps/forums/migrations/0002_delete_thread.py": forumsDelete },
      "migguard-uninstalled-",
    );
    expect((await lint(plugin)).filter((f) => f.rule === "unsupported-database")).toEqual([]);
  });

  it("review: the app leaves INSTALLED_APPS in the change that adds its DeleteModel: no drop-table error", async () => {
    const repo = featureBranchOn(project({ "lego/settings/base.py": settings("lego.apps.users", "lego.apps.forums") }));
    repo.write({ "lego/settings/base.py": settings("lego.apps.users"), "lego/apps/forums/migrations/0002_delete_thread.py": forumsDelete }).commit("remove the forums app");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(findings.filter((f) => f.rule === "unsupported-database").map((f) => f.path)).toEqual(["lego/apps/forums/migrations/0002_delete_thread.py"]);
    // what is left: the table, and its key to the user model's table that fails a user's delete
    const left = findings.filter((f) => f.rule === "uninstalled-app-tables");
    expect(left.map((f) => [f.path, f.severity])).toEqual([["lego/apps/forums/migrations/0002_delete_thread.py", "warning"]]);
    expect(left[0].message).toContain('The app forums leaves INSTALLED_APPS in this change ("lego.apps.forums", lego/settings/base.py:4 on the base branch)');
    expect(left[0].message).toContain("These stay in the database with their rows: forums_thread.");
    expect(left[0].message).toContain("(forums_thread.created_by_id -> the user model's table (AUTH_USER_MODEL))");
    // a migration of the app that stays, after its newest one: the tables dropped where Django runs it
    expect(left[0].fix).toContain("# lego/apps/users/migrations/0002_drop_forums_tables.py");
    expect(left[0].fix).toContain('dependencies = [("users", "0001_initial")]');
    expect(left[0].fix).toContain('"DROP TABLE IF EXISTS forums_thread CASCADE;",\n            reverse_sql=migrations.RunSQL.noop,');
  });

  it("review: the app stays installed while its DeleteModel runs: the drop-table finding as before, no leftover tables", async () => {
    const repo = featureBranchOn(project({ "lego/settings/base.py": settings("lego.apps.users", "lego.apps.forums") }));
    repo.write({ "lego/apps/forums/migrations/0002_delete_thread.py": forumsDelete }).commit("delete the forums models");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "drop-table").length).toBeGreaterThan(0);
    expect(findings.filter((f) => f.rule === "uninstalled-app-tables" || f.rule === "unsupported-database")).toEqual([]);
  });
});

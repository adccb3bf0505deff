/**
 * Replay 42's lego through the App: the change takes the forums app out of INSTALLED_APPS and adds its DeleteModel
 * migration. Django never runs a migration of an app that is not installed, so no drop-table failure; the app's
 * table stays with its key to the user model's table, which the uninstalled-app-tables warning names with a migration
 * of an installed app that drops it. Signed webhooks over HTTP, the local GitHub API checking every request against
 * GitHub's OpenAPI description; the check run as users see it.
 */
import { describe, expect, it } from "@jest/globals";
import { startScenario, useScenario } from "./support/scenario.js";
import { forumsDelete, forumsInitial, settings, usersInitial } from "../cli/support/django-forums-app.js";

useScenario();

const BASE = {
  "README.md": "# lego\n",
  "manage.py": "",
  "lego/__init__.py": "",
  "lego/settings/__init__.py": "",
  "lego/settings/base.py": settings("lego.apps.users", "lego.apps.forums"),
  "lego/apps/__init__.py": "",
  "lego/apps/users/__init__.py": "",
  "lego/apps/users/migrations/__init__.py": "",
  "lego/apps/users/migrations/0001_initial.py": usersInitial,
  "lego/apps/forums/__init__.py": "",
  "lego/apps/forums/migrations/__init__.py": "",
  "lego/apps/forums/migrations/0001_initial.py": forumsInitial,
};

describe("Django through the App: an app taken out of INSTALLED_APPS with its delete migration (lego's forums)", () => {
  it("no drop-table failure; a warning names the table that stays, its key to the user model's table, and the migration that drops it", async () => {
    const s = await startScenario({ baseFiles: BASE });
    const head = s.openPull(92, { "lego/settings/base.py": settings("lego.apps.users"), "lego/apps/forums/migrations/0002_delete_thread.py": forumsDelete });
    expect((await s.pullRequest("opened", 92)).status).toBe(200);
    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run).toMatchObject({ status: "completed" });
    expect(run.annotations.filter((a) => a.annotation_level === "failure")).toEqual([]);
    const left = run.annotations.filter((a) => a.title.startsWith("uninstalled-app-tables"));
    expect(left).toEqual([expect.objectContaining({ path: "lego/apps/forums/migrations/0002_delete_thread.py", annotation_level: "warning" })]);
    expect(left[0].message).toContain("These stay in the database with their rows: forums_thread.");
    expect(left[0].message).toContain("(forums_thread.created_by_id -> the user model's table (AUTH_USER_MODEL))");
    expect(left[0].raw_details).toContain("DROP TABLE IF EXISTS forums_thread CASCADE;");
    expect(run.conclusion).not.toBe("failure");
  });
});

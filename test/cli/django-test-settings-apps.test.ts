/**
 * A Django app only test settings install (allegro/ralph 97b8aebd8f, replay 47: `ralph.tests` is in INSTALLED_APPS
 * of settings/test.py alone, and its 0015 renames a table). Django runs its migrations on the test database the test
 * runner builds, never in production: through `migguard review` and `migguard lint`, its findings are notes that say
 * so. The same rename in an app base settings install keeps its error.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";
import { MANUFACTURER_INITIAL, manufacturerRename } from "../../src/engine/testing/python-fixtures.js";
import { djangoApp, featureBranchOn, reviewJson, type Finding } from "./support/review-repo.js";

const BASE = `INSTALLED_APPS = (\n    "django.contrib.auth",\n    "ralph.assets",\n)\n`;
const TEST = `from ralph.settings.base import *  # noqa\n\nINSTALLED_APPS += (\n    "ralph.tests",\n)\n`;

const project = (settings: Record<string, string>) => ({
  "manage.py": "",
  "ralph/__init__.py": "",
  "ralph/settings/__init__.py": "",
  ...settings,
  ...djangoApp("ralph/assets", { "ralph/assets/migrations/0001_initial.py": MANUFACTURER_INITIAL }),
  ...djangoApp("ralph/tests", { "ralph/tests/migrations/0001_initial.py": MANUFACTURER_INITIAL }),
});
const renames = { "ralph/assets/migrations/0002_rename.py": manufacturerRename("assets"), "ralph/tests/migrations/0002_rename.py": manufacturerRename("tests") };
const renameFindings = (findings: Finding[]) => findings.filter((f) => f.rule === "rename-table").map((f) => [f.path, f.severity]);

describe("Django: an app only test settings install (ralph's ralph.tests)", () => {
  it("review: its rename-table is a note that says why; the production app's stays an error", async () => {
    const repo = featureBranchOn(project({ "ralph/settings/base.py": BASE, "ralph/settings/test.py": TEST }));
    repo.write(renames).commit("rename the manufacturers");
    const { findings } = await reviewJson(repo);
    expect(renameFindings(findings)).toEqual([
      ["ralph/assets/migrations/0002_rename.py", "error"],
      ["ralph/tests/migrations/0002_rename.py", "info"],
    ]);
    const note = findings.find((f) => f.rule === "rename-table" && f.path.startsWith("ralph/tests/"))!;
    expect(note.message).toContain("(a note: the app tests is in INSTALLED_APPS only in test settings (ralph/settings/test.py), so Django runs this migration on the test database alone, never in production)");
  });

  it("lint: the same; an app production settings install too keeps its error", async () => {
    const lint = async (settings: Record<string, string>) => {
      const root = fileTree({ ...project(settings), ...renames }, "migguard-test-apps-");
      const { output } = await run(["lint", "--format", "json", "ralph"], { cwd: root });
      return renameFindings((JSON.parse(output) as { findings: Finding[] }).findings);
    };
    expect(await lint({ "ralph/settings/base.py": BASE, "ralph/settings/test.py": TEST })).toEqual([
      ["ralph/assets/migrations/0002_rename.py", "error"],
      ["ralph/tests/migrations/0002_rename.py", "info"],
    ]);
    // prod.py installs it as well: it runs in production
    const prod = `from ralph.settings.base import *  # noqa\n\nINSTALLED_APPS += ("ralph.tests",)\n`;
    expect(await lint({ "ralph/settings/base.py": BASE, "ralph/settings/test.py": TEST, "ralph/settings/prod.py": prod })).toEqual([
      ["ralph/assets/migrations/0002_rename.py", "error"],
      ["ralph/tests/migrations/0002_rename.py", "error"],
    ]);
    // a production settings module with values known only at run time may install it too
    const runTime = `import os\nfrom ralph.settings.base import *  # noqa\n\nINSTALLED_APPS += tuple(os.environ.get("EXTRA_APPS", "").split(","))\n`;
    expect(await lint({ "ralph/settings/base.py": BASE, "ralph/settings/test.py": TEST, "ralph/settings/prod.py": runTime })).toEqual([
      ["ralph/assets/migrations/0002_rename.py", "error"],
      ["ralph/tests/migrations/0002_rename.py", "error"],
    ]);
  });
});

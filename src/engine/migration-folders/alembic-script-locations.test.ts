/** Script locations from paths alone: a folder is one only with both of Alembic's files in it. */
import { describe, expect, it } from "@jest/globals";
import { alembicScriptLocations, mayBeScriptLocationRevision, withAlembicScriptLocations } from "./alembic-script-locations.js";
import { resolveConfig } from "../config.js";
import { detectByPath } from "../detect.js";

describe("alembicScriptLocations", () => {
  it("finds folders holding both env.py and script.py.mako, at any depth or at the root", () => {
    const paths = [
      "src/dispatch/database/revisions/core/env.py",
      "src/dispatch/database/revisions/core/script.py.mako",
      "src/dispatch/database/revisions/tenant/env.py", // no template: a script of another tool
      "tools/script.py.mako",
      "env.py",
      "script.py.mako",
    ];
    expect(alembicScriptLocations(paths)).toEqual(["", "src/dispatch/database/revisions/core"]);
  });
});

describe("version_locations folders named <name>_versions (fief before 2024: alembic.ini sections with version_locations = fief:alembic/workspace_versions)", () => {
  it("are Alembic revisions below a folder named for alembic or migrations", () => {
    for (const path of ["fief/alembic/workspace_versions/f72167c6b223_add_theme_model.py", "fief/alembic/main_versions/3b349d4ffa69_add_users_count_column_to_workspace.py"]) {
      const file = detectByPath(path);
      expect(file !== undefined && file !== "sql-candidate" && file.framework).toBe("alembic");
    }
  });

  it("are not revisions below any other folder (a Python package's old_versions/)", () => {
    expect(detectByPath("src/app/old_versions/b2.py")).toBeUndefined();
  });

  it("are revisions of a script location of any name (env.py + script.py.mako beside them)", () => {
    const { config } = resolveConfig({});
    const located = withAlembicScriptLocations(config, ["backend/fief/db/env.py", "backend/fief/db/script.py.mako"]);
    const file = detectByPath("backend/fief/db/account_versions/a1_add_user.py", located);
    expect(file !== undefined && file !== "sql-candidate" && file.framework).toBe("alembic");
  });
});

describe("mayBeScriptLocationRevision", () => {
  it.each([
    ["src/app/database/revisions/core/versions/2025-02-01_b2_index.py", true],
    ["versions/b2.py", true],
    ["db/versions/2025/b2.py", true],
    ["src/app/versions.py", false],
    ["src/app/versions/README.md", false],
    ["src/app/old_versions/b2.py", false],
  ])("%s: %s", (path, expected) => expect(mayBeScriptLocationRevision(path)).toBe(expected));
});

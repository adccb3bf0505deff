/** Script locations from paths alone: a folder is one only with both of Alembic's files in it. */
import { describe, expect, it } from "@jest/globals";
import { alembicScriptLocations, mayBeScriptLocationRevision } from "./alembic-script-locations.js";

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

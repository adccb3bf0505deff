import { describe, expect, it } from "@jest/globals";
import { defaultConfig } from "../config.js";
import { detectByPath } from "../detect.js";
import { versionLocations, withAlembicVersionLocations } from "./alembic-version-locations.js";

const ini = (lines: string) => `[alembic]\nscript_location = alembic\n${lines}\n\n[loggers]\nkeys = root\n`;

describe("alembic.ini version_locations", () => {
  it("splits by version_path_separator, and by spaces and commas without one (Alembic's legacy)", () => {
    expect(versionLocations("alembic.ini", ini("version_locations = %(here)s/model/versions %(here)s/billing/versions")).folders).toEqual(["model/versions", "billing/versions"]);
    expect(versionLocations("alembic.ini", ini("version_locations = a/versions, b/versions")).folders).toEqual(["a/versions", "b/versions"]);
    expect(versionLocations("alembic.ini", ini("version_path_separator = os\nversion_locations = %(here)s/a:%(here)s/b dir")).folders).toEqual(["a", "b dir"]);
    expect(versionLocations("alembic.ini", ini("path_separator = newline\nversion_locations =\n    %(here)s/a\n    %(here)s/b")).folders).toEqual(["a", "b"]);
  });

  it("resolves %(here)s and relative entries from the ini's folder, and leaves out what the repository cannot tell", () => {
    expect(versionLocations("backend/alembic.ini", ini("version_locations = %(here)s/../common/versions %(here)s/app/versions")).folders).toEqual(["common/versions", "backend/app/versions"]);
    expect(versionLocations("alembic.ini", ini("version_locations = %(here)s/../../elsewhere ${VERSIONS} /opt/versions myapp:versions")).folders).toEqual([]);
    // commented out, or in another section: nothing
    expect(versionLocations("alembic.ini", ini("# version_locations = %(here)s/bar")).folders).toEqual([]);
    expect(versionLocations("alembic.ini", "[other]\nversion_locations = bar\n").folders).toEqual([]);
  });

  it("makes those folders' revisions Alembic's (subfolders with recursive_version_locations), never __init__.py", () => {
    const files = [{ path: "alembic.ini", content: ini("version_locations = %(here)s/billing/schema") }];
    const config = withAlembicVersionLocations(defaultConfig(), files);
    expect(detectByPath("billing/schema/3c1a_add_invoice_index.py", config)).toMatchObject({ framework: "alembic" });
    expect(detectByPath("billing/schema/__init__.py", config)).toBeUndefined();
    expect(detectByPath("billing/schema/2025/3c1a_add_invoice_index.py", config)).toBeUndefined();
    const recursive = withAlembicVersionLocations(defaultConfig(), [{ path: "alembic.ini", content: ini("version_locations = billing/schema\nrecursive_version_locations = true") }]);
    expect(detectByPath("billing/schema/2025/3c1a_add_invoice_index.py", recursive)).toMatchObject({ framework: "alembic" });
    expect(withAlembicVersionLocations(defaultConfig(), [{ path: "setup.cfg", content: ini("version_locations = x") }])).toEqual(defaultConfig());
  });
});

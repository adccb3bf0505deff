/** The Django version read from a Python project's dependency files, as the fixes ask for it (djangoAtLeast). */
import { combinedRange, isPythonManifestPath, manifestRange, pythonManifestDir, rangeAtLeast, specifierRange } from "./python-requirements.js";

describe("python dependency files", () => {
  it("reads PEP 440 and Poetry specifiers as ranges", () => {
    expect(rangeAtLeast(specifierRange("==4.2.30"), "5.0")).toBe(false);
    expect(rangeAtLeast(specifierRange(">=4.2,<5"), "5.0")).toBe(false);
    expect(rangeAtLeast(specifierRange("~=4.2"), "5.0")).toBe(false);
    expect(rangeAtLeast(specifierRange("~=5.1"), "5.1")).toBe(true);
    expect(rangeAtLeast(specifierRange("^5.0"), "5.1")).toBeUndefined();
    expect(rangeAtLeast(specifierRange("^4.2"), "5.0")).toBe(false);
    expect(rangeAtLeast(specifierRange("==4.2.*"), "4.3")).toBe(false);
    expect(rangeAtLeast(specifierRange(">=5.1"), "5.1")).toBe(true);
    expect(specifierRange("*")).toBeUndefined();
  });

  it("finds Django in requirements files, pyproject.toml and lock files, a lock first", () => {
    expect(manifestRange("requirements/base.txt", "# web\n-r common.txt\nDjango[argon2]==4.2.30 ; python_version >= '3.10'\n", "django")?.range.lo?.v).toEqual([4, 2, 30]);
    expect(manifestRange("pyproject.toml", '[tool.poetry.dependencies]\npython = "^3.11"\ndjango = { version = "^5.1", extras = ["argon2"] }\n', "django")?.range.hi?.v).toEqual([6]);
    const lock = manifestRange("poetry.lock", '[[package]]\nname = "Django"\nversion = "5.0.4"\n', "django")!;
    const loose = manifestRange("requirements.txt", "django>=4.2\n", "django")!;
    expect(rangeAtLeast(combinedRange([loose, lock]), "5.0")).toBe(true);
    expect(manifestRange("requirements.txt", "djangorestframework==3.15\n", "django")).toBeUndefined();
  });

  it("knows which files and folders speak for a project", () => {
    expect(["requirements.txt", "apps/api/requirements/base.txt", "pyproject.toml", "uv.lock", "requirements-dev.in"].every(isPythonManifestPath)).toBe(true);
    expect(isPythonManifestPath("docs/notes.txt")).toBe(false);
    expect(pythonManifestDir("apps/api/requirements/base.txt")).toBe("apps/api");
    expect(pythonManifestDir("apps/api/requirements.txt")).toBe("apps/api");
  });
});

/** The Django version read from a Python project's dependency files, as the fixes ask for it (djangoAtLeast). */
import { loadPythonParser } from "../adapters/python/parser.js";
import { setupPyInstallRequires } from "./python-setup-files.js";
import { combinedRange, isPythonManifestPath, manifestNames, manifestRange, pythonManifestDir, rangeAtLeast, specifierRange } from "./python-requirements.js";

beforeAll(() => loadPythonParser());

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

  const range = (path: string, content: string) => {
    const found = manifestRange(path, content, "django")?.range;
    return found && { lo: found.lo?.v.join("."), hi: found.hi?.v.join(".") };
  };

  it.each([
    ["setup.cfg: a dangling list in [options]", "setup.cfg", "[metadata]\nname = shop\ninstall_requires = Django==1.0\n\n[options]\npackages = find:\ninstall_requires =\n    psycopg>=3.1\n    # the web framework\n    Django[argon2]>=4.2,<5.0 ; python_version >= '3.10'\npython_requires = >=3.10\n", { lo: "4.2", hi: "5.0" }],
    ["setup.cfg: one requirement on the key's line", "setup.cfg", "[options]\ninstall_requires = django~=5.1\n", { lo: "5.1", hi: "6" }],
    ["setup.cfg: install_requires outside [options] is not setuptools'", "setup.cfg", "[tool:pytest]\ninstall_requires = Django==4.2\n", undefined],
    ["setup.py: a literal list in setup(...)", "setup.py", 'from setuptools import setup\n\nsetup(\n    name="shop",\n    install_requires=["psycopg>=3.1", "Django>=4.2,<5"],\n)\n', { lo: "4.2", hi: "5" }],
    ["setup.py: a module-level name, setuptools.setup inside if __name__", "setup.py", 'import setuptools\n\nREQUIRES = ("Django==5.0.4",)\n\nif __name__ == "__main__":\n    setuptools.setup(name="shop", install_requires=REQUIRES)\n', { lo: "5.0.4", hi: "5.0.4" }],
    ["setup.py: a list with an f-string entry keeps its literal entries (galaxy_ng)", "setup.py", 'from setuptools import setup\n\nbranch = "devel"\ndab = f"django-ansible-base @ git+https://x@{branch}"\nrequirements = [\n    "django>=5.2.12,<5.3",\n    dab,\n]\nif unpin:\n    requirements = [strip(r) for r in requirements]\n\nsetup(name="galaxy-ng", install_requires=requirements)\n', { lo: "5.2.12", hi: "5.3" }],
    ["setup.py: lists joined with +, grown with += and .extend at the top level", "setup.py", 'from setuptools import setup\n\nBASE = ["psycopg>=3.1"]\nBASE += ["Django>=4.2"]\nEXTRA = []\nEXTRA.extend(["django<5"])\nsetup(install_requires=BASE + EXTRA + read_more())\n', { lo: "4.2", hi: "5" }],
    ["setup.py: requirements read at run time are not known", "setup.py", 'from setuptools import setup\n\nsetup(name="shop", install_requires=open("requirements.txt").read().splitlines())\n', undefined],
    ["setup.py: a comment or a string that mentions Django is no requirement", "setup.py", '# install_requires=["Django==1.0"]\nfrom setuptools import setup\n\nsetup(name="shop", description="Django==1.0 shop")\n', undefined],
    ["Pipfile: a string specifier", "Pipfile", '[[source]]\nurl = "https://pypi.org/simple"\n\n[packages]\nDjango = "==4.2.*"\n\n[dev-packages]\npytest = "*"\n', { lo: "4.2", hi: "4.3" }],
    ["Pipfile: a table with version and extras", "Pipfile", '[packages]\ndjango = { version = ">=5.1", extras = ["argon2"] }\n', { lo: "5.1", hi: undefined }],
    ["Pipfile: \"*\" bounds nothing, and dev-packages are not the app's", "Pipfile", '[packages]\ndjango = "*"\n\n[dev-packages]\ndjango = "==4.2"\n', undefined],
  ])("%s", (_name, path, content, expected) => {
    expect(range(path, content)).toEqual(expected);
  });

  it("setup.py: install_requires read entry by entry, partly unknown where an entry or the list is computed", () => {
    const read = (body: string) => setupPyInstallRequires(`from setuptools import setup\n\n${body}`);
    expect(read('setup(install_requires=["Django>=4.2", "psycopg"])\n')).toEqual({ requirements: ["Django>=4.2", "psycopg"], partlyUnknown: false });
    expect(read('REQ = ["a"]\nREQ += ["b"]\nREQ.append("c")\nsetup(install_requires=REQ + ["d"])\n')).toEqual({ requirements: ["a", "b", "c", "d"], partlyUnknown: false });
    expect(read('v = "1"\nsetup(install_requires=["a", f"b=={v}", f"c=={get()}"])\n')).toEqual({ requirements: ["a", "b==1"], partlyUnknown: true });
    expect(read('REQ = ["a"]\nif dev:\n    REQ.append("b")\nsetup(install_requires=REQ)\n')).toEqual({ requirements: ["a"], partlyUnknown: true });
    expect(read("setup(install_requires=read_requirements())\n")).toEqual({ requirements: [], partlyUnknown: true });
    expect(read('setup(name="shop")\n')).toEqual({ requirements: [], partlyUnknown: false });
  });

  it("names every package a file declares, bare names and optional groups included; an unreadable file none", () => {
    const names = (path: string, content: string) => [...manifestNames(path, content)].sort();
    expect(names("requirements.txt", "Django>=4.2\n-r base.txt\n# psycopg2\npsycopg2-binary==2.9 \\\n  --hash=sha256:x\nasyncpg ; python_version>'3'\n")).toEqual(["asyncpg", "django", "psycopg2-binary"]);
    expect(names("pyproject.toml", '[project]\ndependencies = ["psycopg>=3"]\n[project.optional-dependencies]\npg = ["asyncpg"]\n[tool.poetry.dependencies]\nPsycopg_2 = "^2.9"\n')).toEqual(["asyncpg", "psycopg", "psycopg-2"]);
    expect(names("poetry.lock", '[[package]]\nname = "psycopg2"\nversion = "2.9"\n')).toEqual(["psycopg2"]);
    expect(names("Pipfile.lock", '{"default": {"asyncpg": {"version": "==1"}}}')).toEqual(["asyncpg"]);
    expect(names("Pipfile", '[packages]\npsycopg = "*"\n')).toEqual(["psycopg"]);
    expect(names("pyproject.toml", "not toml [")).toEqual([]);
  });

  it("knows which files and folders speak for a project", () => {
    expect(["setup.cfg", "apps/api/setup.py", "Pipfile"].every(isPythonManifestPath)).toBe(true);
    expect(pythonManifestDir("apps/api/setup.py")).toBe("apps/api");
    expect(["requirements.txt", "apps/api/requirements/base.txt", "pyproject.toml", "uv.lock", "requirements-dev.in"].every(isPythonManifestPath)).toBe(true);
    expect(isPythonManifestPath("docs/notes.txt")).toBe(false);
    expect(pythonManifestDir("apps/api/requirements/base.txt")).toBe("apps/api");
    expect(pythonManifestDir("apps/api/requirements.txt")).toBe("apps/api");
  });
});

import { beforeAll, describe, expect, it } from "@jest/globals";
import { loadPythonParser } from "../adapters/python/parser.js";
import { projectNames } from "./project-names.js";

beforeAll(() => loadPythonParser());

describe("projectNames: what the project's own prose may call it", () => {
  it("the repository's name and the names its manifests declare, comparable", () => {
    const files = [
      // octavia's setup.cfg
      { path: "setup.cfg", content: "[metadata]\nname = octavia\nsummary = OpenStack Octavia Scalable Load Balancer as a Service\n\n[files]\npackages =\n    octavia\n" },
      { path: "pyproject.toml", content: '[project]\nname = "Load_Balancer"\ndependencies = ["sqlalchemy"]\n' },
      { path: "legacy/pyproject.toml", content: '[tool.poetry]\nname = "poetry-app"\n' },
      { path: "tools/setup.py", content: 'from setuptools import setup\n\nNAME = "octavia-tools"\nsetup(name=NAME, install_requires=["requests"])\n' },
      { path: "web/package.json", content: '{"name": "@acme/storefront", "version": "1.0.0"}' },
      { path: "README.md", content: "# name = readme\n" },
    ];
    expect([...projectNames("openstack/octavia-main", files, true)].sort()).toEqual(["load-balancer", "octavia", "octavia-main", "octavia-tools", "poetry-app", "storefront"]);
  });

  it("setup.py only with the Python parser loaded; unreadable manifests name nothing", () => {
    const files = [
      { path: "setup.py", content: 'import setuptools\nsetuptools.setup(name="pretalx")\n' },
      { path: "package.json", content: "{ not json" },
      { path: "pyproject.toml", content: "[project\nname =" },
    ];
    expect([...projectNames(undefined, files, false)]).toEqual([]);
    expect([...projectNames(undefined, files, true)]).toEqual(["pretalx"]);
  });

  it("a name that says a component or a database, or a very short one, is left out", () => {
    const files = [
      { path: "worker/package.json", content: '{"name": "worker"}' },
      { path: "api/setup.cfg", content: "[metadata]\nname = api\n" },
      { path: "db/package.json", content: '{"name": "db"}' },
    ];
    expect([...projectNames("acme/web", files, true)]).toEqual([]);
    expect([...projectNames("acme/ab", [], true)]).toEqual([]);
  });
});

/**
 * A pull request whose own upgrade notes stop the application for its migrations (takahe's 7f483af8d3 adds
 * docs/releases/0.10.rst beside 27 index rebuilds), through the App: the notes are fetched with the migrations, the
 * index is a notice quoting them, and the check passes. A changelog the pull request edits is fetched on the base
 * branch too: an older entry's downtime speaks of that release, not of this one. The project's own name (its pyproject.toml's)
 * may stand for the application ("stop all Cookbook processes"); one component named after it may not.
 * Signed webhooks over HTTP against the local GitHub API, which checks every request against GitHub's OpenAPI.
 */
import { describe, expect, it } from "@jest/globals";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";
import { RECIPE_INDEX, RECIPE_INDEX_PATH, RECIPE_PROJECT } from "./support/alembic-recipes.js";

const ADDED = RECIPE_INDEX_PATH;
const INDEX = RECIPE_INDEX;
const CHANGELOG = "# Changelog\n\n## 1.4\n\n- This release requires downtime: stop all services before running the migrations.\n";
const BASE: Record<string, string> = { ...RECIPE_PROJECT, "CHANGELOG.md": CHANGELOG };
const NOTES = "# 2.0\n\n## Upgrading\n\nThe new index is built on the largest table.\nStop all web and worker processes before running the migrations.\n";

let s: Scenario | undefined;
useScenario();

/** the check run of pull request `number`, which changes `files` on BASE (and `base`) */
async function checkRun(number: number, files: Record<string, string>, base: Record<string, string> = {}) {
  s = await startScenario({ baseFiles: { ...BASE, ...base } });
  const head = s.openPull(number, files);
  expect((await s.pullRequest("opened", number)).status).toBe(200);
  return s.fake.checkRunsFor(head).at(-1)!;
}

describe("a pull request whose upgrade notes stop the application for its migrations", () => {
  it("makes the index a notice that quotes the notes it adds, and the check passes", async () => {
    const run = await checkRun(81, { [ADDED]: INDEX, "docs/releases/2.0.md": NOTES });
    expect(run).toMatchObject({ status: "completed", conclusion: "success" });
    expect(run.output.summary).toContain('**Deploy:** read as offline: `docs/releases/2.0.md:6`: the upgrade notes this change adds (under "2.0 > Upgrading") prescribe downtime: "Stop all web and worker processes before running the migrations."');
    const index = run.annotations.find((a) => a.title.startsWith("index-without-concurrently"));
    expect(index).toMatchObject({ path: ADDED, annotation_level: "notice" });
    expect(index?.message).toContain("Offline deploy (docs/releases/2.0.md:6:");
  });

  it("keeps the error when the changelog it edits says downtime only in an older release's entry", async () => {
    const run = await checkRun(82, { [ADDED]: INDEX, "CHANGELOG.md": CHANGELOG.replace("# Changelog\n\n", "# Changelog\n\n## 1.5\n\n- A faster recipe search.\n\n") });
    expect(run.conclusion).toBe("failure");
    expect(run.output.summary).not.toContain("**Deploy:**");
    expect(run.annotations.find((a) => a.title.startsWith("index-without-concurrently"))).toMatchObject({ annotation_level: "failure" });
  });

  it("reads the changelog entry it writes as the notes it writes", async () => {
    const run = await checkRun(83, { [ADDED]: INDEX, "CHANGELOG.md": CHANGELOG.replace("# Changelog\n\n", "# Changelog\n\n## 1.5\n\n- This release requires downtime.\n\n") });
    expect(run.conclusion).toBe("success");
    expect(run.output.summary).toContain('**Deploy:** read as offline: `CHANGELOG.md:5`: the upgrade notes this change writes (under "Changelog > 1.5") prescribe downtime: "This release requires downtime."');
  });

  it("reads the project's own name, from the pyproject.toml above its migrations, as the application: all Cookbook processes stopped", async () => {
    const pyproject = { "pyproject.toml": '[project]\nname = "cookbook"\ndependencies = ["alembic"]\n' };
    const notes = (stop: string) => `# 2.0\n\n## Upgrading\n\nGracefully stop ${stop} before running the migrations.\n`;
    const run = await checkRun(84, { [ADDED]: INDEX, "docs/releases/2.0.md": notes("all Cookbook processes") }, pyproject);
    expect(run.conclusion).toBe("success");
    expect(run.output.summary).toContain('prescribe downtime: "Gracefully stop all Cookbook processes before running the migrations."');
    // one component named after the project leaves the rest running
    const worker = await checkRun(85, { [ADDED]: INDEX, "docs/releases/2.0.md": notes("the cookbook-worker") }, pyproject);
    expect(worker.conclusion).toBe("failure");
    expect(worker.output.summary).not.toContain("**Deploy:**");
  });
});

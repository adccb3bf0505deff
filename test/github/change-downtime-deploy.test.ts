/**
 * A pull request whose own upgrade notes stop the application for its migrations (takahe's 7f483af8d3 adds
 * docs/releases/0.10.rst beside 27 index rebuilds), through the App: the notes are fetched with the migrations, the
 * index is a notice quoting them, and the check passes. A changelog the pull request edits is fetched on the base
 * branch too: an older entry's downtime speaks of that release, not of this one.
 * Signed webhooks over HTTP against the local GitHub API, which checks every request against GitHub's OpenAPI.
 */
import { describe, expect, it } from "@jest/globals";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";

const revision = (id: string, down: string, up: string, back: string) =>
  `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "${id}"\ndown_revision = ${down}\n\n\ndef upgrade():\n    ${up}\n\n\ndef downgrade():\n    ${back}\n`;
const ADDED = "alembic/versions/b2_index.py";
const CHANGELOG = "# Changelog\n\n## 1.4\n\n- This release requires downtime: stop all services before running the migrations.\n";
const BASE: Record<string, string> = {
  "README.md": "# App\n",
  "alembic.ini": "[alembic]\nscript_location = alembic\n",
  "alembic/env.py": "from alembic import context\n",
  "alembic/versions/a1_initial.py": revision("a1", "None", 'op.create_table("recipe", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("name", sa.String()))', 'op.drop_table("recipe")'),
  "CHANGELOG.md": CHANGELOG,
};
const INDEX = revision("b2", '"a1"', 'op.create_index("ix_recipe_name", "recipe", ["name"])', 'op.drop_index("ix_recipe_name", table_name="recipe")');
const NOTES = "# 2.0\n\n## Upgrading\n\nThe new index is built on the largest table.\nStop all web and worker processes before running the migrations.\n";

let s: Scenario | undefined;
useScenario();

describe("a pull request whose upgrade notes stop the application for its migrations", () => {
  it("makes the index a notice that quotes the notes it adds, and the check passes", async () => {
    s = await startScenario({ baseFiles: BASE });
    const head = s.openPull(81, { [ADDED]: INDEX, "docs/releases/2.0.md": NOTES });
    expect((await s.pullRequest("opened", 81)).status).toBe(200);
    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run).toMatchObject({ status: "completed", conclusion: "success" });
    expect(run.output.summary).toContain('**Deploy:** read as offline: `docs/releases/2.0.md:6`: the upgrade notes this change adds (under "2.0 > Upgrading") prescribe downtime: "Stop all web and worker processes before running the migrations."');
    const index = run.annotations.find((a) => a.title.startsWith("index-without-concurrently"));
    expect(index).toMatchObject({ path: ADDED, annotation_level: "notice" });
    expect(index?.message).toContain("Offline deploy (docs/releases/2.0.md:6:");
  });

  it("keeps the error when the changelog it edits says downtime only in an older release's entry", async () => {
    s = await startScenario({ baseFiles: BASE });
    const head = s.openPull(82, { [ADDED]: INDEX, "CHANGELOG.md": CHANGELOG.replace("# Changelog\n\n", "# Changelog\n\n## 1.5\n\n- A faster recipe search.\n\n") });
    expect((await s.pullRequest("opened", 82)).status).toBe(200);
    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run.conclusion).toBe("failure");
    expect(run.output.summary).not.toContain("**Deploy:**");
    expect(run.annotations.find((a) => a.title.startsWith("index-without-concurrently"))).toMatchObject({ annotation_level: "failure" });
  });

  it("reads the changelog entry it writes as the notes it writes", async () => {
    s = await startScenario({ baseFiles: BASE });
    const head = s.openPull(83, { [ADDED]: INDEX, "CHANGELOG.md": CHANGELOG.replace("# Changelog\n\n", "# Changelog\n\n## 1.5\n\n- This release requires downtime.\n\n") });
    expect((await s.pullRequest("opened", 83)).status).toBe(200);
    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run.conclusion).toBe("success");
    expect(run.output.summary).toContain('**Deploy:** read as offline: `CHANGELOG.md:5`: the upgrade notes this change writes (under "Changelog > 1.5") prescribe downtime: "This release requires downtime."');
  });
});

/**
 * Release tags through the App for a base-branch migration the pull request edits, deletes or renames: one the base
 * branch added after its newest version tag (`v2026.1.0`) reached no production database, so the finding is a note and
 * the check passes; once a version tag (`v2026.2.0`) holds it, the finding keeps its severity. The App asks for the
 * tags and compares the highest version tags with the base commit, as it does for a pull request that adds a
 * migration (release-tags.test.ts); `migguard review` on the same history says the same.
 * Signed webhooks over HTTP against the local GitHub API, which checks every request against GitHub's OpenAPI.
 */
import { describe, expect, it } from "@jest/globals";
import { djangoApp, featureBranchOn, reviewJson } from "../cli/support/review-repo.js";
import { startScenario, useScenario } from "./support/scenario.js";

const DIR = "person/migrations";
const INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    operations = [migrations.CreateModel(name="User", fields=[("id", models.AutoField(primary_key=True)), ("email", models.CharField(max_length=200)), ("name", models.CharField(max_length=200))])]
`;
// a nullable column: nothing else to say of it, so the check's conclusion is the history rule's
const column = (field: string) => `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("person", "0001_initial")]

    operations = [
        migrations.AddField(model_name="user", name="${field}", field=models.CharField(max_length=200, null=True)),
    ]
`;
const ADDED = `${DIR}/0002_user_nickname.py`;
const BASE = djangoApp("person", { "README.md": "# People\n", [`${DIR}/0001_initial.py`]: INITIAL });

type Change = { kind: "edit" } | { kind: "delete" } | { kind: "rename"; to: string };

const headFiles = (change: Change): Record<string, string | null> =>
  change.kind === "edit" ? { [ADDED]: column("alias") } : change.kind === "delete" ? { [ADDED]: null } : { [ADDED]: null, [change.to]: column("nickname") };

useScenario();

const DAY_MS = 86_400_000;

/**
 * master: 0001 tagged v2026.1.0, then 0002 (`released`: tagged v2026.2.0); a pull request edits, deletes or renames
 * 0002. The App's check, its annotation for `rule`, the release requests it sent, and the CLI's finding on the same.
 * `taggedDaysAgo`: when 0001 and its tag were made, before the review (the App's change date is now); 30 by default.
 */
async function change(number: number, rule: string, what: Change, options: { released: boolean; taggedDaysAgo?: number }) {
  const s = await startScenario({ baseFiles: BASE, baseDate: new Date(Date.now() - (options.taggedDaysAgo ?? 30) * DAY_MS).toISOString() });
  const tip = s.fake.commit({ [ADDED]: column("nickname") }, s.base);
  s.fake.setBranch("master", tip);
  s.fake.setTag("v2026.1.0", s.base);
  if (options.released) s.fake.setTag("v2026.2.0", tip);
  const head = s.openPull(number, headFiles(what), what.kind === "rename" ? { renames: { [what.to]: ADDED } } : {});
  const from = s.fake.requests.length;
  expect((await s.pullRequest("opened", number)).status).toBe(200);
  const run = s.fake.checkRunsFor(head).at(-1)!;
  const releaseCalls = s.fake.requests.slice(from).filter((r) => /\/(tags|compare\/[^/]+)$/.test(r.path)).map((r) => `${r.method} ${r.path.replace(/^\/repos\/[^/]+\/[^/]+/, "")}`);

  const repo = featureBranchOn(BASE);
  repo.git("checkout", "-q", "main");
  repo.git("tag", "v2026.1.0");
  repo.write({ [ADDED]: column("nickname") }).commit("nicknames");
  if (options.released) repo.git("tag", "v2026.2.0");
  repo.git("checkout", "-q", "-B", "feature");
  if (what.kind === "edit") repo.write({ [ADDED]: column("alias") });
  else if (what.kind === "delete") repo.git("rm", "-q", ADDED);
  else repo.git("mv", ADDED, what.to);
  repo.commit("change 0002");
  const cli = (await reviewJson(repo)).findings.filter((f) => f.rule === rule);
  // the summary's table rows for the rule (a deleted file has no line to annotate)
  const rows = (run.output.summary ?? "").split("\n").filter((l) => l.startsWith("| ") && l.includes(`\`${rule}\``));
  return { run, releaseCalls, annotations: run.annotations.filter((a) => a.title.startsWith(rule)), rows, cli, tip, tags: s.fake.tags };
}

describe("the App reads release tags for a base-branch migration the pull request changes", () => {
  it("an edit of a migration added after v2026.1.0, the newest version tag: a notice that no release ran it, the check passes, as `migguard review` says", async () => {
    const { run, annotations, cli, releaseCalls, tip, tags } = await change(201, "edited-migration", { kind: "edit" }, { released: false });
    expect(run.conclusion).toBe("success");
    expect(annotations.map((a) => [a.path, a.annotation_level])).toEqual([[ADDED, "notice"]]);
    expect(annotations[0].message).toContain("was edited before any release");
    expect(annotations[0].message).toContain("the newest is v2026.1.0");
    expect(cli.map((f) => [f.severity, f.message.includes("the newest is v2026.1.0")])).toEqual([["info", true]]);
    expect(releaseCalls).toEqual(["GET /tags", `GET /compare/${tags.get("v2026.1.0")}...${tip}`]);
  });

  it("the same edit when v2026.1.0 was made two years before the review: the tags were left behind (lego's v1.0.0 of 2017), the branch is deployed, the error stays", async () => {
    const { run, annotations } = await change(206, "edited-migration", { kind: "edit" }, { released: false, taggedDaysAgo: 730 });
    expect(run.conclusion).toBe("failure");
    expect(annotations.map((a) => a.annotation_level)).toEqual(["failure"]);
    expect(annotations[0].message).not.toContain("before any release");
  });

  it("an edit of a migration v2026.2.0 holds: production ran the old version, the error stays and the check fails, as `migguard review`'s", async () => {
    const { run, annotations, cli } = await change(202, "edited-migration", { kind: "edit" }, { released: true });
    expect(run.conclusion).toBe("failure");
    expect(annotations.map((a) => a.annotation_level)).toEqual(["failure"]);
    expect(annotations[0].message).not.toContain("before any release");
    expect(cli.map((f) => f.severity)).toEqual(["error"]);
  });

  it("a deletion of a migration no release holds: a notice with the django_migrations row to clear, as `migguard review` says", async () => {
    const { run, rows, cli } = await change(203, "deleted-migration", { kind: "delete" }, { released: false });
    expect(run.conclusion).toBe("success");
    expect(rows.map((r) => [r.includes("info"), r.includes("was deleted before any release")])).toEqual([[true, true]]);
    expect(cli.map((f) => f.severity)).toEqual(["info"]);
  });

  it("a deletion of a released migration: an error, as `migguard review`'s", async () => {
    const { run, rows, cli } = await change(204, "deleted-migration", { kind: "delete" }, { released: true });
    expect(run.conclusion).toBe("failure");
    expect(rows.map((r) => [r.includes("error"), r.includes("before any release")])).toEqual([[true, false]]);
    expect(cli.map((f) => f.severity)).toEqual(["error"]);
  });

  it("a rename of a migration no release holds: a notice under its old name, as `migguard review` says", async () => {
    const to = `${DIR}/0002_user_nickname_column.py`;
    const { run, annotations, cli } = await change(205, "renamed-migration", { kind: "rename", to }, { released: false });
    expect(run.conclusion).toBe("success");
    expect(annotations.map((a) => [a.annotation_level, a.message.includes("before any release")])).toEqual([["notice", true]]);
    expect(cli.map((f) => [f.severity, f.message.includes("before any release")])).toEqual([["info", true]]);
  });
});

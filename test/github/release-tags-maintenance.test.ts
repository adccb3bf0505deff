/**
 * Release tags through the App for a repository with maintenance branches (solidus's v4.4 branch): main released
 * v4.4.0 and v4.5.0; a 4.4 branch cut at v4.4.0 released v4.4.1 and v4.4.2, a 4.5 branch cut at v4.5.0 released v4.5.1.
 * The highest release, v4.5.1, is off main, yet main released its line: a patch release, not releases cut elsewhere.
 * So v4.5.0 is main's newest release, and a migration main added since is unreleased unless a maintenance release
 * backported it. An edit of such a migration is a note; an edit of one v4.5.0 holds, or v4.5.1 backported, keeps its
 * error. `migguard review` on the same history says the same (cli/release-tags.ts releaseLineOnBase, backportedTags).
 * Signed webhooks over HTTP against the local GitHub API, which checks every request against GitHub's OpenAPI.
 */
import { describe, expect, it } from "@jest/globals";
import { minuteCommits } from "../cli/support/git-repo.js";
import { djangoApp, featureBranchOn, reviewJson } from "../cli/support/review-repo.js";
import { startScenario, useScenario } from "./support/scenario.js";

const DIR = "person/migrations";
const INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    operations = [migrations.CreateModel(name="User", fields=[("id", models.AutoField(primary_key=True)), ("email", models.CharField(max_length=200))])]
`;
// nullable columns: nothing else to say of them, so the check's conclusion is edited-migration's
const column = (dependency: string, field: string) => `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("person", "${dependency}")]

    operations = [
        migrations.AddField(model_name="user", name="${field}", field=models.CharField(max_length=200, null=True)),
    ]
`;
const NICKNAME = `${DIR}/0002_user_nickname.py`;
const PHONE = `${DIR}/0003_user_phone.py`;
const FILES: Record<string, string> = { [NICKNAME]: column("0001_initial", "nickname"), [PHONE]: column("0002_user_nickname", "phone") };
const BASE = djangoApp("person", { "README.md": "# People\n", [`${DIR}/0001_initial.py`]: INITIAL });

useScenario();

/**
 * main: 0001 (v4.4.0), 0002 (v4.5.0), then 0003; the 4.4 branch v4.4.1, v4.4.2 and the 4.5 branch v4.5.1 change the
 * README (`elsewhere`: a release tag on a branch of its own, cut at v4.5.0; `backported`: v4.5.1 also holds main's 0003; `patches`: the 4.5 branch released up to v4.5.<patches>). A pull request edits `edited`. The App's check, its
 * edited-migration annotations, the release requests it sent, and the CLI's edited-migration findings on the same.
 */
async function edit(number: number, edited: string, options: { backported: boolean; patches?: number; elsewhere?: string }) {
  const s = await startScenario({ baseFiles: BASE, baseDate: new Date(Date.now() - 30 * 86_400_000).toISOString() });
  const f = s.fake;
  const v450 = f.commit({ [NICKNAME]: FILES[NICKNAME] }, s.base);
  const tip = f.commit({ [PHONE]: FILES[PHONE] }, v450);
  f.setBranch("master", tip);
  f.setTag("v4.4.0", s.base);
  f.setTag("v4.5.0", v450);
  const v441 = f.commit({ "README.md": "# People\n\n4.4.1\n" }, s.base);
  f.setTag("v4.4.1", v441);
  f.setTag("v4.4.2", f.commit({ "README.md": "# People\n\n4.4.2\n" }, v441));
  let v45 = f.commit({ "README.md": "# People\n\n4.5.1\n", ...(options.backported ? { [PHONE]: FILES[PHONE] } : {}) }, v450);
  f.setTag("v4.5.1", v45);
  for (let patch = 2; patch <= (options.patches ?? 1); patch++) f.setTag(`v4.5.${patch}`, (v45 = f.commit({ "README.md": `# People\n\n4.5.${patch}\n` }, v45)));
  if (options.elsewhere) f.setTag(options.elsewhere, f.commit({ "README.md": "# People\n\nelsewhere\n" }, v450));
  const head = s.openPull(number, { [edited]: FILES[edited].replace("max_length=200", "max_length=120") });
  const from = f.requests.length;
  expect((await s.pullRequest("opened", number)).status).toBe(200);
  const run = f.checkRunsFor(head).at(-1)!;
  const releaseCalls = f.requests.slice(from).filter((r) => /\/(tags|compare\/[^/]+)$/.test(r.path)).map((r) => `${r.method} ${r.path.replace(/^\/repos\/[^/]+\/[^/]+/, "")}`);

  // the same history in git, a minute between commits: the CLI orders tags by their commits' dates
  const repo = featureBranchOn(BASE);
  const commit = minuteCommits(repo);
  repo.git("checkout", "-q", "main");
  repo.git("tag", "v4.4.0");
  commit({ [NICKNAME]: FILES[NICKNAME] }, "nicknames");
  repo.git("tag", "v4.5.0");
  repo.git("checkout", "-q", "-b", "4.4", "v4.4.0");
  commit({ "README.md": "# People\n\n4.4.1\n" }, "4.4.1");
  repo.git("tag", "v4.4.1");
  commit({ "README.md": "# People\n\n4.4.2\n" }, "4.4.2");
  repo.git("tag", "v4.4.2");
  repo.git("checkout", "-q", "main");
  commit({ [PHONE]: FILES[PHONE] }, "phones");
  repo.git("checkout", "-q", "-b", "4.5", "v4.5.0");
  commit({ "README.md": "# People\n\n4.5.1\n", ...(options.backported ? { [PHONE]: FILES[PHONE] } : {}) }, "4.5.1");
  repo.git("tag", "v4.5.1");
  for (let patch = 2; patch <= (options.patches ?? 1); patch++) {
    commit({ "README.md": `# People\n\n4.5.${patch}\n` }, `4.5.${patch}`);
    repo.git("tag", `v4.5.${patch}`);
  }
  if (options.elsewhere) {
    repo.git("checkout", "-q", "-b", "elsewhere", "v4.5.0");
    commit({ "README.md": "# People\n\nelsewhere\n" }, "elsewhere");
    repo.git("tag", options.elsewhere);
  }
  repo.git("checkout", "-q", "-B", "feature", "main");
  commit({ [edited]: FILES[edited].replace("max_length=200", "max_length=120") }, `edit ${edited}`);
  const cli = (await reviewJson(repo)).findings.filter((finding) => finding.rule === "edited-migration");
  const tag = (name: string) => f.tags.get(name)!;
  return { run, releaseCalls, annotations: run.annotations.filter((a) => a.title.startsWith("edited-migration")), cli, tip, tag };
}

describe("the App reads release tags of a repository with maintenance branches as `migguard review` does", () => {
  it("an edit of 0003, added on main after v4.5.0 and in no maintenance release: a notice naming v4.5.0, the check passes", async () => {
    const { run, annotations, cli, releaseCalls, tip, tag } = await edit(301, PHONE, { backported: false });
    expect(run.conclusion).toBe("success");
    expect(annotations.map((a) => [a.path, a.annotation_level])).toEqual([[PHONE, "notice"]]);
    expect(annotations[0].message).toContain("was edited before any release");
    expect(annotations[0].message).toContain("the newest is v4.5.0");
    expect(cli.map((f) => [f.severity, f.message.includes("the newest is v4.5.0")])).toEqual([["info", true]]);
    // the three highest versions against the base; v4.4.0, the release of v4.4.2's line; then what the two
    // maintenance branches brought in since they left main
    expect(releaseCalls[0]).toBe("GET /tags");
    expect(releaseCalls.slice(1).sort()).toEqual(
      [...["v4.5.1", "v4.5.0", "v4.4.2", "v4.4.0"].map((name) => `${tag(name)}...${tip}`), ...["v4.5.1", "v4.4.2"].map((name) => `${tip}...${tag(name)}`)].map((basehead) => `GET /compare/${basehead}`).sort(),
    );
  });

  it("an edit of 0003 when v4.5.1 backported it: production ran it, the error stays, the check fails", async () => {
    const { run, annotations, cli } = await edit(302, PHONE, { backported: true });
    expect(run.conclusion).toBe("failure");
    expect(annotations.map((a) => a.annotation_level)).toEqual(["failure"]);
    expect(annotations[0].message).not.toContain("before any release");
    expect(cli.map((f) => [f.severity, f.message.includes("before any release")])).toEqual([["error", false]]);
  });

  it("v4.5.3, v4.5.2 and v4.5.1 on the 4.5 branch, all three above main's newest release: v4.5.0, their line's first, is found on main, the edit of 0003 is a notice", async () => {
    const { run, annotations, cli, releaseCalls, tip, tag } = await edit(304, PHONE, { backported: false, patches: 3 });
    expect(run.conclusion).toBe("success");
    expect(annotations.map((a) => [a.annotation_level, a.message.includes("the newest is v4.5.0")])).toEqual([["notice", true]]);
    expect(cli.map((f) => [f.severity, f.message.includes("the newest is v4.5.0")])).toEqual([["info", true]]);
    // the branch's newest release holds what the earlier ones backported: only it is asked what it brought in
    expect(releaseCalls.slice(1).sort()).toEqual(
      [...["v4.5.3", "v4.5.2", "v4.5.1", "v4.5.0"].map((name) => `${tag(name)}...${tip}`), `${tip}...${tag("v4.5.3")}`].map((basehead) => `GET /compare/${basehead}`).sort(),
    );
  });

  it("a 4.6 line whose only release, v4.6.0, is off main: releases are cut elsewhere, the tags say nothing, the error stays as `migguard review`'s", async () => {
    const { run, annotations, cli } = await edit(305, PHONE, { backported: false, elsewhere: "v4.6.0" });
    expect(run.conclusion).toBe("failure");
    expect(annotations.map((a) => a.annotation_level)).toEqual(["failure"]);
    expect(cli.map((f) => f.severity)).toEqual(["error"]);
  });

  it("an edit of 0002, which v4.5.0 holds: the error stays, the check fails", async () => {
    const { run, annotations, cli } = await edit(303, NICKNAME, { backported: false });
    expect(run.conclusion).toBe("failure");
    expect(annotations.map((a) => a.annotation_level)).toEqual(["failure"]);
    expect(annotations[0].message).not.toContain("before any release");
    expect(cli.map((f) => f.severity)).toEqual(["error"]);
  });
});

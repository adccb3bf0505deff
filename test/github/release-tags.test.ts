/**
 * Release tags through the App, as `migguard review` reads them from git: an index built without CONCURRENTLY on a
 * table a base-branch migration created after the newest version tag (`v1.2.0`) is a note and the check passes (no
 * release has the table: joanie's 0068 on 0066's tables); on a table the tag holds, the check fails. The App lists the
 * repository's tags and compares the highest version tags with the base commit (`GET /tags`, `GET /compare/...`); a
 * failing tags call leaves the review as it was without tags. The CLI's review of the same commits says the same.
 * Signed webhooks over HTTP against the local GitHub API, which checks every request against GitHub's OpenAPI.
 */
import { describe, expect, it } from "@jest/globals";
import { minuteCommits } from "../cli/support/git-repo.js";
import { djangoApp, featureBranchOn, reviewJson } from "../cli/support/review-repo.js";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";

const INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Account", fields=[("id", models.BigAutoField(primary_key=True, serialize=False)), ("email", models.TextField())]),
    ]
`;
// no makemigrations header: undated, so only the release tags say the table is new
const VOUCHER = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]
    operations = [
        migrations.CreateModel(name="Voucher", fields=[("id", models.BigAutoField(primary_key=True, serialize=False)), ("code", models.TextField())], options={"db_table": "shop_voucher"}),
    ]
`;
const INDEX = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0002_voucher")]
    operations = [
        migrations.AddIndex(model_name="voucher", index=models.Index(fields=["code"], name="shop_voucher_code_idx")),
    ]
`;
const ADDED = "shop/migrations/0003_voucher_code_index.py";
const BASE = djangoApp("shop", { "README.md": "# Shop\n", "shop/migrations/0001_initial.py": INITIAL });

let s: Scenario | undefined;
useScenario();

/**
 * master: Account (`v1.1.0`), a README edit, then Voucher; `v1.2.0` on the edit (`released: false`) or on Voucher; a pull request
 * indexes voucher.code. The App's check and the requests it sent for the releases, and the CLI's finding on the same.
 */
async function indexVoucher(number: number, options: { released: boolean; tagsFail?: boolean; pagesSinceTag?: number; oldTags?: number; stableRelease?: boolean }) {
  // a recent history: tags a year behind the review (the App's is now) say nothing of what shipped (engine/review/releases.ts)
  s = await startScenario({ baseFiles: BASE, baseDate: new Date(Date.now() - 30 * 86_400_000).toISOString() });
  const docs = s.fake.commit({ "README.md": "# Shop\n\nVouchers soon.\n" }, s.base);
  const pages = Object.fromEntries(Array.from({ length: options.pagesSinceTag ?? 0 }, (_, i) => [`web/page-${i}.md`, `# Page ${i}\n`]));
  const tip = s.fake.commit({ "shop/migrations/0002_voucher.py": VOUCHER, ...pages }, docs);
  s.fake.setBranch("master", tip);
  s.fake.setTag("v1.1.0", s.base);
  s.fake.setTag("v1.2.0", options.released ? tip : docs);
  // a pre-release cut on a branch the base never merged: the highest version, not in the base branch's history
  s.fake.setTag("v1.3.0-rc1", s.fake.commit({ "shop/migrations/0002_voucher.py": VOUCHER, "shop/migrations/0003_other.py": VOUCHER }, s.base));
  // `stableRelease`: v1.2.1 released from a stable branch cut at v1.2.0, which the base never merged, backporting 0002
  if (options.stableRelease) s.fake.setTag("v1.2.1", s.fake.commit({ "shop/migrations/0002_voucher.py": VOUCHER }, docs));
  for (let i = 0; i < (options.oldTags ?? 0); i++) s.fake.setTag(`v0.${i}.0`, s.base);
  if (options.tagsFail) s.fake.fail({ method: "GET", path: /\/tags$/, status: 500, times: Infinity });
  const head = s.openPull(number, { [ADDED]: INDEX });
  const from = s.fake.requests.length;
  expect((await s.pullRequest("opened", number)).status).toBe(200);
  const run = s.fake.checkRunsFor(head).at(-1)!;
  const releaseCalls = s.fake.requests.slice(from).filter((r) => /\/(tags|compare\/[^/]+)$/.test(r.path)).map((r) => `${r.method} ${r.path.replace(/^\/repos\/[^/]+\/[^/]+/, "")}`);
  // the same history in git, a minute between commits: the CLI orders tags by their commits' dates
  const repo = featureBranchOn(BASE);
  const commit = minuteCommits(repo);
  repo.git("checkout", "-q", "main");
  repo.git("tag", "v1.1.0");
  commit({ "README.md": "# Shop\n\nVouchers soon.\n" }, "docs");
  if (!options.released) repo.git("tag", "v1.2.0");
  commit({ "shop/migrations/0002_voucher.py": VOUCHER }, "vouchers");
  if (options.released) repo.git("tag", "v1.2.0");
  if (options.stableRelease) {
    repo.git("checkout", "-q", "-b", "stable-1.2", "v1.2.0");
    commit({ "shop/migrations/0002_voucher.py": VOUCHER }, "backport vouchers");
    repo.git("tag", "v1.2.1");
    repo.git("checkout", "-q", "main");
  }
  repo.git("checkout", "-q", "-B", "feature");
  commit({ [ADDED]: INDEX }, "index voucher codes");
  const cli = (await reviewJson(repo)).findings.find((f) => f.rule === "index-without-concurrently");
  return { run, releaseCalls, index: run.annotations.find((a) => a.title.startsWith("index-without-concurrently")), cli, tip };
}

describe("the App reads release tags: a lock on a table no release has yet", () => {
  it("created after v1.2.0, the newest version tag in the base branch's history: a notice naming the creator and the tag, the check passes, as `migguard review` says", async () => {
    const { run, index, cli, releaseCalls, tip } = await indexVoucher(101, { released: false });
    expect(run.conclusion).toBe("success");
    expect(index).toMatchObject({ path: ADDED, annotation_level: "notice" });
    expect(index!.message).toContain("shop_voucher was created by 0002_voucher.py after v1.2.0, the newest version tag, and no release has it yet");
    expect(cli).toMatchObject({ severity: "info", message: expect.stringContaining("after v1.2.0, the newest version tag") });
    // one page of tags, and the three highest version tags' commits compared with the base commit; the pre-release
    // is not in the base branch's history, v1.1.0's commit is older than v1.2.0's
    expect(releaseCalls[0]).toBe("GET /tags");
    expect(releaseCalls.slice(1).sort()).toEqual(["v1.3.0-rc1", "v1.2.0", "v1.1.0"].map((tag) => `GET /compare/${s!.fake.tags.get(tag)}...${tip}`).sort());
  });

  it("the highest release, v1.2.1, was cut on a stable branch the base never merged, of the line v1.2.0 released: a maintenance release, and its backport of 0002_voucher shipped the table, so the check fails as `migguard review`'s does", async () => {
    const { run, index, cli, releaseCalls, tip } = await indexVoucher(106, { released: false, stableRelease: true });
    // what the stable branch brought in since it left master
    expect(releaseCalls).toContain(`GET /compare/${tip}...${s!.fake.tags.get("v1.2.1")}`);
    expect(run.conclusion).toBe("failure");
    expect(index).toMatchObject({ path: ADDED, annotation_level: "failure" });
    expect(index!.message).not.toContain("newest version tag");
    expect(cli!.severity).toBe("error");
    expect(cli!.message).not.toContain("newest version tag");
  });

  it("created before v1.2.0: the tag holds its creator, production has the table, the check fails as `migguard review`'s does", async () => {
    const { run, index, cli } = await indexVoucher(102, { released: true });
    expect(run.conclusion).toBe("failure");
    expect(index).toMatchObject({ path: ADDED, annotation_level: "failure" });
    expect(index!.message).not.toContain("newest version tag");
    expect(cli!.severity).toBe("error");
  });

  it("more than GitHub's 300 files added since the tag: the comparison is cut short (here after the creator), so no tags are used and the check fails", async () => {
    const { run, index, releaseCalls } = await indexVoucher(104, { released: false, pagesSinceTag: 300 });
    expect(run.conclusion).toBe("failure");
    expect(index).toMatchObject({ path: ADDED, annotation_level: "failure" });
    expect(index!.message).not.toContain("newest version tag");
    expect(releaseCalls.filter((c) => c.includes("/compare/"))).toHaveLength(3);
  });

  it("more than 300 tags: the listing by name may leave out the newest release, so no tags are used after three pages and the check fails", async () => {
    const { run, index, releaseCalls } = await indexVoucher(105, { released: false, oldTags: 298 });
    expect(run.conclusion).toBe("failure");
    expect(index).toMatchObject({ path: ADDED, annotation_level: "failure" });
    expect(releaseCalls).toEqual(["GET /tags", "GET /tags", "GET /tags"]);
  });

  it("a failing tags call (500) leaves the review as it is without tags: the finding keeps its severity, the review completes", async () => {
    const { run, index, releaseCalls } = await indexVoucher(103, { released: false, tagsFail: true });
    expect(run).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(index).toMatchObject({ path: ADDED, annotation_level: "failure" });
    expect(index!.message).not.toContain("newest version tag");
    expect(releaseCalls).toEqual(["GET /tags"]);
  });
});

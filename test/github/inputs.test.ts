/**
 * What the review reads and how odd inputs show up in the check: config from the base branch (invalid, or
 * changed by the pull request), binary and huge files, many findings, huge pull requests, the companions of
 * a migration that the pull request did not touch, and the seed's Rails anti-pattern.
 */
import { describe, expect, it } from "@jest/globals";
import { DANGEROUS_INDEX, DANGEROUS_INDEX_PATH, startScenario, type Scenario, useScenario } from "./support/scenario.js";

let s: Scenario | undefined;
useScenario();

const ruleIds = (run: { annotations: Array<{ title: string }> }) => run.annotations.map((a) => a.title.split(":")[0]);

describe("config", () => {
  it("names each invalid key of the base config and reviews with the defaults", async () => {
    s = await startScenario({ baseFiles: { ".github/migguard.yml": "postgres_version: fifteen\nrules:\n  no-such-rule: error\n" } });
    const head = s.openPull(20, DANGEROUS_INDEX);
    await s.pullRequest("opened", 20);
    const [run] = s.fake.checkRunsFor(head);
    expect(run.status).toBe("completed");
    expect(run.output.summary).toContain("`postgres_version`");
    expect(run.output.summary).toContain("`rules.no-such-rule`");
    expect(run.annotations.filter((a) => a.path === ".github/migguard.yml").map((a) => a.title.split(":")[0])).toEqual(["invalid-config", "invalid-config"]);
    // the rest of the review ran with the defaults
    expect(ruleIds(run)).toContain("index-without-concurrently");
  });

  it("reports YAML that does not parse", async () => {
    s = await startScenario({ baseFiles: { ".github/migguard.yml": "rules: [unclosed\n" } });
    const head = s.openPull(20, DANGEROUS_INDEX);
    await s.pullRequest("opened", 20);
    const [run] = s.fake.checkRunsFor(head);
    expect(run.output.summary).toContain("`(yaml)`");
    expect(ruleIds(run)).toContain("index-without-concurrently");
  });

  it("judges a pull request by the base branch's config, and reports the config it proposes", async () => {
    s = await startScenario({ baseFiles: { ".github/migguard.yml": "rules:\n  require-lock-timeout: off\n" } });
    const head = s.openPull(21, { ...DANGEROUS_INDEX, ".github/migguard.yml": "rules:\n  index-without-concurrently: off\n  not-a-rule: warning\n" });
    await s.pullRequest("opened", 21);
    const [run] = s.fake.checkRunsFor(head);
    // the pull request's attempt to switch the rule off does not apply; the base's switch-off does
    expect(ruleIds(run)).toContain("index-without-concurrently");
    expect(ruleIds(run)).not.toContain("require-lock-timeout");
    expect(run.conclusion).toBe("failure");
    expect(run.output.summary).toContain("**Config change:** this pull request changes `.github/migguard.yml`");
    expect(run.output.summary).toContain("- `rules.not-a-rule`: unknown rule");
    // read from the base branch by name
    expect(s.fake.requestsMatching("GET", /\/contents\/\.github%2Fmigguard\.yml$/).some((r) => r.query.get("ref") === "master")).toBe(true);
  });

  it("lets the config make errors neutral", async () => {
    s = await startScenario({ baseFiles: { ".github/migguard.yml": "conclusion_on_error: neutral\n" } });
    const head = s.openPull(22, DANGEROUS_INDEX);
    await s.pullRequest("opened", 22);
    expect(s.fake.checkRunsFor(head)[0]).toMatchObject({ conclusion: "neutral", output: { title: expect.stringMatching(/^1 error/) } });
  });
});

describe("files the engine cannot read", () => {
  it("reports binary and oversized migrations in the check instead of crashing", async () => {
    s = await startScenario({ baseFiles: { ".github/migguard.yml": "max_file_bytes: 2000000\n" } });
    const binary = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x01, 0x02]);
    const huge = `${"-- padding\n".repeat(110_000)}SELECT 1;\n`;
    const head = s.openPull(23, {
      "db/migrations/20240201000000_blob.up.sql": binary,
      "db/migrations/20240202000000_huge.up.sql": huge,
      "db/migrations/20240202000000_huge.down.sql": "SELECT 1;\n",
    });
    expect((await s.pullRequest("opened", 23)).status).toBe(200);
    const [run] = s.fake.checkRunsFor(head);
    expect(run.status).toBe("completed");
    // a migration nobody could read never passes silently (GitHub counts neutral as passing a required check)
    expect(run.conclusion).toBe("failure");
    expect(run.output.title).toMatch(/2 files skipped$/);
    expect(run.output.summary).toContain("**Not analysed**, so this check fails (config `conclusion_on_unanalysed: neutral` makes it neutral)");
    expect(run.output.summary).toContain("- `db/migrations/20240201000000_blob.up.sql`: binary file");
    expect(run.output.summary).toContain("- `db/migrations/20240202000000_huge.up.sql`: too large for GitHub's contents API");
  });

  it("ends the check neutral for a migration it could not read with conclusion_on_unanalysed: neutral, and failure when there is also an error", async () => {
    s = await startScenario({ baseFiles: { ".github/migguard.yml": "conclusion_on_unanalysed: neutral\n" } });
    const blob = { "db/migrations/20240201000000_blob.up.sql": Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]) };
    const quiet = s.openPull(25, blob);
    await s.pullRequest("opened", 25);
    expect(s.fake.checkRunsFor(quiet)[0]).toMatchObject({ conclusion: "neutral", output: { title: "No problems in 0 migrations; 1 file skipped" } });
    expect(s.fake.checkRunsFor(quiet)[0].output.summary).toContain("**Not analysed**, the config makes this check neutral for them");
    const both = s.openPull(26, { ...blob, ...DANGEROUS_INDEX });
    await s.pullRequest("opened", 26);
    expect(s.fake.checkRunsFor(both)[0].conclusion).toBe("failure");
  });

  it("passes a clean migration when the config the pull request proposes cannot be read: a note, not an unanalysed migration", async () => {
    s = await startScenario();
    const head = s.openPull(27, {
      "db/migrations/20240204000000_bio.up.sql": "SET lock_timeout = '1s';\nALTER TABLE profiles ADD COLUMN bio text;\n",
      "db/migrations/20240204000000_bio.down.sql": "SET lock_timeout = '1s';\nALTER TABLE profiles DROP COLUMN bio;\n",
      ".github/migguard.yml": Buffer.from([0x00, 0x01, 0x02, 0x03]),
    });
    await s.pullRequest("opened", 27);
    const [run] = s.fake.checkRunsFor(head);
    expect(run.output.summary).toContain("The proposed config could not be read: binary file");
    expect(run.output.summary).not.toContain("**Not analysed**");
    expect(run.conclusion).toBe("success");
  });

  it("never reads a symbolic link: a link added out of the repository and a migration turned into a link are not analysed, and fail the check", async () => {
    s = await startScenario({
      baseFiles: {
        "db/migrations/20230101000000_init.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n",
        "db/migrations/20230101000000_init.down.sql": "DROP TABLE users;\n",
        "db/migrations/20240105000000_bio.up.sql": "SET lock_timeout = '1s';\nALTER TABLE users ADD COLUMN bio text;\n",
        "db/migrations/20240105000000_bio.down.sql": "SET lock_timeout = '1s';\nALTER TABLE users DROP COLUMN bio;\n",
      },
    });
    const leak = "db/migrations/20240301000000_leak.up.sql";
    const turned = "db/migrations/20240105000000_bio.up.sql";
    const head = s.openPull(28, {
      // out of the repository: the added file's diff is the link's target, the head's tree says mode 120000
      [leak]: { symlinkTo: "../../.git/config" },
      // inside it: GitHub's contents API answers with the linked file (a DROP TABLE), under its own path
      [turned]: { symlinkTo: "20230101000000_init.down.sql" },
    });
    await s.pullRequest("opened", 28);
    const [run] = s.fake.checkRunsFor(head);
    // the added link is known from the head's tree and never asked for; the other from the contents API's answer
    expect(s.fake.requestsMatching("GET", /\/git\/trees\//).some((r) => r.path.endsWith(head))).toBe(true);
    expect(s.fake.requestsMatching("GET", /\/contents\//).map((r) => decodeURIComponent(r.path))).not.toContainEqual(expect.stringContaining("leak"));
    expect(run.conclusion).toBe("failure");
    expect(run.output.title).toMatch(/2 files skipped$/);
    for (const path of [leak, turned]) expect(run.output.summary).toContain(`- \`${path}\`: a symbolic link: migguard never follows links (the target may be outside the repository); not analysed`);
    // neither the link's text (a syntax error) nor the linked file (a drop-table) was analysed as the migration;
    // editing a migration the base branch has is still said, from the pull request's file list
    expect(run.annotations.filter((a) => a.path === leak)).toEqual([]);
    expect(ruleIds({ annotations: run.annotations.filter((a) => a.path === turned) })).toEqual(["edited-migration"]);
    expect(run.output.summary).not.toContain("drop-table");
  });

  it("skips a migration over max_file_bytes", async () => {
    s = await startScenario({ baseFiles: { ".github/migguard.yml": "max_file_bytes: 100\n" } });
    const head = s.openPull(24, { "db/migrations/20240203000000_big.up.sql": `${"-- comment line\n".repeat(20)}SELECT 1;\n` });
    await s.pullRequest("opened", 24);
    expect(s.fake.checkRunsFor(head)[0].output.summary).toContain("bytes, more than max_file_bytes (100); skipped");
  });
});

describe("many findings and big pull requests", () => {
  it("sends annotations 50 per request and all comments in one review, one per line", async () => {
    s = await startScenario();
    const statements = Array.from({ length: 60 }, (_, i) => `CREATE INDEX idx_users_${i} ON users (c${i});`).join("\n");
    const head = s.openPull(25, {
      "db/migrations/20240301000000_many.up.sql": `${statements}\n`,
      "db/migrations/20240301000000_many.down.sql": `${Array.from({ length: 60 }, (_, i) => `DROP INDEX idx_users_${i};`).join("\n")}\n`,
    });
    await s.pullRequest("opened", 25);
    const [run] = s.fake.checkRunsFor(head);
    const updates = s.fake.requestsMatching("PATCH", new RegExp(`/check-runs/${run.id}$`));
    const sizes = updates.map((u) => ((u.body as { output?: { annotations?: unknown[] } }).output?.annotations ?? []).length);
    expect(sizes[0]).toBe(50);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(run.annotations.length);
    expect(run.annotations.length).toBeGreaterThanOrEqual(60);
    expect((updates[0].body as { status: string }).status).toBe("completed");
    // every CREATE INDEX line is annotated
    const indexLines = run.annotations.filter((a) => a.title.startsWith("index-without-concurrently")).map((a) => a.start_line);
    expect(indexLines).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(s.fake.reviews).toHaveLength(1);
    // one comment per line with error findings
    const failing = new Set(run.annotations.filter((a) => a.annotation_level === "failure").map((a) => `${a.path}:${a.start_line}`));
    expect(s.fake.commentsOn(25).map((c) => `${c.path}:${c.line}`).sort()).toEqual([...failing].sort());
  });

  it("reads every page of the file list", async () => {
    s = await startScenario();
    const files: Record<string, string> = {};
    for (let i = 0; i < 250; i++) files[`docs/page-${String(i).padStart(3, "0")}.md`] = `page ${i}\n`;
    // sorts after the docs: on the third page
    files["services/api/migrations/20240401000000_idx.up.sql"] = "CREATE INDEX idx_orders_user ON orders (user_id);\n";
    files["services/api/migrations/20240401000000_idx.down.sql"] = "DROP INDEX idx_orders_user;\n";
    const head = s.openPull(26, files);
    await s.pullRequest("opened", 26);
    expect(s.fake.requestsMatching("GET", /\/pulls\/26\/files$/)).toHaveLength(3);
    const [run] = s.fake.checkRunsFor(head);
    expect(run.annotations.some((a) => a.path === "services/api/migrations/20240401000000_idx.up.sql" && a.start_line === 1)).toBe(true);
  });

  it("says so when GitHub lists only the first 3,000 files", async () => {
    s = await startScenario();
    const files: Record<string, string> = { ...DANGEROUS_INDEX };
    for (let i = 0; i < 3005; i++) files[`docs/page-${String(i).padStart(4, "0")}.md`] = "x\n";
    const head = s.openPull(27, files);
    await s.pullRequest("opened", 27);
    const [run] = s.fake.checkRunsFor(head);
    expect(s.fake.requestsMatching("GET", /\/pulls\/27\/files$/)).toHaveLength(30);
    expect(run.output.summary).toContain("**Partial review:** GitHub lists only the first 3,000 of 3007 changed files");
    expect(run.annotations.some((a) => a.path === DANGEROUS_INDEX_PATH)).toBe(true);
  });
});

describe("files that belong to a migration", () => {
  it("fetches the down of an up the pull request did not touch", async () => {
    s = await startScenario({
      baseFiles: {
        "db/migrations/20240501000000_t.up.sql": "CREATE TABLE t (id bigint);\n",
        "db/migrations/20240501000000_t.down.sql": "DROP TABLE t;\n",
      },
    });
    const head = s.openPull(28, { "db/migrations/20240501000000_t.up.sql": "CREATE TABLE t (id bigint);\nCREATE TABLE u (id bigint);\n" });
    await s.pullRequest("opened", 28);
    const [run] = s.fake.checkRunsFor(head);
    expect(s.fake.requests.some((r) => r.path.endsWith("/contents/db%2Fmigrations%2F20240501000000_t.down.sql") && r.query.get("ref") === head)).toBe(true);
    // the down exists, so no missing-down; run for real, it leaves table u behind (the measured comparison
    // replaces the static guess of down-does-not-undo-up)
    expect(ruleIds(run)).not.toContain("missing-down");
    const restore = run.annotations.find((a) => a.title.startsWith("down-does-not-restore-schema"));
    expect(restore).toMatchObject({ path: "db/migrations/20240501000000_t.down.sql", start_line: 1 });
    expect(restore?.message).toContain("table u is still there");
    expect(ruleIds(run)).not.toContain("down-does-not-undo-up");
    // the edited migration's base version was read at the base commit, for history checks
    expect(s.fake.requests.some((r) => r.path.endsWith("/contents/db%2Fmigrations%2F20240501000000_t.up.sql") && r.query.get("ref") === s!.base)).toBe(true);
  });

  it("finds a Flyway undo file in the base branch's tree and reads only that", async () => {
    s = await startScenario({ baseFiles: { "db/migration/U3__undo_orders.sql": "DROP TABLE orders\n", "db/migration/U2__undo_users.sql": "DROP TABLE users\n" } });
    const head = s.openPull(29, { "db/migration/V3__orders.sql": "CREATE TABLE orders (id bigint);\n" });
    await s.pullRequest("opened", 29);
    const [run] = s.fake.checkRunsFor(head);
    expect(s.fake.requestsMatching("GET", /\/git\/trees\//).map((r) => [r.path.split("/").pop(), r.query.get("recursive")])).toEqual(
      expect.arrayContaining([[s.base, "true"]]),
    );
    const contents = s.fake.requestsMatching("GET", /\/contents\/db/).map((r) => decodeURIComponent(r.path.split("/contents/")[1]));
    expect(contents).toEqual(["db/migration/U3__undo_orders.sql"]);
    expect(run.status).toBe("completed");
    expect(run.output.text).toContain("db/migration/V3__orders.sql");
  });
});

describe("the seed's anti-pattern", () => {
  it("fails a Rails remove_column in `change` with an annotation and a comment carrying the fix", async () => {
    s = await startScenario();
    const path = "db/migrate/20240101000000_drop_phone_number.rb";
    const head = s.openPull(30, { [path]: "class DropPhoneNumber < ActiveRecord::Migration[7.0]\n  def change\n    remove_column :users, :phone_number, :string\n  end\nend\n" });
    await s.pullRequest("opened", 30);
    const [run] = s.fake.checkRunsFor(head);
    expect(run.conclusion).toBe("failure");
    expect(run.annotations.some((a) => a.path === path && a.start_line === 3 && a.title.startsWith("remove-column-in-change"))).toBe(true);
    const comment = s.fake.commentsOn(30).find((c) => c.body.includes("remove-column-in-change"));
    expect(comment).toMatchObject({ path, line: 3 });
    expect(comment?.body).toContain("**Safe alternative:**\n\n```ruby\n");
  });
});

/**
 * Review mode in the App, end to end: signed webhooks over HTTP, the App against the local GitHub API
 * (every request checked against GitHub's OpenAPI description), the check run and comments as users see
 * them. A Rails repository with a schema dump, a model and a report that reads users.phone_number:
 * edited history, schema drift, a dropped column still used by code, regulated data signed off (or not) by
 * an approving review, and a deleted migration; plus what each costs in API calls.
 */
import { describe, expect, it } from "@jest/globals";
import type { FakeCheckRun } from "./support/fake-github.js";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";

const CREATE_USERS = "db/migrate/20240101000000_create_users.rb";
const DROP_PHONE = "db/migrate/20240201000000_remove_phone_number.rb";
const REPORT = "app/reports/legacy.rb";

const BASE = {
  "README.md": "# Shop\n",
  [CREATE_USERS]: [
    "class CreateUsers < ActiveRecord::Migration[7.1]",
    "  def change",
    "    create_table :users do |t|",
    "      t.string :email",
    "      t.string :phone_number",
    "    end",
    "  end",
    "end",
    "",
  ].join("\n"),
  "db/schema.rb": [
    "ActiveRecord::Schema[7.1].define(version: 2024_01_01_000000) do",
    '  create_table "users", force: :cascade do |t|',
    '    t.string "email"',
    '    t.string "phone_number"',
    "  end",
    "end",
    "",
  ].join("\n"),
  "app/models/user.rb": "class User < ApplicationRecord\nend\n",
  [REPORT]: ["class LegacyReport", "  def rows", "    User.where.not(phone_number: nil).pluck(:id, :phone_number)", "  end", "end", ""].join("\n"),
};

const SCHEMA_WITHOUT_PHONE = [
  "ActiveRecord::Schema[7.1].define(version: 2024_02_01_000000) do",
  '  create_table "users", force: :cascade do |t|',
  '    t.string "email"',
  "  end",
  "end",
  "",
].join("\n");

const dropPhone = (waiver?: string) =>
  [
    "class RemovePhoneNumber < ActiveRecord::Migration[7.1]",
    "  def change",
    ...(waiver ? [`    # migguard:ignore ${waiver}`] : []),
    "    remove_column :users, :phone_number, :string",
    "  end",
    "end",
    "",
  ].join("\n");

let s: Scenario | undefined;
useScenario();

const rulesOf = (run: FakeCheckRun) => run.annotations.map((a) => a.title.split(":")[0]);
const latestRun = (head: string) => s!.fake.checkRunsFor(head).at(-1)!;
/** API requests since `from`, as "METHOD /route" without the repository prefix */
const callsSince = (from: number) => s!.fake.requests.slice(from).map((r) => `${r.method} ${r.path.replace(/^\/repos\/[^/]+\/[^/]+/, "")}`);

describe("edited history", () => {
  it("fails the check with a history error when a merged migration is edited", async () => {
    s = await startScenario({ baseFiles: BASE });
    const edited = BASE[CREATE_USERS].replace("      t.string :phone_number\n", "      t.string :phone_number\n      t.string :nickname\n");
    const head = s.openPull(40, { [CREATE_USERS]: edited });
    expect((await s.pullRequest("opened", 40)).status).toBe(200);

    const run = latestRun(head);
    expect(run).toMatchObject({ status: "completed", conclusion: "failure" });
    const history = run.annotations.find((a) => a.title.startsWith("edited-migration"));
    expect(history).toMatchObject({ path: CREATE_USERS, annotation_level: "failure" });
    expect(run.output.summary).toContain("`edited-migration`");
    // what the edit changes, in database terms; the fix adds the column where the old version ran, the revert names the base commit
    expect(history?.message).toContain("the edit adds the column users.nickname");
    expect(history?.raw_details).toContain("add_column :users, :nickname, :string, if_not_exists: true");
    expect(history?.raw_details).toContain(`git checkout ${s.base} -- ${CREATE_USERS}`);
    expect(history?.raw_details).not.toContain("<base>");
    // the base version was read on the base commit to tell what the edit changes
    expect(s.fake.requests.some((r) => r.path.endsWith(`/contents/${encodeURIComponent(CREATE_USERS)}`) && r.query.get("ref") === s!.base)).toBe(true);
  });
});

describe("schema drift", () => {
  it("reports a new migration that leaves db/schema.rb as it was", async () => {
    s = await startScenario({ baseFiles: BASE });
    const path = "db/migrate/20240201000000_add_nickname_to_users.rb";
    const head = s.openPull(41, { [path]: "class AddNicknameToUsers < ActiveRecord::Migration[7.1]\n  def change\n    add_column :users, :nickname, :string\n  end\nend\n" });
    const from = s.fake.requests.length;
    await s.pullRequest("opened", 41);

    const run = latestRun(head);
    const drift = run.annotations.find((a) => a.title.startsWith("schema-dump-not-updated"));
    expect(drift).toMatchObject({ path, start_line: 1, annotation_level: "warning" });
    expect(drift?.message).toContain("does not update db/schema.rb");
    // the dump's existence came from the base tree, the migration from its diff; the one file read is the dump
    // itself, for the real column types fixes use (plan.facts), and the base migration written a month before the
    // added one (a table it created is young: recent-on-base.ts), and the root README, where an upgrade procedure
    // may be documented (documented-upgrade.ts); no tarball
    const calls = callsSince(from);
    expect(calls.filter((c) => c.includes("/contents/") && !c.includes(".github"))).toEqual(["GET /contents/db%2Fmigrate%2F20240101000000_create_users.rb", "GET /contents/README.md", "GET /contents/db%2Fschema.rb"]);
    expect(calls.filter((c) => c.includes("/tarball/"))).toEqual([]);
    expect(s.fake.codeloadRequests).toEqual([]);
  });

  it("is quiet when the dump is updated with the migration", async () => {
    s = await startScenario({ baseFiles: BASE });
    const path = "db/migrate/20240201000000_add_nickname_to_users.rb";
    const schema = BASE["db/schema.rb"].replace("2024_01_01_000000", "2024_02_01_000000").replace('    t.string "phone_number"\n', '    t.string "phone_number"\n    t.string "nickname"\n');
    const head = s.openPull(42, { [path]: "class AddNicknameToUsers < ActiveRecord::Migration[7.1]\n  def change\n    add_column :users, :nickname, :string\n  end\nend\n", "db/schema.rb": schema });
    await s.pullRequest("opened", 42);
    const run = latestRun(head);
    expect(rulesOf(run).filter((r) => r.startsWith("schema-dump"))).toEqual([]);
    expect(run.conclusion).toBe("success");
  });
});

describe("the repository's Django version", () => {
  const INITIAL = [
    "from django.db import migrations, models",
    "",
    "",
    "class Migration(migrations.Migration):",
    "    initial = True",
    "    dependencies = []",
    "    operations = [",
    '        migrations.CreateModel(name="Order", fields=[("id", models.BigAutoField(primary_key=True))]),',
    "    ]",
    "",
  ].join("\n");
  const ADD_SIZE = "shop/migrations/0002_order_size.py";
  const addSize = [
    "from django.db import migrations, models",
    "",
    "",
    "class Migration(migrations.Migration):",
    '    dependencies = [("shop", "0001_initial")]',
    "    operations = [",
    '        migrations.AddField(model_name="order", name="size", field=models.FloatField(default=0)),',
    "    ]",
    "",
  ].join("\n");

  it("comes from setup.cfg, which the App fetches from the base tree, and the fix uses what that version has", async () => {
    s = await startScenario({
      baseFiles: { "README.md": "# Shop\n", "shop/migrations/0001_initial.py": INITIAL, "setup.cfg": "[options]\ninstall_requires =\n    Django>=4.2,<5\n    psycopg>=3\n" },
    });
    const head = s.openPull(45, { [ADD_SIZE]: addSize });
    const from = s.fake.requests.length;
    await s.pullRequest("opened", 45);

    const comment = s.fake.commentsOn(45).find((c) => c.body.includes("required-column-without-default"));
    expect(comment).toMatchObject({ path: ADD_SIZE, line: 7 });
    // db_default= exists from Django 5.0: on 4.2 the fix keeps the AddField and sets the database default with SQL
    expect(comment?.body).toContain("Django before 5.0 drops the column's default");
    expect(comment?.body).toContain("ALTER TABLE shop_order ALTER COLUMN size SET DEFAULT 0");
    expect(comment?.body).not.toContain("db_default");
    expect(latestRun(head).annotations.map((a) => a.path)).toContain(ADD_SIZE);
    expect(callsSince(from)).toContain("GET /contents/setup.cfg");
  });
});

describe("code that still uses a dropped column", () => {
  it("names the file and line in the check and in the inline comment, from one tarball", async () => {
    s = await startScenario({ baseFiles: BASE });
    const head = s.openPull(43, { [DROP_PHONE]: dropPhone(), "db/schema.rb": SCHEMA_WITHOUT_PHONE });
    const from = s.fake.requests.length;
    await s.pullRequest("opened", 43);

    const run = latestRun(head);
    expect(run.conclusion).toBe("failure");
    const breaking = run.annotations.find((a) => a.title.startsWith("dropped-object-still-used"));
    expect(breaking).toMatchObject({ path: DROP_PHONE, start_line: 3, annotation_level: "failure" });
    expect(breaking?.message).toContain(`${REPORT}:3`);
    expect(run.output.summary).toContain(`${REPORT}:3`);

    const comment = s.fake.commentsOn(43).find((c) => c.body.includes("dropped-object-still-used"));
    expect(comment).toMatchObject({ path: DROP_PHONE, line: 3 });
    expect(comment?.body).toContain(`${REPORT}:3`);
    expect(comment?.body).toContain("User.where.not(phone_number: nil).pluck(:id, :phone_number)");

    // the code came from one tarball of the head commit, via codeload, without the API token
    const calls = callsSince(from);
    expect(calls.filter((c) => c.includes("/tarball/"))).toEqual([`GET /tarball/${head}`]);
    expect(s.fake.codeloadRequests).toEqual([{ path: `/Codertocat/Hello-World/legacy.tar.gz/${head}`, authorization: false }]);
    expect(calls.filter((c) => c.includes("/git/trees/"))).toEqual(expect.arrayContaining([`GET /git/trees/${s.base}`]));
  });

  it("stops reading the tarball at max_code_bytes and says the usage search is incomplete, never a silent pass", async () => {
    const model = BASE["app/models/user.rb"];
    // the archive lists app/models/user.rb before app/reports/legacy.rb: only the model fits
    s = await startScenario({ baseFiles: { ...BASE, ".github/migguard.yml": `max_code_bytes: ${Buffer.byteLength(model) + 5}\n` } });
    const head = s.openPull(50, { [DROP_PHONE]: dropPhone(), "db/schema.rb": SCHEMA_WITHOUT_PHONE });
    await s.pullRequest("opened", 50);
    const run = latestRun(head);
    expect(run.status).toBe("completed");
    expect(run.output.summary).toContain(
      `**Usage search incomplete:** the head's application code is larger than migguard reads (\`max_code_files: 50000\`, \`max_code_bytes: ${Buffer.byteLength(model) + 5}\`). It searched 1 file (0.0 MB) and stopped there`,
    );
    // the report past the cap was not searched; the drop itself is still an error
    expect(run.output.summary).not.toContain(`${REPORT}:3`);
    expect(run.conclusion).toBe("failure");
    expect(s.fake.codeloadRequests).toHaveLength(1);
  });

  it("fetches no tarball when the head's tree holds no code to search", async () => {
    const { [REPORT]: _report, "app/models/user.rb": _model, ...migrationsOnly } = BASE;
    s = await startScenario({ baseFiles: migrationsOnly });
    const head = s.openPull(49, { [DROP_PHONE]: dropPhone(), "db/schema.rb": SCHEMA_WITHOUT_PHONE });
    await s.pullRequest("opened", 49);
    expect(latestRun(head)).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(rulesOf(latestRun(head))).toContain("remove-column-in-change");
    expect(s.fake.requests.filter((r) => r.path.includes("/tarball/"))).toEqual([]);
    expect(s.fake.codeloadRequests).toEqual([]);
  });

  it("says the column is safe to drop once the model ignores it and no code reads it", async () => {
    s = await startScenario({
      baseFiles: { ...BASE, "app/models/user.rb": 'class User < ApplicationRecord\n  self.ignored_columns += ["phone_number"]\nend\n', [REPORT]: "class LegacyReport\n  def rows = User.pluck(:id, :email)\nend\n" },
    });
    const head = s.openPull(44, { [DROP_PHONE]: dropPhone(), "db/schema.rb": SCHEMA_WITHOUT_PHONE });
    await s.pullRequest("opened", 44);
    const run = latestRun(head);
    const note = run.annotations.find((a) => a.title.startsWith("dropped-object-still-used"));
    expect(note).toMatchObject({ path: DROP_PHONE, start_line: 3, annotation_level: "notice" });
    expect(note?.message).toContain("safe to drop now");
    expect(note?.message).toContain("app/models/user.rb:2");
    expect(run.output.summary).not.toContain(REPORT);
    // a note gets no inline comment
    expect(s.fake.commentsOn(44).filter((c) => c.body.includes("dropped-object-still-used"))).toEqual([]);
  });
});

describe("regulated data", () => {
  const sensitiveBase = {
    ...BASE,
    ".github/migguard.yml": "sensitive:\n  - users.phone_number\n",
    // the column was already ignored by the model and unused: only the regulation stands in the way
    "app/models/user.rb": 'class User < ApplicationRecord\n  self.ignored_columns += ["phone_number"]\nend\n',
    [REPORT]: "class LegacyReport\n  def rows = User.pluck(:id, :email)\nend\n",
  };
  const WAIVER = "regulated-data,drop-column,remove-column-in-change LEGAL-42: the retention period for phone numbers ended";

  it("holds a waiver until a maintainer approves: a writer's approval does not count, and the check says who may approve", async () => {
    s = await startScenario({ baseFiles: sensitiveBase });
    s.fake.permissions.set("wes", { permission: "write", role_name: "write" });
    s.fake.permissions.set("rita", { permission: "read", role_name: "read" });
    s.fake.permissions.set("mia", { permission: "write", role_name: "maintain" });
    const head = s.openPull(45, { [DROP_PHONE]: dropPhone(WAIVER), "db/schema.rb": SCHEMA_WITHOUT_PHONE });

    await s.pullRequest("opened", 45);
    let run = latestRun(head);
    expect(run.conclusion).toBe("failure");
    expect(run.annotations.filter((a) => a.title.startsWith("regulated-data")).map((a) => [a.path, a.start_line, a.annotation_level])).toEqual([[DROP_PHONE, 4, "failure"]]);
    expect(run.output.summary).toContain("maintain or admin permission on Codertocat/Hello-World");
    expect(run.output.summary).toContain("no approving review yet");
    const [comment] = s.fake.commentsOn(45).filter((c) => c.body.includes("regulated-data"));
    expect(comment).toMatchObject({ path: DROP_PHONE, line: 4 });
    expect(comment.body).toContain("maintain or admin");

    // a plain comment review changes nobody's standing: no new check
    const runs = s.fake.checkRunsFor(head).length;
    expect((await s.submitReview(45, "rita", "COMMENTED")).status).toBe(200);
    expect(s.fake.checkRunsFor(head)).toHaveLength(runs);

    // approvals by people with write (or read) permission do not sign it off
    const from = s.fake.requests.length;
    await s.submitReview(45, "wes", "APPROVED");
    await s.submitReview(45, "rita", "APPROVED");
    run = latestRun(head);
    expect(s.fake.checkRunsFor(head)).toHaveLength(runs + 2);
    expect(run.conclusion).toBe("failure");
    expect(run.output.summary).toContain("approved only by @wes (write), @rita (read); a user with maintain or admin permission must approve");
    // each review lists the reviews once and asks for each approver's role
    const calls = callsSince(from);
    expect(calls.filter((c) => c.endsWith("/reviews") && c.startsWith("GET"))).toHaveLength(2);
    expect(calls.filter((c) => c.endsWith("/permission")).sort()).toEqual(["GET /collaborators/rita/permission", "GET /collaborators/wes/permission", "GET /collaborators/wes/permission"]);

    // a maintainer's approval of the current head signs it off
    const approval = await s.submitReview(45, "mia", "APPROVED");
    run = latestRun(head);
    expect(run.conclusion).toBe("success");
    expect(run.annotations.filter((a) => a.title.startsWith("regulated-data")).map((a) => a.annotation_level)).toEqual(["notice"]);
    expect(run.output.summary).toContain("is signed off: approved by @mia");
    // migguard's own config names the column, but it is not code that reads it
    expect(run.output.summary).not.toContain(".github/migguard.yml:2");
    // its comment is resolved, not duplicated
    expect(s.fake.commentsOn(45).filter((c) => c.body.includes("regulated-data"))).toHaveLength(1);
    expect(s.fake.commentsOn(45).find((c) => c.id === comment.id)?.body).toContain("**Resolved**");

    // dismissing that approval brings the error (and the comment) back
    expect((await s.dismissReview(45, approval.review.id)).status).toBe(200);
    run = latestRun(head);
    expect(run.conclusion).toBe("failure");
    const back = s.fake.commentsOn(45).find((c) => c.id === comment.id)!;
    expect(back.body).not.toContain("**Resolved**");
    expect(back.body).toContain("maintain or admin");
  });

  it("never counts the author's own approval, even from a maintainer", async () => {
    s = await startScenario({ baseFiles: sensitiveBase });
    s.fake.permissions.set("mia", { permission: "write", role_name: "maintain" });
    s.fake.permissions.set("ada", { permission: "admin", role_name: "admin" });
    const head = s.openPull(48, { [DROP_PHONE]: dropPhone(WAIVER), "db/schema.rb": SCHEMA_WITHOUT_PHONE }, { author: "mia" });
    await s.pullRequest("opened", 48);
    // GitHub forbids approving one's own pull request; the review listing is not trusted to say so
    await s.submitReview(48, "mia", "APPROVED");
    let run = latestRun(head);
    expect(run.conclusion).toBe("failure");
    expect(run.output.summary).toContain("@mia wrote this pull request, and an author's own approval does not count; another user with maintain or admin permission must approve");
    expect(s.fake.requests.filter((r) => r.path.endsWith("/collaborators/mia/permission"))).toEqual([]);

    await s.submitReview(48, "ada", "APPROVED");
    run = latestRun(head);
    expect(run.conclusion).toBe("success");
    expect(run.output.summary).toContain("is signed off: approved by @ada");
    expect(run.output.summary).not.toContain("@mia");
  });

  it("needs a new sign-off after a push", async () => {
    s = await startScenario({ baseFiles: sensitiveBase });
    s.fake.permissions.set("ada", { permission: "admin", role_name: "admin" });
    const first = s.openPull(46, { [DROP_PHONE]: dropPhone(WAIVER), "db/schema.rb": SCHEMA_WITHOUT_PHONE });
    await s.pullRequest("opened", 46);
    await s.submitReview(46, "ada", "APPROVED");
    expect(latestRun(first).conclusion).toBe("success");

    const second = s.fake.commit({ "README.md": "# Shop, again\n" }, first);
    s.fake.push(46, second);
    await s.pullRequest("synchronize", 46);
    const run = latestRun(second);
    expect(run.conclusion).toBe("failure");
    expect(run.output.summary).toContain(`@ada approved an earlier commit; a user with maintain or admin permission must approve the current head (${second.slice(0, 7)})`);
  });

  it("does not review again on an approval when the repository lists no regulated data", async () => {
    s = await startScenario({ baseFiles: BASE });
    const head = s.openPull(47, { "db/migrate/20240201000000_add_nickname_to_users.rb": "class AddNicknameToUsers < ActiveRecord::Migration[7.1]\n  def change\n    add_column :users, :nickname, :string\n  end\nend\n" });
    await s.pullRequest("opened", 47);
    const runs = s.fake.checkRunsFor(head).length;
    const from = s.fake.requests.length;
    expect((await s.submitReview(47, "someone", "APPROVED")).status).toBe(200);
    expect(s.fake.checkRunsFor(head)).toHaveLength(runs);
    // the base config read (the repository's, then the organisation's .github repository), nothing else
    const calls = s.fake.requests.slice(from).filter((r) => !r.path.endsWith("/access_tokens"));
    expect(calls.length).toBeGreaterThan(0);
    for (const r of calls) expect(`${r.method} ${r.path}`).toMatch(/^GET \/repos\/Codertocat\/(Hello-World|\.github)\/contents\/\.github%2Fmigguard\.yml$/);
  });
});

describe("big repositories", () => {
  it("reviews with a truncated tree listing, reading the files one by one, and says the base listing was partial", async () => {
    s = await startScenario({ baseFiles: BASE });
    s.fake.treeListingLimit = 3;
    const path = "db/migrate/20240201000000_add_nickname_to_users.rb";
    const head = s.openPull(50, { [path]: "class AddNicknameToUsers < ActiveRecord::Migration[7.1]\n  def change\n    add_column :users, :nickname, :string, null: false\n  end\nend\n" });
    await s.pullRequest("opened", 50);
    const run = latestRun(head);
    expect(run.output.summary).toContain("**Partial base listing:**");
    expect(run.output.text).toContain(path);
    // the head's listing may have cut the file: it is read by the contents API instead
    expect(s.fake.requests.some((r) => r.path.endsWith(`/contents/${encodeURIComponent(path)}`) && r.query.get("ref") === head)).toBe(true);
  });
});

describe("a deleted migration", () => {
  it("is an error in the summary, without an annotation or comment on a file that no longer exists", async () => {
    // a dump older than the migration: fresh databases that load it still need the migration (one the dump's version
    // covers would be a note, test/cli/review-squash-before-dump.test.ts)
    s = await startScenario({ baseFiles: { ...BASE, "db/schema.rb": BASE["db/schema.rb"].replace("2024_01_01_000000", "2023_12_01_000000") } });
    const head = s.openPull(48, { [CREATE_USERS]: null });
    await s.pullRequest("opened", 48);
    const run = latestRun(head);
    expect(run.conclusion).toBe("failure");
    expect(run.output.summary).toContain("`deleted-migration`");
    expect(run.output.summary).toContain(`\`${CREATE_USERS}:1\``);
    expect(run.annotations.filter((a) => a.path === CREATE_USERS)).toEqual([]);
    expect(s.fake.commentsOn(48)).toEqual([]);
    // what the deleted migration did and the dump that covered it are read at the base commit (a deleted data-only
    // migration older than the dump would be a note); nothing is read at head
    const reads = s.fake.requests.filter((r) => r.path.includes("/contents/db"));
    expect(reads.map((r) => [decodeURIComponent(r.path.slice(r.path.indexOf("/contents/") + 10)), r.query.get("ref")]).sort()).toEqual([
      [CREATE_USERS, s.base],
      ["db/schema.rb", s.base],
    ]);
  });
});

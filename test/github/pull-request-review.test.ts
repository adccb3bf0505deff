/**
 * The life of a pull request, end to end over HTTP: a dangerous migration gets a failing check with
 * annotations and one inline comment per line with error findings (warnings stay annotations unless the config
 * says `review_comments: warning`, then they join the comment of their line); the next push neither duplicates
 * nor loses comments and edits the ones whose text changed; the fixing push turns the check green and resolves
 * the comments.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { startApp, WEBHOOK_SECRET, type RunningApp } from "./support/app-harness.js";
import { BOT_LOGIN, FakeGitHub } from "./support/fake-github.js";
import { deliver, pullRequestPayload } from "./support/webhooks.js";

const UP = "db/migrations/20240101000000_add_email_index.up.sql";
const DOWN = "db/migrations/20240101000000_add_email_index.down.sql";
const DROP_UP = "db/migrations/20240102000000_drop_phone.up.sql";
const DROP_DOWN = "db/migrations/20240102000000_drop_phone.down.sql";

const BASE_FILES = {
  "README.md": "# Hello\n",
  "db/migrations/20230101000000_init.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text, phone_number text);\n",
  "db/migrations/20230101000000_init.down.sql": "DROP TABLE users;\n",
};

describe("a pull request with a dangerous migration", () => {
  let fake: FakeGitHub;
  let app: RunningApp;
  let base: string;
  let head1: string;
  let head2: string;
  let head3: string;
  const send = async (action: "opened" | "synchronize") => {
    const delivery = await deliver(app.webhookUrl, "pull_request", pullRequestPayload(fake, action, fake.pulls.get(7)!), { secret: WEBHOOK_SECRET });
    expect(delivery.status).toBe(200);
    return delivery;
  };
  const migguardComments = () => fake.commentsOn(7).filter((c) => c.user.login === BOT_LOGIN);
  const fingerprintOf = (body: string) => /<!-- migguard:fp=([^ ]+) -->/.exec(body)?.[1];

  beforeAll(async () => {
    fake = new FakeGitHub();
    await fake.start();
    app = await startApp({ baseUrl: fake.url });
    base = fake.commit(BASE_FILES);
    fake.setBranch("master", base);
    head1 = fake.commit({ [UP]: "CREATE INDEX idx_users_email ON users (email);\n", [DOWN]: "DROP INDEX idx_users_email;\n" }, base);
    fake.openPull({ number: 7, baseRef: "master", head: head1 });
  });

  afterAll(async () => {
    await app?.stop();
    await fake?.stop();
  });

  it("fails the check, annotates the exact line and comments once per error finding with its fix", async () => {
    const delivery = await send("opened");

    const runs = fake.checkRunsFor(head1);
    expect(runs).toHaveLength(1);
    const [run] = runs;
    expect(run.name).toBe("migguard");
    expect(run.status).toBe("completed");
    expect(run.conclusion).toBe("failure");
    expect(run.output.title).toMatch(/^1 error, 1 warning in 1 migration$/);
    expect(run.output.summary).toContain("index-without-concurrently");
    expect(run.output.summary).toContain("CREATE INDEX CONCURRENTLY idx_users_email ON users (email);");

    // created in_progress first, then completed by one update
    const creates = fake.requestsMatching("POST", /\/check-runs$/);
    expect(creates).toHaveLength(1);
    expect((creates[0].body as { status: string }).status).toBe("in_progress");

    expect(run.annotations.map((a) => [a.path, a.start_line, a.annotation_level, a.title.split(":")[0]])).toEqual(
      expect.arrayContaining([
        [UP, 1, "failure", "index-without-concurrently"],
        [UP, 1, "warning", "require-lock-timeout"],
      ]),
    );

    expect(fake.reviews).toHaveLength(1);
    const comments = migguardComments();
    // the warning stays an annotation: review_comments defaults to error
    expect(comments).toHaveLength(run.annotations.filter((a) => a.annotation_level === "failure").length);
    for (const c of comments) expect([c.path, c.line]).toEqual([UP, 1]);
    const index = comments.find((c) => c.body.includes("index-without-concurrently"))!;
    // golang-migrate sends the file as one query: the file holds the statement alone, so the fix is a
    // one-line suggestion, with the clean-up of a failed build as a comment (a DROP beside it would fail)
    expect(index.body).toContain("```suggestion\nCREATE INDEX CONCURRENTLY idx_users_email ON users (email);\n```");
    expect(index.body).toContain("run DROP INDEX CONCURRENTLY IF EXISTS idx_users_email\n-- by hand");
    expect(fingerprintOf(index.body)).toMatch(/^[0-9a-f]{20}$/);
    expect(comments.filter((c) => c.body.includes("require-lock-timeout"))).toEqual([]);

    // pino logs carry the delivery id, the repository, the pull request and timings
    const done = app.logs.find((l) => l.msg === "review done" && l.delivery === delivery.id);
    expect(done).toMatchObject({ repo: "Codertocat/Hello-World", pr: 7, head: head1.slice(0, 7), conclusion: "failure" });
    expect(typeof done?.durationMs).toBe("number");
    expect(fake.violations).toEqual([]);
  });

  it("on the next push keeps exactly one comment per finding and adds only the new ones", async () => {
    head2 = fake.commit({ [DROP_UP]: "ALTER TABLE users DROP COLUMN phone_number;\n", [DROP_DOWN]: "ALTER TABLE users ADD COLUMN phone_number text;\n" }, head1);
    fake.push(7, head2);
    const before = migguardComments().map((c) => ({ id: c.id, body: c.body }));
    await send("synchronize");

    const run = fake.checkRunsFor(head2)[0];
    expect(run.conclusion).toBe("failure");
    expect(run.annotations.some((a) => a.path === DROP_UP && a.start_line === 1 && a.title.startsWith("drop-column"))).toBe(true);

    const comments = migguardComments();
    const fingerprints = comments.map((c) => fingerprintOf(c.body));
    expect(new Set(fingerprints).size).toBe(comments.length);
    expect(comments).toHaveLength(run.annotations.filter((a) => a.annotation_level === "failure").length);
    // the first push's comments are untouched, the new ones came in one more review
    for (const old of before) expect(comments.find((c) => c.id === old.id)).toMatchObject({ body: old.body, edits: 0 });
    expect(fake.reviews).toHaveLength(2);
    expect(fake.reviews[1].commentIds).toHaveLength(comments.length - before.length);
    expect(fake.violations).toEqual([]);
  });

  it("edits a comment whose text changed instead of adding another", async () => {
    // the base branch now links the rules elsewhere: same findings, new text
    const docsBase = fake.commit({ ".github/migguard.yml": "docs_url: https://docs.example.com/migguard/rules\n" }, base);
    fake.setBranch("master", docsBase);
    head3 = fake.commit({ "README.md": "# Hello again\n" }, head2);
    fake.push(7, head3);
    const count = migguardComments().length;
    await send("synchronize");

    const comments = migguardComments();
    expect(comments).toHaveLength(count);
    expect(fake.reviews).toHaveLength(2);
    for (const c of comments) {
      expect(c.edits).toBe(1);
      expect(c.body).toContain("https://docs.example.com/migguard/rules/");
    }
    expect(fake.violations).toEqual([]);
  });

  it("lists warnings too with review_comments: warning, in the comment of their line (edited, not a second comment)", async () => {
    const warningBase = fake.commit({ ".github/migguard.yml": "docs_url: https://docs.example.com/migguard/rules\nreview_comments: warning\n" }, base);
    fake.setBranch("master", warningBase);
    const head = fake.commit({ "README.md": "# Hello, warnings\n" }, head3);
    fake.push(7, head);
    const before = migguardComments().map((c) => ({ id: c.id, edits: c.edits }));
    await send("synchronize");

    const run = fake.checkRunsFor(head)[0];
    const comments = migguardComments();
    const lines = new Set(run.annotations.filter((a) => a.annotation_level !== "notice").map((a) => `${a.path}:${a.start_line}`));
    expect(comments.map((c) => `${c.path}:${c.line}`).sort()).toEqual([...lines].sort());
    const lock = comments.filter((c) => c.body.includes("require-lock-timeout"));
    expect(lock.map((c) => c.path).sort()).toEqual([UP, DROP_UP].sort());
    for (const c of lock) {
      expect(c.body).toMatch(/^\*\*migguard: 2 findings on this line\*\*/);
      // golang-migrate sends the file as one query, one transaction: the setting ends with it
      expect(c.body).toContain("SET LOCAL lock_timeout");
    }
    // each error comment was edited once to list the warning of its line; no new review
    for (const old of before) expect(comments.find((c) => c.id === old.id)?.edits).toBe(old.edits + 1);
    expect(comments).toHaveLength(before.length);
    expect(fake.reviews).toHaveLength(2);
    expect(fake.violations).toEqual([]);
  });

  it("turns green and resolves the comments when a push fixes the migrations", async () => {
    const fixed = fake.commit(
      {
        [UP]: "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email ON users (email);\n",
        [DOWN]: "DROP INDEX CONCURRENTLY IF EXISTS idx_users_email;\n",
        [DROP_UP]: null,
        [DROP_DOWN]: null,
      },
      fake.pulls.get(7)!.headSha,
    );
    fake.push(7, fixed);
    const count = migguardComments().length;
    // other people's and other apps' comments, even carrying a migguard marker, are never touched
    const lookalike = "Looks like migguard\n<!-- migguard:fp=0123456789abcdef0123 -->";
    const foreign = [fake.addForeignComment(7, UP, 1, lookalike), fake.addForeignComment(7, UP, 1, lookalike, { login: "other-app[bot]", type: "Bot" })];
    await send("synchronize");
    expect(foreign.map((c) => c.edits)).toEqual([0, 0]);

    const run = fake.checkRunsFor(fixed)[0];
    expect(run.conclusion).toBe("success");
    expect(run.output.title).toBe("No problems in 1 migration");
    expect(run.annotations).toEqual([]);

    expect(run.output.summary).not.toContain("could not be posted");
    const comments = migguardComments();
    expect(comments).toHaveLength(count);
    expect(fake.reviews).toHaveLength(2);
    for (const c of comments) {
      expect(c.body).toContain(`Resolved** in ${fixed.slice(0, 7)}`);
      expect(c.body).toContain(`<!-- migguard:resolved=${fixed} -->`);
      expect(c.body).not.toContain("```suggestion");
    }
    expect(fake.violations).toEqual([]);
  });

  it("leaves resolved comments alone on a further clean push", async () => {
    const again = fake.commit({ "README.md": "# Hello, third time\n" }, fake.pulls.get(7)!.headSha);
    fake.push(7, again);
    const edits = migguardComments().map((c) => c.edits);
    await send("synchronize");
    expect(fake.checkRunsFor(again)[0].conclusion).toBe("success");
    expect(migguardComments().map((c) => c.edits)).toEqual(edits);
    expect(fake.requestsMatching("PATCH", /\/pulls\/comments\//).length).toBe(edits.reduce((a, b) => a + b, 0));
    expect(fake.violations).toEqual([]);
  });
});

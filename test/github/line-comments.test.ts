/**
 * One line, one thread (#14 3b), over HTTP with the fake GitHub: the findings GitHub would show on one line
 * share one inline comment that lists each with its fix; the next push edits that comment (a finding left
 * the line) instead of adding one, and the fixing push resolves it.
 */
import { describe, expect, it } from "@jest/globals";
import { parseCommentMarkers } from "../../src/report/review-comments.js";
import { BOT_LOGIN } from "./support/fake-github.js";
import { BASE_FILES, startScenario, type Scenario, useScenario } from "./support/scenario.js";

let s: Scenario | undefined;
useScenario();

const UP = "db/migrations/20240301000000_users_token.up.sql";
const DOWN = "db/migrations/20240301000000_users_token.down.sql";
const STATEMENT = "ALTER TABLE users ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid(), ALTER COLUMN email TYPE varchar(100), DROP COLUMN phone_number;";
const rulesOf = (annotations: ReadonlyArray<{ path: string; start_line: number; annotation_level: string; title: string }>, line: number) =>
  annotations.filter((a) => a.path === UP && a.start_line === line && a.annotation_level !== "notice").map((a) => a.title.split(":")[0]);

describe("one inline comment per line", () => {
  it("gives several findings on one line one comment, edits it on the next push and resolves it on the fixing push", async () => {
    s = await startScenario({ baseFiles: { ...BASE_FILES, ".github/migguard.yml": "review_comments: warning\n" } });
    const ours = () => s!.fake.commentsOn(31).filter((c) => c.user.login === BOT_LOGIN);
    const down = "ALTER TABLE users ADD COLUMN phone_number text, ALTER COLUMN email TYPE text, DROP COLUMN token;\n";
    const head1 = s.openPull(31, {
      [UP]: `${STATEMENT}\n`,
      [DOWN]: down,
    });
    expect((await s.pullRequest("opened", 31)).status).toBe(200);
    const first = rulesOf(s.fake.checkRunsFor(head1)[0].annotations, 1);
    expect(first.length).toBeGreaterThanOrEqual(4);
    expect(first).toEqual(expect.arrayContaining(["drop-column", "column-type-change", "volatile-default", "require-lock-timeout"]));

    const [comment] = ours();
    expect(ours()).toHaveLength(1);
    expect([comment.path, comment.line]).toEqual([UP, 1]);
    expect(comment.body).toMatch(new RegExp(`^\\*\\*migguard: ${first.length} findings on this line\\*\\*`));
    for (const rule of first) expect(comment.body).toContain(`**migguard · \`${rule}\`**`);
    expect(comment.body.match(/\*\*Safe alternative/g)).toHaveLength(first.length);
    expect(parseCommentMarkers(comment.body).fingerprints).toHaveLength(first.length);
    expect(s.fake.reviews).toHaveLength(1);

    // the author sets a lock_timeout first: that finding leaves the statement, the others stay, so the same
    // comment is edited to list them (the statement moved to line 2; fingerprints follow the statement)
    const head2 = s.fake.commit({ [UP]: `SET lock_timeout = '1s';\n${STATEMENT}\n` }, head1);
    s.fake.push(31, head2);
    await s.pullRequest("synchronize", 31);
    const second = rulesOf(s.fake.checkRunsFor(head2)[0].annotations, 2);
    expect(second).not.toContain("require-lock-timeout");
    expect(second.length).toBeGreaterThanOrEqual(3);
    expect(ours()).toHaveLength(1);
    expect(ours()[0]).toMatchObject({ id: comment.id, edits: 1 });
    expect(ours()[0].body).not.toContain("`require-lock-timeout`");
    expect(ours()[0].body).toMatch(new RegExp(`^\\*\\*migguard: ${second.length} findings on this line\\*\\*`));
    expect(parseCommentMarkers(ours()[0].body).fingerprints).toEqual(parseCommentMarkers(comment.body).fingerprints.filter((fp) => ours()[0].body.includes(fp)));
    expect(parseCommentMarkers(ours()[0].body).fingerprints).toHaveLength(second.length);
    expect(s.fake.reviews).toHaveLength(1);

    // the same findings again (a README change): nothing is edited or added
    const head3 = s.fake.commit({ "README.md": "# Hello again\n" }, head2);
    s.fake.push(31, head3);
    await s.pullRequest("synchronize", 31);
    expect(ours()).toHaveLength(1);
    expect(ours()[0].edits).toBe(1);

    // the fixing push: the line's comment says which commit resolved it
    const fixed = s.fake.commit({ [UP]: "SET lock_timeout = '1s';\nALTER TABLE users ADD COLUMN token uuid;\n", [DOWN]: "SET lock_timeout = '1s';\nALTER TABLE users DROP COLUMN token;\n" }, head3);
    s.fake.push(31, fixed);
    await s.pullRequest("synchronize", 31);
    expect(s.fake.checkRunsFor(fixed)[0].conclusion).toBe("success");
    expect(ours()).toHaveLength(1);
    expect(ours()[0].body).toMatch(new RegExp(`^✅ \\*\\*Resolved\\*\\* in ${fixed.slice(0, 7)}`));
    expect(parseCommentMarkers(ours()[0].body)).toEqual({ fingerprints: parseCommentMarkers(ours()[0].body).fingerprints, resolvedIn: fixed });
    expect(parseCommentMarkers(ours()[0].body).fingerprints).toHaveLength(second.length);
  });
});

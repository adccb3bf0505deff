/**
 * The README's Alembic driver, through the App: after `op.execute("COMMIT")` psycopg2 sends no BEGIN again (what
 * follows runs in autocommit, so CONCURRENTLY succeeds), psycopg 3 begins a new transaction (CONCURRENTLY fails).
 * The App reads the driver from the dependency files above the revision (here requirements/prod.txt, one folder
 * down from the project) exactly as the CLI does. Signed webhooks over HTTP against the local GitHub API, which
 * checks every request against GitHub's OpenAPI; the check run and the inline comments as users see them.
 */
import { describe, expect, it } from "@jest/globals";
import { BOT_LOGIN } from "./support/fake-github.js";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";

const revision = (id: string, down: string, up: string[], back: string) =>
  `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "${id}"\ndown_revision = ${down}\n\n\ndef upgrade():\n${up.map((l) => `    ${l}\n`).join("")}\n\ndef downgrade():\n    ${back}\n`;
const ADDED = "migrations/versions/b2_index.py";
const COMMIT_LINE = 9;
const INDEX_LINE = 10;
const base = (requirement: string): Record<string, string> => ({
  "README.md": "# App\n",
  "requirements/prod.txt": `alembic==1.13.2\n${requirement}\n`,
  "migrations/env.py": "from alembic import context\n\ncontext.configure()\n",
  "migrations/script.py.mako": '"""${message}"""\nrevision = ${repr(up_revision)}\n',
  "migrations/versions/a1_initial.py": revision("a1", "None", ['op.create_table("event", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("source", sa.String()))'], 'op.drop_table("event")'),
});
const added = {
  [ADDED]: revision("b2", '"a1"', ['op.execute("COMMIT")', 'op.create_index("ix_event_source", "event", ["source"], postgresql_concurrently=True)'], 'op.drop_index("ix_event_source", table_name="event")'),
};

let s: Scenario | undefined;
useScenario();

const ours = (pull: number) => s!.fake.commentsOn(pull).filter((c) => c.user.login === BOT_LOGIN);
const rulesOf = (annotations: Array<{ title: string; annotation_level: string }>) => annotations.filter((a) => a.annotation_level !== "notice").map((a) => a.title.split(":")[0]);

describe("the Alembic driver read from the repository's dependency files, through the App", () => {
  it("psycopg 3 (requirements/prod.txt): the concurrent build after the raw COMMIT fails the check, on its line", async () => {
    s = await startScenario({ baseFiles: base("psycopg[binary]==3.2.3") });
    const head = s.openPull(91, added);
    expect((await s.pullRequest("opened", 91)).status).toBe(200);

    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(run.annotations.find((a) => a.title.startsWith("concurrently-in-transaction"))).toMatchObject({ path: ADDED, start_line: INDEX_LINE, annotation_level: "failure" });
    const comment = ours(91).find((c) => c.body.includes("`concurrently-in-transaction`"));
    expect(comment).toMatchObject({ path: ADDED, line: INDEX_LINE });
    expect(comment!.body).toContain("psycopg 3 (the project's driver) sends BEGIN again");
    expect(comment!.body).toContain("with op.get_context().autocommit_block():");
  });

  it("psycopg2 (the same file naming psycopg2-binary): no concurrently-in-transaction; the COMMIT before two statements is a warning that says the rest runs in autocommit", async () => {
    s = await startScenario({ baseFiles: base("psycopg2-binary==2.9.9") });
    // two statements after the COMMIT: one alone could not be left half applied (a note, below)
    const head = s.openPull(92, { [ADDED]: revision("b2", '"a1"', ['op.execute("COMMIT")', 'op.create_index("ix_event_source", "event", ["source"], postgresql_concurrently=True)', 'op.create_index("ix_event_id_source", "event", ["id", "source"], postgresql_concurrently=True)'], 'op.drop_index("ix_event_id_source", table_name="event")\n    op.drop_index("ix_event_source", table_name="event")') });
    expect((await s.pullRequest("opened", 92)).status).toBe(200);

    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run.status).toBe("completed");
    expect(run.conclusion).not.toBe("failure");
    expect(rulesOf(run.annotations)).toEqual(["transaction-nesting"]);
    expect(run.annotations[0]).toMatchObject({ path: ADDED, start_line: COMMIT_LINE, annotation_level: "warning" });
    expect(run.annotations[0].message).toContain("psycopg2 (the project's driver) sends no BEGIN again");
    // a warning is no inline comment by default (review_comments: error)
    expect(ours(92)).toEqual([]);
  });

  it("psycopg2 and one statement after the COMMIT with nothing before it: nothing can be left half applied, so no annotation and no failure", async () => {
    s = await startScenario({ baseFiles: base("psycopg2-binary==2.9.9") });
    const head = s.openPull(94, added);
    expect((await s.pullRequest("opened", 94)).status).toBe(200);

    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run.status).toBe("completed");
    expect(run.conclusion).not.toBe("failure");
    expect(rulesOf(run.annotations)).toEqual([]);
    expect(ours(94)).toEqual([]);
  });

  it("a pull request that moves the project to psycopg 3 with the revision is judged on its own dependency files", async () => {
    s = await startScenario({ baseFiles: base("psycopg2-binary==2.9.9") });
    const head = s.openPull(93, { ...added, "requirements/prod.txt": "alembic==1.13.2\npsycopg[binary]==3.2.3\n" });
    expect((await s.pullRequest("opened", 93)).status).toBe(200);

    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run.conclusion).toBe("failure");
    expect(rulesOf(run.annotations)).toContain("concurrently-in-transaction");
  });
});

/**
 * The README's Alembic detection, through the App: revisions below any folder holding Alembic's `env.py` and
 * `script.py.mako` are migrations, whatever the folder's name (a `script_location` named only in alembic.ini,
 * as Netflix dispatch's `src/dispatch/database/revisions/core`). Signed webhooks over HTTP, the local GitHub API
 * checking every request against GitHub's OpenAPI description; the check run and the inline comment as users
 * see them. Nothing in the path says alembic or migrations, so only the two files can mark the folder.
 */
import { describe, expect, it } from "@jest/globals";
import { BOT_LOGIN } from "./support/fake-github.js";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";

const LOCATION = "src/app/database/revisions/core";
const revision = (id: string, down: string, up: string, back: string) =>
  `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "${id}"\ndown_revision = ${down}\n\n\ndef upgrade():\n    ${up}\n\n\ndef downgrade():\n    ${back}\n`;
const INITIAL = `${LOCATION}/versions/2025-01-01_a1_initial.py`;
const ADDED = `${LOCATION}/versions/2025-02-01_b2_index.py`;
/** the line of `upgrade()`'s statement in `revision` */
const UPGRADE_LINE = 9;
const CREATE_INDEX = 'op.create_index("ix_event_source", "event", ["source"])';
const DROP_INDEX = 'op.drop_index("ix_event_source", table_name="event")';
const CREATE_EVENT = 'op.create_table("event", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("source", sa.String()))';

/** the script location's own files: the two that mark it, and alembic.ini naming it (outside it, as dispatch does) */
const scriptLocation = (location: string) => ({
  "src/app/alembic.ini": `[alembic]\nscript_location = app:${location.replace("src/app/", "")}\n`,
  [`${location}/env.py`]: "from alembic import context\n\ncontext.configure()\n",
  [`${location}/script.py.mako`]: '"""${message}"""\nrevision = ${repr(up_revision)}\n',
});

const BASE: Record<string, string> = {
  "README.md": "# App\n",
  ...scriptLocation(LOCATION),
  [INITIAL]: revision("a1", "None", CREATE_EVENT, 'op.drop_table("event")'),
};

let s: Scenario | undefined;
useScenario();

const ours = (pull: number) => s!.fake.commentsOn(pull).filter((c) => c.user.login === BOT_LOGIN);

describe("an Alembic script location of any name", () => {
  it("reviews a revision added below a folder holding env.py and script.py.mako", async () => {
    s = await startScenario({ baseFiles: BASE });
    const head = s.openPull(61, { [ADDED]: revision("b2", '"a1"', CREATE_INDEX, DROP_INDEX) });
    expect((await s.pullRequest("opened", 61)).status).toBe(200);

    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(run.output.summary).toContain("`index-without-concurrently`");
    expect(run.annotations.find((a) => a.title.startsWith("index-without-concurrently"))).toMatchObject({ path: ADDED, start_line: UPGRADE_LINE, annotation_level: "failure" });
    // the hazard is the one finding: the revision was read as Alembic, its downgrade undoing it
    expect(run.annotations.filter((a) => a.annotation_level !== "notice").map((a) => a.title.split(":")[0])).toEqual(["index-without-concurrently"]);
    // the inline comment sits on the create_index line and gives Alembic's concurrent build
    const comment = ours(61).find((c) => c.body.includes("`index-without-concurrently`"));
    expect(comment).toMatchObject({ path: ADDED, line: UPGRADE_LINE });
    expect(comment!.body).toContain("postgresql_concurrently=True");
  });

  it("reviews a script location the pull request itself creates", async () => {
    // env.py and script.py.mako arrive in the same change; the index is on a table the change does not create
    s = await startScenario({ baseFiles: { "README.md": "# App\n" } });
    const location = "src/app/database/revisions/tenant";
    const added = `${location}/versions/2025-03-01_c3_index.py`;
    const head = s.openPull(62, {
      ...scriptLocation(location),
      [`${location}/versions/2025-01-01_t1_initial.py`]: revision("t1", "None", 'op.add_column("event", sa.Column("tenant", sa.String()))', 'op.drop_column("event", "tenant")'),
      [added]: revision("c3", '"t1"', CREATE_INDEX, DROP_INDEX),
    });
    expect((await s.pullRequest("opened", 62)).status).toBe(200);

    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run.conclusion).toBe("failure");
    expect(run.annotations.find((a) => a.title.startsWith("index-without-concurrently"))).toMatchObject({ path: added, start_line: UPGRADE_LINE });
    expect(ours(62).find((c) => c.body.includes("`index-without-concurrently`"))).toMatchObject({ path: added, line: UPGRADE_LINE });
  });

  it("does not take a versions/ folder for revisions without both marking files", async () => {
    // env.py alone (a script, a tool's environment) does not make a script location: the same revision is no migration
    const { [`${LOCATION}/script.py.mako`]: _template, ...withoutTemplate } = BASE;
    s = await startScenario({ baseFiles: withoutTemplate });
    const head = s.openPull(63, { [ADDED]: revision("b2", '"a1"', CREATE_INDEX, DROP_INDEX) });
    expect((await s.pullRequest("opened", 63)).status).toBe(200);

    // the base tree was listed to look for the marking files; it has env.py but no script.py.mako
    expect(s.fake.requests.some((r) => r.path.includes(`/git/trees/${s!.base}`))).toBe(true);
    const run = s.fake.checkRunsFor(head).at(-1);
    expect(run?.annotations.filter((a) => a.path === ADDED) ?? []).toEqual([]);
    expect(run?.conclusion ?? "success").not.toBe("failure");
    expect(ours(63)).toEqual([]);
  });
});

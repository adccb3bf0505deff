/**
 * The README's database evidence from what a Python project installs (Databases: a driver in requirements.txt such as
 * OpenStack Octavia's `oslo.db[mysql]`), through the App: a pull request adding an Alembic revision that sends MySQL's
 * own `ALTER TABLE ... MODIFY` and a foreign key. With the MySQL driver in the base branch's requirements the App
 * reads the revision with MySQL's grammar and MySQL's rules (no PostgreSQL syntax error, no NOT VALID advice);
 * without it PostgreSQL is assumed, unless the revision's own SQL is MySQL's (the folder is then read as MySQL). Signed webhooks over HTTP against the local
 * GitHub API, which checks every request against GitHub's OpenAPI.
 */
import { describe, expect, it } from "@jest/globals";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";

const VERSIONS = "lbaas/db/migration/alembic_migrations/versions";
const base = (requirements: string): Record<string, string> => ({
  "README.md": "# Load balancer\n",
  "requirements.txt": requirements,
  "lbaas/db/migration/alembic.ini": "[alembic]\nscript_location = %(here)s/alembic_migrations\nsqlalchemy.url =\n",
  "lbaas/db/migration/alembic_migrations/env.py": "from alembic import context\n\n\ndef run_migrations_online():\n    pass\n",
  "lbaas/db/migration/alembic_migrations/script.py.mako": "",
  [`${VERSIONS}/0001_initial.py`]:
    'from alembic import op\nimport sqlalchemy as sa\n\nrevision = "0001"\ndown_revision = None\n\n\ndef upgrade():\n    op.create_table("listener", sa.Column("id", sa.Integer, primary_key=True), sa.Column("weight", sa.Integer))\n    op.create_table("pool", sa.Column("id", sa.Integer, primary_key=True))\n',
});
const ADDED = `${VERSIONS}/0002_listener_pool.py`;
/** the same revision without MySQL's own SQL: only the repository's files can name the database */
const portable = () => ({ [ADDED]: added[ADDED].replace('    op.execute("ALTER TABLE listener MODIFY weight INTEGER NOT NULL")\n', "").replace('\n    op.execute("ALTER TABLE listener MODIFY weight INTEGER NULL")', "") });
const added = {
  [ADDED]:
    'from alembic import op\nimport sqlalchemy as sa\n\nrevision = "0002"\ndown_revision = "0001"\n\n\ndef upgrade():\n    op.execute("ALTER TABLE listener MODIFY weight INTEGER NOT NULL")\n    op.add_column("listener", sa.Column("pool_id", sa.Integer))\n    op.create_foreign_key("fk_listener_pool", "listener", "pool", ["pool_id"], ["id"])\n\n\ndef downgrade():\n    op.drop_constraint("fk_listener_pool", "listener", type_="foreignkey")\n    op.drop_column("listener", "pool_id")\n    op.execute("ALTER TABLE listener MODIFY weight INTEGER NULL")\n',
};

let s: Scenario | undefined;
useScenario();

const titles = (annotations: Array<{ title: string }>) => annotations.map((a) => a.title.split(":")[0]);

describe("the database a Python project's requirements install, through the App", () => {
  it("requirements.txt's oslo.db[mysql]: the revision is judged by MySQL's rules (MySQL's table copy for the foreign key, no NOT VALID advice)", async () => {
    s = await startScenario({ baseFiles: base("alembic>=0.9\noslo.db[mysql]>=8.4.0 # Apache-2.0\n") });
    const head = s.openPull(121, portable());
    expect((await s.pullRequest("opened", 121)).status).toBe(200);

    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run.status).toBe("completed");
    expect(titles(run.annotations)).not.toContain("syntax-error");
    expect(titles(run.annotations)).not.toContain("constraint-without-not-valid");
    expect(titles(run.annotations)).toContain("mysql-table-copy");
  });

  it("no driver named anywhere and no MySQL-only SQL: PostgreSQL is assumed, so the foreign key gets PostgreSQL's NOT VALID error", async () => {
    s = await startScenario({ baseFiles: base("alembic>=0.9\n") });
    const head = s.openPull(122, portable());
    expect((await s.pullRequest("opened", 122)).status).toBe(200);

    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(titles(run.annotations)).toContain("constraint-without-not-valid");
    expect(titles(run.annotations)).not.toContain("mysql-table-copy");
  });

  it("no driver named anywhere, but the revision's MODIFY is MySQL's own: the folder is read as MySQL, not failed with PostgreSQL's syntax error", async () => {
    s = await startScenario({ baseFiles: base("alembic>=0.9\n") });
    const head = s.openPull(123, added);
    expect((await s.pullRequest("opened", 123)).status).toBe(200);

    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run.status).toBe("completed");
    expect(titles(run.annotations)).not.toContain("syntax-error");
    expect(titles(run.annotations)).not.toContain("constraint-without-not-valid");
    expect(run.annotations.find((a) => a.title.startsWith("mysql-table-copy"))).toMatchObject({ path: ADDED, start_line: 9 });
  });
});

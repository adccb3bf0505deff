/**
 * `migguard review` of a pull request that adds an Alembic revision to a script_location named only in
 * alembic.ini (Netflix dispatch keeps them in src/dispatch/database/revisions/{core,tenant}/versions; the fourth
 * independent replay found every one of those pull requests reviewed nothing and passing).
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const location = "src/dispatch/database/revisions/core";
const revision = (id: string, down: string, body: string) =>
  `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "${id}"\ndown_revision = ${down}\n\n\ndef upgrade():\n    ${body}\n\n\ndef downgrade():\n    pass\n`;

it("reviews a revision added to a script location found by its env.py and script.py.mako", async () => {
  const repo = featureBranchOn({
    "src/dispatch/alembic.ini": "[alembic]\nscript_location = dispatch:database/revisions/core\n",
    [`${location}/env.py`]: "from alembic import context\n",
    [`${location}/script.py.mako`]: '"""${message}"""\n',
    [`${location}/versions/2025-01-01_a1_initial.py`]: revision("a1", "None", 'op.create_table("event", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("source", sa.String()))'),
  });
  repo.write({ [`${location}/versions/2025-02-01_b2_index.py`]: revision("b2", '"a1"', 'op.create_index("ix_event_source", "event", ["source"])') }).commit("index event.source");
  const { exitCode, findings } = await reviewJson(repo);
  expect(findings.map((f) => [f.path, f.rule, f.severity])).toContainEqual([`${location}/versions/2025-02-01_b2_index.py`, "index-without-concurrently", "error"]);
  expect(exitCode).toBe(1);
});

it("reviews a revision added to a script location marked by env.py beside alembic.ini, with no template (agenta's core_oss)", async () => {
  const oss = "api/oss/databases/postgres/migrations/core_oss";
  const repo = featureBranchOn({
    [`${oss}/alembic.ini`]: "[alembic]\nscript_location = /app/oss/databases/postgres/migrations/core_oss\n",
    [`${oss}/env.py`]: "from alembic import context\n",
    [`${oss}/versions/oss1_initial.py`]: revision("a1", "None", 'op.create_table("event", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("source", sa.String()))'),
  });
  repo.write({ [`${oss}/versions/oss2_index.py`]: revision("b2", '"a1"', 'op.create_index("ix_event_source", "event", ["source"])') }).commit("index event.source");
  const { exitCode, findings } = await reviewJson(repo);
  expect(findings.map((f) => [f.path, f.rule, f.severity])).toContainEqual([`${oss}/versions/oss2_index.py`, "index-without-concurrently", "error"]);
  expect(exitCode).toBe(1);
});

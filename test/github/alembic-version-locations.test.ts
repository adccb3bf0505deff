/**
 * Alembic's version_locations through the App: alembic.ini lists a second folder of revisions of the same
 * database (`%(here)s/billing/schema`), whose name says nothing; a revision added there is reviewed as Alembic's.
 * Signed webhooks over HTTP, the local GitHub API checking every request against GitHub's OpenAPI description.
 */
import { describe, expect, it } from "@jest/globals";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";

const revision = (id: string, down: string, up: string, back: string) =>
  `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "${id}"\ndown_revision = ${down}\n\n\ndef upgrade():\n    ${up}\n\n\ndef downgrade():\n    ${back}\n`;
const ADDED = "billing/schema/b2_invoice_index.py";
const BASE = (locations: string) => ({
  "README.md": "# Billing\n",
  "alembic.ini": `[alembic]\nscript_location = %(here)s/alembic\nversion_locations = ${locations}\n`,
  "alembic/env.py": "from alembic import context\n\ncontext.configure()\n",
  "alembic/script.py.mako": '"""${message}"""\n',
  "alembic/versions/a1_initial.py": revision("a1", "None", 'op.create_table("invoice", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("number", sa.String()))', 'op.drop_table("invoice")'),
  "billing/schema/__init__.py": "",
});

let s: Scenario | undefined;
useScenario();

async function review(locations: string) {
  s = await startScenario({ baseFiles: BASE(locations) });
  const head = s.openPull(90, { [ADDED]: revision("b2", '"a1"', 'op.create_index("ix_invoice_number", "invoice", ["number"])', 'op.drop_index("ix_invoice_number", table_name="invoice")') });
  expect((await s.pullRequest("opened", 90)).status).toBe(200);
  return s.fake.checkRunsFor(head).at(-1);
}

describe("a folder alembic.ini's version_locations lists", () => {
  it("holds revisions: an index built without CONCURRENTLY fails the check", async () => {
    const run = await review("%(here)s/alembic/versions %(here)s/billing/schema");
    expect(run!.annotations.find((a) => a.title.startsWith("index-without-concurrently"))).toMatchObject({ path: ADDED, annotation_level: "failure" });
    // alembic.ini was read once, at head, before planning
    expect(s!.fake.requests.filter((r) => r.path.endsWith("/contents/alembic.ini"))).toHaveLength(1);
  });

  it("is no migration folder when alembic.ini does not list it", async () => {
    const run = await review("%(here)s/alembic/versions");
    expect(run?.annotations.filter((a) => a.path === ADDED) ?? []).toEqual([]);
  });
});

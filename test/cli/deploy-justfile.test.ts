/**
 * `migguard lint` of an Alembic project whose justfile recipe migrates then starts the server (bitcart's justfile:
 * `prod-api-up: db-migrate prod-api`, `alembic upgrade head` then `gunicorn`; the image that runs it lives in another
 * repository): the same evidence as an entrypoint that migrates then starts, so its lock findings are notes.
 */
import { run } from "../../src/cli/main.js";
import { featureBranchOn } from "./support/review-repo.js";

const revision = (id: string, down: string | null, body: string) =>
  `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "${id}"\ndown_revision = ${down ? `"${down}"` : "None"}\n\n\ndef upgrade():\n${body}\n\n\ndef downgrade():\n    pass\n`;

const migrations = {
  "alembic.ini": "[alembic]\nscript_location = migrations\n",
  "migrations/versions/a1_create_invoices.py": revision("a1", null, '    op.create_table("invoices", sa.Column("id", sa.Integer, primary_key=True), sa.Column("status", sa.Text))'),
  "migrations/versions/b2_index_status.py": revision("b2", "a1", '    op.create_index("invoices_status_idx", "invoices", ["status"])'),
};

const justfile = (upRecipe: string) =>
  `set no-exit-message := true\n\n# run api service in production\n[group("Services")]\nprod-api:\n    gunicorn -c gunicorn.conf.py main:app\n\n# run migrations and start api service in production\n[group("Services")]\n${upRecipe}\n\n[group("Database")]\ndb-migrate:\n    alembic upgrade head\n`;

const lint = async (files: Record<string, string>) => {
  const repo = featureBranchOn({ ...migrations, ...files });
  const json = JSON.parse((await run(["lint", "--format", "json", "migrations/versions/b2_index_status.py"], { cwd: repo.root })).output) as { findings: Array<{ rule: string; severity: string; message: string }> };
  const text = (await run(["lint", "migrations/versions/b2_index_status.py"], { cwd: repo.root })).output;
  return { index: json.findings.find((f) => f.rule === "index-without-concurrently")!, text };
};

describe("lint: a justfile recipe that migrates then starts the server", () => {
  it("a recipe named for production whose dependencies migrate then serve (bitcart's prod-api-up) reads offline from its line", async () => {
    const { index, text } = await lint({ justfile: justfile("prod-api-up: db-migrate prod-api") });
    expect(index.severity).toBe("info");
    expect(text).toContain("deploy: read as offline: justfile:10: the justfile recipe `prod-api-up`, named for production, runs the migrations and then starts the server (its dependencies `db-migrate`, `prod-api` first)");
  });

  it("a recipe a container command runs with `just` counts whatever its name", async () => {
    const { index, text } = await lint({ justfile: justfile("up: db-migrate prod-api"), Dockerfile: 'FROM python:3.12\nCMD ["just", "up"]\n' });
    expect(index.severity).toBe("info");
    expect(text).toContain("deploy: read as offline: justfile:10: the justfile recipe `up`, which a container runs,");
  });

  it("stays online when the server starts first, the recipe is nobody's and not production's, or a Helm chart rolls", async () => {
    const online: Array<Record<string, string>> = [
      { justfile: justfile("prod-api-up: prod-api db-migrate") },
      { justfile: justfile("up: db-migrate prod-api") },
      { justfile: justfile("prod-api-up: db-migrate prod-api"), "chart/Chart.yaml": "apiVersion: v2\nname: api\nversion: 1.0.0\n" },
    ];
    for (const files of online) {
      const { index, text } = await lint(files);
      expect(index.severity).toBe("error");
      expect(text).not.toContain("deploy: read as offline");
    }
  });
});

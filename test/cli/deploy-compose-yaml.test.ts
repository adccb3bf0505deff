/**
 * `migguard lint` on a project whose compose file is read with the YAML parser: the app's command comes from a
 * shared template (an anchor merged with `<<`), so the service that migrates then serves makes the lock finding
 * a note naming the service's line, and the same template with two replicas keeps the error.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

const compose = (replicas: number) =>
  [
    "x-app: &app",
    "  image: example/app:2",
    "  command:",
    "    - sh",
    "    - -c",
    "    - alembic upgrade head && exec uvicorn app.main:app --host 0.0.0.0",
    "  deploy:",
    `    replicas: ${replicas}`,
    "",
    "services:",
    "  api:",
    "    <<: *app",
    "    ports: ['8000:8000']",
    "  db:",
    "    image: postgres:17",
    "",
  ].join("\n");
const revision = [
  '"""index users.email"""',
  "from alembic import op",
  "",
  'revision = "0002"',
  'down_revision = "0001"',
  "",
  "",
  "def upgrade():",
  '    op.create_index("ix_users_email", "users", ["email"])',
  "",
  "",
  "def downgrade():",
  '    op.drop_index("ix_users_email", table_name="users")',
  "",
].join("\n");
const MIGRATION = "alembic/versions/0002_users_email.py";
const indexFinding = async (repo: Repo) => {
  const { output } = await run(["lint", "--format", "json", MIGRATION], { cwd: repo.root });
  return (JSON.parse(output) as { findings: Array<{ rule: string; severity: string; message: string }> }).findings.find((f) => f.rule === "index-without-concurrently");
};

describe("compose files read with the YAML parser, through the CLI", () => {
  it("lint: a command merged from an anchor migrates then serves: a note naming the service's line; two replicas from the same template: an error", async () => {
    const repo = new Repo().write({ "docker-compose.yml": compose(1), [MIGRATION]: revision, "alembic.ini": "[alembic]\nscript_location = alembic\n" }).commit("app");
    expect(await indexFinding(repo)).toMatchObject({ severity: "info", message: expect.stringContaining("Offline deploy (docker-compose.yml:11 runs the migrations") });
    repo.write({ "docker-compose.yml": compose(2) }).commit("two replicas");
    expect(await indexFinding(repo)).toMatchObject({ severity: "error" });
    expect((await run(["lint", "--verbose", MIGRATION], { cwd: repo.root })).output).toContain("docker-compose.yml:11 is compose service api runs 2 replicas");
  });

  it("lint: an entrypoint that runs the project's own Flask-Migrate CLI (`ftcli db upgrade`, FitTrackee) before gunicorn: a note naming its line", async () => {
    const repo = new Repo()
      .write({
        "docker-compose.yml": "services:\n  app:\n    image: example/app:2\n    command: 'sh docker-entrypoint.sh'\n  db:\n    image: postgres:17\n",
        "docker-entrypoint.sh": '#!/bin/bash\nset -e\n\n# Upgrade database\nftcli db upgrade || { echo "Failed to upgrade database!"; exit 1; }\nexec gunicorn -b 0.0.0.0:5000 "app:create_app()"\n',
        [MIGRATION]: revision,
        "alembic.ini": "[alembic]\nscript_location = alembic\n",
      })
      .commit("app");
    expect(await indexFinding(repo)).toMatchObject({ severity: "info", message: expect.stringContaining("Offline deploy (docker-entrypoint.sh:5 runs the migrations") });
  });
});

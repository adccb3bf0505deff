/**
 * `migguard lint` where the only compose file that migrates before the server sits in a folder named for development
 * among other words (tournesol's `dev-env/docker-compose.yml` runs `migrate` then `runserver` for a developer; its
 * production deploys with an Ansible playbook): it is no evidence of how production deploys, so the error stays. The
 * same holds for a folder of documentation (`internal_docs/`) and a file named for a test runner (`pytest`). The same
 * file at the root, or in a folder whose name only contains such a word inside a longer one (`devops/`), is the deploy.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

const MIGRATION = "db/migrate/20250101000000_index_posts_on_md5.rb";
const INDEX = "class IndexPostsOnMd5 < ActiveRecord::Migration[7.1]\n  def change\n    add_index :posts, :md5\n  end\nend\n";
const COMPOSE = 'services:\n  app:\n    build: .\n    command: ["bash", "-c", "bin/rails db:migrate && bin/rails server -b 0.0.0.0"]\n';

const indexFinding = async (repo: Repo) => {
  const { output } = await run(["lint", "--format", "json", MIGRATION], { cwd: repo.root });
  return (JSON.parse(output) as { findings: Array<{ rule: string; severity: string; message: string }> }).findings.find((f) => f.rule === "index-without-concurrently");
};

describe("a compose file in a development folder does not decide the deploy, through the CLI", () => {
  it.each(["dev-env/docker-compose.yml", "docker-example/compose.yaml", "local_dev/docker-compose.yml", ".docker/app-dev/compose.yml", "internal_docs/tls/docker-compose.yaml", "docker/docker-compose.pytest.yml"])("lint: %s migrating before the server keeps the error", async (path) => {
    const repo = new Repo().write({ [MIGRATION]: INDEX, [path]: COMPOSE }).commit("development compose");
    expect(await indexFinding(repo)).toMatchObject({ severity: "error" });
  });

  it.each(["docker-compose.yml", "devops/docker-compose.yml"])("lint: %s migrating before the server is the deploy: a note naming it", async (path) => {
    const repo = new Repo().write({ [MIGRATION]: INDEX, [path]: COMPOSE }).commit("compose");
    expect(await indexFinding(repo)).toMatchObject({ severity: "info", message: expect.stringContaining(`Offline deploy (${path}:4 runs the migrations`) });
  });
});

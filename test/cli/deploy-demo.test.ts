/**
 * `migguard lint` where a demo compose file migrates before the server (danbooru keeps one): the demo does not
 * decide the deploy, the production Dockerfile does, and a workflow that rolls Kubernetes Deployments keeps the error.
 * A compose service that mounts the checkout (openfoodnetwork's compose.yaml) is a developer's, not the deploy.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

const MIGRATION = "db/migrate/20250101000000_index_posts_on_md5.rb";
const app = {
  [MIGRATION]: "class IndexPostsOnMd5 < ActiveRecord::Migration[7.1]\n  def change\n    add_index :posts, :md5\n  end\nend\n",
  "docker-compose.demo.yaml": 'services:\n  app:\n    image: example/app\n    command: ["bash", "-c", "bin/rails db:prepare && bin/rails server -b 0.0.0.0"]\n',
};
const indexFinding = async (repo: Repo) => {
  const { output } = await run(["lint", "--format", "json", MIGRATION], { cwd: repo.root });
  return (JSON.parse(output) as { findings: Array<{ rule: string; severity: string; message: string }> }).findings.find((f) => f.rule === "index-without-concurrently");
};

describe("a demo compose file does not decide the deploy, through the CLI", () => {
  it("lint: the demo's migrate-then-serve keeps the error; the production Dockerfile's makes it a note naming its line; a rollout workflow puts the error back", async () => {
    const repo = new Repo().write(app).commit("demo");
    expect(await indexFinding(repo)).toMatchObject({ severity: "error" });
    repo.write({ Dockerfile: 'FROM ruby:3.3\nCOPY . /app\nCMD bin/rails db:migrate && bin/rails server -b 0.0.0.0\n' }).commit("image");
    expect(await indexFinding(repo)).toMatchObject({ severity: "info", message: expect.stringContaining("Offline deploy (Dockerfile:3 runs the migrations") });
    repo.write({ ".github/workflows/deploy.yaml": "jobs:\n  deploy:\n    steps:\n      - run: kubectl rollout restart deploy/app\n" }).commit("rollout");
    expect(await indexFinding(repo)).toMatchObject({ severity: "error" });
    expect((await run(["lint", "--verbose", MIGRATION], { cwd: repo.root })).output).toContain(".github/workflows/deploy.yaml:4 is a deploy workflow that runs `kubectl rollout restart`");
  });
  it("lint: a compose service that mounts the checkout migrates for a developer: the error stays; without the mount it is the deploy", async () => {
    const compose = (volumes: string) => `services:\n  web:\n    build: .\n    volumes:\n${volumes}    command: >\n      sh -lc 'bundle exec rails db:prepare &&\n              bundle exec rails s -b 0.0.0.0'\n`;
    const repo = new Repo().write({ [MIGRATION]: app[MIGRATION], "compose.yaml": compose("      - .:/usr/src/app\n      - gems:/bundles\n") }).commit("development compose");
    expect(await indexFinding(repo)).toMatchObject({ severity: "error" });
    repo.write({ "compose.yaml": compose("      - gems:/bundles\n") }).commit("production compose");
    expect(await indexFinding(repo)).toMatchObject({ severity: "info", message: expect.stringContaining("Offline deploy (compose.yaml:6 runs the migrations") });
  });
});

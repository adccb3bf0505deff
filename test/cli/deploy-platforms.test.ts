/**
 * `migguard lint` on the deploy shapes of ghostfolio (its entrypoint migrates with `npx prisma migrate deploy`, then
 * `exec node main`: offline), langfuse (the same kind of entrypoint, overruled by a workflow that updates an ECS
 * service: online), docuseal (an initializer migrates at boot, one app container: offline) and bike_index (an image
 * built for review apps with `RAILS_ENV=sandbox`, production on Cloud66 with Puma's phased restarts: online).
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

type Finding = { rule: string; severity: string; message: string };
const finding = async (repo: Repo, migration: string, rule: string) => {
  const { output } = await run(["lint", "--format", "json", migration], { cwd: repo.root });
  return (JSON.parse(output) as { findings: Finding[] }).findings.find((f) => f.rule === rule);
};

describe("container and PaaS deploys, through the CLI", () => {
  it("lint: ghostfolio's entrypoint migrates, then `exec node main`: a note naming it; an ECS deploy workflow puts the error back", async () => {
    const MIGRATION = "prisma/migrations/20250201000000_user_email/migration.sql";
    const repo = new Repo()
      .write({
        "prisma/migrations/20250101000000_init/migration.sql": 'CREATE TABLE "User" (id serial PRIMARY KEY, email text NOT NULL);\n',
        [MIGRATION]: 'CREATE INDEX "User_email_idx" ON "User" (email);\n',
        Dockerfile: 'FROM node:22-slim\nCOPY --chown=node:node ./docker/entrypoint.sh /ghostfolio/\nCMD [ "/ghostfolio/entrypoint.sh" ]\n',
        "docker/entrypoint.sh": "#!/bin/sh\nset -ex\nnpx prisma migrate deploy\nnpx prisma db seed\nexec node main\n",
      })
      .commit("app");
    expect(await finding(repo, MIGRATION, "index-without-concurrently")).toMatchObject({ severity: "info", message: expect.stringContaining("Offline deploy (docker/entrypoint.sh:3 runs the migrations") });
    expect((await run(["lint", "--verbose", MIGRATION], { cwd: repo.root })).output).toContain("deploy: read as offline: docker/entrypoint.sh:3");
    repo.write({ ".github/workflows/deploy.yml": "jobs:\n  deploy:\n    steps:\n      - uses: aws-actions/amazon-ecs-deploy-task-definition@v2\n" }).commit("ecs");
    expect(await finding(repo, MIGRATION, "index-without-concurrently")).toMatchObject({ severity: "error" });
    expect((await run(["lint", "--verbose", MIGRATION], { cwd: repo.root })).output).toContain(
      "deploy: read as online: docker/entrypoint.sh:3 migrates before the server starts, but .github/workflows/deploy.yml:4 is a deploy workflow that runs `aws-actions/amazon-ecs-deploy-task-definition`",
    );
  });

  it("lint: docuseal's initializer migrates at boot and one container serves: the rename is a note naming the call; a release phase puts the error back", async () => {
    const MIGRATION = "db/migrate/20250101000000_rename_users_deleted_at.rb";
    const repo = new Repo()
      .write({
        [MIGRATION]: "class RenameUsersDeletedAt < ActiveRecord::Migration[7.1]\n  def change\n    rename_column :users, :deleted_at, :archived_at\n  end\nend\n",
        Dockerfile: 'FROM ruby:3.4-alpine\nENV RAILS_ENV=production\nCMD ["/app/bin/bundle", "exec", "puma", "-C", "/app/config/puma.rb"]\n',
        "docker-compose.yml": "services:\n  app:\n    image: docuseal/docuseal:latest\n",
        "config/initializers/migrate.rb": "Rails.configuration.to_prepare do\n  ActiveRecord::Tasks::DatabaseTasks.migrate if ENV['RAILS_ENV'] == 'production'\nend\n",
      })
      .commit("app");
    expect(await finding(repo, MIGRATION, "rename-column")).toMatchObject({ severity: "info", message: expect.stringContaining("Offline deploy (config/initializers/migrate.rb:2 runs the migrations") });
    expect((await run(["lint", "--verbose", MIGRATION], { cwd: repo.root })).output).toContain(
      "deploy: read as offline: config/initializers/migrate.rb:2: the application runs its migrations at boot (`ActiveRecord::Tasks::DatabaseTasks.migrate` in an initializer)",
    );
    repo.write({ Procfile: "release: bin/rails db:migrate\nweb: bundle exec puma\n" }).commit("heroku");
    expect(await finding(repo, MIGRATION, "rename-column")).toMatchObject({ severity: "error" });
  });

  it("lint: bike_index's review-app image (RAILS_ENV=sandbox) does not make the rename a note; a production image does, until a Cloud66 manifest says processes restart in phases", async () => {
    const MIGRATION = "db/migrate/20250101000000_rename_bikes_serial.rb";
    const dockerfile = (environment: string) =>
      `FROM ruby:3.4-slim AS base\nENV RAILS_ENV="${environment}" \\\n    BUNDLE_DEPLOYMENT="1"\n\nFROM base\nENTRYPOINT ["/rails/bin/docker-entrypoint"]\nCMD ["./bin/thrust", "./bin/rails", "server"]\n`;
    const repo = new Repo()
      .write({
        [MIGRATION]: "class RenameBikesSerial < ActiveRecord::Migration[8.0]\n  def change\n    rename_column :bikes, :serial, :serial_number\n  end\nend\n",
        Dockerfile: dockerfile("sandbox"),
        "bin/docker-entrypoint": '#!/bin/bash -e\nif [ "${@: -1:1}" == "server" ]; then\n  ./bin/rails db:prepare\nfi\nexec "${@}"\n',
      })
      .commit("review image");
    expect(await finding(repo, MIGRATION, "rename-column")).toMatchObject({ severity: "error" });
    repo.write({ Dockerfile: dockerfile("production") }).commit("production image");
    expect(await finding(repo, MIGRATION, "rename-column")).toMatchObject({ severity: "info", message: expect.stringContaining("Offline deploy (bin/docker-entrypoint:3") });
    repo.write({ ".cloud66/manifest.yml": "production:\n  procfile_metadata:\n    web:\n      restart_signal: usr1\n" }).commit("cloud66");
    expect(await finding(repo, MIGRATION, "rename-column")).toMatchObject({ severity: "error" });
    expect((await run(["lint", "--verbose", MIGRATION], { cwd: repo.root })).output).toContain("but .cloud66/manifest.yml:4 is a Cloud66 manifest that restarts processes with `restart_signal: usr1`");
  });
});

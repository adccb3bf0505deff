/**
 * `migguard lint` on growstuff's deploy: Travis turns Heroku maintenance mode on (`script/heroku_maintenance.rb on`),
 * runs script/deploy-tasks.sh (`rails db:migrate`) and turns it off after: no request reaches the application while
 * it migrates, so the rename is a note, over Heroku's app.json; with a worker in the Procfile old code runs meanwhile.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

type Finding = { rule: string; severity: string; message: string };
const MIGRATION = "db/migrate/20190712234859_rename_photographings.rb";
const finding = async (repo: Repo) => {
  const { output } = await run(["lint", "--format", "json", MIGRATION], { cwd: repo.root });
  return (JSON.parse(output) as { findings: Finding[] }).findings.find((f) => f.rule === "rename-table");
};

describe("a deploy that migrates under maintenance mode, through the CLI", () => {
  it("lint: growstuff's Travis deploy makes the rename a note naming the line that migrates; a worker process puts the error back", async () => {
    const repo = new Repo()
      .write({
        [MIGRATION]: "class RenamePhotographings < ActiveRecord::Migration[5.2]\n  def change\n    rename_table :photographings, :photo_associations\n  end\nend\n",
        ".travis.yml":
          "language: ruby\nbefore_deploy:\n  - bundle exec script/heroku_maintenance.rb on\ndeploy:\n  provider: heroku\n  run:\n    - \"script/deploy-tasks.sh\"\n    - restart\nafter_deploy:\n  - bundle exec script/heroku_maintenance.rb off\n",
        "script/deploy-tasks.sh": "#!/bin/bash\nrails db:migrate\nrails assets:precompile\n",
        Procfile: "web: bundle exec puma -C config/puma.rb",
        "app.json": '{ "name": "growstuff", "stack": "heroku-18" }',
      })
      .commit("app");
    expect(await finding(repo)).toMatchObject({ severity: "info", message: expect.stringContaining("Offline deploy (.travis.yml:7: the deploy migrates (script/deploy-tasks.sh runs the migrations) with maintenance mode on (line 3)") });
    expect((await run(["lint", "--verbose", MIGRATION], { cwd: repo.root })).output).toContain("deploy: read as offline: .travis.yml:7");
    repo.write({ Procfile: "web: bundle exec puma\nworker: bundle exec sidekiq\n" }).commit("worker");
    expect(await finding(repo)).toMatchObject({ severity: "error" });
  });

  it("lint: a deploy workflow's one `run: |` block turning maintenance on, migrating and turning it off: each line a command, the migration's line named", async () => {
    const workflow = (steps: string[]) =>
      ["name: Deploy", "on: push", "jobs:", "  deploy:", "    runs-on: ubuntu-latest", "    steps:", "      - run: |", ...steps.map((s) => `          ${s}`), ""].join("\n");
    const repo = new Repo()
      .write({
        [MIGRATION]: "class RenamePhotographings < ActiveRecord::Migration[5.2]\n  def change\n    rename_table :photographings, :photo_associations\n  end\nend\n",
        ".github/workflows/deploy.yml": workflow(["heroku maintenance:on -a shop", "# the schema first", "heroku run rails db:migrate -a shop", "heroku maintenance:off -a shop"]),
        Procfile: "web: bundle exec puma -C config/puma.rb",
        "app.json": '{ "name": "shop" }',
      })
      .commit("app");
    expect(await finding(repo)).toMatchObject({ severity: "info", message: expect.stringContaining("Offline deploy (.github/workflows/deploy.yml:10: the deploy migrates with maintenance mode on (line 8) until after it (off at line 11)") });
    repo.write({ ".github/workflows/deploy.yml": workflow(["heroku run rails db:migrate -a shop", "heroku maintenance:on -a shop", "heroku maintenance:off -a shop"]) }).commit("late");
    expect(await finding(repo)).toMatchObject({ severity: "error" });
  });

  it("lint: Capistrano's maintenance page hooked before the migration in config/deploy.rb makes the rename a note over the Capfile's rolling release; hooked after it, the error stays", async () => {
    const repo = new Repo()
      .write({
        [MIGRATION]: "class RenamePhotographings < ActiveRecord::Migration[5.2]\n  def change\n    rename_table :photographings, :photo_associations\n  end\nend\n",
        Capfile: 'require "capistrano/setup"\nrequire "capistrano/deploy"\nrequire "capistrano/rails/migrations"\nrequire "capistrano/maintenance"\n',
        "config/deploy.rb": 'lock "~> 3.17"\nset :application, "shop"\n\nbefore "deploy:migrate", "maintenance:enable"\nafter "deploy:published", "maintenance:disable"\n',
      })
      .commit("capistrano 3");
    expect(await finding(repo)).toMatchObject({ severity: "info", message: expect.stringContaining("Offline deploy (config/deploy.rb:4: Capistrano puts up the maintenance page") });
    expect((await run(["lint", "--verbose", MIGRATION], { cwd: repo.root })).output).toContain("deploy: read as offline: config/deploy.rb:4");
    // Capistrano 2's web:disable, before the deploy:migrations that runs the migration
    repo.write({ "config/deploy.rb": 'set :application, "shop"\nbefore "deploy:migrations", "deploy:web:disable"\nafter "deploy:migrations", "deploy:web:enable"\n' }).commit("capistrano 2");
    expect(await finding(repo)).toMatchObject({ severity: "info", message: expect.stringContaining("config/deploy.rb:2") });
    // the page goes up only after the migration ran: requests met it meanwhile
    repo.write({ "config/deploy.rb": 'set :application, "shop"\nafter "deploy:migrate", "maintenance:enable"\n' }).commit("late");
    expect(await finding(repo)).toMatchObject({ severity: "error" });
  });
});

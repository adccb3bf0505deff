/**
 * `migguard lint` on a container that migrates before its server starts, with and without files that count more
 * than one instance: teaching-vacancies' Terraform variables (eight AKS web pods, each migrating before `rails s`),
 * in JSON or HCL, an ECS service's desired_count, a Cloud Foundry manifest, fly.toml. One instance, a data store's replicas or a review app's count leave the deploy
 * offline (the findings notes); more than one instance of the application makes it online (the findings kept).
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

type Finding = { rule: string; severity: string; message: string };
const MIGRATION = "db/migrate/20250101000000_rename_vacancies_title.rb";

const severity = async (repo: Repo) => {
  const { output } = await run(["lint", "--format", "json", MIGRATION], { cwd: repo.root });
  return (JSON.parse(output) as { findings: Finding[] }).findings.find((f) => f.rule === "rename-column")?.severity;
};
const verbose = async (repo: Repo) => (await run(["lint", "--verbose", MIGRATION], { cwd: repo.root })).output;

/** teaching-vacancies' image: its CMD migrates, then starts the server */
const app = (files: Record<string, string>) =>
  new Repo()
    .write({
      [MIGRATION]: "class RenameVacanciesTitle < ActiveRecord::Migration[8.0]\n  def change\n    rename_column :vacancies, :title, :job_title\n  end\nend\n",
      Dockerfile: "FROM ruby:3.4-alpine\nENV RAILS_ENV=production\nCMD bundle exec rails db:prepare && bundle exec rails s\n",
      ...files,
    })
    .commit("app");

const tfvars = (values: Record<string, unknown>) => JSON.stringify({ app_environment: "production", ...values }, null, 2) + "\n";

describe("instance counts in infrastructure files decide whether a migrating container deploys offline, through the CLI", () => {
  it("lint: eight web instances in a production tfvars.json make the deploy online, naming the line; one instance, a database's replicas or a review app's count leave it offline", async () => {
    const repo = app({
      "terraform/workspace-variables/production.tfvars.json": tfvars({ aks_web_app_instances: 1, postgres_read_replicas: 3, redis_cache_capacity: 2 }),
      "terraform/workspace-variables/review.tfvars.json": tfvars({ aks_web_app_instances: 4 }),
    });
    expect(await severity(repo)).toBe("info");
    expect(await verbose(repo)).toContain("deploy: read as offline: Dockerfile:3");

    repo.write({ "terraform/workspace-variables/production.tfvars.json": tfvars({ aks_worker_app_instances: "1", aks_web_app_instances: 8 }) }).commit("scale");
    expect(await severity(repo)).toBe("error");
    expect(await verbose(repo)).toContain(
      "deploy: read as online: Dockerfile:3 migrates before the server starts, but terraform/workspace-variables/production.tfvars.json:4 is `aks_web_app_instances: 8` in Terraform variables",
    );
  });

  it("lint: a Terraform variable in JSON whose default counts two replicas makes the deploy online", async () => {
    const repo = app({ "infra/variables.tf.json": JSON.stringify({ variable: { web_replicas: { type: "number", default: 2 } } }) });
    expect(await severity(repo)).toBe("error");
  });

  it("lint: Terraform's HCL, read with its grammar: a .tfvars counting eight web instances or an ECS service's desired_count of 2 make the deploy online; a count from an expression, one instance or a database's replicas do not", async () => {
    const repo = app({
      "terraform/production.tfvars": 'environment = "production"\naks_web_app_instances = 1\npostgres_read_replicas = 3\n',
      "terraform/ecs.tf": 'resource "aws_ecs_service" "web" {\n  name          = "web"\n  desired_count = var.web_count\n}\n\nvariable "web_count" {\n  type = number\n}\n',
    });
    expect(await severity(repo)).toBe("info");
    repo.write({ "terraform/production.tfvars": 'environment = "production"\n# eight pods, each migrating before rails s\naks_web_app_instances = 8\n' }).commit("scale");
    expect(await severity(repo)).toBe("error");
    expect(await verbose(repo)).toContain("but terraform/production.tfvars:3 is `aks_web_app_instances = 8` in Terraform's configuration");
    repo.write({ "terraform/production.tfvars": 'environment = "production"\n', "terraform/ecs.tf": 'resource "aws_ecs_service" "web" {\n  name          = "web"\n  desired_count = 2\n}\n' }).commit("ecs");
    expect(await severity(repo)).toBe("error");
    expect(await verbose(repo)).toContain("but terraform/ecs.tf:3 is `desired_count = 2`");
  });

  it("lint: a single compose service stays offline; a Cloud Foundry manifest with three instances, or fly.toml keeping two machines, makes the deploy online", async () => {
    const compose = { "docker-compose.yml": "services:\n  web:\n    build: .\n    ports: ['3000:3000']\n" };
    expect(await severity(app(compose))).toBe("info");
    expect(await severity(app({ ...compose, "manifest.yml": "applications:\n  - name: web\n    instances: 1\n" }))).toBe("info");
    const cloudFoundry = app({ ...compose, "manifest.yml": "applications:\n  - name: web\n    memory: 1G\n    instances: 3\n" });
    expect(await severity(cloudFoundry)).toBe("error");
    expect(await verbose(cloudFoundry)).toContain("but manifest.yml:4 is `instances: 3` in a Cloud Foundry manifest");
    expect(await severity(app({ "fly.toml": 'app = "tv"\n\n[http_service]\n  internal_port = 3000\n  min_machines_running = 1\n' }))).toBe("info");
    expect(await severity(app({ "fly.toml": 'app = "tv"\n\n[http_service]\n  internal_port = 3000\n  min_machines_running = 2\n' }))).toBe("error");
  });
});

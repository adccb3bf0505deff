/**
 * The deploy model on the shapes the seed 15/16 judges and replay 10 read by hand: ghostfolio's entrypoint that
 * migrates and then `exec node main` (offline), langfuse's entrypoint overruled by its ECS deploy workflow, and
 * bike_index, whose entrypoint serves review apps only (its image sets `RAILS_ENV=sandbox`) while production is
 * Cloud66 with Puma's phased restarts (online).
 */
import { defaultConfig } from "../config.js";
import { decideDeploy } from "./deploy-model.js";
import { deployPaths } from "./deploy-paths.js";
import { loadDeployReaders } from "./deploy-readers.js";

const auto = defaultConfig();
const files = (all: Record<string, string>) => Object.entries(all).map(([path, content]) => ({ path, content }));

beforeAll(() => loadDeployReaders());

/** ghostfolio's: the Dockerfile copies docker/entrypoint.sh to /ghostfolio/ and runs it from there */
const GHOSTFOLIO = {
  Dockerfile: 'FROM node:22-slim\nWORKDIR /ghostfolio/apps/api\nCOPY --chown=node:node ./docker/entrypoint.sh /ghostfolio/\nUSER node\nCMD [ "/ghostfolio/entrypoint.sh" ]\n',
  "docker/entrypoint.sh": '#!/bin/sh\n\nset -ex\n\necho "Running database migrations"\nnpx prisma migrate deploy\n\necho "Seeding the database"\nnpx prisma db seed\n\necho "Starting the server"\nexec node main\n',
};

describe("an entrypoint that hands the container to Node (ghostfolio)", () => {
  it("reads `npx prisma migrate deploy`, then `exec node main`, as offline, naming the migration's line", () => {
    expect(decideDeploy(auto, files(GHOSTFOLIO))).toMatchObject({ mode: "offline", source: "detected", offline: { path: "docker/entrypoint.sh", line: 6 } });
    // pnpm's and yarn's runners are the same command
    const pnpm = GHOSTFOLIO["docker/entrypoint.sh"].replace("npx prisma", "pnpm exec prisma");
    expect(decideDeploy(auto, files({ ...GHOSTFOLIO, "docker/entrypoint.sh": pnpm })).mode).toBe("offline");
  });

  it("does not follow a COPY to another name (open-forms' docker_start.sh run as /start.sh): nothing there shows its Helm chart's rolling pods", () => {
    const openForms = {
      Dockerfile: 'FROM python:3.12-slim\nCOPY ./bin/docker_start.sh /start.sh\nCMD ["/start.sh"]\n',
      "bin/docker_start.sh": "#!/bin/sh\nset -ex\npython src/manage.py migrate\nexec uwsgi --http :8000\n",
    };
    expect(decideDeploy(auto, files(openForms))).toEqual({ mode: "online", source: "default" });
  });

  it("stays online when the script does not hand over to the server, or starts it before migrating", () => {
    const noServer = GHOSTFOLIO["docker/entrypoint.sh"].replace("exec node main", "node main &");
    expect(decideDeploy(auto, files({ ...GHOSTFOLIO, "docker/entrypoint.sh": noServer })).mode).toBe("online");
    const serverFirst = "#!/bin/sh\nexec node main\nnpx prisma migrate deploy\n";
    expect(decideDeploy(auto, files({ ...GHOSTFOLIO, "docker/entrypoint.sh": serverFirst })).mode).toBe("online");
  });
});

describe("deploy workflows of container platforms that roll", () => {
  const LANGFUSE = {
    "web/Dockerfile": 'FROM node:24-alpine\nENTRYPOINT ["dumb-init", "--", "./web/entrypoint.sh"]\nCMD ["node", "web/server.js"]\n',
    "web/entrypoint.sh": '#!/bin/sh\nprisma migrate deploy --schema=./packages/db/prisma/schema.prisma\nexec "$@"\n',
  };
  it("reads langfuse's entrypoint as online once its workflow updates an ECS service (new tasks beside the old ones)", () => {
    expect(decideDeploy(auto, files(LANGFUSE)).mode).toBe("offline");
    const ecs = "jobs:\n  ecs-deploy:\n    steps:\n      - name: Update AWS ECS Service\n        uses: aws-actions/amazon-ecs-deploy-task-definition@c465972ecbd1 # v2.6.3\n";
    expect(decideDeploy(auto, files({ ...LANGFUSE, ".github/workflows/_deploy_ecs_service.yml": ecs }))).toMatchObject({
      mode: "online",
      offline: { path: "web/entrypoint.sh", line: 2 },
      rolling: { path: ".github/workflows/_deploy_ecs_service.yml", line: 5, what: expect.stringContaining("amazon-ecs-deploy-task-definition") },
    });
  });
  it.each([
    ["aws ecs update-service --cluster prod --service web --force-new-deployment", "aws ecs update-service"],
    ["gcloud run deploy web --image $IMAGE", "gcloud run deploy"],
    ["kamal deploy --version $SHA", "kamal deploy"],
  ])("reads a deploy workflow that runs `%s` as rolling", (command, shown) => {
    const workflow = `jobs:\n  deploy:\n    steps:\n      - run: ${command}\n`;
    expect(decideDeploy(auto, files({ ...LANGFUSE, ".github/workflows/deploy.yml": workflow }))).toMatchObject({ mode: "online", rolling: { line: 4, what: expect.stringContaining(shown) } });
  });
});

/** bike_index's: the image runs its entrypoint (db:prepare, then the CMD); the image sets RAILS_ENV in its base stage */
const dockerfile = (environment: string) =>
  `ARG RUBY_VERSION=4.0\nFROM ruby:$RUBY_VERSION-slim AS base\nENV RAILS_ENV="${environment}" \\\n    BUNDLE_DEPLOYMENT="1"\n\nFROM base AS build\nRUN bundle install\n\nFROM base\nCOPY --from=build /rails /rails\nENTRYPOINT ["/rails/bin/docker-entrypoint"]\nCMD ["./bin/thrust", "./bin/rails", "server"]\n`;
const BIKE_INDEX = {
  Dockerfile: dockerfile("production"),
  "bin/docker-entrypoint": '#!/bin/bash -e\nif [ "${@: -1:1}" == "server" ]; then\n  ./bin/rails db:prepare\nfi\nexec "${@}"\n',
};

describe("an image for review apps, and PaaS deploys that roll (bike_index)", () => {
  it("leaves out the entrypoint of an image whose Dockerfile sets a review or sandbox environment, in the stage it ends with", () => {
    expect(decideDeploy(auto, files(BIKE_INDEX))).toMatchObject({ mode: "offline", offline: { path: "bin/docker-entrypoint", line: 3 } });
    expect(decideDeploy(auto, files({ ...BIKE_INDEX, Dockerfile: dockerfile("sandbox") }))).toEqual({ mode: "online", source: "default" });
    // the older `ENV KEY value` form, and an environment the final stage sets back to production
    expect(decideDeploy(auto, files({ ...BIKE_INDEX, Dockerfile: dockerfile("production").replace('ENV RAILS_ENV="production" \\', "ENV RAILS_ENV review\nENV X=1 \\") })).mode).toBe("online");
    expect(decideDeploy(auto, files({ ...BIKE_INDEX, Dockerfile: dockerfile("sandbox").replace("FROM base\n", "FROM base\nENV RAILS_ENV=production\n") })).mode).toBe("offline");
    // a production image that runs the same entrypoint still counts
    expect(decideDeploy(auto, files({ ...BIKE_INDEX, Dockerfile: dockerfile("sandbox"), "Dockerfile.production": dockerfile("production") })).mode).toBe("offline");
  });

  it("reads a Cloud66 manifest as rolling, at its restart_signal (Puma's phased restart) or else its environment", () => {
    const manifest = "production:\n  rails:\n    configuration:\n      ruby_version: \"4.0.6\"\n  procfile_metadata:\n    web:\n      restart_signal: usr1\n";
    expect(decideDeploy(auto, files({ ...BIKE_INDEX, ".cloud66/manifest.yml": manifest }))).toMatchObject({
      mode: "online",
      rolling: { path: ".cloud66/manifest.yml", line: 7, what: expect.stringContaining("`restart_signal: usr1`") },
    });
    const plain = "production:\n  rails:\n    configuration:\n      ruby_version: \"4.0.6\"\n";
    expect(decideDeploy(auto, files({ ...BIKE_INDEX, ".cloud66/manifest.yml": plain }))).toMatchObject({ mode: "online", rolling: { line: 1, what: expect.stringContaining("Cloud66") } });
    expect(decideDeploy(auto, files({ ...BIKE_INDEX, ".cloud66/manifest.yml": "" })).mode).toBe("offline");
  });

  it("reads Kamal's config/deploy.yml as rolling; a review app's config/deploy.review.yml, or a file without Kamal's keys, is not", () => {
    const kamal = "# Kamal\nservice: bike-index\nimage: bikeindex/bike_index\nservers:\n  web:\n    - 192.168.0.1\nproxy:\n  ssl: true\n";
    expect(decideDeploy(auto, files({ ...BIKE_INDEX, "config/deploy.yml": kamal }))).toMatchObject({ mode: "online", rolling: { path: "config/deploy.yml", line: 2, what: expect.stringContaining("Kamal") } });
    expect(decideDeploy(auto, files({ ...BIKE_INDEX, "config/deploy.review.yml": kamal })).mode).toBe("offline");
    expect(decideDeploy(auto, files({ ...BIKE_INDEX, "config/deploy.yml": "service: web\n" })).mode).toBe("offline");
  });

  it("selects the Cloud66 manifest and Kamal's config as deploy files", () => {
    expect(deployPaths([".cloud66/manifest.yml", ".cloud66/deploy_hooks.yml", "config/deploy.yml", "config/deploy.staging.yml", "config/database.yml"])).toEqual([
      ".cloud66/manifest.yml",
      "config/deploy.staging.yml",
      "config/deploy.yml",
    ]);
  });
});

/** growstuff's: Travis turns Heroku maintenance mode on, runs script/deploy-tasks.sh (rails db:migrate), then turns it off */
const GROWSTUFF = {
  ".travis.yml":
    'language: ruby\nbefore_deploy:\n  - bundle exec script/heroku_maintenance.rb on\ndeploy:\n  provider: heroku\n  app:\n    mainline: growstuff-prod\n  run:\n    - "script/deploy-tasks.sh"\n    - restart\nafter_deploy:\n  - bundle exec script/heroku_maintenance.rb off\n',
  "script/deploy-tasks.sh": "#!/bin/bash\n# tasks to run at deploy time, usually after 'rake db:migrate'\nrails db:migrate\nrails assets:precompile\n",
  Procfile: "web: bundle exec puma -C config/puma.rb",
  "app.json": '{ "name": "growstuff", "stack": "heroku-18", "formation": { "web": { "quantity": 1 } } }',
};

describe("a deploy that migrates under maintenance mode (growstuff)", () => {
  it("reads the migration between maintenance on and off as offline, over Heroku's app.json, naming the line that migrates", () => {
    expect(decideDeploy(auto, files(GROWSTUFF))).toMatchObject({ mode: "offline", source: "detected", offline: { path: ".travis.yml", line: 9, reason: "no traffic reaches the application while it migrates" } });
    // the App fetches the same files
    expect(deployPaths(Object.keys(GROWSTUFF))).toEqual(expect.arrayContaining([".travis.yml", "script/deploy-tasks.sh"]));
  });

  it("stays online when the migration is not between on and off, or worker dynos keep running old code", () => {
    const noOff = GROWSTUFF[".travis.yml"].replace(/after_deploy:[\s\S]*$/, "");
    expect(decideDeploy(auto, files({ ...GROWSTUFF, ".travis.yml": noOff })).mode).toBe("online");
    const noMigration = { ...GROWSTUFF, "script/deploy-tasks.sh": "#!/bin/bash\n# rails db:migrate runs in the release phase\nrails assets:precompile\n" };
    expect(decideDeploy(auto, files(noMigration)).mode).toBe("online");
    expect(decideDeploy(auto, files({ ...GROWSTUFF, Procfile: "web: bundle exec puma\nworker: bundle exec sidekiq\n" })).mode).toBe("online");
  });

  it("reads a GitHub Actions job and a deploy script that run `heroku maintenance:on`, the migration, `heroku maintenance:off`", () => {
    const workflow = "jobs:\n  deploy:\n    steps:\n      - run: heroku maintenance:on -a app\n      - run: heroku run rails db:migrate -a app\n      - run: heroku maintenance:off -a app\n";
    expect(decideDeploy(auto, files({ ".github/workflows/deploy.yml": workflow, "app.json": GROWSTUFF["app.json"] }))).toMatchObject({ mode: "offline", offline: { path: ".github/workflows/deploy.yml", line: 5 } });
    const script = "#!/bin/sh\nset -e\nheroku maintenance:on\nheroku run rake db:migrate\nheroku restart\nheroku maintenance:off\n";
    expect(decideDeploy(auto, files({ "bin/deploy.sh": script, "app.json": GROWSTUFF["app.json"] }))).toMatchObject({ mode: "offline", offline: { path: "bin/deploy.sh", line: 4 } });
    // the off before the migration: traffic is back while it runs
    // Capistrano 2's maintenance page, from a deploy script
    const cap = "#!/bin/sh\nbundle exec cap production deploy:web:disable\nbundle exec cap production deploy:migrations\nbundle exec cap production deploy:web:enable\n";
    expect(decideDeploy(auto, files({ "bin/deploy.sh": cap, Capfile: 'require "capistrano/deploy"\n' }))).toMatchObject({ mode: "offline", offline: { path: "bin/deploy.sh", line: 3 } });
    const early = "#!/bin/sh\nheroku maintenance:on\nheroku maintenance:off\nheroku run rake db:migrate\n";
    expect(decideDeploy(auto, files({ "bin/deploy.sh": early, "app.json": GROWSTUFF["app.json"] })).mode).toBe("online");
  });
});

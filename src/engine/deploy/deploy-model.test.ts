import { analyze } from "../analyze.js";
import { defaultConfig, resolveConfig } from "../config.js";
import { decideDeploy, deployNote, isDeployFile } from "./deploy-model.js";
import { deployCodePaths } from "./deploy-code-paths.js";
import { RUST_DIESEL_WORKSPACE } from "../testing/deploy-fixtures.js";
import { deployPaths, isDevelopmentPath } from "./deploy-paths.js";
import { goImports } from "./go-imports.js";
import { loadDeployReaders } from "./deploy-readers.js";
import { nodeEntryPaths } from "./node-scripts.js";

/** babybuddy / mealie style: the image's entrypoint migrates, then hands over to the CMD (gunicorn) */
const ENTRYPOINT = ["#!/bin/sh", "set -e", "# python manage.py migrate is below", "python manage.py migrate --noinput", "python manage.py collectstatic --noinput", 'exec "$@"', ""].join("\n");
const DOCKERFILE = ["FROM python:3.12", "COPY docker-entrypoint.sh /usr/local/bin/", 'ENTRYPOINT ["docker-entrypoint.sh"]', 'CMD ["gunicorn", "babybuddy.wsgi"]', ""].join("\n");
const files = (extra: Record<string, string> = {}) => Object.entries({ Dockerfile: DOCKERFILE, "docker/docker-entrypoint.sh": ENTRYPOINT, ...extra }).map(([path, content]) => ({ path, content }));
const auto = defaultConfig();

// compose files and Spring's application.yml are read with the YAML parser, which analyze() loads on demand
beforeAll(() => loadDeployReaders());

describe("deploy model", () => {
  it("reads an entrypoint that migrates and then starts the server as offline, naming the line", () => {
    const decision = decideDeploy(auto, files());
    expect(decision).toMatchObject({ mode: "offline", source: "detected", offline: { path: "docker/docker-entrypoint.sh", line: 4 } });
    expect(deployNote(decision)).toContain("docker/docker-entrypoint.sh:4");
    expect(deployNote(decision)).toContain("deploy: online");
  });

  it("does not read a source module named like an entrypoint (a linter's own offline-entrypoint.ts) as a start script", () => {
    // the module's text mentions a migrate line and exec "$@", as a shell script would
    const module = ["/** reads an entrypoint: python manage.py migrate, then exec \"$@\" */", ENTRYPOINT].join("\n");
    expect(deployPaths(["src/engine/deploy/offline-entrypoint.ts", "docker/entrypoint.py", "docker/docker-entrypoint.sh", "bin/entrypoint"])).toEqual(["bin/entrypoint", "docker/docker-entrypoint.sh"]);
    expect(decideDeploy(auto, [{ path: "Dockerfile", content: DOCKERFILE }, { path: "src/engine/deploy/offline-entrypoint.ts", content: module }])).toMatchObject({ mode: "online" });
  });

  it("reads a container command that chains migrate and the server (Dockerfile CMD, compose command)", () => {
    expect(decideDeploy(auto, [{ path: "Dockerfile", content: 'FROM ruby\nCMD bin/rails db:migrate && \\\n  bundle exec puma -C config/puma.rb\n' }])).toMatchObject({ mode: "offline", offline: { path: "Dockerfile", line: 2 } });
    const compose = "services:\n  app:\n    image: mealie\n    command: sh -c \"alembic upgrade head && uvicorn app:app\"\n  db:\n    image: postgres\n";
    expect(decideDeploy(auto, [{ path: "docker-compose.yml", content: compose }])).toMatchObject({ mode: "offline", offline: { path: "docker-compose.yml", line: 4 } });
  });

  it("names the main compose file before a variant of it when both migrate then serve (scancode.io's docker-compose.yml, not docker-compose-offline.yml)", () => {
    const compose = (line: string) => `services:\n  web:\n    image: scancodeio\n${line}    command: sh -c "./manage.py migrate && gunicorn scancodeio.wsgi:application"\n`;
    const decision = decideDeploy(auto, [
      { path: "docker-compose-offline.yml", content: compose("") },
      { path: "docker-compose.yml", content: compose("    restart: always\n") },
    ]);
    expect(decision).toMatchObject({ mode: "offline", offline: { path: "docker-compose.yml", line: 5 } });
  });

  it("reads compose files with the YAML parser: a block-scalar command, a list, replicas under deploy, anchors and merge keys", () => {
    const block = "version: '3'\nservices:\n  web:\n    image: app\n    command: >\n      sh -c \"python manage.py migrate &&\n      gunicorn app.wsgi\"\n    deploy:\n      replicas: 1\n";
    expect(decideDeploy(auto, [{ path: "compose.yml", content: block }])).toMatchObject({ mode: "offline", offline: { path: "compose.yml", line: 5 } });
    const list = "services:\n  web:\n    command:\n      - sh\n      - -c\n      - rails db:migrate && rails server\n";
    expect(decideDeploy(auto, [{ path: "docker-compose.prod.yml", content: list }]).mode).toBe("offline");
    const replicas = block.replace("replicas: 1", "replicas: 3");
    expect(decideDeploy(auto, [{ path: "compose.yml", content: replicas }])).toMatchObject({ mode: "online", rolling: { what: "compose service web runs 3 replicas" } });
    // danbooru-style: the services share a template through an anchor and `<<`; replicas come from it too
    const merged = "x-base: &base\n  image: app\n  deploy:\n    replicas: 2\nservices:\n  web:\n    <<: *base\n    command: [\"bash\", \"-c\", \"bin/rails db:prepare && bin/rails server\"]\n";
    expect(decideDeploy(auto, [{ path: "docker-compose.yaml", content: merged }])).toMatchObject({ mode: "online", offline: { line: 8 }, rolling: { path: "docker-compose.yaml", line: 8, what: "compose service web runs 2 replicas" } });
    // the entrypoint, then the command, as the container runs them; quoted keys and flow maps are YAML too
    const flow = 'services: {"app": {entrypoint: ["sh", "-c", "alembic upgrade head && exec \\"$$@\\"", "--"], command: "uvicorn app:app"}}\n';
    expect(decideDeploy(auto, [{ path: "compose.yaml", content: flow }])).toMatchObject({ mode: "offline", offline: { path: "compose.yaml", line: 1 } });
    // a comment that looks like a key, and a file that is not YAML: nothing runs
    expect(decideDeploy(auto, [{ path: "compose.yaml", content: "services:\n  web:\n    image: app\n    # command: rails db:migrate && rails s\n" }]).mode).toBe("online");
    expect(decideDeploy(auto, [{ path: "compose.yaml", content: "services:\n  web:\n    command: [rails db:migrate && rails s\n" }]).mode).toBe("online");
  });

  it("stays online without an entrypoint that migrates before the server, or when the server starts first", () => {
    expect(decideDeploy(auto, [])).toEqual({ mode: "online", source: "default" });
    expect(decideDeploy(auto, [{ path: "docker-entrypoint.sh", content: "gunicorn app &\npython manage.py migrate\n" }]).mode).toBe("online");
    // manyfold's entrypoint hands over to the CMD with an unquoted $@: the server starts after the migration
    const manyfold = "#!/bin/ash\nset -e\nbundle exec rails db:prepare:with_data\nbundle exec rake tmp:cache:clear\nexec s6-setuidgid $PUID:$PGID $@\n";
    expect(decideDeploy(auto, [{ path: "bin/docker-entrypoint.sh", content: manyfold }])).toMatchObject({ mode: "offline", offline: { path: "bin/docker-entrypoint.sh", line: 3 } });
    expect(decideDeploy(auto, [{ path: "bin/docker-entrypoint.sh", content: manyfold.replace("exec s6-setuidgid $PUID:$PGID $@", "echo done") }]).mode).toBe("online");
    // a start script no container runs is not the deploy
    expect(decideDeploy(auto, [{ path: "scripts/start.sh", content: "python manage.py migrate\ngunicorn app\n" }]).mode).toBe("online");
    // ... unless the Dockerfile runs it
    expect(decideDeploy(auto, [{ path: "scripts/start.sh", content: "python manage.py migrate\ngunicorn app\n" }, { path: "Dockerfile", content: "FROM python\nCMD [\"/app/scripts/start.sh\"]\n" }]).mode).toBe("offline");
  });

  it("stays online when instances overlap: a Helm chart, a rolled Deployment, a release phase, a migrate service", () => {
    const chart = decideDeploy(auto, files({ "charts/babybuddy/Chart.yaml": "apiVersion: v2\nname: babybuddy\n" }));
    expect(chart).toMatchObject({ mode: "online", source: "detected", rolling: { path: "charts/babybuddy/Chart.yaml" } });
    expect(deployNote(chart)).toContain("Helm chart");
    const deployment = "apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 2\n";
    expect(decideDeploy(auto, files({ "k8s/web.yaml": deployment })).mode).toBe("online");
    expect(decideDeploy(auto, files({ Procfile: "release: python manage.py migrate\nweb: gunicorn app\n" })).rolling).toMatchObject({ path: "Procfile", line: 1 });
    const migrateService = "services:\n  migrate:\n    command: python manage.py migrate\n  web:\n    command: gunicorn app\n";
    expect(decideDeploy(auto, files({ "compose.yaml": migrateService })).rolling).toMatchObject({ path: "compose.yaml", line: 3 });
    // one replica replaced with Recreate stops the old pod first: no overlap
    const recreate = "kind: Deployment\nspec:\n  replicas: 1\n  strategy:\n    type: Recreate\n";
    expect(decideDeploy(auto, files({ "k8s/web.yaml": recreate })).mode).toBe("offline");
  });

  it("leaves development files out, and reads a script that only migrates as a step of its own (Lago: Dockerfile.dev runs start.dev.sh, production runs scripts/migrate.sh)", () => {
    const startDev = "#!/bin/bash\nbundle exec rails db:prepare\nbundle exec rails s -b 0.0.0.0\n";
    const dev = [
      { path: "Dockerfile.dev", content: 'FROM ruby\nCMD ["./scripts/start.dev.sh"]\n' },
      { path: "scripts/start.dev.sh", content: startDev },
    ];
    expect(decideDeploy(auto, dev).mode).toBe("online");
    // a development folder (Polar's dev/docker: its startup script migrates, production migrates through Render)
    const polar = [
      { path: "dev/docker/Dockerfile", content: 'FROM python\nENTRYPOINT ["/app/dev/docker/scripts/startup.sh"]\n' },
      { path: "dev/docker/scripts/startup.sh", content: "#!/bin/bash\nuv run alembic upgrade head\nexec uvicorn polar.app:app\n" },
    ];
    expect(decideDeploy(auto, polar).mode).toBe("online");
    expect(decideDeploy(auto, [{ path: "docker-compose.dev.yml", content: "services:\n  api:\n    command: sh -c \"rails db:migrate && rails s\"\n" }]).mode).toBe("online");
    // the same script in the production image is the deploy, unless a migrate-only script says migrations run apart
    const prod = [{ path: "Dockerfile", content: 'FROM ruby\nCMD ["./scripts/start.sh"]\n' }, { path: "scripts/start.sh", content: startDev }];
    expect(decideDeploy(auto, prod).mode).toBe("offline");
    const migrate = { path: "scripts/migrate.sh", content: "#!/bin/bash\n# run before the release\nbundle exec rails db:migrate\n" };
    expect(decideDeploy(auto, [...prod, migrate])).toMatchObject({ mode: "online", rolling: { path: "scripts/migrate.sh", line: 3 } });
    expect(deployPaths(["scripts/migrate.sh", "scripts/start.dev.sh", "Dockerfile.dev"])).toEqual(["scripts/migrate.sh", "Dockerfile.dev", "scripts/start.dev.sh"]);
  });

  it("leaves demo, example and override compose files out, and reads Capistrano or a deploy workflow that rolls Kubernetes as online (danbooru)", () => {
    const migrates = "services:\n  app:\n    image: app\n    command: [\"bash\", \"-c\", \"bin/rails db:prepare && bin/rails server -b 0.0.0.0\"]\n";
    for (const path of ["docker-compose.demo.yml", "compose.example.yaml", "docker-compose.sample.yml", "demo/docker-compose.yml", "docker-compose.override.yml", "samples/compose.yaml"])
      expect({ path, mode: decideDeploy(auto, [{ path, content: migrates }]).mode }).toEqual({ path, mode: "online" });
    // the same file as the production compose file is the deploy
    expect(decideDeploy(auto, [{ path: "docker-compose.yaml", content: migrates }])).toMatchObject({ mode: "offline", offline: { path: "docker-compose.yaml", line: 4 } });
    // danbooru: its root compose file is a demo; production rolls Kubernetes Deployments from a workflow
    const workflow = "name: Deploy\njobs:\n  deploy:\n    steps:\n      - name: Deploy\n        run: |\n          kubectl rollout restart deploy/danbooru && kubectl rollout status deploy/danbooru\n";
    const danbooru = [{ path: "docker-compose.yaml", content: migrates }, { path: ".github/workflows/deploy.yaml", content: workflow }];
    expect(decideDeploy(auto, danbooru)).toMatchObject({ mode: "online", rolling: { path: ".github/workflows/deploy.yaml", line: 7 } });
    expect(deployNote(decideDeploy(auto, danbooru))).toContain("kubectl rollout restart");
    // a workflow that only builds says nothing of the deploy
    expect(decideDeploy(auto, [danbooru[0], { path: ".github/workflows/deploy.yaml", content: "jobs:\n  build:\n    steps:\n      - run: docker build .\n" }]).mode).toBe("offline");
    const capfile = 'require "capistrano/setup"\nrequire "capistrano/deploy"\nrequire "capistrano/rails/migrations"\n';
    expect(decideDeploy(auto, [danbooru[0], { path: "Capfile", content: capfile }])).toMatchObject({ mode: "online", rolling: { path: "Capfile", line: 3 } });
    // any other workflow is read last, for a rolling update only
    expect(deployPaths([".github/workflows/deploy.yaml", ".github/workflows/test.yaml", "Capfile", "docker-compose.demo.yml"])).toEqual(["Capfile", ".github/workflows/deploy.yaml", "docker-compose.demo.yml", ".github/workflows/test.yaml"]);
  });

  it("OWASP Nest: compose files of e2e/, ci/ and fuzz/ folders are for tests; a Terraform task or Kubernetes Job that only runs `make migrate` is a step apart from the server", () => {
    const migrates = 'services:\n  backend:\n    image: nest\n    command: sh -c "python manage.py migrate && gunicorn wsgi:application"\n';
    for (const path of ["docker-compose/e2e/compose.yaml", "ci/compose.yaml", "docker-compose/fuzz/compose.yaml", "docker/backend/Dockerfile.unit-tests"])
      expect({ path, development: isDevelopmentPath(path), mode: decideDeploy(auto, [{ path, content: migrates }]).mode }).toEqual({ path, development: true, mode: "online" });
    const task = 'module "migrate_task" {\n  source = "./modules/task"\n\n  command = ["/bin/sh", "-c", "EXEC_MODE=direct make migrate"]\n}\n';
    expect(decideDeploy(auto, files({ "infrastructure/modules/tasks/main.tf": task }))).toMatchObject({
      mode: "online",
      rolling: { path: "infrastructure/modules/tasks/main.tf", line: 4, what: expect.stringContaining("`/bin/sh -c EXEC_MODE=direct make migrate`") },
    });
    // in an ECS container definition (jsonencode), with Django's own command
    const ecs = 'resource "aws_ecs_task_definition" "migrate" {\n  container_definitions = jsonencode([{\n    name    = "migrate"\n    command = ["python", "manage.py", "migrate"]\n  }])\n}\n';
    expect(decideDeploy(auto, files({ "terraform/ecs.tf": ecs }))).toMatchObject({ mode: "online", rolling: { path: "terraform/ecs.tf", line: 4 } });
    // a target named otherwise (`make migrations`, `make migrate-status`) is no migration
    for (const command of ["make migrations", "make migrate-status"])
      expect(decideDeploy(auto, files({ "infrastructure/main.tf": task.replace("make migrate", command) })).mode).toBe("offline");
    const job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    spec:\n      containers:\n        - name: migrate\n          command: [\"sh\", \"-c\", \"make db-migrate\"]\n";
    expect(decideDeploy(auto, files({ "k8s/migrate.yaml": job }))).toMatchObject({ mode: "online", rolling: { path: "k8s/migrate.yaml", line: 2 } });
    // a module's outputs and providers hold no task or count: not read; files for development go after the rest
    expect(deployPaths(["infrastructure/modules/tasks/outputs.tf", "infrastructure/providers.tf", "docker-compose/e2e/compose.yaml", "infrastructure/modules/tasks/main.tf"])).toEqual(["infrastructure/modules/tasks/main.tf", "docker-compose/e2e/compose.yaml"]);
  });

  it("leaves out compose services that run the checkout or whose environment says development (openfoodnetwork's compose.yaml)", () => {
    const ofn = "services:\n  web:\n    build: .\n    volumes:\n      - .:/usr/src/app\n      - gems:/bundles\n    command: >\n      sh -lc 'bundle exec rails db:prepare &&\n              bundle exec rails s -b 0.0.0.0'\n";
    expect(decideDeploy(auto, [{ path: "compose.yaml", content: ofn }]).mode).toBe("online");
    const production = ofn.replace("      - .:/usr/src/app\n", "");
    expect(decideDeploy(auto, [{ path: "compose.yaml", content: production }])).toMatchObject({ mode: "offline", offline: { path: "compose.yaml", line: 6 } });
    // the long syntax, a mount from the folder above, and the environment
    expect(decideDeploy(auto, [{ path: "docker/compose.yaml", content: production.replace("      - gems:/bundles\n", "      - type: bind\n        source: ..\n        target: /app\n") }]).mode).toBe("online");
    expect(decideDeploy(auto, [{ path: "compose.yaml", content: production.replace("    build: .\n", "    build: .\n    environment:\n      - RAILS_ENV=development\n") }]).mode).toBe("online");
    expect(decideDeploy(auto, [{ path: "compose.yaml", content: production.replace("    build: .\n", "    build: .\n    environment:\n      RAILS_ENV: production\n    volumes:\n      - ./storage:/app/storage\n") }]).mode).toBe("offline");
  });

  it("lets the config decide: deploy: online switches detection off, deploy: offline needs no files", () => {
    expect(decideDeploy({ deploy: "online" }, files())).toEqual({ mode: "online", source: "config" });
    expect(decideDeploy({ deploy: "offline" }, [])).toEqual({ mode: "offline", source: "config" });
  });

  describe("a start script read by its shell structure", () => {
    // CourtListener's docker/django/docker-entrypoint.sh: one arm per process; only web-dev migrates
    const arms = (dev: string, prod: string) =>
      `#!/bin/sh\nset -e\n\ncase "$1" in\n'celery')\n    exec celery --app=cl worker\n    ;;\n'web-dev')\n${dev}    ;;\n'web-prod')\n${prod}    ;;\n*)\n    echo "Unknown command"\n    ;;\nesac\n`;
    const entrypoint = (content: string) => [{ path: "docker/django/docker-entrypoint.sh", content }];

    it("a migration only in a case arm for development does not make production offline", () => {
      const courtlistener = arms("    ./manage.py migrate\n    exec ./manage.py runserver 0.0.0.0:8000\n", "    exec gunicorn cl.asgi:application --bind 0.0.0.0:8000\n");
      expect(decideDeploy(auto, entrypoint(courtlistener))).toEqual({ mode: "online", source: "default" });
    });

    it("a migration in the arm production runs, before its server, does", () => {
      const migrating = arms("    exec ./manage.py runserver 0.0.0.0:8000\n", "    ./manage.py migrate\n    exec gunicorn cl.asgi:application\n");
      expect(decideDeploy(auto, entrypoint(migrating))).toMatchObject({ mode: "offline", offline: { path: "docker/django/docker-entrypoint.sh", line: 12 } });
    });

    it("a migration in one arm and the server in another never run in one container", () => {
      const apart = "#!/bin/sh\ncase \"$1\" in\n  migrate) ./manage.py migrate ;;\n  web) exec gunicorn app.wsgi ;;\nesac\n";
      expect(decideDeploy(auto, entrypoint(apart)).mode).toBe("online");
    });

    it("an if branch taken only in development is left out; its else branch is production's", () => {
      const gated = (test: string) => `#!/bin/sh\nif [ "$DJANGO_ENV" ${test} ]; then\n  ./manage.py migrate\nfi\nexec gunicorn app.wsgi\n`;
      expect(decideDeploy(auto, entrypoint(gated('= "development"'))).mode).toBe("online");
      expect(decideDeploy(auto, entrypoint(gated('!= "development"')))).toMatchObject({ mode: "offline", offline: { line: 3 } });
      // a switch production may set is no development value: it may migrate there
      expect(decideDeploy(auto, entrypoint(gated('= "true"'))).mode).toBe("offline");
    });

    // hope's docker/entrypoint.sh: no arguments start gunicorn; only its dev and Cypress arms migrate
    const hope = (cypress: string) =>
      `#!/bin/bash\nset -e\n\nif [ $# -eq 0 ]; then\n    exec gunicorn hope.wsgi -c /conf/gunicorn_config.py\nelse\n  case "$1" in\n    "dev")\n      python manage.py migrate\n      python manage.py runserver 0.0.0.0:8000\n      ;;\n    "${cypress}")\n      python manage.py migrate\n      python manage.py initcypress --skip-drop\n      python manage.py runserver 0.0.0.0:8000\n      ;;\n    "celery-worker")\n      celery -A hope.apps.core.celery worker\n      ;;\n    *)\n      exec "$@"\n      ;;\n  esac\nfi\n`;

    it("a case arm that runs a test runner (hope's Cypress arm, `cy`) is development's, as `test`, `e2e` or `lint` are", () => {
      const arm = (name: string) => `#!/bin/sh\ncase "$1" in\n  "${name}")\n    python manage.py migrate\n    python manage.py runserver 0.0.0.0:8000\n    ;;\n  *)\n    exec "$@"\n    ;;\nesac\n`;
      for (const name of ["cy", "cypress", "e2e", "test", "ci", "lint", "playwright"]) expect(decideDeploy(auto, entrypoint(arm(name))).mode).toBe("online");
      // a production arm's name is no test runner: it stays offline
      expect(decideDeploy(auto, entrypoint(arm("web")))).toMatchObject({ mode: "offline", offline: { line: 4 } });
    });

    it("a production way of starting that runs the server without migrating is no offline evidence (hope: gunicorn when the container gets no arguments)", () => {
      expect(decideDeploy(auto, entrypoint(hope("cy")))).toEqual({ mode: "online", source: "default" });
      // even were the migrating arm production's, the no-argument start serves without it: the migration runs apart
      expect(decideDeploy(auto, entrypoint(hope("web")))).toEqual({ mode: "online", source: "default" });
      // both branches migrate before their server: offline, whichever runs
      const both = `#!/bin/sh\necho "migrating, then starting gunicorn"\npython manage.py migrate\nif [ "$1" = "--no-gunicorn" ]; then\n  exec python manage.py runserver 0.0.0.0:8000\nelse\n  exec gunicorn app.wsgi\nfi\n`;
      expect(decideDeploy(auto, entrypoint(both))).toMatchObject({ mode: "offline", offline: { line: 3 } });
      // a server start every way shares (a wait script run by Node before the migration) is no other way of starting
      const shared = `#!/bin/sh\nnode scripts/wait-for-db.js\nnpx prisma migrate deploy\nexec node dist/main.js\n`;
      expect(decideDeploy(auto, entrypoint(shared))).toMatchObject({ mode: "offline", offline: { line: 3 } });
    });
  });

  describe("a start script's functions read at their calls (tracim's entrypoint)", () => {
    const entrypoint = (content: string, extra: Record<string, string> = {}) => Object.entries({ "docker/entrypoint.sh": content, ...extra }).map(([path, content]) => ({ path, content }));
    const AS_USER = `as_user() {\n  su $APP_USER -s /bin/bash -c "$1"\n}\nalembic_as_user() {\n  as_user "alembic -c /etc/app/production.ini $1"\n}\n`;

    it("follows a call through functions and su -c to the migration, named at the call's line", () => {
      const script = `#!/bin/bash\n${AS_USER}alembic_as_user "upgrade head"\nservice uwsgi restart\n`;
      expect(decideDeploy(auto, entrypoint(script))).toMatchObject({ mode: "offline", offline: { path: "docker/entrypoint.sh", line: 8 } });
      // the function defined but never called runs nothing
      expect(decideDeploy(auto, entrypoint(script.replace('alembic_as_user "upgrade head"', "true"))).mode).toBe("online");
      // the call before the server starts, not after
      expect(decideDeploy(auto, entrypoint(`#!/bin/bash\n${AS_USER}service uwsgi restart\nalembic_as_user "upgrade head"\n`))).toMatchObject({ mode: "online" });
    });

    it("reads the functions a sourced script defines, when that script is among the files read", () => {
      const script = `#!/bin/bash\nsource "$(dirname "$0")/lib.sh"\nalembic_as_user "upgrade head"\nexec uwsgi --ini /etc/uwsgi/app.ini\n`;
      expect(decideDeploy(auto, entrypoint(script, { "docker/lib.sh": AS_USER }))).toMatchObject({ mode: "offline", offline: { line: 3 } });
      expect(decideDeploy(auto, entrypoint(script)).mode).toBe("online");
    });

    it("a recursive function, or a command string that only runs what it is given, reads as written", () => {
      expect(decideDeploy(auto, entrypoint(`#!/bin/sh\nloop() { loop "$@"; }\nloop alembic upgrade head\nexec gunicorn app:app\n`)).mode).toBe("offline");
      expect(decideDeploy(auto, entrypoint(`#!/bin/sh\nalembic upgrade head\nexec gosu app sh -c "$@"\n`))).toMatchObject({ mode: "offline", offline: { line: 2 } });
    });

    it("Apache restarted by the service manager starts the server; nginx alone and a path under /etc/uwsgi do not", () => {
      const migrateThen = (serve: string) => entrypoint(`#!/bin/sh\nalembic upgrade head\n${serve}\n`);
      for (const serve of ["service apache2 restart", "/etc/init.d/apache2 start", "systemctl restart httpd", "exec apachectl -D FOREGROUND"]) expect(decideDeploy(auto, migrateThen(serve)).mode).toBe("offline");
      for (const serve of ["service nginx start", "ln -s /etc/uwsgi/apps-available/app.ini /etc/uwsgi/apps-enabled/app.ini", '[ -L /etc/uwsgi/apps-enabled/app.ini ] || echo missing']) expect(decideDeploy(auto, migrateThen(serve)).mode).toBe("online");
    });

    it("a branch that only links a server's config is no start without the migration", () => {
      const script = `#!/bin/bash\n${AS_USER}if [ -z "$INIT" ]; then\n  alembic_as_user "upgrade head"\nelse\n  as_user "app-cli db init"\nfi\nif [ "$WEBDAV" = 1 ]; then\n  ln -s /etc/uwsgi/apps-available/dav.ini /etc/uwsgi/apps-enabled/dav.ini\nelse\n  rm -f /etc/uwsgi/apps-enabled/dav.ini\nfi\nservice uwsgi restart\n`;
      expect(decideDeploy(auto, entrypoint(script))).toMatchObject({ mode: "offline", offline: { line: 9 } });
    });
  });

  it("a rolling update in any CI workflow wins over an entrypoint that migrates (CourtListener's docker-build.yml)", () => {
    const workflow = "name: Build and deploy\non:\n  push:\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: kubectl set image -n cl deployment/cl-python web=freelawproject/courtlistener:${{ github.sha }}\n";
    expect(decideDeploy(auto, files({ ".github/workflows/docker-build.yml": workflow }))).toMatchObject({ mode: "online", rolling: { path: ".github/workflows/docker-build.yml", line: 8 } });
    // a test workflow's throwaway cluster is no rolling deploy: only a workflow named for deploying counts `kubectl apply`
    const kind = "name: e2e\njobs:\n  e2e:\n    steps:\n      - run: kubectl apply -f k8s/test.yaml\n";
    expect(decideDeploy(auto, files({ ".github/workflows/e2e.yml": kind })).mode).toBe("offline");
    // read after every other deploy file
    expect(deployPaths([".github/workflows/tests.yml", ".github/workflows/deploy.yml", "docker/django/docker-entrypoint.sh"])).toEqual([".github/workflows/deploy.yml", "docker/django/docker-entrypoint.sh", ".github/workflows/tests.yml"]);
  });

  it("selects deploy files by path, leaving tests and dependencies out", () => {
    // Dockerfiles in either case: uptime-kuma's docker/dockerfile runs the server
    expect(deployPaths(["docker/dockerfile", "docker/base.dockerfile", "dockerfiles.md"])).toEqual(["docker/base.dockerfile", "docker/dockerfile"]);
    expect(decideDeploy(auto, [{ path: "docker/dockerfile", content: "FROM node:22\nCMD npx prisma migrate deploy && node server.js\n" }])).toMatchObject({ mode: "offline", offline: { path: "docker/dockerfile", line: 2 } });
    expect(deployPaths(["Dockerfile", "docker/entrypoint.sh", "docker/entry.sh", "src/lib/build.sh", "charts/x/Chart.yaml", "tests/Dockerfile", "node_modules/a/Dockerfile", "app/models.py", "Procfile"])).toEqual([
      "Dockerfile",
      "Procfile",
      "docker/entry.sh",
      "docker/entrypoint.sh",
      "charts/x/Chart.yaml",
    ]);
  });
});

/** pocket-id style: golang-migrate with the migrations embedded through source/iofs, applied by the binary at start */
const GO_MOD = "module github.com/pocket-id/pocket-id/backend\n\ngo 1.24\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.10.0\n\tgithub.com/golang-migrate/migrate/v4 v4.19.1\n)\n";
const GO_MIGRATE = [
  "package utils",
  "",
  "import (",
  '\t"github.com/golang-migrate/migrate/v4"',
  '\t"github.com/golang-migrate/migrate/v4/source/iofs"',
  ")",
  "",
  "func MigrateDatabase(db *sql.DB) error {",
  '\tsource, _ := iofs.New(resources.FS, "migrations/postgres")',
  '\tm, _ := migrate.NewWithInstance("iofs", source, "app", driver)',
  "\treturn m.Up()",
  "}",
  "",
].join("\n");
const ONE_SERVICE = "services:\n  pocket-id:\n    image: pocketid/pocket-id:v2\n    ports:\n      - 1411:1411\n";
const goApp = (extra: Record<string, string> = {}) =>
  Object.entries({ "backend/go.mod": GO_MOD, "backend/internal/utils/db_migration_util.go": GO_MIGRATE, "docker-compose.yml": ONE_SERVICE, ...extra }).map(([path, content]) => ({ path, content }));
const POM = "<project>\n  <parent><artifactId>spring-boot-starter-parent</artifactId></parent>\n  <dependencies>\n    <dependency><groupId>org.flywaydb</groupId><artifactId>flyway-core</artifactId></dependency>\n  </dependencies>\n</project>\n";
const springApp = (extra: Record<string, string> = {}) =>
  Object.entries({ "pom.xml": POM, "src/main/resources/application.yml": "spring:\n  datasource:\n    url: jdbc:postgresql://db/app\n", "compose.yaml": "services:\n  app:\n    build: .\n", ...extra }).map(([path, content]) => ({ path, content }));

describe("applications that migrate themselves at start", () => {
  it("reads a Go app that applies its embedded golang-migrate migrations, shipped as one compose service, as offline", () => {
    const decision = decideDeploy(auto, goApp());
    expect(decision).toMatchObject({ mode: "offline", source: "detected", offline: { path: "backend/internal/utils/db_migration_util.go", line: 11 } });
    expect(deployNote(decision)).toContain("backend/internal/utils/db_migration_util.go:11: the application applies its embedded golang-migrate migrations");
    // the deploy walk selects these files by path
    expect(deployPaths(["backend/go.mod", "backend/internal/utils/db_migration_util.go", "backend/internal/utils/db_migration_util_test.go", "backend/internal/service/user_service.go"])).toEqual(["backend/go.mod", "backend/internal/utils/db_migration_util.go"]);
  });

  it("chooses Go files by their imports, not their names: a bootstrap db.go that runs golang-migrate counts, a comment or a string naming it does not", () => {
    const bootstrap = "package bootstrap\n\n// runs at start\nimport (\n\t\"database/sql\"\n\n\tmigrate \"github.com/golang-migrate/migrate/v4\"\n\t_ \"github.com/golang-migrate/migrate/v4/database/postgres\"\n\t\"github.com/golang-migrate/migrate/v4/source/iofs\"\n)\n\nfunc initDB(db *sql.DB) error {\n\tsrc, _ := iofs.New(migrations.FS, \".\")\n\tm, _ := migrate.NewWithSourceInstance(\"iofs\", src, url)\n\treturn m.Up()\n}\n";
    const files = goApp({ "backend/internal/utils/db_migration_util.go": "package utils\n", "backend/internal/bootstrap/db.go": bootstrap });
    expect(decideDeploy(auto, files)).toMatchObject({ mode: "offline", offline: { path: "backend/internal/bootstrap/db.go", line: 15 } });
    // the import only in a comment, or in a string below the imports: not an import
    const commented = bootstrap.replace('\t"github.com/golang-migrate/migrate/v4/source/iofs"\n', '\t// "github.com/golang-migrate/migrate/v4/source/iofs"\n');
    expect(decideDeploy(auto, goApp({ "backend/internal/utils/db_migration_util.go": "package utils\n", "backend/internal/bootstrap/db.go": commented })).mode).toBe("online");
    const inString = 'package bootstrap\n\nimport "fmt"\n\nvar doc = `import "github.com/golang-migrate/migrate/v4/source/iofs"`\n\nfunc f() { m.Up() }\n';
    expect(decideDeploy(auto, goApp({ "backend/internal/utils/db_migration_util.go": "package utils\n", "backend/internal/bootstrap/db.go": inString })).mode).toBe("online");
    // a migrate command of its own keeps the exclusion, whatever its file is named
    expect(decideDeploy(auto, goApp({ "backend/internal/utils/db_migration_util.go": "package utils\n", "backend/cmd/migrate/db.go": bootstrap })).mode).toBe("online");
    expect(goImports('package main; import ( . "fmt"; x "a/b"; _ `c` ); import "d"\nfunc main() {}\nimport "not/an/import"')).toEqual(["fmt", "a/b", "c", "d"]);
  });

  it("stays online for the same Go app with a Helm chart, more compose replicas, a migrate command of its own, or no container", () => {
    expect(decideDeploy(auto, goApp({ "charts/pocket-id/Chart.yaml": "apiVersion: v2\nname: pocket-id\n" }))).toMatchObject({ mode: "online", rolling: { path: "charts/pocket-id/Chart.yaml" } });
    expect(decideDeploy(auto, goApp({ "docker-compose.yml": `${ONE_SERVICE}    deploy:\n      replicas: 3\n` })).mode).toBe("online");
    const command = goApp({ "backend/internal/utils/db_migration_util.go": "package x\n", "cmd/migrate/main.go": GO_MIGRATE });
    expect(decideDeploy(auto, command).mode).toBe("online");
    expect(decideDeploy(auto, goApp().filter((f) => f.path !== "docker-compose.yml")).mode).toBe("online");
    // golang-migrate reading migrations from the file system at run time, or a go.mod without the module: not embedded at start
    expect(decideDeploy(auto, goApp({ "backend/internal/utils/db_migration_util.go": GO_MIGRATE.replace("source/iofs", "source/file") })).mode).toBe("online");
    expect(decideDeploy(auto, goApp({ "backend/go.mod": "module x\n\nrequire github.com/gin-gonic/gin v1.10.0\n" })).mode).toBe("online");
  });

  it("reads goose with an embed FS and sqlx::migrate! run from main as offline", () => {
    const goose = ["package main", "", 'import (\n\t"embed"\n\t"github.com/pressly/goose/v3"\n)', "", "//go:embed migrations/*.sql", "var embedMigrations embed.FS", "", "func main() {", "\tgoose.SetBaseFS(embedMigrations)", '\tif err := goose.Up(db, "migrations"); err != nil {', "\t\tpanic(err)", "\t}", "\thttp.ListenAndServe(\":8080\", nil)", "}", ""].join("\n");
    expect(decideDeploy(auto, [{ path: "go.mod", content: "module x\n\nrequire github.com/pressly/goose/v3 v3.20.0\n" }, { path: "main.go", content: goose }, { path: "Dockerfile", content: "FROM golang\n" }])).toMatchObject({ mode: "offline", offline: { path: "main.go", line: 13 } });
    const sqlx = 'use sqlx::PgPool;\n\n#[tokio::main]\nasync fn main() {\n    let pool = PgPool::connect(&url).await.unwrap();\n    sqlx::migrate!("./migrations").run(&pool).await.unwrap();\n    serve(pool).await;\n}\n';
    expect(decideDeploy(auto, [{ path: "src/main.rs", content: sqlx }, { path: "Dockerfile", content: "FROM rust\n" }])).toMatchObject({ mode: "offline", offline: { path: "src/main.rs", line: 6 } });
  });

  it("reads Rust at crate level: a crate whose Cargo.toml depends on diesel_migrations runs them from any of its files (lemmy's schema_setup/mod.rs, through a wrapper)", () => {
    const rust = (extra: Record<string, string | undefined> = {}) =>
      Object.entries({ ...RUST_DIESEL_WORKSPACE, ...extra }).flatMap(([path, content]) => (content === undefined ? [] : [{ path, content }]));
    const decision = decideDeploy(auto, rust());
    expect(decision).toMatchObject({ mode: "offline", source: "detected", offline: { path: "crates/db/src/schema_setup/mod.rs", line: 13 } });
    expect(deployNote(decision)).toContain("crates/db/src/schema_setup/mod.rs:13: the application runs its embedded diesel migrations (embed_migrations!, run_pending_migrations) at start, before it serves");
    // the crate does not depend on the library (only as a dev-dependency, or not at all): its file is not the server's
    const devOnly = RUST_DIESEL_WORKSPACE["crates/db/Cargo.toml"]!.replace("[dependencies]", "[dev-dependencies]");
    expect(decideDeploy(auto, rust({ "crates/db/Cargo.toml": devOnly })).mode).toBe("online");
    // a crate of its own for migrating, tests and a build script: not the server's start
    const setup = RUST_DIESEL_WORKSPACE["crates/db/src/schema_setup/mod.rs"]!;
    const moved = (path: string) => rust({ "crates/db/src/schema_setup/mod.rs": undefined, [path]: setup });
    expect(decideDeploy(auto, moved("crates/db/tests/schema.rs")).mode).toBe("online");
    expect(decideDeploy(auto, moved("crates/db/build.rs")).mode).toBe("online");
    expect(decideDeploy(auto, [...moved("crates/migration/src/main.rs"), { path: "crates/migration/Cargo.toml", content: RUST_DIESEL_WORKSPACE["crates/db/Cargo.toml"]! }]).mode).toBe("online");
    // embed_migrations! alone, or run_pending_migrations only in a comment: nothing runs them
    expect(decideDeploy(auto, rust({ "crates/db/src/schema_setup/mod.rs": setup.replace("  wrapper.run_pending_migrations(MIGRATIONS)?;", "  // wrapper.run_pending_migrations(MIGRATIONS)?;") })).mode).toBe("online");
    // several instances in the compose file, or no container: the repository does not show one instance
    expect(decideDeploy(auto, rust({ "docker/docker-compose.yml": `${RUST_DIESEL_WORKSPACE["docker/docker-compose.yml"]!}    deploy:\n      replicas: 3\n` })).mode).toBe("online");
    expect(decideDeploy(auto, rust({ "docker/docker-compose.yml": undefined, "docker/Dockerfile": undefined })).mode).toBe("online");
  });

  it("reads sqlx's migrate! and refinery's runner in a crate that depends on them as offline", () => {
    const crate = (dependency: string, code: string) => [
      { path: "Cargo.toml", content: `[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\n${dependency}\n` },
      { path: "src/db/setup.rs", content: code },
      { path: "Dockerfile", content: "FROM rust\n" },
    ];
    const sqlx = "use sqlx::migrate;\n\npub async fn setup(pool: &PgPool) {\n    migrate!(\"./migrations\").run(pool).await.unwrap();\n}\n";
    expect(decideDeploy(auto, crate('sqlx = { version = "0.8", features = ["postgres", "migrate"] }', sqlx))).toMatchObject({ mode: "offline", offline: { path: "src/db/setup.rs", line: 4 } });
    const refinery = 'mod embedded {\n    refinery::embed_migrations!("./sql");\n}\n\npub async fn setup(client: &mut Client) {\n    embedded::migrations::runner().set_abort_divergent(false).run_async(client).await.unwrap();\n}\n';
    expect(decideDeploy(auto, crate('refinery = { version = "0.8", features = ["tokio-postgres"] }', refinery))).toMatchObject({ mode: "offline", offline: { path: "src/db/setup.rs", line: 6, what: expect.stringContaining("refinery") } });
    // renamed with package = "...": the package counts; a crate without the library does not
    expect(decideDeploy(auto, crate('db_migrations = { package = "refinery", version = "0.8" }', refinery)).mode).toBe("offline");
    expect(decideDeploy(auto, crate('tokio = "1"', refinery)).mode).toBe("online");
  });

  it("reads the Rust calls from the syntax tree (tree-sitter's Rust grammar): a macro or call named only in a comment or a string does not count", () => {
    const crate = (dependency: string, code: string) => [
      { path: "Cargo.toml", content: `[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\n${dependency}\n` },
      { path: "src/db/setup.rs", content: code },
      { path: "Dockerfile", content: "FROM rust\n" },
    ];
    const sqlx = 'sqlx = "0.8"';
    const diesel = 'diesel_migrations = "2"';
    // sqlx::migrate!(..).run only in a block comment, a doc comment or a string
    const blockComment = '/* at start: sqlx::migrate!("./migrations").run(&pool).await */\npub async fn setup(pool: &PgPool) {}\n';
    expect(decideDeploy(auto, crate(sqlx, blockComment)).mode).toBe("online");
    const inString = 'pub async fn setup(pool: &PgPool) {\n    log::info!("{}", "run sqlx::migrate!(\\"./migrations\\").run(&pool) first");\n    let hint = r#"migrate!("./m").run(&pool)"#;\n}\n';
    expect(decideDeploy(auto, crate(sqlx, inString)).mode).toBe("online");
    // diesel's embed_migrations! only in a string: the call alone embeds nothing
    const dieselString = 'const DOC: &str = "embed_migrations!()";\n\npub fn run(conn: &mut PgConnection) {\n    conn.run_pending_migrations(MIGRATIONS).unwrap();\n}\n';
    expect(decideDeploy(auto, crate(diesel, dieselString)).mode).toBe("online");
    // the same calls written as code: over several lines, through builder calls, or through the harness's path
    const builder = 'pub async fn setup(pool: &PgPool) {\n    sqlx::migrate!("./migrations")\n        .set_ignore_missing(true)\n        .run(pool)\n        .await\n        .unwrap();\n}\n';
    expect(decideDeploy(auto, crate(sqlx, builder))).toMatchObject({ mode: "offline", offline: { path: "src/db/setup.rs", line: 2 } });
    const harness = 'const M: EmbeddedMigrations = embed_migrations!();\n\npub fn run(conn: &mut PgConnection) {\n    MigrationHarness::run_pending_migrations(conn, M).unwrap();\n}\n';
    expect(decideDeploy(auto, crate(diesel, harness))).toMatchObject({ mode: "offline", offline: { path: "src/db/setup.rs", line: 4 } });
    // migrate! of another crate than sqlx is not sqlx's
    expect(decideDeploy(auto, crate(sqlx, 'pub async fn setup(pool: &PgPool) {\n    other::migrate!("./m").run(pool).await;\n}\n')).mode).toBe("online");
  });

  it("has the edges read a migrating workspace's manifests and crate sources, and keep the sources that name a migration macro", () => {
    const listing = [...Object.keys(RUST_DIESEL_WORKSPACE), "crates/db/src/lib.rs", "crates/db/tests/it.rs", "crates/db/build.rs", "crates/db/benches/b.rs", "xtask/src/main.rs"];
    // the root manifest is a deploy file by its path; a member's is not (a workspace has dozens)
    expect(deployPaths(listing)).toEqual(expect.arrayContaining(["Cargo.toml", "docker/Dockerfile"]));
    expect(deployPaths(listing)).not.toContain("crates/db/Cargo.toml");
    const read = [{ path: "Cargo.toml", content: RUST_DIESEL_WORKSPACE["Cargo.toml"]! }];
    expect(deployCodePaths(read, listing).sort()).toEqual(["crates/db/Cargo.toml", "crates/db/src/lib.rs", "crates/db/src/schema_setup/mod.rs", "crates/server/Cargo.toml", "crates/server/src/lib.rs"]);
    // a workspace that names no migrator costs no read
    expect(deployCodePaths([{ path: "Cargo.toml", content: '[workspace]\nmembers = ["crates/db"]\n\n[workspace.dependencies]\ntokio = "1"\n' }], listing)).toEqual([]);
    // a workspace root that names no migrator, and a member's main.rs read by its name that runs sqlx's: the
    // manifests above it are read, so its crate's own dependencies decide (a workspace's alone says nothing)
    const sqlxMain = 'use sqlx::PgPool;\n\n#[tokio::main]\nasync fn main() {\n    sqlx::migrate!("./migrations").run(&pool).await.unwrap();\n}\n';
    const workspaceOnly = { path: "Cargo.toml", content: '[workspace]\nmembers = ["crates/api"]\n' };
    const member = { path: "crates/api/Cargo.toml", content: '[package]\nname = "api"\n\n[dependencies]\nsqlx = "0.8"\n' };
    expect(deployCodePaths([workspaceOnly, { path: "crates/api/src/main.rs", content: sqlxMain }], ["Cargo.toml", "crates/api/Cargo.toml", "crates/api/src/main.rs", "crates/web/Cargo.toml"])).toEqual(["crates/api/Cargo.toml"]);
    const docker = { path: "Dockerfile", content: "FROM rust\n" };
    expect(decideDeploy(auto, [workspaceOnly, { path: "crates/api/src/main.rs", content: sqlxMain }, docker])).toMatchObject({ mode: "offline", offline: { path: "crates/api/src/main.rs", line: 5 } });
    expect(decideDeploy(auto, [workspaceOnly, member, { path: "crates/api/src/main.rs", content: sqlxMain }, docker]).mode).toBe("offline");
    expect(decideDeploy(auto, [workspaceOnly, { ...member, content: member.content.replace('sqlx = "0.8"', 'tokio = "1"') }, { path: "crates/api/src/main.rs", content: sqlxMain }, docker]).mode).toBe("online");
    expect(isDeployFile({ path: "crates/db/src/schema_setup/mod.rs", content: RUST_DIESEL_WORKSPACE["crates/db/src/schema_setup/mod.rs"]! })).toBe(true);
    expect(isDeployFile({ path: "crates/server/src/lib.rs", content: RUST_DIESEL_WORKSPACE["crates/server/src/lib.rs"]! })).toBe(false);
    expect(isDeployFile({ path: "crates/db/Cargo.toml", content: "" })).toBe(true);
  });

  it("reads goose whose embed FS is another package of the module (bitmagnet's wrapper) as offline; an FS without //go:embed, of another module, or none stays online", () => {
    const gooseMod = "module example.com/app\n\nrequire github.com/pressly/goose/v3 v3.24.1\n";
    const embedFs = 'package migrationssql\n\nimport "embed"\n\n//go:embed *.sql\nvar FS embed.FS\n';
    const migrator = (importLine: string, baseFs: string) =>
      ["package migrations", "", "import (", importLine, '\tg "github.com/pressly/goose/v3"', ")", "", "func (m *migrator) Up(ctx context.Context) error {", `\tg.SetBaseFS(${baseFs})`, '\treturn g.UpContext(ctx, m.db, ".")', "}", ""].join("\n");
    const app = (files: Record<string, string>) =>
      Object.entries({ "go.mod": gooseMod, "migrations/migrations.go": embedFs, Dockerfile: "FROM golang\n", ...files }).map(([path, content]) => ({ path, content }));
    const wrapper = migrator('\tmigrationssql "example.com/app/migrations"', "migrationssql.FS");
    expect(decideDeploy(auto, app({ "internal/database/migrations/migrator.go": wrapper }))).toMatchObject({
      mode: "offline",
      offline: { path: "internal/database/migrations/migrator.go", line: 10, what: expect.stringContaining("goose migrations (migrationssql.FS)") },
    });
    // imported without a name: used under the package clause's name
    const unnamed = migrator('\t"example.com/app/migrations"', "migrationssql.FS");
    expect(decideDeploy(auto, app({ "internal/database/migrations/migrator.go": unnamed })).mode).toBe("offline");
    expect(decideDeploy(auto, app({ "internal/database/migrations/migrator.go": migrator('\t"example.com/app/migrations"', "migrations.FS") })).mode).toBe("online");
    // the FS without its //go:embed directive is empty; a package of another module is not this binary's migrations
    expect(decideDeploy(auto, app({ "internal/database/migrations/migrator.go": wrapper, "migrations/migrations.go": embedFs.replace("//go:embed *.sql\n", "") })).mode).toBe("online");
    expect(decideDeploy(auto, app({ "internal/database/migrations/migrator.go": migrator('\tmigrationssql "example.org/other/migrations"', "migrationssql.FS") })).mode).toBe("online");
    expect(decideDeploy(auto, app({ "internal/database/migrations/migrator.go": wrapper.replace("\tg.SetBaseFS(migrationssql.FS)\n", "") })).mode).toBe("online");
    // goose used under the default name while imported as g: not goose's calls
    expect(decideDeploy(auto, app({ "internal/database/migrations/migrator.go": wrapper.replaceAll("g.", "goose.") })).mode).toBe("online");
  });

  it("reads Spring Boot with Flyway and one compose service as offline, naming the dependency line; flyway disabled stays online", () => {
    expect(decideDeploy(auto, springApp())).toMatchObject({ mode: "offline", offline: { path: "pom.xml", line: 4, what: expect.stringContaining("Flyway") } });
    const gradle = 'plugins {\n  id "org.springframework.boot" version "3.3.0"\n}\ndependencies {\n  implementation "org.springframework.boot:spring-boot-starter-web"\n  implementation "org.liquibase:liquibase-core"\n}\n';
    expect(decideDeploy(auto, springApp({ "pom.xml": "", "build.gradle": gradle }))).toMatchObject({ mode: "offline", offline: { path: "build.gradle", line: 6 } });
    expect(decideDeploy(auto, springApp({ "src/main/resources/application.yml": "spring:\n  flyway:\n    enabled: false\n" })).mode).toBe("online");
    expect(decideDeploy(auto, springApp({ "src/main/resources/application.properties": "spring.flyway.enabled=false\n" })).mode).toBe("online");
    // the container turns it off through the environment or the command line
    expect(decideDeploy(auto, springApp({ "compose.yaml": "services:\n  app:\n    build: .\n    environment:\n      SPRING_FLYWAY_ENABLED: \"false\"\n" })).mode).toBe("online");
    expect(decideDeploy(auto, springApp({ Dockerfile: 'FROM eclipse-temurin:21\nENTRYPOINT ["java", "-jar", "/app.jar", "--spring.flyway.enabled=false"]\n' })).mode).toBe("online");
    // a test profile that turns Flyway off says nothing of production: its own file, or its document in application.yml
    expect(decideDeploy(auto, springApp({ "src/main/resources/application-test.yml": "spring.flyway.enabled: false\n" })).mode).toBe("offline");
    const profiles = "spring:\n  datasource:\n    url: jdbc:postgresql://db/app\n---\nspring:\n  config:\n    activate:\n      on-profile: test\n  flyway:\n    enabled: false\n";
    expect(decideDeploy(auto, springApp({ "src/main/resources/application.yml": profiles })).mode).toBe("offline");
    expect(decideDeploy(auto, springApp({ "src/main/resources/application.yml": profiles.replace("on-profile: test", "on-profile: prod") })).mode).toBe("online");
    // dotted keys inside the nesting, as Spring reads them
    expect(decideDeploy(auto, springApp({ "src/main/resources/application.yml": "spring:\n  flyway.enabled: \"false\"\n" })).mode).toBe("online");
    // Flyway without Spring Boot runs only when something calls it
    expect(decideDeploy(auto, springApp({ "pom.xml": POM.replace("spring-boot-starter-parent", "parent") })).mode).toBe("online");
  });
});

describe("Node applications that migrate before they listen", () => {
  const manifest = (scripts: Record<string, string>) => JSON.stringify({ name: "app", scripts, dependencies: { express: "^5.0.0" } }, null, 2);
  const node = (scripts: Record<string, string>, extra: Record<string, string> = {}) =>
    Object.entries({ "package.json": manifest(scripts), Dockerfile: 'FROM node:22\nCOPY . .\nCMD ["npm", "start"]\n', ...extra }).map(([path, content]) => ({ path, content }));

  it("reads package.json's scripts (JSON.parse) for what `npm start` or `yarn migrate` runs in the container", () => {
    // the start script migrates, then serves: the script's line in package.json is the evidence
    const prisma = decideDeploy(auto, node({ build: "tsc", start: "prisma migrate deploy && node server.js" }));
    expect(prisma).toMatchObject({ mode: "offline", offline: { path: "package.json", line: 5 } });
    expect(deployNote(prisma)).toContain("package.json:5: the `start` script, which the container runs (`npm start`), runs the migrations and then starts the server");
    // the container command chains scripts: migrate (knex), then start
    const chained = node({ migrate: "knex migrate:latest --knexfile knexfile.js", start: "node dist/index" }, { Dockerfile: "FROM node:22\nCMD npm run migrate && npm start\n" });
    expect(decideDeploy(auto, chained)).toMatchObject({ mode: "offline", offline: { path: "Dockerfile", line: 2 } });
    const compose = "services:\n  api:\n    build: .\n    command: sh -c \"yarn db:migrate && yarn start:prod\"\n";
    const sequelize = node({ "db:migrate": "sequelize-cli db:migrate", "start:prod": "node server.js" }, { Dockerfile: "FROM node:22\n", "docker-compose.yml": compose });
    expect(decideDeploy(auto, sequelize)).toMatchObject({ mode: "offline", offline: { path: "docker-compose.yml", line: 4 } });
    // a monorepo's backend/: its own package.json
    const backend = [
      { path: "package.json", content: manifest({ start: "turbo run start" }) },
      { path: "backend/package.json", content: manifest({ start: "npx typeorm migration:run -d dist/data-source.js && node dist/main.js" }) },
      { path: "backend/Dockerfile", content: 'FROM node:22\nCMD ["yarn", "start"]\n' },
    ];
    expect(decideDeploy(auto, backend)).toMatchObject({ mode: "offline", offline: { path: "backend/package.json", line: 4 } });
  });

  it("follows npm-run-all's sequential scripts and a Node script that runs the migration command (umami's check-db.js)", () => {
    const checkDb = "import { execSync } from 'node:child_process';\n\nasync function applyMigration() {\n  console.log(execSync('prisma migrate deploy').toString());\n}\n\napplyMigration();\n";
    const scripts = { "start-docker": "npm-run-all check-db update-tracker start-server", "check-db": "node scripts/check-db.js", "update-tracker": "node scripts/update-tracker.js", "start-server": "node server.js" };
    const umami = node(scripts, { Dockerfile: 'FROM node:22\nCMD ["pnpm", "start-docker"]\n', "scripts/check-db.js": checkDb });
    expect(decideDeploy(auto, umami)).toMatchObject({ mode: "offline", offline: { path: "package.json", line: 4 } });
    expect(deployNote(decideDeploy(auto, umami))).toContain("the `start-docker` script, which the container runs (`pnpm start-docker`)");
    // side by side (-p, run-p) is no order; spawn with its arguments and require() count the same
    expect(decideDeploy(auto, node({ ...scripts, "start-docker": "npm-run-all -p check-db start-server" }, { Dockerfile: 'FROM node:22\nCMD ["pnpm", "start-docker"]\n', "scripts/check-db.js": checkDb })).mode).toBe("online");
    const spawned = "const cp = require('child_process');\ncp.spawnSync('npx', ['knex', 'migrate:latest'], { stdio: 'inherit' });\n";
    expect(decideDeploy(auto, node({ ...scripts, "start-docker": "run-s check-db start-server" }, { Dockerfile: 'FROM node:22\nCMD ["pnpm", "start-docker"]\n', "scripts/check-db.js": spawned })).mode).toBe("offline");
    // a migration command only written in a string that nothing runs, or run by a script no container starts
    const written = "const help = 'run prisma migrate deploy first';\nconsole.log(help);\n";
    expect(decideDeploy(auto, node(scripts, { Dockerfile: 'FROM node:22\nCMD ["pnpm", "start-docker"]\n', "scripts/check-db.js": written })).mode).toBe("online");
    expect(decideDeploy(auto, node(scripts, { Dockerfile: 'FROM node:22\nCMD ["pnpm", "start-server"]\n', "scripts/check-db.js": checkDb })).mode).toBe("online");
  });

  it("stays online when no container runs the script, the server starts first, or a release phase migrates", () => {
    expect(decideDeploy(auto, node({ start: "prisma migrate deploy && node server.js" }, { Dockerfile: 'FROM node:22\nCMD ["node", "server.js"]\n' })).mode).toBe("online");
    expect(decideDeploy(auto, [{ path: "package.json", content: manifest({ start: "prisma migrate deploy && node server.js" }) }]).mode).toBe("online");
    expect(decideDeploy(auto, node({ start: "node server.js && prisma migrate deploy" })).mode).toBe("online");
    expect(decideDeploy(auto, node({ start: "prisma migrate deploy && node server.js" }, { Procfile: "release: npx prisma migrate deploy\nweb: npm start\n" }))).toMatchObject({ mode: "online", rolling: { path: "Procfile" } });
    // `pnpm add` is pnpm's own command, whatever the scripts are named
    expect(decideDeploy(auto, node({ add: "prisma migrate deploy && node server.js" }, { Dockerfile: "FROM node:22\nCMD pnpm add left-pad && node server.js\n" })).mode).toBe("online");
    expect(deployPaths(["package.json", "backend/package.json", "packages/api/package.json", "node_modules/x/package.json"])).toEqual(["package.json", "backend/package.json"]);
  });
});

describe("Node start code that migrates before listen (Babel's parser)", () => {
  const manifest = JSON.stringify({ name: "app", main: "dist/server.js", scripts: { start: "node dist/server.js" }, dependencies: { knex: "^3.1.0" } }, null, 2);
  const server = ["import express from 'express';", "import { db } from './db';", "", "const app = express();", "", "async function main() {", "  await db.migrate.latest();", "  app.listen(3000);", "}", "", "main();", ""].join("\n");
  const node = (extra: Record<string, string> = {}) =>
    Object.entries({ "package.json": manifest, "src/server.ts": server, Dockerfile: 'FROM node:22\nCMD ["node", "dist/server.js"]\n', ...extra }).map(([path, content]) => ({ path, content }));

  it("reads knex, umzug, TypeORM and drizzle migrations run before listen as offline, naming the call's line", () => {
    const decision = decideDeploy(auto, node());
    expect(decision).toMatchObject({ mode: "offline", offline: { path: "src/server.ts", line: 7 } });
    expect(deployNote(decision)).toContain("src/server.ts:7: the application runs its knex migrations (migrate.latest()) before the server listens");
    const umzug = "const { Umzug, SequelizeStorage } = require('umzug');\nconst umzug = new Umzug({ migrations: { glob: 'migrations/*.js' } });\numzug.up().then(() => server.listen(8080));\n";
    expect(decideDeploy(auto, node({ "src/server.ts": "", "server.js": umzug }))).toMatchObject({ mode: "offline", offline: { path: "server.js", line: 3 } });
    const typeorm = "async function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.get(DataSource).runMigrations();\n  await app.listen(3000);\n}\nbootstrap();\n";
    expect(decideDeploy(auto, node({ "src/server.ts": "", "src/main.ts": typeorm }))).toMatchObject({ mode: "offline", offline: { path: "src/main.ts", line: 3 } });
    const drizzle = "import { migrate } from 'drizzle-orm/node-postgres/migrator';\nconst start = () => app.listen(3000);\nawait migrate(db, { migrationsFolder: './drizzle' });\nstart();\n";
    expect(decideDeploy(auto, node({ "src/server.ts": drizzle }))).toMatchObject({ mode: "offline", offline: { path: "src/server.ts", line: 3 } });
  });

  it("follows a call into another module of the project, one import away (uptime-kuma's Database.patch(), a drizzle migrate module)", () => {
    const database = "class Database {\n  static async connect() {}\n\n  static async patch() {\n    await this.knex.migrate.latest({ directory: 'db/migrations' });\n  }\n}\n\nmodule.exports = Database;\n";
    const main = "const Database = require('./database');\n\nasync function initDatabase() {\n  await Database.connect();\n  await Database.patch();\n}\n\n(async () => {\n  await initDatabase();\n  server.listen(3001);\n})();\n";
    const kuma = node({ "src/server.ts": "", "server/server.js": main, "server/database.js": database });
    const decision = decideDeploy(auto, kuma);
    expect(decision).toMatchObject({ mode: "offline", offline: { path: "server/database.js", line: 5 } });
    expect(deployNote(decision)).toContain("server/database.js:5: the application runs its knex migrations (migrate.latest(), called from server/server.js:5) before the server listens");
    const migrateModule = "import { migrate } from 'drizzle-orm/node-postgres/migrator';\nimport { db } from './client.js';\n\nexport async function runMigrations() {\n  await migrate(db, { migrationsFolder: 'drizzle' });\n}\n";
    const index = "import { runMigrations } from './db/migrate.js';\nimport { app } from './app.js';\n\nawait runMigrations();\napp.listen(8080);\n";
    expect(decideDeploy(auto, node({ "src/server.ts": "", "src/index.ts": index, "src/db/migrate.ts": migrateModule }))).toMatchObject({ mode: "offline", offline: { path: "src/db/migrate.ts", line: 5 } });
    // the module's other functions, or the call after listen, do not count
    expect(decideDeploy(auto, node({ "src/server.ts": "", "src/index.ts": index.replace("runMigrations", "seed").replace("runMigrations", "seed"), "src/db/migrate.ts": migrateModule })).mode).toBe("online");
    expect(decideDeploy(auto, node({ "src/server.ts": "", "src/index.ts": index.replace("await runMigrations();\napp.listen(8080);", "app.listen(8080);\nawait runMigrations();"), "src/db/migrate.ts": migrateModule })).mode).toBe("online");
  });

  it("follows a Fastify plugin registered before listen into Prisma's programmatic migrate, through tsconfig's baseUrl (zipline)", () => {
    const index = "import fastify from 'fastify';\nimport prismaPlugin from './plugins/prisma';\n\nconst server = fastify();\n\nasync function start() {\n  server.register(configPlugin).register(prismaPlugin);\n  await server.listen({ port: 3000 });\n}\n\nstart();\n";
    const plugin = "import fastifyPlugin from 'fastify-plugin';\nimport { migrations } from 'server/util';\n\nasync function prismaPlugin(fastify) {\n  await migrations();\n  fastify.decorate('prisma', new PrismaClient());\n}\n\nexport default fastifyPlugin(prismaPlugin, { name: 'prisma' });\n";
    const util = "import { Migrate } from '@prisma/migrate/dist/Migrate';\n\nexport async function migrations() {\n  const migrate = new Migrate('./prisma/schema.prisma');\n  await migrate.applyMigrations();\n  migrate.stop();\n}\n";
    const tsconfig = '{\n  // comments and trailing commas, as tsc reads them\n  "compilerOptions": { "baseUrl": "src", "paths": { "lib/*": ["lib/*"], }, },\n}\n';
    const zipline = { "src/server.ts": "", "src/server/index.ts": index, "src/server/plugins/prisma.ts": plugin, "src/server/util.ts": util, "tsconfig.json": tsconfig };
    const decision = decideDeploy(auto, node(zipline));
    expect(decision).toMatchObject({ mode: "offline", offline: { path: "src/server/util.ts", line: 5 } });
    expect(deployNote(decision)).toContain("the application runs its Prisma migrations (applyMigrations(), called from src/server/index.ts:7) before the server listens");
    // without the tsconfig, `server/util` names no file of the project; registered after listen, the plugin boots too late
    expect(decideDeploy(auto, node({ ...zipline, "tsconfig.json": "{}\n" })).mode).toBe("online");
    const late = index.replace("  server.register(configPlugin).register(prismaPlugin);\n  await server.listen({ port: 3000 });", "  await server.listen({ port: 3000 });\n  server.register(prismaPlugin);");
    expect(decideDeploy(auto, node({ ...zipline, "src/server/index.ts": late })).mode).toBe("online");
    // applyMigrations() of something not imported from @prisma/migrate, or a plugin that does not migrate
    expect(decideDeploy(auto, node({ ...zipline, "src/server/util.ts": util.replace("@prisma/migrate/dist/Migrate", "./migrate") })).mode).toBe("online");
    expect(decideDeploy(auto, node({ ...zipline, "src/server/plugins/prisma.ts": plugin.replace("  await migrations();\n", "") })).mode).toBe("online");
  });

  it("stays online when the migration runs after listen, in the listen callback, in a comment, or the app is not a container", () => {
    const after = server.replace("  await db.migrate.latest();\n  app.listen(3000);", "  app.listen(3000);\n  await db.migrate.latest();");
    expect(decideDeploy(auto, node({ "src/server.ts": after })).mode).toBe("online");
    const callback = "app.listen(3000, async () => {\n  await db.migrate.latest();\n});\n";
    expect(decideDeploy(auto, node({ "src/server.ts": callback })).mode).toBe("online");
    // a named function that migrates counts where it is called: here after the server listens
    const calledLate = "async function migrate() { await db.migrate.latest(); }\napp.listen(3000);\nmigrate();\n";
    expect(decideDeploy(auto, node({ "src/server.ts": calledLate })).mode).toBe("online");
    expect(decideDeploy(auto, node({ "src/server.ts": "// await db.migrate.latest() first\napp.listen(3000);\n" })).mode).toBe("online");
    // umzug's up() needs umzug imported: another up() is not a migration
    expect(decideDeploy(auto, node({ "src/server.ts": "await cache.up();\napp.listen(3000);\n" })).mode).toBe("online");
    expect(decideDeploy(auto, node({ Dockerfile: "" }).filter((f) => f.path !== "Dockerfile")).mode).toBe("online");
    // the start file is one the CLI reads beside the conventional names
    expect(nodeEntryPaths(node())).toEqual(expect.arrayContaining(["dist/server.js", "src/server.ts"]));
    expect(deployPaths(["src/server.ts", "backend/src/main.ts", "web/src/components/app.tsx", "src/types.d.ts"])).toEqual(["src/server.ts", "backend/src/main.ts"]);
  });
});

describe("findings under an offline deploy", () => {
  const migration = {
    path: "core/migrations/0002_change.py",
    content: [
      "from django.db import migrations, models",
      "",
      "",
      "class Migration(migrations.Migration):",
      '    dependencies = [("core", "0001_initial")]',
      "    operations = [",
      '        migrations.AddIndex(model_name="child", index=models.Index(fields=["name"], name="child_name_idx")),',
      '        migrations.RenameField(model_name="child", old_name="birth", new_name="birth_date"),',
      '        migrations.RemoveField(model_name="child", name="picture"),',
      "    ]",
      "",
    ].join("\n"),
  };
  const run = (config: Record<string, unknown>, repositoryFiles = files()) => analyze({ files: [migration], config: resolveConfig(config).config, repositoryFiles });

  it("turns lock and old-code findings into notes that name the proof and the override; a drop's data loss is left, a warning", async () => {
    const result = await run({});
    expect(result.deploy.mode).toBe("offline");
    const byRule = new Map(result.findings.map((f) => [f.rule, f]));
    for (const rule of ["index-without-concurrently", "rename-column"]) {
      expect(byRule.get(rule)?.severity).toBe("info");
      expect(byRule.get(rule)?.message).toContain("Offline deploy (docker/docker-entrypoint.sh:4 runs the migrations");
      expect(byRule.get(rule)?.message).toContain("`deploy: online`");
    }
    expect(byRule.get("index-without-concurrently")?.message).toContain("no traffic during the migration; this costs downtime");
    // no old code reads the column while it goes: only the data loss is left, as for a removal the code stopped using
    expect(byRule.get("drop-column")?.severity).toBe("warning");
    expect(byRule.get("drop-column")?.message).toContain("No running code reads it then (docker/docker-entrypoint.sh:4:");
    expect(byRule.get("drop-column")?.details.at(-1)).toContain("only the data loss is left: an error where old code still runs");
  });

  it("keeps every severity with deploy: online, or with a Helm chart beside the entrypoint", async () => {
    for (const result of [await run({ deploy: "online" }), await run({}, files({ "helm/Chart.yaml": "name: x\n" }))]) {
      expect(result.deploy.mode).toBe("online");
      expect(result.findings.find((f) => f.rule === "index-without-concurrently")?.severity).toBe("error");
      expect(result.findings.find((f) => f.rule === "rename-column")?.severity).toBe("error");
      expect(result.findings.some((f) => f.message.includes("Offline deploy"))).toBe(false);
    }
  });

  it("reads deploy files that cost a walk (the CLI's) once, and only when a finding's hazard depends on the deploy", async () => {
    let reads = 0;
    const deployFiles = () => {
      reads++;
      return files();
    };
    // two migrations with lock findings: the same offline notes as from repositoryFiles, from one read
    const second = { path: "core/migrations/0003_more.py", content: migration.content.replace('("core", "0001_initial")', '("core", "0002_change")').replace(/child_name_idx/g, "child_nick_idx").replace('"name"]', '"nick"]') };
    const lazy = await analyze({ files: [migration, second], config: defaultConfig(), deployFiles });
    expect(reads).toBe(1);
    expect(lazy.deploy.mode).toBe("offline");
    expect(lazy.findings.filter((f) => f.rule === "index-without-concurrently").map((f) => f.severity)).toEqual(["info", "info"]);
    // a data migration alone (RunPython: no lock, no old code) never asks: the files stay unread
    const data = {
      path: "core/migrations/0002_fill.py",
      content: 'from django.db import migrations\n\n\ndef fill(apps, schema_editor):\n    pass\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("core", "0001_initial")]\n    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]\n',
    };
    reads = 0;
    const unread = await analyze({ files: [data], config: defaultConfig(), deployFiles });
    expect(reads).toBe(0);
    expect(unread.deploy).toEqual({ mode: "online", source: "unread" });
    expect(deployNote(unread.deploy)).toBeUndefined();
    // deploy: offline in the config needs no files either
    await analyze({ files: [migration], config: resolveConfig({ deploy: "offline" }).config, deployFiles });
    expect(reads).toBe(0);
  });
});

describe("deploy order: code before migrate", () => {
  const workflow = (steps: string) => `name: Deploy\non: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;
  const cfAction = (command: string) => `      - uses: cloud-gov/cg-cli-tools@main\n        with:\n          cf_space: stable\n          cf_command: ${command}\n`;

  it("reads manage.get.gov's workflow: cg-cli-tools pushes (cf push), the next step runs migrate as a task", () => {
    const content = workflow(cfAction(">-\n            push -f ops/manifests/manifest-stable.yaml\n            --strategy rolling") + cfAction("\"run-task getgov-stable --command 'python manage.py migrate' --name migrate\""));
    const decision = decideDeploy(auto, [{ path: ".github/workflows/deploy-stable.yaml", content }]);
    expect(decision).toMatchObject({ mode: "code-before-migrate", source: "detected", codeFirst: { path: ".github/workflows/deploy-stable.yaml", line: 16 } });
    expect(decision.codeFirst?.what).toContain("`cf push`, line 10");
    expect(deployNote(decision)).toContain("deploy: read as code-before-migrate: .github/workflows/deploy-stable.yaml:16");
  });

  it("reads cg-cli-tools without cf_command as its documented default, `cf push` (manage.get.gov's workflow before v1.150: only `cf_manifest:`)", () => {
    const push = '      - uses: cloud-gov/cg-cli-tools@main\n        with:\n          cf_space: stable\n          cf_manifest: "ops/manifests/manifest-stable.yaml"\n';
    const content = workflow(push + cfAction("\"run-task getgov-stable --command 'python manage.py migrate' --name migrate\""));
    const decision = decideDeploy(auto, [{ path: ".github/workflows/deploy-stable.yaml", content }]);
    expect(decision).toMatchObject({ mode: "code-before-migrate", codeFirst: { line: 14 } });
    expect(decision.codeFirst?.what).toContain("`cf push`, line 7");
    // a shell `command:` instead runs that, not a push
    const shell = '      - uses: cloud-gov/cg-cli-tools@main\n        with:\n          command: cf apps\n';
    expect(decideDeploy(auto, [{ path: ".github/workflows/deploy-stable.yaml", content: workflow(shell + cfAction("\"run-task app --command 'python manage.py migrate'\"")) }]).mode).toBe("online");
  });

  it("reads `run` lines and one chained line; a migration before the push is migrate-before-code (online)", () => {
    const runs = workflow("      - run: cf push app --strategy rolling\n      - run: |\n          cf run-task app --command 'python manage.py migrate'\n");
    expect(decideDeploy(auto, [{ path: ".github/workflows/deploy.yml", content: runs }])).toMatchObject({ mode: "code-before-migrate", codeFirst: { line: 9 } });
    const chained = workflow("      - run: git push heroku main && heroku run rails db:migrate\n");
    expect(decideDeploy(auto, [{ path: ".github/workflows/deploy.yml", content: chained }]).mode).toBe("code-before-migrate");
    const before = workflow("      - run: cf run-task app --command 'python manage.py migrate'\n      - run: cf push app\n      - run: cf run-task app --command 'python manage.py migrate'\n");
    expect(decideDeploy(auto, [{ path: ".github/workflows/deploy.yml", content: before }])).toEqual({ mode: "online", source: "default" });
    // a development workflow says nothing of production
    expect(decideDeploy(auto, [{ path: ".github/workflows/deploy-development.yml", content: runs }]).mode).toBe("online");
  });

  it("a release phase that migrates first, or an entrypoint that migrates before its server, keeps the old order", () => {
    const runs = workflow("      - run: git push heroku main\n      - run: heroku run python manage.py migrate\n");
    expect(decideDeploy(auto, [{ path: ".github/workflows/deploy.yml", content: runs }, { path: "Procfile", content: "release: python manage.py migrate\nweb: gunicorn app.wsgi\n" }]).mode).toBe("online");
    expect(decideDeploy(auto, [...files(), { path: ".github/workflows/deploy.yml", content: runs }]).mode).toBe("offline");
  });

  it("reads a Helm post-upgrade hook Job that migrates as code-before-migrate, a pre-upgrade one as not", () => {
    const job = (hook: string) => `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\n  annotations:\n    "helm.sh/hook": ${hook}\nspec:\n  template:\n    spec:\n      containers:\n        - name: migrate\n          command: ["sh", "-c", "python manage.py migrate --noinput"]\n`;
    expect(decideDeploy(auto, [{ path: "charts/app/templates/migrate-job.yaml", content: job("post-install,post-upgrade") }])).toMatchObject({ mode: "code-before-migrate", codeFirst: { path: "charts/app/templates/migrate-job.yaml", line: 2 } });
    expect(decideDeploy(auto, [{ path: "charts/app/templates/migrate-job.yaml", content: job("pre-install,pre-upgrade") }]).mode).toBe("online");
  });

  it("config `deploy: code-before-migrate` says it without files", () => {
    const { config } = resolveConfig({ deploy: "code-before-migrate" });
    expect(decideDeploy(config, [])).toEqual({ mode: "code-before-migrate", source: "config" });
  });
});

/**
 * Files that say how the project is deployed, chosen by path alone (the App fetches one request each, so the
 * list is short): container files (Dockerfile, compose files, entrypoint and start scripts) and the signs of a
 * rolling deploy (Kubernetes manifests, Helm charts, Procfile, Heroku's app.json, fly.toml, render.yaml, Capistrano's
 * Capfile, Cloud66's manifest, Kamal's config/deploy.yml, CI workflows (a rolling update in any; more read in one named for deploying), the files that count
 * instances: Terraform's variables and configuration, Cloud Foundry manifests, ECS and CloudFormation definitions), and the
 * files that show an application migrating itself at start (self-migrating.ts: go.mod and Go start files, Rust
 * main files and a workspace's Cargo.toml, pom.xml / build.gradle, Spring's application config, a Node project's package.json, a Rails
 * initializer named for migrating), and a Python project's pyproject.toml, setup.cfg or setup.py, whose console scripts a
 * container may run to migrate (python-console-scripts.ts).
 * deploy-model.ts reads them.
 */
import { baseOf } from "../paths.js";
import { isPythonPackagingPath } from "./python-console-scripts.js";
import { isOperatorManifestPath } from "./deploy-doc-paths.js";

/** names of folders whose files describe tests, examples or dependencies, not how this project runs */
const NOT_DEPLOY_FOLDERS = "node_modules|vendor|\\.git|tests?|spec|fixtures?|examples?|docs?|__tests__";
const NOT_DEPLOY = new RegExp(`(?:^|/)(?:${NOT_DEPLOY_FOLDERS})(?:/|$)`);
const NOT_DEPLOY_FOLDER = new RegExp(`^(?:${NOT_DEPLOY_FOLDERS})$`);

/** A folder no deploy file lies under (`isDeployPath` is false for all of them): a walk for deploy files skips it. */
export const isNotDeployFolder = (name: string): boolean => NOT_DEPLOY_FOLDER.test(name);

/** Dockerfiles, charts, entrypoints and start code sit near the root: a search for deploy files goes this many folders deep */
export const DEPLOY_WALK_DEPTH = 4;
/** folders of build output, dependencies and virtual environments: a search for deploy files never enters them */
const UNWALKED_FOLDERS = new Set(["node_modules", ".git", "vendor", "dist", "build", "target", ".venv", "venv", "__pycache__"]);
/** A folder a search for deploy files does not enter (build output, dependencies, tests, docs). */
export const isUnwalkedFolder = (name: string): boolean => UNWALKED_FOLDERS.has(name) || isNotDeployFolder(name);
/**
 * A path a search for deploy files reaches: at most DEPLOY_WALK_DEPTH folders deep, through none it skips. The CLI
 * walks the disk that way; the App picks the same paths from its listing, so both read the same files.
 */
export function isInDeployWalk(path: string): boolean {
  const folders = path.split("/").slice(0, -1);
  return folders.length <= walkDepthBelow(folders.slice(0, DEPLOY_WALK_DEPTH).join("/")) && !folders.some(isUnwalkedFolder);
}

/**
 * An Ansible role's task and handler files (`roles/<role>/tasks/main.yml`, `roles/<role>/handlers/main.yml`), whose
 * order of restart and migration ansible-order.ts reads; not those of a Molecule or Vagrant test setup.
 */
export const isAnsibleRolePath = (path: string): boolean =>
  /(?:^|\/)roles\/[^/]+\/(?:tasks|handlers)\/[\w.-]+\.ya?ml$/.test(path) && !/(?:^|\/)(?:molecule|vagrant)(?:\/|$)/i.test(path) && !isDevelopmentPath(path);
/** an Ansible tree (`infra/ansible/roles/django/handlers/main.yml`) lies two folders deeper than other deploy files */
const ANSIBLE_FOLDER = /(?:^|\/)(?:ansible|roles)(?:\/|$)/;
/** How many folders deep a deploy walk lists files under `folder` (one DEPLOY_WALK_DEPTH deep): deeper in an Ansible tree. */
export const walkDepthBelow = (folder: string): number => (ANSIBLE_FOLDER.test(folder) ? DEPLOY_WALK_DEPTH + 2 : DEPLOY_WALK_DEPTH);

/** folders that hold Kubernetes manifests and Helm charts */
const KUBERNETES_DIRS = /(?:^|\/)(?:k8s|kubernetes|kube|openshift|helm|charts?|manifests|deploy|deployments?|kustomize|\.k8s)\//;

/** `Dockerfile`, `Dockerfile.prod`, `web.Dockerfile`, `Containerfile`, in either case (uptime-kuma's docker/dockerfile) */
export const isDockerfilePath = (path: string): boolean => /^(?:Dockerfile(?:\.[\w.-]+)?|[\w.-]+\.Dockerfile|Containerfile)$/i.test(baseOf(path));
/** a folder of container files (`docker/`, `.docker/`, `containers/`) at the root or one folder down */
const CONTAINER_FOLDER = String.raw`(?:[^/]+/)?(?:\.?docker|containers?)/`;
const CONTAINER_YAML = new RegExp(String.raw`^${CONTAINER_FOLDER}[\w.-]+\.ya?ml$`);
/**
 * A compose file: named for Compose, or a YAML file in a container folder that is not one for development (IntelOwl's
 * docker/default.yml, which its start script passes to `docker compose -f`). Only a file with a `services:` map has
 * services (deploy-yaml.ts): other YAML there reads as none.
 */
export const isComposePath = (path: string): boolean =>
  /^(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml$/.test(baseOf(path)) || (CONTAINER_YAML.test(path) && !isDevelopmentName(baseOf(path)));
/**
 * entrypoint and start scripts by their conventional names (jumpserver's `jms` included; an entrypoint name with a
 * source file's extension, a `.ts` or `.py` module, is code, not a script), and any shell script at
 * the root or in a container folder or one folder below it (mealie's docker/entry.sh): which of them the container runs is read from the
 * Dockerfile and compose files (deploy-model.ts)
 */
export const isStartScriptPath = (path: string): boolean =>
  /^(?:[\w.-]*entrypoint(?:[\w-]*|[\w.-]*\.(?:sh|bash))|(?:entry|start|run|boot|launch|serve|startup|prestart|docker-start|start-server|run-server|init)(?:[\w.-]*)\.sh|jms)$/i.test(baseOf(path)) ||
  // a container folder's scripts, and those of its subfolders (IntelOwl's docker/entrypoints/uwsgi.sh, which its
  // compose service's `entrypoint:` runs)
  (path.endsWith(".sh") && /^(?:[^/]+|(?:[^/]+\/)?(?:\.?docker|containers?|deploy)\/(?:[^/]+\/)?[^/]+)$/.test(path)) ||
  // a start script without an extension in bin/ (greenlight's bin/start, its Dockerfile's ENTRYPOINT)
  /^(?:[^/]+\/)?bin\/(?:start|run|boot|launch|serve|server|startup|prestart|entry|docker-start|start-server|run-server)$/i.test(path);
/** a justfile (just's default names), whose recipes a container command or a production task runs (justfile-recipes.ts) */
export const isJustfilePath = (path: string): boolean => /^(?:[Jj]ustfile|\.justfile)$/.test(baseOf(path));
/** words that mark a file as one for development, tests or a demo, not for how production runs */
const DEVELOPMENT_WORDS = "dev|devel|development|local|test|tests|testing|fuzz|ci|debug|e2e|demo|demos|example|examples|sample|samples|sandbox|playground|quickstart|override|review|preview";
const DEVELOPMENT_NAME = new RegExp(`(?:^|[._-])(?:${DEVELOPMENT_WORDS})(?:[._-]|$)`, "i");
/** a name (a file's, a Spring profile's) that says development, tests or a demo */
export const isDevelopmentName = (name: string): boolean => DEVELOPMENT_NAME.test(name);
/**
 * what a container or task is started with to run a test runner or a linter, not the application (hope's entrypoint
 * runs its Cypress suite under `"cy"`, with a migration and `runserver` of its own; a justfile's `lint-check`)
 */
const TEST_RUNNER = /(?:^|[._-])(?:cy|cypress|playwright|selenium|e2e|pytest|jest|unittest|tox|coverage|lint|linting|mypy|behave)(?:[._-]|$)/i;
export const isTestRunnerName = (name: string): boolean => TEST_RUNNER.test(name);
/** a task or recipe named for production (`prod-api-up`, `start-production`) */
export const isProductionName = (name: string): boolean => /(?:^|[._-])(?:prod|production)(?:[._-]|$)/i.test(name);
/** a dev container's folder (`.devcontainer/`): its name is no development word alone (isDevelopmentFolderName) */
const DEV_CONTAINER_FOLDER = /(?:^|\/)\.?devcontainer\//i;
/**
 * A folder of development tooling, demos and test setups, named for one (`dev/`, `e2e/`, `ci/`, `fuzz/`): an
 * end-to-end, CI or fuzzing compose file (OWASP Nest's docker-compose/e2e/compose.yaml migrates then serves for its
 * test run) says nothing of how production runs. Or whose name joins such a word to others with `-`, `_` or `.`:
 * tournesol's `dev-env/` (its compose file runs `migrate` then `runserver` for a developer, production deploys with
 * Ansible), buildbot's `docker-example/`, aiida's `.docker/aiida-core-dev/`, copr's `overlays/dev-local/` and
 * `beaker-tests/`. A word inside a longer one (`devops/`, `locale/`) is no such word.
 */
const isDevelopmentFolderName = (name: string): boolean => name.split(/[._-]/).some((word) => DEVELOPMENT_WORD.test(word));
// and documentation (phoenix's internal_docs/vignettes/postgresql_tls/docker-compose.yaml shows a reader a setup)
const DEVELOPMENT_WORD = new RegExp(`^(?:${DEVELOPMENT_WORDS}|docs?)$`, "i");
/**
 * A file for development, tests, a demo or a pull request's review app, not for how production runs: `Dockerfile.dev`,
 * `docker-compose.local.yml`, `dev-env/docker-compose.yml`, bike_index's Kamal `config/deploy.review.yml`,
 * `scripts/start.dev.sh` (Lago's dev image runs `rails db:prepare` then `rails s`; production migrates apart), a
 * demo or example compose file (`docker-compose.demo.yml`, `demo/compose.yaml`) and Compose's
 * `docker-compose.override.yml`, which `docker compose up` merges in on a developer's machine.
 */
export const isDevelopmentPath = (path: string): boolean =>
  // a docs folder is a reader's, except the manifests an operator applies (hitobito's doc/operator/openshift/)
  !isOperatorManifestPath(path) &&
  (DEVELOPMENT_NAME.test(baseOf(path)) ||
  // a file named for a test runner (`docker/docker-compose.pytest.yml`): it runs the tests, not the application (a CI
  // workflow is read for the deploy it runs whatever its name says it checks first)
  (TEST_RUNNER.test(baseOf(path)) && !isWorkflowPath(path)) ||
  // a folder of development tooling or demos (Polar's dev/docker/scripts/startup.sh, a .devcontainer, tournesol's dev-env/)
  DEV_CONTAINER_FOLDER.test(path) ||
  path.split("/").slice(0, -1).some(isDevelopmentFolderName));
/** the variables through which frameworks read which environment they run in */
const ENVIRONMENT_KEYS = new Set(["RAILS_ENV", "RACK_ENV", "NODE_ENV", "APP_ENV", "FLASK_ENV", "MIX_ENV", "DJANGO_ENV", "ENVIRONMENT"]);
const DEVELOPMENT_ENVIRONMENT = /^(?:dev|devel|development|local|test|testing|sandbox|review|preview)$/i;
/**
 * `KEY=value` that says the container runs for development, tests or review apps (`RAILS_ENV=development`,
 * bike_index's image built with `RAILS_ENV=sandbox`), so it is not how production runs
 */
export const isDevelopmentEnvironment = (key: string, value: string): boolean => ENVIRONMENT_KEYS.has(key) && DEVELOPMENT_ENVIRONMENT.test(value.trim());
/** a script named for running the migrations (`scripts/migrate.sh`): a step of its own, apart from the server's start */
/** a script named for migrating, or for undoing migrations (`flyway_undo.sh`, `rollback.sh`: flyway-commands.ts reads them for undo) */
export const isMigrateScriptPath = (path: string): boolean => /^[\w.-]*(?:migrat|undo|rollback)[\w.-]*\.sh$/i.test(baseOf(path));
/** Kubernetes and OpenShift manifests and Helm charts, and the manifests of an operator's docs folder (deploy-doc-paths.ts) */
export const isKubernetesPath = (path: string): boolean => baseOf(path) === "Chart.yaml" || (KUBERNETES_DIRS.test(path) && /\.ya?ml$/.test(path)) || isOperatorManifestPath(path);
export const isPlatformPath = (path: string): boolean => ["Procfile", "app.json", "fly.toml", "render.yaml", "Capfile"].includes(baseOf(path)) || isCloud66ManifestPath(path) || isKamalConfigPath(path);
/** Capistrano's config, `config/deploy.rb` or a stage's `config/deploy/production.rb`: its hooks may put up a maintenance page */
export const isCapistranoConfigPath = (path: string): boolean => /(?:^|\/)config\/deploy(?:\/[\w-]+)?\.rb$/.test(path) && !isDevelopmentPath(path);
/** Cloud66's stack manifest (bike_index deploys production there) */
export const isCloud66ManifestPath = (path: string): boolean => /(?:^|\/)\.cloud66\/manifest\.ya?ml$/.test(path);
/** Kamal's deploy config, `config/deploy.yml` or a destination's `config/deploy.<destination>.yml` */
export const isKamalConfigPath = (path: string): boolean => /(?:^|\/)config\/deploy(?:\.[\w-]+)?\.ya?ml$/.test(path);
/** Terraform's variables and configuration in JSON (`production.tfvars.json`, `main.tf.json`) */
export const isTerraformJsonPath = (path: string): boolean => /\.(?:tfvars|tf)\.json$/.test(path);
/**
 * Terraform's variables and configuration in HCL (`production.tfvars`, `main.tf`): terraform-hcl.ts reads them. Not
 * the files named for outputs, providers, the state backend or versions: by convention they hold no resources, so no
 * count or task, and a Terraform tree has one of each per module (they crowded OWASP Nest's tasks module out of
 * MAX_DEPLOY_FILES).
 */
export const isTerraformHclPath = (path: string): boolean => /\.(?:tfvars|tf)$/.test(path) && !/^(?:outputs|providers|backend|versions)\.tf$/.test(baseOf(path));
/** a Cloud Foundry (GOV.UK PaaS) app manifest, `manifest.yml` or `manifest-production.yml`; not Cloud66's */
export const isCloudFoundryManifestPath = (path: string): boolean => /^manifest(?:[._-][\w-]+)?\.ya?ml$/.test(baseOf(path)) && !isCloud66ManifestPath(path);
/** JSON or YAML in a folder of ECS, CloudFormation or Copilot definitions (a service's `desiredCount`) */
export const isAwsDefinitionPath = (path: string): boolean => /(?:^|\/)(?:\.?aws|ecs|cloudformation|cfn|copilot)\/(?:[^/]+\/)*[^/]+\.(?:json|ya?ml)$/.test(path);
/** a file that may state how many instances of the application run (instance-counts.ts reads it) */
export const isInstanceCountPath = (path: string): boolean => isTerraformJsonPath(path) || isTerraformHclPath(path) || isCloudFoundryManifestPath(path) || isAwsDefinitionPath(path);
/**
 * any CI workflow: a rolling update of running instances shows wherever it is written (CourtListener's
 * `docker-build.yml` ends with `kubectl set image`); named for deploying, it is read for more (isDeployWorkflowPath)
 */
export const isWorkflowPath = (path: string): boolean => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path);
/**
 * a CI workflow named for deploying (danbooru's `.github/workflows/deploy.yaml` rolls its Kubernetes Deployments), not
 * one named for testing
 */
export const isDeployWorkflowPath = (path: string): boolean =>
  isWorkflowPath(path) &&
  /(?:^|[._-])(?:deploy\w*|release|rollout|cd|prod|production|k8s|kubernetes|helm)(?:[._-]|$)/i.test(baseOf(path)) &&
  // a workflow named for testing (DefectDojo's k8s-tests.yml, test-helm-chart.yml) installs into a throwaway cluster
  !/(?:^|[._-])(?:tests?|testing|e2e)(?:[._-]|$)/i.test(baseOf(path));

/** a Go source file of the project (tests, vendored and test-data code left out) */
export const isGoSourcePath = (path: string): boolean => path.endsWith(".go") && !path.endsWith("_test.go") && !NOT_DEPLOY.test(path) && !/(?:^|\/)testdata\//.test(path);
/**
 * Go files fetched by name for an in-process migration, for an edge that pays a request per file (the App): the
 * ones named for it and the commands' main files. The CLI also reads every Go file of a module that requires
 * golang-migrate or goose and keeps those that import it (self-migrating.ts decides by imports, not by name).
 */
export const isGoStartPath = (path: string): boolean => /^(?:[\w.-]*migrat[\w.-]*|main)\.go$/i.test(baseOf(path)) && isGoSourcePath(path);
/** a Go file named for migrating (fider's app/pkg/dbx/migrate.go): where a project's own migrator lives */
export const isGoMigratorPath = (path: string): boolean => /migrat/i.test(baseOf(path)) && isGoStartPath(path);
export const isRustStartPath = (path: string): boolean => /^(?:[\w-]*migrat[\w-]*|main)\.rs$/i.test(baseOf(path));
/**
 * A Cargo.toml at the root or one folder down (a workspace's root, or a `backend/` crate): when it names a migrator,
 * the CLI and the App read the crates below it (rust-crates.ts). Not every crate's manifest: a workspace has dozens
 * (lemmy 41), which would crowd the other deploy files out of MAX_DEPLOY_FILES.
 */
export const isRootCargoManifestPath = (path: string): boolean => /^(?:[^/]+\/)?Cargo\.toml$/.test(path);
export const isJvmBuildPath = (path: string): boolean => ["pom.xml", "build.gradle", "build.gradle.kts"].includes(baseOf(path));
/** Spring Boot's application config (`src/main/resources/application.yml`, `application-prod.properties`) */
export const isSpringConfigPath = (path: string): boolean => /(?:^|\/)resources\/application(?:-[\w.-]+)?\.(?:properties|ya?ml)$/.test(path);
/** a JavaScript or TypeScript source file (declaration files and tests left out) */
export const isNodeSourcePath = (path: string): boolean => /\.(?:[cm]?[jt]s|[jt]sx)$/.test(path) && !/\.(?:d|test|spec)\.[cm]?[jt]sx?$/.test(path) && !NOT_DEPLOY.test(path);
/**
 * A Node server's start file by its conventional name, at the root or one folder down, or in their src/
 * (`src/server.ts`, `backend/src/main.ts`, a server folder's index: zipline's `src/server/index.ts`); the CLI also
 * reads the files package.json's `main` and start script run.
 */
export const isNodeStartPath = (path: string): boolean =>
  /^(?:[^/]+\/)?(?:src\/)?(?:server|main|index|app|start|bootstrap|server\/index)\.(?:[cm]?[jt]s)$/.test(path) && isNodeSourcePath(path);
/** A tsconfig.json, by its name (not `tsconfig.build.json`): its baseUrl and paths say where a bare import points. */
export const isTsconfigPath = (path: string): boolean => baseOf(path) === "tsconfig.json";
/** a Node project's package.json at the root or one folder down (`backend/`): its scripts are what `npm start` runs */
export const isNodeManifestPath = (path: string): boolean => /^(?:[^/]+\/)?package\.json$/.test(path);
/** a Rails initializer named for migrating (docuseal's config/initializers/migrate.rb): it runs at every boot */
export const isRailsMigrateInitializerPath = (path: string): boolean => /(?:^|\/)config\/initializers\/[\w.-]*migrat[\w.-]*\.rb$/i.test(path);
/**
 * A Java source file of the application named for migrating or for Flyway or Liquibase (Dataverse's
 * src/main/java/.../flyway/StartupFlywayMigrator.java), at any depth of a module's src/main/java: java-startup.ts reads
 * whether the application server runs it when it deploys the application. Deeper than a deploy walk goes, so the
 * edges list it apart, for a module whose build file depends on one of the tools (deploy-code-paths.ts).
 */
export const isJavaMigratorPath = (path: string): boolean => /(?:^|\/)src\/main\/java\/(?:[^/]+\/)*[\w$]*(?:[Mm]igrat|Flyway|Liquibase)[\w$]*\.java$/.test(path) && !NOT_DEPLOY.test(path);
export const isAppStartPath = (path: string): boolean =>
  baseOf(path) === "go.mod" || isJavaMigratorPath(path) || isGoStartPath(path) || isRustStartPath(path) || isRootCargoManifestPath(path) || isJvmBuildPath(path) || isSpringConfigPath(path) || isNodeManifestPath(path) || isNodeStartPath(path) || isRailsMigrateInitializerPath(path);

/** Travis CI's config at the root: its deploy phases may run the migrations under maintenance mode (maintenance-mode.ts) */
export const isTravisPath = (path: string): boolean => path === ".travis.yml";
/**
 * an Azure Pipelines file: `azure-pipelines*.yml` at the root or one folder down, or any YAML of a pipelines folder
 * (`.azure-pipelines/`, `.pipelines/`): its release pipeline may hand the deploy to another repository's template
 * (remote-pipelines.ts)
 */
export const isAzurePipelinePath = (path: string): boolean =>
  /^(?:[^/]+\/)?azure-pipelines[\w.-]*\.ya?ml$/i.test(path) || /^\.?(?:azure-)?pipelines\/[^/]+\.ya?ml$/i.test(path);
/** GitLab CI's config at the root: its `include: project:` may bring the deploy from another project (remote-pipelines.ts) */
export const isGitlabCiPath = (path: string): boolean => path === ".gitlab-ci.yml";
/** a shell script named for deploying (growstuff's script/deploy-tasks.sh): a deploy sequence may run it */
export const isDeployScriptPath = (path: string): boolean => /^[\w.-]*deploy[\w.-]*\.sh$/i.test(baseOf(path)) && !isDevelopmentPath(path);

export function isDeployPath(path: string): boolean {
  if (NOT_DEPLOY.test(path)) return false;
  return isTravisPath(path) || isAzurePipelinePath(path) || isGitlabCiPath(path) || isAnsibleRolePath(path) || isJustfilePath(path) || isDeployScriptPath(path) || isCapistranoConfigPath(path) || isDockerfilePath(path) || isComposePath(path) || isStartScriptPath(path) || isMigrateScriptPath(path) || isKubernetesPath(path) || isPlatformPath(path) || isWorkflowPath(path) || isInstanceCountPath(path) || isAppStartPath(path) || isPythonPackagingPath(path);
}

/** more deploy files than this are not read: the signs are in the first few (root files sort first) */
export const MAX_DEPLOY_FILES = 60;

/** The deploy files of a listing, the shallowest first, at most MAX_DEPLOY_FILES. */
export function deployPaths(listing: readonly string[]): string[] {
  const depth = (p: string) => p.split("/").length;
  // workflows not named for deploying are read only for a rolling update: after every other deploy file; files for
  // development or tests before them, after the rest (they are read for little: a Dockerfile.local never makes offline)
  const rank = (p: string) => (isWorkflowPath(p) ? (isDeployWorkflowPath(p) ? 0 : 2) : isDevelopmentPath(p) ? 1 : 0);
  return listing.filter(isDeployPath).sort((a, b) => rank(a) - rank(b) || depth(a) - depth(b) || a.localeCompare(b)).slice(0, MAX_DEPLOY_FILES);
}

/**
 * The parsers some deploy files need, loaded only when a deploy decision meets such a file: the `yaml` package for
 * compose files, Kubernetes manifests and Helm templates (kubernetes-workloads.ts), Spring's application*.yml, Kamal's config and Cloud66's manifest (deploy-yaml.ts), Ansible roles' tasks and handlers (ansible-order.ts), the `yaml` package
 * and smol-toml for the files that count instances (instance-counts.ts), tree-sitter's HCL grammar for Terraform's
 * (terraform-hcl.ts), Babel's parser for a Node start file (node-start.ts), Prism for a Rails initializer named for migrating
 * (rails-boot-migration.ts) and Capistrano's config/deploy.rb (capistrano-maintenance.ts), tree-sitter's Java grammar for a Java
 * file named for migrating (java-startup.ts), tree-sitter's Bash grammar for a start script (shell-branches.ts) and for golang-migrate's CLI (golang-migrate-cli.ts), tree-sitter's
 * Go grammar for the Go files of a module whose go.mod requires goose (go-startup.ts), tree-sitter's Rust grammar for a
 * Rust source that names a migration macro (rust-startup.ts), tree-sitter's Python grammar for a
 * Django management command, a console script's code a deploy file runs or a setup.py (django-command-migrate.ts, python-cli-migrate.ts,
 * setup-py-scripts.ts), marked for the Markdown of a documented upgrade (doc-steps.ts). The deploy decision is made inside the analysis,
 * which is synchronous: the analysis waits for `deployReadersToLoad` first (analyze.ts), so a lint of one SQL file,
 * whose repository has no compose file, never loads YAML (test/cli/startup.test.ts).
 */
import type { SourceFile } from "../model.js";
import { baseOf } from "../paths.js";
import { isAnsibleRolePath, isAzurePipelinePath, isCapistranoConfigPath, isGitlabCiPath, isCloud66ManifestPath, isComposePath, isDeployWorkflowPath, isInstanceCountPath, isKamalConfigPath, isTerraformHclPath, isGoMigratorPath, isGoSourcePath, isJavaMigratorPath, isKubernetesPath, isNodeSourcePath, isRailsMigrateInitializerPath, isSpringConfigPath, isStartScriptPath, isTravisPath } from "./deploy-paths.js";
import type * as deployYamlModule from "./deploy-yaml.js";
import type * as maintenanceYamlModule from "./maintenance-yaml.js";
import type * as kubernetesWorkloadsModule from "./kubernetes-workloads.js";
import type * as ansibleOrderModule from "./ansible-order.js";
import type * as remotePipelinesModule from "./remote-pipelines.js";
import type * as instanceCountsModule from "./instance-counts.js";
import type * as nodeStartModule from "./node-start.js";
import type * as railsBootModule from "./rails-boot-migration.js";
import type * as capistranoModule from "./capistrano-maintenance.js";
import type * as javaStartupModule from "./java-startup.js";
import type * as shellBranchesModule from "./shell-branches.js";
import type * as golangMigrateCliModule from "./golang-migrate-cli.js";
import type * as goStartupModule from "./go-startup.js";
import type * as goTransactionRunnerModule from "./go-transaction-runner.js";
import type * as goLockTimeoutModule from "./go-lock-timeout.js";
import type * as rustStartupModule from "./rust-startup.js";
import type * as djangoCommandMigrateModule from "./django-command-migrate.js";
import type * as pythonCliMigrateModule from "./python-cli-migrate.js";
import type * as alembicWrapperCliModule from "./alembic-wrapper-cli.js";
import type * as setupPyScriptsModule from "./setup-py-scripts.js";
import type * as docStepsModule from "./doc-steps.js";
import { isDeployDocPath } from "./deploy-doc-paths.js";
import { isSetupPyPath } from "./python-console-scripts.js";
import { GOOSE_MODULE, goModules } from "../repository/go-mod.js";
import { importsTransactionalRunner } from "../repository/go-runners.js";
import { loadOnce } from "../load-once.js";
import { mayRunGolangMigrate } from "./golang-migrate-mention.js";
import { loadPostgresVersionReader } from "../database/postgres-version.js";
import { namesRustMigrationMacro } from "./rust-crates.js";

type DeployYaml = typeof deployYamlModule & typeof maintenanceYamlModule & typeof kubernetesWorkloadsModule & typeof ansibleOrderModule & typeof remotePipelinesModule;
type NodeStart = typeof nodeStartModule;
type RailsBoot = typeof railsBootModule & typeof capistranoModule;
type InstanceCounts = typeof instanceCountsModule;

let yaml: DeployYaml | undefined;
let javascript: NodeStart | undefined;
let ruby: RailsBoot | undefined;
let counts: InstanceCounts | undefined;
let java: typeof javaStartupModule | undefined;
type ShellReader = typeof shellBranchesModule & typeof golangMigrateCliModule;
let shell: ShellReader | undefined;
let go: (typeof goStartupModule & typeof goTransactionRunnerModule & typeof goLockTimeoutModule) | undefined;
let rust: typeof rustStartupModule | undefined;
type PythonCommands = typeof djangoCommandMigrateModule & typeof pythonCliMigrateModule & typeof setupPyScriptsModule & typeof alembicWrapperCliModule;
let python: PythonCommands | undefined;
let docs: typeof docStepsModule | undefined;

/** A deploy file that only the YAML parser reads. */
export const needsYaml = (path: string): boolean =>
  isComposePath(path) || (isSpringConfigPath(path) && /\.ya?ml$/.test(path)) || isKamalConfigPath(path) || isCloud66ManifestPath(path) || isTravisPath(path) || isAnsibleRolePath(path) || isDeployWorkflowPath(path) || isKubernetesPath(path) || isAzurePipelinePath(path) || isGitlabCiPath(path);

const loadYaml = loadOnce(async () => {
  // one import after the other: concurrent dynamic imports of shared modules race under Jest's ESM loader
  const compose = await import("./deploy-yaml.js");
  const ci = await import("./maintenance-yaml.js");
  const kubernetes = await import("./kubernetes-workloads.js");
  const ansible = await import("./ansible-order.js");
  const remote = await import("./remote-pipelines.js");
  yaml = { ...compose, ...ci, ...kubernetes, ...ansible, ...remote };
});
/** A deploy file that may count the application's instances (instance-counts.ts: YAML, JSON, fly.toml's TOML). */
export const mayCountInstances = (path: string): boolean => isInstanceCountPath(path) || baseOf(path) === "fly.toml";
/** the HCL grammar (tree-sitter) is loaded only for Terraform's HCL files */
let hcl = false;
const loadCountsModule = loadOnce(async () => {
  counts ??= await import("./instance-counts.js");
});
const loadCountsWithHcl = loadOnce(async () => {
  await loadCountsModule();
  await counts!.loadHclParser();
  hcl = true;
});
const loadCounts = (withHcl: boolean) => (withHcl ? loadCountsWithHcl() : loadCountsModule());
const loadDocs = loadOnce(async () => {
  docs ??= await import("./doc-steps.js");
});
const loadJavaScript = loadOnce(async () => {
  javascript ??= await import("./node-start.js");
});
const loadRuby = loadOnce(async () => {
  // one after the other: both import Prism, and Jest's module loader fails two concurrent first imports of its WASI
  const boot = await import("./rails-boot-migration.js");
  await boot.loadRailsBootReader();
  const capistrano = await import("./capistrano-maintenance.js");
  ruby ??= { ...boot, ...capistrano };
});

const loadJava = loadOnce(async () => {
  const module = await import("./java-startup.js");
  await module.loadJavaParser();
  java ??= module;
});

const loadShell = loadOnce(async () => {
  const module = await import("./shell-branches.js");
  await module.loadShellParser();
  shell ??= { ...module, ...(await import("./golang-migrate-cli.js")) };
});

const loadGo = loadOnce(async () => {
  const module = await import("./go-startup.js");
  await module.loadGoStartupParser();
  go ??= { ...module, ...(await import("./go-transaction-runner.js")), ...(await import("./go-lock-timeout.js")) };
});

const loadRust = loadOnce(async () => {
  const module = await import("./rust-startup.js");
  await module.loadRustStartupParser();
  rust ??= module;
});

const loadPython = loadOnce(async () => {
  const module = await import("./django-command-migrate.js");
  await module.loadPythonParser();
  python ??= { ...module, ...(await import("./python-cli-migrate.js")), ...(await import("./setup-py-scripts.js")), ...(await import("./alembic-wrapper-cli.js")) };
});

/**
 * The Python reader, when a setup.py is among `files` and it is not loaded: its console scripts name the code the
 * deploy needs (deploy-code-paths.ts), so an edge waits for it before it picks that code (the App), or reads the
 * deploy files again once it is there (DeployDecider, for the CLI's walk).
 */
export const setupPyReaderToLoad = (files: readonly SourceFile[]): Promise<void> | undefined => (!python && files.some((f) => isSetupPyPath(f.path)) ? loadPython() : undefined);

/** The Python reader if it is loaded (deploy-code-paths.ts reads setup.py with it, else not at all). */
export const loadedDeployPython = (): PythonCommands | undefined => python;

/**
 * The Go reader, when a Go file named for migrating may be a project's own migrator, or a Go file imports a library
 * that runs each migration in a transaction (go-transaction-runner.ts).
 */
export const goMigratorReaderToLoad = (files: readonly SourceFile[]): Promise<void> | undefined =>
  !go && files.some((f) => isGoMigratorPath(f.path) || (isGoSourcePath(f.path) && importsTransactionalRunner(f.content))) ? loadGo() : undefined;

/** a go.mod that requires goose: its start-up migration is read with the Go grammar (go-startup.ts) */
const requiresGoose = (files: readonly SourceFile[]) => files.some((f) => baseOf(f.path) === "go.mod" && goModules(f.content).some((m) => GOOSE_MODULE.test(m)));

/** Every reader (a test that calls decideDeploy directly). */
export async function loadDeployReaders(): Promise<void> {
  // one after the other (Jest's ESM loader fails on one module linked twice at once)
  // and the compose files' and workflows' images, where the repository names its PostgreSQL version (postgres-version.ts)
  for (const load of [loadYaml, loadJavaScript, loadRuby, () => loadCounts(true), loadJava, loadShell, loadGo, loadRust, loadPython, loadDocs, loadPostgresVersionReader]) await load();
}

/** What to wait for before deciding on these files: undefined when their readers are there (or none is needed). */
export function deployReadersToLoad(files: readonly SourceFile[]): Promise<void> | undefined {
  const terraform = files.some((f) => isTerraformHclPath(f.path));
  const loads = [
    !yaml && files.some((f) => needsYaml(f.path)) ? loadYaml : undefined,
    !javascript && files.some((f) => isNodeSourcePath(f.path)) ? loadJavaScript : undefined,
    !ruby && files.some((f) => isRailsMigrateInitializerPath(f.path) || isCapistranoConfigPath(f.path)) ? loadRuby : undefined,
    (!counts && files.some((f) => mayCountInstances(f.path))) || (!hcl && terraform) ? () => loadCounts(terraform) : undefined,
    !java && files.some((f) => isJavaMigratorPath(f.path)) ? loadJava : undefined,
    !shell && files.some((f) => isStartScriptPath(f.path) || mayRunGolangMigrate(f.content)) ? loadShell : undefined,
    !go && (requiresGoose(files) || files.some((f) => isGoSourcePath(f.path) && importsTransactionalRunner(f.content))) ? loadGo : undefined,
    !rust && files.some(namesRustMigrationMacro) ? loadRust : undefined,
    !python && files.some((f) => f.path.endsWith(".py")) ? loadPython : undefined,
    !docs && files.some((f) => isDeployDocPath(f.path)) ? loadDocs : undefined,
  ];
  const needed = loads.filter((load) => load !== undefined);
  if (needed.length === 0) return undefined;
  // one after the other (Jest's ESM loader fails on one module linked twice at once)
  return needed.reduce<Promise<void>>((previous, load) => previous.then(load), Promise.resolve());
}

export function deployRuby(): RailsBoot {
  if (!ruby) throw new Error("the deploy's Ruby reader is not loaded: wait for deployReadersToLoad (analyze does) or call loadDeployReaders first");
  return ruby;
}

export function deployDocs(): typeof docStepsModule {
  if (!docs) throw new Error("the deploy's documentation reader is not loaded: wait for deployReadersToLoad (analyze does) or call loadDeployReaders first");
  return docs;
}

export function deployJavaScript(): NodeStart {
  if (!javascript) throw new Error("the deploy's JavaScript reader is not loaded: wait for deployReadersToLoad (analyze does) or call loadDeployReaders first");
  return javascript;
}

/** The Rust reader if it is loaded (the plan reads which folders sqlx embeds with it: repository/sqlx-folders.ts). */
export const loadedDeployRust = (): typeof rustStartupModule | undefined => rust;

/** The Rust reader, when a crate source among `files` names a migration macro and it is not loaded. */
export const rustReaderToLoad = (files: readonly SourceFile[]): Promise<void> | undefined => (!rust && files.some(namesRustMigrationMacro) ? loadRust() : undefined);

/** The shell reader if it is loaded (deploy-commands.ts reads golang-migrate's CLI with it where a text may run it). */
export const loadedDeployShell = (): ShellReader | undefined => shell;

export function deployShell(): ShellReader {
  if (!shell) throw new Error("the deploy's shell reader is not loaded: wait for deployReadersToLoad (analyze does) or call loadDeployReaders first");
  return shell;
}

export function deployGo(): typeof goStartupModule & typeof goTransactionRunnerModule & typeof goLockTimeoutModule {
  if (!go) throw new Error("the deploy's Go reader is not loaded: wait for deployReadersToLoad (analyze does) or call loadDeployReaders first");
  return go;
}

export function deployRust(): typeof rustStartupModule {
  if (!rust) throw new Error("the deploy's Rust reader is not loaded: wait for deployReadersToLoad (analyze does) or call loadDeployReaders first");
  return rust;
}

export function deployPython(): PythonCommands {
  if (!python) throw new Error("the deploy's Python reader is not loaded: wait for deployReadersToLoad (analyze does) or call loadDeployReaders first");
  return python;
}

export function deployJava(): typeof javaStartupModule {
  if (!java) throw new Error("the deploy's Java reader is not loaded: wait for deployReadersToLoad (analyze does) or call loadDeployReaders first");
  return java;
}

export function deployInstanceCounts(): InstanceCounts {
  if (!counts) throw new Error("the deploy's instance-count reader is not loaded: wait for deployReadersToLoad (analyze does) or call loadDeployReaders first");
  return counts;
}

export function deployYaml(): DeployYaml {
  if (!yaml) throw new Error("the deploy's YAML reader is not loaded: wait for deployReadersToLoad (analyze does) or call loadDeployReaders first");
  return yaml;
}

/**
 * How the project deploys, which decides whether lock and old-code findings matter (offline-notes.ts):
 * - online: instances overlap (a rolling deploy): old code runs against the new schema and traffic waits on locks;
 * - offline: one instance applies the migrations with the application stopped, then starts the server (a container
 *   entrypoint that runs `manage.py migrate` and then `gunicorn`): the migration costs downtime, nothing else waits.
 * Config `deploy:` wins; `auto` (the default) reads the repository's deploy files (deploy-paths.ts): offline when a
 * container entrypoint or start script runs the migration command and then starts the server, and nothing says that
 * several instances roll (a Kubernetes Deployment or Helm chart whose pods overlap: kubernetes-workloads.ts, a Procfile `release:` phase, Heroku's app.json,
 * fly.io's release_command, a separate migrate service or Job, Capistrano, a deploy workflow that rolls Kubernetes,
 * more than one instance in Terraform variables or a Cloud Foundry, ECS or fly.io file:
 * rolling-signs.ts). A start script counts when, in one way it runs in production (a `case` arm at a time, without
 * development branches: shell-branches.ts), the migration command appears on a line before a server start (or
 * `exec "$@"`, the container's CMD: offline-entrypoint.ts, deploy-commands.ts).
 * A Kubernetes workload whose init container migrates counts the same (kubernetes-offline.ts), and so does an OpenShift
 * DeploymentConfig whose Recreate strategy migrates in its mid hook. An image that migrates as it starts proves
 * nothing when the deploy pipeline is another repository's (remote-pipelines.ts): read as online, naming it.
 * An application that applies its own migrations in-process at start (self-migrating.ts) counts the same, when a
 * production deploy sequence undeploys the old version from its application server before it deploys the new one
 * (app-server-redeploy.ts) or when it ships as a container (a production Dockerfile or compose file).
 * Last, the upgrade procedure the project documents (documented-upgrade.ts: stop the application, migrate, start it:
 * Backend.AI's docs/install/upgrade-existing-cluster.rst) counts the same, when nothing shows instances that overlap.
 * A review's change that writes upgrade notes prescribing downtime for its migrations (review/change-downtime.ts) is
 * offline before anything else the files show: the notes speak for this change.
 */
import type { Config } from "../config.js";
import type { SourceFile } from "../model.js";
import { composeGate } from "./compose-gate.js";
import { isAzurePipelinePath, isComposePath, isDeployPath, isDeployWorkflowPath, isGitlabCiPath, isKubernetesPath, isDevelopmentPath, isDockerfilePath, isGoMigratorPath, isGoSourcePath, isNodeSourcePath, isTsconfigPath } from "./deploy-paths.js";
import { isWithin } from "../repository/fact-paths.js";
import { isGoStartupSource, selfMigratingApp } from "./self-migrating.js";
import { deployGo, deployYaml, deployReadersToLoad, goMigratorReaderToLoad, setupPyReaderToLoad } from "./deploy-readers.js";
import { offlineEntrypoint } from "./offline-entrypoint.js";
import { kubernetesMigratingPod } from "./kubernetes-offline.js";
import { rollingSign } from "./rolling-signs.js";
import { maintenanceWindow } from "./maintenance-mode.js";
import { appServerRedeploy } from "./app-server-redeploy.js";
import { codeBeforeMigrate } from "./code-first.js";
import { documentedOfflineUpgrade } from "./documented-upgrade.js";
import { isDeployDocPath, isOperatorManifestPath } from "./deploy-doc-paths.js";
import { flywayCommands, type FlywayCommands } from "./flyway-commands.js";
import { importsTransactionalRunner } from "../repository/go-runners.js";
import { dirOf } from "../paths.js";
import { isCargoManifestPath, namesRustMigrationMacro } from "./rust-crates.js";
/** Python code: a Django command's module or a console script's (the CLI reads only those a deploy file runs: deploy-code-paths.ts) */
const isPythonSourcePath = (path: string) => path.endsWith(".py");

/** A line of a repository file that shows how the project deploys. */
export interface DeployEvidence {
  path: string;
  line: number;
  /** what the line shows, in a few words */
  what: string;
  /** why the lock and old-code findings cannot hurt, when it is not that the server starts after the migration */
  reason?: string;
}

export interface DeployDecision {
  /**
   * `online`: the migration runs while the old code serves and before the new code does (migrate-before-code, or
   * instances that overlap); `offline`: nothing serves while it runs; `code-before-migrate`: the new code serves
   * before the migration runs (code-first.ts), so only the new code meets it, and the new code meets the old schema
   */
  mode: "online" | "offline" | "code-before-migrate";
  /**
   * `config`: the `deploy:` key said so; `detected`: the deploy files did; `default`: nothing said, online assumed;
   * `unread`: no finding's hazard depends on the deploy, so its files were never read (a lint's lazy walk)
   */
  source: "config" | "detected" | "default" | "unread";
  /** the entrypoint or script that migrates and then starts the server */
  offline?: DeployEvidence;
  /** the first sign that instances overlap */
  rolling?: DeployEvidence;
  /** the deploy step that runs the migrations after the new code is live (code-before-migrate) */
  codeFirst?: DeployEvidence;
  /**
   * a second way to deploy the project, beside the compose file whose services wait for the migration (a Helm chart,
   * Kubernetes manifests), where instances overlap: it does not decide, the notes name it
   */
  alternative?: DeployEvidence;
}

/** The deploy model: config first, then the deploy files (only those `isDeployPath` selects are read). */
/**
 * The deploy decision of one analysis, made at most once and only when asked (`get`): a finding whose hazard an
 * offline deploy changes asks (offline-notes.ts). `files` as a function are files that cost something to read (the
 * CLI walks the repository for them); as a list, the decision costs nothing and is always made.
 */
export class DeployDecider {
  private decision: DeployDecision | undefined;
  private read: readonly SourceFile[] | undefined;

  constructor(
    private readonly config: Pick<Config, "deploy">,
    private readonly files: readonly SourceFile[] | (() => readonly SourceFile[]),
    /** a review's: where the change's own upgrade notes prescribe downtime for its migrations (review/change-downtime.ts) */
    private readonly changeDowntime?: DeployEvidence,
  ) {}

  /** the change's notes decide, and no deploy file needs reading */
  private get decidedByChange(): boolean {
    return this.changeDowntime !== undefined && (this.config.deploy ?? "auto") === "auto";
  }

  /** the deploy files, read (the CLI's walk) at most once */
  private deployFiles(): readonly SourceFile[] {
    return (this.read ??= (typeof this.files === "function" ? this.files() : this.files).filter(isDeployFile));
  }

  /**
   * What to wait for before `get`: the parsers the deploy files need (YAML for a compose file), when they are not
   * loaded yet. Reads the files when the config leaves the deploy to them.
   */
  readersToLoad(): Promise<void> | undefined {
    if ((this.config.deploy ?? "auto") !== "auto" || this.decidedByChange) return undefined;
    // a setup.py's console scripts name the Python code to read (deploy-code-paths.ts), which needs the Python
    // reader: files read before it was loaded (the CLI's walk) are read again, once, when it is
    const setupPy = typeof this.files === "function" ? setupPyReaderToLoad(this.deployFiles()) : undefined;
    if (setupPy)
      return setupPy.then(() => {
        this.read = undefined;
        return this.readersToLoad();
      });
    return deployReadersToLoad(this.deployFiles());
  }

  readonly get = (): DeployDecision => (this.decision ??= decideDeploy(this.config, () => this.deployFiles(), this.changeDowntime));

  /** How the deploy files run Flyway (flyway-commands.ts), read at most once. */
  readonly flyway = (): FlywayCommands => (this.flywayRead ??= flywayCommands(this.deployFiles()));
  private flywayRead: FlywayCommands | undefined;

  /** What `transactionalRunner` waits for: the Go grammar, when a Go file named for migrating is among the deploy files. */
  readonly transactionalRunnerToLoad = (): Promise<void> | undefined => goMigratorReaderToLoad(this.deployFiles());

  /**
   * What runs `migrationPath` inside a transaction it begins, when the Go code shows it: the project's own Go migrator
   * that Execs each migration in a transaction it began (go-transaction-runner.ts), or a library that always does
   * (maragudk/migrate, repository/go-runners.ts: `library` names it), called from a Go file in the Go module (the
   * nearest go.mod's folder) that holds `migrationPath`. A library call in a folder above the migration (gitness's
   * migrate.go beside its postgres/ folder, which it embeds) comes first; read at most once.
   */
  transactionalRunner(migrationPath: string): { path: string; line: number; library?: string } | undefined {
    this.runnersRead ??= (() => {
      const files = this.deployFiles();
      const modules = files.filter((f) => f.path === "go.mod" || f.path.endsWith("/go.mod")).map((f) => f.path.replace(/\/?go\.mod$/, ""));
      const moduleOf = (path: string) => modules.filter((m) => isWithin(m, path)).sort((a, b) => b.length - a.length)[0];
      const libraries = files.flatMap((f) => {
        if (!isGoSourcePath(f.path) || !importsTransactionalRunner(f.content)) return [];
        const at = deployGo().goLibraryTransactionRunner(f);
        const module = moduleOf(f.path);
        return at && module !== undefined ? [{ ...at, module }] : [];
      });
      const own = files.flatMap((f) => {
        if (!isGoMigratorPath(f.path)) return [];
        const at = deployGo().goTransactionalExec(f);
        const module = moduleOf(f.path);
        return at && module !== undefined ? [{ ...at, module }] : [];
      });
      return [...libraries, ...own];
    })();
    const inModule = this.runnersRead.filter((r) => isWithin(r.module, migrationPath));
    const strip = ({ module: _, ...at }: (typeof inModule)[number]) => at;
    const above = inModule.find((r) => r.library && isWithin(dirOf(r.path), migrationPath));
    const found = above ?? inModule[0];
    return found && strip(found);
  }
  private runnersRead: Array<{ path: string; line: number; module: string; library?: string }> | undefined;

  /**
   * The project's own Go migrator that sets lock_timeout on the connection it migrates with (go-lock-timeout.ts), when
   * one lies in the Go module that holds `migrationPath`; read at most once. Waits for `transactionalRunnerToLoad`.
   */
  lockTimeoutRunner(migrationPath: string): { path: string; line: number } | undefined {
    this.lockTimeoutsRead ??= (() => {
      const files = this.deployFiles();
      const modules = files.filter((f) => f.path === "go.mod" || f.path.endsWith("/go.mod")).map((f) => f.path.replace(/\/?go\.mod$/, ""));
      return files.flatMap((f) => {
        if (!isGoMigratorPath(f.path)) return [];
        const at = deployGo().goSessionLockTimeout(f);
        const module = modules.filter((m) => isWithin(m, f.path)).sort((a, b) => b.length - a.length)[0];
        return at && module !== undefined ? [{ ...at, module }] : [];
      });
    })();
    return this.lockTimeoutsRead.find((r) => isWithin(r.module, migrationPath));
  }
  private lockTimeoutsRead: Array<{ path: string; line: number; module: string }> | undefined;

  /** What `result` waits for: the readers of deploy files given as a list (they cost nothing to read, so it decides). */
  readersToLoadForResult(): Promise<void> | undefined {
    return this.decision || typeof this.files === "function" ? undefined : this.readersToLoad();
  }

  /** For the analysis result: the decision when it was made or costs nothing to make, else `unread`. */
  result(): DeployDecision {
    return this.decision ?? (typeof this.files === "function" && !this.decidedByChange ? { mode: "online", source: "unread" } : this.get());
  }
}

/**
 * The application's own start-up migration, when a production Dockerfile or compose file ships it: without one the
 * repository says nothing of how many instances run (a Go library, manifests kept in another repository).
 */
function selfMigratingContainer(files: readonly SourceFile[]): DeployEvidence | undefined {
  if (!files.some((f) => (isDockerfilePath(f.path) || isComposePath(f.path)) && !isDevelopmentPath(f.path))) return undefined;
  return selfMigratingApp(files);
}

/**
 * Deploy files by path, Go files by their imports (a bootstrap file that runs golang-migrate, whatever its name, or
 * one that declares the embed FS goose reads), Cargo.toml files and the Rust sources that name a migration macro, and
 * the JavaScript, TypeScript and Python files given (the CLI reads the Node start files package.json names, the
 * Django commands and console scripts' code that deploy files run).
 */
export const isDeployFile = (f: SourceFile): boolean =>
  isDeployPath(f.path) ||
  isDeployDocPath(f.path) ||
  isOperatorManifestPath(f.path) ||
  (isGoSourcePath(f.path) && (isGoStartupSource(f.content) || importsTransactionalRunner(f.content))) ||
  isRustCrateFile(f) ||
  isNodeSourcePath(f.path) ||
  isTsconfigPath(f.path) ||
  isPythonSourcePath(f.path);

/** A crate's Cargo.toml, or a crate source that names a migration macro (rust-crates.ts): a workspace's other files are dropped. */
export const isRustCrateFile = (f: SourceFile): boolean => isCargoManifestPath(f.path) || namesRustMigrationMacro(f);

/**
 * `files` as a function are read only when the config leaves the deploy to them (`auto`). A compose file among them
 * needs the YAML reader loaded first (`DeployDecider.readersToLoad`, or `loadDeployReaders`).
 */
export function decideDeploy(config: Pick<Config, "deploy">, files: readonly SourceFile[] | (() => readonly SourceFile[]), changeDowntime?: DeployEvidence): DeployDecision {
  // a config built by hand (not through the schema) may lack the key: its default is auto
  const configured = config.deploy ?? "auto";
  if (configured !== "auto") return { mode: configured, source: "config" };
  // the change's own upgrade notes stop the application for its migrations: the operator is told so for this
  // release, whatever the deploy files show of the others (takahe's 0.10 notes, beside images that migrate live)
  if (changeDowntime) return { mode: "offline", source: "detected", offline: changeDowntime };
  const deployFiles = (typeof files === "function" ? files() : files).filter(isDeployFile);
  // maintenance mode around the migration: no traffic at all, whatever instances run (a rolling sign changes nothing)
  const maintenance = maintenanceWindow(deployFiles);
  if (maintenance) return { mode: "offline", source: "detected", offline: maintenance };
  const imageStart = offlineEntrypoint(deployFiles);
  const entrypoint = imageStart ?? appServerRedeploy(deployFiles) ?? kubernetesMigratingPod(deployFiles);
  const gate = entrypoint ? undefined : composeGate(deployFiles);
  const selfMigrating = entrypoint || gate ? undefined : selfMigratingContainer(deployFiles);
  const offline = entrypoint ?? (gate && { path: gate.path, line: gate.line, what: gate.what, reason: gate.reason }) ?? selfMigrating ?? documentedOfflineUpgrade(deployFiles);
  if (!offline) {
    // only where nothing migrates as it starts: an entrypoint that migrates runs before its instance serves
    const codeFirst = codeBeforeMigrate(deployFiles);
    return codeFirst ? { mode: "code-before-migrate", source: "detected", codeFirst } : { mode: "online", source: "default" };
  }
  if (gate) {
    // the compose file orders the migration before the code on purpose; a Helm chart or Kubernetes manifests beside
    // it are a second way to deploy the same image (DefectDojo's chart runs its initializer Job while the old pods
    // serve), named in the notes. A sign that the compose deploy itself overlaps, or that production deploys the other
    // way (a deploy workflow that runs `helm upgrade`), still decides.
    const rolling = rollingSign(deployFiles.filter((f) => !isKubernetesPath(f.path)), gate.gate);
    if (rolling) return { mode: "online", source: "detected", offline, rolling };
    const alternative = rollingSign(deployFiles.filter((f) => isKubernetesPath(f.path)));
    return { mode: "offline", source: "detected", offline, ...(alternative ? { alternative } : {}) };
  }
  // an image that migrates as it starts proves nothing when another repository's pipeline puts it live: a container
  // platform rolls by default (berth-reservations' Azure release pipeline extends venepaikat-pipelines' template)
  const startsMigrating = offline === imageStart || offline === selfMigrating;
  const pipelines = startsMigrating ? deployFiles.filter((f) => isAzurePipelinePath(f.path) || isDeployWorkflowPath(f.path) || isGitlabCiPath(f.path)) : [];
  const rolling = rollingSign(deployFiles) ?? (pipelines.length > 0 ? deployYaml().remoteDeployPipeline(pipelines) : undefined);
  return rolling ? { mode: "online", source: "detected", offline, rolling } : { mode: "offline", source: "detected", offline };
}

const at = (e: DeployEvidence) => `${e.path}:${e.line}`;

/** The second way to deploy that the decision left aside (a Helm chart beside a compose gate), as a clause; "" when none. */
export function alternativeClause(decision: DeployDecision): string {
  const alternative = decision.alternative;
  return alternative ? `; ${at(alternative)} (${alternative.what}) is another way to deploy it, where old and new instances overlap` : "";
}

/** Why the deploy is code-first: the file line that shows it, or the config. */
export function codeFirstWhy(decision: DeployDecision): string {
  return decision.codeFirst ? `${at(decision.codeFirst)}: ${decision.codeFirst.what}` : "config `deploy: code-before-migrate`";
}

/** How to undo a code-first reading that is wrong. */
export const CODE_FIRST_OVERRIDE = "set `deploy: online` in .github/migguard.yml if the migrations run before the code";

const CODE_FIRST_EFFECT = `the new code serves before the migrations run, so a Django or Alembic migration's old-code findings are notes, and a column the migration adds that the new code's models read is an error (${CODE_FIRST_OVERRIDE})`;

/** One line saying how the deploy was read and why, for the text output and the check summary; undefined when nothing was read. */
export function deployNote(decision: DeployDecision): string | undefined {
  if (decision.mode === "code-before-migrate") return `deploy: read as code-before-migrate: ${codeFirstWhy(decision)}: ${CODE_FIRST_EFFECT}`;
  if (decision.source === "config") return decision.mode === "offline" ? "deploy: offline (config `deploy: offline`): lock and old-code findings are notes" : undefined;
  if (decision.mode === "offline" && decision.offline?.reason)
    return `deploy: read as offline: ${at(decision.offline)}: ${decision.offline.what}: ${decision.offline.reason}, so lock and old-code findings are notes (set \`deploy: online\` in .github/migguard.yml if traffic is served while it migrates)${alternativeClause(decision)}`;
  if (decision.mode === "offline" && decision.offline)
    return `deploy: read as offline: ${at(decision.offline)}: ${decision.offline.what}, and no file shows instances that overlap, so lock and old-code findings are notes (set \`deploy: online\` in .github/migguard.yml if instances do overlap)`;
  if (decision.offline && decision.rolling)
    return `deploy: read as online: ${at(decision.offline)} migrates before the server starts, but ${at(decision.rolling)} is ${decision.rolling.what}`;
  return undefined;
}

/** For the App's check summary: said once when findings were made notes by an offline deploy. */
export function deploySummaryNote(decision: DeployDecision): string | undefined {
  if (decision.mode === "code-before-migrate")
    return `**Deploy:** read as code-before-migrate: ${decision.codeFirst ? `\`${at(decision.codeFirst)}\`: ${decision.codeFirst.what}` : "`deploy: code-before-migrate` in .github/migguard.yml"}: ${CODE_FIRST_EFFECT}.`;
  if (decision.mode !== "offline") return undefined;
  if (decision.source === "config") return "**Deploy:** offline (`deploy: offline` in .github/migguard.yml): lock and old-code findings are notes about downtime.";
  if (!decision.offline) return undefined;
  if (decision.offline.reason)
    return `**Deploy:** read as offline: \`${at(decision.offline)}\`: ${decision.offline.what}: ${decision.offline.reason}. Lock and old-code findings are notes about downtime; set \`deploy: online\` in .github/migguard.yml if traffic is served while it migrates${alternativeClause(decision)}.`;
  return `**Deploy:** read as offline: \`${at(decision.offline)}\`: ${decision.offline.what}, and no file shows instances that overlap (Helm chart, Kubernetes Deployment, release phase, migrate job, an instance count above one). Lock and old-code findings are notes about downtime; set \`deploy: online\` in .github/migguard.yml if instances do overlap.`;
}

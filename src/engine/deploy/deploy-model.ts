/**
 * How the project deploys, which decides whether lock and old-code findings matter (offline-notes.ts):
 * - online: instances overlap (a rolling deploy): old code runs against the new schema and traffic waits on locks;
 * - offline: one instance applies the migrations with the application stopped, then starts the server (a container
 *   entrypoint that runs `manage.py migrate` and then `gunicorn`): the migration costs downtime, nothing else waits.
 * Config `deploy:` wins; `auto` (the default) reads the repository's deploy files (deploy-paths.ts): offline when a
 * container entrypoint or start script runs the migration command and then starts the server, and nothing says that
 * several instances roll (a Kubernetes Deployment or Helm chart, a Procfile `release:` phase, Heroku's app.json,
 * fly.io's release_command, a separate migrate service or Job, Capistrano, a deploy workflow that rolls Kubernetes). Shell is read line by line, not parsed: a script
 * counts when the migration command appears on a line before a server start (or `exec "$@"`, the container's CMD).
 * An application that applies its own migrations in-process at start (self-migrating.ts) counts the same, when it
 * ships as a container (a production Dockerfile or compose file).
 */
import type { Config } from "../config.js";
import type { SourceFile } from "../model.js";
import { baseOf } from "../paths.js";
import { isComposePath, isDeployPath, isDeployWorkflowPath, isDevelopmentPath, isDockerfilePath, isGoSourcePath, isKubernetesPath, isNodeSourcePath, isMigrateScriptPath, isStartScriptPath } from "./deploy-paths.js";
import { expandScripts, manifestFor, nodeManifests, scriptRuns, type FileCommands, type NodeManifest } from "./node-scripts.js";
import { importsGoMigrator, selfMigratingApp } from "./self-migrating.js";
import { deployJavaScript, deployReadersToLoad, deployYaml } from "./deploy-readers.js";
import type { ComposeService } from "./deploy-yaml.js";

/** A line of a repository file that shows how the project deploys. */
export interface DeployEvidence {
  path: string;
  line: number;
  /** what the line shows, in a few words */
  what: string;
}

export interface DeployDecision {
  mode: "online" | "offline";
  /**
   * `config`: the `deploy:` key said so; `detected`: the deploy files did; `default`: nothing said, online assumed;
   * `unread`: no finding's hazard depends on the deploy, so its files were never read (a lint's lazy walk)
   */
  source: "config" | "detected" | "default" | "unread";
  /** the entrypoint or script that migrates and then starts the server */
  offline?: DeployEvidence;
  /** the first sign that instances overlap */
  rolling?: DeployEvidence;
}

/** commands that apply the migrations of the frameworks migguard reads (and of the common SQL runners) */
const MIGRATE =
  /\b(?:manage\.py|django-admin(?:\.py)?)\s+migrate\b|\balembic\b[^\n"']*\bupgrade\b|\b(?:rails|rake)\s+db:(?:migrate|prepare|setup)\b|\bflask\s+db\s+upgrade\b|\bprisma\s+migrate\s+deploy\b|\bdiesel\s+migration\s+run\b|\bflyway\b[^\n"']*\bmigrate\b|\bdbmate\b[^\n"']*\b(?:up|migrate)\b|\bgoose\b[^\n"']*\bup\b|\bmigrate\b[^\n"']*\s-path\b[^\n"']*\bup\b|\bsqitch\s+deploy\b|\bknex\b[^\n"'&;|]*\bmigrate:latest\b|\bsequelize(?:-cli)?\s+db:migrate\b|\btypeorm(?:-ts-node-(?:commonjs|esm))?\b[^\n"'&;|]*\bmigration:run\b|\bdrizzle-kit\s+migrate\b|\bnode-pg-migrate\b[^\n"'&;|]*\bup\b|\bdb-migrate\s+up\b/;
/** commands that start a long-running server, or hand over to the container's CMD (`exec "$@"`, `exec gosu app "$@"`, `exec s6-setuidgid $PUID $@`) */
const SERVER =
  /\b(?:gunicorn|uvicorn|daphne|hypercorn|uwsgi|waitress-serve|granian|puma|unicorn|passenger|supervisord|pm2-runtime)\b|\bmanage\.py\s+runserver\b|\brails\s+(?:server|s)\b|\b(?:npm|yarn|pnpm)\s+(?:run\s+)?start\b|\b(?:node|tsx|ts-node|bun)\s+(?:--?[\w-]+(?:=\S*)?\s+)*\S+\.(?:m?js|cjs|m?ts)\b|\bnode\s+(?:--?[\w-]+(?:=\S*)?\s+)*(?:\.\/)?(?:dist|build|out)\/[\w./-]+|\b(?:next|nuxt|nest)\s+start\b|\bremix-serve\b|\bjava\s+-jar\b|\bexec\b[^\n]*(?:"\$(?:@|\{@\})"|\$@|\$\{@\})/;

/** commands of a deploy workflow that roll instances (Kubernetes, Helm, Capistrano) */
const ROLLOUT = /\bkubectl\s+(?:rollout\s+restart|set\s+image|apply)\b|\bhelm\s+(?:upgrade|install)\b|\bcap\s+\w+\s+deploy\b/;

const lineAt = (text: string, offset: number) => text.slice(0, offset).split("\n").length;
/** comments blanked out (same length, so offsets keep their lines) */
const withoutComments = (text: string) => text.replace(/^[ \t]*#.*$/gm, (m) => " ".repeat(m.length));

/** What a command means in a Node project: its package.json's scripts, and the commands its Node script files run. */
interface NodeContext {
  manifest: NodeManifest;
  fileCommands: FileCommands;
}

const expanded = (command: string, node: NodeContext | undefined) => (node ? expandScripts(command, node.manifest, 3, node.fileCommands) : command);

/**
 * Offset in `text` of a migration that a server start follows, if any: package scripts and Node script files read as
 * what they run (`npm-run-all check-db start-server`, check-db running `prisma migrate deploy`).
 */
function migrateThenServe(text: string, node?: NodeContext): number | undefined {
  const full = expanded(text, node);
  const migrate = MIGRATE.exec(full);
  if (!migrate || !SERVER.test(full.slice(migrate.index + migrate[0].length))) return undefined;
  // where the migration starts in the text as written: the command itself, or the first script run that leads to it
  const direct = MIGRATE.exec(text);
  const viaScript = node ? scriptRuns(text, node.manifest).find((run) => MIGRATE.test(expanded(run.written, node))) : undefined;
  const starts = [direct?.index, viaScript?.index].filter((i): i is number => i !== undefined);
  return starts.length > 0 ? Math.min(...starts) : 0;
}

/**
 * A container command or start script that runs a package script which itself migrates and then starts the server
 * (`CMD ["npm", "start"]` with `"start": "prisma migrate deploy && node server.js"`): the script's line in package.json.
 */
function scriptThatMigratesThenServes(text: string, node: NodeContext | undefined): DeployEvidence | undefined {
  if (!node) return undefined;
  for (const run of scriptRuns(text, node.manifest))
    for (const name of run.names) {
      if (migrateThenServe(node.manifest.scripts[name], node) === undefined) continue;
      return { path: node.manifest.path, line: node.manifest.scriptLine(name), what: `the \`${name}\` script, which the container runs (\`${run.written}\`), runs the migrations and then starts the server` };
    }
  return undefined;
}

/** Dockerfile instructions with their continuation lines joined: [instruction, text, 1-based line]. */
function dockerInstructions(content: string): Array<{ name: string; text: string; line: number }> {
  const out: Array<{ name: string; text: string; line: number }> = [];
  const lines = content.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let text = lines[i];
    while (/\\\s*$/.test(text) && i + 1 < lines.length) text = `${text.replace(/\\\s*$/, " ")}${lines[++i]}`;
    const match = /^\s*([A-Za-z]+)\s+(.*)$/s.exec(text);
    if (match && !text.trimStart().startsWith("#")) out.push({ name: match[1].toUpperCase(), text: match[2], line: start + 1 });
  }
  return out;
}

/** A Dockerfile's exec form (`["npm", "start"]`, a JSON array) as the words it runs; the shell form as written. */
function execFormAsShell(text: string): string {
  if (!text.trimStart().startsWith("[")) return text;
  try {
    const words: unknown = JSON.parse(text);
    return Array.isArray(words) && words.every((w) => typeof w === "string") ? words.join(" ") : text;
  } catch {
    return text;
  }
}

/** The file names a command names (a script it runs): `./docker-entrypoint.sh`, `["/app/start.sh"]`, `bin/jms start`. */
const namedFiles = (command: string): string[] => [...command.matchAll(/[\w./-]+/g)].map((m) => baseOf(m[0])).filter((n) => n.length > 1);

/** The services of a compose file (deploy-yaml.ts, read with the YAML parser once it is loaded). */
const composeServices = (file: SourceFile): ComposeService[] => deployYaml().composeServices(file);

/** The first sign in the deploy files that several instances run at once, or that migrations run beside the old ones. */
export function rollingSign(files: readonly SourceFile[]): DeployEvidence | undefined {
  for (const file of files) {
    const base = baseOf(file.path);
    if (base === "Chart.yaml") return { path: file.path, line: 1, what: "a Helm chart: Kubernetes starts new pods beside the old ones" };
    if (isKubernetesPath(file.path)) {
      for (const match of file.content.matchAll(/^kind:\s*(Deployment|StatefulSet|DaemonSet|Job|CronJob)\s*$/gm)) {
        const documentEnd = file.content.indexOf("\n---", match.index);
        const document = file.content.slice(file.content.lastIndexOf("\n---", match.index) + 1, documentEnd === -1 ? undefined : documentEnd);
        const line = lineAt(file.content, match.index);
        if (match[1] === "Job" || match[1] === "CronJob") {
          if (MIGRATE.test(document)) return { path: file.path, line, what: "a Kubernetes Job that runs the migrations apart from the server" };
          continue;
        }
        const replicas = /^\s*replicas:\s*(\d+)\s*$/m.exec(document);
        // a single replica replaced with Recreate stops the old pod first: the one case without overlap
        if (/^\s*type:\s*Recreate\b/m.test(document) && replicas && Number(replicas[1]) <= 1) continue;
        return { path: file.path, line, what: `a Kubernetes ${match[1]}${replicas ? ` with ${replicas[1]} replica(s)` : ""} rolled by its update strategy: new pods start beside the old ones` };
      }
      continue;
    }
    if (base === "Procfile") {
      const release = /^release\s*:/m.exec(file.content);
      if (release) return { path: file.path, line: lineAt(file.content, release.index), what: "a Procfile release phase: Heroku migrates while the old dynos serve" };
    }
    if (base === "app.json") {
      try {
        const json = JSON.parse(file.content) as Record<string, unknown>;
        if (["buildpacks", "formation", "addons", "stack", "environments"].some((k) => k in json)) return { path: file.path, line: 1, what: "a Heroku app.json: dynos are replaced while the old ones serve" };
      } catch {
        // not JSON: not Heroku's
      }
    }
    if (base === "fly.toml") {
      const release = /^\s*release_command\s*=/m.exec(file.content);
      if (release) return { path: file.path, line: lineAt(file.content, release.index), what: "fly.io's release_command: it migrates while the old machines serve" };
    }
    if (base === "render.yaml") {
      const release = /preDeployCommand\s*:/.exec(file.content);
      if (release) return { path: file.path, line: lineAt(file.content, release.index), what: "Render's preDeployCommand: it migrates while the old instance serves" };
    }
    if (base === "Capfile") {
      const migrations = /^\s*require\s+["']capistrano\/rails\/migrations["']/m.exec(file.content);
      return { path: file.path, line: migrations ? lineAt(file.content, migrations.index) : 1, what: "a Capistrano deploy: the new release migrates on the servers while the old one serves" };
    }
    if (isDeployWorkflowPath(file.path)) {
      const rollout = ROLLOUT.exec(withoutComments(file.content));
      if (rollout) return { path: file.path, line: lineAt(file.content, rollout.index), what: `a deploy workflow that runs \`${rollout[0]}\`: new instances start beside the old ones` };
    }
    if (isMigrateScriptPath(file.path) && !isDevelopmentPath(file.path)) {
      const text = withoutComments(file.content);
      const migrate = MIGRATE.exec(text);
      if (migrate && !SERVER.test(text))
        return { path: file.path, line: lineAt(file.content, migrate.index), what: "a script that only runs the migrations: a deploy step of its own, apart from the server's start" };
    }
    if (isComposePath(file.path) && !isDevelopmentPath(file.path)) {
      for (const service of composeServices(file)) {
        if (service.replicas !== undefined && service.replicas > 1) return { path: file.path, line: service.line, what: `compose service ${service.name} runs ${service.replicas} replicas` };
        if (MIGRATE.test(service.command) && !SERVER.test(service.command))
          return { path: file.path, line: service.line, what: `compose service ${service.name} runs the migrations apart from the server` };
      }
    }
  }
  return undefined;
}

/** The container entrypoint or start script that runs the migration command and then starts the server, if any. */
export function offlineEntrypoint(all: readonly SourceFile[]): DeployEvidence | undefined {
  // a development image or compose file migrates on start for convenience: it says nothing of production
  const files = all.filter((f) => !isDevelopmentPath(f.path));
  const commands: Array<{ path: string; line: number; text: string }> = [];
  for (const file of files) {
    if (isDockerfilePath(file.path))
      for (const i of dockerInstructions(file.content)) if (i.name === "CMD" || i.name === "ENTRYPOINT") commands.push({ path: file.path, line: i.line, text: execFormAsShell(i.text) });
    // a service that runs the checkout (`.:/app`) or says it is for development migrates for a developer's convenience
    if (isComposePath(file.path)) for (const s of composeServices(file)) if (s.command && !s.development) commands.push({ path: file.path, line: s.line, text: s.command });
  }
  // a Node project's package scripts, for commands that run them (`npm start`, `yarn migrate`), and the migration
  // commands its Node script files run (umami's scripts/check-db.js runs `prisma migrate deploy`)
  const manifests = nodeManifests(files);
  const migrationsRun = new Map<string, string>();
  for (const file of files) {
    if (!isNodeSourcePath(file.path)) continue;
    const migrations = deployJavaScript().shellCommands(file).filter((c) => MIGRATE.test(c));
    if (migrations.length > 0) migrationsRun.set(file.path, migrations.join(" && "));
  }
  const nodeFor = (path: string): NodeContext | undefined => {
    const manifest = manifestFor(path, manifests);
    return manifest && { manifest, fileCommands: (file) => migrationsRun.get(file) };
  };
  for (const c of commands) {
    const node = nodeFor(c.path);
    const viaScript = scriptThatMigratesThenServes(c.text, node);
    if (viaScript) return viaScript;
    if (migrateThenServe(c.text, node) !== undefined) return { path: c.path, line: c.line, what: "the container command runs the migrations and then starts the server" };
  }
  // scripts the container runs: named *entrypoint*, or named by a container command or by such a script
  const scripts = files.filter((f) => isStartScriptPath(f.path));
  const named = new Set(commands.flatMap((c) => namedFiles(c.text)));
  const runs = new Set<SourceFile>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const script of scripts) {
      if (runs.has(script) || !(/entrypoint/i.test(baseOf(script.path)) || named.has(baseOf(script.path)))) continue;
      runs.add(script);
      for (const name of namedFiles(withoutComments(script.content))) named.add(name);
      grew = true;
    }
  }
  for (const script of runs) {
    const node = nodeFor(script.path);
    const viaScript = scriptThatMigratesThenServes(withoutComments(script.content), node);
    if (viaScript) return viaScript;
    const at = migrateThenServe(withoutComments(script.content), node);
    if (at !== undefined) return { path: script.path, line: lineAt(script.content, at), what: "the container's start script runs the migrations and then starts the server" };
  }
  return undefined;
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
  ) {}

  /** the deploy files, read (the CLI's walk) at most once */
  private deployFiles(): readonly SourceFile[] {
    return (this.read ??= (typeof this.files === "function" ? this.files() : this.files).filter(isDeployFile));
  }

  /**
   * What to wait for before `get`: the parsers the deploy files need (YAML for a compose file), when they are not
   * loaded yet. Reads the files when the config leaves the deploy to them.
   */
  readersToLoad(): Promise<void> | undefined {
    return (this.config.deploy ?? "auto") === "auto" ? deployReadersToLoad(this.deployFiles()) : undefined;
  }

  readonly get = (): DeployDecision => (this.decision ??= decideDeploy(this.config, () => this.deployFiles()));

  /** What `result` waits for: the readers of deploy files given as a list (they cost nothing to read, so it decides). */
  readersToLoadForResult(): Promise<void> | undefined {
    return this.decision || typeof this.files === "function" ? undefined : this.readersToLoad();
  }

  /** For the analysis result: the decision when it was made or costs nothing to make, else `unread`. */
  result(): DeployDecision {
    return this.decision ?? (typeof this.files === "function" ? { mode: "online", source: "unread" } : this.get());
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
 * Deploy files by path, Go files by their imports (a bootstrap file that runs golang-migrate, whatever its name), and
 * the JavaScript and TypeScript files given (the CLI reads the Node start files package.json names).
 */
const isDeployFile = (f: SourceFile): boolean => isDeployPath(f.path) || (isGoSourcePath(f.path) && importsGoMigrator(f.content)) || isNodeSourcePath(f.path);

/**
 * `files` as a function are read only when the config leaves the deploy to them (`auto`). A compose file among them
 * needs the YAML reader loaded first (`DeployDecider.readersToLoad`, or `loadDeployReaders`).
 */
export function decideDeploy(config: Pick<Config, "deploy">, files: readonly SourceFile[] | (() => readonly SourceFile[])): DeployDecision {
  // a config built by hand (not through the schema) may lack the key: its default is auto
  const configured = config.deploy ?? "auto";
  if (configured !== "auto") return { mode: configured, source: "config" };
  const deployFiles = (typeof files === "function" ? files() : files).filter(isDeployFile);
  const offline = offlineEntrypoint(deployFiles) ?? selfMigratingContainer(deployFiles);
  if (!offline) return { mode: "online", source: "default" };
  const rolling = rollingSign(deployFiles);
  return rolling ? { mode: "online", source: "detected", offline, rolling } : { mode: "offline", source: "detected", offline };
}

const at = (e: DeployEvidence) => `${e.path}:${e.line}`;

/** One line saying how the deploy was read and why, for the text output and the check summary; undefined when nothing was read. */
export function deployNote(decision: DeployDecision): string | undefined {
  if (decision.source === "config") return decision.mode === "offline" ? "deploy: offline (config `deploy: offline`): lock and old-code findings are notes" : undefined;
  if (decision.mode === "offline" && decision.offline)
    return `deploy: read as offline: ${at(decision.offline)}: ${decision.offline.what}, and no file shows instances that overlap, so lock and old-code findings are notes (set \`deploy: online\` in .github/migguard.yml if instances do overlap)`;
  if (decision.offline && decision.rolling)
    return `deploy: read as online: ${at(decision.offline)} migrates before the server starts, but ${at(decision.rolling)} is ${decision.rolling.what}`;
  return undefined;
}

/** For the App's check summary: said once when findings were made notes by an offline deploy. */
export function deploySummaryNote(decision: DeployDecision): string | undefined {
  if (decision.mode !== "offline") return undefined;
  if (decision.source === "config") return "**Deploy:** offline (`deploy: offline` in .github/migguard.yml): lock and old-code findings are notes about downtime.";
  if (!decision.offline) return undefined;
  return `**Deploy:** read as offline: \`${at(decision.offline)}\`: ${decision.offline.what}, and no file shows instances that overlap (Helm chart, Kubernetes Deployment, release phase, migrate job). Lock and old-code findings are notes about downtime; set \`deploy: online\` in .github/migguard.yml if instances do overlap.`;
}

/**
 * The container entrypoint or start script that runs the migrations and then starts the server: Dockerfile `CMD` /
 * `ENTRYPOINT`, compose commands (deploy-yaml.ts), the scripts they run (named `*entrypoint*` or named by a command),
 * and a Node project's package scripts behind `npm start` (deploy-commands.ts). Development files and services are
 * left out: they migrate on start for a developer's convenience; so is an image whose Dockerfile sets a development
 * or review environment (`ENV RAILS_ENV=sandbox`), with the entrypoint only it runs. A start script is read once per
 * way it runs in production (shell-branches.ts): a `case` arm or an if/else branch at a time, without its development
 * arms and branches; a script that also starts the server in a way that does not migrate is no evidence. A justfile
 * recipe that migrates then serves counts the same (recipe-evidence.ts), and so does a project's own command that
 * migrates (a Django management command, a console script: project-commands.ts) in place of the migration command.
 */
import type { SourceFile } from "../model.js";
import { baseOf } from "../paths.js";
import { lineAt, runsMigrations, migrateThenServe, namedFiles, scriptThatMigratesThenServes, SERVER_START, servesUnmigratedElsewhere, withoutComments, type NodeContext } from "./deploy-commands.js";
import type { DeployEvidence } from "./deploy-model.js";
import { deployJavaScript, deployShell, deployYaml } from "./deploy-readers.js";
import type { ShellRun } from "./shell-branches.js";
import { isComposePath, isDevelopmentEnvironment, isDevelopmentPath, isDockerfilePath, isNodeSourcePath, isStartScriptPath } from "./deploy-paths.js";
import { manifestFor, nodeManifests } from "./node-scripts.js";
import { offlineRecipe } from "./recipe-evidence.js";
import { ProjectCommands, type ProjectMigration } from "./project-commands.js";

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

/** `ENV KEY=value KEY2="value"`, or the older `ENV KEY value`: the variables it sets */
function envPairs(text: string): Array<[string, string]> {
  const pairs = [...text.matchAll(/([A-Za-z_][\w]*)=("[^"]*"|'[^']*'|\S*)/g)].map((m): [string, string] => [m[1], m[2].replace(/^(["'])(.*)\1$/, "$2")]);
  if (pairs.length > 0) return pairs;
  const legacy = /^([A-Za-z_]\w*)\s+(.*)$/.exec(text.trim());
  return legacy ? [[legacy[1], legacy[2].replace(/^(["'])(.*)\1$/, "$2")]] : [];
}

/**
 * The `ENV KEY=value` of a Dockerfile that says its image is not production's (bike_index builds its review-app
 * image with `RAILS_ENV=sandbox`), read for the stage the image ends with and the stages it is built `FROM`.
 */
function developmentEnvironment(content: string): string | undefined {
  const stages = new Map<string, Map<string, string>>();
  let env = new Map<string, string>();
  for (const i of dockerInstructions(content)) {
    if (i.name === "FROM") {
      const [image, as, name] = i.text.trim().split(/\s+/);
      env = new Map(stages.get(image?.toLowerCase() ?? "") ?? []);
      if (as?.toLowerCase() === "as" && name) stages.set(name.toLowerCase(), env);
    } else if (i.name === "ENV") for (const [key, value] of envPairs(i.text)) env.set(key, value);
  }
  for (const [key, value] of env) if (isDevelopmentEnvironment(key, value)) return `${key}=${value}`;
  return undefined;
}

/** `Dockerfile`, `compose.yml`, `docker-compose.yaml`: the file a project's containers are built or run from by default */
const isMainContainerFile = (path: string) => /^(?:Dockerfile|(?:docker-)?compose\.ya?ml)$/.test(baseOf(path));

/** A start script's run that migrates and then starts the server: the migration's line. */
function migratesThenServesAt(script: SourceFile, run: ShellRun, node: NodeContext | undefined): DeployEvidence | undefined {
  const at = migrateThenServe(run.text, node);
  return at === undefined ? undefined : { path: script.path, line: lineAt(script.content, run.original(at)), what: "the container's start script runs the migrations and then starts the server" };
}

/**
 * The project's own command in `text` that migrates, when a server start follows it. A hand-over to the container's
 * CMD (`exec "$@"`) does not count after such a command: a project command that migrates is often an initializer
 * of its own service (DefectDojo's entrypoint-initializer.sh, run by a compose service the servers wait for), whose
 * CMD starts nothing; a compose gate reads that service (compose-gate.ts).
 */
function projectCommandThenServe(text: string, projects: ProjectCommands): ProjectMigration | undefined {
  const migration = projects.migrationIn(text);
  return migration && SERVER_START.test(text.slice(migration.index)) ? migration : undefined;
}

/** The container entrypoint or start script that runs the migration command and then starts the server, if any. */
export function offlineEntrypoint(all: readonly SourceFile[]): DeployEvidence | undefined {
  // a development image or compose file migrates on start for convenience: it says nothing of production
  const files = all.filter((f) => !isDevelopmentPath(f.path));
  const commands: Array<{ path: string; line: number; text: string }> = [];
  // what an image for development or review apps runs: its entrypoint is not production's, whatever its name
  const developmentCommands: string[] = [];
  for (const file of files) {
    if (isDockerfilePath(file.path)) {
      const development = developmentEnvironment(file.content) !== undefined;
      for (const i of dockerInstructions(file.content))
        if (i.name === "CMD" || i.name === "ENTRYPOINT") (development ? developmentCommands.push(execFormAsShell(i.text)) : commands.push({ path: file.path, line: i.line, text: execFormAsShell(i.text) }));
    }
    // a service that runs the checkout (`.:/app`) or says it is for development migrates for a developer's convenience
    if (isComposePath(file.path)) for (const s of deployYaml().composeServices(file)) if (s.command && !s.development) commands.push({ path: file.path, line: s.line, text: s.command });
  }
  // a Node project's package scripts, for commands that run them (`npm start`, `yarn migrate`), and the migration
  // commands its Node script files run (umami's scripts/check-db.js runs `prisma migrate deploy`)
  const manifests = nodeManifests(files);
  const migrationsRun = new Map<string, string>();
  for (const file of files) {
    if (!isNodeSourcePath(file.path)) continue;
    const migrations = deployJavaScript().shellCommands(file).filter((c) => runsMigrations(c));
    if (migrations.length > 0) migrationsRun.set(file.path, migrations.join(" && "));
  }
  const projects = new ProjectCommands(files);
  const nodeFor = (path: string): NodeContext | undefined => {
    const manifest = manifestFor(path, manifests);
    return manifest && { manifest, fileCommands: (file) => migrationsRun.get(file) };
  };
  // the project's main compose file or Dockerfile names the evidence before a variant of it (scancode.io's
  // docker-compose.yml before docker-compose-offline.yml, its air-gapped install): either proves it, one is named
  const ordered = [...commands.filter((c) => isMainContainerFile(c.path)), ...commands.filter((c) => !isMainContainerFile(c.path))];
  for (const c of ordered) {
    const node = nodeFor(c.path);
    const viaScript = scriptThatMigratesThenServes(c.text, node);
    if (viaScript) return viaScript;
    if (migrateThenServe(c.text, node) !== undefined) return { path: c.path, line: c.line, what: "the container command runs the migrations and then starts the server" };
    const project = projectCommandThenServe(c.text, projects);
    if (project) return { path: c.path, line: c.line, what: `the container command ${project.what}, and then starts the server` };
  }
  // scripts the container runs: named *entrypoint*, or named by a container command or by such a script
  const scripts = files.filter((f) => isStartScriptPath(f.path));
  const named = new Set(commands.flatMap((c) => namedFiles(c.text)));
  const developmentOnly = new Set(developmentCommands.flatMap(namedFiles).filter((name) => !named.has(name)));
  const runs = new Set<SourceFile>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const script of scripts) {
      const base = baseOf(script.path);
      if (runs.has(script) || !((/entrypoint/i.test(base) && !developmentOnly.has(base)) || named.has(base))) continue;
      runs.add(script);
      for (const name of namedFiles(withoutComments(script.content))) named.add(name);
      grew = true;
    }
  }
  // the shell scripts read, by file name: a start script may call the functions of one it sources
  const library = new Map(files.filter((f) => f.path.endsWith(".sh") || isStartScriptPath(f.path)).map((f) => [baseOf(f.path), withoutComments(f.content)]));
  for (const script of runs) {
    const node = nodeFor(script.path);
    // each way the script runs in production: one arm of a `case`, one branch of an if/else, none for development
    const ways = deployShell().productionRuns(withoutComments(script.content), (base) => library.get(base));
    for (const run of ways) {
      const { text } = run;
      const project = projectCommandThenServe(text, projects);
      const evidence =
        scriptThatMigratesThenServes(text, node) ??
        migratesThenServesAt(script, run, node) ??
        (project && { path: script.path, line: lineAt(script.content, run.original(project.index)), what: `the container's start script ${project.what}, and then starts the server` });
      // a way of starting the server without the migration says the migration is run apart (hope's `exec gunicorn`
      // when the container gets no arguments, beside its Cypress arm that migrates)
      if (evidence && !ways.some((other) => servesUnmigratedElsewhere(text, other.commands, node) !== undefined)) return evidence;
    }
  }
  // a justfile recipe that migrates then serves, run by one of those commands or scripts or named for production
  return offlineRecipe(files, [...commands.map((c) => c.text), ...[...runs].map((script) => script.content)]);
}

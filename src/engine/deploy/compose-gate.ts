/**
 * A compose file that starts the application only after a service of its own has applied the migrations:
 * DefectDojo's `docker-compose.yml` runs them in an `initializer` service (its entrypoint runs
 * `manage.py complete_initialization`, which calls migrate), and its `uwsgi`, `celerybeat` and `celeryworker` services
 * wait for it with `depends_on: {initializer: {condition: service_completed_successfully}}`. Compose stops the
 * services that depend on a service before it recreates that service (docker/compose's convergence,
 * `stopDependentContainers`), and starts them again only once it has exited successfully, so on an upgrade
 * (`docker compose up -d` with the new image) no old code runs while the migration does, and the new code starts on
 * the migrated schema: an offline deploy.
 *
 * Every other service that runs the application (the migrating service's image or build, or a server start) must
 * wait so, directly or through a service that does; one that does not (a worker that starts beside the migration)
 * leaves old code running, and the gate is no evidence.
 */
import type { SourceFile } from "../model.js";
import { baseOf } from "../paths.js";
import { lineAt, migrationIn, namedFiles, SERVER, SERVER_START, withoutComments } from "./deploy-commands.js";
import type { DeployEvidence } from "./deploy-model.js";
import { deployShell, deployYaml } from "./deploy-readers.js";
import type { ComposeService } from "./deploy-yaml.js";
import { isComposePath, isDevelopmentPath, isStartScriptPath } from "./deploy-paths.js";
import { ProjectCommands } from "./project-commands.js";

/** the compose evidence, and the service that migrates (no rolling sign of its own: the others wait for it) */
export interface ComposeGate extends DeployEvidence {
  gate: { path: string; service: string };
}

const COMPLETED = "service_completed_successfully";

/** `docker-compose.yml`, `compose.yaml`: the project's main compose file, read before its variants */
const isMainComposeFile = (path: string) => /^(?:docker-)?compose\.ya?ml$/.test(baseOf(path));

interface Reading {
  /** the start scripts, by file name */
  scripts: Map<string, SourceFile>;
  /** the project's own commands that migrate (a Django command, a console script), read only for a command some service runs */
  projectCommands: ProjectCommands;
}

/** What a command runs: its own text and the production runs of the scripts it names, followed through the scripts they name. */
function runsOf(command: string, reading: Reading): Array<{ path?: string; text: string; content?: string; original?: (offset: number) => number }> {
  const out: Array<{ path?: string; text: string; content?: string; original?: (offset: number) => number }> = [{ text: command }];
  const seen = new Set<string>();
  const queue = namedFiles(command);
  while (queue.length > 0) {
    const name = queue.shift()!;
    const script = reading.scripts.get(name);
    if (!script || seen.has(name)) continue;
    seen.add(name);
    const text = withoutComments(script.content);
    // the functions it calls may come from a start script it sources
    const library = (base: string) => {
      const sourced = reading.scripts.get(base);
      return sourced && withoutComments(sourced.content);
    };
    for (const run of deployShell().productionRuns(text, library)) out.push({ path: script.path, text: run.commands, content: script.content, original: run.original });
    queue.push(...namedFiles(text));
  }
  return out;
}

/** Where a service's command, or a script it runs, applies the migrations, said in words; undefined when it does not. */
function migration(service: ComposeService, file: SourceFile, reading: Reading): string | undefined {
  for (const run of runsOf(service.command, reading)) {
    const where = (index: number) => (run.path && run.content !== undefined ? `${run.path}:${lineAt(run.content, run.original?.(index) ?? index)}` : `${file.path}:${service.line}`);
    const direct = migrationIn(run.text);
    if (direct) return `${where(direct.index)} runs \`${direct.text}\``;
    const project = reading.projectCommands.migrationIn(run.text);
    if (project) return `${where(project.index)} ${project.what}`;
  }
  return undefined;
}

const serves = (service: ComposeService, reading: Reading) => runsOf(service.command, reading).some((run) => SERVER_START.test(run.text) || (run.path === undefined && SERVER.test(run.text)));

/** Whether `service` starts only after `gate` completed: it waits for that, or for a service that does. */
function waitsFor(service: ComposeService, gate: string, byName: Map<string, ComposeService>, seen = new Set<string>()): boolean {
  if (seen.has(service.name)) return false;
  seen.add(service.name);
  return service.dependsOn.some((d) => (d.service === gate ? d.condition === COMPLETED : !!byName.get(d.service) && waitsFor(byName.get(d.service)!, gate, byName, seen)));
}

/** The first compose file whose application services all start after a service of its own has migrated. */
export function composeGate(all: readonly SourceFile[]): ComposeGate | undefined {
  const files = all.filter((f) => !isDevelopmentPath(f.path));
  const composeFiles = files.filter((f) => isComposePath(f.path));
  if (composeFiles.length === 0) return undefined;
  const reading: Reading = {
    scripts: new Map(files.filter((f) => isStartScriptPath(f.path)).map((f) => [baseOf(f.path), f])),
    projectCommands: new ProjectCommands(files),
  };
  const ordered = [...composeFiles.filter((f) => isMainComposeFile(f.path)), ...composeFiles.filter((f) => !isMainComposeFile(f.path))];
  for (const file of ordered) {
    const services = deployYaml().composeServices(file).filter((s) => !s.development);
    const byName = new Map(services.map((s) => [s.name, s]));
    for (const gate of services) {
      const migrates = migration(gate, file, reading);
      if (!migrates || serves(gate, reading)) continue;
      const sameCode = (s: ComposeService) => (gate.image !== undefined && s.image === gate.image) || (gate.build !== undefined && s.build === gate.build);
      const application = services.filter((s) => s !== gate && (sameCode(s) || serves(s, reading)));
      const servers = application.filter((s) => serves(s, reading));
      if (servers.length === 0 || !application.every((s) => waitsFor(s, gate.name, byName))) continue;
      const first = servers[0];
      const dependency = first.dependsOn.find((d) => d.service === gate.name);
      const names = application.map((s) => s.name);
      return {
        path: file.path,
        line: dependency?.line ?? first.line,
        what: `compose service${names.length > 1 ? "s" : ""} ${names.join(", ")} start${names.length > 1 ? "" : "s"} only once service ${gate.name} has completed (\`condition: ${COMPLETED}\`), and ${gate.name} runs the migrations (${migrates})`,
        reason: `Compose stops the services that depend on ${gate.name} before it recreates it and starts them after it exits, so no old code runs while it migrates`,
        gate: { path: file.path, service: gate.name },
      };
    }
  }
  return undefined;
}

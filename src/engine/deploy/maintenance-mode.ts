/**
 * A deploy that serves no traffic while it migrates: it turns maintenance mode on, runs the migrations, and turns it
 * off after (growstuff's .travis.yml: `script/heroku_maintenance.rb on` before deploying, `script/deploy-tasks.sh`,
 * which runs `rails db:migrate`, then `... off`). Heroku answers every web request with its maintenance page in
 * between, whatever dynos run, so no request waits on a lock and no old code reads the new schema. Only a
 * sequence the repository writes counts: the commands of Travis CI's deploy phases, of one GitHub Actions job, or the
 * lines of a deploy script, with the migration between the on and the off; a script the sequence runs is followed
 * by its name for the migration command. Heroku's maintenance mode stops web traffic only: a Procfile that declares
 * worker processes keeps old code running beside the migration, so it does not count there.
 */
import type { SourceFile } from "../model.js";
import { baseOf } from "../paths.js";
import { runsMigrations, withoutComments } from "./deploy-commands.js";
import type { DeployEvidence } from "./deploy-model.js";
import { isCapistranoConfigPath, isDeployScriptPath } from "./deploy-paths.js";
import { deployRuby } from "./deploy-readers.js";
import { deploySequences } from "./deploy-sequences.js";
import type { DeployCommand } from "./maintenance-yaml.js";

/** Heroku's CLI, Capistrano's maintenance tasks (capistrano-maintenance's, Capistrano 2's `deploy:web:disable`), or a script named for maintenance run with on / enable */
const ON = /\bheroku\s+maintenance:on\b|\bmaintenance:enable\b|\bdeploy:web:disable\b|[\w./-]*maintenance[\w.-]*\s+(?:on|enable)\b/i;
const OFF = /\bheroku\s+maintenance:off\b|\bmaintenance:disable\b|\bdeploy:web:enable\b|[\w./-]*maintenance[\w.-]*\s+(?:off|disable)\b/i;

/** Procfile process types that Heroku's maintenance mode leaves running (everything but web and the release phase). */
function workerProcesses(files: readonly SourceFile[]): string[] {
  const procfile = files.find((f) => f.path === "Procfile");
  if (!procfile) return [];
  return [...procfile.content.matchAll(/^([\w-]+)\s*:/gm)].map((m) => m[1]!).filter((name) => name !== "web" && name !== "release");
}

/** The script files a command names (`script/deploy-tasks.sh`), by their base name. */
const scriptsNamed = (command: string, scripts: ReadonlyMap<string, SourceFile>) =>
  [...command.matchAll(/[\w./-]+/g)].map((m) => scripts.get(baseOf(m[0]))).filter((f): f is SourceFile => f !== undefined);

function window(path: string, commands: readonly DeployCommand[], scripts: ReadonlyMap<string, SourceFile>): DeployEvidence | undefined {
  const on = commands.findIndex((c) => ON.test(c.text));
  if (on === -1) return undefined;
  const migrates = (c: DeployCommand) => runsMigrations(c.text) || scriptsNamed(c.text, scripts).some((s) => runsMigrations(withoutComments(s.content)));
  const migration = commands.findIndex((c, i) => i > on && migrates(c));
  if (migration === -1) return undefined;
  const off = commands.findIndex((c, i) => i > migration && OFF.test(c.text));
  if (off === -1) return undefined;
  const via = runsMigrations(commands[migration]!.text) ? "" : ` (${scriptsNamed(commands[migration]!.text, scripts).map((s) => s.path).join(", ")} runs the migrations)`;
  return {
    path,
    line: commands[migration]!.line,
    what: `the deploy migrates${via} with maintenance mode on (line ${commands[on]!.line}) until after it (off at line ${commands[off]!.line})`,
    reason: "no traffic reaches the application while it migrates",
  };
}

/** The deploy sequence that migrates between maintenance mode on and off, if the repository writes one. */
export function maintenanceWindow(files: readonly SourceFile[]): DeployEvidence | undefined {
  // Capistrano's maintenance page, hooked before the migration in its config (capistrano-maintenance.ts)
  for (const file of files) {
    const found = isCapistranoConfigPath(file.path) ? deployRuby().capistranoMaintenance(file) : undefined;
    if (found) return found;
  }
  if (workerProcesses(files).length > 0) return undefined;
  const scripts = new Map(files.filter((f) => isDeployScriptPath(f.path)).map((f) => [baseOf(f.path), f] as const));
  for (const sequence of deploySequences(files)) {
    const found = window(sequence.path, sequence.commands, scripts);
    if (found) return found;
  }
  return undefined;
}

/**
 * The shell commands the deploy reads: which apply the migrations (migrationIn), which start a server or hand over to
 * the container's CMD (SERVER), which roll instances (ROLLOUT), and whether a command or script migrates and then
 * serves, with a Node project's package scripts and script files read as what they run (node-scripts.ts).
 * Commands are read line by line; a start script's structure (its `case` arms and development branches) is read
 * first, with tree-sitter's Bash grammar (shell-branches.ts).
 */
import { baseOf } from "../paths.js";
import { expandScripts, scriptRuns, type FileCommands, type NodeManifest } from "./node-scripts.js";
import type { DeployEvidence } from "./deploy-model.js";
import { loadedDeployShell } from "./deploy-readers.js";
import { mayRunGolangMigrate } from "./golang-migrate-mention.js";

/**
 * commands that apply the migrations of the frameworks migguard reads (and of the common SQL runners; Capistrano's
 * migrate tasks). Flask-Migrate's `db upgrade` counts under whichever click CLI mounts its `db` group: `flask`, or a
 * project's own console script (FitTrackee's `ftcli db upgrade`, `superset db upgrade`). golang-migrate's CLI is read
 * from the shell's words instead (migrationIn): its database URL is a quoted word in most projects.
 */
const MIGRATE =
  /\bcap\b[^\n"']*\bdeploy:migrat(?:e|ions)\b|\b(?:manage\.py|django-admin(?:\.py)?)\s+migrate\b|\balembic\b[^\n"']*\bupgrade\b|\b(?:rails|rake)\s+db:(?:migrate|prepare|setup)\b|\b[\w.-]+\s+db\s+upgrade\b|\bprisma\s+migrate\s+deploy\b|\bdiesel\s+migration\s+run\b|\bflyway\b[^\n"']*\bmigrate\b|\bdbmate\b[^\n"']*\b(?:up|migrate)\b|\bgoose\b[^\n"']*\bup\b|\bsqitch\s+deploy\b|\bknex\b[^\n"'&;|]*\bmigrate:latest\b|\bsequelize(?:-cli)?\s+db:migrate\b|\btypeorm(?:-ts-node-(?:commonjs|esm))?\b[^\n"'&;|]*\bmigration:run\b|\bdrizzle-kit\s+migrate\b|\bnode-pg-migrate\b[^\n"'&;|]*\bup\b|\bdb-migrate\s+up\b/;
/** a task runner's target named for migrating: `make migrate`, `just db-migrate` */
const TASK_MIGRATE = /\b(?:make|just|task|invoke)\s+(?:-\S+\s+)*(?:[\w-]*[-_:])?migrate(?![-_:\w])/;

/** Where a command applies the migrations: its offset in `text`, and the command as the text writes it. */
export interface MigrationCommand {
  index: number;
  text: string;
}

/**
 * The first command of `text` that applies the migrations: one of MIGRATE, or golang-migrate's `migrate ... up` read
 * from the shell's words (golang-migrate-cli.ts; the shell reader is loaded for a deploy file that may run it).
 */
export function migrationIn(text: string): MigrationCommand | undefined {
  const written = MIGRATE.exec(text);
  const golang = golangMigrateIn(text);
  if (written && (!golang || written.index <= golang.index)) return { index: written.index, text: written[0] };
  return golang;
}

function golangMigrateIn(text: string): MigrationCommand | undefined {
  if (!mayRunGolangMigrate(text)) return undefined;
  const shell = loadedDeployShell();
  if (!shell) throw new Error(`the shell reader is not loaded, and a deploy command may run golang-migrate (${JSON.stringify(text.trim().slice(0, 80))}): wait for deployReadersToLoad (analyze does) or call loadDeployReaders first`);
  return shell.golangMigrateUp(text);
}

/** Whether `text` applies the migrations (migrationIn). */
export const runsMigrations = (text: string): boolean => migrationIn(text) !== undefined;

/**
 * a step of its own that applies the migrations: migrationIn, or a task runner's target named for migrating (OWASP
 * Nest's ECS task `make migrate`, whose Makefile target runs `manage.py migrate`; the Makefile itself is not a deploy
 * file). Read only where a task or job runs apart from the server (a Kubernetes Job, a Terraform task's command).
 */
export const isMigrateStep = (text: string): boolean => runsMigrations(text) || TASK_MIGRATE.test(text);
/**
 * an app server started through the system's service manager: `service apache2 restart`, `/etc/init.d/httpd start`,
 * `systemctl start apache2`, `apachectl -D FOREGROUND` (Apache serves the application through mod_wsgi or
 * Passenger; tracim's entrypoint restarts apache2 and uwsgi with `service`). uWSGI, Gunicorn, Puma, Unicorn and
 * Passenger are read by their names in SERVER_START whatever starts them; nginx alone proxies, and is no start.
 */
const SERVICE_START = String.raw`\b(?:service|rc-service)\s+(?:apache2|httpd)\s+(?:start|restart)\b|\/etc\/init\.d\/(?:apache2|httpd)\s+(?:start|restart)\b|\bsystemctl\s+(?:--\S+\s+)*(?:start|restart)\s+(?:apache2|httpd)(?:\.service)?\b|\b(?:apachectl|apache2ctl|httpd|apache2)\s+(?:-k\s+)?(?:start|restart|-DFOREGROUND|-D\s+FOREGROUND)\b|\b(?:apache2|httpd)-foreground\b`;
/**
 * commands that start a long-running server, or hand the container's process to Node running a file named without
 * its extension (ghostfolio's `exec node main`: Node resolves main.js)
 */
const SERVER_START_COMMANDS =
  /\bexec\s+node\s+(?:--?[\w-]+(?:=\S*)?\s+)*(?:\.\/)?\w[\w./-]*|\b(?:gunicorn|uvicorn|daphne|hypercorn|uwsgi|waitress-serve|granian|puma|unicorn|passenger|supervisord|pm2-runtime)\b|\bmanage\.py\s+runserver\b|\brails\s+(?:server|s)\b|\b(?:npm|yarn|pnpm)\s+(?:run\s+)?start\b|\b(?:node|tsx|ts-node|bun)\s+(?:--?[\w-]+(?:=\S*)?\s+)*\S+\.(?:m?js|cjs|m?ts)\b|\bnode\s+(?:--?[\w-]+(?:=\S*)?\s+)*(?:\.\/)?(?:dist|build|out)\/[\w./-]+|\b(?:next|nuxt|nest)\s+start\b|\bremix-serve\b|\bjava\s+-jar\b/;
/** commands that start a long-running server: by its name, or through the service manager */
export const SERVER_START = new RegExp(`${SERVER_START_COMMANDS.source}|${SERVICE_START}`);
/** a hand-over to the container's CMD: `exec "$@"`, `exec gosu app "$@"`, `exec s6-setuidgid $PUID $@` */
const HANDOVER = /\bexec\b[^\n]*(?:"\$(?:@|\{@\})"|\$@|\$\{@\})/;
/** commands that start a long-running server, or hand over to the container's CMD */
export const SERVER = new RegExp(`${SERVER_START.source}|${HANDOVER.source}`);

/**
 * the commands of ROLLOUT that only update instances already running, never start a cluster of their own: read in
 * any CI workflow (a test workflow may `kubectl apply` or `helm install` into a throwaway cluster; none sets a
 * running Deployment's image)
 */
export const ROLLING_UPDATE =
  /\bkubectl\s+(?:rollout\s+restart|set\s+image)\b|\baws-actions\/amazon-ecs-deploy-task-definition\b|\baws\s+ecs\s+update-service\b|\bgoogle-github-actions\/deploy-cloudrun\b|\bgcloud\s+run\s+deploy\b|\bkamal\s+deploy\b/;

/**
 * commands (and GitHub actions) of a deploy workflow that roll instances: Kubernetes, Helm, Capistrano; an ECS service
 * update (langfuse's workflow: ECS starts the new tasks, whose entrypoint migrates, beside the old ones until they
 * are healthy); a Cloud Run deploy (the new revision starts while the old one serves); Kamal (kamal-proxy switches
 * to the new container once it is healthy)
 */
export const ROLLOUT = new RegExp(
  `${ROLLING_UPDATE.source}|\\bkubectl\\s+apply\\b|\\bhelm\\s+(?:upgrade|install)\\b|\\bcap\\s+\\w+\\s+deploy\\b`,
);

export const lineAt = (text: string, offset: number) => text.slice(0, offset).split("\n").length;
/** comments blanked out (same length, so offsets keep their lines) */
/** The file names a command names (a script it runs): `./docker-entrypoint.sh`, `["/app/start.sh"]`, `bin/jms start`. */
export const namedFiles = (command: string): string[] => [...command.matchAll(/[\w./-]+/g)].map((m) => baseOf(m[0])).filter((n) => n.length > 1);

export const withoutComments = (text: string) => text.replace(/^[ \t]*#.*$/gm, (m) => " ".repeat(m.length));

/** What a command means in a Node project: its package.json's scripts, and the commands its Node script files run. */
export interface NodeContext {
  manifest: NodeManifest;
  fileCommands: FileCommands;
}

const expanded = (command: string, node: NodeContext | undefined) => (node ? expandScripts(command, node.manifest, 3, node.fileCommands) : command);

/**
 * Offset in `text` of a migration that a server start follows, if any: package scripts and Node script files read as
 * what they run (`npm-run-all check-db start-server`, check-db running `prisma migrate deploy`).
 */
export function migrateThenServe(text: string, node?: NodeContext): number | undefined {
  const full = expanded(text, node);
  const migrate = migrationIn(full);
  if (!migrate || !SERVER.test(full.slice(migrate.index + migrate.text.length))) return undefined;
  // where the migration starts in the text as written: the command itself, or the first script run that leads to it
  const direct = migrationIn(text);
  const viaScript = node ? scriptRuns(text, node.manifest).find((run) => runsMigrations(expanded(run.written, node))) : undefined;
  const starts = [direct?.index, viaScript?.index].filter((i): i is number => i !== undefined);
  return starts.length > 0 ? Math.min(...starts) : 0;
}

/**
 * Where one way a start script runs (`other`) starts the server without migrating first, at a place the way that
 * migrates then serves (`migrating`) does not reach, a branch it does not take: hope's entrypoint runs
 * `exec gunicorn` when the container gets no arguments, and migrates only in its Cypress arm. Read on the commands
 * alone (shell-branches.ts blanks what is only printed); a hand-over to the CMD is no server start here (a
 * fallback arm's `exec "$@"` runs whatever command it is given); a line that migrates then serves through package
 * scripts (`npm start`) is no start without migrating.
 */
export function servesUnmigratedElsewhere(migrating: string, other: string, node?: NodeContext): number | undefined {
  const starts = new RegExp(SERVER_START.source, "g");
  for (let m = starts.exec(other); m; m = starts.exec(other)) {
    if (runsMigrations(other.slice(0, m.index))) return undefined;
    const line = other.slice(other.lastIndexOf("\n", m.index) + 1, other.indexOf("\n", m.index) === -1 ? undefined : other.indexOf("\n", m.index));
    if (node && migrateThenServe(line, node) !== undefined) continue;
    if (migrating.slice(m.index, m.index + m[0].length).trim() === "") return m.index;
  }
  return undefined;
}

/**
 * A container command or start script that runs a package script which itself migrates and then starts the server
 * (`CMD ["npm", "start"]` with `"start": "prisma migrate deploy && node server.js"`): the script's line in package.json.
 */
export function scriptThatMigratesThenServes(text: string, node: NodeContext | undefined): DeployEvidence | undefined {
  if (!node) return undefined;
  for (const run of scriptRuns(text, node.manifest))
    for (const name of run.names) {
      if (migrateThenServe(node.manifest.scripts[name], node) === undefined) continue;
      return { path: node.manifest.path, line: node.manifest.scriptLine(name), what: `the \`${name}\` script, which the container runs (\`${run.written}\`), runs the migrations and then starts the server` };
    }
  return undefined;
}

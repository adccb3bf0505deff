/**
 * The source files the deploy needs beyond the ones chosen by name (deploy-paths.ts), decided from the deploy files
 * already read and a listing of the repository, the same for every edge (the CLI walks the disk, the App reads them
 * from the head's tarball):
 * - the Go files of a module whose go.mod requires golang-migrate or goose (the engine keeps those that import it or
 *   `embed`, where goose's FS may be declared);
 * - the Node start files package.json names (`main`, `node dist/server.js` read from src/server.ts) or that its
 *   `workspaces` hold by their names (peppermint's `apps/*`: apps/api/src/main.ts), and the code of a
 *   project that depends on knex, umzug, TypeORM, drizzle-orm, Sequelize or @prisma/migrate (a start file's call is
 *   followed a few calls away, through its tsconfig.json's baseUrl and paths), the shallowest first;
 * - the Java files named for migrating (Dataverse's StartupFlywayMigrator.java) of a module whose pom.xml or
 *   build.gradle depends on Flyway or Liquibase, at any depth of its src/main/java;
 * - the Cargo.toml files and crate sources below a Cargo.toml (the root's, or one folder down) that names
 *   diesel_migrations, sqlx or refinery (lemmy's `[workspace.dependencies]`), at most 400 sources: the engine keeps
 *   those that name a migration macro (rust-crates.ts);
 * - the modules of a project's own Django management commands that a container file or start script runs
 *   (`manage.py complete_initialization`: `<app>/management/commands/complete_initialization.py`), read for a
 *   `call_command("migrate")` (django-command-migrate.ts);
 * - the Python files beside the module of a console script (pyproject.toml / setup.cfg, or setup.py once the deploy's
 *   Python reader is loaded: setupPyReaderToLoad) that such a file runs (`mwdb-core configure`: `mwdb/cli/*.py`),
 *   read for the subcommand's migration (python-cli-migrate.ts).
 * Nothing when no go.mod, package.json, Cargo.toml or JVM build file among `read` names a migrator and no deploy file runs a
 * project command, so a repository without one costs no read.
 */
import type { SourceFile } from "../model.js";
import { isWithin } from "../repository/fact-paths.js";
import { isComposePath, isDeployScriptPath, isDockerfilePath, isGoSourcePath, isInDeployWalk, isJavaMigratorPath, isKubernetesPath, isMigrateScriptPath, isNodeSourcePath, isStartScriptPath, isTsconfigPath } from "./deploy-paths.js";
import { djangoCommandName, djangoCommandsRun, isDjangoCommandPath } from "./django-commands.js";
import { migratingGoModules, migratingJvmModules } from "./self-migrating.js";
import { isWorkspaceStartPath, migratingNodeProjects, nodeEntryPaths, nodeManifests } from "./node-scripts.js";
import { consoleScriptCodePaths, consoleScripts } from "./python-console-scripts.js";
import { isDeployDocPath } from "./deploy-doc-paths.js";
import { loadedDeployPython } from "./deploy-readers.js";
import { rustCodePaths } from "./rust-crates.js";

/** a module's Go files read for their imports, at most (a large module's bootstrap code sits near its root) */
export const MAX_GO_FILES = 400;
/** a Node project's code files read for what its start files import, at most */
export const MAX_NODE_FILES = 400;
/** start files of workspace packages (apps/api/src/main.ts under `apps/*`) read at most: a monorepo of many packages starts few servers */
export const MAX_WORKSPACE_START_FILES = 40;
/** a JVM module's Java files named for migrating, read at most (its start-up migrator is one or two of them) */
export const MAX_JAVA_FILES = 20;
/** the modules of the project's Django commands that deploy files run, read at most */
export const MAX_DJANGO_COMMAND_FILES = 10;

/** files whose lines a container or a deploy step runs, where a `manage.py <command>` is run */
// a documented procedure's steps run commands too (documented-upgrade.ts: `octavia-db-manage upgrade head`)
const runsCommands = (path: string) => isComposePath(path) || isDockerfilePath(path) || isStartScriptPath(path) || isKubernetesPath(path) || isMigrateScriptPath(path) || isDeployScriptPath(path) || isDeployDocPath(path);

/** The modules in `walked` of the project's Django commands that the deploy files run. */
function djangoCommandPaths(read: readonly SourceFile[], walked: readonly string[]): string[] {
  const names = new Set(read.filter((f) => runsCommands(f.path)).flatMap((f) => djangoCommandsRun(f.content)));
  if (names.size === 0) return [];
  return walked.filter((p) => isDjangoCommandPath(p) && names.has(djangoCommandName(p) ?? "")).sort((a, b) => depth(a) - depth(b)).slice(0, MAX_DJANGO_COMMAND_FILES);
}

/**
 * Where the Java files named for migrating lie (`<module>/src/main/java`), for the JVM modules whose build file
 * depends on Flyway or Liquibase: deeper than a deploy walk goes, so the CLI walks them apart.
 */
export const javaSourceRoots = (read: readonly SourceFile[]): string[] => migratingJvmModules(read).map((m) => (m ? `${m}/src/main/java` : "src/main/java"));

const depth = (path: string) => path.split("/").length;

/** The paths to read, in `listing` and not among `read`, Go files first. */
export function deployCodePaths(read: readonly SourceFile[], listing: readonly string[]): string[] {
  const have = new Set(read.map((f) => f.path));
  const walked = listing.filter(isInDeployWalk);
  const listed = new Set(walked);
  const out = new Set<string>();
  const modules = migratingGoModules(read);
  if (modules.length > 0)
    for (const path of walked.filter((p) => isGoSourcePath(p) && !have.has(p) && modules.some((m) => isWithin(m, p))).slice(0, MAX_GO_FILES)) out.add(path);
  const projects = migratingNodeProjects(read);
  const code = projects.length ? walked.filter((p) => isNodeSourcePath(p) && projects.some((d) => isWithin(d, p))).sort((a, b) => depth(a) - depth(b)).slice(0, MAX_NODE_FILES) : [];
  // and their tsconfig.json, whose baseUrl / paths say where a bare import (`server/util`) points
  const tsconfigs = walked.filter((p) => isTsconfigPath(p) && projects.some((d) => isWithin(d, p)));
  const manifests = nodeManifests(read);
  const workspaceStarts = manifests.some((m) => m.workspaces.length > 0) ? walked.filter((p) => isWorkspaceStartPath(p, manifests)).sort((a, b) => depth(a) - depth(b) || a.localeCompare(b)).slice(0, MAX_WORKSPACE_START_FILES) : [];
  for (const path of [...nodeEntryPaths(read), ...workspaceStarts, ...tsconfigs, ...code]) if (listed.has(path) && !have.has(path)) out.add(path);
  // Java files named for migrating, at any depth of a module's src/main/java (a package path is deep)
  const roots = javaSourceRoots(read);
  if (roots.length > 0) for (const path of listing.filter((p) => isJavaMigratorPath(p) && !have.has(p) && roots.some((r) => isWithin(r, p))).slice(0, MAX_JAVA_FILES)) out.add(path);
  // a Rust workspace whose Cargo.toml names a migrator: its crates' manifests and sources (rust-crates.ts)
  for (const path of rustCodePaths(read, walked)) if (!have.has(path)) out.add(path);
  for (const path of djangoCommandPaths(read, walked)) if (!have.has(path)) out.add(path);
  const scripts = consoleScripts(read, loadedDeployPython()?.setupPyScripts);
  const commandTexts = scripts.length > 0 ? read.filter((f) => runsCommands(f.path)).map((f) => f.content) : [];
  for (const path of consoleScriptCodePaths(scripts, commandTexts, walked)) if (!have.has(path)) out.add(path);
  return [...out];
}

/**
 * A Node project's package.json as the deploy sees it: its `scripts` (read with JSON.parse), so that a container
 * command that runs `npm start` or `yarn migrate` is read as the commands those scripts run
 * (`prisma migrate deploy && node server.js`), and the line of each script for the evidence.
 */
import type { SourceFile } from "../model.js";
import { baseOf, dirOf } from "../paths.js";
import { isWithin } from "../repository/fact-paths.js";
import { escapeRegExp } from "../regexp.js";

export interface NodeManifest {
  path: string;
  scripts: Readonly<Record<string, string>>;
  /** dependencies and devDependencies by name */
  dependencies: ReadonlySet<string>;
  /** the `main` entry, as written */
  main?: string;
  /** the folders npm's and yarn's `workspaces` name (`apps/*`), as written */
  workspaces: readonly string[];
  /** the 1-based line of a script's key in the file */
  scriptLine(name: string): number;
}

const stringsOf = (value: unknown): Record<string, string> =>
  value && typeof value === "object" && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string")) : {};

/** A package.json read with JSON.parse; undefined when it is not a JSON object. */
export function nodeManifest(file: SourceFile): NodeManifest | undefined {
  let json: unknown;
  try {
    json = JSON.parse(file.content);
  } catch {
    return undefined;
  }
  if (!json || typeof json !== "object" || Array.isArray(json)) return undefined;
  const fields = json as Record<string, unknown>;
  const scripts = stringsOf(fields.scripts);
  const dependencies = new Set([...Object.keys(stringsOf(fields.dependencies)), ...Object.keys(stringsOf(fields.devDependencies))]);
  // JSON.parse gives no positions: the key as JSON writes it, searched after the "scripts" key, gives the line
  const scriptsAt = file.content.search(/"scripts"\s*:/);
  const scriptLine = (name: string): number => {
    if (scriptsAt === -1) return 1;
    const key = new RegExp(`${escapeRegExp(JSON.stringify(name))}\\s*:`, "g");
    key.lastIndex = scriptsAt + 1;
    const at = key.exec(file.content);
    return at ? file.content.slice(0, at.index).split("\n").length : 1;
  };
  // `"workspaces": ["apps/*"]`, or yarn's `{ "packages": ["apps/*"] }`
  const declared = fields.workspaces && typeof fields.workspaces === "object" && !Array.isArray(fields.workspaces) ? (fields.workspaces as Record<string, unknown>).packages : fields.workspaces;
  const workspaces = Array.isArray(declared) ? declared.filter((w): w is string => typeof w === "string") : [];
  return { path: file.path, scripts, dependencies, main: typeof fields.main === "string" ? fields.main : undefined, workspaces, scriptLine };
}

/** The package.json that governs a file: the nearest one in its folder or above, else the repository's only one. */
export function manifestFor(path: string, manifests: readonly NodeManifest[]): NodeManifest | undefined {
  const above = manifests.filter((m) => isWithin(dirOf(m.path), path)).sort((a, b) => b.path.length - a.path.length);
  return above[0] ?? (manifests.length === 1 ? manifests[0] : undefined);
}

export const nodeManifests = (files: readonly SourceFile[]): NodeManifest[] =>
  files.filter((f) => baseOf(f.path) === "package.json").flatMap((f) => nodeManifest(f) ?? []);

/**
 * A run of a package script in a shell command: `npm start`, `npm run start:prod`, `npm run-script migrate`,
 * `yarn migrate`, `yarn run migrate`, `pnpm migrate`, `bun run migrate` (a bare `yarn X` / `pnpm X` only when the
 * manifest has script X: `yarn install` is not one).
 */
const SCRIPT_RUN = /\b(npm|yarn|pnpm|bun)\s+(?:(run|run-script)\s+)?(?:--?[\w-]+\s+)*([\w:.-]+)/g;

/** yarn's and pnpm's own commands: `yarn add x` adds a package whatever the scripts are named */
const OWN_COMMANDS = new Set(["install", "i", "add", "remove", "upgrade", "up", "update", "link", "unlink", "pack", "publish", "init", "create", "dlx", "exec", "why", "info", "list", "ls", "outdated", "audit", "config", "cache", "global", "import", "patch", "rebuild", "workspace", "workspaces"]);

export interface ScriptRun {
  /** the scripts' names, in the order they run (npm-run-all runs several) */
  names: string[];
  /** the command as written (`npm start`, `npm-run-all check-db start-server`) */
  written: string;
  /** its offset in the command */
  index: number;
}

/** npm-run-all's sequential forms (`npm-run-all a b`, `run-s a b`); `-p` / `run-p` run them side by side, in no order */
const RUN_ALL = /\b(npm-run-all|run-s|run-p)((?:[ \t]+[\w:.@*=-]+)+)/g;

/** The package scripts a shell command runs, in order. */
export function scriptRuns(command: string, manifest: NodeManifest): ScriptRun[] {
  const out: ScriptRun[] = [];
  for (const match of command.matchAll(SCRIPT_RUN)) {
    const [written, tool, run, name] = match;
    const isRun = run !== undefined || (tool === "npm" ? name === "start" : tool !== "bun" && !OWN_COMMANDS.has(name));
    if (isRun && name in manifest.scripts) out.push({ names: [name], written, index: match.index });
  }
  for (const match of command.matchAll(RUN_ALL)) {
    const words = match[2].trim().split(/\s+/);
    if (match[1] === "run-p" || words.some((w) => w === "-p" || w === "--parallel")) continue;
    const names = words.filter((w) => w in manifest.scripts);
    if (names.length > 0) out.push({ names, written: match[0], index: match.index });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** The shell commands a Node script file runs (`execSync("prisma migrate deploy")`), by its path; see node-start.ts. */
export type FileCommands = (path: string) => string | undefined;

/** `node scripts/check-db.js`: a Node script a command runs, with the file it names */
const NODE_SCRIPT = /\b(?:node|ts-node|tsx)\s+(?:--?[\w-]+(?:=\S*)?\s+)*([\w./@-]+\.[cm]?[jt]s)\b/g;

/**
 * The command with each package script it runs replaced by the script's own command, a few levels deep, and each
 * Node script file it runs by the shell commands that file runs (when `fileCommands` knows the file).
 */
export function expandScripts(command: string, manifest: NodeManifest, depth = 3, fileCommands?: FileCommands): string {
  if (depth === 0) return command;
  let out = command;
  for (const run of scriptRuns(command, manifest))
    out = out.replace(run.written, ` ${run.names.map((name) => `( ${expandScripts(manifest.scripts[name], manifest, depth - 1, fileCommands)} )`).join(" && ")} `);
  if (!fileCommands) return out;
  const dir = dirOf(manifest.path);
  return out.replace(NODE_SCRIPT, (written, target: string) => {
    const path = target.replace(/^\.\//, "");
    const commands = fileCommands(dir ? `${dir}/${path}` : path);
    return commands ? ` ( ${commands} ) ` : written;
  });
}

/** what a start script runs the server with, and the file it names */
const NODE_RUN = /\b(?:node|nodemon|ts-node|tsx|bun)\s+(?:--?[\w-]+(?:=\S*)?\s+)*([\w./@-]+)/g;
const COMPILED = /^(?:dist|build|out|lib)\//;

/** A start target as the repository holds it: compiled output (`dist/server.js`) is built from src/, a bare name is a file or a folder's index. */
function sourceCandidates(target: string): string[] {
  const path = target.replace(/^\.\//, "");
  const stems = [path.replace(/\.[cm]?[jt]s$/, "")];
  if (COMPILED.test(path)) stems.push(stems[0].replace(COMPILED, "src/"), stems[0].replace(COMPILED, ""));
  return [...new Set(stems.flatMap((stem) => [".ts", ".js", ".mts", ".mjs", "/index.ts", "/index.js"].map((ext) => `${stem}${ext}`)))];
}

/**
 * The start files the project's package.json files point at: `main`, and what the scripts run with node, ts-node or
 * tsx (`node dist/server.js` is read from `src/server.ts`, `node scripts/check-db.js` as it is). Paths from the repository root, for a reader
 * that fetches them (the CLI) beside the ones named like start files (deploy-paths.ts).
 */
export function nodeEntryPaths(files: readonly SourceFile[]): string[] {
  const out = new Set<string>();
  for (const manifest of nodeManifests(files)) {
    const dir = dirOf(manifest.path);
    // every script's: a start script may run another that runs a Node file (umami's check-db)
    const scripts = Object.entries(manifest.scripts);
    const targets = [...(manifest.main ? [manifest.main] : []), ...scripts.flatMap(([, command]) => [...command.matchAll(NODE_RUN)].map((m) => m[1]))];
    for (const target of targets) for (const candidate of sourceCandidates(target)) out.add(dir ? `${dir}/${candidate}` : candidate);
  }
  return [...out];
}

/** a start file by its conventional name in a workspace package's folder or its src/ (`apps/api/src/main.ts`) */
const WORKSPACE_START = /^(?:src\/)?(?:server|main|index|app|start|bootstrap)\.[cm]?[jt]s$/;

/**
 * The package folder a workspace pattern of a package.json holds `path` in, when `path` is a start file by its name
 * there: peppermint's root package.json lists `apps/*`, whose apps/api/src/main.ts starts the API. Patterns are read as
 * npm writes them: a folder, or a folder's children (`apps/*`); other globs (`**`, `{a,b}`) are not expanded.
 */
function workspaceStartOf(path: string, manifest: NodeManifest): boolean {
  const root = dirOf(manifest.path);
  for (const pattern of manifest.workspaces) {
    const folder = pattern.replace(/^\.\//, "").replace(/\/+$/, "");
    const children = folder.endsWith("/*");
    const base = children ? folder.slice(0, -2) : folder;
    if (base === "" || /[*?{}[\]!]/.test(base)) continue;
    const prefix = [root, base].filter(Boolean).join("/");
    if (!path.startsWith(`${prefix}/`)) continue;
    const rest = path.slice(prefix.length + 1);
    // under `apps/*`, the package is the first folder of the rest
    const inPackage = children ? (rest.includes("/") ? rest.slice(rest.indexOf("/") + 1) : undefined) : rest;
    if (inPackage !== undefined && WORKSPACE_START.test(inPackage)) return true;
  }
  return false;
}

/** `path` is a start file of a workspace package that a package.json among `files` declares. */
export const isWorkspaceStartPath = (path: string, manifests: readonly NodeManifest[]): boolean => manifests.some((m) => workspaceStartOf(path, m));

/** packages whose migrations an application can run from its own start code (node-start.ts) */
const NODE_MIGRATORS = ["knex", "umzug", "typeorm", "drizzle-orm", "sequelize", "@prisma/migrate"];

/** The folders of the Node projects whose package.json depends on one of them (their code is read for the start). */
export const migratingNodeProjects = (files: readonly SourceFile[]): string[] =>
  nodeManifests(files)
    .filter((m) => NODE_MIGRATORS.some((d) => m.dependencies.has(d)))
    .map((m) => dirOf(m.path));

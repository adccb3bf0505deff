/**
 * The CLI's entry in the bundle (bundle/cli.cjs, which bin/migguard.js requires): it runs the CLI's code
 * (bundle/cli-code.js, one script that scripts/bundle.ts builds from src/cli/main.ts) from V8's code cache.
 *
 * Issue #18: a one-file lint spent about a fifth of its CPU time compiling the CLI's JavaScript at every
 * start. Node 22.1+ can cache the compiled code of ES modules (`module.enableCompileCache()`); Node 20, which
 * runs here and in CI, caches nothing. What Node 20 does have is V8's code cache for scripts (`vm.Script`'s
 * `cachedData`), so the CLI's code is one script: a run compiles it once, saves the compiled code of what it ran
 * (`createCachedData()` after the command, so the functions the lint called are in it), and later runs of the
 * same command start from that.
 *
 * The cache lives in the user's own cache folder (never a shared /tmp: it is code that runs), one file per
 * build of the bundle (its hash), Node version, Node options and command (`cacheKind`); the folder keeps the KEPT
 * newest. V8 refuses a cache made by another V8 version or with other flags; a refused, unreadable or missing cache
 * means compiling as without one, and a folder that cannot be written means no cache. MIGGUARD_CODE_CACHE=0 turns
 * it off; MIGGUARD_CACHE_DIR moves it.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import vm from "node:vm";
import { setV8Flags } from "./process-setup.js";

/** Set by scripts/bundle.ts: a hash of bundle/cli-code.js, so a cache never outlives the code it was made from. */
declare const MIGGUARD_CLI_CODE_HASH: string;

/** The CLI's code, beside this file. */
export const CLI_CODE = "cli-code.js";

/**
 * Packages the CLI's code requires from their own files (bundle/vendor-<group>.cjs) instead of carrying them:
 * 3.6 MB that a SQL lint never runs (the MySQL grammar, the config's zod schemas and YAML parser, Python's
 * parser, Babel's parser for Node start files, the Prisma schema's parser) would otherwise be read, kept in memory and checked by V8 at every
 * start. A group is one file, so
 * packages that share objects (ts-mysql-parser builds antlr4ts' trees) share one copy. web-tree-sitter must be
 * one: its Emscripten loader declares a `var require` of its own, which would hide the script's require() from
 * the `import()`s the build turns into require() calls.
 */
export const VENDORED: Record<string, string> = { "ts-mysql-parser": "mysql", antlr4ts: "mysql", zod: "zod", yaml: "yaml", "web-tree-sitter": "tree-sitter", "@babel/parser": "babel", "@mrleebo/prisma-ast/dist/prisma-ast.esm.js": "prisma" };

/** Commands with a cache of their own: each compiles different functions. */
const COMMANDS = new Set(["lint", "review", "drift", "rules", "explain", "snapshot"]);

/** Paths a lint names at most to count as a few files (more are statted no further: a large lint). */
const FEW_PATHS = 8;

/**
 * The cache a run starts from: its command's, and for `lint` one for a few files and one for folders or many files.
 * A lint of folders runs code a lint of a few files never calls (earlier migrations, their history, most fixes):
 * from a one-file lint's cache the 800-file bench compiled that code at every run (30 ms of its 620 ms of CPU),
 * and from the 800-file lint's a one-file lint started 8 ms slower (a third more cache to read).
 */
export function cacheKind(argv: readonly string[]): string {
  const command = argv[2] ?? "";
  if (!COMMANDS.has(command)) return "other";
  if (command !== "lint") return command;
  // the arguments that are not options: the paths (and option values, which name no folder)
  const operands = argv.slice(3).filter((arg) => !arg.startsWith("-"));
  const large = operands.length > FEW_PATHS || operands.some((path) => statSync(path, { throwIfNoEntry: false })?.isDirectory());
  return large ? "lint-folders" : "lint";
}

/** Cache files a folder keeps (the newest): each build of the bundle writes new ones, ~1.3 MB each. */
export const KEPT = 16;
const CACHE_FILE = /^cli-.*\.v8cache$/;

/** FNV-1a, as hex: names the Node options a process runs with, which V8 would refuse another run's cache for. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16);
}

function cachePath(): string | undefined {
  if (process.env.MIGGUARD_CODE_CACHE === "0") return undefined;
  const folder = process.env.MIGGUARD_CACHE_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "migguard");
  const command = cacheKind(process.argv);
  // runs with other flags (--cpu-prof, NODE_OPTIONS) get a file of their own instead of replacing each other's
  const options = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].join(" ").trim();
  return join(folder, `cli-${MIGGUARD_CLI_CODE_HASH}-node${process.version}-${process.arch}${options ? `-${shortHash(options)}` : ""}-${command}.v8cache`);
}

/** Remove all but the `keep` newest cache files of `folder` (other files are left alone). */
export function pruneCaches(folder: string, keep = KEPT): void {
  const files = readdirSync(folder)
    .filter((name) => CACHE_FILE.test(name))
    .map((name) => {
      try {
        return { path: join(folder, name), time: statSync(join(folder, name)).mtimeMs };
      } catch {
        return undefined; // removed by a run beside this one
      }
    })
    .filter((f) => f !== undefined)
    .sort((a, b) => b.time - a.time);
  for (const { path } of files.slice(keep)) {
    try {
      unlinkSync(path);
    } catch {
      // removed by a run beside this one
    }
  }
}

function readCache(path: string | undefined): Buffer | undefined {
  if (!path) return undefined;
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** Written under another name and renamed, so a run never reads a half-written cache from a run beside it. */
function writeCache(path: string, data: Buffer): void {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const partial = `${path}.${process.pid}.tmp`;
    writeFileSync(partial, data, { mode: 0o600 });
    renameSync(partial, path);
    pruneCaches(dirname(path));
  } catch {
    // a read-only home or a full disk: the next run compiles again, as without a cache
  }
}

export async function main(): Promise<number> {
  // as setUpProcess() does (process-setup.ts), but before the compile: V8 checks a cache against the flags
  setV8Flags();
  const file = fileURLToPath(new URL(`./${CLI_CODE}`, import.meta.url));
  const cache = cachePath();
  const cachedData = readCache(cache);
  // the script has no `import()` (the build turns them into require()), so it needs no dynamic import callback
  // read as Latin-1: the build writes the script in ASCII alone (scripts/bundle.ts, asciiOnly), so it is the same
  // string, decoded in half the time of UTF-8 (3.5 MB at every start: about 10 ms, issue #18)
  const script = new vm.Script(readFileSync(file, "latin1"), { filename: file, cachedData });
  const nodeRequire = createRequire(file);
  const require = (id: string): unknown => {
    const group = VENDORED[id];
    return group ? (nodeRequire(`./vendor-${group}.cjs`) as Record<string, unknown>)[id] : nodeRequire(id);
  };
  const module = { exports: {} as { main(): Promise<number> } };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, require, module, file, dirname(file), pathToFileURL(file).href);
  const exitCode = await module.exports.main();
  if (cache && (!cachedData || script.cachedDataRejected)) writeCache(cache, script.createCachedData());
  return exitCode;
}

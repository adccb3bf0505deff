/**
 * What the CLI process loads, per command: `--version` and `rules` load no parser, a lint of SQL files loads
 * libpg-query and neither Prism nor tree-sitter, a lint of a Rails migration adds Prism only. Checked on a
 * fresh build of the bundle run through bin/migguard.js, by recording every module file the process loads and
 * every module the CLI's script runs (the script holds them all and runs each when first imported), looked up
 * in esbuild's metafile (never by timing). Also: later runs start from the code cache (src/cli/code-cache.ts)
 * and print what the first printed, and a damaged cache is replaced, not trusted.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Metafile } from "esbuild";
import { ROOT, writeBundle } from "../../scripts/bundle.js";
import { CLI_CODE } from "../../src/cli/code-cache.js";

const RECORDER = join(import.meta.dirname, "support", "record-loaded-modules.mjs");

let install: string;
let metafile: Metafile;
let project: string;
let cacheDir: string;
/** Modules of the CLI's script that run only when first imported (esbuild wraps each in a function). */
let lazyInScript: Set<string>;

beforeAll(async () => {
  // bin/migguard.js beside a fresh bundle, laid out as in the package
  install = mkdtempSync(join(tmpdir(), "migguard-startup-"));
  metafile = (await writeBundle(join(install, "bundle"), { recordModules: true })).metafile;
  const script = readFileSync(join(install, "bundle", CLI_CODE), "latin1");
  lazyInScript = new Set([...script.matchAll(/(?:__esm|__commonJS)\(\{"([^"]+)"/g)].map((m) => m[1]));
  cacheDir = mkdtempSync(join(tmpdir(), "migguard-startup-cache-"));
  mkdirSync(join(install, "bin"));
  // bin/package.json makes the entry CommonJS, as in the package
  for (const name of ["migguard.js", "package.json"]) copyFileSync(join(ROOT, "bin", name), join(install, "bin", name));
  writeFileSync(join(install, "package.json"), JSON.stringify({ type: "module" }));

  project = mkdtempSync(join(tmpdir(), "migguard-startup-project-"));
  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), content);
  };
  write("migrations/000001_index.up.sql", "CREATE INDEX users_email_idx ON users (email);\n");
  write("migrations/000001_index.down.sql", "DROP INDEX users_email_idx;\n");
  // a Prisma project: the drop's column is a field schema.prisma still declares; a config file of prisma-ast's that
  // would mark its run (the bundle's parser searches for none)
  write("prisma/schema.prisma", 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n\nmodel JobVersion {\n  id         String  @id\n  isPrepared Boolean @default(false) @map("prepare")\n}\n');
  write("prisma/migrations/20240101000000_init/migration.sql", 'CREATE TABLE "JobVersion" ("id" TEXT NOT NULL, "prepare" BOOLEAN NOT NULL DEFAULT false, CONSTRAINT "JobVersion_pkey" PRIMARY KEY ("id"));\n');
  write("prisma/migrations/20240201000000_drop_prepare/migration.sql", 'ALTER TABLE "JobVersion" DROP COLUMN "prepare";\n');
  write(".prisma-astrc.js", 'require("node:fs").writeFileSync(require("node:path").join(__dirname, "config-ran"), "");\nmodule.exports = {};\n');
  write("db/migrate/20240101000000_add_index.rb", "class AddIndex < ActiveRecord::Migration[7.1]\n  def change\n    add_index :users, :email\n  end\nend\n");
}, 180_000);

/** The source modules (paths as esbuild names them) inside the bundle files a CLI run loaded, the Node built-ins it loaded, and its output. */
function sourcesLoaded(args: string[]): { status: number | null; sources: string[]; builtins: string[]; stdout: string; esModules: string[] } {
  const record = join(install, `loaded-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(record, "");
  const run = spawnSync(process.execPath, ["--import", RECORDER, join(install, "bin", "migguard.js"), ...args], {
    cwd: project,
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "", MIGGUARD_LOADED_MODULES: record, MIGGUARD_CACHE_DIR: cacheDir, MIGGUARD_CODE_CACHE: "" },
  });
  if (run.status === 2 || run.error) throw new Error(`migguard ${args.join(" ")} failed: ${run.stderr}`);
  const outputs = new Map(Object.entries(metafile.outputs).map(([path, output]) => [basename(path), output]));
  const lines = readFileSync(record, "utf8").split("\n");
  const files = lines.filter((url) => url.startsWith("file:")).map((url) => fileURLToPath(url));
  const sources = files.filter((f) => dirname(f) === join(install, "bundle")).flatMap((f) => Object.keys(outputs.get(basename(f))?.inputs ?? {}));
  // the CLI's script (read by bundle/cli.cjs, not imported): the modules it runs at its start, and those it ran later
  const scriptInputs = Object.keys(outputs.get(CLI_CODE)?.inputs ?? {});
  if (scriptInputs.length === 0) throw new Error(`no ${CLI_CODE} in the metafile`);
  sources.push(...scriptInputs.filter((s) => !lazyInScript.has(s)));
  sources.push(...lines.filter((l) => l.startsWith("module:")).map((l) => l.slice("module:".length)));
  // anything loaded from outside the bundle (node_modules) would escape this check
  expect(files.filter((f) => !f.startsWith(install))).toEqual([]);
  const esModules = lines.filter((l) => l.startsWith("esm:file:")).map((l) => fileURLToPath(l.slice("esm:".length)));
  return { status: run.status, sources, builtins: lines.filter((l) => l.startsWith("builtin:")).map((l) => l.slice("builtin:".length)), stdout: run.stdout, esModules };
}

/**
 * How a run came to load `target`: the import chain from the CLI's entry through modules the run loaded, with as
 * few `import()` steps as there are (those are the lazy loads meant to be there; the static step is the culprit).
 */
function chainTo(sources: string[], target: string): string {
  const loaded = new Set(sources);
  const previous = new Map<string, string>();
  const dynamicSteps = new Map<string, number>([["src/cli/main.ts", 0]]);
  const queue = ["src/cli/main.ts"]; // 0-1 breadth-first: static imports go to the front
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const next of metafile.inputs[current]?.imports ?? []) {
      const steps = dynamicSteps.get(current)! + (next.kind === "dynamic-import" ? 1 : 0);
      if (!loaded.has(next.path) || steps >= (dynamicSteps.get(next.path) ?? Infinity)) continue;
      dynamicSteps.set(next.path, steps);
      previous.set(next.path, current);
      if (next.kind === "dynamic-import") queue.push(next.path);
      else queue.unshift(next.path);
    }
  }
  const chain: string[] = [];
  for (let at: string | undefined = target; at; at = previous.get(at)) chain.unshift(at);
  return chain.join("\n  -> ");
}

/** Fails with the import chain that loaded the first source matching `pattern`. */
function expectNotLoaded(sources: string[], pattern: RegExp, what: string): void {
  const offending = sources.find((s) => pattern.test(s));
  if (offending) throw new Error(`${what} was loaded (${offending}), through:\n  ${chainTo(sources, offending)}\nLoad it where it is needed (await import()), or move what this chain uses into a module that does not import it.`);
}

const PRISM = /node_modules\/@ruby\/prism\//;
const PRISMA_AST = /node_modules\/(@mrleebo\/prisma-ast|chevrotain|@chevrotain\/[^/]+)\//;
const TREE_SITTER = /node_modules\/(web-tree-sitter|tree-sitter-python)\//;
const LIBPG_QUERY = /node_modules\/libpg-query\//;
const CONFIG_CODE = /node_modules\/(zod|yaml)\//;
const matching = (sources: string[], pattern: RegExp) => sources.filter((s) => pattern.test(s));

it("--version loads no parser and almost nothing else", () => {
  const { status, sources } = sourcesLoaded(["--version"]);
  expect(status).toBe(0);
  expect(sources.filter((s) => s.includes("node_modules/"))).toEqual([]);
  expect(sources.filter((s) => s.startsWith("src/engine/"))).toEqual([]);
});

it("rules loads the rules but no parser", () => {
  const { status, sources } = sourcesLoaded(["rules"]);
  expect(status).toBe(0);
  expect(sources.some((s) => s.startsWith("src/engine/rules/"))).toBe(true);
  expectNotLoaded(sources, PRISM, "Prism");
  expectNotLoaded(sources, TREE_SITTER, "tree-sitter");
  expectNotLoaded(sources, LIBPG_QUERY, "libpg-query");
});

it("a lint of one SQL file loads libpg-query, and neither Prism, tree-sitter, the config code (zod, YAML), Babel nor the executor", () => {
  const { status, sources } = sourcesLoaded(["lint", "migrations/000001_index.up.sql"]);
  expect(status).toBe(1); // index-without-concurrently: the lint really ran
  expect(matching(sources, LIBPG_QUERY).length).toBeGreaterThan(0);
  expectNotLoaded(sources, PRISM, "Prism");
  expectNotLoaded(sources, TREE_SITTER, "tree-sitter");
  expectNotLoaded(sources, CONFIG_CODE, "The config's zod schema or YAML parser");
  expectNotLoaded(sources, /node_modules\/@babel\/parser\//, "Babel's parser (Node start files of the deploy)");
  expectNotLoaded(sources, PRISMA_AST, "The Prisma schema's parser");
  expectNotLoaded(sources, /^src\/(execute\/|report\/sarif\.ts|engine\/review\/)/, "Execution, SARIF or review code");
});

it("the entry and the bundle's loader are CommonJS: a lint of one SQL file loads no ES module of the package (an ES module entry costs 1-3 ms of start)", () => {
  const { status, esModules } = sourcesLoaded(["lint", "migrations/000001_index.up.sql"]);
  expect(status).toBe(1);
  expect(esModules.filter((f) => f.startsWith(install))).toEqual([]);
});

it("a lint of one migration runs no git, so it does not load node:child_process", () => {
  const { status, builtins } = sourcesLoaded(["lint", "migrations/000001_index.up.sql"]);
  expect(status).toBe(1);
  expect(builtins).toContain("fs"); // the recorder saw the built-ins
  expect(builtins).not.toContain("child_process");
});

it("a lint of a Rails migration loads Prism, and still not tree-sitter", () => {
  const { status, sources } = sourcesLoaded(["lint", "db/migrate/20240101000000_add_index.rb"]);
  expect(status).toBe(1);
  expect(matching(sources, PRISM).length).toBeGreaterThan(0);
  expectNotLoaded(sources, TREE_SITTER, "tree-sitter");
});

it("a lint of a Prisma migration loads the Prisma schema's parser, reads the field the schema still declares, and runs no config file of the repository", () => {
  const { status, sources, stdout } = sourcesLoaded(["lint", "prisma/migrations"]);
  expect(status).toBe(1);
  expect(matching(sources, PRISMA_AST).length).toBeGreaterThan(0);
  expect(stdout).toContain('The Prisma schema still declares it (prisma/schema.prisma:8: isPrepared Boolean @default(false) @map("prepare"))');
  expect(existsSync(join(project, "config-ran"))).toBe(false);
});

describe("the code cache", () => {
  const cacheFiles = () => readdirSync(cacheDir).filter((f) => f.endsWith("-lint.v8cache"));
  const lint = () => sourcesLoaded(["lint", "migrations/000001_index.up.sql"]);

  it("is written by a lint and used, not rewritten, by the next one, which prints the same", () => {
    const first = lint();
    expect(cacheFiles()).toHaveLength(1);
    const written = statSync(join(cacheDir, cacheFiles()[0])).mtimeMs;
    const second = lint();
    expect(second.stdout).toBe(first.stdout);
    expect(second.stdout).toContain("index-without-concurrently");
    // written only when missing or refused by V8: an unchanged file means V8 took it
    expect(statSync(join(cacheDir, cacheFiles()[0])).mtimeMs).toBe(written);
  });

  it("of a lint of a folder is its own: a one-file lint's cache is neither read nor rewritten by it", () => {
    lint();
    const [oneFile] = cacheFiles();
    const written = statSync(join(cacheDir, oneFile)).mtimeMs;
    const folders = () => readdirSync(cacheDir).filter((f) => f.endsWith("-lint-folders.v8cache"));
    expect(sourcesLoaded(["lint", "migrations"]).stdout).toContain("index-without-concurrently");
    expect(folders()).toHaveLength(1);
    expect(statSync(join(cacheDir, oneFile)).mtimeMs).toBe(written);
    const folderWritten = statSync(join(cacheDir, folders()[0])).mtimeMs;
    sourcesLoaded(["lint", "migrations"]);
    expect(statSync(join(cacheDir, folders()[0])).mtimeMs).toBe(folderWritten);
  });

  it("is replaced when V8 refuses it, and the lint is the same", () => {
    const before = lint().stdout;
    const path = join(cacheDir, cacheFiles()[0]);
    writeFileSync(path, Buffer.alloc(4096, 7));
    expect(lint().stdout).toBe(before);
    expect(readFileSync(path).equals(Buffer.alloc(4096, 7))).toBe(false);
  });
});

/**
 * The bundle (`npm run bundle` writes it to bundle/, which is committed; `npm run compile` also does): the CLI (bin/migguard.js runs
 * bundle/cli.cjs) and the GitHub Action (action.yml runs bundle/action.js) with every dependency inside, plus the
 * WebAssembly parsers they load from beside their code. A cold Action runner or an install from git therefore
 * builds nothing and, for the Action, installs nothing.
 *
 * - The CLI is one script, bundle/cli-code.js, that bundle/cli.cjs (src/cli/code-cache.ts) runs from V8's code
 *   cache: Node 20 caches compiled code for scripts only (issue #18). What a command loads on demand (`import()`:
 *   a parser, the review, SARIF, the executor) stays in the script but runs only when asked for (esbuild wraps
 *   each such module in a function); the largest packages a SQL lint never runs are files of their own
 *   (bundle/vendor-*.cjs, see VENDORED), required when used.
 * - The Action and the PGlite worker are ES modules with code splitting: `import()` gets its own chunk, so a SQL
 *   lint in the Action never reads Prism.
 * - Deterministic: the same sources and lock file give the same bytes (test/distribution/bundle.test.ts compares a
 *   fresh build with the committed one, the way the rule docs are checked).
 * - PGlite, node-postgres and mysql2 stay outside (only `lint --execute` loads them, from node_modules): PGlite
 *   finds its own large data files beside its package.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { createHash } from "node:crypto";
import { build, type BuildOptions, type Metafile, type Plugin } from "esbuild";
import { CLI_CODE, VENDORED } from "../src/cli/code-cache.js";
import { PARSER_WASM } from "../src/engine/adapters/wasm-file.js";
import { loadOnce } from "../src/engine/load-once.js";

export const ROOT = join(import.meta.dirname, "..");
export const BUNDLE_DIR = join(ROOT, "bundle");

/**
 * ES module output file -> source entry. `worker` is the PGlite worker that pglite-executor.ts starts as ./worker.js,
 * `parse-worker` the parse worker of a large lint that parse-pool.ts starts as ./parse-worker.js.
 */
const ENTRIES = {
  action: "src/action/main.ts",
  worker: "src/execute/pglite/worker.ts",
  "parse-worker": "src/cli/parse-worker.ts",
};
const CLI_ENTRY = "src/cli/main.ts";
/** Built into bundle/cli.cjs, the entry bin/migguard.js requires: it runs CLI_ENTRY's script. */
const CLI_LOADER = "src/cli/code-cache.ts";
const CLI_LOADER_FILE = "cli.cjs";


/** Packages loaded from node_modules at run time (only by `lint --execute`). */
const EXTERNAL = ["@electric-sql/pglite", "@electric-sql/pglite/*", "pg", "mysql2", "mysql2/*"];

// CommonJS code inside an ES module bundle (libpg-query's Emscripten loader, picomatch) still asks for
// require, __filename and __dirname: each output file defines them for itself.
const BANNER = [
  'import { createRequire as __migguardCreateRequire } from "node:module";',
  'import { fileURLToPath as __migguardFileURLToPath } from "node:url";',
  'import { dirname as __migguardDirname } from "node:path";',
  "const require = __migguardCreateRequire(import.meta.url);",
  "const __filename = __migguardFileURLToPath(import.meta.url);",
  "const __dirname = __migguardDirname(__filename);",
].join("\n");

/**
 * Modules of pure data that the zod schemas compute when imported: the bundle carries their values, computed
 * here, instead of zod, the schemas and the YAML parser, which a SQL lint without a config file never needs.
 */
const PRECOMPUTED = ["src/engine/config-defaults.ts", "src/engine/operation-defaults.ts"];

function literal(name: string, value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined || !isDeepStrictEqual(JSON.parse(json), value)) throw new Error(`${name} is not plain JSON data: it cannot be precomputed into the bundle`);
  return json;
}

/** The precomputed modules' values by absolute path. */
const precomputedValues = new Map<string, Record<string, unknown>>();

/**
 * Imports the precomputed modules once per process, one after the other: esbuild calls onLoad for several files at
 * once, and the ES and CommonJS builds run side by side, but Jest's ESM loader fails concurrent first imports of
 * shared modules (zod: "request for ... is not in cache"), as src/engine/load-once.ts explains.
 */
const loadPrecomputed = loadOnce(async () => {
  for (const path of PRECOMPUTED) {
    const absolute = join(ROOT, path);
    precomputedValues.set(absolute, (await import(absolute)) as Record<string, unknown>);
  }
});

const precomputed: Plugin = {
  name: "precomputed",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (!PRECOMPUTED.some((path) => join(ROOT, path) === args.path)) return undefined;
      await loadPrecomputed();
      const values = precomputedValues.get(args.path)!;
      const contents = Object.entries(values).map(([name, value]) => `export const ${name} = ${literal(name, value)};`);
      return { contents: contents.join("\n"), loader: "js" };
    });
  },
};

/**
 * @mrleebo/prisma-ast reads its parser options, when imported, from a config file it searches for (lilconfig) from
 * the working directory up: package.json files, `.prisma-astrc.js`, `prisma-ast.config.js`, which it would run.
 * migguard gives the parser its own options (prisma-schema.ts), and the CLI and the Action run in the repository
 * they check: the bundle's lilconfig finds nothing, so no file of the repository is read or run beyond its input.
 */
const noConfigSearch: Plugin = {
  name: "no-config-search",
  setup(build) {
    build.onResolve({ filter: /^lilconfig$/ }, () => ({ path: "lilconfig", namespace: "no-config-search" }));
    build.onLoad({ filter: /.*/, namespace: "no-config-search" }, () => ({
      contents: "export const lilconfigSync = () => ({ search: () => null, load: () => null, clearLoadCache() {}, clearSearchCache() {}, clearCaches() {} });",
      loader: "js",
    }));
  },
};

/** The ES module build: the Action and the PGlite worker, with code splitting. */
export function bundleOptions(outdir = BUNDLE_DIR): BuildOptions {
  return {
    ...common(outdir),
    entryPoints: ENTRIES,
    entryNames: "[name]",
    chunkNames: "chunk-[hash]",
    splitting: true,
    format: "esm",
    external: EXTERNAL,
    banner: { js: BANNER },
    plugins: [precomputed, noConfigSearch],
  };
}

export interface BundleFile {
  /** path relative to bundle/ */
  path: string;
  contents: Uint8Array;
}

export interface Bundle {
  files: BundleFile[];
  /** esbuild's account of which source modules went into which output file (all builds together) */
  metafile: Metafile;
}

export interface BundleBuildOptions {
  /**
   * Tests only (test/cli/startup.test.ts): the CLI's script reports every module it runs to
   * `globalThis.__migguardModuleRun(path)`, the path as esbuild's metafile names it.
   */
  recordModules?: boolean;
}

/** The options every build shares: Node 20, whitespace and syntax minified, names kept (stack traces stay readable). */
function common(outdir: string): BuildOptions {
  const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
  return {
    absWorkingDir: ROOT,
    outdir,
    bundle: true,
    platform: "node",
    target: "node20.19",
    // the ES module build of packages that ship both (libpg-query), so unused code can be dropped
    mainFields: ["module", "main"],
    define: { MIGGUARD_VERSION: JSON.stringify(version) },
    minifyWhitespace: process.env.PROF_READABLE ? false : true,
    minifySyntax: true,
    legalComments: "eof",
    logLevel: "warning",
    metafile: true,
    write: false,
  };
}

/** Parameters of the function that bundle/cli-code.js is (code-cache.ts calls it): CommonJS's, and import.meta.url's value. */
const CLI_CODE_PARAMETERS = "exports, require, module, __filename, __dirname, __migguardImportMetaUrl";

/**
 * `\uXXXX` for every character outside ASCII (esbuild leaves some in regular expressions): V8 then keeps the
 * script as one byte per character, half the memory. Valid wherever the characters can be (strings, regular
 * expressions, template literals' cooked values, comments, identifiers).
 */
const asciiOnly = (code: string): string => code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** esbuild's wrappers of lazily run modules, each given a first statement that reports the module (recordModules). */
const RUNTIME_WRAPPERS: Array<[string, string]> = [
  ["var __esm=(fn,res,err)=>function(){", "fn&&globalThis.__migguardModuleRun?.(__getOwnPropNames(fn)[0]);"],
  ["var __commonJS=(cb,mod)=>function(){", "mod||globalThis.__migguardModuleRun?.(__getOwnPropNames(cb)[0]);"],
];

function recordingModules(code: string): string {
  let out = code;
  for (const [wrapper, report] of RUNTIME_WRAPPERS) {
    if (!out.includes(wrapper)) throw new Error(`recordModules: esbuild's runtime no longer defines ${wrapper}: update RUNTIME_WRAPPERS in scripts/bundle.ts`);
    out = out.replace(wrapper, wrapper + report);
  }
  return out;
}

/** The CLI as one script (see code-cache.ts): CommonJS without splitting, wrapped in a function. */
async function buildCliCode(outdir: string, options: BundleBuildOptions): Promise<{ file: BundleFile; metafile: Metafile }> {
  const base = common(outdir);
  const result = await build({
    ...base,
    entryPoints: { [CLI_CODE.replace(/\.js$/, "")]: CLI_ENTRY },
    format: "cjs",
    // `import()` becomes require(): V8 drops a script's dynamic import callback when it comes from the code cache
    // (mysql2 and the Node modules web-tree-sitter imports are all CommonJS or built in)
    supported: { "dynamic-import": false },
    external: [...EXTERNAL, ...Object.keys(VENDORED)],
    define: { ...base.define, "import.meta.url": "__migguardImportMetaUrl" },
    plugins: [precomputed],
  });
  const [output] = result.outputFiles!;
  let code = `(function (${CLI_CODE_PARAMETERS}) {${asciiOnly(output.text)}\n})`;
  if (options.recordModules) code = recordingModules(code);
  return { file: { path: CLI_CODE, contents: Buffer.from(code, "latin1") }, metafile: result.metafile! };
}

/** A CommonJS output's import.meta.url is its own file's (web-tree-sitter finds its WebAssembly beside it). */
const CJS_IMPORT_META_URL = {
  define: { "import.meta.url": "__migguardImportMetaUrl" },
  banner: { js: 'var __migguardImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
};

/** bundle/vendor-<group>.cjs: the packages of one VENDORED group, as `{ [package]: its exports }`. */
async function buildVendor(outdir: string, group: string): Promise<{ file: BundleFile; metafile: Metafile }> {
  const packages = Object.keys(VENDORED).filter((name) => VENDORED[name] === group);
  const path = `vendor-${group}.cjs`;
  const result = await build({
    ...common(outdir),
    stdin: { contents: `module.exports = {${packages.map((name) => `${JSON.stringify(name)}: require(${JSON.stringify(name)})`).join(", ")}};`, resolveDir: ROOT, sourcefile: `${path} (vendored packages)` },
    outfile: join(outdir, path),
    outdir: undefined,
    format: "cjs",
    define: { ...common(outdir).define, ...CJS_IMPORT_META_URL.define },
    banner: CJS_IMPORT_META_URL.banner,
    plugins: [noConfigSearch],
  });
  return { file: { path, contents: result.outputFiles![0].contents }, metafile: result.metafile! };
}

/**
 * bundle/cli.cjs: code-cache.ts, told the hash of the script it runs. CommonJS, as bin/migguard.js is: a process
 * whose entry and loader are ES modules spends 1-3 ms more starting (`npm run bench -- cli`, issue #18).
 */
async function buildCliLoader(outdir: string, code: BundleFile): Promise<{ file: BundleFile; metafile: Metafile }> {
  const base = common(outdir);
  const hash = createHash("sha256").update(code.contents).digest("hex").slice(0, 16);
  const result = await build({
    ...base,
    entryPoints: { cli: CLI_LOADER },
    format: "cjs",
    outExtension: { ".js": ".cjs" },
    define: { ...base.define, MIGGUARD_CLI_CODE_HASH: JSON.stringify(hash), ...CJS_IMPORT_META_URL.define },
    banner: CJS_IMPORT_META_URL.banner,
  });
  return { file: { path: CLI_LOADER_FILE, contents: result.outputFiles![0].contents }, metafile: result.metafile! };
}

function mergedMetafile(metafiles: Metafile[]): Metafile {
  return { inputs: Object.assign({}, ...metafiles.map((m) => m.inputs)), outputs: Object.assign({}, ...metafiles.map((m) => m.outputs)) };
}

/** Build the bundle in memory: its JavaScript files and the WebAssembly copied beside them. */
export async function buildBundle(outdir = BUNDLE_DIR, options: BundleBuildOptions = {}): Promise<Bundle> {
  const modules = await build(bundleOptions(outdir));
  const code = await buildCliCode(outdir, options);
  const built = [code, await buildCliLoader(outdir, code.file), ...(await Promise.all([...new Set(Object.values(VENDORED))].map((group) => buildVendor(outdir, group))))];
  const require = createRequire(join(ROOT, "package.json"));
  const files: BundleFile[] = modules.outputFiles!.map((f) => ({ path: relative(outdir, f.path), contents: f.contents }));
  for (const b of built) files.push(b.file);
  // the parsers' WebAssembly, which their loaders look for beside the code that loads them
  for (const asset of PARSER_WASM) files.push({ path: basename(asset), contents: readFileSync(require.resolve(asset)) });
  return { files: files.sort((a, b) => a.path.localeCompare(b.path)), metafile: mergedMetafile([modules.metafile!, ...built.map((b) => b.metafile)]) };
}

/** Replace `outdir` (bundle/) with a fresh build. */
export async function writeBundle(outdir = BUNDLE_DIR, options: BundleBuildOptions = {}): Promise<Bundle> {
  const bundle = await buildBundle(outdir, options);
  rmSync(outdir, { recursive: true, force: true });
  for (const file of bundle.files) {
    mkdirSync(dirname(join(outdir, file.path)), { recursive: true });
    writeFileSync(join(outdir, file.path), file.contents);
  }
  return bundle;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { files } = await writeBundle();
  const total = files.reduce((sum, f) => sum + f.contents.length, 0);
  console.error(`bundle/: ${files.length} files, ${(total / 1024 / 1024).toFixed(1)} MB`);
}

/**
 * The bundle (`npm run bundle` writes it to bundle/, which is committed; `npm run compile` also does): the CLI (bin/migguard.js runs
 * bundle/cli.js) and the GitHub Action (action.yml runs bundle/action.js) as ES modules with every
 * dependency inside, plus the WebAssembly parsers they load from beside their code. A cold Action runner or
 * an install from git therefore builds nothing and, for the Action, installs nothing.
 *
 * - Code splitting: what a command loads on demand (`import()`: a parser, the review, SARIF, the executor)
 *   lands in its own chunk, so `migguard --version` compiles a few kilobytes and a SQL lint never reads Prism.
 * - Deterministic: the same sources and lock file give the same bytes (test/dist/bundle.test.ts compares a
 *   fresh build with the committed one, the way the rule docs are checked).
 * - PGlite, node-postgres and mysql2 stay outside (only `lint --execute` loads them, from node_modules): PGlite
 *   finds its own large data files beside its package.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { build, type BuildOptions, type Metafile, type Plugin } from "esbuild";
import { PARSER_WASM } from "../src/engine/adapters/wasm-file.js";

export const ROOT = join(import.meta.dirname, "..");
export const BUNDLE_DIR = join(ROOT, "bundle");

/** Output file -> source entry. `worker` is the PGlite worker that pglite-executor.ts starts as ./worker.js. */
const ENTRIES = {
  cli: "src/cli/main.ts",
  action: "src/action/main.ts",
  worker: "src/execute/pglite/worker.ts",
};


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

const precomputed: Plugin = {
  name: "precomputed",
  setup(build) {
    const paths = new Set(PRECOMPUTED.map((path) => join(ROOT, path)));
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (!paths.has(args.path)) return undefined;
      const values = (await import(args.path)) as Record<string, unknown>;
      const contents = Object.entries(values).map(([name, value]) => `export const ${name} = ${literal(name, value)};`);
      return { contents: contents.join("\n"), loader: "js" };
    });
  },
};

export function bundleOptions(outdir = BUNDLE_DIR): BuildOptions {
  const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
  return {
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir,
    entryNames: "[name]",
    chunkNames: "chunk-[hash]",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20.18",
    // the ES module build of packages that ship both (libpg-query), so unused code can be dropped
    mainFields: ["module", "main"],
    external: EXTERNAL,
    banner: { js: BANNER },
    define: { MIGGUARD_VERSION: JSON.stringify(version) },
    // less for V8 to parse at every start; names are kept, so stack traces stay readable
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: "eof",
    plugins: [precomputed],
    logLevel: "warning",
    metafile: true,
  };
}

export interface BundleFile {
  /** path relative to bundle/ */
  path: string;
  contents: Uint8Array;
}

export interface Bundle {
  files: BundleFile[];
  /** esbuild's account of which source modules went into which output file */
  metafile: Metafile;
}

/** Build the bundle in memory: its JavaScript files and the WebAssembly copied beside them. */
export async function buildBundle(outdir = BUNDLE_DIR): Promise<Bundle> {
  const result = await build({ ...bundleOptions(outdir), write: false });
  const require = createRequire(join(ROOT, "package.json"));
  const files: BundleFile[] = result.outputFiles.map((f) => ({ path: relative(outdir, f.path), contents: f.contents }));
  // the parsers' WebAssembly, which their loaders look for beside the code that loads them
  for (const asset of PARSER_WASM) files.push({ path: basename(asset), contents: readFileSync(require.resolve(asset)) });
  return { files: files.sort((a, b) => a.path.localeCompare(b.path)), metafile: result.metafile! };
}

/** Replace `outdir` (bundle/) with a fresh build. */
export async function writeBundle(outdir = BUNDLE_DIR): Promise<Bundle> {
  const bundle = await buildBundle(outdir);
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

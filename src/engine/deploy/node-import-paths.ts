/**
 * Where a Node module's import points inside the project: a relative specifier (`./database`), or a bare one that the
 * nearest tsconfig.json maps through `compilerOptions.baseUrl` / `paths` (zipline's `import { migrations } from
 * 'server/util'` with `"baseUrl": "src"`). tsconfig.json is JSON with comments and trailing commas, read with Babel's
 * expression parser; a config it `extends` is not followed (its baseUrl is unknown here, so such an import is not
 * resolved). Part of the Node start reader (node-start.ts), loaded with it.
 */
import { parseExpression } from "@babel/parser";
import type { SourceFile } from "../model.js";
import { dirOf } from "../paths.js";
import { isTsconfigPath } from "./deploy-paths.js";
import { isWithin } from "../repository/fact-paths.js";

/** a tsconfig's module resolution, its folders from the repository root */
interface ImportPaths {
  baseUrl?: string;
  /** `paths` patterns (at most one `*` each) with their targets */
  paths: { pattern: string; targets: string[] }[];
}


/** `a/b/../c` as `a/c` */
export function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && out.length > 0 && out[out.length - 1] !== "..") out.pop();
    else out.push(part);
  }
  return out.join("/");
}

/** A JSON-like literal as a plain value (objects, arrays, strings); anything else as undefined. */
function literal(node: { type: string; [key: string]: unknown }): unknown {
  if (node.type === "StringLiteral") return node.value;
  if (node.type === "ArrayExpression") return (node.elements as (typeof node | null)[]).map((e) => (e ? literal(e) : undefined));
  if (node.type === "ObjectExpression") {
    const out: Record<string, unknown> = {};
    for (const property of node.properties as (typeof node)[]) {
      const key = property.key as typeof node | undefined;
      const name = key?.type === "StringLiteral" ? (key.value as string) : key?.type === "Identifier" ? (key.name as string) : undefined;
      if (property.type === "ObjectProperty" && name !== undefined) out[name] = literal(property.value as typeof node);
    }
    return out;
  }
  return undefined;
}

const cache = new WeakMap<SourceFile, ImportPaths | null>();

/** A tsconfig.json's baseUrl and paths, folders from the repository root; undefined when it sets neither or does not parse. */
function importPaths(file: SourceFile): ImportPaths | undefined {
  if (!cache.has(file)) {
    let read: ImportPaths | null = null;
    try {
      const json = literal(parseExpression(file.content, { errorRecovery: false }) as unknown as { type: string }) as { compilerOptions?: { baseUrl?: unknown; paths?: unknown } } | undefined;
      const options = json?.compilerOptions;
      const dir = dirOf(file.path);
      const from = (p: string) => normalize(`${dir || "."}/${p}`);
      const baseUrl = typeof options?.baseUrl === "string" ? from(options.baseUrl) : undefined;
      const mapped = options?.paths && typeof options.paths === "object" ? Object.entries(options.paths as Record<string, unknown>) : [];
      // `paths` targets are relative to baseUrl when there is one, else to the tsconfig's folder (TypeScript 4.1+)
      const paths = mapped.map(([pattern, targets]) => ({ pattern, targets: (Array.isArray(targets) ? targets : []).filter((t): t is string => typeof t === "string").map((t) => normalize(`${baseUrl ?? (dir || ".")}/${t}`)) }));
      if (baseUrl !== undefined || paths.length > 0) read = { baseUrl, paths };
    } catch {
      // not JSON this parser reads: its imports stay unresolved
    }
    cache.set(file, read);
  }
  return cache.get(file) ?? undefined;
}

const EXTENSIONS = [".ts", ".js", ".mts", ".mjs", ".cts", ".cjs", ".tsx", "/index.ts", "/index.js"];

/** The file a path names, as TypeScript resolves it: as written, with an extension, or a folder's index. */
function fileAt(base: string, files: ReadonlyMap<string, SourceFile>): SourceFile | undefined {
  const stem = base.replace(/\.[cm]?js$/, "");
  for (const candidate of [base, ...EXTENSIONS.map((ext) => `${stem}${ext}`)]) {
    const file = files.get(candidate);
    if (file) return file;
  }
  return undefined;
}

/** The paths a bare specifier maps to under a tsconfig: its `paths` patterns first, then baseUrl. */
function mappedPaths(specifier: string, config: ImportPaths): string[] {
  const out: string[] = [];
  for (const { pattern, targets } of config.paths) {
    const star = pattern.indexOf("*");
    if (star === -1 ? pattern !== specifier : !(specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1)) && specifier.length >= pattern.length - 1)) continue;
    const matched = star === -1 ? "" : specifier.slice(star, specifier.length - (pattern.length - star - 1));
    out.push(...targets.map((t) => t.replace("*", matched)));
  }
  if (config.baseUrl !== undefined) out.push(normalize(`${config.baseUrl || "."}/${specifier}`));
  return out;
}

/**
 * The file an import in `from` names, among `files` (by path): a relative specifier from the importing file's folder,
 * a bare one through the nearest tsconfig.json above it (a package of node_modules is not among the files).
 */
export function resolveImport(from: string, specifier: string, files: ReadonlyMap<string, SourceFile>): SourceFile | undefined {
  if (specifier.startsWith(".")) return fileAt(normalize(`${dirOf(from) || "."}/${specifier}`), files);
  const config = [...files.values()].filter((f) => isTsconfigPath(f.path) && isWithin(dirOf(f.path), from)).sort((a, b) => b.path.length - a.path.length)[0];
  const paths = config && importPaths(config);
  if (!paths) return undefined;
  for (const path of mappedPaths(specifier, paths)) {
    const file = fileAt(path, files);
    if (file) return file;
  }
  return undefined;
}
